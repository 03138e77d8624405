"""`make serve` end to end: nginx in front of two replicas and PostgreSQL, driven with Streamlit's own
websocket protocol (bench/load.py's client). The tests run in file order on one stack; the last one stops it."""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import json
import os
import signal
import time
import urllib.request
import uuid
from pathlib import Path

import pytest

from bench.load import PageError, Plan, Session, district_codes, drive, replica_pids, rss_mb

pytestmark = pytest.mark.serve


def run_apart(coro):
    """`asyncio.run` in a thread of its own: in the whole suite the browser tests' Playwright holds this thread's
    event loop, and asyncio.run refuses to start a second one there."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()


def _get(url: str, headers: dict[str, str] | None = None, method: str = "GET", data: bytes | None = None):
    request = urllib.request.Request(url, headers=headers or {}, method=method, data=data)
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.status, answer.headers, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def _replica_cookie(headers) -> str:
    """The proxy's replica cookie among the response's cookies (the app sets its own client cookie too)."""
    return next((c for c in headers.get_all("Set-Cookie") or [] if c.startswith("dxmap_replica=")), "")


def _state(stack) -> dict:
    return json.loads((stack.state / "serve" / "state.json").read_text(encoding="utf-8"))


def _listening_on_loopback_only(port: int) -> bool:
    addresses = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.rsplit(":", 1)
            if state == "0A" and int(hex_port, 16) == port:  # LISTEN
                addresses.append(address)
    return bool(addresses) and all(a in ("0100007F", "00000000000000000000000001000000") for a in addresses)


def test_ready_line_and_what_the_proxy_serves(stack):
    ready = next(line for line in stack.lines if "ready" in line)
    assert f"http://localhost:{stack.port}/" in ready and "?token=" in ready
    status, headers, body = _get(stack.url)
    assert status == 200 and b"<html" in body.lower()
    cookie = _replica_cookie(headers)
    assert cookie.startswith("dxmap_replica=r")
    pinned = cookie.split(";", 1)[0]
    again = _get(stack.url, {"Cookie": pinned})[1]
    assert _replica_cookie(again) == ""  # sent again only when it changes
    moved = _get(stack.url, {"Cookie": "dxmap_replica=r9"})[1]  # no such replica: the pool picks one, and says so
    assert _replica_cookie(moved).startswith("dxmap_replica=r")
    script = body.decode().split('src="./static/js/', 1)[1].split('"', 1)[0]
    status, headers, raw = _get(f"{stack.url}static/js/{script}", {"Accept-Encoding": "gzip"})
    assert status == 200 and headers["Content-Encoding"] == "gzip"
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    status, headers, _body = _get(f"{stack.url}_stcore/metrics")
    assert status == 404  # closed at the proxy, and nginx's own answer carries the app's security headers
    assert headers.get_all("X-Frame-Options") == ["SAMEORIGIN"]
    assert headers.get_all("X-Content-Type-Options") == ["nosniff"]
    page_headers = _get(stack.url)[1]
    assert page_headers.get_all("X-Frame-Options") == ["SAMEORIGIN"]  # the app's own, not doubled by the proxy
    for replica in _state(stack)["replicas"]:
        assert _listening_on_loopback_only(replica["port"]), replica


def test_ten_sessions_through_the_proxy_all_finish_without_error(stack):
    result = run_apart(drive(stack.url, Plan(sessions=10, districts=tuple(district_codes()), timeout=120)))
    assert result["errors"] == 0, result["error_samples"]
    assert result["finished"] == 10 and result["page_runs"] == 20
    assert set(result["sessions_per_replica"]) == {"r0", "r1"}, result  # both replicas took sessions
    assert result["websocket_compressed"] == 10  # permessage-deflate through the proxy
    assert all(rss_mb(pid) for pid in replica_pids(stack.state))


def test_an_upload_reaches_the_replica_holding_the_session(stack):
    """A tab that may import (this start's write token), on the Data page: its upload goes to its replica; sent
    to the other replica, that one does not know the session."""
    write_token = next(line for line in stack.lines if "?token=" in line).split("?token=", 1)[1].split()[0]
    boundary = uuid.uuid4().hex
    body = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n'
        f"Content-Type: text/csv\r\n\r\nvillage_id\r\n--{boundary}--\r\n"
    ).encode()

    def put(session: Session, replica: str) -> int:
        cookies = {**session.cookies, "dxmap_replica": replica}
        headers = {
            "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items()),
            "X-Xsrftoken": session.cookies["_streamlit_xsrf"],
            "Content-Type": f"multipart/form-data; boundary={boundary}",
        }
        url = f"{stack.url}_stcore/upload_file/{session.session_id}/{uuid.uuid4()}"
        return _get(url, headers, method="PUT", data=body)[0]

    async def scenario() -> tuple[int, int]:
        session = Session(stack.url, timeout=120)  # a tab on the Data page, its websocket open
        await session.open(f"token={write_token}", "data", needs_figures=False)  # an empty store: no history
        await session.open("district=094", "data", needs_figures=False)
        other = "r1" if session.replica == "r0" else "r0"
        own = await asyncio.to_thread(put, session, session.replica)
        elsewhere = await asyncio.to_thread(put, session, other)
        await session.close()
        return own, elsewhere

    own, elsewhere = run_apart(scenario())
    assert own in (200, 204)
    assert elsewhere == 400  # the other replica does not know the session: the cookie is what routes it


def test_a_killed_replica_its_sessions_carry_on_elsewhere_and_it_comes_back(stack):
    async def scenario() -> dict:
        session = Session(stack.url, timeout=120)
        await session.open("district=095", "")
        seen = {"before": list(session.metrics), "pinned": session.replica}
        index = int(session.replica[1:])
        victim = _state(stack)["replicas"][index]
        os.kill(victim["pid"], signal.SIGKILL)
        # the page's next run (the rerun after reconnecting, or a filter change) goes through the proxy again
        await session.open("district=095", "")
        seen.update(after=list(session.metrics), moved_to=session.replica, reconnects=session.reconnects)
        deadline = time.monotonic() + 120
        replica = victim
        while time.monotonic() < deadline:
            replica = _state(stack)["replicas"][index]
            if replica["pid"] != victim["pid"] and not replica["down"]:
                break
            await asyncio.sleep(0.5)
        seen.update(victim=victim, replica=replica)
        await session.open("district=096", "")  # still served after the restart, on the replica that took it
        seen.update(last=session.replica, runs=len(session.runs))
        await session.close()
        return seen

    seen = run_apart(scenario())
    assert seen["reconnects"] >= 1
    assert seen["moved_to"] != seen["pinned"]  # now on the live replica, and its cookie says so
    assert seen["after"] == seen["before"]  # the same page with the same filter: nothing lost
    replica = seen["replica"]
    assert replica["pid"] != seen["victim"]["pid"] and replica["restarts"] >= 1 and not replica["down"]
    assert _get(f"http://127.0.0.1:{replica['port']}/_stcore/health")[2] == b"ok"
    assert seen["last"] == seen["moved_to"] and seen["runs"] == 3


def test_a_replica_that_stops_answering_gets_no_new_sessions_until_it_answers_again(stack):
    # freeze the replica started again by the test before (its data not loaded yet): newcomers go to the warm one
    frozen = max(_state(stack)["replicas"], key=lambda r: r["restarts"])
    i, other = frozen["index"], f"r{1 - frozen['index']}"
    os.kill(frozen["pid"], signal.SIGSTOP)  # alive but silent, as a process stuck in a long computation
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not _state(stack)["replicas"][i]["down"]:
            time.sleep(0.3)
        assert _state(stack)["replicas"][i]["down"]

        async def newcomers() -> list[str | None]:
            sessions = [Session(stack.url, timeout=60) for _ in range(3)]
            await asyncio.gather(*(s.open("district=094", "teams") for s in sessions))
            for s in sessions:
                await s.close()
            return [s.replica for s in sessions]

        assert run_apart(newcomers()) == [other] * 3
    finally:
        with contextlib.suppress(ProcessLookupError):  # gone if the launcher lost patience and restarted it
            os.kill(frozen["pid"], signal.SIGCONT)
    # back in the pool once it answers (or, had it stayed silent past the launcher's patience, started again)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and _state(stack)["replicas"][i]["down"]:
        time.sleep(0.3)
    assert not _state(stack)["replicas"][i]["down"]


def test_a_remembered_sign_in_opens_signed_in_on_either_replica(stack):
    """The browser's `dxmap_session` cookie holds a session token issued once; both replicas find it in the
    shared store and open signed in, an altered one opens the sign-in form. Last but one: the account it adds
    makes every later page ask to sign in."""
    from core import accounts

    url = (stack.state / "database-url").read_text(encoding="utf-8").strip()
    accounts.add_account("hoa", "mật khẩu đủ dài 2026", "planner", actor="cli:test", url=url)
    token = accounts.sign_in("hoa", "mật khẩu đủ dài 2026", url=url, remember=3600).token

    async def scenario() -> dict[str, list[str]]:
        shown = {}
        for replica, value in (("r0", token), ("r1", token), ("r0", token[:-1] + ("x" if token[-1] != "x" else "y"))):
            session = Session(stack.url, timeout=120, cookies={"dxmap_replica": replica, "dxmap_session": value})
            try:
                await session.open("district=094")
            except PageError:  # the sign-in form: no figures
                pass
            shown[f"{session.replica}{'' if value == token else ' altered'}"] = list(session.metrics)
            await session.close()
        return shown

    shown = run_apart(scenario())
    assert set(shown) == {"r0", "r1", "r0 altered"}, shown
    assert shown["r0"] and shown["r1"] and shown["r0 altered"] == []
    opened = [e for e in audit_entries(url) if e.actor == "hoa" and e.detail == {"via": "cookie"}]
    assert len(opened) == 2


def audit_entries(url: str):
    from core import audit

    return audit.entries(url=url)


def test_sigterm_stops_everything(stack):
    state = _state(stack)
    pids = [state["nginx_pid"], state["postgres_pid"], *(r["pid"] for r in state["replicas"])]
    assert all(pids)
    assert stack.stop() == 0
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and any(Path(f"/proc/{pid}").exists() for pid in pids):
        time.sleep(0.2)
    assert [pid for pid in pids if Path(f"/proc/{pid}").exists()] == []
