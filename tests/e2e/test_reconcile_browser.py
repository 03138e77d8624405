"""A district report written in its own words goes in after one confirmation, in a real browser: "Buổi hướng dẫn
tập trung" is read as a group session, the person confirms it once for all its rows, commits, and the Overview's
activity counts grow by the report's rows (counted here from the demo package's own file)."""

from __future__ import annotations

import csv
from datetime import date, timedelta

import pytest

from core.config import DEMO_PACKAGE
from core.storage import store, synonyms
from tests.e2e.conftest import go_to, screenshot, start_app, stop_app, wait_for_script

GRIDS_OVERFLOW = """() => [...document.querySelectorAll('[data-testid="stDataFrame"] .dvn-scroller')]
    .map(s => s.scrollWidth - s.clientWidth)"""

TOKEN = "reconcile-e2e-token"
WORDS = "Buổi hướng dẫn tập trung"
REPORT = (
    "Ngày,Tên tổ,Xã,Thôn/bản,Hình thức,Số người tham dự,Kích hoạt mức 2\r\n"
    f"20/06/2025,Tổ CNSCĐ Xã Chà Cang,Xã Chà Cang,Bản Phiêng Khoang,{WORDS},31,6\r\n"
    f"21/06/2025,Tổ CNSCĐ Xã Chà Cang,Xã Chà Cang,Bản Pắc Tống,{WORDS.upper()},24,5\r\n"
    "22/06/2025,Tổ CNSCĐ Xã Chà Cang,Xã Chà Cang,Bản Ho Ló,Tập huấn,12,2\r\n"
)


# cells of the problem list whose text is cut or runs past the page's column (a `[]` when all are whole)
PROBLEMS_CUT = """() => {
  const table = document.querySelector('[data-testid="dx-problems"]');
  if (!table) return ['no problem list'];
  const right = document.querySelector('[data-testid="stMainBlockContainer"]').getBoundingClientRect().right;
  const cells = [table, ...table.querySelectorAll('th, td')];
  return cells.filter(c => c.scrollWidth > c.clientWidth + 1 || c.scrollHeight > c.clientHeight + 1
    || c.getBoundingClientRect().right > right + 1).map(c => c.innerText.slice(0, 40));
}"""


def _grids_sized_to(page, width: int) -> None:
    """Until the window is `width` wide and the grids' widths have not changed for 300 ms."""
    page.evaluate("() => { window.dxGrids = null; }")
    page.wait_for_function(
        """(width) => {
          const now = [...document.querySelectorAll('[data-testid="stDataFrame"] .dvn-scroller')]
            .map(s => s.clientWidth + ':' + s.scrollWidth).join(';') + '@' + window.innerWidth;
          if (window.innerWidth !== width || !window.dxGrids || window.dxGrids.boxes !== now) {
            window.dxGrids = {boxes: now, since: performance.now()};
            return false;
          }
          return performance.now() - window.dxGrids.since >= 300;
        }""",
        arg=width,
        polling=150,
        timeout=10_000,
    )


def _demo_counts() -> tuple[int, int]:
    """(activities, activities in the 30 days up to the data date) read straight from the demo's CSV files."""
    as_of = date(2025, 6, 30)
    meta = (DEMO_PACKAGE / "package.toml").read_text(encoding="utf-8")
    assert f"as_of = {as_of.isoformat()}" in meta or f'as_of = "{as_of.isoformat()}"' in meta
    with open(DEMO_PACKAGE / "activities.csv", encoding="utf-8-sig", newline="") as f:
        days = [date.fromisoformat(r["date"][:10]) for r in csv.DictReader(f)]
    return len(days), sum(1 for d in days if d > as_of - timedelta(days=30))


def _fmt(n: int) -> str:
    return f"{n:,}".replace(",", ".")


@pytest.fixture
def store_app(tmp_path):
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    proc, app = start_app(
        {"DATABASE_URL": url, "DXMAP_EDITOR_PASSWORD": "", "DXMAP_PACKAGE": "", "DXMAP_WRITE_TOKEN": TOKEN}
    )
    yield app, url
    stop_app(proc)


