"""Every figure has a date: `cli.py changes` reads each date's data from the store's versions (the version
whose data date is the latest on or before it), `cli.py pace` projects the month each level-2 target is
reached. Expected figures are worked out here from the rows the test wrote, by the rules the README states."""

from __future__ import annotations

import json
import math
from dataclasses import replace
from datetime import date

import pandas as pd
import pytest

from cli.main import main
from core.storage import history, store
from tests.fixtures.four_villages import ACTIVITIES, TEAM_VILLAGES, VILLAGES, activity, four_villages

NA = pd.NA


@pytest.fixture(autouse=True)
def _no_package(monkeypatch):
    monkeypatch.delenv("DXMAP_PACKAGE", raising=False)


def _with(dataset, *, as_of, villages=None, team_villages=None, reports=()):
    """`dataset` with other village rows, coverage and added (date, team, village, participants, level-2) reports."""
    out = replace(dataset, meta=replace(dataset.meta, as_of=as_of))
    if villages is not None:
        frame = pd.DataFrame(villages).astype({c: dataset.villages[c].dtype for c in dataset.villages.columns})
        out = replace(out, villages=frame)
    if team_villages is not None:
        tv = pd.DataFrame(team_villages, columns=["team_id", "village_id"]).astype("string")
        out = replace(out, team_villages=tv)
    if reports:
        rows = [activity(d, t, v, "session", p, eid_level2=e) for d, t, v, p, e in reports]
        added = pd.DataFrame(rows).astype({c: dataset.activities[c].dtype for c in rows[0]})
        out = replace(out, activities=pd.concat([out.activities, added], ignore_index=True))
    return out


def _village(vid, **changes):
    return {**next(v for v in VILLAGES if v["village_id"] == vid), **changes}


JULY_VILLAGES = [
    _village("V1", mobile_signal="3g"),  # gained signal
    _village("V2", grid_electricity="yes", eid_level2_baseline=38),  # gained power
    _village("V3", eid_level2_baseline=195),
    _village("V4", mobile_signal="none", grid_electricity="partial"),  # lost signal; partial power is power
]
JULY_TEAMS = [("T1", "V1"), ("T2", "V1"), ("T2", "V3"), ("T1", "V2")]  # V2 gained a team, V4 lost T3
REPORTS = [
    ("2025-07-05", "T2", "V3", 20, 9),
    ("2025-07-12", "T1", "V2", 15, 8),
    ("2025-07-20", "T1", "V1", NA, NA),
    ("2025-08-02", "T1", "V1", 10, 4),
]


def _store(url):
    june = four_villages()
    store.commit(june, url=url)  # version 1, data of 30/06
    july = _with(june, as_of=date(2025, 7, 31), villages=JULY_VILLAGES, team_villages=JULY_TEAMS, reports=REPORTS)
    store.commit(july, url=url)  # version 2, data of 31/07
    return june, july


def _level2(villages, reports, baseline_day, day):
    """Level 2 by district at `day`: baseline of the rows plus reported activations after their date up to `day`."""
    total: dict[str, int] = {}
    for v in villages:
        total[v["district_code"]] = total.get(v["district_code"], 0) + v["eid_level2_baseline"]
    district = {v["village_id"]: v["district_code"] for v in villages}
    for d, _t, vid, _p, e in reports:
        if baseline_day < d <= day and not pd.isna(e):
            total[district[vid]] += e
    return total


def test_the_version_describing_a_day_is_the_latest_dated_on_or_before_it(store_url):
    _store(store_url)
    assert history.version_at(date(2025, 6, 29), store_url) is None
    assert history.version_at(date(2025, 6, 30), store_url).id == 1
    assert history.version_at(date(2025, 7, 30), store_url).id == 1
    assert history.version_at(date(2025, 9, 1), store_url).id == 2
    data, version = history.dataset_at(date(2025, 7, 15), store_url)
    assert version.id == 1 and set(data.villages["mobile_signal"]) == {v["mobile_signal"] for v in VILLAGES}


