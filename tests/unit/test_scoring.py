"""Priority scores: contributions add up, needs rank higher, weights travel in the link."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest

from core.analysis.interventions import interventions
from core.analysis.scoring import (
    COMPONENTS,
    PRESETS,
    Weights,
    remaining_citizens,
    score_villages,
    weights_from_params,
    weights_to_params,
)


def _with_villages(dataset, rows):
    villages = pd.DataFrame(rows).astype({"eligible_citizens": "Int64", "eid_level2_baseline": "Int64"})
    return replace(
        dataset,
        villages=villages,
        team_villages=dataset.team_villages.iloc[0:0],
        activities=dataset.activities.iloc[0:0],
    )


def _village(vid, signal="4g", power="yes", remaining=100):
    return {
        "village_id": vid,
        "village_name": vid,
        "commune_code": "03166",
        "district_code": "103",
        "lat": 22.2,
        "lon": 102.9,
        "mobile_signal": signal,
        "grid_electricity": power,
        "smartphone_share": 0.5,
        "owner_sim_share": 0.8,
        "ethnic_minority_share": 0.9,
        "travel_minutes": 30.0,
        "eligible_citizens": 300,
        "eid_level2_baseline": 300 - remaining,
        "population": 400,
    }


def test_village_without_signal_ranks_above_weak_signal(demo_dataset):
    ds = _with_villages(demo_dataset, [_village("V-weak", signal="weak"), _village("V-none", signal="none")])
    ranked = score_villages(ds, Weights.preset())
    assert list(ranked["village_id"]) == ["V-none", "V-weak"]


def test_contributions_add_up_to_the_score(demo_dataset):
    ranked = score_villages(demo_dataset, Weights.preset("hardest_first"))
    parts = ranked[[f"contrib_{c}" for c in COMPONENTS]].sum(axis=1)
    assert (parts - ranked["score"]).abs().max() < 1e-9
    assert ranked["score"].between(0, 100).all()


def test_remaining_citizens_subtract_baseline_and_later_activations(demo_dataset):
    acts = pd.DataFrame(
        {
            "date": pd.to_datetime(["2025-07-05", "2025-05-01"]),
            "team_id": ["T", "T"],
            "village_id": ["V1", "V1"],
            "kind": ["session", "session"],
            "eid_level2": pd.array([20, 50], dtype="Int64"),
        }
    )
    ds = replace(_with_villages(demo_dataset, [_village("V1", remaining=100)]), activities=acts)
    # only the activation after as_of (30/06/2025) counts; the May one is already in the baseline
    assert remaining_citizens(ds)["V1"] == 80


def test_remaining_never_goes_below_zero(demo_dataset):
    ds = _with_villages(demo_dataset, [_village("V1", remaining=-40)])
    assert remaining_citizens(ds)["V1"] == 0


@pytest.mark.parametrize("name", list(PRESETS))
def test_presets_round_trip_through_the_link(name):
    weights = Weights.preset(name)
    again, notices = weights_from_params(weights_to_params(weights))
    assert again == weights and notices == []


def test_custom_weights_round_trip_through_the_link():
    weights = Weights.of({"remaining": 2.5, "signal": 1})
    params = weights_to_params(weights)
    assert "w" in params
    assert weights_from_params(params)[0] == weights


def test_all_zero_weights_are_refused():
    with pytest.raises(ValueError):
        Weights.of({c: 0 for c in COMPONENTS})


def test_interventions_follow_the_gaps():
    villages = pd.DataFrame([_village("A", signal="none", power="no"), _village("B")])
    villages.loc[1, "ethnic_minority_share"] = 0.1
    villages.loc[1, "smartphone_share"] = 0.9
    got = interventions(villages)
    assert "offline_visit" in got[0] and "daytime_power_banks" in got[0] and "bilingual_member" in got[0]
    assert got[1] == ("door_to_door",)


def _scores_of(dataset, weights=None):
    return score_villages(dataset, weights or Weights.preset()).set_index("village_id")["score"]


def test_a_village_scores_the_same_in_the_province_and_in_every_view_and_area(demo_dataset):
    from datetime import date

    from core.model.filters import Filter
    from core.model.scope import Area
    from services.priorities import view

    province = _scores_of(demo_dataset)
    views = {
        "Nậm Pồ": view(demo_dataset, Filter(district="103")),
        "one commune": view(demo_dataset, Filter(district="103", commune="03166")),
        "youth teams only": view(demo_dataset, Filter(team_types=frozenset({"youth_volunteer"}))),
        "villages without signal": view(demo_dataset, Filter(gaps=frozenset({"no_signal"}))),
        "activities of 2023": view(demo_dataset, Filter(date_from=date(2023, 1, 1), date_to=date(2023, 12, 31))),
        "a Nậm Pồ lead's area": view(demo_dataset, Filter(), Area.of("103")),
        "the lead's area, one commune": view(demo_dataset, Filter(commune="03166"), Area.of("103")),
    }
    for name, data in views.items():
        scores = _scores_of(data)
        assert 0 < len(scores) <= len(province), name
        pd.testing.assert_series_equal(scores.sort_index(), province.loc[scores.index].sort_index(), obj=name)


def test_a_village_scores_the_same_in_the_province_export_and_a_district_export(demo_dataset):
    from core.model.filters import Filter
    from core.model.scope import Area
    from services.priorities import export_input, view

    weights = Weights.preset()
    whole = export_input(view(demo_dataset, Filter()), Filter(), weights, "vi").ranked.set_index("village_id")
    district = Filter(district="103")
    nam_po = export_input(view(demo_dataset, district), district, weights, "vi").ranked.set_index("village_id")
    lead = export_input(view(demo_dataset, Filter(), Area.of("103")), Filter(), weights, "vi", area=Area.of("103"))
    for part in (nam_po, lead.ranked.set_index("village_id")):
        assert set(part.index) < set(whole.index)
        pd.testing.assert_series_equal(part["score"], whole.loc[part.index, "score"])
        pd.testing.assert_series_equal(part["remaining"], whole.loc[part.index, "remaining"])
