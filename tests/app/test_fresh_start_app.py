"""A fresh `make run`: with no source at all, `cli.py serve` serves the demo with its history (built once into a
folder of its own, rebuilt when the demo package changes), and the follow-up page has an adopted plan with done
and missed pairs. The expected counts are worked out here from the store's plan rows and July reports."""

from __future__ import annotations

import re
import shutil

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from core import auth, config
from core.i18n import fmt_int
from core.storage import plans, store
from services import demo_history
from tests.app.conftest import APP


@pytest.fixture(scope="module")
def fresh(tmp_path_factory):
    """What `cli.py serve` does on a fresh checkout, in a state folder of the test's own."""
    root = tmp_path_factory.mktemp("checkout")
    folder, user_store = root / "var" / "demo", root / "data" / "store.sqlite"  # nothing imported: no store file
    url = demo_history.serve_store({"PATH": "/usr/bin"}, "vi", folder=folder, default_store=user_store)
    return {"url": url, "folder": folder, "user_store": user_store}


@pytest.fixture
def served(fresh, monkeypatch):
    """The app's environment as `cli.py serve` starts it: DATABASE_URL names the demo-history store."""
    for var in ("DXMAP_PACKAGE", auth.ENV_VAR, auth.TOKEN_VAR, auth.HOSTS_VAR):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("DATABASE_URL", fresh["url"])
    return fresh


def _page(path: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.switch_page(path).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _july_pairs(url: str) -> tuple[set, set]:
    adopted = plans.current("2025-07", url)
    newest = store.load_dataset(url=url)
    acts = newest.activities
    july = acts[pd.to_datetime(acts["date"]).dt.strftime("%Y-%m") == "2025-07"]
    return set(zip(adopted.rows["team_id"], adopted.rows["village_id"])), set(zip(july["team_id"], july["village_id"]))


def test_a_fresh_start_serves_at_least_three_monthly_versions_of_the_demo(fresh):
    assert fresh["url"] is not None and fresh["url"].startswith("sqlite:///")
    versions = store.list_versions(fresh["url"])
    month_ends = {(v.as_of.year, v.as_of.month) for v in versions}
    assert len(month_ends) >= 3
    assert store.load_dataset(url=fresh["url"]).meta.synthetic
    assert not fresh["user_store"].exists()  # the user's own store is not where the demo goes


def test_the_follow_up_page_of_a_fresh_start_shows_the_adopted_plan_with_done_and_missed_pairs(served):
    planned, visits = _july_pairs(served["url"])
    done, missed = planned & visits, planned - visits
    assert done and missed
    at = _page("views/followup.py")
    metrics = {m.label: m.value for m in at.metric}
    assert at.selectbox(key="followup_month").value == "2025-07"
    assert metrics["Cặp tổ–thôn theo kế hoạch"] == fmt_int(len(planned))
    assert metrics["Đã thực hiện"] == fmt_int(len(done))
    assert metrics["Chưa thực hiện"] == fmt_int(len(missed))
    assert any("dx-demo-badge" in m.value for m in at.markdown)  # still labelled as demo data
    assert not [c.value for c in at.caption if re.search(r"\bdemo\b", c.value, re.IGNORECASE)]  # no English
    # since the last meeting (30/06 to 31/07 by default): villages that got a team or lost their last one
    covered = {
        v.as_of.month: set(store.load_dataset(v.id, served["url"]).team_villages["village_id"])
        for v in store.list_versions(served["url"])
        if v.as_of.month in (6, 7)
    }
    gained, lost = covered[7] - covered[6], covered[6] - covered[7]
    assert gained
    assert metrics["Thôn có / mất tổ, đội"] == f"+{fmt_int(len(gained))} / −{fmt_int(len(lost))}"


def test_the_overview_of_a_fresh_start_reads_the_newest_month_of_the_history(served):
    at = _page("views/overview.py")
    shown = " ".join(c.value for c in at.sidebar.caption) + " ".join(m.value for m in at.sidebar.markdown)
    assert "31/07/2025" in shown
    assert any("dx-demo-badge" in m.value for m in at.markdown)


def test_a_second_start_reuses_the_store_without_building_it_again(fresh, capsys):
    path = store.sqlite_path(fresh["url"])
    before = path.stat()
    capsys.readouterr()
    again = demo_history.serve_store({}, "vi", folder=fresh["folder"], default_store=fresh["user_store"])
    assert again == fresh["url"]
    assert capsys.readouterr().err == ""
    after = path.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_a_changed_demo_package_gets_a_new_store_and_the_old_one_is_removed(tmp_path):
    package = tmp_path / "dien-bien"
    shutil.copytree(config.DEMO_PACKAGE, package)
    folder = tmp_path / "demo"
    first, built = demo_history.ensure_store(folder, package)
    assert built
    with open(package / "BOUNDARIES_SOURCE.md", "a", encoding="utf-8") as f:
        f.write("\n")
    second, built = demo_history.ensure_store(folder, package)
    assert built and second != first
    assert [p.name for p in folder.glob("history-*.sqlite")] == [store.sqlite_path(second).name]
    assert plans.current("2025-07", second) is not None


@pytest.mark.parametrize(
    "environ",
    [{"DXMAP_PACKAGE": "/srv/province"}, {"DATABASE_URL": "postgresql://dxmap@db/dxmap"}],
    ids=["package variable", "store variable"],
)
def test_a_source_in_the_environment_is_served_as_the_rule_says(tmp_path, environ):
    folder = tmp_path / "demo"
    assert demo_history.serve_store(environ, "vi", folder=folder, default_store=tmp_path / "none.sqlite") is None
    assert not folder.exists()


def test_a_store_file_of_the_users_own_is_served_as_the_rule_says(tmp_path):
    user_store = tmp_path / "store.sqlite"
    user_store.write_bytes(b"")  # e.g. made by `cli.py users add`: accounts, no data yet
    folder = tmp_path / "demo"
    assert demo_history.serve_store({}, "vi", folder=folder, default_store=user_store) is None
    assert not folder.exists()


def test_the_follow_up_bench_times_sections_that_drew_their_figures(served):
    from bench import followup_bench

    for section in followup_bench.SECTIONS:
        figures = followup_bench.measure_once(section, repeat=1)
        assert set(figures) == {"frame_s", "added_first_s", "added_again_s"}
        assert figures["frame_s"] > 0


COLUMN_PX = 877  # the page's column at 1366 × 768 with the sidebar open
CHAR_PX, PADDING_PX = 6.8, 8  # a header letter of the grid's font, and the header cell's padding


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_header_of_the_follow_up_tables_fits_its_column_at_1366_px(served, lang):
    import json

    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page("views/followup.py").run()
    assert len(at.dataframe) >= 6  # districts, teams, missed villages, level-2, changed villages' kinds, pace
    for grid in at.dataframe:
        shown = json.loads(grid.proto.columns).items()
        widths = {name: spec["width"] for name, spec in shown if not spec.get("hidden")}
        assert sum(widths.values()) <= COLUMN_PX, widths
        extra = (COLUMN_PX - sum(widths.values())) / len(widths)  # the grid shares what is left out equally
        for header, width in widths.items():
            assert len(header) * CHAR_PX + PADDING_PX <= width + extra, (header, width)


def test_a_demo_history_that_cannot_be_built_leaves_the_plain_demo_served(tmp_path, capsys):
    taken = tmp_path / "var"
    taken.write_text("a file where the folder should be", encoding="utf-8")
    found = demo_history.serve_store({}, "en", folder=taken / "demo", default_store=tmp_path / "store.sqlite")
    assert found is None
    assert "serves the demo package without it" in capsys.readouterr().err
