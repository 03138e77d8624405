"""Load through the proxy: N sessions speaking Streamlit's own websocket protocol, as browsers do.

Each session connects to /_stcore/stream (keeping the proxy's sticky cookie, as a browser would), opens a page
with its own district filter (BackMsg rerun_script with the query string and page, then ForwardMsgs until
script_finished), then changes its filter. When the store has accounts the page first asks to sign in: each
session signs in through the form with `--user` (the password on standard input, `--password-stdin`) and keeps
its own `dxmap_session` cookie for reconnecting, as a browser does; without `--user` that is an error. A run that
draws no figure (no tile, table, chart or map) counts as an error: a sign-in form is not a page.
A burst opens all sessions at once; the meeting scenario (`--arrive-over 60 --duration 180`) lets them arrive
over a minute and change their filter every 10–20 s.
Prints JSON: sessions, errors, p50/p95 page run time, RSS per replica, memory per added session.
`make bench` runs both on one stack of its own (`bench`: 50 sessions, a two-minute meeting) and prints each figure
as a ratio to its target: all opened < 10 s, meeting p95 < 2 s, ≤ 0.1 s of replica CPU per page run, 0 errors,
< 50 MB per added session.

    .venv/bin/python -m bench.load --sessions 25 --replicas 2           # starts its own `make serve` stack
    .venv/bin/python -m bench.load --url http://localhost:8080/ --state var --sessions 10   # a running one
    printf '%s\n' "$PASSWORD" | .venv/bin/python -m bench.load --user lan.lo --password-stdin   # with accounts
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import json
import os
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from bench.targets import target

ROOT = Path(__file__).resolve().parents[1]
DEMO_VILLAGES = ROOT / "data" / "demo" / "dien-bien" / "villages.csv"
PAGES = ("", "map", "indicators", "priorities", "teams")  # url paths; "" is the Overview
COOKIE = "dxmap_replica"
SESSION_COOKIE = "dxmap_session"  # components.session.COOKIE: the remembered sign-in
_DONE = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY}
# what a page shows its figures with; the sign-in form has none of them
FIGURES = frozenset(
    {
        "metric",
        "dataframe",
        "arrow_data_frame",
        "table",
        "plotly_chart",
        "vega_lite_chart",
        "deck_gl_json_chart",
        "component_instance",
        "imgs",
    }
)
_SIGNIN_USER = "dx_signin_user"
_SIGNIN_PASSWORD = "dx_signin_password"
_SIGNIN_SUBMIT = "FormSubmitter:dx_signin"
_SET_COOKIE = re.compile(SESSION_COOKIE + r"=([A-Za-z0-9_-]+);")


@dataclass(frozen=True)
class Account:
    """Who the sessions sign in as when the store has accounts."""

    user: str
    password: str = field(repr=False)


class PageError(Exception):
    pass


@dataclass
class Session:
    """One browser tab's conversation with the app, through the proxy."""

    url: str  # http://host:port/
    timeout: float = 120.0
    cookies: dict[str, str] = field(default_factory=dict)
    reconnects: int = 0
    runs: list[float] = field(default_factory=list)
    metrics: list[str] = field(default_factory=list)  # the figures (st.metric values) of the last run
    figures: int = 0  # elements of the last run that show figures (tiles, tables, charts, maps)
    session_id: str = ""
    compressed: bool = False  # the websocket negotiated permessage-deflate
    query: str = ""
    page: str = ""
    account: Account | None = None
    signed_in: bool = False
    _ws: object = None
    _form: dict = field(default_factory=dict)  # the sign-in form's widget ids, when the last run drew it

    @property
    def replica(self) -> str | None:
        """The replica the proxy pinned this session to (its sticky cookie)."""
        return self.cookies.get(COOKIE)

    async def open_page(self) -> None:
        """What a browser fetches before its websocket: the page and Streamlit's health check, keeping the
        cookies they set (the proxy's replica, the app's `dxmap_client`, Streamlit's XSRF token)."""

        def fetch() -> None:
            import urllib.request

            for path in ("", "_stcore/health"):
                headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())} if self.cookies else {}
                request = urllib.request.Request(self.url.rstrip("/") + "/" + path, headers=headers)
                with urllib.request.urlopen(request, timeout=self.timeout) as answer:
                    for value in answer.headers.get_all("Set-Cookie") or []:
                        name, _, rest = value.partition("=")
                        self.cookies[name.strip()] = rest.split(";", 1)[0]

        await asyncio.to_thread(fetch)

    async def connect(self) -> None:
        if "dxmap_client" not in self.cookies:
            await self.open_page()
        parts = urlsplit(self.url)
        scheme = "wss" if parts.scheme == "https" else "ws"
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())} if self.cookies else {}
        self._ws = await websockets.connect(
            f"{scheme}://{parts.netloc}/_stcore/stream",
            subprotocols=["streamlit"],
            additional_headers=headers,
            max_size=None,
            open_timeout=self.timeout,
            ping_interval=None,
        )
        self.compressed = "permessage-deflate" in self._ws.response.headers.get("Sec-WebSocket-Extensions", "")
        for value in self._ws.response.headers.get_all("Set-Cookie"):
            name, _, rest = value.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]

    async def open(self, query: str, page: str = "", needs_figures: bool = True) -> float:
        """Run `page` with `query` (a link opened, or a filter changed); seconds until the run finished.
        When the replica goes away mid-run, reconnect through the proxy and run it again, as the page does."""
        self.query, self.page = query, page
        for attempt in range(3):
            try:
                if self._ws is None:
                    await self.connect()
                seconds = await self._run(query, page)
                if self._form:
                    await self._sign_in()
                    seconds = await self._run(query, page)
                if needs_figures and not self.figures:
                    raise PageError(f"no figures on page {page or '/'!r} (a sign-in form or an empty page)")
                self.runs.append(seconds)
                return seconds
            except (websockets.ConnectionClosed, OSError, EOFError):
                await self.close()
                if attempt == 2:
                    raise
                self.reconnects += 1
                await asyncio.sleep(0.5 * (attempt + 1))
        raise AssertionError("unreachable")

    async def _sign_in(self) -> None:
        """Fill in and send the sign-in form as a browser does; keep the session's cookie it sets."""
        if self.account is None:
            raise PageError("the store has accounts and the page asks to sign in: give --user and --password-stdin")
        if self.signed_in:
            raise PageError(f"signed in as {self.account.user!r}, the page asks to sign in again")
        from streamlit.proto.WidgetStates_pb2 import WidgetState

        user, password = WidgetState(id=self._form["user"]), WidgetState(id=self._form["password"])
        user.string_value, password.string_value = self.account.user, self.account.password
        submit = WidgetState(id=self._form["submit"])
        submit.trigger_value = True
        await self._run(self.query, self.page, [user, password, submit])
        if self._form:
            raise PageError(f"signing in as {self.account.user!r} was refused")
        self.signed_in = True

    async def _run(self, query: str, page: str, widgets: list | None = None) -> float:
        msg = BackMsg()
        msg.rerun_script.query_string = query
        msg.rerun_script.page_name = page
        msg.rerun_script.widget_states.widgets.extend(widgets or [])
        start = time.perf_counter()
        await self._ws.send(msg.SerializeToString())
        deadline = start + self.timeout
        self.metrics, self.figures, self._form = [], 0, {}
        while True:
            left = deadline - time.perf_counter()
            if left <= 0:
                raise PageError(f"no script_finished within {self.timeout:.0f} s")
            forward = ForwardMsg.FromString(await asyncio.wait_for(self._ws.recv(), left))
            kind = forward.WhichOneof("type")
            if kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
                element = forward.delta.new_element
                what = element.WhichOneof("type")
                if what == "exception":
                    raise PageError(f"exception on the page: {element.exception.message[:200]}")
                if what == "metric":
                    self.metrics.append(element.metric.body)
                self.figures += what in FIGURES
                self._note_signin(element, what)
            elif kind == "ref_hash":
                self.figures += 1  # a large element the client already has: only figures are that large
            elif kind == "new_session":
                self.session_id = forward.new_session.initialize.session_id
                self.metrics, self.figures, self._form = [], 0, {}  # a new run: what it draws counts
            elif kind == "page_not_found":
                raise PageError(f"page not found: {page!r}")
            elif kind == "script_finished":
                if forward.script_finished in _DONE:
                    return time.perf_counter() - start
                if forward.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    raise PageError("the page did not compile")
                # FINISHED_EARLY_FOR_RERUN: the app asked for another run; wait for that one

    def _note_signin(self, element, what: str) -> None:
        if what == "text_input" and element.text_input.id.endswith(_SIGNIN_USER):
            self._form["user"] = element.text_input.id
        elif what == "text_input" and element.text_input.id.endswith(_SIGNIN_PASSWORD):
            self._form["password"] = element.text_input.id
        elif what == "button" and _SIGNIN_SUBMIT in element.button.id:
            self._form["submit"] = element.button.id
        elif what == "html":
            found = _SET_COOKIE.search(element.html.body)
            if found:  # the page tells the browser to keep its sign-in: a reconnect resumes it
                self.cookies[SESSION_COOKIE] = found.group(1)

    async def close(self) -> None:
        if self._ws is not None:
            ws, self._ws = self._ws, None
            try:
                await ws.close()
            except Exception:  # noqa: BLE001 - closing a broken connection
                pass


