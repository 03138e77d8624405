"""Two plans side by side with a team added or removed: the expected villages and people are worked out here from
the rows of a small district (who may work where, how many people are left in each village), not from the
planner."""

from __future__ import annotations

import io
from dataclasses import replace

import pytest
from openpyxl import load_workbook

import services
from core.analysis.scoring import Weights
from core.planning.compare import NewTeam, TeamChange, compare_plans, with_team_change
from core.planning.deployment import PlanSettings
from services import followup
from tests.fixtures.four_villages import VILLAGES, four_villages

CENTRES = {"03160": (22.0, 102.8), "03161": (22.01, 102.81), "03200": (22.02, 102.79)}
SETTINGS = PlanSettings(nights=8, capacity=30, max_travel_minutes=90.0, stay_in_area=True, time_limit=20.0)


def _left(v) -> int:
    """People still without level-2 e-ID: eligible less the baseline (every report predates the data's date)."""
    return max(v["eligible_citizens"] - v["eid_level2_baseline"], 0)


@pytest.fixture(scope="module")
def district():
    """Two commune teams (T1 in 03160, T3 in 03200); commune 03161 (village V3) has no team at all."""
    data = four_villages()
    units = data.units.assign(
        lat=data.units["code"].map(lambda c: CENTRES.get(c, (None, None))[0]),
        lon=data.units["code"].map(lambda c: CENTRES.get(c, (None, None))[1]),
    )
    teams = data.teams[data.teams["team_id"] != "T2"].reset_index(drop=True)
    tv = data.team_villages[data.team_villages["team_id"] != "T2"].reset_index(drop=True)
    return replace(data, units=units, teams=teams, team_villages=tv)


def _plans(data, change):
    ranked = services.ranked(data, Weights.preset())
    a = services.plan(data, ranked, SETTINGS)
    b = services.plan_with_teams(data, ranked, SETTINGS, change)
    return a, b, compare_plans(a, b)


def test_a_removed_team_s_villages_leave_the_plan_when_no_other_team_may_go_there(district):
    a, b, found = _plans(district, TeamChange(removed=("T3",)))
    # T3 is the only team of commune 03200 and commune teams stay in their commune: its villages leave
    lost = {v["village_id"] for v in VILLAGES if v["commune_code"] == "03200" and _left(v) > 0}
    assert lost == {"V4"}
    assert "T3" not in set(b.rows["team_id"]) and "T3" in set(a.rows["team_id"])
    assert set(found.villages.loc[found.villages["change"] == "leaves", "village_id"]) == lost
    assert not (found.villages["change"] == "enters").any()
    measures = found.summary.set_index("measure")["change"]
    t3 = a.rows[a.rows["team_id"] == "T3"]
    assert measures["team_nights"] == -int(t3["nights"].sum())
    assert measures["people_reached"] == -int(t3["expected_people"].sum())
    assert measures["teams"] == -1 and measures["villages"] == -len(lost)


def test_a_team_added_at_a_commune_brings_its_villages_in(district):
    team = NewTeam("NEW-03161-1", "Đội thử", "youth_volunteer", "03161", 6, 30, 8)
    a, b, found = _plans(district, TeamChange(added=(team,)))
    wanted = {v["village_id"] for v in VILLAGES if v["commune_code"] == "03161" and _left(v) > 0}
    assert wanted == {"V3"}
    assert set(found.villages.loc[found.villages["change"] == "enters", "village_id"]) == wanted
    assert not (found.villages["change"] == "leaves").any()
    assert set(b.rows.loc[b.rows["team_id"] == team.team_id, "village_id"]) == wanted
    # 30 people a night for 8 nights is more than V3's people left: all of them are reached
    people = sum(_left(v) for v in VILLAGES if v["village_id"] in wanted)
    assert found.summary.set_index("measure").loc["people_reached", "change"] == people


def test_an_added_team_is_refused_an_id_the_data_already_has(district):
    clash = NewTeam("T1", "Trùng mã", "community_tech", "03161", 3, 30, 8)
    with pytest.raises(ValueError, match="T1"):
        with_team_change(district, TeamChange(added=(clash,)))


def test_a_new_team_is_named_by_its_type_and_commune_with_a_fresh_id(district):
    team = services.new_team(district, "youth_volunteer", "03161", 6, 25, 4, "vi")
    assert team.team_name == "Đội thanh niên tình nguyện (giả định) – Xã Nà Bủng"
    assert team.team_id not in set(district.teams["team_id"])
    words = services.team_change_words(TeamChange(removed=("T3",), added=(team,)), district, "vi")
    assert words == (
        "bớt Tổ T3; thêm Đội thanh niên tình nguyện (giả định) – Xã Nà Bủng: 6 thành viên, 25 người/đêm, 4 đêm"
    )


def test_the_workbook_lists_the_measures_the_villages_and_each_plan_s_setting(district):
    team = NewTeam("NEW-03161-1", "Đội thử", "youth_volunteer", "03161", 6, 30, 8)
    a, b, _found = _plans(district, TeamChange(removed=("T3",), added=(team,)))
    tables = followup.comparison_tables(a, b, district, "vi")
    setup = (("A", "8 đêm"), ("B", '=HYPERLINK("http://x")'))  # words a person typed may look like a formula
    book = load_workbook(io.BytesIO(followup.comparison_xlsx(tables, "vi", settings=setup)))
    summary, villages, settings = book.worksheets
    rows = {r[0]: r[1:] for r in summary.iter_rows(min_row=2, values_only=True)}
    assert rows["Số tổ, đội"] == (2, 2, 0)
    moved = {r[0]: r[2] for r in villages.iter_rows(min_row=2, values_only=True)}
    assert moved == {"Bản V3": "Vào kế hoạch (chỉ có ở B)", "Bản V4": "Ra khỏi kế hoạch (chỉ có ở A)"}
    assert [c.value for c in settings[1]] == ["Phương án", "Cài đặt"]
    assert settings["B3"].value == '\'=HYPERLINK("http://x")'  # text, never a formula
