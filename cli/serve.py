"""`serve`: run the app with a write token printed in its link and no file watcher."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping
from pathlib import Path

from cli.common import LANG, SOURCE
from core.i18n import t
from core.settings import BY_NAME, setting


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "serve", parents=[SOURCE], help="serve the app; prints the link with this start's write token"
    )
    parser.add_argument("--port", type=int, default=8501, help="port on localhost (default 8501)")
    parser.add_argument("--dev", action="store_true", help="keep Streamlit's file watcher (reload on save)")
    parser.set_defaults(func=cmd_serve)

    province = sub.add_parser(
        "serve-province",
        parents=[LANG],  # the data: DATABASE_URL (else its own PostgreSQL) and DXMAP_PACKAGE, as for the app
        help="PostgreSQL/PostGIS, DXMAP_REPLICAS app processes and nginx on PORT (what `make serve` runs)",
    )
    province.add_argument(
        "--replicas",
        type=int,
        default=setting("replicas"),
        help=f"app processes on this server (default: DXMAP_REPLICAS, else {BY_NAME['replicas'].default_text})",
    )
    province.add_argument(
        "--port",
        type=int,
        default=setting("port"),
        help=f"nginx's port (default: PORT, else {BY_NAME['port'].default_text})",
    )
    province.add_argument("--host", default="0.0.0.0", help="address nginx listens on (default: all)")
    province.add_argument("--state", type=Path, help="folder for the database, logs and nginx files (default var/)")
    province.add_argument(
        "--tls-cert",
        type=Path,
        default=setting("tls_cert"),
        help="certificate (full chain): HTTPS on PORT (default: DXMAP_TLS_CERT)",
    )
    province.add_argument(
        "--tls-key", type=Path, default=setting("tls_key"), help="its private key (default: DXMAP_TLS_KEY)"
    )
    province.add_argument("--access-log", action="store_true", help="keep nginx's access log in the state folder")
    province.add_argument(
        "--app-host",
        default=setting("app_host"),
        help="address the app processes listen on (default: DXMAP_APP_HOST, else 127.0.0.1)",
    )
    province.add_argument(
        "--app-port",
        type=int,
        default=setting("app_port"),
        help="the first app process's port, then one more each (default: DXMAP_APP_PORT, else free ports)",
    )
    province.add_argument(
        "--upstream",
        action="append",
        metavar="ADDRESS:PORT",
        help="an app process on another server that nginx also sends sessions to; repeat it for each "
        "(default: DXMAP_UPSTREAMS, comma-separated)",
    )
    province.add_argument(
        "--apps-only",
        action="store_true",
        help="only the app processes, for another server's nginx: no nginx, no PostgreSQL (needs DATABASE_URL)",
    )
    province.set_defaults(func=cmd_serve_province)


def upstreams(args: argparse.Namespace, environ: Mapping[str, str]) -> tuple[str, ...] | None:
    """The other servers' app processes: `--upstream` options, else DXMAP_UPSTREAMS; None when one of them is
    not an `ADDRESS:PORT` (a server left out silently would take no sessions, unnoticed)."""
    spec = BY_NAME["upstreams"]
    given = ",".join(args.upstream) if args.upstream else environ.get(spec.env, "")
    try:
        return spec.parse(given)
    except ValueError:
        return None


def source_environment(args: argparse.Namespace, environ: Mapping[str, str]) -> dict[str, str]:
    """The environment the app starts with: `--package`/`--db` become its DXMAP_PACKAGE/DATABASE_URL.

    As for every command, an option given wins over the environment: `--db` alone drops an inherited
    DXMAP_PACKAGE (which would otherwise win over the store in the app)."""
    env = dict(environ)
    package_var, url_var = BY_NAME["package"].env, BY_NAME["database_url"].env
    if args.db:
        env[url_var] = args.db
        env.pop(package_var, None)
    if args.package:  # absolute: the app runs from the project folder, not from where the command was typed
        env[package_var] = str(Path(args.package).resolve())
    return env


def cmd_serve(args: argparse.Namespace) -> int:
    from ops.serve import serve
    from services import demo_history

    environ = source_environment(args, os.environ)
    demo = demo_history.serve_store(environ, args.lang) if not (args.package or args.db) else None
    if demo:  # nothing to read but the demo: serve the demo with its history (see services.demo_history)
        environ[BY_NAME["database_url"].env] = demo
    for dropped in set(os.environ) - set(environ):
        del os.environ[dropped]
    os.environ.update(environ)  # serve() starts the app with this process's environment
    return serve(args.port, args.dev, args.lang)


def cmd_serve_province(args: argparse.Namespace) -> int:
    from ops.supervisor import DEFAULT_STATE, Cluster

    environ = dict(os.environ)
    others = upstreams(args, environ)
    if others is None:
        print(t("cluster_bad_upstreams", args.lang), file=sys.stderr)
        return 2
    cluster = Cluster(
        replicas=max(1, args.replicas),
        port=args.port,
        host=args.host,
        state=(args.state or DEFAULT_STATE).resolve(),
        environ=environ,
        lang=args.lang,
        access_log=args.access_log,
        tls=(args.tls_cert.resolve(), args.tls_key.resolve()) if args.tls_cert and args.tls_key else None,
        app_host=args.app_host,
        app_port=args.app_port,
        upstreams=others,
        apps_only=args.apps_only,
    )
    return cluster.run()
