"""What each account takes away and receives, in a real browser on a store with accounts: a viewer gets no field
pack, phone form or chart table on /teams; a district lead's /data sends only the area's history and counts (read
in the websocket messages the browser receives, not only on the screen), and the lead's downloads are audited and
hold the area's examples."""

from __future__ import annotations

import io
from dataclasses import replace

import openpyxl
import pytest

from core import accounts, audit
from core.config import DEMO_PACKAGE
from core.model.scope import Area, restrict
from core.storage import store
from tests.e2e.conftest import go_to, screenshot, start_app, stop_app, wait_for_script

PASSWORD = "mật khẩu đủ dài 2026"
NAM_PO = "103"
STORE: dict[str, object] = {}


@pytest.fixture(scope="module")
def access_app(tmp_path_factory):
    """The demo as version 1, a change in Điện Biên Phủ city (094) as version 2 and one in Nậm Pồ as version 3;
    a district lead of Nậm Pồ and a province-wide viewer."""
    from core.ingest.reader import read_package

    folder = tmp_path_factory.mktemp("access")
    url = f"sqlite:///{folder / 'store.sqlite'}"
    dataset, _ = read_package(DEMO_PACKAGE)
    store.commit(dataset, files=["dien-bien"], url=url)
    villages = dataset.villages.copy()
    villages.loc[villages.index[villages["district_code"] == "094"][0], "population"] += 5
    store.commit(replace(dataset, villages=villages), files=["baocao_094.xlsx"], url=url)
    villages = villages.copy()
    villages.loc[villages.index[villages["district_code"] == NAM_PO][0], "population"] += 7
    store.commit(replace(dataset, villages=villages), files=["baocao_103.xlsx"], url=url)
    accounts.add_account("lan", PASSWORD, "district_lead", area=[NAM_PO], display_name="Lò Thị Lan", actor="t", url=url)
    accounts.add_account("xem", PASSWORD, "viewer", area=[], actor="t", url=url)
    STORE.update(url=url, dataset=store.load_dataset(url=url))
    proc, app = start_app({"DATABASE_URL": url, "DXMAP_PACKAGE": "", "DXMAP_EDITOR_PASSWORD": ""})
    yield app
    stop_app(proc)


class Received:
    """Every websocket message the browser receives (Streamlit sends tables as Arrow bytes inside them)."""

    def __init__(self, page):
        self.frames: list[bytes] = []
        page.on("websocket", lambda ws: ws.on("framereceived", self._keep))

    def _keep(self, payload) -> None:
        self.frames.append(payload if isinstance(payload, bytes) else payload.encode())

    def holds(self, text: str, since: int = 0) -> bool:
        """Whether a message (from the `since`-th on) holds `text` as UTF-8."""
        return any(text.encode() in frame for frame in self.frames[since:])


@pytest.fixture
def signed_in(new_tab):
    """`signed_in(user, app)`: a tab signed in as `user` (one person per test: the tab's cookies are cleared after
    it), and the websocket messages it receives."""

    def open_as(user: str, app: str):
        page = new_tab(1366, 768).page
        received = Received(page)
        page.goto(app + "/", timeout=30_000)
        wait_for_script(page)
        page.get_by_label("Tên đăng nhập").fill(user)
        page.get_by_label("Mật khẩu").fill(PASSWORD)
        page.get_by_role("button", name="Đăng nhập").click()
        page.wait_for_selector('[data-testid="stMetricValue"]', timeout=30_000)
        return page, received

    return open_as


def _no_exception(page) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0


def _download(page, label: str, tmp_path):
    button = page.locator('[data-testid="stDownloadButton"] button', has_text=label).first
    button.scroll_into_view_if_needed()
    with page.expect_download(timeout=120_000) as info:
        button.click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    return path


def test_a_viewer_gets_no_field_pack_phone_form_or_chart_table_on_teams(access_app, signed_in):
    page, _ = signed_in("xem", access_app)
    go_to(page, "teams")  # signed in, through the menu
    page.get_by_text("tài khoản chỉ xem không tải được").wait_for(timeout=30_000)
    wait_for_script(page)
    _no_exception(page)
    assert page.locator('[data-testid="stDownloadButton"]').count() == 0
    screenshot(page, "viewer_teams_no_downloads")


