"""Accounts in a real browser: the sign-in form first and no figure before it; the lock after wrong passwords; a
district lead's Overview holding only the district (its figures counted here from the package's own CSV); a link
naming a commune outside the area refused with a notice; sign-out back to the form. Staying signed in: a reload
keeps the session (the browser's `dxmap_session` cookie), sign-out, a tampered cookie or the account disabled from
the command line bring the form back."""

from __future__ import annotations

import subprocess
import sys
import time

import pandas as pd
import pytest

from core import accounts
from core.config import DEMO_PACKAGE
from core.storage import store
from tests.e2e.conftest import ARTIFACTS, ROOT, screenshot, start_app, stop_app, wait_for_layout, wait_for_script

PASSWORD = "mật khẩu đủ dài 2026"
NAM_PO = "103"
NOONG_BUA = "03124"  # a ward of Điện Biên Phủ city
STORE: dict[str, str] = {}  # the module's store URL, for reading its audit log


@pytest.fixture(scope="module")
def accounts_app(tmp_path_factory):
    from core.ingest.reader import read_package

    folder = tmp_path_factory.mktemp("accounts")
    url = f"sqlite:///{folder / 'store.sqlite'}"
    dataset, _ = read_package(DEMO_PACKAGE)
    store.commit(dataset, url=url)
    STORE["url"] = url
    accounts.add_account("lan", PASSWORD, "district_lead", area=[NAM_PO], display_name="Lò Thị Lan", actor="t", url=url)
    accounts.add_account("khoa", PASSWORD, "district_lead", area=[NAM_PO], actor="t", url=url)
    accounts.add_account("hoa", PASSWORD, "district_lead", area=[NAM_PO], actor="t", url=url)
    proc, app = start_app({"DATABASE_URL": url, "DXMAP_PACKAGE": "", "DXMAP_EDITOR_PASSWORD": ""})
    yield app
    stop_app(proc)


@pytest.fixture
def new_page(new_tab, browser):
    """`new_page(width, height)`: a tab of the shared browser, as a fresh one (no cookie, no storage);
    `own_browser=True`: a browser of its own, for a second person at the same time."""
    contexts = []

    def make(width: int = 1366, height: int = 768, own_browser: bool = False):
        if not own_browser:
            return new_tab(width, height).page
        context = browser.new_context(viewport={"width": width, "height": height}, locale="vi-VN")
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def _sign_in(page, user: str, password: str = PASSWORD) -> None:
    page.get_by_label("Tên đăng nhập").fill(user)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_timeout(300)
    wait_for_script(page)


def _open_signed_in(page, url: str, user: str) -> None:
    """Open the Overview, sign in as `user`, wait for its figures."""
    page.goto(url + "/", timeout=30_000)
    wait_for_script(page)
    _sign_in(page, user)
    page.wait_for_selector('[data-testid="stMetricValue"]', timeout=30_000)
    wait_for_script(page)  # the signed-in run drew every tile, not only the first ones (a slow machine shows it)
    page.wait_for_function("() => !document.querySelector('[data-stale=\"true\"]')", timeout=30_000)


def _nam_po_figures() -> tuple[str, str]:
    """Villages and villages without signal in Nậm Pồ, counted from the package's CSV (not through the app)."""
    villages = pd.read_csv(DEMO_PACKAGE / "villages.csv", dtype=str)
    mine = villages[villages["district_code"] == NAM_PO]
    return f"{len(mine):,}".replace(",", "."), str(int((mine["mobile_signal"] == "none").sum()))


def test_the_sign_in_form_comes_first_with_no_figure(accounts_app, new_page):
    page = new_page(1366, 768)
    page.goto(accounts_app + "/map?district=094", timeout=30_000)
    wait_for_script(page)
    for width, height in ((1366, 768), (1920, 1080)):  # one page, the window made larger for the second size
        page.set_viewport_size({"width": width, "height": height})
        wait_for_layout(page)
        assert page.get_by_label("Tên đăng nhập").is_visible() and page.get_by_label("Mật khẩu").is_visible(), width
        assert page.locator('[data-testid="stMetricValue"]').count() == 0
        assert page.locator('iframe[title="streamlit_folium.st_folium"]').count() == 0
        assert page.locator('[data-testid="stDataFrame"]').count() == 0
        screenshot(page, f"signin_{width}x{height}")


