"""The adopted plan of a month and plan against done (`cli.py plan --adopt`, `cli.py progress`), on SQLite and
PostgreSQL. Expected figures come from the plan CSV the command wrote and the reports the test added, counted
here by the rules of the product (a planned pair is done when its team reported in its village within the month)."""

from __future__ import annotations

import csv
import json
from dataclasses import replace

import pandas as pd
import pytest
from argon2 import PasswordHasher

from cli.main import main
from core import accounts, audit
from core.storage import plans, store
from tests.fixtures.four_villages import VILLAGES, activity, four_villages

DISTRICT = {v["village_id"]: v["district_code"] for v in VILLAGES}
PASSWORD = "mật khẩu đủ dài 2026"


@pytest.fixture(autouse=True)
def _no_package(monkeypatch):
    monkeypatch.delenv("DXMAP_PACKAGE", raising=False)


def _plan(url, out, *extra):
    code = main(["plan", "--db", url, "-o", str(out), "--adopt", "--month", "2025-07", *extra])
    assert code == 0
    with open(out, encoding="utf-8-sig", newline="") as f:
        return [(r["team_id"], r["village_id"], int(r["expected_people"])) for r in csv.DictReader(f)]


def _add_reports(url, reports):
    """A new version: the store's data with these (date, team, village, participants) reports added."""
    data = store.load_dataset(url=url)
    rows = [activity(day, team, village, "session", people) for day, team, village, people in reports]
    added = pd.DataFrame(rows).astype({c: data.activities[c].dtype for c in rows[0]})
    store.commit(replace(data, activities=pd.concat([data.activities, added], ignore_index=True)), url=url)


def _progress(url, capsys, *extra):
    capsys.readouterr()
    assert main(["progress", "--db", url, "--month", "2025-07", "--json", *extra]) == 0
    return json.loads(capsys.readouterr().out)


def _expected(plan_rows, reports, villages=None):
    """Plan vs done by hand: pairs, and every report of the store (the fixture's and the added ones)."""
    base = [
        (a["date"], a["team_id"], a["village_id"], a["participants"])
        for a in four_villages().activities.to_dict("records")
    ]
    every = [(str(pd.Timestamp(d).date()), t, v, p) for d, t, v, p in [*base, *reports]]
    keep = set(DISTRICT) if villages is None else set(villages)
    in_month = [r for r in every if "2025-07-01" <= r[0] <= "2025-07-31" and r[2] in keep]
    planned = {(t, v) for t, v, _ in plan_rows if v in keep}
    reported = {(t, v) for _, t, v, _ in in_month}
    done, missed, unplanned = planned & reported, planned - reported, reported - planned

    def counts(pick):
        return {
            "planned": sum(1 for p in planned if pick(p)),
            "done": sum(1 for p in done if pick(p)),
            "missed": sum(1 for p in missed if pick(p)),
            "unplanned": sum(1 for p in unplanned if pick(p)),
        }

    teams = sorted({t for t, _ in planned | unplanned})
    districts = sorted({DISTRICT[v] for _, v in planned | unplanned})
    return {
        "month": "2025-07",
        "planned_pairs": len(planned),
        "done_pairs": len(done),
        "missed_pairs": len(missed),
        "unplanned_pairs": len(unplanned),
        "share_done": len(done) / len(planned) if planned else None,
        "people_planned": sum(people for t, v, people in plan_rows if v in keep),
        "people_reached": sum(0 if pd.isna(p) else p for _, t, v, p in in_month if (t, v) in planned),
        "teams": [{"team_id": x, **counts(lambda p, x=x: p[0] == x)} for x in teams],
        "districts": [{"district_code": x, **counts(lambda p, x=x: DISTRICT[p[1]] == x)} for x in districts],
    }


def _reports_for(plan_rows):
    (t0, v0, _), (t1, v1, _) = plan_rows[0], plan_rows[1]
    pairs = {(t, v) for t, v, _ in plan_rows}
    extra = next((t, v) for t in ("T2", "T1", "T3") for v in ("V3", "V1", "V4") if (t, v) not in pairs)
    return [
        ("2025-07-03", t0, v0, 12),
        ("2025-07-20", t0, v0, pd.NA),  # a second report of a done pair: still one pair, no participants
        ("2025-08-01", t1, v1, 9),  # after the month: the pair stays missed
        ("2025-06-30", t1, v1, 5),  # before the month
        ("2025-07-31", *extra, 7),  # a pair the plan did not name: unplanned
        ("2025-07-15", *extra, 4),
    ]


def test_progress_counts_done_missed_and_unplanned_pairs_of_the_adopted_plan(store_url, tmp_path, capsys):
    store.commit(four_villages(), url=store_url)
    plan_rows = _plan(store_url, tmp_path / "plan.csv")
    assert len(plan_rows) >= 2
    reports = _reports_for(plan_rows)
    _add_reports(store_url, reports)
    got = _progress(store_url, capsys)
    wanted = _expected(plan_rows, reports)
    assert got == wanted
    assert got["done_pairs"] == 1 and got["unplanned_pairs"] == 1 and got["people_reached"] == 12


