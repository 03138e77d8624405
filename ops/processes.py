"""Child processes of the launchers: started in a session of their own, stopped in order, killed by the kernel
when the launcher dies (even by kill -9); free ports and the app's health check."""

from __future__ import annotations

import ctypes
import pwd
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Mapping, Sequence
from pathlib import Path

from core.config import ROOT


def log(message: str) -> None:
    print(f"[dxmap serve {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


_PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    """In the child: receive SIGTERM when the launcher dies, even by kill -9 (no orphans)."""
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    except OSError:
        pass


def spawn(
    command: Sequence[str],
    *,
    env: Mapping[str, str] | None = None,
    user: str | None = None,
    log_file: Path | None = None,
) -> subprocess.Popen:
    out = open(log_file, "ab") if log_file else None  # noqa: SIM115 - the child owns it
    try:
        return subprocess.Popen(
            list(command),
            cwd=ROOT,
            env=dict(env) if env is not None else None,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT if out else None,
            start_new_session=True,  # Ctrl+C reaches the launcher only, which stops the children in order
            preexec_fn=die_with_parent,  # noqa: PLW1509 - no threads run in the launcher when it spawns
            user=user,
            group=pwd.getpwnam(user).pw_gid if user else None,
            extra_groups=[] if user else None,
        )
    finally:
        if out:
            out.close()


def stop(process: subprocess.Popen | None, sig: int = signal.SIGTERM, timeout: float = 15.0) -> None:
    if process is None or process.poll() is not None:
        return
    try:
        process.send_signal(sig)
        process.wait(timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(5)


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def port_free(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError:
            return False
    return True


def healthy(port: int, timeout: float = 3.0, host: str = "127.0.0.1") -> bool:
    """True when the app on `host`:`port` answers its health check."""
    return address_healthy(f"[{host}]:{port}" if ":" in host else f"{host}:{port}", timeout)


def address_healthy(address: str, timeout: float = 3.0) -> bool:
    """True when the app at `address` (`HOST:PORT`) answers its health check."""
    try:
        with urllib.request.urlopen(f"http://{address}/_stcore/health", timeout=timeout) as answer:
            return answer.read() == b"ok"
    except OSError:
        return False
