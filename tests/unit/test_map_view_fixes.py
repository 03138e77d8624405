"""The base map under the plan map, checked on its rendered HTML: metric scale, credits in the user's language,
a click that never scrolls the page, no outside URL, Leaflet served by the app, light boundaries."""

from __future__ import annotations

import json
import re

import numpy as np
import pytest
import shapely

from core.analysis.map_logic import map_credit, view_for_bounds
from geo.simplify import simplify_boundaries
from presentation import layers
from presentation.assets import LEAFLET_DIR, ensure_leaflet_assets

VIETNAMESE_LETTERS = re.compile(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹàáèéìíòóùúýõĩũ]", re.I)


@pytest.fixture(scope="module")
def light(demo_dataset):
    return simplify_boundaries(demo_dataset.boundaries)


def _page(dataset, light, lang: str, tiles: bool = False) -> str:
    center, zoom = view_for_bounds(tuple(light.total_bounds))
    m = layers.base_map(light, lang, center, zoom, tiles=tiles, credit=map_credit(dataset, lang))
    return m.get_root().render()


def _credits(page: str) -> list[str]:
    """Every attribution string the map's script sets (folium writes some with \\u escapes)."""
    return [json.loads(x) for x in re.findall(r'attribution"?:\s*("(?:[^"\\]|\\.)*")', page)]


def test_scale_bar_is_metric_only(demo_dataset, light):
    page = _page(demo_dataset, light, "vi")
    scales = re.findall(r"L\.control\.scale\(([^)]*)\)", page)
    assert len(scales) == 1, scales
    assert re.search(r'"imperial":\s*false', scales[0]) and re.search(r'"metric":\s*true', scales[0])


def test_english_map_credits_have_no_vietnamese(demo_dataset, light):
    credit = map_credit(demo_dataset, "en")
    assert "geoBoundaries" in credit and "CC BY 3.0 IGO" in credit
    assert not VIETNAMESE_LETTERS.search(credit), credit
    page = _page(demo_dataset, light, "en", tiles=True)
    credits = _credits(page)
    assert any("CC BY 3.0 IGO" in c for c in credits) and "© OpenStreetMap contributors" in credits, credits
    assert not VIETNAMESE_LETTERS.search(" ".join(credits)), credits


def test_vietnamese_map_credits_are_vietnamese(demo_dataset, light):
    assert map_credit(demo_dataset, "vi") == demo_dataset.boundary_credit()
    page = _page(demo_dataset, light, "vi", tiles=True)
    credits = _credits(page)
    assert "© Những người đóng góp OpenStreetMap" in credits, credits
    assert demo_dataset.boundary_credit() in credits
    assert not any("contributors" in c for c in credits)


def test_a_package_can_give_its_credit_in_english(demo_dataset):
    from dataclasses import replace

    meta = replace(
        demo_dataset.meta,
        extra={
            **demo_dataset.meta.extra,
            "boundaries_attribution": "Sở TN&MT",
            "boundaries_attribution_en": "Provincial Department of Environment",
        },
    )
    dataset = replace(demo_dataset, meta=meta)
    assert map_credit(dataset, "en") == "Provincial Department of Environment"
    assert map_credit(dataset, "vi") == "Sở TN&MT"


def test_a_click_never_scrolls_the_page_to_focus_the_map(demo_dataset, light):
    # Leaflet focuses the map on mousedown; without preventScroll the page jumps before the click lands.
    page = _page(demo_dataset, light, "vi")
    assert "preventScroll: true" in page


def test_no_outside_url_in_scripts_or_stylesheets_unless_tiles_are_on(demo_dataset, light):
    page = _page(demo_dataset, light, "vi")
    sources = re.findall(r'<(?:script|link)\b[^>]*(?:src|href)="([^"]+)"', page)
    assert sources and all(s.startswith("/app/static/leaflet/") for s in sources)
    assert "http://" not in page and "https://" not in page
    with_tiles = _page(demo_dataset, light, "vi", tiles=True)
    assert "https://tile.openstreetmap.org/" in with_tiles


def test_leaflet_is_served_by_the_app_with_its_licence():
    folder = ensure_leaflet_assets()
    assert folder == LEAFLET_DIR
    assert (folder / "leaflet.js").stat().st_size > 100_000
    assert (folder / "images" / "layers.png").is_file()
    assert "BSD" in (folder / "LICENSE").read_text()


def test_boundary_attribution_and_canvas_rendering(demo_dataset, light):
    page = _page(demo_dataset, light, "en")
    assert "CC BY 3.0 IGO" in page
    assert '"preferCanvas": true' in page
    assert 'setPrefix("Leaflet")' in page


def test_districts_are_clickable_with_their_code(demo_dataset, light):
    page = _page(demo_dataset, light, "vi")
    codes = set(re.findall(r'"k":"d","code":"(\d{3})"', page))
    assert codes == set(light.loc[light["level"] == "district", "code"])


def test_boundaries_are_simplified_rounded_and_left_untouched(demo_dataset, light):
    original = demo_dataset.boundaries
    before = shapely.get_num_coordinates(original.geometry.values).sum()
    assert shapely.get_num_coordinates(light.geometry.values).sum() <= before
    assert shapely.get_num_coordinates(demo_dataset.boundaries.geometry.values).sum() == before
    coords = shapely.get_coordinates(light.geometry.values)
    assert np.allclose(coords, np.round(coords, 5), atol=1e-9)
    assert light.geometry.is_valid.all() and light.crs.to_epsg() == 4326
