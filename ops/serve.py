"""Serving the app: a write token for this start (as Jupyter does), printed in the link, and Streamlit run
without the file watcher (with it, every page run waits for a file scan shared by all sessions)."""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
import time
from collections.abc import Mapping

from core.auth import TOKEN_VAR
from core.config import ROOT, setting
from core.i18n import t
from ops.processes import healthy, port_free

HEALTH_TIMEOUT = 120.0  # seconds the first start may take (imports, demo package)


def write_token(environ: Mapping[str, str]) -> str:
    """The operator's fixed DXMAP_WRITE_TOKEN, else a new random URL-safe token (256 bits)."""
    return setting("write_token", environ) or secrets.token_urlsafe(32)


def app_environment(environ: Mapping[str, str], token: str) -> dict[str, str]:
    return {**environ, TOKEN_VAR: token}


def streamlit_command(port: int, dev: bool = False, python: str = sys.executable) -> list[str]:
    """The `streamlit run` command line: `asgi.py` (the app with its server hint); `dev` runs `app.py` itself
    and keeps the file watcher (reload on save) for developers."""
    command = [
        python,
        "-m",
        "streamlit",
        "run",
        str(ROOT / ("app.py" if dev else "asgi.py")),
        "--server.port",
        str(port),
        "--server.headless",
        "true",
    ]
    watcher = ["auto", "true"] if dev else ["none", "false"]
    return command + ["--server.fileWatcherType", watcher[0], "--server.runOnSave", watcher[1]]


def app_url(port: int, token: str) -> str:
    return f"http://localhost:{port}/?token={token}"


def start_line(port: int, token: str, lang: str) -> str:
    """The line printed once the server answers: the link that opens the app with write access."""
    return t("serve_ready", lang, url=app_url(port, token))


def _wait_until_healthy(process: subprocess.Popen, port: int) -> bool:
    deadline = time.monotonic() + HEALTH_TIMEOUT
    while time.monotonic() < deadline and process.poll() is None:
        if healthy(port, timeout=2):
            return True
        time.sleep(0.1)
    return False


def serve(port: int, dev: bool, lang: str) -> int:
    """Run the app until it stops or Ctrl+C; returns Streamlit's exit code."""
    if not port_free(port):
        print(t("serve_port_busy", lang, port=port), file=sys.stderr)
        return 1
    token = write_token(os.environ)
    process = subprocess.Popen(streamlit_command(port, dev), cwd=ROOT, env=app_environment(os.environ, token))
    # a service manager stops the launcher with SIGTERM: stop the server with it rather than orphan it
    signal.signal(signal.SIGTERM, lambda *_: process.terminate())
    try:
        if _wait_until_healthy(process, port) and process.poll() is None:
            print(start_line(port, token, lang), flush=True)
        return process.wait()
    except KeyboardInterrupt:
        process.terminate()
        return process.wait()