def district_codes(villages: Path = DEMO_VILLAGES) -> list[str]:
    with villages.open(encoding="utf-8") as f:
        return sorted({row["district_code"] for row in csv.DictReader(f)})


# --- the scenarios -----------------------------------------------------------------------------------------


@dataclass
class Plan:
    sessions: int
    pages: tuple[str, ...] = PAGES
    districts: tuple[str, ...] = ()
    arrive_over: float = 0.0  # seconds over which the sessions arrive (0: all at once)
    duration: float = 0.0  # seconds each session keeps changing its filter after opening (0: change once)
    change_every: tuple[float, float] = (10.0, 20.0)
    timeout: float = 120.0
    seed: int = 1
    account: Account | None = None  # signs every session in when the store has accounts


@dataclass
class _Tally:
    errors: list[str] = field(default_factory=list)
    opens: list[float] = field(default_factory=list)
    changes: list[float] = field(default_factory=list)
    opened_at: list[float] = field(default_factory=list)  # seconds after the start when each open finished
    sessions: list[Session] = field(default_factory=list)


async def _one(
    i: int, url: str, plan: Plan, tally: _Tally, t0: float, done: asyncio.Event, hold: asyncio.Event
) -> None:
    rng = random.Random(plan.seed * 1000 + i)
    session = Session(url, timeout=plan.timeout, account=plan.account)
    tally.sessions.append(session)
    page = plan.pages[i % len(plan.pages)]
    districts = plan.districts
    try:
        await asyncio.sleep(plan.arrive_over * i / max(plan.sessions, 1))
        tally.opens.append(await session.open(f"district={districts[i % len(districts)]}", page))
        tally.opened_at.append(time.perf_counter() - t0)
        started, n = time.monotonic(), 1
        while n == 1 or (plan.duration and time.monotonic() - started < plan.duration):
            if plan.duration:
                await asyncio.sleep(rng.uniform(*plan.change_every))
            tally.changes.append(await session.open(f"district={districts[(i + n) % len(districts)]}", page))
            n += 1
    except Exception as exc:  # noqa: BLE001 - every failure is counted and reported
        tally.errors.append(f"session {i}: {type(exc).__name__}: {exc}"[:300])
    finally:
        done.set()
        await hold.wait()  # all sessions stay open until memory is measured
        await session.close()


