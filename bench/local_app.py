"""This project's Streamlit server on a free localhost port, and Chromium's start-up flags for a machine with no
outside network: what the benches and the browser tests (tests/e2e) both start."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# without the background-networking flags Chromium keeps calling home, and each refused call costs time
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
# offline without Playwright's request routing (which turns the HTTP cache off): no outside name resolves
NO_OUTSIDE_NAMES = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_app(
    env_extra: dict[str, str] | None = None,
    script: str | Path = "asgi.py",
    cwd: Path = ROOT,
    timeout_s: float = 90.0,
    stderr: int = subprocess.DEVNULL,
) -> tuple[subprocess.Popen, str]:
    """`streamlit run script` from `cwd` (so it reads the app's config), file watcher off; (process, its URL)
    once /_stcore/health answers."""
    port = free_port()
    command = [sys.executable, "-m", "streamlit", "run", str(script), "--server.headless", "true"]
    command += ["--server.port", str(port), "--global.developmentMode", "false", "--server.fileWatcherType", "none"]
    proc = subprocess.Popen(
        command,
        cwd=cwd,
        env={**os.environ, **(env_extra or {})},
        stdout=subprocess.DEVNULL,
        stderr=stderr,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=1).read() == b"ok":
                return proc, url
        except OSError:
            time.sleep(0.05)  # a refused connection costs nothing: the wait ends soon after the start
    stop_app(proc)
    raise RuntimeError(f"streamlit did not start for {script} within {timeout_s:.0f} s")


def stop_app(proc: subprocess.Popen) -> None:
    """Stop the server and everything it started (its own process group)."""
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(10)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
