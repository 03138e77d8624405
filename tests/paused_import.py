"""A real `cli.py import` in its own process, stopped inside its write transaction with its rows sent.

The import is stopped at a known point, not raced: the test hook of core/storage/store.py (DXMAP_TEST_PAUSE_FILE)
makes the commit write its point's name to a file and wait there until the file is removed. Used by the crash
test (the import is killed there) and the backup test (a backup is taken there).
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import pytest

from core.storage import store

ROOT = Path(__file__).resolve().parents[1]


def earlier_report(demo_dataset, path: Path) -> Path:
    """The demo's activities again, three years earlier (so none is a duplicate): every row is new."""
    report = demo_dataset.activities.copy()
    report["date"] = (report["date"] - pd.DateOffset(years=3)).dt.strftime("%d/%m/%Y")
    report.to_csv(path, index=False)
    return path


def write_lock_taken(url: str) -> bool:
    """True while another process holds the store's write lock (the import is inside its transaction)."""
    if url.startswith("sqlite"):
        conn = sqlite3.connect(store.sqlite_path(url), timeout=0)
        try:
            conn.isolation_level = None
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("ROLLBACK")
            return False
        except sqlite3.OperationalError:
            return True
        finally:
            conn.close()
    import psycopg

    with psycopg.connect(url.replace("postgresql+psycopg", "postgresql"), autocommit=True) as conn:
        got = conn.execute("SELECT pg_try_advisory_lock(%s)", (store.LOCK_KEY,)).fetchone()[0]
        if got:
            conn.execute("SELECT pg_advisory_unlock(%s)", (store.LOCK_KEY,))
        return not got


def wait_until_paused(proc: subprocess.Popen, pause: Path) -> str:
    """The point the import stopped at; fails at once if the import ended without reaching it."""
    deadline = time.monotonic() + 120  # only a bound on waiting: the import reaches the point or ends
    while not pause.exists():
        assert proc.poll() is None, f"the import ended before the pause point: {proc.stderr.read()!r}"
        if time.monotonic() > deadline:
            pytest.fail("the import never reached the pause point")
        time.sleep(0.02)
    return pause.read_text(encoding="utf-8")


@contextmanager
def import_paused_mid_write(url: str, report: Path, pause: Path) -> Iterator[subprocess.Popen]:
    """`cli.py import report --db url`, held at the commit's pause point (rows sent, version not recorded, the
    write lock taken) for the block; removing `pause` lets it go on. Killed on leaving the block if still running."""
    proc = subprocess.Popen(
        [sys.executable, "cli.py", "import", str(report), "--db", url],
        cwd=ROOT,
        env={**os.environ, store.PAUSE_FILE_VAR: str(pause)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        assert wait_until_paused(proc, pause) == store.PAUSE_ROWS_WRITTEN
        assert write_lock_taken(url)  # stopped inside the write transaction
        yield proc
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(30)
