"""`bench`: performance figures as JSON, never pass/fail."""

from __future__ import annotations

import argparse
import json

from cli.common import LANG


def register(sub: argparse._SubParsersAction) -> None:
    bench = sub.add_parser("bench", parents=[LANG], help="print performance figures as JSON")
    bench.add_argument("--scale", choices=["province", "national"], default="province")
    bench.set_defaults(func=cmd_bench)


def cmd_bench(args: argparse.Namespace) -> int:
    from bench import map_bench, plan_bench

    figures = {"map": map_bench.run(args.scale)}
    if args.scale == "province":
        figures["plan"] = plan_bench.run()
    print(json.dumps(figures, ensure_ascii=False, indent=2))
    return 0
