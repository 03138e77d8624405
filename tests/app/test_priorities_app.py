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
    text = " ".join(w.value for w in at.warning).replace("\\", "")  # the markdown escapes of literal text
    assert "remaining:abc" in text and "nope" in text
    assert at.dataframe


def test_a_huge_or_control_character_preset_is_cut_and_escaped_in_its_notice():
    at = run_app({"preset": "x" * 100_000, "w": "a\u202eb\x1bc:1"}, PAGE)
    text = " ".join(w.value for w in at.warning)
    assert len(text) < 1_000  # not the 100 kB value
    assert "\u202e" not in text and "\x1b" not in text  # neither raw bidi override nor ESC reaches the page
    assert "u202e" in text and "x1b" in text  # shown as escapes instead


def test_plan_is_built_on_click_and_reports_gap_and_gain(demo_dataset):
    at = run_app({"commune": "03166"}, PAGE)
    button = next(b for b in at.button if b.label == "Lập kế hoạch tối ưu")
    button.click().run()
    assert not at.exception
    labels = {m.label: m.value for m in at.metric}
    assert "Sai số so với tối ưu" in labels and "Hơn cách chọn tham lam" in labels
    plan = at.dataframe[1].value
    assert len(plan) > 0 and (plan["Số đêm"] > 0).all()


def test_a_new_store_version_that_changes_only_coverage_changes_the_ranking(tmp_path, monkeypatch, demo_dataset):
    from dataclasses import replace

    from core.storage import store

    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.delenv("DXMAP_PACKAGE", raising=False)
    store.commit(demo_dataset, who="Cán bộ tỉnh", url=url)
    at = run_app({"commune": "03166"}, PAGE)
    before = at.dataframe[0].value
    assert (before["Tổ, đội phụ trách"] != "").any()
    # a second version in which the commune's villages lost their teams: same villages, new coverage only
    villages = set(demo_dataset.villages.loc[demo_dataset.villages["commune_code"] == "03166", "village_id"])
    links = demo_dataset.team_villages[~demo_dataset.team_villages["village_id"].isin(villages)]
    store.commit(replace(demo_dataset, team_villages=links.reset_index(drop=True)), who="Cán bộ tỉnh", url=url)
    at.run()
    assert not at.exception
    after = at.dataframe[0].value
    assert (after["Tổ, đội phụ trách"] == "").all()
    assert list(after["Điểm ưu tiên"]) != list(before["Điểm ưu tiên"])


def test_page_spreadsheet_and_brief_show_the_same_plan_figures(demo_dataset):
    """One plan, one number: people reached (and per district) on the page, the XLSX plan sheet and the brief."""
    import io

    import openpyxl
    from pypdf import PdfReader

    from core.analysis.scoring import Weights
    from core.exports.brief import to_brief
    from core.exports.context import build_input
    from core.exports.xlsx import to_xlsx
    from core.model.filters import Filter
    from core.planning.deployment import ranked_villages

    at = run_app({}, PAGE)
    next(b for b in at.button if b.label == "Lập kế hoạch tối ưu").click().run()
    assert not at.exception
    page_people = {m.label: m.value for m in at.metric}["Số người dự kiến tiếp cận"]
    by_district = at.dataframe[2].value.set_index("Huyện")["Dự kiến số người"]
    # the exports the page's buttons make: the same view, weights and stored plan
    plan = at.session_state["plan"][1]
    inp = build_input(
        demo_dataset,
        Filter(),
        Weights.preset(),
        "vi",
        ranked=ranked_villages(demo_dataset, Weights.preset()),
        plan=plan,
    )
    sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx(inp)))["Kế hoạch"]
    rows = list(sheet.iter_rows(values_only=True))
    people_col, district_col = rows[0].index("Dự kiến số người"), rows[0].index("Huyện")
    xlsx_people = sum(r[people_col] for r in rows[1:])
    xlsx_nam_po = sum(r[people_col] for r in rows[1:] if r[district_col] == "Huyện Nậm Pồ")
    brief = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(to_brief(inp))).pages)
    assert page_people == f"{xlsx_people:,}".replace(",", ".")
    assert by_district["Huyện Nậm Pồ"] == f"{xlsx_nam_po:,}".replace(",", ".")
    assert f"{page_people} người" in brief
    assert "Huyện Nậm Pồ" in brief and by_district["Huyện Nậm Pồ"] in brief


def test_a_ranking_longer_than_the_screen_holds_shows_its_top_rows_and_says_the_export_has_all(
    monkeypatch, demo_dataset
):
    from components import charts

    monkeypatch.setattr(charts, "SCREEN_ROWS", 100)  # a whole country's 80,000 villages, in small
    at = run_app({"district": "103"}, PAGE)
    table = at.dataframe[0].value
    assert len(table) == 100 and list(table["Hạng"]) == list(range(1, 101))  # the top of the ranking
    n = int((demo_dataset.villages["district_code"] == "103").sum())
    assert any(f"Bảng hiện 100 dòng đầu trong {n} dòng" in c.value and "tải về" in c.value for c in at.caption)
