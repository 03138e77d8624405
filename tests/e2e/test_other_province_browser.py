"""Another province's package in a real browser, network cut off: Đồng Nai in the 2025 system (it absorbed
Bình Phước), 2025 commune codes, no district column, no boundaries file."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest

from core.i18n import t
from tests.e2e.conftest import go_to, screenshot, start_app, stop_app, wait_for_script
from tests.e2e.map_page import click_commune, count, map_frame
from tests.fixtures.other_provinces import build_dong_nai_2025


def dataset_communes() -> list[str]:
    from core.model.admin_units import load_admin_units_2025

    units, _ = load_admin_units_2025("75")
    return list(units.loc[units["level"] == "commune", "code"])


@pytest.fixture(scope="module")
def province_app(tmp_path_factory):
    package = build_dong_nai_2025(tmp_path_factory.mktemp("dong-nai"))
    proc, url = start_app({"DXMAP_PACKAGE": str(package)})
    yield url
    stop_app(proc)


def _sidebar_labels(page) -> list[str]:
    return page.locator('[data-testid="stSidebar"] [data-testid="stWidgetLabel"]').all_inner_texts()


def test_2025_map_draws_estimated_communes_and_a_click_selects_a_commune(province_app, offline_page):
    offline_page.open(province_app + "/map")
    page = offline_page.page
    handle, frame = map_frame(page)
    communes = frame.evaluate(
        "() => Object.values(window.map._layers).filter(l => l.feature && l.feature.properties.k === 'c').length"
    )
    assert communes == 95  # every 2025 commune of Đồng Nai, former Bình Phước included
    assert count(page, "villages") == 30
    assert t("map_derived_areas", "vi") in page.locator('[data-testid="stCaptionContainer"]').all_inner_texts()
    labels = _sidebar_labels(page)
    assert t("filter_commune_2025", "vi") in labels and t("filter_district", "vi") not in labels
    click_commune(page, handle, frame, ["25217", "25195", "25270", "26068", "26248"])
    params = parse_qs(urlparse(page.url).query)
    assert "district" not in params  # a click selects the commune at once: no district step in 2025
    assert params["commune"][0] in set(dataset_communes()) and count(page, "villages") < 30
    assert not page.locator('[data-testid="stException"]').count() and not offline_page.blocked
    screenshot(page, "other-province-map")


def _rerun_done(page, condition: str) -> None:
    """Until `condition` holds on the page (the rerun a sidebar control started has begun) and that run finished."""
    page.wait_for_function(condition, timeout=20_000)
    wait_for_script(page)


def _renders(page, what: str) -> None:
    assert not page.locator('[data-testid="stException"]').count(), what
    assert "Đồng Nai" in page.locator('[data-testid="stMain"]').inner_text(), what


def test_every_page_renders_for_the_2025_package(province_app, offline_page):
    """One page load, then as a person moves: projector mode and English on the overview, then every page through
    the menu; the commune link opened last."""
    page = offline_page.page
    offline_page.open(province_app + "/")
    _renders(page, "/")

    switch = page.locator('[data-testid="stSidebar"] [data-testid="stCheckbox"]', has_text=t("present_toggle", "vi"))
    switch.scroll_into_view_if_needed()
    switch.locator("label").click()
    _rerun_done(page, "() => new URLSearchParams(location.search).get('present') === '1'")
    page.locator('[data-testid="dx-slide-title"]').wait_for(timeout=20_000)
    _renders(page, "/?present=1")
    page.get_by_role("button", name="☰ " + t("present_menu", "vi")).click()
    page.get_by_role("button", name=t("present_exit", "vi")).click()
    _rerun_done(page, "() => !new URLSearchParams(location.search).has('present')")
    page.locator('[data-testid="stSidebarNav"]').wait_for(timeout=20_000)

    for lang, label in (("en", "English"), ("vi", "Tiếng Việt")):
        radio = page.locator('[data-testid="stSidebar"] [data-testid="stRadio"] label', has_text=label)
        radio.scroll_into_view_if_needed()
        radio.click()
        _rerun_done(page, f"() => document.documentElement.lang === '{lang}'")
        if lang == "en":
            assert t("page_overview", "en") in page.title()
            _renders(page, "/?lang=en")

    for path in ("indicators", "priorities", "teams"):
        go_to(page, path)  # from page to page through the menu, as a person does
        _renders(page, "/" + path)
    offline_page.open(province_app + "/indicators?commune=25217")
    assert "Phường Phước Long" in page.locator("h1").first.inner_text()
    assert not offline_page.blocked
