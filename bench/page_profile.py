"""Where a page run's CPU goes: each page of `bench/load.py`'s mix, run by the served app, split into buckets.

The app is served as a replica serves it (`streamlit run asgi.py`, file watcher off, the demo package, or the store
given with `--db`), in a process that can profile itself; this process drives it over Streamlit's own websocket
protocol with `bench.load.Session`, as a browser does. For each page (`/`, `/map`, `/indicators`, `/priorities`,
`/teams`): a first session opens it without a filter and with a district (process caches filled), then a new
session opens it (`first_run_cpu_s`: a session's first run) and runs it `--repeat` times without a filter and
`--repeat` times with the district, alternating, as a session changing its filter does. Each run's CPU is the
server process's CPU clock (all its threads) from the request until the run finished, plus a short settle for the
run's thread to end: `cpu_s_per_run` is their median, the figure `bench/load.py` calls
`replica_cpu_s_per_page_run`. The same runs are then made again under `cProfile` (a CPU-time clock per thread:
the event loop's thread and every thread started while profiling, so each page run's own script thread) and
each function's own time is put in a bucket:

- `data_source`: which data and its version, reading it (`services/source.py`, `services/storage.py`,
  `components/context.py`, `core/storage/`, `core/ingest/`, SQLAlchemy, psycopg, sqlite3);
- `scope_filter`: the account's area and the shared filter (`core/model/filters.py`, `core/model/scope.py`,
  `components/filters.py`, `components/session.py`);
- `cache_lookup`: finding cached answers: Streamlit's hashing of cache arguments (`streamlit/runtime/caching/`),
  `components/caching.py`, `services/keys.py`;
- `figures`: the analysis (`core/analysis/`, `core/planning/`, the rest of `core/model/`, `core/exports/`,
  `services/`);
- `drawing`: building what is shown and serialising it: `presentation/`, the page pieces of `components/`
  (tables, tiles, charts, maps), plotly, folium, branca, jinja2, pyarrow, streamlit-folium, Streamlit's
  dataframe-to-Arrow and plotly-to-JSON code (`streamlit/dataframe_util.py`, `streamlit/elements/arrow.py`,
  `streamlit/elements/plotly_chart.py`, `table.py`, `image.py`, the column, styler, plotly-theme and image helpers
  of `streamlit/elements/lib/`) and custom components' payloads
  (`streamlit/components/`);
- `streamlit`: Streamlit's own work: the script runner, element protos, widgets, session state, the sidebar and
  navigation (the rest of `streamlit/`, protobuf), the app's frame (`app.py`, `views/`, `components/chrome.py`,
  `page_identity.py`, `projector.py`, `signin.py`, `write_access.py`, `state.py`) and its middleware;
- `server`: the ASGI server and the websocket (uvicorn, starlette, websockets, anyio, h11, asyncio), its
  compression included;
- `other`: the rest of the app (`core/i18n.py`, `core/locale/`, settings, babel) and time no bucket owns.

Code that owns no bucket (the standard library, builtins such as `json.dumps` or `zlib`, pandas, numpy,
shapely, geopandas) passes its own time to its callers, in the share each caller used it, up to the first
caller that owns a bucket (callers that only lead back into a recursion are skipped); with no such caller it is
`other`. `profiled_buckets_s` are the profile's seconds per run: the profiler costs about the same on every
function call, so it slows pure-Python code far more than C code (Streamlit's full garbage collection after each
run, `post_run_gc_s`, is one call). `buckets_s` estimates the unprofiled split: that cost per call, fitted so the
buckets add up to `cpu_s_per_run`, is taken off each bucket for its calls. `profile_coverage`: the profiled
threads' CPU over the whole process's CPU while profiling. Figures only: nothing here passes or fails on time.

    .venv/bin/python -m bench.page_profile [--repeat 5] [--pages /,map] [--district 103] [--db URL]
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import json
import os
import pstats
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from bench.load import PAGES, Session, cpu_seconds, district_codes
from bench.local_app import free_port, stop_app
from bench.targets import target

ROOT = Path(__file__).resolve().parents[1]
TARGET_CPU_S = 0.1  # replica CPU per page run on the five-page mix
REFERENCE_CPU_S = 0.22  # the same mix measured before the cuts (docs/speed.md)
SETTLE_S = 0.1  # after a run finished: its thread ends and its last messages are sent
BUCKETS = ("data_source", "scope_filter", "cache_lookup", "figures", "drawing", "streamlit", "server", "other")
_FRAME = tuple(
    f"components/{name}.py"
    for name in (
        "chrome",
        "page_identity",
        "projector",
        "signin",
        "write_access",
        "state",
        "stcore_guard",
        "base_url_hint",
        "map_files",
    )
)
# (path prefix, bucket), first match wins; paths are relative to the project, site-packages or the standard library
OWNERS: tuple[tuple[str, str], ...] = (
    ("services/source.py", "data_source"),
    ("services/storage.py", "data_source"),
    ("components/context.py", "data_source"),
    ("core/storage/", "data_source"),
    ("core/ingest/", "data_source"),
    ("sqlalchemy/", "data_source"),
    ("psycopg/", "data_source"),
    ("sqlite3/", "data_source"),
    ("core/model/filters.py", "scope_filter"),
    ("core/model/scope.py", "scope_filter"),
    ("components/filters.py", "scope_filter"),
    ("components/session.py", "scope_filter"),
    ("components/caching.py", "cache_lookup"),
    ("services/keys.py", "cache_lookup"),
    ("streamlit/runtime/caching/", "cache_lookup"),
    ("core/analysis/", "figures"),
    ("core/planning/", "figures"),
    ("core/model/", "figures"),
    ("core/exports/", "figures"),
    ("services/", "figures"),
    ("geo/", "figures"),
    *((path, "streamlit") for path in _FRAME),
    ("presentation/", "drawing"),
    ("components/", "drawing"),
    ("plotly/", "drawing"),
    ("_plotly_utils/", "drawing"),
    ("folium/", "drawing"),
    ("branca/", "drawing"),
    ("jinja2/", "drawing"),
    ("pyarrow/", "drawing"),
    ("streamlit_folium/", "drawing"),
    ("streamlit/dataframe_util.py", "drawing"),
    ("streamlit/elements/arrow.py", "drawing"),
    ("streamlit/elements/plotly_chart.py", "drawing"),
    ("streamlit/elements/table.py", "drawing"),
    ("streamlit/elements/image.py", "drawing"),
    ("streamlit/elements/lib/column_config_utils.py", "drawing"),
    ("streamlit/elements/lib/column_types.py", "drawing"),
    ("streamlit/elements/lib/pandas_styler_utils.py", "drawing"),
    ("streamlit/elements/lib/streamlit_plotly_theme.py", "drawing"),
    ("streamlit/elements/lib/image_utils.py", "drawing"),
    ("streamlit/components/", "drawing"),
    ("app.py", "streamlit"),
    ("asgi.py", "streamlit"),
    ("views/", "streamlit"),
    ("streamlit/", "streamlit"),
    ("google/protobuf/", "streamlit"),
    ("uvicorn/", "server"),
    ("starlette/", "server"),
    ("websockets/", "server"),
    ("anyio/", "server"),
    ("h11/", "server"),
    ("httptools/", "server"),
    ("wsproto/", "server"),
    ("asyncio/", "server"),
    ("selectors.py", "server"),
    ("core/", "other"),
    ("babel/", "other"),
)
_LIB_MARKERS = ("/site-packages/", "/dist-packages/")


# --- in the served process: a profile per thread, switched on and off by signals ----------------------------


class _Profiling:
    """SIGUSR1 starts profiling the event loop's thread and every thread started from then on; SIGUSR2 stops,
    waits for those threads to end, and writes their stats together to `out` (then `out` + ".ready")."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.on = False
        self.main: cProfile.Profile | None = None
        self.live: set[cProfile.Profile] = set()
        self.done: list[cProfile.Profile] = []
        self.lock = threading.Lock()

    def install(self) -> None:
        original = threading.Thread.run
        profiling = self

        def run(thread: threading.Thread) -> None:
            if not profiling.on:
                return original(thread)
            prof = cProfile.Profile(time.thread_time)
            with profiling.lock:
                profiling.live.add(prof)
            prof.enable()
            try:
                return original(thread)
            finally:
                prof.disable()
                with profiling.lock:
                    profiling.live.discard(prof)
                    profiling.done.append(prof)

        threading.Thread.run = run
        signal.signal(signal.SIGUSR1, self.start)
        signal.signal(signal.SIGUSR2, self.stop)

    def start(self, *_: object) -> None:
        with self.lock:
            self.done.clear()
        self.main = cProfile.Profile(time.thread_time)
        self.on = True
        self.main.enable()
        Path(f"{self.out}.on").write_text("on", encoding="utf-8")

    def stop(self, *_: object) -> None:
        if self.main is None:
            return
        self.main.disable()
        self.on = False
        deadline = time.monotonic() + 10
        while self.live and time.monotonic() < deadline:
            time.sleep(0.05)
        stats = pstats.Stats(self.main)
        with self.lock:
            for prof in self.done:
                stats.add(prof)
        stats.dump_stats(str(self.out))
        Path(f"{self.out}.ready").write_text(str(len(self.done)), encoding="utf-8")
        self.main = None


