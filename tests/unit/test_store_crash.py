"""Crash safety: a real `cli.py import` killed (SIGKILL) in the middle of its write leaves the previous version.

The import is stopped at a known point, not raced (tests/paused_import.py): inside its write transaction with the
new rows sent.
"""

from __future__ import annotations

import signal

import pandas as pd

from core.storage import store
from tests.paused_import import earlier_report, import_paused_mid_write


def test_import_killed_mid_write_leaves_the_previous_version(store_url, demo_dataset, tmp_path):
    store.commit(demo_dataset, who="first", url=store_url)
    report = earlier_report(demo_dataset, tmp_path / "bao_cao.csv")
    with import_paused_mid_write(store_url, report, tmp_path / "paused") as proc:
        pass  # killed on leaving the block, inside its write transaction
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
