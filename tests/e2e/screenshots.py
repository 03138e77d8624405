"""`make screenshots`: the README's map picture (docs/map-screenshot.png), taken from the running app.

The demo province on /map in Debian Chromium with every non-localhost request aborted, as the browser tests do.
Tests never write tracked files; this script is the one place that writes the picture, run on purpose.
"""

from __future__ import annotations

import sys
from pathlib import Path

from tests.e2e.conftest import CHROMIUM, OFFLINE_ARGS, ROOT, OfflinePage, start_app, stop_app
from tests.e2e.map_page import map_frame

MAP_PICTURE = ROOT / "docs" / "map-screenshot.png"
VIEWPORT = {"width": 1600, "height": 1000}
SETTLE_MS = 500  # the canvas finishes drawing after the layers arrive; a picture, not a test, may simply wait


def map_picture(out: Path = MAP_PICTURE) -> Path:
    from playwright.sync_api import sync_playwright

    proc, url = start_app()
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=OFFLINE_ARGS)
            context = browser.new_context(viewport=VIEWPORT, locale="vi-VN")
            page = OfflinePage(context)
            page.open(url + "/map")
            map_frame(page.page)
            page.page.wait_for_timeout(SETTLE_MS)
            if page.blocked or page.failed:
                raise RuntimeError(f"the map page asked for outside or failing resources: {page.blocked + page.failed}")
            page.page.screenshot(path=str(out), full_page=True)
            browser.close()
    finally:
        stop_app(proc)
    return out


if __name__ == "__main__":
    print(map_picture(Path(sys.argv[1]) if len(sys.argv) > 1 else MAP_PICTURE))