async def drive(url: str, plan: Plan, measure=lambda: None) -> dict:
    """Run the plan against the proxy at `url`; `measure()` is called while every session is still open."""
    tally = _Tally()
    hold = asyncio.Event()
    dones = [asyncio.Event() for _ in range(plan.sessions)]
    t0 = time.perf_counter()
    tasks = [asyncio.create_task(_one(i, url, plan, tally, t0, dones[i], hold)) for i in range(plan.sessions)]
    await asyncio.gather(*(d.wait() for d in dones))
    wall = time.perf_counter() - t0
    measured = measure()
    hold.set()
    await asyncio.gather(*tasks)
    runs = tally.opens + tally.changes
    per_replica: dict[str, int] = {}
    for s in tally.sessions:
        per_replica[s.replica or "?"] = per_replica.get(s.replica or "?", 0) + 1
    return {
        "sessions": plan.sessions,
        "finished": sum(1 for s in tally.sessions if len(s.runs) >= 2),
        "errors": len(tally.errors),
        "error_samples": tally.errors[:5],
        "page_runs": len(runs),
        "reconnects": sum(s.reconnects for s in tally.sessions),
        "websocket_compressed": sum(1 for s in tally.sessions if s.compressed),
        "run_p50_s": _pct(runs, 50),
        "run_p95_s": _pct(runs, 95),
        "open_p50_s": _pct(tally.opens, 50),
        "open_p95_s": _pct(tally.opens, 95),
        "change_p50_s": _pct(tally.changes, 50),
        "change_p95_s": _pct(tally.changes, 95),
        "all_opened_s": round(max(tally.opened_at), 2) if tally.opened_at else None,
        "wall_s": round(wall, 2),
        "sessions_per_replica": dict(sorted(per_replica.items())),
        **(measured or {}),
    }


