"""The upload endpoint as a probe uses it (`PUT /_stcore/upload_file/<session>/<id>` over HTTP, sessions over
Streamlit's websocket): only a session that may import, on the page that shows the file input, from the browser
that opened it, within the session's byte limit; refusals come before the body is read, and Streamlit's own
metrics show nothing held."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from tests.event_loop import run_apart
from tests.probe.client import (
    Probe,
    delete_upload,
    metric_bytes,
    page_cookies,
    put_upload,
    signed_in,
    trigger,
    uploaded,
)
from tests.probe.conftest import PASSWORD, SESSION_UPLOAD_MB

MB = 2**20


async def _session(app: str, user: str | None = None, page: str = "") -> tuple[Probe, dict]:
    cookies = page_cookies(app)
    probe = Probe(app, cookies=cookies)
    await probe.connect()
    if user:
        assert signed_in(await probe.sign_in(user, PASSWORD))
    await probe.run(page=page)
    return probe, cookies


def test_a_session_that_never_signed_in_cannot_upload_and_nothing_is_held(served):
    app, _log = served

    async def attack():
        probe, cookies = await _session(app)
        try:
            # 12 × 150 MB announced: each refused on its headers, no body sent at all
            statuses = [put_upload(app, probe.session_id, 0, cookies, claimed=150 * MB) for _ in range(12)]
            small = put_upload(app, probe.session_id, 1000, cookies)
            return statuses, small
        finally:
            await probe.close()

    statuses, small = run_apart(attack())
    assert set(statuses) == {403} and small == 403


def test_a_viewer_and_a_planner_away_from_the_data_page_cannot_upload(served):
    app, _log = served

    async def attempts():
        viewer, viewer_cookies = await _session(app, "xem", page="data")
        planner, planner_cookies = await _session(app, "ke", page="map")
        try:
            return (
                put_upload(app, viewer.session_id, 1000, viewer_cookies),
                put_upload(app, planner.session_id, 1000, planner_cookies),
            )
        finally:
            await viewer.close()
            await planner.close()

    assert run_apart(attempts()) == (403, 403)


def test_a_planner_on_the_data_page_uploads_within_the_sessions_limit(served):
    app, _log = served

    async def uploads():
        planner, cookies = await _session(app, "ke", page="data")
        try:
            first = put_upload(app, planner.session_id, 2 * MB, cookies, file_id="f1")
            second = put_upload(app, planner.session_id, 2 * MB, cookies, file_id="f2")  # 4 MB > the limit
            announced = put_upload(app, planner.session_id, 0, cookies, claimed=150 * MB)
            replaced = put_upload(app, planner.session_id, 2 * MB, cookies, file_id="f1")  # the same input again
            held = _held_once_counted(app)  # Streamlit's metrics, while the session still holds its upload
            return first, second, announced, replaced, held
        finally:
            await planner.close()

    first, second, announced, replaced, held = run_apart(uploads())
    assert (first, second, announced, replaced) == (204, 413, 413, 204)
    assert 2 * MB <= held <= SESSION_UPLOAD_MB * MB, held


def _held_once_counted(app: str, timeout: float = 30.0) -> int:
    """The upload manager's bytes once Streamlit's metrics (recomputed every 5 s) count this test's upload."""
    deadline = time.monotonic() + timeout
    while True:
        held = metric_bytes(app, "UploadedFileManager")
        if held >= 2 * MB or time.monotonic() > deadline:
            return held
        time.sleep(0.2)


def test_another_client_cannot_upload_to_or_delete_from_a_planners_session(served):
    app, _log = served

    async def attempts():
        planner, cookies = await _session(app, "ke", page="data")
        try:
            assert put_upload(app, planner.session_id, 1000, cookies, file_id="mine") == 204
            stranger = page_cookies(app)  # a browser of its own, knowing the session id
            return (
                put_upload(app, planner.session_id, 1000, stranger),
                put_upload(app, planner.session_id, 1000, {"_streamlit_xsrf": cookies["_streamlit_xsrf"]}),
                delete_upload(app, planner.session_id, "mine", stranger),
                delete_upload(app, planner.session_id, "mine", cookies),
            )
        finally:
            await planner.close()

    assert run_apart(attempts()) == (403, 403, 403, 204)


def _upload_copies() -> set[str]:
    return {p.name for p in Path(tempfile.gettempdir()).glob("dxmap-upload-*")}


def test_a_dry_run_leaves_no_copy_of_its_upload_behind(served):
    app, _log = served
    report = "ma_doi,ten_doi\nD01,Đội thử\n".encode()
    before = _upload_copies()

    async def dry_run():
        planner, cookies = await _session(app, "ke", page="data")
        try:
            page = await planner.run(page="data")
            assert put_upload(app, planner.session_id, 0, cookies, file_id="bao-cao", content=report) == 204
            state = uploaded(page.widget("file_uploader", "dx_upload_"), "bao-cao", "bao-cao.csv", len(report))
            return await planner.run(page="data", widgets=[state, trigger(page.widget("button", "dx_dry_run"))])
        finally:
            await planner.close()

    result = run_apart(dry_run())
    assert any(text in result.texts for text in ("Kết quả chạy thử", "Dry run result"))  # the dry run ran
    assert _upload_copies() == before
