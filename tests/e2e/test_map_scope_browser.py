"""The Map page on one server shared by accounts of different areas, and after a new data version.

Each account, one after the other, sees only its area — in the page and in every file its browser fetches (the
network responses are read, not only the picture); a data file's name learned from another account's browser
fetches nothing; and a village changed by a committed version shows its new colour and tooltip on the next
visit, without a restart."""

from __future__ import annotations

import dataclasses
import json

import pytest

from core import accounts
from core.config import DEMO_PACKAGE
from core.storage import store
from presentation.layers import GAP_COLOURS
from tests.e2e.conftest import screenshot, start_app, stop_app, wait_for_script
from tests.e2e.map_page import count, map_frame

PASSWORD = "mật khẩu đủ dài 2026"
NAM_PO = "103"
CACHE = "/app/static/dxmap/cache/"
TO_DAN_PHO_1 = ("03124-01", 21.3721, 103.04783)  # a village of Noong Bua ward (district 094), on the map's grid


@pytest.fixture(scope="module")
def demo():
    from core.ingest.reader import read_package

    dataset, _ = read_package(DEMO_PACKAGE)
    return dataset


@pytest.fixture(scope="module")
def shared_server(tmp_path_factory, demo):
    """A fresh server on a store holding the demo and four accounts (admin, planner, lead of Nậm Pồ, viewer)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('map-scope') / 'store.sqlite'}"
    store.commit(demo, url=url)
    for name, role, area in (
        ("admin", "admin", []),
        ("planner", "planner", []),
        ("lead103", "district_lead", [NAM_PO]),
        ("viewer", "viewer", []),
    ):
        accounts.add_account(name, PASSWORD, role, area=area, actor="t", url=url)
    proc, app = start_app({"DATABASE_URL": url, "DXMAP_PACKAGE": "", "DXMAP_EDITOR_PASSWORD": ""})
    yield app, url
    stop_app(proc)


class Visitor:
    """One person's browser (it reaches nothing but this machine), every map data file it receives and every websocket
    frame kept."""

    def __init__(self, browser, width: int = 1366, height: int = 768, tab=None) -> None:
        """A browser of its own, or (`tab`: a tab of the tests' shared browser, `new_tab()`) the shared browser
        for one person of the test; the others then each have their own."""
        self.context = None if tab else browser.new_context(viewport={"width": width, "height": height}, locale="vi-VN")
        self.files: dict[str, tuple[int, bytes]] = {}
        self.frames: list[bytes] = []
        self.page = tab.page if tab else self.context.new_page()
        self.page.on("response", self._response)
        self.page.on("websocket", lambda ws: ws.on("framereceived", self._frame))

    def _response(self, response) -> None:
        if CACHE in response.url:
            try:
                self.files[response.url] = (response.status, response.body())
            except Exception:  # noqa: BLE001 - a body the browser already dropped: the status is what counts
                self.files[response.url] = (response.status, b"")

    def _frame(self, payload) -> None:
        self.frames.append(payload if isinstance(payload, bytes) else payload.encode())

    def sign_in_on_map(self, app: str, user: str, query: str = "") -> None:
        self.page.goto(f"{app}/map{query}", timeout=30_000)
        wait_for_script(self.page)
        self.page.get_by_label("Tên đăng nhập").fill(user)
        self.page.get_by_label("Mật khẩu").fill(PASSWORD)
        self.page.get_by_role("button", name="Đăng nhập").click()
        self.page.wait_for_selector('[data-testid="dx-map-panel"]', timeout=60_000)
        wait_for_script(self.page)

    def villages_files(self) -> list[dict]:
        return [json.loads(body) for url, (status, body) in self.files.items() if "/villages-" in url and status == 200]

    def close(self) -> None:
        if self.context is not None:  # a shared browser's tab goes back to the tests' pool after the test
            self.context.close()


def _communes_of(demo, district: str) -> set[str]:
    return set(demo.villages.loc[demo.villages["district_code"] == district, "commune_code"].astype(str))


def test_accounts_one_after_another_each_receive_only_their_area(shared_server, browser, new_tab, demo):
    app, _url = shared_server
    nam_po = _communes_of(demo, NAM_PO)
    nam_po_villages = int((demo.villages["district_code"] == NAM_PO).sum())
    outside = sorted(set(demo.villages["commune_code"].astype(str)) - nam_po)

    lead = Visitor(browser, tab=new_tab(1366, 768))
    viewer = Visitor(browser, 1920, 1080)
    lead_again = Visitor(browser)
    stranger = browser.new_context()
    try:
        lead.sign_in_on_map(app, "lead103")
        _handle, frame = map_frame(lead.page)
        assert frame.evaluate("() => window.dxMap.villageCount()") == nam_po_villages
        assert count(lead.page, "villages") == nam_po_villages
        (lead_file,) = lead.villages_files()
        assert set(lead_file["code"]) == nam_po and len(lead_file["lat"]) == nam_po_villages

        viewer.sign_in_on_map(app, "viewer")  # the province, after the lead filled the caches
        _handle, frame = map_frame(viewer.page)
        assert frame.evaluate("() => window.dxMap.villageCount()") == len(demo.villages)
        assert count(viewer.page, "villages") == len(demo.villages)
        (province_file,) = viewer.villages_files()
        assert len(province_file["lat"]) == len(demo.villages) and set(outside) <= set(province_file["code"])
        screenshot(viewer.page, "map-scope-viewer-1920")

        lead_again.sign_in_on_map(app, "lead103")  # a lead after the province was cached
        _handle, frame = map_frame(lead_again.page)
        assert frame.evaluate("() => window.dxMap.villageCount()") == nam_po_villages
        screenshot(lead_again.page, "map-scope-lead-1366")
        for visitor in (lead, lead_again):
            for file_url, (status, body) in visitor.files.items():
                assert "/province/" not in file_url and status == 200, file_url
                assert not any(f'"{code}"' in body.decode() for code in outside), file_url
            ws = b"".join(visitor.frames)
            assert not any(f"{code}-01".encode() in ws for code in outside[:20])  # no village id of elsewhere

        # a name learned from another browser fetches nothing: not for the lead, not without a sign-in
        province_url = next(u for u in viewer.files if "/villages-" in u)
        assert lead_again.page.request.get(province_url).status == 403
        assert stranger.request.get(province_url).status == 403
        own_url = next(u for u in lead_again.files if "/villages-" in u)
        assert lead_again.page.request.get(own_url).status == 200
        assert stranger.request.get(own_url).status == 403
    finally:
        for visitor in (lead, viewer, lead_again):
            visitor.close()
        stranger.close()


def test_a_commune_link_opens_for_the_admin_after_a_lead_used_the_map(shared_server, browser, new_tab, demo):
    app, _url = shared_server
    in_commune = int((demo.villages["commune_code"].astype(str) == TO_DAN_PHO_1[0][:5]).sum())
    lead, admin = Visitor(browser), Visitor(browser, tab=new_tab(1366, 768))
    try:
        lead.sign_in_on_map(app, "lead103")
        map_frame(lead.page)
        admin.sign_in_on_map(app, "admin", "?district=094&commune=03124")
        _handle, frame = map_frame(admin.page)
        assert count(admin.page, "villages") == in_commune
        assert frame.evaluate("() => window.dxMap.shownArea()") == "03124"
        _id, lat, lon = TO_DAN_PHO_1
        assert frame.evaluate("([a, b]) => window.dxMap.villageAt(a, b)", [lat, lon]) is not None
    finally:
        lead.close()
        admin.close()


def test_a_village_changed_by_a_new_version_shows_its_new_colour_and_tooltip(shared_server, browser, new_tab, demo):
    app, url = shared_server
    village_id, lat, lon = TO_DAN_PHO_1
    planner = Visitor(browser, tab=new_tab(1366, 768))
    try:
        planner.sign_in_on_map(app, "planner", "?district=094&commune=03124")
        _handle, frame = map_frame(planner.page)
        before = frame.evaluate("([a, b]) => window.dxMap.villageAt(a, b)", [lat, lon])
        assert before and "Không có sóng di động" not in before["tip"]
        assert before["fill"] not in (GAP_COLOURS["no_signal"], GAP_COLOURS["no_power"])

        villages = demo.villages.copy()
        row = villages["village_id"] == village_id
        villages.loc[row, "mobile_signal"] = "none"
        villages.loc[row, "grid_electricity"] = "no"
        store.commit(dataclasses.replace(demo, villages=villages), url=url)

        planner.page.reload(timeout=30_000)
        wait_for_script(planner.page)
        planner.page.wait_for_selector('[data-testid="dx-map-panel"]', timeout=60_000)
        _handle, frame = map_frame(planner.page)
        frame.wait_for_function(
            "([a, b]) => { const v = window.dxMap.villageAt(a, b); return v && v.tip.includes('Không có sóng'); }",
            arg=[lat, lon],
            timeout=30_000,
        )
        after = frame.evaluate("([a, b]) => window.dxMap.villageAt(a, b)", [lat, lon])
        assert "Không có sóng di động" in after["tip"] and "Chưa có điện lưới" in after["tip"]
        assert after["fill"] == GAP_COLOURS["no_signal"]  # the worst gap's colour
        assert int(planner.page.locator('[data-testid="dx-map-count-no_signal"] b').inner_text()) >= 1
    finally:
        planner.close()