def _pct(values: list[float], q: int) -> float | None:
    if not values:
        return None
    if len(values) == 1:
        return round(values[0], 2)
    return round(statistics.quantiles(values, n=100, method="inclusive")[q - 1], 2)


# --- the server under test ---------------------------------------------------------------------------------


def rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return None


def replica_pids(state: Path) -> list[int]:
    data = json.loads((state / "serve" / "state.json").read_text(encoding="utf-8"))
    return [r["pid"] for r in data["replicas"] if r["pid"]]


class Stack:
    """`cli.py serve-province` on a free port with its own state folder, stopped with SIGTERM."""

    def __init__(self, replicas: int, state: Path | None = None, env: dict[str, str] | None = None) -> None:
        import socket

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.state = state or Path(tempfile.mkdtemp(prefix="dxmap-serve-"))
        os.chmod(self.state, 0o755)  # PostgreSQL runs as `postgres` when the stack starts as root
        self.replicas = replicas
        self.env = {**os.environ, **(env or {})}
        self.process: subprocess.Popen | None = None
        self.lines: list[str] = []
        self.extra_args: list[str] = []

    @property
    def url(self) -> str:
        scheme = "https" if "--tls-cert" in self.extra_args else "http"
        return f"{scheme}://127.0.0.1:{self.port}/"

    def start(self, timeout: float = 240.0) -> Stack:
        command = [sys.executable, str(ROOT / "cli.py"), "--lang", "en", "serve-province"]
        command += ["--replicas", str(self.replicas), "--port", str(self.port), "--host", "127.0.0.1"]
        command += ["--state", str(self.state), *self.extra_args]
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=self.env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        deadline = time.monotonic() + timeout
        assert self.process.stdout is not None
        while time.monotonic() < deadline:
            line = self.process.stdout.readline()
            if not line:
                break
            self.lines.append(line)
            if "ready" in line:
                import threading

                threading.Thread(target=self._drain, daemon=True).start()
                return self
        self.stop()
        raise RuntimeError("the stack did not start:\n" + "".join(self.lines[-30:]))

    def _drain(self) -> None:
        assert self.process is not None and self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line)

    def pids(self) -> list[int]:
        return replica_pids(self.state)

    def stop(self) -> int | None:
        if self.process is None:
            return None
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(60)
            except subprocess.TimeoutExpired:
                self.process.kill()
        return self.process.wait()


