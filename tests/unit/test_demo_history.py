"""`cli.py demo-history`: the demo province with four monthly versions, July's adopted plan and July's reports,
checked against the demo package's own files by the rules the module states."""

from __future__ import annotations

import json
from datetime import date

import pandas as pd
import pytest

from cli.main import main
from core.storage import plans, store
from services import demo_history


@pytest.fixture(scope="module")
def history(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('demo') / 'store.sqlite'}"
    assert main(["demo-history", "--db", url]) == 0
    return url


def test_the_store_holds_monthly_versions_of_the_demo_labelled_as_demo(history, demo_dataset):
    versions = sorted(store.list_versions(history), key=lambda v: v.id)
    assert [v.as_of for v in versions] == [date(2025, 4, 30), date(2025, 5, 31), date(2025, 6, 30), date(2025, 7, 31)]
    assert all(v.who == demo_history.WHO for v in versions)
    june = store.load_dataset(3, history)
    assert june.meta.synthetic and len(june.villages) == len(demo_dataset.villages)
    assert june.villages["eid_level2_baseline"].tolist() == demo_dataset.villages["eid_level2_baseline"].tolist()


def test_an_earlier_month_has_its_reports_and_its_baseline_before_later_activations(history, demo_dataset):
    april = store.load_dataset(1, history)
    assert pd.to_datetime(april.activities["date"]).max() <= pd.Timestamp("2025-04-30")
    acts = demo_dataset.activities
    later = acts[pd.to_datetime(acts["date"]) > pd.Timestamp("2025-04-30")]
    for village in demo_dataset.villages.head(50).itertuples():
        added = pd.to_numeric(later.loc[later["village_id"] == village.village_id, "eid_level2"]).fillna(0).sum()
        then = april.villages.set_index("village_id").loc[village.village_id, "eid_level2_baseline"]
        assert then == max(0, round(village.eid_level2_baseline - added))


def test_july_has_an_adopted_plan_with_done_missed_and_unplanned_pairs(history, capsys):
    adopted = plans.current("2025-07", history)
    assert adopted is not None and adopted.who == demo_history.WHO
    july = store.load_dataset(4, history)
    reported = july.activities[pd.to_datetime(july.activities["date"]).dt.strftime("%Y-%m") == "2025-07"]
    pairs = set(zip(adopted.rows["team_id"], adopted.rows["village_id"]))
    visits = set(zip(reported["team_id"], reported["village_id"]))
    capsys.readouterr()
    assert main(["progress", "--db", history, "--month", "2025-07", "--json"]) == 0
    got = json.loads(capsys.readouterr().out)
    assert got["done_pairs"] == len(pairs & visits) > 0
    assert got["missed_pairs"] == len(pairs - visits) > 0
    assert got["unplanned_pairs"] == len(visits - pairs) > 0


def test_a_store_with_data_is_left_alone(history, capsys):
    assert main(["demo-history", "--db", history]) == 1
    assert len(store.list_versions(history)) == 4


def test_since_the_end_of_june_some_villages_got_signal_and_power(history, capsys):
    june, july = store.load_dataset(3, history).villages, store.load_dataset(4, history).villages
    capsys.readouterr()
    assert main(["changes", "--db", history, "--from", "30/06/2025", "--to", "31/07/2025", "--json"]) == 0
    got = json.loads(capsys.readouterr().out)
    before = dict(zip(june["village_id"], june["mobile_signal"]))
    gained = sorted(v for v, s in zip(july["village_id"], july["mobile_signal"]) if before[v] == "none" and s != "none")
    assert got["gained_signal"] == gained and gained
    assert got["gained_power"]


def test_july_plan_reads_as_adopted_on_the_first_of_july_not_when_the_store_was_built(history):
    from datetime import UTC, datetime

    from core import audit

    adopted = plans.current("2025-07", history)
    # 01/07/2025 08:00 in Vietnam (UTC+7) is 01:00 UTC the same day
    assert adopted.adopted_at == datetime(2025, 7, 1, 1, 0, tzinfo=UTC)
    entries = [e for e in audit.entries(url=history) if e.action == "plan_adopt"]
    assert [e.at for e in entries] == [datetime(2025, 7, 1, 1, 0, tzinfo=UTC)]


def test_the_help_says_four_monthly_versions(capsys):
    for args in (["demo-history", "--help"], ["--help"]):
        with pytest.raises(SystemExit):
            main(args)
        said = " ".join(capsys.readouterr().out.split())
        assert "four monthly versions (the ends of April, May, June and July 2025)" in said
        assert "three monthly" not in said
