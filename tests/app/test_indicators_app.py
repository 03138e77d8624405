"""Indicators page and projector mode without a browser (AppTest)."""

from __future__ import annotations

import html
import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from core.analysis import indicators as ind
from core.i18n import fmt_int, fmt_pct
from core.model.filters import Filter
from tests.app.conftest import SharedRun, run_app

PAGE = "views/indicators.py"


def _metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def _takeaways(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown if 'class="dx-takeaway"' in m.value]


_PROVINCE = SharedRun(lambda: run_app(page=PAGE))


@pytest.fixture
def province():
    yield from _PROVINCE.lend()


def test_tiles_show_the_headline_of_the_whole_province(province, demo_dataset):
    h = ind.headline(demo_dataset, "eid_level2", target_area="11")
    metrics = _metrics(province)
    assert len(metrics) == 4
    assert metrics["Mức 2 / đủ điều kiện"] == fmt_pct(h["level2_share"])
    assert metrics["Chỉ tiêu mức 2 (30/06/2025)"] == fmt_pct(h["target_share"])
    assert metrics["Kích hoạt mức 2 do tổ, đội báo cáo"] == fmt_int(h["reported"])


def test_every_chart_has_a_takeaway_a_table_and_a_csv(province, demo_dataset):
    lowest = ind.progress_to_target(demo_dataset).iloc[0]
    takeaways = _takeaways(province)
    assert len(takeaways) == 3  # progress, trend and the open tab's chart; the other tabs wait to be opened
    assert f"{ind.short_name(lowest['name'])}: đạt {fmt_pct(lowest['share_of_target'])} chỉ tiêu" in takeaways[0]
    assert len(province.get("download_button")) == 3
    assert len(province.expander) == 3
    assert "chưa báo cáo" in takeaways[1]  # the trend says how many activities left the count blank


def test_a_chart_table_is_made_when_its_expander_opens():
    at = run_app(page=PAGE)
    shown = len(at.dataframe)  # the province targets
    at.session_state["table_progress"] = True
    at.run()
    assert len(at.dataframe) == shown + 1
    assert list(at.dataframe[0].value.columns)[:3] == ["Địa bàn", "Đạt được", "Chỉ tiêu"]


@pytest.mark.parametrize(
    ("tab", "csv_key"),
    [("Thôn có khó khăn và tổ, đội", "csv_gaps"), ("Hiệu quả theo xã", "csv_quadrant")],
)
def test_each_tab_draws_its_chart_with_a_takeaway_a_table_and_a_csv(tab, csv_key):
    at = run_app(page=PAGE)
    at.session_state["ind_more"] = tab
    at.run()
    assert not at.exception
    assert len(_takeaways(at)) == 3 and len(at.get("plotly_chart")) == 3
    assert csv_key in [b.key for b in at.get("download_button")]
    assert "csv_breakdown" not in [b.key for b in at.get("download_button")]


def test_the_breakdown_choice_survives_a_visit_to_another_tab():
    at = run_app(page=PAGE)
    at.radio(key="ind_breakdown").set_value("team_type").run()
    at.session_state["ind_more"] = "Hiệu quả theo xã"
    at.run()
    at.session_state["ind_more"] = "Kết quả theo nhóm"
    at.run()
    assert at.radio(key="ind_breakdown").value == "team_type"


def test_choosing_another_indicator_changes_the_trend_and_tile(province):
    at = province
    at.selectbox(key="ind_indicator").set_value("digital_signatures").run()
    assert "Chữ ký số" in _metrics(at)
    assert any(title.startswith("Chữ ký số") for title in _chart_titles(at))  # the trend
    at.selectbox(key="ind_indicator").set_value("eid_level2").run()


def test_breakdown_by_team_type_names_the_types(province):
    province.radio(key="ind_breakdown").set_value("team_type").run()
    assert any("Đội thanh niên tình nguyện" in t or "Tổ công nghệ số cộng đồng" in t for t in _takeaways(province))


def test_a_district_link_shows_its_communes_and_its_own_target(demo_dataset):
    at = run_app({"district": "103"})
    at.switch_page(PAGE).run()
    assert not at.exception
    assert "Nậm Pồ" in at.title[0].value
    view = Filter(district="103").apply(demo_dataset)
    h = ind.headline(view, "eid_level2", target_area="103")
    assert _metrics(at)["Chỉ tiêu mức 2 (30/06/2025)"] == fmt_pct(h["target_share"])
    lowest = ind.progress_to_target(view, level="commune").iloc[0]
    assert ind.short_name(lowest["name"]) in _takeaways(at)[0]


