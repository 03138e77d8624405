"""Crash safety: a real `cli.py import` killed (SIGKILL) in the middle of its write leaves the previous version.

The import is stopped at a known point, not raced: the test hook of core/storage/store.py (DXMAP_TEST_PAUSE_FILE) makes
the commit write its point's name to a file and wait there, inside its write transaction with the new rows sent.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd

from core.storage import store

ROOT = Path(__file__).resolve().parents[2]


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
        assert time.monotonic() < deadline, "the import never reached the pause point"
        time.sleep(0.02)
    return pause.read_text(encoding="utf-8")


def test_import_killed_mid_write_leaves_the_previous_version(store_url, demo_dataset, tmp_path):
    store.commit(demo_dataset, who="first", url=store_url)
    report = earlier_report(demo_dataset, tmp_path / "bao_cao.csv")
    pause = tmp_path / "paused"
    proc = subprocess.Popen(
        [sys.executable, "cli.py", "import", str(report), "--db", store_url],
        cwd=ROOT,
        env={**os.environ, store.PAUSE_FILE_VAR: str(pause)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        assert wait_until_paused(proc, pause) == store.PAUSE_ROWS_WRITTEN
        assert write_lock_taken(store_url)  # stopped inside the write transaction
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(30)
    assert proc.returncode == -signal.SIGKILL
    store.engine.cache_clear()
    assert store.current_version_id(store_url) == 1
    after = store.load_dataset(url=store_url)
    pd.testing.assert_frame_equal(after.activities, demo_dataset.activities)
    with store.engine(store_url).connect() as conn:  # no stray rows of the killed version
        rows = conn.execute(
            store.DATA_TABLES["activities"].select().where(store.DATA_TABLES["activities"].c.version_id > 1)
        ).first()
    assert rows is None
    assert store.commit(demo_dataset, who="next", url=store_url) == 2  # the lock died with the process
