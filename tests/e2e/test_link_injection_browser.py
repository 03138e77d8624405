"""Every link parameter of every page carries markdown and HTML at once: it shows as text and fetches nothing."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest

from tests.e2e.conftest import wait_for_script

PAGES = ["", "map", "indicators", "priorities", "teams", "data"]
PARAMS = ["district", "commune", "from", "to", "gap", "team_type", "lang", "present", "preset", "w", "token"]
TRAP = "127.0.0.1:9"
PAYLOAD = (
    f"[Bấm vào đây](http://{TRAP}/p) ![x](http://{TRAP}/x.png) <img src='http://{TRAP}/i.png' "
    "onerror='alert(1)'><b>đậm</b> http://" + TRAP + "/bare"
)
PLANTED = f"""() => [
  ...Array.from(document.querySelectorAll('a[href*="{TRAP}"], img[src*="{TRAP}"], b, script:not([src])'))
    .filter(el => el.tagName !== 'SCRIPT' && (el.getAttribute('href') || el.getAttribute('src') || el.innerText)
                  .includes('{TRAP}') || el.innerText === 'đậm')
    .map(el => el.outerHTML.slice(0, 120))]"""


@pytest.fixture(scope="module")
def tab(_tab_pool):
    """One browser tab that opens each poisoned link in turn (each link is a new page and a new session of the app),
    with what it was asked to show or fetch recorded."""
    offline = _tab_pool.take()
    offline.page.set_viewport_size({"width": 1600, "height": 1000})
    offline.dialogs, offline.trapped = [], []
    offline.page.on("dialog", lambda d: (offline.dialogs.append(d.message), d.dismiss()))
    offline.page.on("request", lambda r: offline.trapped.append(r.url) if TRAP in r.url else None)
    yield offline
    _tab_pool.give_back(offline)
    _tab_pool.context.clear_cookies()


@pytest.mark.parametrize("path", PAGES, ids=[p or "overview" for p in PAGES])
def test_markup_in_every_link_parameter_is_shown_as_text_and_fetches_nothing(app_url, tab, path):
    page = tab.page
    for seen in (tab.dialogs, tab.trapped, tab.blocked):
        seen.clear()
    tab.open(f"{app_url}/{path}?" + urlencode({p: PAYLOAD for p in PARAMS}))
    wait_for_script(page)
    page.wait_for_timeout(500)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.evaluate(PLANTED) == []
    assert tab.trapped == [] and tab.dialogs == []
    assert tab.blocked == []
    notices = " ".join(page.locator('[data-testid="stAlert"]').all_inner_texts())
    assert "Bấm vào đây" in notices  # the value is repeated, as text
