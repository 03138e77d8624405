"""The Data page in a real browser: upload a report, read the dry run, commit, see it on the Overview."""

from __future__ import annotations

import pytest

from core.storage import store
from tests.e2e.conftest import go_to, screenshot, start_app, stop_app, wait_for_script

TOKEN = "data-page-e2e-token"
NEW_VILLAGE = (
    "Mã thôn,Tên thôn/bản,Mã xã,Mã huyện,Vĩ độ,Kinh độ,Số hộ,Số dân,Sóng di động,Điện lưới\r\n"
    "03124-99,Bản Thử Nghiệm,03124,094,21.3801,103.0432,40,180,Không có sóng,Có\r\n"
)


@pytest.fixture
def store_app(tmp_path):
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    proc, app = start_app(
        {"DATABASE_URL": url, "DXMAP_EDITOR_PASSWORD": "", "DXMAP_PACKAGE": "", "DXMAP_WRITE_TOKEN": TOKEN}
    )
    yield app, url
    stop_app(proc)


def _metric_values(page) -> list[str]:
    return page.locator('[data-testid="stMetricValue"]').all_inner_texts()


CUT_BUTTONS = """() => [...document.querySelectorAll('[data-testid="stDownloadButton"] button')]
    .filter(b => b.offsetParent !== null)
    .filter(b => [b, ...b.querySelectorAll('*')].some(e => e.scrollWidth > e.clientWidth + 1))
    .map(b => b.innerText)"""


def _template_buttons_read_whole_at_1366(page) -> None:
    page.set_viewport_size({"width": 1366, "height": 768})
    page.get_by_role("tab", name="Mẫu nhập liệu").click()
    page.get_by_text("Mẫu Phân công tổ – thôn").wait_for()
    assert page.evaluate(CUT_BUTTONS) == []
    screenshot(page, "data_templates_1366")
    page.get_by_role("tab", name="Nhập dữ liệu").click()
    page.set_viewport_size({"width": 1600, "height": 1000})


def test_upload_dry_run_commit_then_the_overview_shows_the_new_village(store_app, offline_page, tmp_path):
    app, url = store_app
    page = offline_page.page
    offline_page.open(app + f"/?token={TOKEN}")  # the link `make run` prints
    assert "1.522" in _metric_values(page)
    go_to(page, "data")  # from page to page through the menu, as a person does: the session may still write
    assert page.get_by_text("Phiên này được phép ghi dữ liệu.").is_visible()
    _template_buttons_read_whole_at_1366(page)
    upload = tmp_path / "thon_moi.csv"
    upload.write_text(NEW_VILLAGE, encoding="utf-8")
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(upload))
    page.get_by_text("thon_moi.csv").first.wait_for(timeout=15_000)
    page.get_by_role("button", name="Chạy thử (kiểm tra)").click()
    page.get_by_text("Không có lỗi: có thể ghi vào kho.").wait_for(timeout=30_000)
    wait_for_script(page)
    assert page.get_by_text("Thôn, bản thay đổi").first.is_visible()
    screenshot(page, "data_dry_run")
    page.get_by_label("Người nhập (họ tên)").fill("Cán bộ xã")
    page.get_by_label("Người nhập (họ tên)").press("Enter")
    wait_for_script(page)
    page.get_by_role("button", name="Ghi vào kho dữ liệu").click()
    page.get_by_text("Đã ghi: phiên bản 1.").wait_for(timeout=30_000)
    assert store.current_version_id(url) == 1
    assert page.locator('[data-testid="stException"]').count() == 0
    go_to(page, "")
    assert "1.523" in _metric_values(page)
    go_to(page, "data")
    assert page.get_by_text("Đang dùng: Phiên bản 1").first.is_visible()
    assert offline_page.blocked == []
