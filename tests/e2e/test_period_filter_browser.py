"""The period filter in a real browser, used the way a person does: type both dates with the keyboard."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.e2e.conftest import APP_TOKEN, go_to, screenshot, wait_for_layout, wait_for_script


def _query(page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def _settle(page, **params: str) -> None:
    """Until the link carries `params` (the rerun they start has begun), that run has finished and nothing is drawn
    faded."""
    if params:
        page.wait_for_function(
            "params => { const q = new URLSearchParams(location.search);"
            " return Object.entries(params).every(([k, v]) => q.get(k) === v); }",
            arg=params,
            timeout=20_000,
        )
    wait_for_script(page)
    page.wait_for_function("() => !document.querySelector('[data-stale=\"true\"]')", timeout=20_000)


def test_a_preset_sets_the_last_month_and_the_link_reopens_it(app_url, offline_page, browser):
    offline_page.open(app_url + "/")
    page = offline_page.page
    select = page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').filter(
        has_text="Thời gian hoạt động"
    )
    select.scroll_into_view_if_needed()
    select.get_by_role("combobox").first.click()
    page.get_by_role("option", name="Tháng cuối có dữ liệu (06/2025)").click()
    _settle(page, to="2025-06-30")
    assert _query(page).get("from") == ["2025-06-01"] and _query(page).get("to") == ["2025-06-30"]
    link = page.url
    fresh = browser.new_page(viewport={"width": 1366, "height": 768})
    fresh.goto(link)
    wait_for_script(fresh)
    fields = fresh.locator('[data-testid="stSidebar"] [data-testid="stDateInput"]')
    assert [fields.nth(i).locator("input[type=date]").input_value() for i in (0, 1)] == ["2025-06-01", "2025-06-30"]
    fresh.close()


def test_an_out_of_range_link_date_shows_a_notice_and_the_app_keeps_working(app_url, offline_page):
    offline_page.open(app_url + "/?from=1999-12-31&to=2100-01-02")
    page = offline_page.page
    assert "1999-12-31" in page.locator('[data-testid="stAlert"]').first.inner_text()
    go_to(page, "teams")  # on through the menu, as a person does
    _settle(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator('[data-testid="stMetricValue"]').count() >= 4


GRID = '[data-testid="stDataFrame"] .dvn-scroller'
GRIDS_OVERFLOW = (
    f"""() => [...document.querySelectorAll('{GRID}')].map(s => Math.max(0, s.scrollWidth - s.clientWidth))"""
)


def _grids_fit(page) -> list[int]:
    """Each table's sideways overflow, once the grids have laid out for the current view and width."""
    try:
        page.wait_for_function(f"() => ({GRIDS_OVERFLOW})().every(n => n === 0)", timeout=5_000)
    except PlaywrightTimeout:
        pass
    return page.evaluate(GRIDS_OVERFLOW)