def cpu_seconds(pid: int) -> float:
    """User + system CPU time the process has used so far."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(") ", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def memory(pids: list[int]) -> dict:
    return {"rss_mb_per_replica": [rss_mb(p) for p in pids], "cpu_s_per_replica": [cpu_seconds(p) for p in pids]}


async def warm_up(
    url: str, replicas: int, districts: tuple[str, ...], timeout: float, account: Account | None = None
) -> None:
    """One session per replica held open together (the pool gives each to the least busy replica), so every
    replica has loaded the data before the figures start."""
    sessions = [Session(url, timeout=timeout, account=account) for _ in range(replicas)]
    for s in sessions:
        await s.connect()
    await asyncio.gather(*(s.open(f"district={districts[0]}", page) for s in sessions for page in ("",)))
    await asyncio.gather(*(s.open(f"district={districts[0]}", "map") for s in sessions))
    for s in sessions:
        await s.close()


def measure(url: str, state: Path | None, plan: Plan, replicas: int) -> dict:
    """Drive `plan` against the proxy at `url` (a stack already warmed up) and add what it cost the replicas: their
    memory before and after, CPU per page run, and the machine's load average before the run."""
    pids = replica_pids(state) if state else []
    before = memory(pids)["rss_mb_per_replica"] if pids else []
    cpu_before = sum(cpu_seconds(p) for p in pids)
    load_before = os.getloadavg()[0]
    result = asyncio.run(drive(url, plan, measure=lambda: memory(replica_pids(state)) if state else {}))
    after = result.get("rss_mb_per_replica") or []
    added = sum(a or 0 for a in after) - sum(b or 0 for b in before)
    result.update(
        {
            "replicas": len(pids) or replicas,
            "pages": list(plan.pages),
            "scenario": "meeting" if plan.duration else "burst",
            "rss_mb_per_replica_before": before,
            "mb_per_added_session": round(added / plan.sessions, 1) if after and before else None,
            # what a page run costs the replicas in CPU, whatever else the machine is doing
            "replica_cpu_s_per_page_run": round(
                (sum(result.pop("cpu_s_per_replica", [])) - cpu_before) / max(result["page_runs"], 1), 3
            )
            if pids
            else None,
            "cpus": os.cpu_count(),
            "load_average_before": round(load_before, 2),
        }
    )
    return result


def run(args: argparse.Namespace) -> dict:
    districts = tuple(args.districts.split(",")) if args.districts else tuple(district_codes())
    pages = tuple("" if p in ("/", "overview") else p.strip("/") for p in args.pages.split(","))
    plan = Plan(
        sessions=args.sessions,
        pages=pages,
        districts=districts,
        arrive_over=args.arrive_over,
        duration=args.duration,
        change_every=tuple(float(x) for x in args.change_every.split(",")),
        timeout=args.timeout,
        account=Account(args.user, args.password) if args.user else None,
    )
    stack = None
    state = Path(args.state) if args.state else None
    url = args.url
    if url is None:
        env = {"DATABASE_URL": args.db} if args.db else {}
        stack = Stack(args.replicas, env=env).start()
        url, state = stack.url, stack.state
    try:
        asyncio.run(warm_up(url, args.replicas, districts, args.timeout, plan.account))
        return measure(url, state, plan, args.replicas)
    finally:
        if stack:
            stack.stop()
            shutil.rmtree(stack.state, ignore_errors=True)


# --- `make bench`: a province meeting's two moments on one stack -------------------------------------------

BENCH_SESSIONS = 50
BENCH_REPLICAS = 2
MEETING_ARRIVE_S = 60.0  # the sessions arrive over a minute ...
MEETING_DURATION_S = 120.0  # ... and each changes its district every 10-20 s for two minutes (180 s stand-alone)
# the targets of a province meeting on a 2-core server, and the figures measured before the work on them
TARGET_ALL_OPENED_S, REFERENCE_ALL_OPENED_S = 10.0, 25.6
TARGET_MEETING_P95_S = 2.0
TARGET_CPU_S, REFERENCE_CPU_S = 0.1, 0.39
TARGET_MB_PER_SESSION = 50.0