def _nam_po_report(path, dataset) -> None:
    tv, villages = dataset.team_villages, dataset.villages
    pair = tv[tv["village_id"].isin(villages.loc[villages["district_code"] == NAM_PO, "village_id"])].iloc[0]
    day = dataset.meta.as_of.isoformat()
    rows = [f"{day},{pair['team_id']},{pair['village_id']},door_to_door,{n},3" for n in (21, 34)]
    path.write_text("date,team_id,village_id,kind,participants,eid_level2\n" + "\n".join(rows) + "\n", "utf-8")


def test_a_leads_data_page_receives_only_the_area_and_the_leads_downloads_are_audited(access_app, signed_in, tmp_path):
    """One signed-in visit of the lead: on /teams the field pack, audited; on /data the area's history and counts
    only (in every message since the sign-in), the template's example a village of the area, the import in the
    lead's name."""
    dataset = STORE["dataset"]
    nam_po = restrict(dataset, Area.of(NAM_PO))
    page, received = signed_in("lan", access_app)
    go_to(page, "teams")
    pack = _download(page, "Tải gói thực địa (ZIP)", tmp_path)
    assert pack.read_bytes()[:2] == b"PK", "the field pack is not a ZIP"
    entries = [(e.actor, e.detail.get("kind")) for e in audit.entries(url=STORE["url"]) if e.action == "export"]
    assert ("lan", "field_pack") in entries, entries
    _no_exception(page)

    go_to(page, "data")
    page.get_by_role("tab", name="Lịch sử").click()
    page.get_by_text("Chỉ các phiên bản có thay đổi trong địa bàn").wait_for(timeout=30_000)
    assert received.holds("baocao_103.xlsx") and received.holds(f"Thôn, bản {len(nam_po.villages)}")
    assert not received.holds("baocao_094.xlsx") and not received.holds("dien-bien")
    page.get_by_role("tab", name="Mẫu nhập liệu").click()
    template = _download(page, "Mẫu Hoạt động", tmp_path)
    sheet = openpyxl.load_workbook(io.BytesIO(template.read_bytes())).active
    example = dict(zip([c.value for c in sheet[1]], [c.value for c in sheet[2]], strict=False))
    villages = dataset.villages.set_index("village_id")
    assert villages.loc[example["Mã thôn"], "district_code"] == NAM_PO, f"the template's example: {example}"
    _no_exception(page)
    page.get_by_role("tab", name="Nhập dữ liệu").click()
    report = tmp_path / "hoat_dong_nam_po.csv"
    _nam_po_report(report, dataset)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(report))
    page.get_by_text(report.name).first.wait_for(timeout=15_000)
    before = len(received.frames)
    page.get_by_role("button", name="Chạy thử (kiểm tra)").click()
    page.get_by_text("Không có lỗi: có thể ghi vào kho.").wait_for(timeout=60_000)
    wait_for_script(page)
    area_activities = f"{len(nam_po.activities) + 2:,}".replace(",", ".")
    province_activities = f"{len(dataset.activities) + 2:,}".replace(",", ".")
    province_villages = f"{len(dataset.villages):,}".replace(",", ".")
    assert received.holds(area_activities, before)
    assert not received.holds(province_activities, before) and not received.holds(province_villages, before)
    assert page.get_by_text("Lò Thị Lan (lan)").first.is_visible()
    _no_exception(page)
    screenshot(page, "lead_data_dry_run")
    page.get_by_role("button", name="Ghi vào kho dữ liệu").click()
    page.get_by_text("Số liệu đã thay đổi").wait_for(timeout=60_000)
    wait_for_script(page)
    assert store.list_versions(STORE["url"])[0].who == "Lò Thị Lan (lan)"
    screenshot(page, "lead_data_committed")
    page.get_by_role("link", name="Xem trang Tổng quan").click()  # a page link: the app navigates in place
    page.wait_for_function("() => location.pathname.replace(/\\/$/, '') === ''", timeout=30_000)
    page.wait_for_selector('[data-testid="stMetricValue"]', timeout=30_000)
    _no_exception(page)
