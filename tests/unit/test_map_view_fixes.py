"""The map's frame: metric scale, credits in the user's language, a click that never scrolls the page, the
view fitted to the chosen area."""

from __future__ import annotations

import json
import re

import pytest

from core.analysis.map_logic import map_credit, view_for_bounds
from geo.simplify import simplify_boundaries
from presentation import layers

VIETNAMESE_LETTERS = re.compile(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹàáèéìíòóùúýõĩũ]", re.I)


@pytest.fixture(scope="module")
def light(demo_dataset):
    return simplify_boundaries(demo_dataset.boundaries)


def _page(dataset, light, lang: str, tiles: bool = False) -> str:
    center, zoom = view_for_bounds(tuple(light.total_bounds))
    m = layers.base_map(light, lang, center, zoom, tiles=tiles, credit=map_credit(dataset, lang))
    return layers.render_html(m)


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


def test_the_chosen_area_is_fitted_with_a_margin_and_a_zoom_limit():
    group = layers.fit_area_layer((102.70, 21.90, 102.85, 22.00))
    m = layers.base_map(None, "vi", (21.9, 102.8), 9)
    page = layers.render_html(m, [group])
    fit = re.search(r"fitBounds\(\[\[21\.9,\s*102\.7\],\s*\[22\.0,\s*102\.85\]\],\s*(\{[^}]*\})", page)
    assert fit, page[-2000:]
    options = json.loads(fit.group(1))
    assert options["maxZoom"] <= 13 and min(options["padding"]) >= 24, options
