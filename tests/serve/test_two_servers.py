"""A province on two servers behind one nginx, sharing one PostgreSQL (tests/pg.py): "server A" runs its app
processes on 127.0.0.1 and nginx (`serve-province` with DXMAP_UPSTREAMS naming B's), "server B" only its app
processes on 127.0.0.2 (`serve-province --apps-only`; Linux routes all of 127.0.0.0/8 to loopback). Sessions go
through A's nginx over Streamlit's websocket protocol, as browsers do."""

from __future__ import annotations

import csv
import io
import json
import secrets
import shutil
from pathlib import Path

import pytest

from bench.load import DEMO_VILLAGES, Plan, Stack, district_codes, drive
from ops.processes import free_port, port_free
from tests.event_loop import run_apart
from tests.pg import PostgresServer
from tests.probe.client import Probe, page_cookies, put_upload, trigger, uploaded
from tests.serve.conftest import _can_run

pytestmark = pytest.mark.serve

HOST_B = "127.0.0.2"
WRITE_TOKEN = secrets.token_urlsafe(32)
AUTHOR = "Cán bộ máy chủ B"


def _first_of_two_free_ports(host: str) -> int:
    """A port on `host` whose next one is free too (server B's two replicas take consecutive ports)."""
    while True:
        first = free_port(host)
        if first < 65535 and port_free(first + 1, host):
            return first


def _state(stack: Stack) -> dict:
    return json.loads((stack.state / "serve" / "state.json").read_text(encoding="utf-8"))


def _listening_on(port: int) -> set[str]:
    """The IPv4 addresses a socket listens on at `port`, as dotted quads."""
    found = set()
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        local, state = line.split()[1], line.split()[3]
        address, hex_port = local.split(":")
        if state == "0A" and int(hex_port, 16) == port:
            found.add(".".join(str(int(address[i : i + 2], 16)) for i in (6, 4, 2, 0)))
    return found


@pytest.fixture(scope="module")
def servers():
    reason = _can_run()
    if reason:
        pytest.skip(reason)
    database = PostgresServer().start()
    shared = {
        "DATABASE_URL": database.new_database(),  # the one store both servers read and write
        "DXMAP_WRITE_TOKEN": WRITE_TOKEN,  # the administrator's link works on every server
        "STREAMLIT_SERVER_COOKIE_SECRET": secrets.token_urlsafe(32),
    }
    first = _first_of_two_free_ports(HOST_B)
    b = Stack(replicas=2, env=shared)
    b.extra_args = ["--apps-only", "--app-host", HOST_B, "--app-port", str(first)]
    a = Stack(replicas=1, env={**shared, "DXMAP_UPSTREAMS": f"{HOST_B}:{first},{HOST_B}:{first + 1}"})
    try:
        # from this thread: a launcher stops with the thread that started it (it asks the kernel for that)
        b.start()
        a.start()
        yield a, b
    finally:
        for stack in (a, b):
            stack.stop()
            shutil.rmtree(stack.state, ignore_errors=True)
        database.stop()


def test_sessions_through_one_nginx_land_on_both_servers(servers):
    a, b = servers
    assert any(f"{HOST_B}:" in line and "ready" in line for line in b.lines)  # B: replicas only, no proxy
    b_replicas = _state(b)["replicas"]
    assert [_listening_on(r["port"]) for r in b_replicas] == [{HOST_B}, {HOST_B}]
    # A names its own replica r0 and B's after it, in DXMAP_UPSTREAMS' order
    a_state = _state(a)
    assert a_state["replicas"][0]["address"].startswith("127.0.0.1:")
    assert [(u["cookie"], u["address"]) for u in a_state["upstreams"]] == [
        ("r1", f"{HOST_B}:{b_replicas[0]['port']}"),
        ("r2", f"{HOST_B}:{b_replicas[1]['port']}"),
    ]
    plan = Plan(sessions=6, pages=("", "teams"), districts=tuple(district_codes()), timeout=240)
    result = run_apart(drive(a.url, plan))
    assert result["errors"] == 0, result["error_samples"]
    assert result["finished"] == 6
    landed = set(result["sessions_per_replica"])
    assert "r0" in landed and landed & {"r1", "r2"}, result  # server A's replica and server B's both took sessions


def _report() -> bytes:
    """Two demo villages with ten more people each: a valid district report."""
    with DEMO_VILLAGES.open(encoding="utf-8") as f:
        reader = csv.DictReader(f)
        rows = [row for _, row in zip(range(2), reader, strict=False)]
        fields = reader.fieldnames
    for row in rows:
        row["population"] = str(int(row["population"]) + 10)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def _text(widget_id: str, value: str):
    from streamlit.proto.WidgetStates_pb2 import WidgetState

    state = WidgetState(id=widget_id)
    state.string_value = value
    return state


async def _tab(url: str, replica: str) -> tuple[Probe, dict[str, str]]:
    """A browser tab whose sticky cookie names `replica`, its websocket open through the proxy."""
    cookies = {**page_cookies(url, {"Cookie": f"dxmap_replica={replica}"}), "dxmap_replica": replica}
    tab = Probe(url, cookies=cookies, timeout=240)
    await tab.connect()
    return tab, cookies


def test_a_commit_through_server_B_is_seen_on_server_A_and_uploads_stay_with_their_replica(servers):
    a, _b = servers
    report = _report()

    async def scenario() -> dict:
        seen: dict = {}
        viewer, _ = await _tab(a.url, "r0")  # a session on server A
        editor, cookies = await _tab(a.url, "r1")  # an administrator's session on server B
        try:
            seen["a_before"] = (await viewer.run(page="", query="district=094")).texts
            await editor.run(page="data", query=f"token={WRITE_TOKEN}")  # the administrator's link
            page = await editor.run(page="data")
            # the upload goes to the replica holding the session; the others do not know it
            seen["uploads"] = {
                replica: put_upload(
                    a.url,
                    editor.session_id,
                    0,
                    {**cookies, "dxmap_replica": replica},
                    file_id=f"report-{replica}",
                    content=report,
                )
                for replica in ("r0", "r2", "r1")
            }
            chosen = uploaded(page.widget("file_uploader", "dx_upload_"), "report-r1", "villages.csv", len(report))
            dry = await editor.run(page="data", widgets=[chosen, trigger(page.widget("button", "dx_dry_run"))])
            seen["dry_run"] = dry.texts
            who = _text(dry.widget("text_input", "dx_who"), AUTHOR)
            committed = await editor.run(page="data", widgets=[chosen, who, trigger(dry.widget("button", "dx_commit"))])
            seen["commit"] = committed.texts
            seen["a_after"] = (await viewer.run(page="", query="district=094")).texts  # A's next rerun
        finally:
            await viewer.close()
            await editor.close()
        return seen

    seen = run_apart(scenario())
    assert seen["uploads"] == {"r0": 400, "r2": 400, "r1": 204}, seen["uploads"]
    assert "Không có lỗi: có thể ghi vào kho." in seen["dry_run"], seen["dry_run"]
    assert "Đã ghi: phiên bản 1." in seen["commit"], seen["commit"]
    assert not any("Phiên bản 1" in text for text in seen["a_before"])
    assert any("Phiên bản 1" in text and AUTHOR in text for text in seen["a_after"]), seen["a_after"]