def test_changes_between_two_dates_read_each_date_s_version(store_url, capsys):
    _store(store_url)
    assert main(["changes", "--from", "15/07/2025", "--to", "2025-08-31", "--db", store_url, "--json"]) == 0
    got = json.loads(capsys.readouterr().out)

    def has(row, flag):
        if flag == "signal":
            return row["mobile_signal"] in ("weak", "3g", "4g")
        if flag == "power":
            return row["grid_electricity"] in ("yes", "partial")
        pairs = TEAM_VILLAGES if row in VILLAGES else JULY_TEAMS
        return any(v == row["village_id"] for _, v in pairs)

    for flag in ("signal", "power", "team"):
        before = {v["village_id"]: has(v, flag) for v in VILLAGES}
        after = {v["village_id"]: has(v, flag) for v in JULY_VILLAGES}
        assert got[f"gained_{flag}"] == sorted(k for k in after if after[k] and not before[k]), flag
        assert got[f"lost_{flag}"] == sorted(k for k in after if before[k] and not after[k]), flag
    assert got["gained_signal"] == ["V1"] and got["lost_team"] == ["V4"]
    every = [(a["date"], a["team_id"], a["village_id"], a["participants"], a["eid_level2"]) for a in ACTIVITIES]
    every += list(REPORTS)
    before = _level2(VILLAGES, every, "2025-06-30", "2025-07-15")
    after = _level2(JULY_VILLAGES, every, "2025-07-31", "2025-08-31")
    wanted = [
        {"district_code": d, "before": before[d], "after": after[d], "change": after[d] - before[d]}
        for d in sorted(before)
    ]
    assert got["eid_level2"] == wanted
    assert (got["from_version"], got["to_version"], got["from_as_of"], got["to_as_of"]) == (
        1,
        2,
        "2025-06-30",
        "2025-07-31",
    )
    in_between = [r for r in every if "2025-07-15" < r[0] <= "2025-08-31"]
    types = {"T1": "community_tech", "T2": "youth_volunteer", "T3": "youth_volunteer"}
    counted = {}
    for _d, t, _v, p, _e in in_between:
        n, people = counted.get(types[t], (0, 0))
        counted[types[t]] = (n + 1, people + (0 if pd.isna(p) else p))
    assert got["activities_by_team_type"] == [
        {"team_type": k, "activities": n, "participants": p} for k, (n, p) in sorted(counted.items())
    ]


def test_a_bad_date_is_named(store_url, capsys):
    _store(store_url)
    assert main(["changes", "--from", "31/02/2025", "--to", "2025-08-31", "--db", store_url, "--json"]) == 1
    assert "31/02/2025" in capsys.readouterr().err


PACE_REPORTS = [
    ("2025-03-15", "T1", "V1", 10, 50),  # before the three months: not in the pace
    ("2025-05-10", "T1", "V1", 30, 30),
    ("2025-06-12", "T2", "V3", 40, 60),
    ("2025-06-20", "T3", "V4", 20, 12),
]


def _month_plus(month, k):
    y, m = (int(p) for p in month.split("-"))
    i = y * 12 + m - 1 + k
    return f"{i // 12:04d}-{i % 12 + 1:02d}"


