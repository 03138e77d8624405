"""The Priorities page's Excel download in a real browser, offline: click, save, open with openpyxl."""

from __future__ import annotations

import openpyxl
from playwright.sync_api import expect

from tests.e2e.conftest import screenshot, wait_for_script


def test_priorities_xlsx_download_opens_in_openpyxl_with_only_the_filtered_district(app_url, offline_page, tmp_path):
    # like a district lead: open the district's link, then go to the Priorities page from the menu
    offline_page.open(app_url + "/?district=096")
    page = offline_page.page
    page.locator('[data-testid="stSidebarNav"] a', has_text="Ưu tiên").first.click()
    expect(page.locator("h1").first).to_contain_text("Mường Nhé", timeout=30_000)
    wait_for_script(page)
    button = page.locator('[data-testid="stDownloadButton"] button', has_text="Excel (.xlsx)")
    button.scroll_into_view_if_needed()
    with page.expect_download(timeout=60_000) as info:
        button.click()
    download = info.value
    assert download.suggested_filename.endswith(".xlsx")
    assert "huyen-muong-nhe" in download.suggested_filename
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    wb = openpyxl.load_workbook(path)
    rows = list(wb.worksheets[0].iter_rows(values_only=True))
    assert rows[0][:3] == ("Hạng", "Mã thôn, bản", "Thôn, bản")
    assert len(rows) > 10 and [r[0] for r in rows[1:4]] == [1, 2, 3]
    assert {r[5] for r in rows[1:]} == {"096"}
    assert wb.worksheets[0].freeze_panes == "A2"
    screenshot(page, "priorities_export")
    assert page.locator('[data-testid="stException"]').count() == 0
    assert offline_page.blocked == []
