"""Crash safety: a real `cli.py import` killed (SIGKILL) in the middle of its write leaves the previous version."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd

from core import store
from tests.pg import postgres_server, store_url  # noqa: F401 - fixtures

ROOT = Path(__file__).resolve().parents[2]
COPIES = 2  # ≈ 19,000 new activity rows: the write takes long enough to be caught in the act


def big_report(demo_dataset, path: Path) -> Path:
    """The demo's activities again, COPIES times, each copy some years earlier (so none is a duplicate)."""
    frames = []
    for k in range(1, COPIES + 1):
        copy = demo_dataset.activities.copy()
        copy["date"] = copy["date"] - pd.DateOffset(years=3 * k)
        frames.append(copy)
    big = pd.concat(frames, ignore_index=True)
    big["date"] = big["date"].dt.strftime("%d/%m/%Y")
    big.to_csv(path, index=False)
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


def test_import_killed_mid_write_leaves_the_previous_version(store_url, demo_dataset, tmp_path):
    store.commit(demo_dataset, who="first", url=store_url)
    report = big_report(demo_dataset, tmp_path / "bao_cao_lon.csv")
    proc = subprocess.Popen([sys.executable, "cli.py", "import", str(report), "--db", store_url], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    deadline, killed = time.monotonic() + 60, False
    while time.monotonic() < deadline and proc.poll() is None:
        if write_lock_taken(store_url):
            time.sleep(0.2)  # well inside the write: some rows are already sent
            os.kill(proc.pid, signal.SIGKILL)
            killed = True
            break
        time.sleep(0.005)
    proc.wait(10)
    assert killed, f"the import finished before it could be killed: {proc.stderr.read()!r}"
    assert proc.returncode == -signal.SIGKILL
    store.engine.cache_clear()
    assert store.current_version_id(store_url) == 1
    after = store.load_dataset(url=store_url)
    pd.testing.assert_frame_equal(after.activities, demo_dataset.activities)
    with store.engine(store_url).connect() as conn:  # no stray rows of the killed version
        rows = conn.execute(store.DATA_TABLES["activities"].select().where(
            store.DATA_TABLES["activities"].c.version_id > 1)).first()
    assert rows is None
    assert store.commit(demo_dataset, who="next", url=store_url) == 2  # the lock died with the process
