"""Who may write, in a real browser: a page reached through another host name (DNS rebinding) never writes,
even with the right token; on localhost nothing is written without this start's token, and with it, it is. A
session that may not write gets no file input and no dry run."""

from __future__ import annotations

from dataclasses import replace

import pytest

from core.storage import store
from tests.e2e.conftest import CHROMIUM, OFFLINE_ARGS, OfflinePage, screenshot, start_app, stop_app, wait_for_script

TOKEN = "e2e_Tok-9fQ2xLm7Rk"
REBOUND = "evil.example"
NEW_VILLAGE = (
    "Mã thôn,Tên thôn/bản,Mã xã,Mã huyện,Vĩ độ,Kinh độ,Số hộ,Số dân,Sóng di động,Điện lưới\r\n"
    "03124-99,Bản Thử Nghiệm,03124,094,21.3801,103.0432,40,180,Không có sóng,Có\r\n"
)


@pytest.fixture(scope="module")
def token_app(tmp_path_factory, demo_dataset):
    """One app for both tests (either may run first: the rebound host writes nothing, the localhost test starts from
    the two versions committed here)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('write_access') / 'store.sqlite'}"
    store.commit(demo_dataset, url=url)
    store.commit(replace(demo_dataset, targets=demo_dataset.targets.iloc[:3]), url=url)
    proc, app = start_app(
        {
            "DATABASE_URL": url,
            "DXMAP_EDITOR_PASSWORD": "",
            "DXMAP_PACKAGE": "",
            "DXMAP_WRITE_TOKEN": TOKEN,
            "DXMAP_ALLOWED_HOSTS": "",
        }
    )
    yield app, url
    stop_app(proc)


class RebindingPage(OfflinePage):
    """Like OfflinePage, but the rebound name (which the browser resolves to 127.0.0.1) is this machine too."""

    local_hosts = (*OfflinePage.local_hosts, REBOUND)


@pytest.fixture
def rebinding_page(browser):
    # a second Chromium from the session's Playwright (a second sync_playwright() cannot run beside it)
    rebinding = browser.browser_type.launch(
        executable_path=CHROMIUM,
        args=[*OFFLINE_ARGS, f"--host-resolver-rules=MAP {REBOUND} 127.0.0.1", f"--proxy-bypass-list={REBOUND}"],
    )
    context = rebinding.new_context(viewport={"width": 1366, "height": 768}, locale="vi-VN")
    yield RebindingPage(context)
    rebinding.close()


def _dry_run(page, tmp_path) -> None:
    upload = tmp_path / "thon_moi.csv"
    upload.write_text(NEW_VILLAGE, encoding="utf-8")
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(upload))
    page.get_by_text("thon_moi.csv").first.wait_for(timeout=15_000)
    page.get_by_role("button", name="Chạy thử (kiểm tra)").click()
    page.get_by_text("Không có lỗi: có thể ghi vào kho.").wait_for(timeout=30_000)
    wait_for_script(page)


def _no_file_input(page) -> None:
    page.get_by_text("Tải tệp lên và chạy thử chỉ dành cho phiên được phép nhập dữ liệu").wait_for(timeout=15_000)
    assert page.locator('[data-testid="stFileUploaderDropzoneInput"]').count() == 0
    assert page.get_by_role("button", name="Chạy thử (kiểm tra)").count() == 0


def _restore_button(page):
    page.get_by_role("tab", name="Lịch sử").click()
    return page.get_by_role("button", name="Xem trước khi khôi phục", exact=True)


def test_a_rebound_host_name_cannot_commit_or_restore_even_with_the_token(token_app, rebinding_page, tmp_path):
    app, url = token_app
    port = app.rsplit(":", 1)[1]
    offline = rebinding_page
    page = offline.page
    version = store.current_version_id(url)
    offline.open(f"http://{REBOUND}:{port}/data?token={TOKEN}")
    screenshot(page, "write_access_rebound_host")
    _no_file_input(page)  # a session that may not write uploads nothing and runs no dry run
    restore = _restore_button(page)
    restore_disabled = restore.is_disabled()
    restore.click(force=True)
    wait_for_script(page)
    assert store.current_version_id(url) == version  # nothing restored
    assert restore_disabled
    page.get_by_role("tab", name="Nhập dữ liệu").click()
    assert page.get_by_text("Không được ghi dữ liệu khi mở ứng dụng qua địa chỉ «evil.example:").is_visible()
    assert offline.blocked == []


def test_on_localhost_writing_needs_the_token_and_works_with_it(token_app, offline_page, tmp_path):
    app, url = token_app
    page = offline_page.page
    page.set_viewport_size({"width": 1366, "height": 768})
    offline_page.open(app + "/data")
    assert page.get_by_text("Cần mã ghi dữ liệu để ghi hoặc khôi phục").is_visible()
    screenshot(page, "write_access_no_token")
    _no_file_input(page)
    assert _restore_button(page).is_disabled()
    assert store.current_version_id(url) == 2

    offline_page.open(app + f"/data?token={TOKEN}")
    page.wait_for_function("() => !location.search.includes('token')", timeout=10_000)
    assert page.get_by_text("Phiên này được phép ghi dữ liệu.").is_visible()
    page.set_viewport_size({"width": 1920, "height": 1080})
    screenshot(page, "write_access_with_token_1920")
    _dry_run(page, tmp_path)
    page.get_by_role("button", name="Ghi vào kho dữ liệu").click()
    page.get_by_text("Đã ghi: phiên bản 3.").wait_for(timeout=30_000)
    wait_for_script(page)
    assert store.current_version_id(url) == 3
    restore = _restore_button(page)
    assert restore.is_enabled()
    restore.click()
    # the review's run draws the confirmation (on the History tab, which that run leaves closed: it opens on the
    # first tab again): the tab is opened once the run has drawn it, not while the run may still redraw the tabs
    page.get_by_role("button", name="Xác nhận khôi phục", include_hidden=True).wait_for(
        state="attached", timeout=30_000
    )
    wait_for_script(page)
    page.get_by_role("tab", name="Lịch sử").last.click()
    page.get_by_role("button", name="Xác nhận khôi phục").click()  # the review shows what changes, then asks
    page.get_by_text("Đã khôi phục phiên bản").wait_for(timeout=30_000)
    assert store.current_version_id(url) == 4
    assert page.locator('[data-testid="stException"]').count() == 0
    assert offline_page.blocked == []
