"""Map layers checked on the rendered HTML: feature counts, escaping, no outside URL, light boundaries."""

from __future__ import annotations

import re
from dataclasses import replace

import numpy as np
import pytest
import shapely

from core.analysis.kpis import gap_masks
from core.analysis.map_logic import commune_indicators, unit_names, view_for_bounds
from core.model.filters import Filter
from geo.simplify import simplify_boundaries
from presentation import layers
from presentation.assets import LEAFLET_DIR, ensure_leaflet_assets
from presentation.map_tips import aggregate_by_commune, team_bases, village_rows

XSS = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def light(demo_dataset):
    return simplify_boundaries(demo_dataset.boundaries)


def render(
    dataset,
    light,
    flt: Filter = Filter(),
    mode: str = "gaps",
    tiles: bool = False,
    indicator: str | None = "no_signal",
    lang: str = "vi",
) -> str:
    view = flt.apply(dataset)
    rows = village_rows(view, lang, flt.gaps)
    center, zoom = view_for_bounds(tuple(light.total_bounds))
    m = layers.base_map(light, lang, center, zoom, tiles=tiles, credit=dataset.boundary_credit())
    communes = light[light["level"] == "commune"]
    groups = [
        layers.commune_layer(
            communes, commune_indicators(dataset.villages, dataset.team_villages), indicator, unit_names(dataset), lang
        ),
        layers.district_outline_layer(light),
    ]
    groups.append(
        layers.coverage_layer(rows, team_bases(view, lang)) if mode == "coverage" else layers.village_gap_layer(rows)
    )
    return layers.render_html(m, groups)


def village_count(page: str) -> int:
    return page.count('"k":"v"')


@pytest.mark.parametrize("gaps", [(), ("no_signal",), ("no_power", "partial_power"), ("unowned_sim",)])
def test_one_point_per_village_with_the_chosen_gaps(demo_dataset, light, gaps):
    page = render(demo_dataset, light, Filter(gaps=frozenset(gaps)))
    masks = gap_masks(demo_dataset.villages)
    expected = len(demo_dataset.villages) if not gaps else int(np.logical_or.reduce([masks[g] for g in gaps]).sum())
    assert village_count(page) == expected
    assert page.count("L.geoJson(") == 5  # province, districts, communes, district borders, villages


def test_area_filter_sends_only_that_areas_villages(demo_dataset, light):
    commune = demo_dataset.villages["commune_code"].iloc[0]
    page = render(demo_dataset, light, Filter(commune=commune))
    assert village_count(page) == int((demo_dataset.villages["commune_code"] == commune).sum())


def test_user_strings_are_escaped_in_tooltips(demo_dataset, light):
    villages = demo_dataset.villages.copy()
    villages.loc[villages.index[0], "village_name"] = XSS
    teams = demo_dataset.teams.copy()
    teams.loc[teams.index[0], "team_name"] = "</script><script>alert(2)</script>"
    dataset = replace(demo_dataset, villages=villages, teams=teams)
    for mode in ("gaps", "coverage"):
        page = render(dataset, light, mode=mode)
        assert XSS not in page
        assert "&lt;img src=x onerror=alert(1)&gt;" in page
        assert "<script>alert(2)" not in page and "alert(2)" in page


def test_no_outside_url_in_scripts_or_stylesheets_unless_tiles_are_on(demo_dataset, light):
    page = render(demo_dataset, light)
    sources = re.findall(r'<(?:script|link)\b[^>]*(?:src|href)="([^"]+)"', page)
    assert sources and all(s.startswith("/app/static/leaflet/") for s in sources)
    assert "http://" not in page and "https://" not in page
    with_tiles = render(demo_dataset, light, tiles=True)
    assert "https://tile.openstreetmap.org/" in with_tiles


def test_leaflet_is_served_by_the_app_with_its_licence():
    folder = ensure_leaflet_assets()
    assert folder == LEAFLET_DIR
    assert (folder / "leaflet.js").stat().st_size > 100_000
    assert (folder / "images" / "layers.png").is_file()
    assert "BSD" in (folder / "LICENSE").read_text()


def test_boundary_attribution_and_canvas_rendering(demo_dataset, light):
    page = render(demo_dataset, light, lang="en")
    assert "CC BY 3.0 IGO" in page
    assert '"preferCanvas": true' in page
    assert 'setPrefix("Leaflet")' in page


def test_communes_are_clickable_with_their_code(demo_dataset, light):
    page = render(demo_dataset, light)
    codes = set(re.findall(r'"k":"c","code":"(\d{5})"', page))
    assert codes == set(demo_dataset.communes()["code"])


def test_coverage_layer_marks_every_uncovered_village_and_each_team_base(demo_dataset, light):
    page = render(demo_dataset, light, mode="coverage")
    uncovered = int((~demo_dataset.villages["village_id"].isin(demo_dataset.team_villages["village_id"])).sum())
    assert len(re.findall(r'"k":"v","c":"\d+","s":1,', page)) == uncovered
    assert page.count('"k":"t"') == len(team_bases(demo_dataset, "vi")) > 0


def test_boundaries_are_simplified_rounded_and_left_untouched(demo_dataset, light):
    original = demo_dataset.boundaries
    before = shapely.get_num_coordinates(original.geometry.values).sum()
    assert shapely.get_num_coordinates(light.geometry.values).sum() <= before
    assert shapely.get_num_coordinates(demo_dataset.boundaries.geometry.values).sum() == before
    coords = shapely.get_coordinates(light.geometry.values)
    assert np.allclose(coords, np.round(coords, 5), atol=1e-9)
    assert light.geometry.is_valid.all() and light.crs.to_epsg() == 4326


def test_province_payload_stays_under_one_megabyte(demo_dataset, light):
    assert len(render(demo_dataset, light).encode()) < 1_000_000


def test_aggregated_view_draws_one_dot_per_commune(demo_dataset):
    rows = village_rows(demo_dataset, "vi")
    dots = aggregate_by_commune(rows, unit_names(demo_dataset), "vi")
    assert len(dots) == demo_dataset.villages["commune_code"].nunique()
    group = layers.village_gap_layer(dots)
    page = layers.render_html(layers.base_map(None, "vi", (21.7, 103.0), 8), [group])
    assert page.count('"k":"c"') == len(dots)