def capacity_targets(burst: dict, meeting: dict) -> list[dict]:
    """The target rows of a burst's and a meeting's figures (`measure`), each with the load average the machine
    had before its run: a figure measured beside other jobs is slower than the server alone would be."""

    def row(figure: str, run: dict, measured, goal: float, unit: str, reference: float | None = None) -> dict:
        return {**target(figure, measured, goal, unit, reference), "load_average_before": run["load_average_before"]}

    errors = burst["errors"] + meeting["errors"]
    return [
        row(
            f"burst: {burst['sessions']} sessions all opened",
            burst,
            burst["all_opened_s"],
            TARGET_ALL_OPENED_S,
            "s",
            REFERENCE_ALL_OPENED_S,
        ),
        row(
            f"meeting: {meeting['sessions']} sessions, page run p95",
            meeting,
            meeting["run_p95_s"],
            TARGET_MEETING_P95_S,
            "s",
        ),
        row(
            "burst: replica CPU per page run",
            burst,
            burst["replica_cpu_s_per_page_run"],
            TARGET_CPU_S,
            "s",
            REFERENCE_CPU_S,
        ),
        row(
            "meeting: replica CPU per page run",
            meeting,
            meeting["replica_cpu_s_per_page_run"],
            TARGET_CPU_S,
            "s",
            REFERENCE_CPU_S,
        ),
        row("errors (burst and meeting)", burst, errors, 0, "errors"),
        row("burst: memory per added session", burst, burst["mb_per_added_session"], TARGET_MB_PER_SESSION, "MB"),
    ]


def bench(scale: str) -> dict | None:
    """`make bench`: a stack of its own (2 replicas, its own PostgreSQL, the demo), warmed up once, then a burst of
    50 sessions at once and a meeting of 50 arriving over a minute and changing district for two minutes. The
    province only: a whole country's load is not a meeting of one province."""
    if scale != "province":
        return None
    districts = tuple(district_codes())
    burst_plan = Plan(sessions=BENCH_SESSIONS, districts=districts, timeout=180.0)
    meeting_plan = Plan(
        sessions=BENCH_SESSIONS,
        districts=districts,
        arrive_over=MEETING_ARRIVE_S,
        duration=MEETING_DURATION_S,
        timeout=180.0,
    )
    stack = Stack(BENCH_REPLICAS).start()
    try:
        asyncio.run(warm_up(stack.url, BENCH_REPLICAS, districts, 180.0))
        burst = measure(stack.url, stack.state, burst_plan, BENCH_REPLICAS)
        meeting = measure(stack.url, stack.state, meeting_plan, BENCH_REPLICAS)
    finally:
        stack.stop()
        shutil.rmtree(stack.state, ignore_errors=True)
    return {"burst": burst, "meeting": meeting, "targets": capacity_targets(burst, meeting)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=10)
    parser.add_argument("--replicas", type=int, default=2, help="replicas of the stack this script starts")
    parser.add_argument("--url", help="a running proxy (default: start `cli.py serve-province` for the run)")
    parser.add_argument("--state", help="the running stack's state folder (for the replicas' memory)")
    parser.add_argument("--db", help="DATABASE_URL for the stack this script starts (default: its own PostgreSQL)")
    parser.add_argument("--pages", default=",".join(p or "/" for p in PAGES), help="pages, in turn per session")
    parser.add_argument("--districts", help="district codes, comma-separated (default: the demo's)")
    parser.add_argument("--arrive-over", type=float, default=0.0, help="seconds over which sessions arrive")
    parser.add_argument("--duration", type=float, default=0.0, help="seconds each session keeps changing filter")
    parser.add_argument("--change-every", default="10,20", help="seconds between filter changes: min,max")
    parser.add_argument("--timeout", type=float, default=180.0, help="seconds one page run may take")
    parser.add_argument("--user", help="with accounts in the store: the account every session signs in as")
    parser.add_argument("--password-stdin", action="store_true", help="read that account's password from stdin")
    args = parser.parse_args(argv)
    args.password = sys.stdin.readline().rstrip("\n") if args.password_stdin else ""
    if args.user and not args.password:
        parser.error("--user needs the password on standard input (--password-stdin)")
    result = run(args)
    print(json.dumps(result, ensure_ascii=False, indent=1))
    return 0 if result["errors"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
