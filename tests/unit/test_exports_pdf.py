"""Field sheets and the meeting brief: PDFs read back with pypdf, Vietnamese intact, QR codes checked."""

from __future__ import annotations

import io
import unicodedata

import pytest
import segno
from pypdf import PdfReader

from core.analysis.scoring import Weights
from core.exports.brief import to_brief
from core.exports.context import build_input
from core.exports.field_sheet import geo_uri, to_field_sheets
from core.exports.fonts import BOLD, FONT_DIR, REGULAR
from core.model.filters import Filter
from core.planning.deployment import PlanSettings, make_plan


@pytest.fixture(scope="module")
def commune_view(demo_dataset):
    """Xã Leng Su Sìn (03158, Mường Nhé): a remote commune with villages without signal."""
    flt = Filter(commune="03158")
    return flt.apply(demo_dataset), flt


def _text(data: bytes) -> list[str]:
    return [unicodedata.normalize("NFC", page.extract_text()) for page in PdfReader(io.BytesIO(data)).pages]


def test_the_font_ships_in_the_repo_with_its_licence():
    assert REGULAR.is_file() and BOLD.is_file()
    assert "Bitstream" in (FONT_DIR / "LICENSE-DejaVu.txt").read_text(encoding="utf-8")


def test_field_sheet_has_one_page_per_village_in_vietnamese(commune_view):
    view, flt = commune_view
    inp = build_input(view, flt, Weights.preset(), "vi", top=3)
    pages = _text(to_field_sheets(inp))
    assert len(pages) == 3
    for page, row in zip(pages, inp.villages.itertuples()):
        assert f"Phiếu thực địa — {row.village_name}" in page
        assert f"{row.lat:.5f}, {row.lon:.5f}" in page
        assert "Kích hoạt định danh mức 2" in page and "Chữ ký số" in page and "Tài khoản dịch vụ công" in page
        assert "Dữ liệu minh họa / demo data" in page
    assert "Không có sóng di động" in "".join(pages) or "Sóng yếu" in "".join(pages)


def test_field_sheet_qr_code_is_the_geo_uri_of_the_village(commune_view):
    view, flt = commune_view
    inp = build_input(view, flt, Weights.preset(), "vi", top=1)
    row = inp.villages.iloc[0]
    payload = geo_uri(row["lat"], row["lon"])
    assert payload == f"geo:{row['lat']:.5f},{row['lon']:.5f}"
    images = PdfReader(io.BytesIO(to_field_sheets(inp))).pages[0].images
    assert len(images) == 1
    # no QR decoder is installed: read the modules off the embedded image and compare with segno's encoding
    assert _modules(images[0].image) == [list(r) for r in segno.make(payload, error="m").matrix]


