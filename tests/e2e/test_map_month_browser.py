"""The Map page's month control in a real browser, on a demo history store (`cli.py demo-history`: the demo at
the ends of April, May, June and July 2025): a person moves the control to June, a village that changed in June
(worked out here from the store's May and June versions by the README's rules) carries the ring and its tooltip
says how it changed, the link carries the month, and opening that link again shows June."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from core.storage import store
from tests.e2e.conftest import start_app, stop_app, wait_for_script
from tests.e2e.map_page import map_frame

SHOTS = Path("/work/notes/shots")
SIGNAL = {"weak", "3g", "4g"}
POWER = {"yes", "partial"}
WORDS = {  # how the tooltip names each change, by the page's Vietnamese
    ("signal", 1): "có sóng di động",
    ("signal", -1): "mất sóng di động",
    ("power", 1): "có điện lưới",
    ("power", -1): "mất điện lưới",
    ("team", 1): "có tổ, đội phụ trách mới",
    ("team", -1): "không còn tổ, đội phụ trách",
}
MONTH_LABEL = "Dữ liệu đến cuối tháng"
NOTE = '[data-testid="dx-map-month-changes"]'


def moves(before, after) -> dict[str, dict[str, int]]:
    """village id → {flag: +1 gained / -1 lost} for the villages whose signal, power or team changed."""

    def status(ds):
        teams = set(ds.team_villages["village_id"].astype(str))
        return {
            str(r.village_id): {
                "signal": r.mobile_signal in SIGNAL,
                "power": r.grid_electricity in POWER,
                "team": str(r.village_id) in teams,
            }
            for r in ds.villages.itertuples()
        }

    old, new = status(before), status(after)
    out = {}
    for vid in old.keys() & new.keys():
        change = {f: int(new[vid][f]) - int(old[vid][f]) for f in ("signal", "power", "team")}
        if any(change.values()):
            out[vid] = {f: v for f, v in change.items() if v}
    return out


@pytest.fixture(scope="module")
def history_app(tmp_path_factory, demo_history):
    url = demo_history(tmp_path_factory.mktemp("map-month"))
    versions = {v.as_of.strftime("%Y-%m"): v.id for v in store.list_versions(url)}
    may, june = (store.load_dataset(versions[m], url) for m in ("2025-05", "2025-06"))
    proc, app = start_app({"DATABASE_URL": url, "DXMAP_PACKAGE": "", "DXMAP_EDITOR_PASSWORD": ""})
    yield app, moves(may, june), june
    stop_app(proc)


def open_page(new_tab, url: str, width: int = 1366, height: int = 768):
    page = new_tab(width, height).page
    page.goto(url, timeout=60_000)
    wait_for_script(page, timeout=60_000)
    return page


# The changed village drawn farthest from every other dot: hovering it shows its own tooltip.
LONELIEST_JS = """
(candidates) => {
  const all = window.dxMap.points();
  let best = null;
  for (const c of candidates) {
    const p = window.map.latLngToContainerPoint([c.lat, c.lon]);
    const size = window.map.getSize();
    if (p.x < 20 || p.y < 20 || p.x > size.x - 20 || p.y > size.y - 40) continue;
    let d = Infinity;
    for (const q of all) {
      const e = Math.hypot(q.x - p.x, q.y - p.y);
      if (e > 0.5) d = Math.min(d, e);
    }
    if (!best || d > best.d) best = {id: c.id, x: p.x, y: p.y, d: d};
  }
  return best;
}
"""


# The village's screen point once its dot is drawn there (after a resize the map redraws its dots).
DRAWN_AT_JS = """
([lat, lon]) => {
  const p = window.map.latLngToContainerPoint([lat, lon]);
  return window.dxMap.points().some(q => Math.hypot(q.x - p.x, q.y - p.y) < 1) ? {x: p.x, y: p.y} : null;
}
"""


TIP_TEXT_JS = "() => { const t = document.querySelector('.dx-tip'); return t ? t.innerText : ''; }"


def _hover_village(page, handle, frame, village: dict, within_s: float = 30.0) -> str:
    """The tooltip of `village` as a person gets it: the pointer on where the village is drawn now. A map that is
    still settling its view (a busy machine draws late) moves the village from under the pointer: then the pointer
    follows it to where it is drawn next, until its tooltip shows or the time is up."""
    deadline = time.monotonic() + within_s
    tip = ""
    while time.monotonic() < deadline:
        at = frame.wait_for_function(DRAWN_AT_JS, arg=[village["lat"], village["lon"]], timeout=10_000).json_value()
        box = handle.bounding_box()
        page.mouse.move(box["x"] - 5, box["y"] - 5)  # off the map, then straight onto the village, as a hand does
        page.mouse.move(box["x"] + at["x"], box["y"] + at["y"])
        try:
            frame.wait_for_function(f"() => ({TIP_TEXT_JS})().includes('Tháng này')", timeout=2_000)
        except PlaywrightTimeout:
            continue
        tip = frame.evaluate(TIP_TEXT_JS)
        break
    return tip


def test_a_month_picked_on_the_control_marks_its_changed_villages_and_reopens_from_the_link(history_app, new_tab):
    app, changed, june = history_app
    assert changed, "the demo history has villages that changed in June"
    page = open_page(new_tab, f"{app}/map")
    handle, frame = map_frame(page)
    control = page.get_by_role("slider", name=MONTH_LABEL)
    assert control.get_attribute("aria-valuetext") == "Tháng 07/2025"
    # as a person: click the track where June sits (the third of four steps, two thirds along)
    track = page.get_by_role("group", name=MONTH_LABEL).bounding_box()
    thumb = control.locator("xpath=../..").bounding_box()
    page.mouse.click(track["x"] + track["width"] * 2 / 3, thumb["y"] + thumb["height"] / 2)
    page.wait_for_selector(f'{NOTE}:has-text("06/2025")', timeout=60_000)
    wait_for_script(page, timeout=60_000)
    assert page.locator(NOTE).inner_text() == f"{len(changed)} thôn thay đổi trong tháng 06/2025"
    assert "month=2025-06" in page.url
    frame.wait_for_function(f"() => window.dxMap.changedCount() === {len(changed)}", timeout=30_000)

    rows = june.villages.set_index(june.villages["village_id"].astype(str))
    candidates = [
        {"id": vid, "lat": round(float(rows.at[vid, "lat"]), 5), "lon": round(float(rows.at[vid, "lon"]), 5)}
        for vid in sorted(changed)
    ]
    spot = frame.evaluate(LONELIEST_JS, candidates)
    assert spot and spot["d"] > 12, spot
    village = next(c for c in candidates if c["id"] == spot["id"])
    drawn = frame.evaluate("([a, b]) => window.dxMap.villageAt(a, b)", [village["lat"], village["lon"]])
    assert drawn["ring"], drawn
    box = handle.bounding_box()
    page.mouse.move(box["x"] + spot["x"], box["y"] + spot["y"])
    tip = frame.wait_for_selector(".dx-tip", timeout=10_000).inner_text()
    words = [WORDS[(flag, sign)] for flag, sign in changed[village["id"]].items()]
    assert f"Tháng này: {', '.join(words)}" in tip, tip
    assert str(rows.at[village["id"], "village_name"]) in tip
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "map-month-june-1366x768.png"))  # to look at: the tooltip over the map
    link = page.url

    page = open_page(new_tab, link, 1920, 1080)  # the saved link, in a new tab (a new session) on a larger screen
    handle, frame = map_frame(page)
    assert page.get_by_role("slider", name=MONTH_LABEL).get_attribute("aria-valuetext") == "Tháng 06/2025"
    assert page.locator(NOTE).inner_text() == f"{len(changed)} thôn thay đổi trong tháng 06/2025"
    frame.wait_for_function(f"() => window.dxMap.changedCount() === {len(changed)}", timeout=30_000)
    # the larger screen shows the province at another zoom: the changed village standing most alone there
    spot = frame.evaluate(LONELIEST_JS, candidates)
    assert spot and spot["d"] > 12, spot
    village = next(c for c in candidates if c["id"] == spot["id"])
    assert frame.evaluate("([a, b]) => window.dxMap.villageAt(a, b)", [village["lat"], village["lon"]])["ring"]
    words = [WORDS[(flag, sign)] for flag, sign in changed[village["id"]].items()]
    tip = _hover_village(page, handle, frame, village)
    assert f"Tháng này: {', '.join(words)}" in tip, tip
    assert str(rows.at[village["id"], "village_name"]) in tip
    page.screenshot(path=str(SHOTS / "map-month-june-1920x1080.png"))


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_map_with_its_month_control_has_no_serious_accessibility_problem(history_app, new_tab, lang):
    from axe_playwright_python.sync_playwright import Axe

    from tests.e2e.test_accessibility_browser import _problems

    app, _, _ = history_app
    page = open_page(new_tab, f"{app}/map?month=2025-06&lang={lang}")
    _, frame = map_frame(page)
    frame.wait_for_function("() => window.dxMap.changedCount() > 0", timeout=30_000)
    axe = Axe()
    assert _problems(axe.run(page)) == []
    assert _problems(axe.run(frame)) == []
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"map-month-june-{lang}-1366x768.png"))
