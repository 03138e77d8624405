"""Teams page without a browser (AppTest): tiles, idle teams, uncovered villages, one team's villages."""

from __future__ import annotations

import re
from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from core.analysis import indicators as ind
from core.analysis.idle_teams import idle_answer
from core.i18n import fmt_int
from core.model.filters import Filter
from tests.app.conftest import SharedRun, run_app

PAGE = "views/teams.py"


def _texts(at: AppTest) -> str:
    """The page's markdown as a reader sees it (escapes and bold marks removed)."""
    return re.sub(r"\\(.)", r"\1", " ".join(m.value for m in at.markdown)).replace("**", "")


def _metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


_PROVINCE = SharedRun(lambda: run_app(page=PAGE))


@pytest.fixture
def province():
    yield from _PROVINCE.lend()


def test_tiles_count_teams_members_idle_teams_and_uncovered_villages(province, demo_dataset):
    metrics = _metrics(province)
    teams = ind.team_productivity(demo_dataset)
    assert metrics["Tổ, đội"] == fmt_int(len(teams))
    assert metrics["Thành viên"] == fmt_int(int(teams["members"].sum()))
    assert metrics["Tổ, đội không hoạt động"] == fmt_int(len(idle_answer(Filter(), demo_dataset).teams))
    assert metrics["Thôn chưa có tổ, đội phụ trách"] == fmt_int(len(ind.uncovered_villages(demo_dataset)))


def test_team_table_lists_every_team_and_uncovered_villages_are_listed(province, demo_dataset):
    tables = province.dataframe
    every = next(t.value for t in tables if "ĐVTN" in t.value.columns)  # the first view: the people
    assert len(every) == len(demo_dataset.teams) and "Người / buổi" not in every.columns
    villages = next(t.value for t in tables if "Thôn, bản" in t.value.columns)
    assert len(villages) == len(ind.uncovered_villages(demo_dataset))


def test_a_team_shows_its_villages_on_a_small_map(province, demo_dataset):
    first = province.selectbox(key="teams_selected").value
    assert first
    assert len(province.get("plotly_chart")) == 1  # productivity; the team's map is a picture
    assert len(province.get("image")) == 1
    name = demo_dataset.teams.set_index("team_id").loc[first, "team_name"]
    n = len(ind.team_villages(demo_dataset, first))
    legends = [h.proto.body for h in province.get("html") if name in h.proto.body]
    assert legends and f"{name} ({fmt_int(n)})" in legends[0]


def test_choosing_another_team_redraws_its_map_only(demo_dataset):
    at = run_app(page=PAGE)
    second = ind.team_productivity(demo_dataset)["team_id"].iloc[1]
    at.selectbox(key="teams_selected").set_value(second).run()
    assert not at.exception
    name = demo_dataset.teams.set_index("team_id").loc[second, "team_name"]
    assert any(name in h.proto.body for h in at.get("html"))


def _idle_table(at: AppTest):
    return next(
        t.value for t in at.dataframe if list(t.value.columns)[-1] == "Lần cuối" and "Số buổi" not in t.value.columns
    )


def _idle(view):
    """The view's teams with no activity in its period."""
    teams = ind.team_productivity(view)
    return teams[~teams["active"]]


def test_without_a_period_the_page_answers_which_teams_were_idle_last_month(province, demo_dataset):
    june = Filter(date_from=date(2025, 6, 1), date_to=date(2025, 6, 30)).apply(demo_dataset)
    idle = _idle(june)
    assert len(idle) > 0
    assert _metrics(province)["Tổ, đội không hoạt động"] == fmt_int(len(idle))
    texts = _texts(province)
    assert f"Trong tháng 06/2025: {fmt_int(len(idle))} trong 287 tổ, đội không có hoạt động nào." in texts
    table = _idle_table(province)
    assert set(table["Tổ, đội"]) == set(idle["team_name"])


def test_a_late_period_lists_its_idle_teams(demo_dataset):
    at = run_app({"from": "2025-06-25", "to": "2025-06-30"})
    at.switch_page(PAGE).run()
    view = Filter.from_query_params({"from": "2025-06-25", "to": "2025-06-30"}, demo_dataset)[0].apply(demo_dataset)
    idle = _idle(view)
    assert len(idle) > 0
    assert _metrics(at)["Tổ, đội không hoạt động"] == fmt_int(len(idle))
    assert len(_idle_table(at)) == len(idle)


def test_a_commune_link_narrows_the_teams(demo_dataset):
    at = run_app({"commune": "03160"})
    at.switch_page(PAGE).run()
    assert not at.exception
    view = Filter(commune="03160").apply(demo_dataset)
    assert _metrics(at)["Tổ, đội"] == fmt_int(len(view.teams))


def test_english_teams_page():
    at = run_app({"lang": "en"})
    at.switch_page(PAGE).run()
    assert "Idle teams" in _metrics(at)
    assert "In 06/2025: " in _texts(at)
    assert at.title[0].value.startswith("Teams")


def test_a_table_longer_than_the_screen_holds_is_cut_with_a_note_and_the_team_list_asks_for_an_area(
    monkeypatch, demo_dataset
):
    """A whole country's 15,000 teams and 80,000 villages: the page sends the first rows and says so (the cap
    is lowered here so the demo's 287 teams and 200 uncovered villages are "too many")."""
    from components import charts

    monkeypatch.setattr(charts, "SCREEN_ROWS", 50)
    at = run_app(page=PAGE)
    every = next(t.value for t in at.dataframe if "ĐVTN" in t.value.columns)
    villages = next(t.value for t in at.dataframe if "Thôn, bản" in t.value.columns)
    assert len(every) == 50 and len(villages) == 50
    teams = len(demo_dataset.teams)
    idle = len(idle_answer(Filter(), demo_dataset).teams)
    notes = [c.value for c in at.caption if "dòng đầu" in c.value]
    assert [n.split(" dòng.")[0] for n in notes] == [
        f"Bảng hiện 50 dòng đầu trong {fmt_int(n)}" for n in (idle, teams, len(ind.uncovered_villages(demo_dataset)))
    ]
    assert "tệp tải về có đủ" in notes[1]  # the teams' chart has the CSV of every team
    assert "teams_selected" not in [s.key for s in at.selectbox]
    assert any(f"Có {fmt_int(teams)} tổ, đội trong phạm vi đang xem" in i.value for i in at.info)


def test_the_teams_table_switches_to_the_work_view_and_keeps_every_team(demo_dataset):
    at = run_app(page=PAGE)
    at.button_group(key="teams_table_view").set_value("work").run()
    every = next(t.value for t in at.dataframe if "Người/buổi" in t.value.columns)
    assert len(every) == len(demo_dataset.teams)  # short headers on screen; their tooltips hold the full words
    assert list(every.columns) == [
        "Tổ, đội",
        "Số thôn",
        "Hoạt động",
        "Số buổi",
        "Tiếp cận",
        "Người/buổi",
        "Mức 2/buổi",
        "Lần cuối",
    ]