def test_a_gap_filter_compares_with_eligible_citizens_not_whole_district_targets():
    at = run_app({"gap": "no_signal", "from": "2025-01-01", "to": "2025-06-30"})
    at.switch_page(PAGE).run()
    assert not at.exception
    assert _metrics(at)["Chỉ tiêu mức 2 (30/06/2025)"] == "–"
    assert "công dân đủ điều kiện" in _takeaways(at)[0]


def test_english_labels_and_numbers(demo_dataset):
    at = run_app({"lang": "en"})
    at.switch_page(PAGE).run()
    h = ind.headline(demo_dataset, "eid_level2", target_area="11")
    assert _metrics(at)["Level-2 activations reported by teams"] == f"{h['reported']:,}"
    assert "of target, lowest" in _takeaways(at)[0]


def test_projector_mode_shows_four_tiles_and_two_charts_without_tables():
    at = run_app({"present": "1"})
    at.switch_page(PAGE).run()
    assert not at.exception
    assert len(at.metric) == 4
    assert len(at.get("plotly_chart")) == 2
    assert not at.get("download_button") and not at.main.expander
    assert "ind_indicator" not in [s.key for s in at.selectbox]


def test_present_in_the_link_turns_on_projector_mode_with_the_filter_and_date_in_the_title():
    at = run_app({"present": "1", "district": "103"})
    title = next(m.value for m in at.markdown if "dx-slide-title" in m.value)
    assert "Nậm Pồ" in title and "30/06/2025" in title
    assert len(at.metric) <= 4
    assert at.query_params["present"] in ("1", ["1"])


def test_the_toggle_turns_projector_mode_on_and_it_survives_a_page_switch():
    at = run_app()
    assert "present" not in at.query_params
    at.toggle(key="present_toggle_off").set_value(True).run()
    assert at.session_state["present"] is True
    assert at.query_params["present"] in ("1", ["1"])
    assert len(at.metric) <= 4
    at.switch_page(PAGE).run()
    assert len(at.get("plotly_chart")) == 2 and not at.get("download_button")


def test_leaving_projector_mode_from_the_menu():
    at = run_app({"present": "1"})
    at.button(key="present_exit_button").click().run()
    assert at.session_state["present"] is False
    assert "present" not in at.query_params
    assert len(at.metric) == 6  # the full Overview again


def _chart_titles(at: AppTest) -> list[str]:
    """Chart titles as the page shows them: the HTML heading over a chart, or the figure's own title."""
    html_titles = [
        html.unescape(re.sub(r"<[^>]+>", "", m.value)) for m in at.markdown if 'class="dx-chart-title"' in m.value
    ]
    figure_titles = [
        json.loads(c.proto.spec)["layout"].get("title", {}).get("text", "") for c in at.get("plotly_chart")
    ]
    return html_titles + [title for title in figure_titles if title]


@pytest.mark.parametrize(
    ("lang", "total_word", "reported_words"),
    [("vi", "(tổng)", "do tổ, đội báo cáo"), ("en", "(total)", "reported by teams")],
)
def test_total_level2_and_what_teams_reported_are_named_apart(demo_dataset, lang, total_word, reported_words):
    from core.analysis.kpis import summary

    overview = run_app({"lang": lang})
    total = fmt_int(summary(demo_dataset)["eid_level2"], lang)
    total_tile = next(m for m in overview.metric if m.value == total)
    assert total_word in total_tile.label and reported_words not in total_tile.label
    outcomes = overview.table[-1].value
    level2_row = outcomes[outcomes.iloc[:, 1] == fmt_int(summary(demo_dataset)["outcomes"]["eid_level2"], lang)]
    assert reported_words in level2_row.iloc[0, 0]
    assert any(reported_words in title for title in _chart_titles(overview))  # the Overview's trend

    overview.switch_page(PAGE).run()
    h = ind.headline(demo_dataset, "eid_level2", target_area="11")
    reported_tile = next(m for m in overview.metric if m.value == fmt_int(h["reported"], lang))
    assert reported_words in reported_tile.label
    titles = _chart_titles(overview)
    assert any(reported_words in title for title in titles)  # trend
    assert any(total_word in title for title in titles)  # progress to target counts the total


def test_province_targets_table_names_every_column_apart(province):
    targets = next(d.value for d in province.dataframe if "Hạn" in d.value.columns)
    assert len(set(targets.columns)) == len(targets.columns) == 5
    names = set(targets.iloc[:, 0])
    assert "Chữ ký số" in names and "Đã định danh mức 2 (tổng)" in names


def test_projector_overview_and_indicators_slides_show_different_charts():
    at = run_app({"present": "1"})
    overview = set(_chart_titles(at))
    at.switch_page(PAGE).run()
    indicators = set(_chart_titles(at))
    assert overview and indicators
    assert not overview & indicators, overview & indicators
    assert any("so với chỉ tiêu" in title and "theo huyện" in title for title in indicators)
