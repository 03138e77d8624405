"""One store for all replicas: two app processes on the same store (a SQLite file, a PostgreSQL database); a
browser session on each shows the villages count; another process commits new villages; at their next rerun
(the same sessions, no reload) both show the new count. The data version is read from the store every run. Once the
store has accounts, a sign-in on one replica stays signed in on the other (the session token is in the store)."""

from __future__ import annotations

import csv
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from core.config import DEMO_PACKAGE
from core.storage import store
from tests.e2e.conftest import ROOT, screenshot, start_app, stop_app, wait_for_script
from tests.pg import postgres_server, store_url  # noqa: F401 - the SQLite and PostgreSQL stores


def _two_new_villages(path: Path) -> Path:
    """Two villages more (copies of the demo's first two, with new codes and names)."""
    with (DEMO_PACKAGE / "villages.csv").open(encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    header, first = rows[0], rows[1:3]
    new = [[f"{row[0][:6]}9{i}", f"Bản Mới {i}", *row[2:]] for i, row in enumerate(first, start=1)]
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([header, *new])
    return path


def _villages_shown(page) -> list[str]:
    return page.locator('[data-testid="stMetricValue"]').all_inner_texts()


def _rerun_shows(page, wanted: str) -> None:
    """Rerun the same session, as any click on a widget does (Streamlit's `r` shortcut; no reload: the marker
    set on the window before survives), and wait until the run shows `wanted`."""
    page.evaluate("() => { window.__dxSameSession = true; }")
    page.mouse.click(5, 300)
    page.keyboard.press("r")
    page.wait_for_function(
        """(wanted) => [...document.querySelectorAll('[data-testid="stMetricValue"]')]
                .some((el) => el.innerText.trim() === wanted)""",
        arg=wanted,
        timeout=20_000,
    )
    wait_for_script(page)
    assert page.evaluate("() => window.__dxSameSession === true")


def test_a_commit_is_seen_by_sessions_on_every_replica_at_their_next_rerun(
    store_url,  # noqa: F811
    demo_dataset,
    offline_page,
    new_tab,
    tmp_path,
):
    store.commit(demo_dataset, who="Lò Văn Minh", url=store_url)
    before = f"{len(demo_dataset.villages):,}".replace(",", ".")
    after = f"{len(demo_dataset.villages) + 2:,}".replace(",", ".")
    env = {"DATABASE_URL": store_url}
    with ThreadPoolExecutor(2) as pool:
        (proc_a, url_a), (proc_b, url_b) = pool.map(lambda _n: start_app(env), range(2))
    try:
        page_b = offline_page.page
        page_a = new_tab(1366, 768).page
        for page, url in ((page_b, url_b), (page_a, url_a)):  # the two replicas' pages load side by side
            page.goto(url + "/", wait_until="commit", timeout=30_000)
        for page in (page_b, page_a):
            wait_for_script(page)
            assert before in _villages_shown(page), page.url

        report = _two_new_villages(tmp_path / "thon_moi.csv")
        done = subprocess.run(
            [sys.executable, "cli.py", "import", str(report), "--db", store_url, "--who", "Quàng Thị Hoa"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=180,
        )
        assert done.returncode == 0, done.stderr
        assert store.current_version_id(store_url) == 2

        for page in (page_b, page_a):
            _rerun_shows(page, after)
            shown = _villages_shown(page)
            assert after in shown and before not in shown, shown
            assert page.locator('[data-testid="stException"]').count() == 0
        screenshot(page_b, f"replica-b-after-commit-{'sqlite' if store_url.startswith('sqlite') else 'postgresql'}")
        assert offline_page.blocked == []
        _signed_in_on_one_replica_is_signed_in_on_the_other(store_url, page_a, url_a, url_b)
    finally:
        stop_app(proc_a)
        stop_app(proc_b)


def _signed_in_on_one_replica_is_signed_in_on_the_other(url: str, page, url_a: str, url_b: str) -> None:
    """The browser's `dxmap_session` cookie (cookies are per host, not per port, as behind one proxy) holds a
    token issued by replica A; replica B finds it in the shared store and opens signed in."""
    from core import accounts

    accounts.add_account("hoa", "mật khẩu đủ dài 2026", "planner", display_name="Quàng Thị Hoa", actor="t", url=url)
    # the open session's next run (no reload) finds the store holding accounts and asks to sign in
    page.mouse.click(5, 300)
    page.keyboard.press("r")
    page.get_by_label("Tên đăng nhập").wait_for(timeout=30_000)
    wait_for_script(page)
    assert page.url.startswith(url_a)
    page.get_by_label("Tên đăng nhập").fill("hoa")
    page.get_by_label("Mật khẩu").fill("mật khẩu đủ dài 2026")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_selector('[data-testid="stMetricValue"]', timeout=30_000)
    page.wait_for_function("() => document.cookie.includes('dxmap_session=')", timeout=10_000)
    page.goto(url_b + "/", timeout=30_000)
    wait_for_script(page)
    page.wait_for_selector('[data-testid="stMetricValue"]', timeout=30_000)
    assert "Quàng Thị Hoa" in page.locator('[data-testid="stSidebar"]').inner_text()
    assert page.get_by_label("Tên đăng nhập").count() == 0
