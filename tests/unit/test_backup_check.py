"""`restore-backup --check` of a SQLite backup: the backup is copied into a scratch file and its tables compared
with the row counts and checksums it recorded when it was taken, so a row changed or lost in the file since is
reported (and such a file is not restored), not only a file SQLite cannot read."""

from __future__ import annotations

import json
import sqlite3

from cli.main import main
from core.storage import store


def _cli(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["--lang", "en", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def _backed_up(tmp_path, demo_dataset, capsys):
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    store.commit(demo_dataset, who="Lò Văn Minh", url=url)
    backup = tmp_path / "province.sqlite"
    code, _out, err = _cli(capsys, "backup", "-o", str(backup), "--db", url)
    assert code == 0, err
    return url, backup


def _edit(path, sql: str) -> None:
    """Change the backup file itself, leaving it a sound SQLite database."""
    conn = sqlite3.connect(path)
    conn.execute(sql)
    conn.commit()
    conn.close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    conn.close()


def test_check_of_a_sqlite_backup_matches_its_recorded_rows(tmp_path, demo_dataset, capsys):
    _url, backup = _backed_up(tmp_path, demo_dataset, capsys)
    code, out, err = _cli(capsys, "restore-backup", str(backup), "--check")
    assert code == 0, err
    assert "readable SQLite backup" in out and "match those recorded at backup time" in out


def test_check_reports_a_sqlite_backup_with_one_row_changed_and_it_is_not_restored(tmp_path, demo_dataset, capsys):
    url, backup = _backed_up(tmp_path, demo_dataset, capsys)
    _edit(backup, "UPDATE villages SET population = population + 1 WHERE rowid = (SELECT min(rowid) FROM villages)")
    code, _out, err = _cli(capsys, "restore-backup", str(backup), "--check")
    assert code == 1 and "Traceback" not in err
    assert "table villages" in err and "content changed" in err

    other = f"sqlite:///{tmp_path / 'other.sqlite'}"
    code, _out, err = _cli(capsys, "restore-backup", str(backup), "--db", other)
    assert code == 1 and "content changed" in err
    code, out, _err = _cli(capsys, "summary", "--json", "--db", url)
    assert code == 0 and json.loads(out)  # the backed-up store itself is as it was


def test_check_reports_a_sqlite_backup_with_a_truncated_table(tmp_path, demo_dataset, capsys):
    _url, backup = _backed_up(tmp_path, demo_dataset, capsys)
    activities = len(demo_dataset.activities)
    _edit(backup, "DELETE FROM activities WHERE rowid IN (SELECT rowid FROM activities LIMIT 100)")
    code, _out, err = _cli(capsys, "restore-backup", str(backup), "--check")
    assert code == 1 and "Traceback" not in err
    assert f"table activities restores {activities - 100} rows, {activities} were recorded" in err
