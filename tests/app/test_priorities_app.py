"""Priorities page through AppTest: filter honoured, weights in the link, the plan built on click."""

from __future__ import annotations

from tests.app.conftest import run_app

PAGE = "views/priorities.py"


def test_ranked_villages_are_only_those_of_the_filtered_district(demo_dataset):
    at = run_app({"district": "103"}, PAGE)
    table = at.dataframe[0].value
    assert set(table["Huyện"]) == {"Huyện Nậm Pồ"}
    nam_po = demo_dataset.villages[demo_dataset.villages["district_code"] == "103"]
    assert len(table) == len(nam_po)
    assert list(table["Hạng"][:3]) == [1, 2, 3]
    assert table["Điểm ưu tiên"].is_monotonic_decreasing


def test_weights_preset_travels_with_the_link_and_changes_the_ranking():
    balanced = run_app({"district": "103"}, PAGE).dataframe[0].value
    at = run_app({"district": "103", "preset": "reach_most"}, PAGE)
    reach = at.dataframe[0].value
    assert at.query_params["preset"] in ("reach_most", ["reach_most"])
    assert list(reach["Thôn, bản"][:10]) != list(balanced["Thôn, bản"][:10])
    top = reach["Công dân chưa có mức 2"][:10].mean()
    assert top >= balanced["Công dân chưa có mức 2"][:10].mean()


def test_bad_weights_in_the_link_are_ignored_with_a_notice():
    at = run_app({"w": "remaining:abc", "preset": "nope"}, PAGE)
    text = " ".join(w.value for w in at.warning)
    assert "remaining:abc" in text and "nope" in text
    assert at.dataframe


def test_plan_is_built_on_click_and_reports_gap_and_gain(demo_dataset):
    at = run_app({"commune": "03166"}, PAGE)
    button = next(b for b in at.button if b.label == "Lập kế hoạch tối ưu")
    button.click().run()
    assert not at.exception
    labels = {m.label: m.value for m in at.metric}
    assert "Sai số so với tối ưu" in labels and "Hơn cách chọn tham lam" in labels
    plan = at.dataframe[1].value
    assert len(plan) > 0 and (plan["Số đêm"] > 0).all()
