"""Switch labels show whole on a 1366×768 screen, in Vietnamese and English: a narrow column wraps them."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import screenshot

CUT_SWITCHES = """() => Array.from(document.querySelectorAll('[data-testid="stCheckbox"] label *'))
  .filter(el => (el.innerText || '').trim())  // not the hidden input's clipped box
  .filter(el => el.getBoundingClientRect().width > 0 && el.scrollWidth > el.clientWidth + 1)
  .map(el => el.innerText)"""


@pytest.mark.parametrize(
    ("path", "opens", "label"),
    [
        ("/priorities", "Thông số kế hoạch", "Tổ, đội chỉ đi trong địa bàn của mình"),
        ("/priorities?lang=en", "Plan settings", "Teams stay in their own area"),
        ("/map", None, "Nền OpenStreetMap"),
        ("/map?lang=en", None, "OpenStreetMap basemap"),
    ],
)
def test_a_switch_label_shows_whole_at_1366(new_tab, app_url, path, opens, label):
    offline = new_tab(1366, 768)
    page = offline.page
    offline.open(app_url + path)
    if opens:
        page.get_by_text(opens, exact=True).click()
    switch = page.locator('[data-testid="stCheckbox"]').filter(has_text=label)
    switch.wait_for(timeout=30_000)
    switch.scroll_into_view_if_needed()
    screenshot(page, "switch-1366-" + path.strip("/").replace("?lang=", "-"))
    cut = page.evaluate(CUT_SWITCHES)
    assert cut == [], cut
