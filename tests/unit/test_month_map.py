"""The Map page's months: the months offered, the version shown at each month's end, and the villages that changed
in a month. Expected values are worked out here from the rows themselves by the rules core.analysis.month_map
states (signal: weak/3G/4G; power: yes/partial; team: named in team_villages), not by calling it."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from core.analysis.month_map import (
    Dated,
    change_words,
    month_end,
    month_versions,
    months_of,
    valid_month,
    village_changes,
)
from core.i18n import t
from core.storage import store

SIGNAL = {"weak", "3g", "4g"}
POWER = {"yes", "partial"}


def status(dataset) -> dict[str, tuple[bool, bool, bool]]:
    """village id → (has signal, has power, has a team), by the rules above."""
    teams = set(dataset.team_villages["village_id"].astype(str))
    return {
        str(r.village_id): (r.mobile_signal in SIGNAL, r.grid_electricity in POWER, str(r.village_id) in teams)
        for r in dataset.villages.itertuples()
    }


def expected_moves(before, after) -> dict[str, tuple[int, int, int]]:
    old, new = status(before), status(after)
    out = {}
    for vid in old.keys() & new.keys():
        move = tuple(int(b) - int(a) for a, b in zip(old[vid], new[vid]))
        if any(move):
            out[vid] = move
    return out


def as_dict(frame) -> dict[str, tuple[int, int, int]]:
    return {str(vid): (int(r.signal), int(r.power), int(r.team)) for vid, r in frame.iterrows()}


VERSIONS = [
    Dated(1, date(2025, 4, 30)),
    Dated(2, date(2025, 5, 31)),
    Dated(3, date(2025, 6, 30)),
    Dated(4, date(2025, 6, 30)),  # a second version of June's data: the newer one shows June
    Dated(5, date(2025, 8, 12)),  # nothing dated in July
    Dated(6, None),  # a version without a date is not offered
]


def test_a_month_is_offered_when_some_version_is_dated_in_it_oldest_first():
    assert months_of(VERSIONS) == ["2025-04", "2025-05", "2025-06", "2025-08"]
    assert months_of(reversed(VERSIONS)) == ["2025-04", "2025-05", "2025-06", "2025-08"]


def test_a_month_ends_on_its_last_day():
    assert [month_end(m) for m in ("2025-02", "2024-02", "2025-04", "2025-12")] == [
        date(2025, 2, 28),
        date(2024, 2, 29),
        date(2025, 4, 30),
        date(2025, 12, 31),
    ]


def test_each_month_shows_the_newest_data_dated_by_its_end_and_compares_with_the_month_before():
    assert month_versions(VERSIONS, "2025-04") == (1, None)  # nothing before April: nothing changed in it
    assert month_versions(VERSIONS, "2025-05") == (2, 1)
    assert month_versions(VERSIONS, "2025-06") == (4, 2)
    # August compares with the end of July, which June's data still described
    assert month_versions(VERSIONS, "2025-08") == (5, 4)


def test_a_link_month_counts_only_when_it_is_one_of_the_offered_months():
    months = months_of(VERSIONS)
    assert valid_month("2025-05", months) == "2025-05"
    for text in ("2025-07", "2025-5", "2025-13", "05/2025", "", None, "2025-05;x"):
        assert valid_month(text, months) is None


def test_villages_that_gained_or_lost_signal_power_or_a_team_and_no_other(ds):
    villages = ds.villages.copy()
    villages["mobile_signal"] = villages["mobile_signal"].astype(object)
    villages["grid_electricity"] = villages["grid_electricity"].astype(object)
    villages.loc[villages["village_id"] == "V1", "mobile_signal"] = "3g"  # gains signal
    villages.loc[villages["village_id"] == "V2", "grid_electricity"] = "partial"  # gains power
    villages.loc[villages["village_id"] == "V4", "mobile_signal"] = "none"  # loses signal
    links = ds.team_villages[ds.team_villages["village_id"] != "V3"]  # V3 loses its only team
    after = dataclasses.replace(ds, villages=villages, team_villages=links)
    found = as_dict(village_changes(ds, after))
    assert found == expected_moves(ds, after)
    assert found == {"V1": (1, 0, 0), "V2": (0, 1, 0), "V3": (0, 0, -1), "V4": (-1, 0, 0)}
    assert village_changes(ds, ds).empty


def test_a_change_is_named_in_both_languages():
    row = {"signal": 1, "power": 0, "team": 1}
    assert [t(k, "vi") for k in change_words(row)] == ["có sóng di động", "có tổ, đội phụ trách mới"]
    assert [t(k, "en") for k in change_words(row)] == ["gained mobile signal", "gained a covering team"]
    lost = {"signal": -1, "power": -1, "team": -1}
    assert [t(k, "vi") for k in change_words(lost)] == [
        "mất sóng di động",
        "mất điện lưới",
        "không còn tổ, đội phụ trách",
    ]


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory, demo_history):
    return demo_history(tmp_path_factory.mktemp("months"))


def test_the_demo_history_offers_four_months_and_each_month_s_changes_follow_the_rules(demo_store):
    versions = [Dated(v.id, v.as_of) for v in store.list_versions(demo_store)]
    assert months_of(versions) == ["2025-04", "2025-05", "2025-06", "2025-07"]
    loaded = {v.id: store.load_dataset(v.id, demo_store) for v in versions}
    total = 0
    for month in months_of(versions):
        shown, before = month_versions(versions, month)
        found = {} if before is None else as_dict(village_changes(loaded[before], loaded[shown]))
        expected = {} if before is None else expected_moves(loaded[before], loaded[shown])
        assert found == expected, month
        total += len(found)
    assert total > 0  # the demo's history has villages that changed


def test_the_map_rings_only_the_changed_villages_the_view_shows_and_says_how_each_changed(ds):
    from presentation.map_payload import changed_marks

    villages = ds.villages.copy()
    villages["mobile_signal"] = villages["mobile_signal"].astype(object)
    villages.loc[villages["village_id"] == "V1", "mobile_signal"] = "3g"
    links = ds.team_villages[ds.team_villages["village_id"] != "V3"]
    after = dataclasses.replace(ds, villages=villages, team_villages=links)
    moves = village_changes(ds, after)
    order = list(after.villages["village_id"])  # the browser's order: every village here has a position
    marks = changed_marks(after, after, moves, "vi")
    assert sorted(zip(marks["i"], marks["tip"])) == [
        (order.index("V1"), "Tháng này: có sóng di động"),
        (order.index("V3"), "Tháng này: không còn tổ, đội phụ trách"),
    ]
    only_v1 = dataclasses.replace(after, villages=after.villages[after.villages["village_id"] == "V1"])
    marks = changed_marks(after, only_v1, moves, "en")
    assert (marks["i"], marks["tip"]) == ([order.index("V1")], ["This month: gained mobile signal"])
