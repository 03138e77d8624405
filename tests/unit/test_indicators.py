"""Indicators on the four-village fixture (tests/fixtures/four_villages.py, the `ds` fixture), every expected
value worked out by hand in the comments."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pandas as pd
import pytest

from core.analysis import indicators as ind
from core.model.filters import Filter

# --- monthly trend --------------------------------------------------------------------------------------


def test_monthly_trend_sums_only_reported_counts_and_counts_the_blanks(ds):
    m = ind.monthly_outcome(ds, "eid_level2").set_index("month")
    assert list(m.index.strftime("%Y-%m")) == ["2025-01", "2025-02", "2025-03", "2025-04"]
    assert list(m["activities"]) == [2, 1, 0, 1]
    assert list(m["not_reported"]) == [1, 0, 0, 1]  # January's session and April's meeting left it blank
    assert m.loc["2025-01-01", "reported"] == 10
    assert m.loc["2025-02-01", "reported"] == 15


def test_a_month_where_nobody_reported_is_blank_not_zero(ds):
    m = ind.monthly_outcome(ds, "eid_level2").set_index("month")
    assert pd.isna(m.loc["2025-03-01", "reported"])  # no activity at all
    assert pd.isna(m.loc["2025-04-01", "reported"])  # an activity, but the count was left blank


def test_cumulative_carries_the_reported_total_forward(ds):
    m = ind.monthly_outcome(ds, "eid_level2")
    assert list(m["cumulative"]) == [10, 25, 25, 25]
    assert m["share_of_eligible"].iloc[-1] == pytest.approx(25 / 650)  # 100 + 50 + 200 + 300 eligible


def test_an_indicator_nobody_reported_has_no_cumulative_at_all(ds):
    m = ind.monthly_outcome(ds, "vssid_installs")
    assert m["reported"].isna().all() and m["cumulative"].isna().all()
    assert m["not_reported"].sum() == 4


def test_trend_of_an_empty_period_is_an_empty_frame(ds):
    view = Filter(date_from=date(2025, 5, 1)).apply(ds)
    assert ind.monthly_outcome(view, "eid_level2").empty


# --- progress to target ---------------------------------------------------------------------------------


def test_target_period_is_the_first_on_or_after_the_data_date(ds):
    assert ind.target_period(ds, "eid_level2") == date(2025, 6, 30)
    later = replace(ds, meta=replace(ds.meta, as_of=date(2025, 7, 1)))
    assert ind.target_period(later, "eid_level2") == date(2025, 12, 31)
    past = replace(ds, meta=replace(ds.meta, as_of=date(2026, 1, 31)))
    assert ind.target_period(past, "eid_level2") == date(2025, 12, 31)
    assert ind.target_period(ds, "vssid_installs") is None


def test_progress_per_district_uses_activated_level2_against_the_target_lowest_first(ds):
    p = ind.progress_to_target(ds).set_index("code")
    assert list(p.index) == ["103", "100"]  # 250 / 500 = 50 % before 150 / 250 = 60 %
    assert p.loc["103", "achieved"] == 250 and p.loc["103", "target"] == 500
    assert p.loc["103", "share_of_target"] == pytest.approx(0.5)
    assert p.loc["100", "share_of_target"] == pytest.approx(0.6)
    assert p.loc["103", "share_of_eligible"] == pytest.approx(250 / 350)
    assert p.loc["103", "unreached"] == 100  # 60 + 20 + 20


def test_progress_of_a_reported_indicator_leaves_unreported_areas_blank(ds):
    p = ind.progress_to_target(ds, "eid_level1").set_index("code")
    assert p.loc["103", "achieved"] == 17  # 12 + 5; the February session left it blank
    assert pd.isna(p.loc["100", "achieved"])  # no activity in district 100: not reported, not 0
    assert p["share_of_target"].isna().all()  # no eid_level1 targets


def test_progress_without_targets_when_the_view_holds_part_of_each_area(ds):
    p = ind.progress_to_target(ds, use_targets=False)
    assert p["target"].isna().all() and p["share_of_target"].isna().all()
    assert p.iloc[0]["code"] == "100"  # lowest share of eligible: 150 / 300


def test_province_progress_lists_each_province_target(ds):
    p = ind.province_progress(ds).set_index("indicator")
    assert p.loc["eid_level2", "achieved"] == 400 and p.loc["eid_level2", "share"] == pytest.approx(0.4)
    assert p.loc["digital_signatures", "period_end"] == date(2025, 12, 31)
    assert pd.isna(p.loc["digital_signatures", "achieved"]) and pd.isna(p.loc["digital_signatures", "share"])


def test_headline_figures_of_the_view(ds):
    h = ind.headline(ds, "eid_level2", target_area="11")
    assert (h["eligible"], h["activated"], h["target"]) == (650, 400, 1000.0)
    assert h["level2_share"] == pytest.approx(400 / 650) and h["target_share"] == pytest.approx(0.4)
    assert (h["reported"], h["activities"], h["not_reported"], h["team_nights"]) == (25, 4, 2, 3)
    assert ind.headline(ds, "eid_level2")["target_share"] is None  # a commune view has no target
    assert pd.isna(ind.headline(ds, "vssid_installs")["reported"])


# --- breakdowns, gaps, coverage -------------------------------------------------------------------------


def test_outcome_by_team_type_sorts_largest_first_and_counts_blanks(ds):
    b = ind.outcome_by(ds, "eid_level2", "team_type")
    assert list(b["key"]) == ["youth_volunteer", "community_tech"]
    assert list(b["reported"]) == [15, 10]
    assert list(b["not_reported"]) == [1, 1]


def test_outcome_by_district_names_the_district(ds):
    b = ind.outcome_by(ds, "eid_level2", "district")
    assert list(b["name"]) == ["Huyện Nậm Pồ"] and b["activities"].iloc[0] == 4
    with pytest.raises(ValueError):
        ind.outcome_by(ds, "eid_level2", "village")


def test_gap_coverage_splits_each_gap_into_covered_and_not(ds):
    g = ind.gap_coverage(ds).set_index("gap")
    assert tuple(g.loc["no_signal", ["villages", "covered", "not_covered"]]) == (1, 1, 0)
    assert tuple(g.loc["weak_signal", ["villages", "covered", "not_covered"]]) == (1, 1, 0)
    for gap in ("no_power", "low_smartphone", "unowned_sim"):  # all three are V2, which no team covers
        assert tuple(g.loc[gap, ["villages", "covered", "not_covered"]]) == (1, 0, 1)
    assert g.loc["partial_power", "villages"] == 0 and pd.isna(g.loc["partial_power", "share_covered"])


def test_uncovered_villages_lists_v2_with_its_gaps(ds):
    u = ind.uncovered_villages(ds)
    assert list(u["village_id"]) == ["V2"]
    assert u.loc[0, "unreached"] == 20 and u.loc[0, "commune"] == "Xã Nà Hỳ"
    assert u.loc[0, "gaps"] == ("no_power", "low_smartphone", "unowned_sim")


def test_a_team_type_filter_leaves_villages_of_other_teams_uncovered(ds):
    view = Filter(team_types=frozenset({"community_tech"})).apply(ds)
    assert set(ind.uncovered_villages(view)["village_id"]) == {"V2", "V3", "V4"}


# --- effectiveness quadrant -----------------------------------------------------------------------------


def test_effectiveness_places_communes_by_need_and_effort_medians(ds):
    e = ind.effectiveness(ds).set_index("code")
    # unreached: 03160 = 60 + 20 = 80, 03161 = 20, 03200 = 150 (median 80: only 03200 is above)
    assert dict(e["unreached"]) == {"03160": 80, "03161": 20, "03200": 150}
    # team-nights: 03160 = T1 on 10/01 (two visits, one night) + T2 on 20/04 = 2; 03161 = 1; 03200 = 0 (median 1)
    assert dict(e["team_nights"]) == {"03160": 2, "03161": 1, "03200": 0}
    assert e.loc["03200", "quadrant"] == "high_need_low_effort"
    assert e.loc["03160", "quadrant"] == "low_need_high_effort"
    assert e.loc["03161", "quadrant"] == "low_need_low_effort"
    assert e.loc["03200", "district"] == "Huyện Điện Biên"


def test_without_any_activity_every_commune_is_low_effort(ds):
    view = Filter(date_from=date(2025, 5, 1)).apply(ds)
    assert ind.effectiveness(view)["quadrant"].str.endswith("low_effort").all()


# --- teams ----------------------------------------------------------------------------------------------


def test_team_productivity_counts_nights_not_visits(ds):
    p = ind.team_productivity(ds).set_index("team_id")
    assert (p.loc["T1", "activities"], p.loc["T1", "team_nights"]) == (2, 1)
    assert p.loc["T1", "people_reached"] == 50 and p.loc["T1", "people_per_night"] == pytest.approx(50.0)
    assert p.loc["T1", "villages_covered"] == 1 and p.loc["T2", "villages_covered"] == 2


def test_people_per_night_ignores_nights_that_did_not_report_participants(ds):
    p = ind.team_productivity(ds).set_index("team_id")
    # T2: 40 people on 05/02; the 20/04 meeting left participants blank, so 40 / 1 night, not 40 / 2
    assert p.loc["T2", "team_nights"] == 2
    assert p.loc["T2", "people_per_night"] == pytest.approx(40.0)
    assert p.loc["T2", "eid_level2_per_night"] == pytest.approx(15.0)


def test_a_team_without_activity_is_idle_with_blank_rates(ds):
    p = ind.team_productivity(ds).set_index("team_id")
    assert not p.loc["T3", "active"] and p.loc["T3", "activities"] == 0
    assert pd.isna(p.loc["T3", "people_reached"]) and pd.isna(p.loc["T3", "people_per_night"])
    assert list(p.index[~p["active"]]) == ["T3"]


def test_a_later_period_makes_teams_idle(ds):
    view = Filter(date_from=date(2025, 2, 1)).apply(ds)
    p = ind.team_productivity(view)
    assert list(p.loc[~p["active"], "team_id"]) == ["T1", "T3"]


def test_teams_headline_totals(ds):
    h = ind.teams_headline(ind.team_productivity(ds), uncovered=1)
    assert (h["teams"], h["members"], h["youth"], h["women"], h["trained"]) == (3, 19, 15, 7, 10)
    assert h["idle"] == 1 and h["median_people_per_night"] == pytest.approx(45.0)  # median of 50 and 40


def test_team_villages_are_the_villages_a_team_covers(ds):
    assert list(ind.team_villages(ds, "T2")["village_id"]) == ["V1", "V3"]
    assert ind.team_villages(ds, "T9").empty


# --- takeaways ------------------------------------------------------------------------------------------


def test_progress_takeaway_names_the_lowest_district_without_its_prefix(ds):
    text = ind.takeaway_progress(ind.progress_to_target(ds), "vi")
    assert text.startswith("Nậm Pồ: đạt 50,0 % chỉ tiêu, thấp nhất")
    assert "Điện Biên, 60,0 %" in text
    assert ind.takeaway_progress(ind.progress_to_target(ds), "en").startswith("Nậm Pồ: 50.0% of target, lowest")


def test_trend_takeaway_says_how_many_activities_did_not_report(ds):
    text = ind.takeaway_trend(ind.monthly_outcome(ds, "eid_level2"), "eid_level2", "vi")
    assert text == (
        "Kích hoạt mức 2 do tổ, đội báo cáo, tháng 02/2025: 15 (cộng dồn 25); 2 trong 4 hoạt động chưa báo cáo."
    )
    assert "Chưa hoạt động nào" in ind.takeaway_trend(ind.monthly_outcome(ds, "vssid_installs"), "vssid_installs", "vi")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_level2_reported_by_teams_and_its_total_have_different_names(lang):
    reported, total = ind.reported_label("eid_level2", lang), ind.total_label("eid_level2", lang)
    assert reported != total
    assert ("tổ, đội báo cáo" if lang == "vi" else "reported by teams") in reported
    assert ("(tổng)" if lang == "vi" else "(total)") in total
    assert ind.reported_label("digital_signatures", lang) == ind.total_label("digital_signatures", lang)


def test_other_takeaways_are_computed_from_the_data(ds):
    assert ind.takeaway_gap_coverage(ind.gap_coverage(ds), "en").startswith("1 of 1 villages with no grid power")
    assert ind.takeaway_quadrant(ind.effectiveness(ds), "vi") == (
        "1 xã nhiều người chưa kích hoạt nhưng ít công sức: Thanh Nưa."
    )
    assert "Nậm Pồ" in ind.takeaway_breakdown(ind.outcome_by(ds, "eid_level2", "district"), "vi")


def test_short_names_drop_the_unit_prefix_whatever_its_capitals():
    assert ind.short_name("Thị Xã Mường Lay") == "Mường Lay"
    assert ind.short_name("Huyện Nậm Pồ") == "Nậm Pồ"


def test_unknown_indicator_is_refused(ds):
    with pytest.raises(ValueError):
        ind.monthly_outcome(ds, "likes")
