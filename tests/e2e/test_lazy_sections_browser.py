"""What a page shows on demand, in a real browser: a chart's table when its expander opens, another tab's chart,
the Overview's map picture, another team's map; nothing breaks and nothing leaves the machine."""

from __future__ import annotations

from tests.e2e.conftest import go_to, wait_for_layout

EXCEPTION = '[data-testid="stException"]'


def _settle(page) -> None:
    """The script finished, nothing faded, and the charts, pictures and tables laid out (the same on two looks)."""
    wait_for_layout(page)


def _charts_drawn(page) -> int:
    return page.evaluate("""() => Array.from(document.querySelectorAll('[data-testid="stPlotlyChart"]'))
        .filter(c => c.checkVisibility() && c.querySelector('.main-svg')).length""")


def test_sections_arrive_when_asked_on_a_walk_through_the_menu(app_url, offline_page):
    """One visit, from page to page through the menu as a person does: the Overview's map picture, the
    Indicators' other tab and a chart's table, then another team's map on the Teams page."""
    offline_page.open(f"{app_url}/")
    page = offline_page.page
    _settle(page)
    size = page.evaluate("""() => { const img = document.querySelector('[data-testid="stImage"] img');
        return img && img.complete ? [img.naturalWidth, img.getBoundingClientRect().height] : null; }""")
    assert size and size[0] > 100 and size[1] > 200, f"overview map picture: {size}"
    assert "Có tổ, đội phụ trách (" in page.locator('[data-testid="stMain"]').inner_text(), "overview map legend"

    go_to(page, "indicators")
    _settle(page)
    drawn = _charts_drawn(page)
    assert drawn == 3, f"indicators, first tab: {drawn} charts drawn"  # progress, trend and the first tab's breakdown
    grids = page.locator('[data-testid="stDataFrame"]').count()

    page.get_by_role("tab", name="Hiệu quả theo xã").click()
    page.get_by_text("Hiệu quả: người chưa kích hoạt mức 2", exact=False).first.wait_for(timeout=20_000)
    _settle(page)
    drawn = _charts_drawn(page)
    assert drawn == 3, f"indicators, effectiveness tab: {drawn} charts drawn"
    assert page.get_by_text("Kích hoạt mức 2 do tổ, đội báo cáo theo huyện").count() == 0, "first tab's chart shown"

    page.locator('[data-testid="stExpander"] summary', has_text="Xem bảng số liệu").first.click()
    page.wait_for_function(
        f"() => document.querySelectorAll('[data-testid=\"stDataFrame\"]').length > {grids}", timeout=20_000
    )
    _settle(page)
    assert page.locator(EXCEPTION).count() == 0, "indicators: an error is shown"

    go_to(page, "teams")
    _settle(page)
    before = page.locator('[data-testid="stImage"] img').get_attribute("src")
    box = page.locator(".st-key-teams_selected input")
    box.click()
    box.fill("Him Lam")  # another team, as a person types to find it
    page.keyboard.press("Enter")
    page.wait_for_function(
        """(src) => { const img = document.querySelector('[data-testid="stImage"] img');
            return img && img.src !== src; }""",
        arg=before,
        timeout=20_000,
    )
    _settle(page)
    assert page.locator(EXCEPTION).count() == 0, "teams: an error is shown"
    assert offline_page.blocked == []
