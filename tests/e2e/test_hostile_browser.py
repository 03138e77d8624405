"""A package whose every name is an attack, served by the real app: no script runs, the text shows as written."""

from __future__ import annotations

import time

import pytest

from tests.e2e.conftest import go_to, start_app, stop_app, wait_for_script
from tests.fixtures.hostile import MARKDOWN, XSS_IMG, XSS_SCRIPT, XSS_SVG, write_hostile_package

HOSTILE_TOKEN = "hostile-e2e-token"

# Leaflet maps of a frame (the Map page's component, folium's elsewhere): open every tooltip, return their texts.
OPEN_TOOLTIPS = """() => {
  const texts = window.dxMap ? window.dxMap.allTipTexts() : [];  // the Map page's component
  for (const key of Object.keys(window)) {
    const map = window[key];
    if (!key.startsWith('map_') || !map || !map.eachLayer) continue;
    map.eachLayer(layer => {
      if (!layer.getTooltip || !layer.getTooltip()) return;
      layer.openTooltip(layer.getLatLng ? layer.getLatLng() : layer.getBounds().getCenter());
      const el = layer.getTooltip().getElement();
      texts.push(el ? el.innerText : '');
    });
  }
  return texts;
}"""


@pytest.fixture
def hostile_app(tmp_path):
    package = write_hostile_package(tmp_path / "hostile")
    proc, url = start_app(
        {
            "DXMAP_PACKAGE": str(package),
            "DATABASE_URL": f"sqlite:///{tmp_path / 'store.sqlite'}",
            "DXMAP_EDITOR_PASSWORD": "",
            "DXMAP_WRITE_TOKEN": HOSTILE_TOKEN,  # the dry run is for a session that may import
        }
    )
    yield url
    stop_app(proc)


def _tooltips(page) -> list[str]:
    texts: list[str] = []
    for frame in page.frames:
        try:
            texts += frame.evaluate(OPEN_TOOLTIPS)
        except Exception:  # noqa: BLE001 - frames without Leaflet, or detached
            continue
    return texts


def _wait_for_tooltips(page, condition, timeout_s: float = 90.0) -> list[str]:
    """The tooltips' texts once `condition(texts)` holds: maps draw after the script run, later under load."""
    deadline = time.monotonic() + timeout_s
    texts = _tooltips(page)
    while not condition(texts):
        if time.monotonic() > deadline:
            pytest.fail(f"no such tooltip after waiting {timeout_s:.0f} s: {texts[:5]}")
        page.wait_for_timeout(200)  # poll interval, not the wait itself
        texts = _tooltips(page)
    return texts


def _assert_inert(page, where: str) -> None:
    """Nothing injected in any frame, no javascript: link, no traceback."""
    for frame in page.frames:
        try:
            assert frame.locator("img[src='x'], svg[onload]").count() == 0, where
            assert frame.locator("a[href^='javascript' i]").count() == 0, where
        except Exception as exc:  # noqa: BLE001 - a frame detached while counting is no finding
            if "assert" in type(exc).__name__.lower():
                raise
    assert page.locator('[data-testid="stException"]').count() == 0, where


def test_hostile_names_never_run_and_show_literally(hostile_app, offline_page, tmp_path):
    page = offline_page.page
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))

    offline_page.open(hostile_app + "/")
    meta = page.locator(".dx-meta").first.inner_text()
    assert XSS_SCRIPT in meta and "**bb** [lnk](javascript:alert(5))" in meta
    _assert_inert(page, "overview")

    go_to(page, "map")  # from page to page through the menu, as a person does
    tips = _wait_for_tooltips(page, lambda texts: any(t.startswith(XSS_IMG) for t in texts))  # drawn after the run
    assert any(XSS_SVG in t for t in tips) and any(MARKDOWN in t for t in tips)
    _assert_inert(page, "map")

    for path in ("indicators", "teams"):
        go_to(page, path)
        _assert_inert(page, path)

    go_to(page, "priorities")
    captions = page.locator('[data-testid="stCaptionContainer"]').all_inner_texts()
    assert "**bb** [lnk](javascript:alert(5))" in captions[-1]  # the export caption names the area as written
    page.get_by_role("button", name="Lập kế hoạch tối ưu").click()
    wait_for_script(page)
    _wait_for_tooltips(page, lambda texts: any(XSS_SCRIPT in t for t in texts))  # the plan map's tooltips
    _assert_inert(page, "priorities")

    offline_page.open(hostile_app + "/?present=1")
    assert XSS_SCRIPT in page.get_by_test_id("dx-slide-title").inner_text()
    _assert_inert(page, "projector")

    offline_page.open(hostile_app + f"/data?token={HOSTILE_TOKEN}")
    upload = tmp_path / "thon_moi.csv"
    upload.write_text(
        "Mã thôn,Tên thôn/bản,Mã xã,Mã huyện,Số hộ,Ghi chú\r\n"
        f'V90,"{XSS_IMG}",03166,103,"{XSS_IMG} {MARKDOWN}","{XSS_SCRIPT}"\r\n',
        encoding="utf-8",
    )
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(upload))
    page.get_by_text("thon_moi.csv").first.wait_for(timeout=15_000)
    page.get_by_role("button", name="Chạy thử (kiểm tra)").click()
    page.locator('[data-testid="dx-problems"]').wait_for(timeout=30_000)
    wait_for_script(page)
    assert page.get_by_text("Tải danh sách lỗi").count() == 1  # the problem table and its download
    listed = page.locator('[data-testid="dx-problems"]').inner_text()
    assert f"{XSS_IMG} {MARKDOWN}" in listed  # the bad household count, shown as written in the problem list
    _assert_inert(page, "data")

    assert dialogs == []
    assert offline_page.blocked == []
