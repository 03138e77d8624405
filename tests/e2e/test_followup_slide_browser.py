"""The follow-up slide on the demo with its history, in a real browser on a 1366×768 and a 1920×1080 screen: the
title on one line, and the tiles of a row equally tall whichever label wraps."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import screenshot, start_app, stop_app, wait_for_script

# Per row of tiles: the height of each tile's box (the nearest bordered element around its number) and its label.
TILE_ROWS = """() => {
  const box = el => { for (let e = el; e; e = e.parentElement) {
      if (parseFloat(getComputedStyle(e).borderTopWidth) > 0) return e; } return el; };
  return Array.from(document.querySelectorAll('[data-testid="stHorizontalBlock"]'))
    .filter(row => row.querySelector('[data-testid="stMetric"]'))
    .map(row => Array.from(row.querySelectorAll('[data-testid="stMetric"]')).map(m => [
      Math.round(box(m).getBoundingClientRect().height),
      m.querySelector('[data-testid="stMetricLabel"]').innerText]));
}"""
TITLE_LINES = """() => { const p = document.querySelector('[data-testid="dx-slide-title"]');
  return [p.getBoundingClientRect().height / parseFloat(getComputedStyle(p).lineHeight), p.innerText,
          parseFloat(getComputedStyle(p).fontSize)]; }"""


@pytest.fixture(scope="module")
def history_app(tmp_path_factory, demo_history):
    url = demo_history(tmp_path_factory.mktemp("history"))
    proc, address = start_app({"DATABASE_URL": url, "DXMAP_PACKAGE": ""})
    yield address
    stop_app(proc)


@pytest.mark.parametrize("width,height", [(1366, 768), (1920, 1080)])
def test_the_follow_up_slide_title_fits_one_line_and_its_tiles_are_equally_tall(new_tab, history_app, width, height):
    offline = new_tab(width, height)
    offline.open(f"{history_app}/followup?present=1")
    page = offline.page
    wait_for_script(page)
    page.wait_for_timeout(600)
    screenshot(page, f"projector-followup-{width}x{height}")
    rows = page.evaluate(TILE_ROWS)
    lines, title, size = page.evaluate(TITLE_LINES)
    assert len(rows) == 2 and [len(r) for r in rows] == [4, 4], rows
    assert "Định danh mức 2 tăng thêm" in [label for _, label in rows[1]]
    for row in rows:
        heights = [h for h, _ in row]
        assert max(heights) - min(heights) <= 1, row
    assert "31/07/2025" in title
    assert round(lines) == 1, (lines, title)
    assert size >= 28
    assert offline.blocked == []
