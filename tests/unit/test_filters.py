"""The shared Filter: link parameters in and out, notices for what it ignores, and what it keeps."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from core.analysis.kpis import GAPS
from core.model.filters import TEAM_TYPES, Filter


def test_a_district_lead_link_reopens_the_same_filter(demo_dataset):
    params = {
        "district": "103",
        "from": "2025-01-01",
        "to": "2025-06-30",
        "gap": "no_signal,no_power",
        "team_type": "youth_volunteer",
    }
    flt, notices = Filter.from_query_params(params, demo_dataset)
    assert notices == []
    assert flt.district == "103" and flt.date_from == date(2025, 1, 1)
    assert flt.gaps == {"no_signal", "no_power"} and flt.team_types == {"youth_volunteer"}
    assert flt.to_query_params() == params


def test_invalid_values_are_ignored_with_a_notice_naming_them(demo_dataset):
    flt, notices = Filter.from_query_params(
        {"district": "999", "from": "31/02/2025", "gap": "foo,no_signal", "team_type": "band"}, demo_dataset
    )
    assert flt == Filter(gaps=frozenset({"no_signal"}))
    assert {(n.param, n.value) for n in notices} == {
        ("district", "999"),
        ("from", "31/02/2025"),
        ("gap", "foo"),
        ("team_type", "band"),
    }


def test_codes_without_leading_zeros_are_understood(demo_dataset):
    flt, notices = Filter.from_query_params({"commune": "3166"}, demo_dataset)
    assert flt.commune == "03166" and notices == []


def test_commune_outside_the_district_is_dropped(demo_dataset):
    flt, notices = Filter.from_query_params({"district": "094", "commune": "03166"}, demo_dataset)
    assert flt.district == "094" and flt.commune is None
    assert notices[0].reason == "notice_commune_outside_district"


def test_district_filter_keeps_only_its_villages_activities_and_teams(demo_dataset):
    view = Filter(district="103").apply(demo_dataset)
    communes = demo_dataset.communes()
    nam_po_communes = set(communes[communes["parent_code"] == "103"]["code"])
    assert len(view.villages) > 0 and set(view.villages["commune_code"]) <= nam_po_communes
    assert set(view.activities["village_id"]) <= set(view.villages["village_id"])
    assert "YV-103-01" in set(view.teams["team_id"])
    assert not view.teams["base_code"].isin(["094"]).any()


def test_gap_filter_keeps_villages_with_any_chosen_gap(demo_dataset):
    view = Filter(gaps=frozenset({"no_signal", "no_power"})).apply(demo_dataset)
    v = view.villages
    assert ((v["mobile_signal"] == "none") | (v["grid_electricity"] == "no")).all()
    expected = (
        (demo_dataset.villages["mobile_signal"] == "none") | (demo_dataset.villages["grid_electricity"] == "no")
    ).sum()
    assert len(v) == expected


def test_period_filter_narrows_activities_only(demo_dataset):
    view = Filter(date_from=date(2025, 1, 1), date_to=date(2025, 3, 31)).apply(demo_dataset)
    assert view.activities["date"].between("2025-01-01", "2025-03-31").all()
    assert len(view.villages) == len(demo_dataset.villages)


def test_in_a_legacy_package_a_commune_code_means_the_legacy_commune(demo_dataset):
    view = Filter(commune="03127").apply(demo_dataset)  # also the code of a 2025 ward: legacy wins here
    assert set(view.villages["commune_code"]) == {"03127"}


def test_a_2025_package_with_legacy_coded_villages_filters_by_new_commune(demo_dataset):
    from dataclasses import replace

    ds = replace(demo_dataset, meta=replace(demo_dataset.meta, admin_system="2025"))
    cw = ds.crosswalk
    merged = set(cw[cw["commune_code_2025"] == "03127"]["legacy_commune_code"])
    assert len(merged) > 1
    flt, notices = Filter.from_query_params({"commune": "03127"}, ds)
    assert notices == []
    assert set(flt.apply(ds).villages["commune_code"]) == merged


@settings(max_examples=60, deadline=None)
@given(
    district=st.sampled_from([None, "094", "103"]),
    start=st.one_of(st.none(), st.dates(date(2023, 1, 1), date(2025, 6, 30))),
    gaps=st.frozensets(st.sampled_from(GAPS)),
    team_types=st.frozensets(st.sampled_from(TEAM_TYPES)),
)
def test_round_trip_through_the_link(demo_dataset, district, start, gaps, team_types):
    flt = Filter(district=district, date_from=start, gaps=gaps, team_types=team_types)
    again, notices = Filter.from_query_params(flt.to_query_params(), demo_dataset)
    assert again == flt and notices == []


# --- the period: the data's months, presets, dates a link may carry ------------------------------------


def test_the_data_period_runs_from_the_first_activity_to_the_data_date(demo_dataset):
    from core.model.filters import data_period

    assert data_period(demo_dataset) == (date(2023, 1, 1), date(2025, 6, 30))


def test_presets_name_the_last_full_month_the_last_three_and_the_whole_campaign(demo_dataset):
    from core.model.filters import preset_period

    assert preset_period("last_month", demo_dataset) == (date(2025, 6, 1), date(2025, 6, 30))
    assert preset_period("last_3_months", demo_dataset) == (date(2025, 4, 1), date(2025, 6, 30))
    assert preset_period("all", demo_dataset) == (None, None)


def test_a_month_not_yet_over_is_not_the_last_full_month(demo_dataset):
    from dataclasses import replace

    from core.model.filters import last_full_month

    acts = demo_dataset.activities
    cut = replace(
        demo_dataset,
        activities=acts[acts["date"] <= "2025-06-20"],
        meta=replace(demo_dataset.meta, as_of=date(2025, 6, 20)),
    )
    assert last_full_month(cut) == (date(2025, 5, 1), date(2025, 5, 31))


def test_the_preset_of_a_filter_is_recognised_from_its_dates(demo_dataset):
    from core.model.filters import preset_of

    assert preset_of(Filter(), demo_dataset) == "all"
    assert preset_of(Filter(date_from=date(2025, 6, 1), date_to=date(2025, 6, 30)), demo_dataset) == "last_month"
    assert preset_of(Filter(date_from=date(2025, 6, 2), date_to=date(2025, 6, 30)), demo_dataset) == "custom"


def test_link_dates_outside_the_data_period_are_ignored_with_a_notice(demo_dataset):
    flt, notices = Filter.from_query_params({"from": "1999-12-31", "to": "2100-01-02"}, demo_dataset)
    assert flt == Filter()
    assert {(n.param, n.value, n.reason) for n in notices} == {
        ("from", "1999-12-31", "notice_date_out_of_range"),
        ("to", "2100-01-02", "notice_date_out_of_range"),
    }


def test_the_idle_question_defaults_to_the_last_full_month(demo_dataset):
    from core.model.filters import idle_period

    assert idle_period(Filter(), demo_dataset) == (date(2025, 6, 1), date(2025, 6, 30), True)
    chosen = Filter(date_from=date(2025, 1, 1), date_to=date(2025, 3, 31))
    assert idle_period(chosen, demo_dataset) == (date(2025, 1, 1), date(2025, 3, 31), False)


# --- notices show what the link said, safely -----------------------------------------------------------


def test_a_long_link_value_is_cut_in_the_notice():
    from core.model.filters import Notice

    shown = Notice("gap", "x" * 100_000, "notice_unknown_gap").shown_value
    assert shown == "x" * 60 + "…"


def test_control_and_bidi_characters_are_shown_as_escapes():
    from core.model.filters import Notice

    shown = Notice("gap", "a\x00b\x1bc\u202ed\u2066e", "notice_unknown_gap").shown_value
    assert shown == "a\\x00b\\x1bc\\u202ed\\u2066e"
    assert Notice("district", "Mường Ảng 103", "notice_unknown_district").shown_value == "Mường Ảng 103"