def _modules(image, scale: int = 8, border: int = 2) -> list[list[int]]:
    grey = image.convert("L")
    n = grey.width // scale - 2 * border
    return [
        [
            1 if grey.getpixel(((c + border) * scale + scale // 2, (r + border) * scale + scale // 2)) < 128 else 0
            for c in range(n)
        ]
        for r in range(n)
    ]


def test_field_sheet_with_a_plan_has_a_page_per_team(commune_view):
    view, flt = commune_view
    inp = build_input(view, flt, Weights.preset(), "en")
    plan = make_plan(view, inp.ranked, PlanSettings(time_limit=2))
    assert not plan.rows.empty
    inp = build_input(view, flt, Weights.preset(), "en", ranked=inp.ranked, plan=plan)
    pages = _text(to_field_sheets(inp))
    teams = view.teams.set_index("team_id")["team_name"]
    planned = plan.rows["team_id"].unique()
    assert len(pages) >= len(planned)
    for team_id in planned:
        assert any(f"Field sheet — {teams[team_id]}" in p for p in pages)
    text = "".join(pages)
    assert "e-ID level 1 activated" in text and "Team lead signature" in text
    for village_id in plan.rows["village_id"]:
        assert inp.ranked.set_index("village_id").loc[village_id, "village_name"] in text


def test_brief_is_a_landscape_pdf_of_two_to_four_pages(demo_dataset):
    flt = Filter(district="096")
    view = flt.apply(demo_dataset)
    inp = build_input(view, flt, Weights.preset(), "vi")
    data = to_brief(inp)
    reader = PdfReader(io.BytesIO(data))
    assert 2 <= len(reader.pages) <= 4
    box = reader.pages[0].mediabox
    assert box.width > box.height
    text = "\n".join(_text(data))
    assert "Báo cáo chuyển đổi số cộng đồng — Huyện Mường Nhé" in text
    assert "Số liệu đến ngày 30/06/2025" in text and "Dữ liệu minh họa / demo data" in text
    assert "Tiến độ định danh mức 2" in text
    assert inp.ranked["village_name"].iloc[0] in text
    assert "Chưa lập kế hoạch" in text
    assert len(reader.pages[0].images) >= 1  # the map


def test_brief_shows_the_plan_when_there_is_one(demo_dataset):
    flt = Filter(commune="03158")
    view = flt.apply(demo_dataset)
    inp = build_input(view, flt, Weights.preset(), "en")
    plan = make_plan(view, inp.ranked, PlanSettings(time_limit=2))
    data = to_brief(build_input(view, flt, Weights.preset(), "en", ranked=inp.ranked, plan=plan))
    text = "\n".join(_text(data))
    assert "Proposed plan" in text and "No plan yet" not in text
    assert f"{plan.rows['team_id'].nunique()} teams" in text
    assert 2 <= len(PdfReader(io.BytesIO(data)).pages) <= 4


def test_brief_map_draws_estimated_areas_when_the_package_has_no_boundaries(demo_dataset):
    from dataclasses import replace

    from core.analysis.scoring import Weights
    from core.exports.brief import map_png
    from core.exports.context import build_input
    from core.model.filters import Filter

    bare = replace(demo_dataset, boundaries=None)
    with_areas = map_png(build_input(bare, Filter(), Weights.preset(), "vi"), 4, 3).getvalue()
    dots_only = map_png(
        build_input(replace(bare, units=bare.units.iloc[0:0]), Filter(), Weights.preset(), "vi"), 4, 3
    ).getvalue()
    assert with_areas != dots_only  # the estimated commune/district outlines are drawn


def test_brief_headers_break_between_words_only(demo_dataset):
    inp = build_input(demo_dataset, Filter(), Weights.preset(), "vi")
    top_page = next(p for p in _text(to_brief(inp)) if "Thôn, bản ưu tiên" in p or "ưu tiên nhất" in p)
    assert "Hạng" in top_page.split(), top_page[:400]


def test_brief_plan_names_each_village_with_its_commune(demo_dataset):
    """Wards all have a "Tổ dân phố 1": without the commune, a team's list reads "Tổ dân phố 1, Tổ dân phố 1"."""
    flt = Filter(district="094")
    view = flt.apply(demo_dataset)
    inp = build_input(view, flt, Weights.preset(), "vi")
    plan = make_plan(view, inp.ranked, PlanSettings(time_limit=5))
    text = " ".join(
        " ".join(p.split())
        for p in _text(to_brief(build_input(view, flt, Weights.preset(), "vi", ranked=inp.ranked, plan=plan)))
    )
    assert "Tổ dân phố 1 (Phường" in text
    assert "Tổ dân phố 1, Tổ dân phố 1" not in text


def test_a_brief_tile_shows_the_same_headline_figure_as_the_overview_tile_of_the_same_title(demo_dataset):
    from components.kpi import headline_tiles
    from core.analysis.kpis import summary
    from core.exports.brief import kpi_figures

    for lang in ("vi", "en"):
        inp = build_input(demo_dataset, Filter(), Weights.preset(), lang)
        overview = {label: value for label, value, _ in headline_tiles(summary(demo_dataset), lang)}
        shared = [(label, value, overview[label]) for label, value, _ in kpi_figures(inp) if label in overview]
        assert len(shared) >= 5, shared
        assert [(label, brief) for label, brief, _ in shared] == [(label, page) for label, _, page in shared]