def serve(out: Path, port: int, db: str | None) -> None:
    """`streamlit run asgi.py` in this process, profiled on signal (see `_Profiling`)."""
    _Profiling(out).install()
    from streamlit.web.cli import main

    sys.argv = ["streamlit", "run", str(ROOT / "asgi.py"), "--server.headless", "true", "--server.port", str(port)]
    sys.argv += ["--global.developmentMode", "false", "--server.fileWatcherType", "none"]
    main(prog_name="streamlit")


# --- the bucket of a function ----------------------------------------------------------------------------------


def module_path(filename: str) -> str | None:
    """The function's file relative to the project, site-packages or the standard library; None for builtins."""
    if not filename or filename.startswith(("~", "<")):
        return None
    path = filename.replace("\\", "/")
    for marker in _LIB_MARKERS:
        if marker in path:
            return path.rsplit(marker, 1)[1]
    root = str(ROOT).replace("\\", "/") + "/"
    if path.startswith(root):
        return path[len(root) :]
    stdlib = f"/lib/python{sys.version_info.major}.{sys.version_info.minor}/"
    if stdlib in path:
        return path.rsplit(stdlib, 1)[1]
    return path.lstrip("/")


def owner(filename: str) -> str | None:
    """The bucket this file's code owns, or None when its time belongs to whoever called it."""
    path = module_path(filename)
    if path is None:
        return None
    for prefix, bucket in OWNERS:
        if path.startswith(prefix):
            return bucket
    return None


