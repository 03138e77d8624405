"""`bench`: performance figures as JSON, never pass/fail.

Every module of `bench/` that has `bench(scale) -> dict | None` is run at each scale asked (None: nothing to
measure at that scale). Modules without it are helpers or stand-alone benches with options of their own
(PostgreSQL's): they are listed under `standalone` with the first line of their description. A module that fails
or is missing does not stop the others: its entry says what went wrong.
A module's dict may hold
`targets`: rows of {figure, unit, measured, target, reference, ratio_to_target, ratio_to_reference, met}
(see `bench.plan_bench.target`); they are gathered at the top of the output, each figure beside its target
and the figure measured before.
"""

from __future__ import annotations

import argparse
import importlib
import json
import pkgutil
import sys
import time
import traceback

from cli.common import LANG

# the order figures are printed in; modules not listed come after, by name
ORDER = ("plan_bench", "map_bench", "map_browser_bench", "pages_bench", "load", "slow_link", "page_profile")
SCALES = ("province", "national")


def register(sub: argparse._SubParsersAction) -> None:
    bench = sub.add_parser("bench", parents=[LANG], help="print performance figures as JSON")
    bench.add_argument("--scale", choices=[*SCALES, "all"], default="province")
    bench.add_argument("--only", help="comma-separated bench modules to run (e.g. plan_bench,map_bench)")
    bench.set_defaults(func=cmd_bench)


def bench_modules() -> list[str]:
    """The modules of `bench/`, in print order."""
    import bench

    names = [m.name for m in pkgutil.iter_modules(bench.__path__) if not m.name.startswith("_")]
    return sorted(names, key=lambda n: (ORDER.index(n) if n in ORDER else len(ORDER), n))


def run_module(name: str, scale: str) -> dict | None:
    """`bench.<name>.bench(scale)`; None when the module has no `bench` (a helper or a stand-alone bench) or
    nothing to measure at this scale; an `error` entry when it cannot be imported or fails."""
    start = time.perf_counter()
    try:
        module = importlib.import_module(f"bench.{name}")
    except Exception as exc:  # noqa: BLE001 - one broken bench module must not hide the others' figures
        return {"error": f"import failed: {type(exc).__name__}: {exc}"}
    run = getattr(module, "bench", None)
    if not callable(run):
        return None
    try:
        figures = run(scale)
    except Exception as exc:  # noqa: BLE001
        traceback.print_exc(file=sys.stderr)
        return {"error": f"{type(exc).__name__}: {exc}", "seconds": round(time.perf_counter() - start, 3)}
    if figures is None:
        return None
    return figures if isinstance(figures, dict) else {"result": figures}


def standalone_modules() -> dict[str, str]:
    """{module: the first line of its description} for bench modules that `make bench` does not run."""
    out = {}
    for name in bench_modules():
        try:
            module = importlib.import_module(f"bench.{name}")
        except Exception:  # noqa: BLE001 - reported by collect() when asked for
            continue
        if not callable(getattr(module, "bench", None)) and callable(getattr(module, "main", None)):
            doc = (module.__doc__ or "").strip().splitlines()
            out[name] = f"{doc[0] if doc else ''} (python -m bench.{name} --help)"
    return out


def collect(scales: list[str], only: set[str] | None = None) -> dict:
    """{scale: {module: figures}} plus `targets`: every module's target rows, with their scale and module."""
    out: dict = {}
    targets = []
    for scale in scales:
        per_scale = {}
        for name in bench_modules():
            if only and name not in only:
                continue
            figures = run_module(name, scale)
            if figures is None:
                continue
            per_scale[name] = figures
            for row in figures.get("targets", []) if isinstance(figures.get("targets"), list) else []:
                targets.append({"scale": scale, "module": name, **row})
        out[scale] = per_scale
    if only:
        for name in sorted(only - set(bench_modules())):
            out.setdefault("missing_modules", []).append(name)
    else:
        out["standalone"] = standalone_modules()
    return {"targets": targets, **out}


def cmd_bench(args: argparse.Namespace) -> int:
    scales = list(SCALES) if args.scale == "all" else [args.scale]
    only = {n.strip() for n in args.only.split(",") if n.strip()} if args.only else None
    print(json.dumps(collect(scales, only), ensure_ascii=False, indent=2, default=str))
    return 0