def test_progress_of_one_district_counts_only_its_villages(store_url, tmp_path, capsys):
    store.commit(four_villages(), url=store_url)
    plan_rows = _plan(store_url, tmp_path / "plan.csv")
    reports = _reports_for(plan_rows)
    _add_reports(store_url, reports)
    for district in ("103", "100"):
        villages = [v for v, d in DISTRICT.items() if d == district]
        assert _progress(store_url, capsys, "--district", district) == _expected(plan_rows, reports, villages)


def test_adopting_again_replaces_the_plan_keeps_the_earlier_one_and_is_audited(store_url, tmp_path, capsys):
    store.commit(four_villages(), url=store_url)
    first = _plan(store_url, tmp_path / "first.csv")
    second = _plan(store_url, tmp_path / "second.csv", "--nights", "1")
    assert first != second
    kept = plans.history("2025-07", url=store_url)
    assert [len(p.rows) for p in kept] == [len(second), len(first)]
    assert kept[0].settings["nights"] == 1 and kept[1].settings["nights"] == 8
    assert _progress(store_url, capsys)["people_planned"] == sum(p for _, _, p in second)
    adoptions = [e for e in audit.entries(url=store_url) if e.action == "plan_adopt"]
    assert [e.detail["replaces"] for e in adoptions] == [None, kept[1].id]
    assert all(e.actor.startswith("cli:") for e in adoptions)


def test_a_district_lead_adopts_for_the_area_and_the_rest_of_the_month_s_plan_stays(
    store_url, tmp_path, capsys, monkeypatch
):
    monkeypatch.setattr(accounts, "_HASHER", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    store.commit(four_villages(), url=store_url)
    accounts.add_account("lan", PASSWORD, "district_lead", area=["103"], actor="cli:test", url=store_url)
    accounts.add_account("xem", PASSWORD, "viewer", actor="cli:test", url=store_url)
    province = _plan(store_url, tmp_path / "province.csv")
    lead = _plan(store_url, tmp_path / "lead.csv", "--as", "lan", "--max-travel-minutes", "600")
    assert lead and all(DISTRICT[v] == "103" for _, v, _ in lead)
    wanted = sorted([(t, v, p) for t, v, p in province if DISTRICT[v] != "103"] + lead)
    rows = plans.current("2025-07", url=store_url).rows
    assert sorted(zip(rows["team_id"], rows["village_id"], rows["expected_people"])) == wanted
    assert plans.current("2025-07", url=store_url).who == "lan"
    capsys.readouterr()
    assert (
        main(["plan", "--db", store_url, "-o", str(tmp_path / "x.csv"), "--adopt", "--month", "2025-07", "--as", "xem"])
        == 1
    )
    assert "xem" in capsys.readouterr().err
    assert len(plans.history("2025-07", url=store_url)) == 2


def test_a_month_not_written_yyyy_mm_or_without_a_plan_is_a_clear_error(store_url, tmp_path, capsys):
    store.commit(four_villages(), url=store_url)
    assert main(["plan", "--db", store_url, "-o", str(tmp_path / "p.csv"), "--adopt", "--month", "7/2025"]) == 1
    assert "7/2025" in capsys.readouterr().err
    assert main(["progress", "--db", store_url, "--month", "2025-13", "--json"]) == 1
    assert "2025-13" in capsys.readouterr().err
    assert main(["progress", "--db", store_url, "--month", "2025-09", "--json", "--lang", "en"]) == 1
    assert "No plan has been adopted for 2025-09" in capsys.readouterr().err


def test_the_next_plan_can_send_teams_first_to_the_villages_missed_last_month(store_url, tmp_path, capsys):
    store.commit(four_villages(), url=store_url)
    july = _plan(store_url, tmp_path / "july.csv")

    def august(*extra):
        out = tmp_path / "august.csv"
        assert main(["plan", "--db", store_url, "-o", str(out), "--nights", "1", *extra]) == 0
        with open(out, encoding="utf-8-sig", newline="") as f:
            return {r["village_id"] for r in csv.DictReader(f)}

    plain = august()  # one night a team: some of July's villages are left out
    missed = [(t, v) for t, v, _ in july if v not in plain][:1]
    assert missed
    _add_reports(store_url, [("2025-07-10", t, v, 10) for t, v, _ in july if (t, v) not in missed])
    assert {v for _, v in missed} <= august("--carry-missed", "2025-07")
    assert main(["plan", "--db", store_url, "-o", str(tmp_path / "x.csv"), "--carry-missed", "2025-05"]) == 1
    assert "2025-05" in capsys.readouterr().err
