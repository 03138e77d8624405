"""Streamlit's websocket as a probe uses it: clearing every cache, resuming another client's session by its id,
spraying wrong passwords at random names; and what the app's log keeps of a session id."""

from __future__ import annotations

import secrets
import time

from streamlit.proto.BackMsg_pb2 import BackMsg

from tests.event_loop import run_apart
from tests.probe.client import Probe, metric_bytes, page_cookies, signed_in
from tests.probe.conftest import PASSWORD

ATTACKER = {"X-Real-IP": "203.0.113.5"}  # as the proxy on this machine names the client
ADMIN = {"X-Real-IP": "198.51.100.7"}


def _cache_bytes(app: str) -> int:
    return metric_bytes(app, "st_cache_data") + metric_bytes(app, "st_cache_resource")


def _wait_for(condition, timeout: float = 30.0):
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(0.2)


def test_a_client_with_no_account_cannot_clear_every_cache(served):
    from streamlit.web.server.starlette.starlette_routes import _METRICS_EXPENSIVE_STATS_TTL_SECONDS as TTL

    app, log = served

    async def clear() -> float:
        reader = Probe(app, cookies=page_cookies(app))
        await reader.connect()
        assert signed_in(await reader.sign_in("ke", PASSWORD))  # the pages' data is cached for everyone
        await reader.run(page="map")
        await reader.close()
        probe = Probe(app)  # no cookie, never signed in
        await probe.connect()
        await probe.run()
        message = BackMsg()
        message.clear_cache = True
        await probe.send(message)
        sent = time.monotonic()
        await probe.close()
        return sent

    sent = run_apart(clear())
    # Streamlit's metrics are recomputed at most every TTL seconds: a reading after that window is fresh
    fresh = _wait_for(lambda: time.monotonic() > sent + TTL + 0.5 and _cache_bytes(app), timeout=TTL + 10)
    assert fresh > 0
    assert _wait_for(lambda: "clear every cache was refused" in log.read_text(errors="replace"))


def test_another_client_with_the_session_id_gets_a_new_session_not_the_signed_in_one(served):
    app, log = served

    async def resume():
        owner = Probe(app, cookies=page_cookies(app))
        await owner.connect()
        assert signed_in(await owner.sign_in("boss", PASSWORD))
        stolen = owner.session_id
        thief = Probe(app)  # the id in the subprotocol, without the owner's cookie: while the owner is connected
        await thief.connect(resume=stolen)
        while_connected = await thief.run()
        thief_id_1 = thief.session_id
        await thief.close()
        await owner.close()
        late = Probe(app, cookies=page_cookies(app))  # a browser of its own, after the owner's tab went away
        await late.connect(resume=stolen)
        after_close = await late.run()
        late_id = late.session_id
        await late.close()
        back = Probe(app, cookies=owner.cookies)  # the owner's browser reconnecting: its own session again
        await back.connect(resume=stolen)
        own = await back.run()
        back_id = back.session_id
        await back.close()
        return stolen, (while_connected, thief_id_1), (after_close, late_id), (own, back_id)

    stolen, (while_connected, thief_id), (after_close, late_id), (own, back_id) = run_apart(resume())
    assert thief_id != stolen and not signed_in(while_connected)
    assert late_id != stolen and not signed_in(after_close)
    assert back_id == stolen and signed_in(own)
    text = log.read_text(errors="replace")
    assert stolen not in text  # Streamlit warns about the refused reconnect: with the id cut short
    assert stolen[:4] + "…" in text


def test_random_names_sprayed_from_one_client_never_lock_the_admin_out(served):
    app, _log = served

    async def spray_then_sign_in():
        refused = 0
        for _ in range(35):  # a new tab per guess, as the probe did: only the client's brake sees them all
            probe = Probe(app, headers=ATTACKER)
            await probe.connect()
            run = await probe.sign_in(f"x{secrets.token_hex(4)}", "doan-mat-khau-sai")
            refused += not signed_in(run)
            await probe.close()
        admin_ok = 0
        for _ in range(10):
            admin = Probe(app, cookies=page_cookies(app), headers=ADMIN)
            await admin.connect()
            admin_ok += signed_in(await admin.sign_in("boss", PASSWORD))
            await admin.close()
        return refused, admin_ok

    refused, admin_ok = run_apart(spray_then_sign_in())
    assert refused == 35
    assert admin_ok == 10
