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


@pytest.mark.parametrize("path", PAGES, ids=[p or "overview" for p in PAGES])
def test_markup_in_every_link_parameter_is_shown_as_text_and_fetches_nothing(app_url, offline_page, path):
    page = offline_page.page
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    trapped: list[str] = []
    page.on("request", lambda r: trapped.append(r.url) if TRAP in r.url else None)
    offline_page.open(f"{app_url}/{path}?" + urlencode({p: PAYLOAD for p in PARAMS}))
    wait_for_script(page)
    page.wait_for_timeout(500)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.evaluate(PLANTED) == []
    assert trapped == [] and dialogs == []
    assert offline_page.blocked == []
    notices = " ".join(page.locator('[data-testid="stAlert"]').all_inner_texts())
    assert "Bấm vào đây" in notices  # the value is repeated, as text
