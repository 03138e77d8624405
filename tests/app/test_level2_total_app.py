"""One level-2 e-ID total everywhere: the villages' baselines plus the level-2 activations reported after the
baseline's date, whether read on the Overview, from `cli.py summary` or as the pace's "now". The expected figure
is added up here from the rows the test wrote."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from cli.main import main
from core import auth
from core.i18n import fmt_int
from core.storage import store
from tests.app.conftest import APP
from tests.fixtures.four_villages import ACTIVITIES, VILLAGES, activity, four_villages

BASELINE_DAY = "2025-06-30"  # the package's date: the date the villages' baselines describe
LATER = [  # (date, team, village, participants, level-2 activations): reports imported after the package
    ("2025-07-05", "T2", "V3", 20, 9),
    ("2025-07-12", "T1", "V2", 15, 8),
    ("2025-07-20", "T1", "V1", 12, pd.NA),  # level 2 not reported
    ("2025-08-02", "T1", "V1", 10, 4),
]


def _expected() -> int:
    baseline = sum(v["eid_level2_baseline"] for v in VILLAGES)
    rows = [(str(a["date"]), a["eid_level2"]) for a in ACTIVITIES] + [(d, e) for d, _t, _v, _p, e in LATER]
    return baseline + sum(e for d, e in rows if d > BASELINE_DAY and not pd.isna(e))


@pytest.fixture(scope="module")
def url(tmp_path_factory):
    """A store whose one version holds the four villages (baselines of 30/06/2025) and reports of July and
    August, so its data run to 02/08/2025 while the baselines keep their date."""
    dataset = four_villages()
    assert dataset.meta.as_of == date.fromisoformat(BASELINE_DAY)
    rows = [activity(d, t, v, "session", p, eid_level2=e) for d, t, v, p, e in LATER]
    acts = dataset.activities
    added = pd.DataFrame(rows).astype({c: acts[c].dtype for c in rows[0]})
    later = replace(
        dataset,
        meta=dataset.meta.through(date(2025, 8, 2)),
        activities=pd.concat([acts, added], ignore_index=True),
    )
    out = f"sqlite:///{tmp_path_factory.mktemp('level2') / 'store.sqlite'}"
    store.commit(later, url=out)
    return out


def test_the_total_counts_the_activations_reported_after_the_baseline_everywhere(url, capsys, monkeypatch):
    expected = _expected()
    assert expected == 400 + 9 + 8 + 4  # the January and February reports are in the baselines already

    capsys.readouterr()
    assert main(["summary", "--db", url, "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["eid_level2"] == expected
    assert summary["eid_level2_share"] == pytest.approx(expected / sum(v["eligible_citizens"] for v in VILLAGES))

    assert main(["pace", "--db", url, "--json"]) == 0
    pace = json.loads(capsys.readouterr().out)
    assert pace["province"]["now"] == expected

    for var in ("DXMAP_PACKAGE", auth.ENV_VAR, auth.TOKEN_VAR, auth.HOSTS_VAR):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("DATABASE_URL", url)
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    tile = next(m.value for m in at.metric if m.label == "Đã định danh mức 2 (tổng)")
    assert tile == fmt_int(expected, "vi") == "421"

    at.switch_page("views/indicators.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    eligible = sum(v["eligible_citizens"] for v in VILLAGES)
    notes = [c.value for c in at.caption]
    assert f"{fmt_int(expected, 'vi')} / {fmt_int(eligible, 'vi')}" in notes, notes  # the level-2 share's tile


def test_with_no_report_after_the_baseline_the_total_is_the_baselines(tmp_path, capsys, monkeypatch):
    capsys.readouterr()
    dataset = four_villages()
    out = f"sqlite:///{tmp_path / 'store.sqlite'}"
    store.commit(dataset, url=out)
    assert main(["summary", "--db", out, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["eid_level2"] == sum(v["eid_level2_baseline"] for v in VILLAGES)