def attribute(stats: dict) -> tuple[dict[str, float], dict[str, float], dict[str, dict[str, float]]]:
    """({bucket: seconds}, {bucket: calls}, {bucket: {function: seconds}}) from pstats' `stats` dict: each
    function's own time (and its calls) in its owner's bucket, else shared among its callers by the time it spent
    for each (see the module's text)."""
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 5000))  # chains of library callers
    shares: dict[tuple, dict[str, float]] = {}
    visiting: set[tuple] = set()

    def spread(weights: dict[tuple, float]) -> dict[str, float]:
        """The callers' buckets, weighted; callers that lead only back into a cycle are left out."""
        result: dict[str, float] = {}
        found = 0.0
        for caller, w in weights.items():
            if w <= 0 or caller in visiting:
                continue
            parts = share(caller)
            if parts:
                found += w
                for name, part in parts.items():
                    result[name] = result.get(name, 0.0) + part * w
        return {name: part / found for name, part in result.items()} if found > 0 else {}

    def share(func: tuple) -> dict[str, float]:
        """How the time spent in and below `func` divides among buckets (fractions adding to 1); empty when
        every way up leads back into a function already being followed (a cycle)."""
        bucket = owner(func[0])
        if bucket is not None:
            return {bucket: 1.0}
        if func in shares:
            return shares[func]
        callers = stats.get(func, (0, 0, 0, 0, {}))[4]
        weights = {c: v[3] for c, v in callers.items()}  # cumulative time of `func` when called from c
        if sum(weights.values()) <= 0:
            weights = {c: float(v[1]) for c, v in callers.items()}
        if not weights:
            shares[func] = {"other": 1.0}  # a thread's or the event loop's outermost function
            return shares[func]
        cut = any(c in visiting for c in weights)
        visiting.add(func)
        result = spread(weights)
        visiting.discard(func)
        if not cut:
            shares[func] = result
        return result

    buckets = dict.fromkeys(BUCKETS, 0.0)
    calls = dict.fromkeys(BUCKETS, 0.0)
    functions: dict[str, dict[str, float]] = {b: {} for b in BUCKETS}
    for func, (_cc, nc, own, _ct, callers) in stats.items():
        bucket = owner(func[0])
        if bucket is not None:
            parts = {bucket: 1.0}
        else:
            visiting.add(func)
            parts = spread({c: v[2] for c, v in callers.items() if c != func})  # own time of `func` from c
            visiting.discard(func)
            parts = parts or share(func) or {"other": 1.0}
        label = _label(func)
        for name, part in parts.items():
            buckets[name] += own * part
            calls[name] += nc * part
            if own > 0:
                functions[name][label] = functions[name].get(label, 0.0) + own * part
    return buckets, calls, functions