def test_a_district_leads_overview_holds_only_the_district(accounts_app, new_page):
    villages, no_signal = _nam_po_figures()
    page = new_page(1366, 768)
    _open_signed_in(page, accounts_app, "lan")
    for width, height in ((1366, 768), (1920, 1080)):  # one sign-in, the window made larger for the second size
        page.set_viewport_size({"width": width, "height": height})
        page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollTo(0, 0)")
        wait_for_layout(page)
        assert "Nậm Pồ" in page.locator("h1").first.inner_text()
        metrics = page.locator('[data-testid="stMetricValue"]').all_inner_texts()
        assert villages in metrics and no_signal in metrics, metrics
        sidebar = page.locator('[data-testid="stSidebar"]').inner_text()
        assert "Lò Thị Lan" in sidebar and "Đăng xuất" in sidebar
        signout = page.locator('[data-testid="stSidebar"]').get_by_role("button", name="Đăng xuất")
        signout.scroll_into_view_if_needed()
        assert signout.is_visible(), width
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"lead_sidebar_{width}x{height}.png"))
        assert page.locator('[data-testid="stException"]').count() == 0
        screenshot(page, f"lead_overview_{width}x{height}")


def test_a_link_with_a_commune_outside_the_area_is_refused_with_a_notice(accounts_app, new_page):
    page = new_page()
    page.goto(accounts_app + f"/?commune={NOONG_BUA}", timeout=30_000)
    wait_for_script(page)
    _sign_in(page, "lan")
    page.wait_for_selector('[data-testid="stMetricValue"]', timeout=30_000)
    alerts = page.locator('[data-testid="stAlert"]').all_inner_texts()
    assert any("ngoài địa bàn" in a for a in alerts), alerts
    assert "Nậm Pồ" in page.locator("h1").first.inner_text()
    assert "Noong Bua" not in page.locator("h1").first.inner_text()
    assert f"commune={NOONG_BUA}" not in page.url and f"district={NAM_PO}" in page.url


def _session_cookie(page, present: bool = True) -> dict | None:
    """The `dxmap_session` cookie once the page has written (or cleared) it."""
    for _ in range(50):
        found = [c for c in page.context.cookies() if c["name"] == "dxmap_session"]
        if bool(found) == present:
            return found[0] if found else None
        page.wait_for_timeout(100)
    raise AssertionError(f"the session cookie is {'missing' if present else 'still there'}")


def _reload(page) -> None:
    page.reload(timeout=30_000)
    wait_for_script(page)


def _shows_form(page) -> None:
    page.get_by_label("Tên đăng nhập").wait_for(timeout=30_000)
    wait_for_script(page)
    assert page.locator('[data-testid="stMetricValue"]').count() == 0
    assert page.locator('[data-testid="stException"]').count() == 0


def test_a_reload_stays_signed_in_and_sign_out_returns_to_the_form(accounts_app, new_page):
    villages, _no_signal = _nam_po_figures()
    page = new_page()
    signed_in_from = time.time()
    _open_signed_in(page, accounts_app, "lan")
    cookie = _session_cookie(page)
    signed_in_by = time.time()
    assert (cookie["path"], cookie["sameSite"], cookie["secure"], cookie["httpOnly"]) == ("/", "Strict", False, False)
    # Max-Age is the inactivity timeout (default 8 h), counted from the moment the page set the cookie
    assert signed_in_from + 8 * 3600 - 1 <= cookie["expires"] <= signed_in_by + 8 * 3600 + 1, cookie["expires"]
    assert cookie["value"] not in _store_dump()  # the store keeps its hash only

    _reload(page)  # a new session, signed in from the cookie
    writer = page.locator(".st-key-dx_cookie")  # the element whose script rewrites the cookie takes no room
    assert writer.count() == 1 and writer.evaluate("e => getComputedStyle(e).display") == "none"
    page.wait_for_selector('[data-testid="stMetricValue"]', timeout=30_000)
    assert villages in page.locator('[data-testid="stMetricValue"]').all_inner_texts()
    assert "Lò Thị Lan" in page.locator('[data-testid="stSidebar"]').inner_text()
    assert page.get_by_label("Tên đăng nhập").count() == 0
    assert page.locator('[data-testid="stException"]').count() == 0
    screenshot(page, "remembered_overview_1366x768")
    page.goto(accounts_app + "/?commune=03156", timeout=30_000)  # a saved link: signed in, the link applied
    wait_for_script(page)
    page.wait_for_selector('[data-testid="stMetricValue"]', timeout=30_000)
    assert "Nậm Tin" in page.locator("h1").first.inner_text() and "commune=03156" in page.url
    resumed = [e for e in _audit() if e.actor == "lan" and e.detail == {"via": "cookie"}]
    assert len(resumed) == 2 and {e.action for e in resumed} == {"signin_ok"}

    page.locator('[data-testid="stSidebar"]').get_by_role("button", name="Đăng xuất").click()
    _shows_form(page)
    _session_cookie(page, present=False)
    _reload(page)
    _shows_form(page)


