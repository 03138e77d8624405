"""The `cli.py` parser: one sub-command module per group, sharing the parents of `cli.common`."""

from __future__ import annotations

import argparse
import sys

from cli import backup, bench, data, export, followup, form, imports, plan, serve, users
from cli.common import LANGS
from core.i18n import t
from services.storage import StoreError

_GROUPS = (data, plan, followup, bench, export, form, imports, backup, serve, users)  # in the order `--help` lists them


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cli.py", description="dxmap: where to send DX volunteers next")
    parser.add_argument("--lang", choices=LANGS, default="vi", help="language of messages (vi, en)")
    sub = parser.add_subparsers(dest="command", required=True)
    for group in _GROUPS:
        group.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except StoreError as exc:  # the store is down, damaged or read-only: one clear line, no traceback
        print(t(exc.code, getattr(args, "lang", None) or "vi", **exc.params), file=sys.stderr)
        return 1