def _label(func: tuple) -> str:
    path = module_path(func[0])
    return f"{path}:{func[2]}" if path else func[2]


# --- this side: the server, the runs ------------------------------------------------------------------------


def process_cpu(pid: int) -> float:
    """The server's CPU seconds so far, all its threads (those ended too): its CPU clock, else /proc's ticks."""
    try:
        return time.clock_gettime(((~pid) << 3) | 2)  # Linux: the process-wide CPU clock of `pid`
    except OSError:
        return cpu_seconds(pid)


class Server:
    """The profiling server on a free port, with its stats file."""

    def __init__(self, folder: Path, db: str | None = None, timeout_s: float = 120.0) -> None:
        self.out = folder / "page.prof"
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        env = {k: v for k, v in os.environ.items() if k not in ("DXMAP_PACKAGE", "DATABASE_URL")}
        if db:
            env["DATABASE_URL"] = db
        else:
            from core.config import DEMO_PACKAGE

            env["DXMAP_PACKAGE"] = str(DEMO_PACKAGE)
        command = [sys.executable, "-m", "bench.page_profile", "--serve", str(self.out), "--port", str(self.port)]
        self.log = (folder / "server.log").open("wb")
        self.proc = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True
        )
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline and self.proc.poll() is None:
            try:
                if urllib.request.urlopen(f"{self.url}_stcore/health", timeout=1).read() == b"ok":
                    return
            except OSError:
                time.sleep(0.3)
        self.stop()
        tail = (folder / "server.log").read_text(errors="replace")[-2000:]
        raise RuntimeError(f"the app did not start within {timeout_s:.0f} s:\n{tail}")

    def cpu(self) -> float:
        return process_cpu(self.proc.pid)

    async def profile_on(self) -> None:
        await self._signal(signal.SIGUSR1, Path(f"{self.out}.on"))

    async def profile_off(self) -> pstats.Stats:
        await self._signal(signal.SIGUSR2, Path(f"{self.out}.ready"))
        return pstats.Stats(str(self.out))

    async def _signal(self, sig: int, flag: Path, timeout_s: float = 30.0) -> None:
        flag.unlink(missing_ok=True)
        os.kill(self.proc.pid, sig)
        deadline = time.monotonic() + timeout_s
        while not flag.exists():
            if time.monotonic() > deadline or self.proc.poll() is not None:
                raise RuntimeError(f"the app did not answer signal {sig}")
            await asyncio.sleep(0.02)

    def stop(self) -> None:
        stop_app(self.proc)
        self.log.close()


async def _timed(server: Server, session: Session, query: str, page: str) -> float:
    """The server's CPU seconds for one run of `page` with `query`."""
    before = server.cpu()
    await session.open(query, page)
    await asyncio.sleep(SETTLE_S)
    return server.cpu() - before


async def measure_page(server: Server, page: str, repeat: int, district: str) -> dict:
    """One page's runs, unprofiled then profiled (see the module's text)."""
    queries = ("", f"district={district}")
    warm = Session(server.url)
    try:
        for query in queries:
            await warm.open(query, page)
    finally:
        await warm.close()
    session = Session(server.url)
    try:
        first = await _timed(server, session, "", page)
        runs: dict[str, list[float]] = {"province": [], "district": []}
        for _ in range(repeat):
            for name, query in zip(runs, queries, strict=True):
                runs[name].append(await _timed(server, session, query, page))
        await server.profile_on()
        before = server.cpu()
        for _ in range(repeat):
            for query in queries:
                await session.open(query, page)
        await asyncio.sleep(SETTLE_S)
        window = server.cpu() - before
        stats = await server.profile_off()
    finally:
        await session.close()
    return page_figures(first, runs, stats.stats, window, 2 * repeat)


