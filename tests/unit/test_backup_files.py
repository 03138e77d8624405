"""Backup files are for the store's owner only (mode 0600, whatever the umask), and a dated backup removes the
half-written file a killed backup left in its folder."""

from __future__ import annotations

import os
import stat

from core.storage import backup, store


def _store(tmp_path, demo_dataset) -> str:
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    store.commit(demo_dataset, url=url)
    return url


def test_a_backup_file_is_readable_by_its_owner_only(tmp_path, demo_dataset):
    url = _store(tmp_path, demo_dataset)
    previous = os.umask(0o022)
    try:
        one = backup.backup(tmp_path / "out" / "copy.sqlite", url)
        dated = backup.nightly(tmp_path / "nightly", keep=3, url=url)
    finally:
        os.umask(previous)
    assert stat.S_IMODE(one.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(dated.path.stat().st_mode) == 0o600


def test_a_dated_backup_removes_what_a_killed_backup_left(tmp_path, demo_dataset):
    url = _store(tmp_path, demo_dataset)
    folder = tmp_path / "nightly"
    folder.mkdir()
    left = folder / ".dxmap-20250101-023000.pgdump.partial"
    left.write_bytes(b"PGDMP half a dump")
    other = folder / ".notes.txt.partial"  # not a backup's: left alone
    other.write_text("x")
    info = backup.nightly(folder, keep=3, url=url)
    assert not left.exists() and other.exists()
    assert [p.name for p in folder.iterdir() if p.name.endswith(".partial")] == [other.name]
    assert info.path.exists()