def test_a_tampered_cookie_shows_the_form_and_no_error(accounts_app, new_page):
    page = new_page()
    _open_signed_in(page, accounts_app, "lan")
    cookie = _session_cookie(page)
    value = cookie["value"]
    for tampered in (value[:-1] + ("A" if value[-1] != "A" else "B"), "x" * 3000):
        page.context.add_cookies([{**cookie, "value": tampered}])
        _reload(page)
        _shows_form(page)
        _session_cookie(page, present=False)  # the page drops a cookie it does not accept
    screenshot(page, "remembered_tampered_1366x768")


def test_an_account_disabled_from_the_command_line_is_signed_out_at_the_next_reload(accounts_app, new_page):
    page = new_page()
    _open_signed_in(page, accounts_app, "hoa")
    _session_cookie(page)
    _reload(page)
    page.wait_for_selector('[data-testid="stMetricValue"]', timeout=30_000)  # remembered
    done = subprocess.run(
        [sys.executable, "cli.py", "users", "disable", "hoa", "--db", STORE["url"]],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    _reload(page)
    _shows_form(page)


def _audit():
    from core import audit

    return audit.entries(url=STORE["url"])


def _store_dump() -> str:
    from sqlalchemy import create_engine, inspect, text

    eng = create_engine(STORE["url"])
    try:
        with eng.connect() as conn:
            return "\n".join(
                repr(tuple(row))
                for name in inspect(conn).get_table_names()
                if name != "boundaries"
                for row in conn.execute(text(f'SELECT * FROM "{name}"'))
            )
    finally:
        eng.dispose()


def test_wrong_passwords_lock_the_account_with_a_message(accounts_app, new_page):
    page = new_page()
    page.goto(accounts_app + "/", timeout=30_000)
    wait_for_script(page)
    error = ""
    for _ in range(accounts.MAX_FAILURES + 2):  # a click that lands while the page reruns may be lost
        _sign_in(page, "khoa", "sai mật khẩu")
        page.wait_for_selector('[data-testid="stAlert"]', timeout=30_000)
        error = page.locator('[data-testid="stAlert"]').first.inner_text()
        if "thử lại sau" in error:
            break
        assert error == "Tên đăng nhập hoặc mật khẩu không đúng.", error
    assert "thử lại sau" in error, error
    other = new_page(own_browser=True)  # another browser: the lock is the account's, kept in the store
    other.goto(accounts_app + "/", timeout=30_000)
    wait_for_script(other)
    _sign_in(other, "khoa")
    assert "thử lại sau" in other.locator('[data-testid="stAlert"]').first.inner_text()
    assert other.locator('[data-testid="stMetricValue"]').count() == 0


def test_a_leads_dry_run_refuses_a_row_outside_the_area_and_nothing_can_be_committed(accounts_app, new_page, tmp_path):
    from core import audit

    page = new_page()
    page.goto(accounts_app + "/data", timeout=30_000)
    wait_for_script(page)
    _sign_in(page, "lan")
    page.get_by_text("được nhập dữ liệu").first.wait_for(timeout=30_000)
    upload = tmp_path / "bao_cao.csv"
    upload.write_text(
        "date,team_id,village_id,kind,participants,eid_level2\n"
        "2025-06-01,YV-103-01,03156-01,meeting,30,2\n"
        f"2025-06-02,CT-{NOONG_BUA},{NOONG_BUA}-01,meeting,20,1\n",
        encoding="utf-8",
    )
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(upload))
    page.get_by_text("bao_cao.csv").first.wait_for(timeout=15_000)
    page.get_by_role("button", name="Chạy thử (kiểm tra)").click()
    page.get_by_text("Có 1 lỗi").first.wait_for(timeout=60_000)
    wait_for_script(page)
    assert page.get_by_role("button", name="Ghi vào kho dữ liệu").count() == 0
    entries = [e for e in audit.entries(url=STORE["url"]) if e.action == "import_dry_run"]
    assert entries and entries[-1].actor == "lan" and entries[-1].detail["errors"] == 1
    assert entries[-1].detail["area"] == [NAM_PO]
    problems = page.locator('[data-testid="dx-problems"]')
    problems.scroll_into_view_if_needed()
    assert "Nậm Pồ" in problems.inner_text()  # the refused row's reason names the area
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "lead_dry_run_refused.png"))