def unprofiled(profiled: dict[str, float], calls: dict[str, float], cpu: float) -> dict[str, float]:
    """Each bucket's share of the unprofiled `cpu`: the profiler's cost taken off each bucket in proportion to its
    function calls (one cost per call, fitted so the buckets add up to `cpu`)."""
    total, count = sum(profiled.values()), sum(calls.values())
    per_call = max(total - cpu, 0.0) / count if count else 0.0
    left = {b: max(profiled[b] - per_call * calls[b], 0.0) for b in profiled}
    kept = sum(left.values())
    return {b: (cpu * s / kept if kept else 0.0) for b, s in left.items()}


def page_figures(first: float, runs: dict[str, list[float]], stats: dict, window_s: float, profiled: int) -> dict:
    """A page's figures from its unprofiled runs' CPU seconds and the profile of `profiled` further runs."""
    every = [s for samples in runs.values() for s in samples]
    cpu = statistics.median(every)
    seconds, calls, functions = attribute(stats)
    per_run = {b: s / profiled for b, s in seconds.items()}
    profiled_total = sum(per_run.values())
    estimate = unprofiled(per_run, {b: c / profiled for b, c in calls.items()}, cpu)
    gc_s = sum(v[2] for f, v in stats.items() if f[0] == "~" and f[2] == "<built-in method gc.collect>")
    top = {
        b: [[name, round(s / profiled, 4)] for name, s in sorted(f.items(), key=lambda kv: -kv[1])[:5]]
        for b, f in functions.items()
        if f
    }
    return {
        "runs": len(every),
        "first_run_cpu_s": round(first, 4),
        "cpu_s_per_run": round(cpu, 4),
        **{f"cpu_s_{name}": round(statistics.median(samples), 4) for name, samples in runs.items() if samples},
        "cpu_s_min": round(min(every), 4),
        "cpu_s_max": round(max(every), 4),
        "buckets_s": {b: round(estimate[b], 4) for b in BUCKETS},
        "buckets_share": {b: round(estimate[b] / cpu, 3) if cpu else 0.0 for b in BUCKETS},
        "post_run_gc_s": round(gc_s / profiled, 4),
        "profiled_runs": profiled,
        "profiled_cpu_s_per_run": round(profiled_total, 4),
        "profiled_buckets_s": {b: round(per_run[b], 4) for b in BUCKETS},
        "calls_per_run": round(sum(calls.values()) / profiled),
        "profile_overhead": round(profiled_total / cpu, 2) if cpu > 0 else None,
        "profile_coverage": round(profiled_total * profiled / window_s, 3) if window_s > 0 else None,
        "top_functions_s": top,
    }


def run(pages: tuple[str, ...] = PAGES, repeat: int = 5, district: str | None = None, db: str | None = None) -> dict:
    district = district or district_codes()[0]
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="dxmap-page-profile-") as tmp:
        server = Server(Path(tmp), db)
        try:
            figures = {"/" + page: asyncio.run(measure_page(server, page, repeat, district)) for page in pages}
        finally:
            server.stop()
    mean = statistics.fmean(f["cpu_s_per_run"] for f in figures.values())
    mix_buckets = {b: round(statistics.fmean(f["buckets_s"][b] for f in figures.values()), 4) for b in BUCKETS}
    return {
        "pages": figures,
        "mix": {
            "pages": ["/" + p for p in pages],
            "cpu_s_per_run_mean": round(mean, 4),
            "target_s": TARGET_CPU_S,
            "ratio_to_target": round(mean / TARGET_CPU_S, 2),
            "buckets_s": mix_buckets,
        },
        "repeat": repeat,
        "district": district,
        "source": "DATABASE_URL" if db else "demo package",
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
        "cpus": os.cpu_count(),
        "targets": [target("page_run_cpu_s (five-page mix)", round(mean, 4), TARGET_CPU_S, "s", REFERENCE_CPU_S)],
    }


def bench(scale: str) -> dict | None:
    """The demo province's five-page mix (the national scale has no served demo)."""
    return run() if scale == "province" else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", default=",".join(p or "/" for p in PAGES), help="pages, comma-separated")
    parser.add_argument("--repeat", type=int, default=5, help="runs per page without a filter, and with one")
    parser.add_argument("--district", help="the district of the filtered runs (default: the demo's first)")
    parser.add_argument("--db", help="serve this store (DATABASE_URL) instead of the demo package")
    parser.add_argument("--serve", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.serve:
        serve(args.serve, args.port, args.db)
        return 0
    pages = tuple("" if p.strip() in ("/", "overview", "") else p.strip().strip("/") for p in args.pages.split(","))
    print(json.dumps(run(pages, args.repeat, args.district, args.db), ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
