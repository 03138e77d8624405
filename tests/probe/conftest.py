"""The app as it is served (`streamlit run asgi.py`, its middleware included) on a free local port, with a store
holding the demo data and accounts; its log is kept for the tests that read it."""

from __future__ import annotations

import pytest

from bench.local_app import start_app, stop_app
from core import accounts
from core.config import DEMO_PACKAGE
from core.storage import store

PASSWORD = "mật khẩu đủ dài 2026"
SESSION_UPLOAD_MB = 3


@pytest.fixture(scope="package")
def served(tmp_path_factory):
    """(app URL, path of its log) for an app whose store has an admin, a planner and a viewer."""
    from core.ingest.reader import read_package

    folder = tmp_path_factory.mktemp("probe")
    url = f"sqlite:///{folder / 'store.sqlite'}"
    dataset, _ = read_package(DEMO_PACKAGE)
    store.commit(dataset, url=url)
    accounts.add_account("boss", PASSWORD, "admin", actor="t", url=url)
    accounts.add_account("ke", PASSWORD, "planner", actor="t", url=url)
    accounts.add_account("xem", PASSWORD, "viewer", actor="t", url=url)
    log = folder / "app.log"
    with log.open("wb") as sink:
        env = {"DATABASE_URL": url, "DXMAP_PACKAGE": "", "DXMAP_EDITOR_PASSWORD": ""}
        env["DXMAP_SESSION_UPLOAD_MB"] = str(SESSION_UPLOAD_MB)
        proc, app = start_app(env, stderr=sink)
    try:
        yield app, log
    finally:
        stop_app(proc)
