"""`python cli.py serve`: run the app with a write token printed in its link and no file watcher."""

from __future__ import annotations

import argparse


def add_serve_parser(subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser("serve", help="serve the app; prints the link with this start's write token")
    parser.add_argument("--port", type=int, default=8501, help="port on localhost (default 8501)")
    parser.add_argument("--dev", action="store_true", help="keep Streamlit's file watcher (reload on save)")
    parser.add_argument("--lang", choices=["vi", "en"], default=argparse.SUPPRESS)
    parser.set_defaults(func=cmd_serve)
    return parser


def cmd_serve(args: argparse.Namespace) -> int:
    from core.serving import serve

    return serve(args.port, args.dev, args.lang)