def test_pace_projects_the_month_each_level2_target_is_reached(store_url, capsys):
    data = _with(four_villages(), as_of=date(2025, 6, 30), reports=PACE_REPORTS)
    store.commit(data, url=store_url)
    assert main(["pace", "--db", store_url, "--json"]) == 0
    got = json.loads(capsys.readouterr().out)
    assert got["months"] == ["2025-04", "2025-05", "2025-06"]
    every = [(a["date"], a["team_id"], a["village_id"], a["participants"], a["eid_level2"]) for a in ACTIVITIES]
    every += PACE_REPORTS
    district = {v["village_id"]: v["district_code"] for v in VILLAGES}
    targets = {"103": 500.0, "100": 250.0, "11": 1000.0}  # the fixture's targets ending 30/06/2025
    covered = {v for _, v in TEAM_VILLAGES}

    def expect(code, inside):
        monthly = [
            sum(e for d, _t, v, _p, e in every if d[:7] == m and inside(v) and not pd.isna(e))
            for m in ("2025-04", "2025-05", "2025-06")
        ]
        now = sum(v["eid_level2_baseline"] for v in VILLAGES if inside(v["village_id"]))
        pace = sum(monthly) / 3

        def month(rate):
            return None if rate <= 0 else _month_plus("2025-06", math.ceil((targets[code] - now) / rate))

        visited = (
            sum(
                len({v for d, _t, v, _p, _e in every if d[:7] == m and inside(v)})
                for m in ("2025-04", "2025-05", "2025-06")
            )
            / 3
        )
        without = sum(1 for v in VILLAGES if inside(v["village_id"]) and v["village_id"] not in covered)
        return {
            "target": targets[code],
            "target_period_end": "2025-06-30",
            "now": now,
            "monthly_pace": pace,
            "slowest_month": float(min(monthly)),
            "fastest_month": float(max(monthly)),
            "projected_month": month(pace),
            "projected_earliest": month(max(monthly)),
            "projected_latest": month(min(monthly)),
            "reached": False,
            "villages_without_team": without,
            "villages_per_month": visited,
            "months_to_visit": math.ceil(without / visited) if without else 0,
        }

    assert got["province"] == {"province_code": "11", **expect("11", lambda v: True)}
    assert got["districts"] == [
        {"district_code": c, **expect(c, lambda v, c=c: district[v] == c)} for c in ("100", "103")
    ]
    assert got["districts"][1]["projected_month"] == "2026-03" and got["districts"][0]["projected_latest"] is None


def test_an_area_s_pace_has_its_districts_and_no_province_row(store_url, capsys, monkeypatch):
    from argon2 import PasswordHasher

    from core import accounts

    monkeypatch.setattr(accounts, "_HASHER", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    store.commit(_with(four_villages(), as_of=date(2025, 6, 30), reports=PACE_REPORTS), url=store_url)
    accounts.add_account("lan", "mật khẩu đủ dài", "district_lead", area=["100"], actor="cli:test", url=store_url)
    assert main(["pace", "--db", store_url, "--json", "--as", "lan"]) == 0
    got = json.loads(capsys.readouterr().out)
    assert got["province"] is None
    assert [d["district_code"] for d in got["districts"]] == ["100"]
    assert got["districts"][0]["now"] == sum(v["eid_level2_baseline"] for v in VILLAGES if v["district_code"] == "100")


def test_a_package_has_one_version_so_only_its_reports_change(tmp_path, capsys):
    from tests.fixtures.packages import ACTIVITIES as REPORT_ROWS
    from tests.fixtures.packages import TEAMS, write_package

    folder = write_package(tmp_path / "pkg")
    assert main(["changes", "--from", "28/02/2025", "--to", "2025-03-31", "--package", str(folder), "--json"]) == 0
    got = json.loads(capsys.readouterr().out)
    assert got["gained_signal"] == got["lost_team"] == [] and got["from_version"] is None
    kinds = {row[0]: row[2] for row in TEAMS[1:]}
    counted: dict[str, list[int]] = {}
    for _day, team, _village, _kind, people, _e in REPORT_ROWS[1:]:  # every report is dated in March 2025
        entry = counted.setdefault(kinds[team], [0, 0])
        entry[0] += 1
        entry[1] += int(people or 0)
    assert got["activities_by_team_type"] == [
        {"team_type": k, "activities": n, "participants": p} for k, (n, p) in sorted(counted.items())
    ]


def test_an_area_s_changes_name_only_its_villages_and_districts(store_url):
    from core.model.scope import Area
    from services import followup

    _store(store_url)
    found = followup.changes(date(2025, 7, 15), date(2025, 8, 31), store_url, area=Area.of(["100"])).to_json()
    inside = {v["village_id"] for v in VILLAGES if v["district_code"] == "100"}
    every = [found[f"{w}_{f}"] for w in ("gained", "lost") for f in ("signal", "power", "team")]
    assert set().union(*map(set, every)) <= inside and found["lost_signal"] == ["V4"]
    assert [d["district_code"] for d in found["eid_level2"]] == ["100"]
