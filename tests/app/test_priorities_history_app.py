"""The Priorities page through AppTest, with and without history: the ranked table's change view appears only when
the store holds an earlier dated version, in the page's language; plan B with a team removed in English."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from core.config import DEMO_PACKAGE
from core.storage import store
from tests.app.conftest import APP

PAGE = "views/priorities.py"


@pytest.fixture(scope="module")
def two_versions(tmp_path_factory, demo_dataset):
    """The demo (data of 30/06/2025), then the same data as of 31/07/2025 with one village given 4G."""
    url = f"sqlite:///{tmp_path_factory.mktemp('history') / 'store.sqlite'}"
    store.commit(demo_dataset, url=url)
    villages = demo_dataset.villages.copy()
    dark = villages.index[(villages["mobile_signal"] == "none") & (villages["district_code"] == "103")][0]
    villages.loc[dark, "mobile_signal"] = "4g"
    store.commit(
        replace(demo_dataset, meta=replace(demo_dataset.meta, as_of=date(2025, 7, 31)), villages=villages), url=url
    )
    return url, villages.loc[dark, "village_name"]


def _open(params: dict[str, str]) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=180)
    at.query_params.update(params)
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _views(at: AppTest):
    return next(b for b in at.get("button_group") if b.key == "prio_table_view")


def test_without_history_the_ranked_table_has_no_change_view(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("DXMAP_PACKAGE", str(DEMO_PACKAGE))
    at = _open({"district": "103"})
    assert len(_views(at).options) == 2
    assert not [c for c in at.dataframe[0].value.columns if c.startswith("Thay đổi")]
    assert not [c.value for c in at.caption if "thôn có thay đổi" in c.value]


def test_with_history_the_change_view_names_the_village_that_gained_signal_in_english(two_versions, monkeypatch):
    url, gained = two_versions
    monkeypatch.delenv("DXMAP_PACKAGE", raising=False)
    monkeypatch.setenv("DATABASE_URL", url)
    at = _open({"district": "103", "lang": "en"})
    views = _views(at)
    assert [o.content for o in views.proto.options][-1] == "Changes since 30/06/2025"
    views.set_value("moved").run()
    assert at.dataframe[0].proto.column_order[-1] == "Change since 30/06/2025"
    table = at.dataframe[0].value.set_index("Village")
    assert table.loc[gained, "Change since 30/06/2025"].startswith("gained signal")
    assert any("Villages changed since the data of 30/06/2025: 1 " in c.value for c in at.caption)


def test_plan_b_without_a_team_in_english(two_versions, monkeypatch):
    url, _gained = two_versions
    monkeypatch.delenv("DXMAP_PACKAGE", raising=False)
    monkeypatch.setenv("DATABASE_URL", url)
    at = _open({"district": "103", "lang": "en"})
    at.button(key="plan_run").click().run()
    plan_a = at.session_state["plan"][1].rows
    at.radio(key="compare_team_mode").set_value("remove").run()
    removed = at.selectbox(key="compare_team_remove").value
    at.button(key="compare_team_run").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any(c.value.startswith("A: the plan on screen. B: as A, without ") for c in at.caption)
    summary = next(d.value for d in at.dataframe if "Plan B" in d.value.columns).set_index("Measure")
    assert summary.loc["Teams", "B − A"] == "-1"
    assert summary.loc["Team-nights", "Plan A"] == f"{int(plan_a['nights'].sum()):,}"
    assert removed in set(plan_a["team_id"])  # the busiest team of plan A is offered first