def test_idle_teams_are_on_the_first_screen_of_teams_and_typed_dates_apply_the_period(app_url, offline_page):
    """One page load at 1366×768, then the window made 1920×1080: at each size the idle list on the first screen
    and every table fitting its column in both views of the teams table. Then, on the same page, both dates typed
    with the keyboard and Enter pressed apply the period."""
    page = offline_page.page
    page.set_viewport_size({"width": 1366, "height": 768})
    offline_page.open(app_url + "/teams")
    views = ["Hoạt động", "Thành viên"]  # the view the table is switched to at each size, in turn
    for width, height in ((1366, 768), (1920, 1080)):
        if page.viewport_size["width"] != width:
            page.set_viewport_size({"width": width, "height": height})
            page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollTo(0, 0)")
        wait_for_layout(page)
        heading = page.get_by_role("heading", name="Tổ, đội không hoạt động (")
        assert heading.count() == 1
        assert "Trong tháng 06/2025:" in page.locator('[data-testid="stMain"]').inner_text()
        assert heading.bounding_box()["y"] < height, f"the idle list starts below the first screen at {width}"
        # every table of the page fits its column: no sideways scrolling, in either view of the teams table
        page.locator('[data-testid="stDataFrame"]').last.scroll_into_view_if_needed()  # grids draw once in view
        page.wait_for_function(f"() => document.querySelectorAll('{GRID}').length == 3", timeout=20_000)
        assert _grids_fit(page) == [0, 0, 0], width
        view = page.locator('[data-testid="stButtonGroup"] button', has_text=views.pop(0))
        view.scroll_into_view_if_needed()
        view.click()
        wait_for_layout(page)
        assert _grids_fit(page) == [0, 0, 0], width
        page.screenshot(path=str(screenshot(page, f"teams-{width}x{height}").with_name(f"teams-top-{width}.png")))
        page.locator('[data-testid="stSidebarContent"]').evaluate("e => e.scrollTo(0, 380)")
        page.screenshot(path=str(screenshot(page, f"teams-{width}x{height}").with_name(f"sidebar-{width}.png")))

    # the period typed with the keyboard: the start date's day, Tab to the end date's day, Enter
    fields = page.locator('[data-testid="stSidebar"] [data-testid="stDateInput"]')
    shown = [fields.nth(i).locator("input[type=date]").input_value() for i in (0, 1)]
    assert shown == ["2023-01-01", "2025-06-30"], f"the period fields before typing: {shown}"
    idle_before = page.locator('[data-testid="stMetricValue"]').nth(2).inner_text()

    day = fields.nth(0).locator('[data-type="day"]')
    day.scroll_into_view_if_needed()
    day.click()
    page.keyboard.type("01/04/2025")
    page.keyboard.press("Tab")  # to the end date's day, and the start applies
    _settle(page, **{"from": "2025-04-01"})
    assert _query(page).get("from") == ["2025-04-01"], f"the typed start is not in the link: {page.url}"
    page.keyboard.type("15/04/2025")
    page.keyboard.press("Enter")
    _settle(page, to="2025-04-15")

    query = _query(page)
    assert query.get("from") == ["2025-04-01"] and query.get("to") == ["2025-04-15"], f"the typed period: {page.url}"
    assert "01/04/2025" in page.locator("h1").first.inner_text(), "the heading does not name the typed period"
    assert page.locator('[data-testid="stMetricValue"]').nth(2).inner_text() != idle_before, (
        "the third tile kept its value"
    )
    shown = [fields.nth(i).locator("input[type=date]").input_value() for i in (0, 1)]
    assert shown == ["2025-04-01", "2025-04-15"], f"the period fields after typing: {shown}"
    assert page.locator('[data-testid="stException"]').count() == 0
    assert offline_page.blocked == []


def test_english_sidebar_and_uploader_have_no_vietnamese_or_streamlit_english(app_url, offline_page):
    """The uploader's own words in Vietnamese, then English chosen in the sidebar: the sidebar in English."""
    offline_page.open(app_url + f"/data?token={APP_TOKEN}")  # the file input is for a session that may import
    page = offline_page.page
    button = page.locator('[data-testid="stFileUploaderDropzone"] button p').first
    button.scroll_into_view_if_needed()
    drawn = button.evaluate("e => getComputedStyle(e, '::after').content")
    assert drawn == '"Chọn tệp"' and button.evaluate("e => getComputedStyle(e).fontSize") == "0px"
    limit = page.locator('[data-testid="stFileUploaderDropzoneInstructions"] span').first
    assert limit.evaluate("e => getComputedStyle(e, '::before').content") == '"Tối đa 200 MB mỗi tệp"'
    screenshot(page, "data-uploader-vi")
    english = page.locator('[data-testid="stSidebar"] [data-testid="stRadio"] label', has_text="English")
    english.scroll_into_view_if_needed()
    english.click()
    _settle(page, lang="en")
    page.wait_for_function("() => document.documentElement.lang === 'en'", timeout=20_000)
    sidebar = page.locator('[data-testid="stSidebarContent"]').inner_text()
    assert "Province and district boundaries" in sidebar and "Ranh giới" not in sidebar