def _activity_tile(page) -> tuple[str, str]:
    """The tile's value and the caption under it."""
    tile = page.locator('[data-testid="stColumn"]').filter(
        has=page.locator('[data-testid="stMetric"]').filter(has_text="Hoạt động 30 ngày qua")
    )
    column = tile.last
    return column.locator('[data-testid="stMetricValue"]').inner_text(), column.inner_text()


def test_a_report_in_its_own_words_goes_in_after_one_confirmation(store_app, offline_page, tmp_path):
    app, url = store_app
    page = offline_page.page
    total, recent = _demo_counts()
    offline_page.open(app + f"/?token={TOKEN}")  # the link `make run` prints
    value, text = _activity_tile(page)
    assert value == _fmt(recent) and f"Hoạt động: {_fmt(total)}" in text

    go_to(page, "data")  # from page to page through the menu, as a person does: the session may still write
    upload = tmp_path / "bao_cao_t6.csv"
    upload.write_text(REPORT, encoding="utf-8")
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(upload))
    page.get_by_text(upload.name).first.wait_for(timeout=15_000)
    page.get_by_role("button", name="Chạy thử (kiểm tra)").click()
    page.get_by_text("Xác nhận giá trị lạ").wait_for(timeout=30_000)
    wait_for_script(page)
    listed = page.locator('[data-testid="stMarkdownContainer"]')
    assert listed.get_by_text(WORDS, exact=True).count() == 1  # one line for the value, whatever its case
    assert listed.get_by_text(WORDS.upper(), exact=True).count() == 0
    assert page.get_by_text("Đã áp dụng gợi ý").count() == 1
    for size in ((1366, 768), (1920, 1080)):
        page.set_viewport_size({"width": size[0], "height": size[1]})
        assert page.evaluate(PROBLEMS_CUT) == [], size  # every problem's row, column, value and reason whole
        _grids_sized_to(page, size[0])  # the grids size themselves to the new width
        assert page.evaluate(GRIDS_OVERFLOW) and max(page.evaluate(GRIDS_OVERFLOW)) <= 0, size  # the change counts
        page.locator('[data-testid="dx-problems"]').scroll_into_view_if_needed()
        screenshot(page, f"reconcile_problems_{size[0]}")
        page.get_by_text("Xác nhận giá trị lạ").scroll_into_view_if_needed()
        screenshot(page, f"reconcile_confirm_{size[0]}")
    shown = " ".join(
        page.evaluate("""() => [...document.querySelectorAll('[data-testid="stSelectbox"]')]
            .map(b => b.innerText + ' ' + [...b.querySelectorAll('input')].map(i => i.value).join(' '))""")
    )
    assert "Hướng dẫn tập trung" in shown and "(session)" not in shown  # the choice in words, not a data code
    reasons = page.locator('[data-testid="dx-problems"] td:last-child').all_inner_texts()
    assert len(reasons) == 2 and all("Cảnh báo" in r for r in reasons)  # the two suggested rows
    page.set_viewport_size({"width": 1600, "height": 1000})
    page.get_by_role("button", name="Xác nhận và kiểm tra lại").click()
    page.get_by_text("Đã lưu 1 từ đồng nghĩa").wait_for(timeout=30_000)
    wait_for_script(page)
    (kept,) = synonyms.load("11", url)
    assert (kept.field, kept.value, kept.target) == ("kind", WORDS, "session")
    assert page.get_by_text("Xác nhận giá trị lạ").count() == 0  # nothing left to confirm
    page.get_by_role("button", name="Ghi vào kho dữ liệu").click()
    page.get_by_text("Đã ghi: phiên bản 1.").wait_for(timeout=30_000)
    stored = store.load_dataset(url=url).activities
    assert list(stored["kind"].iloc[-3:]) == ["session", "session", "training"]

    go_to(page, "")
    value, text = _activity_tile(page)
    assert value == _fmt(recent + 3) and f"Hoạt động: {_fmt(total + 3)}" in text
    assert page.locator('[data-testid="stException"]').count() == 0
    assert offline_page.blocked == []
