"""Map logic without a browser: worst gap, choropleth classes, click → filter, side-panel counts."""

from __future__ import annotations

import math

import pandas as pd

from core.analysis.map_logic import (
    Clicked,
    clicked_unit,
    commune_indicators,
    district_of_communes,
    filter_after_click,
    indicator_class,
    panel_counts,
    view_for_bounds,
    worst_gap,
)
from core.model.filters import Filter

DISTRICT_OF = {"03124": "094", "03127": "094", "03160": "095", "31000": None}


def villages(**columns) -> pd.DataFrame:
    base = {"mobile_signal": ["4g"], "grid_electricity": ["yes"], "smartphone_share": [0.9], "owner_sim_share": [0.9]}
    base.update(columns)
    return pd.DataFrame(base)


def test_no_signal_is_worse_than_no_power_and_weak_signal():
    v = villages(
        mobile_signal=["none", "weak", "4g", "4g"],
        grid_electricity=["no", "no", "partial", "yes"],
        smartphone_share=[0.9] * 4,
        owner_sim_share=[0.9, 0.9, 0.9, 0.2],
    )
    assert worst_gap(v).tolist() == ["no_signal", "no_power", "partial_power", "unowned_sim"]


def test_worst_gap_only_looks_at_the_chosen_gaps_and_blank_is_no_gap():
    v = villages(
        mobile_signal=["none", None],
        grid_electricity=["no", None],
        smartphone_share=[0.9, None],
        owner_sim_share=[0.9, None],
    )
    assert worst_gap(v, {"no_power"}).tolist() == ["no_power", ""]


def test_clicked_unit_reads_the_feature_properties_streamlit_folium_returns():
    assert clicked_unit({"type": "Feature", "properties": {"k": "c", "code": "03124", "tip": "x"}}) == Clicked(
        "commune", "03124"
    )
    assert clicked_unit({"properties": {"k": "v", "c": "03127"}}) == Clicked("village", "03127")
    assert clicked_unit({"properties": {"k": "d", "code": "094"}}) == Clicked("district", "094")
    assert clicked_unit({"properties": {"k": "t"}}) is None
    assert clicked_unit(None) is None
    assert clicked_unit("not a feature") is None


def test_a_commune_click_from_the_whole_province_first_selects_its_district():
    new = filter_after_click(Filter(), Clicked("commune", "03124"), DISTRICT_OF)
    assert (new.district, new.commune) == ("094", None)


def test_a_commune_click_inside_the_selected_district_selects_the_commune_and_keeps_the_gaps():
    current = Filter(district="094", gaps=frozenset({"no_signal"}))
    new = filter_after_click(current, Clicked("commune", "03127"), DISTRICT_OF)
    assert (new.district, new.commune, new.gaps) == ("094", "03127", frozenset({"no_signal"}))


def test_a_click_in_another_district_moves_to_that_district():
    new = filter_after_click(Filter(district="094", commune="03124"), Clicked("commune", "03160"), DISTRICT_OF)
    assert (new.district, new.commune) == ("095", None)
    new = filter_after_click(Filter(district="094"), Clicked("district", "095"), DISTRICT_OF)
    assert (new.district, new.commune) == ("095", None)


def test_a_village_click_drills_down_like_a_click_on_its_commune():
    new = filter_after_click(Filter(district="094"), Clicked("village", "03124"), DISTRICT_OF)
    assert (new.district, new.commune) == ("094", "03124")


def test_communes_without_district_are_selected_at_once_and_repeated_clicks_change_nothing():
    new = filter_after_click(Filter(), Clicked("commune", "31000"), DISTRICT_OF)
    assert (new.district, new.commune) == (None, "31000")
    assert filter_after_click(new, Clicked("commune", "31000"), DISTRICT_OF) is None
    assert filter_after_click(Filter(), None, DISTRICT_OF) is None


def test_choropleth_classes_rise_with_bad_shares_and_fall_with_coverage():
    shares = pd.Series([0.0, 0.1, 0.3, 0.5, float("nan")])
    assert indicator_class(shares, "no_signal").tolist() == [0, 1, 2, 3, -1]
    coverage = pd.Series([0.9, 0.6, 0.4, 0.1, float("nan")])
    assert indicator_class(coverage, "eid_level2").tolist() == [0, 1, 2, 3, -1]


def test_commune_indicators_are_shares_of_villages(demo_dataset):
    ind = commune_indicators(demo_dataset, demo_dataset.team_villages)
    assert len(ind) == demo_dataset.villages["commune_code"].nunique()
    assert int(ind["villages"].sum()) == len(demo_dataset.villages)
    for col in ("no_signal", "no_power", "uncovered", "eid_level2"):
        assert ind[col].dropna().between(0, 1).all()


def test_panel_counts_narrow_with_the_area(demo_dataset):
    whole = panel_counts(demo_dataset)
    district = demo_dataset.districts()["code"].iloc[0]
    part = panel_counts(Filter(district=district).apply(demo_dataset))
    assert whole["villages"] == 1522
    assert 0 < part["villages"] < whole["villages"]
    assert part["by_gap"]["no_signal"] <= whole["by_gap"]["no_signal"]
    assert 0 <= part["eid_level2_share"] <= 1


def test_district_of_communes_maps_each_commune_to_its_district(demo_dataset):
    mapping = district_of_communes(demo_dataset)
    assert len(mapping) == 129
    assert set(mapping.values()) <= set(demo_dataset.districts()["code"])


def test_a_smaller_area_gets_a_closer_zoom_around_its_centre():
    (lat, lon), province = view_for_bounds((102.1, 20.9, 103.6, 22.5))
    _, commune = view_for_bounds((103.0, 21.3, 103.1, 21.4))
    assert math.isclose(lat, 21.7) and math.isclose(lon, 102.85)
    assert commune > province
    assert province * 4 == int(province * 4)  # multiples of the map's zoomSnap


def test_fast_tooltip_numbers_match_the_app_formatting():
    from core.i18n import fmt_int, fmt_pct
    from presentation.map_tips import fast_ints, fast_pcts

    values = pd.Series([0.0, 7.0, 1665.0, 1234567.0, float("nan")])
    shares = pd.Series([0.0, 0.0449, 0.749, 1.0, float("nan")])
    for lang in ("vi", "en"):
        assert fast_ints(values, lang).tolist() == [fmt_int(None if x != x else x, lang) for x in values]
        assert fast_pcts(shares, lang).tolist() == [fmt_pct(None if x != x else x, lang) for x in shares]


def test_priority_choropleth_is_the_mean_village_score_per_commune(demo_dataset):
    from core.analysis.map_logic import commune_indicators, indicator_class
    from core.analysis.scoring import Weights, score_villages
    from presentation.map_tips import indicator_text

    scores = score_villages(demo_dataset, Weights.preset()).set_index("village_id")["score"]
    shading = commune_indicators(demo_dataset, demo_dataset.team_villages, scores)
    v = demo_dataset.villages
    one = v["commune_code"].iloc[0]
    expected = scores[v[v["commune_code"] == one]["village_id"]].mean() / 100
    assert abs(shading.loc[one, "priority"] - expected) < 1e-12
    classes = indicator_class(shading["priority"], "priority")
    assert set(classes) <= {0, 1, 2, 3} and classes.nunique() > 1
    assert indicator_text(0.4567, "priority", "vi") == "45,7"
