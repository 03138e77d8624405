"""Backups: `cli.py backup` copies the store while another process is inside a commit, `cli.py restore-backup`
puts it into an empty store with the same figures and history, on SQLite and PostgreSQL (and from a SQLite file
into PostgreSQL); a wrong, damaged or mismatched file and a non-empty store are refused with one clear line and
nothing changed."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from cli.main import main
from core.storage import backup, migrations, store
from tests.paused_import import ROOT, earlier_report, import_paused_mid_write, write_lock_taken


def cli(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def figures(capsys, url: str) -> dict:
    code, out, err = cli(capsys, "summary", "--json", "--db", url)
    assert code == 0, err
    return json.loads(out)


def history(url: str) -> list[tuple]:
    """The versions history as the Data page shows it, and the schema upgrades recorded."""
    rows = [
        (v.id, v.created_at, v.who, v.note, v.files, dict(v.row_counts), v.restored_from, v.as_of)
        for v in store.list_versions(url)
    ]
    with store.engine(url).connect() as conn:
        schema = [(v, note) for v, _at, note in migrations.history(conn)]
    return [*rows, ("schema", schema)]


def row_totals(url: str) -> dict[str, int]:
    """Rows of every stored table (an unfinished commit's rows would show here)."""
    with store.engine(url).connect() as conn:
        return {t: conn.execute(text(f'SELECT COUNT(*) FROM "{t}"')).scalar() for t in store.STORED_TABLES}


def other_store(kind: str, tmp_path: Path, request, name: str = "other") -> str:
    if kind == "sqlite":
        return f"sqlite:///{tmp_path / f'{name}.sqlite'}"
    return request.getfixturevalue("postgres_server").new_database()


def kind_of(url: str) -> str:
    return "sqlite" if url.startswith("sqlite") else "postgresql"


@pytest.fixture
def two_versions(store_url, demo_dataset, store_copies, request):
    """A store with the demo, then a version with fewer activities that shares the other tables' rows (made once
    per session and backend; each test gets its own copy)."""

    def build(url: str) -> None:
        store.commit(demo_dataset, who="Lò Văn Minh", note="dữ liệu đầu kỳ", files=["goi.zip"], url=url)
        fewer = replace(demo_dataset, activities=demo_dataset.activities.iloc[:500].reset_index(drop=True))
        unchanged = {"villages", "teams", "team_villages", "targets", "boundaries"}
        store.commit(fewer, who="Quàng Thị Hoa", files=["bao_cao.xlsx"], base_version=1, unchanged=unchanged, url=url)

    server = request.getfixturevalue("postgres_server") if kind_of(store_url) == "postgresql" else None
    return store_copies("two_versions", store_url, build, server)


def test_a_backup_restored_into_an_empty_store_gives_the_same_figures_and_history(
    two_versions, tmp_path, request, capsys
):
    url = two_versions
    out = tmp_path / "dxmap.bak"
    code, said, err = cli(capsys, "backup", "-o", str(out), "--db", url)
    assert code == 0, err
    assert str(out) in said and "2 phiên bản" in said
    assert backup.file_kind(out) == ("sqlite" if kind_of(url) == "sqlite" else "pgdump")

    empty = other_store(kind_of(url), tmp_path, request)
    code, said, err = cli(capsys, "restore-backup", str(out), "--db", empty)
    assert code == 0, err
    assert "phiên bản hiện tại 2" in said
    assert figures(capsys, empty) == figures(capsys, url)
    assert history(empty) == history(url)
    assert row_totals(empty) == row_totals(url)
    # the restored store takes the next import as usual
    assert store.restore(1, who="kiểm tra", url=empty) == 3


def test_a_store_with_versions_is_replaced_only_when_asked(two_versions, demo_dataset, tmp_path, request, capsys):
    url = two_versions
    out = tmp_path / "dxmap.bak"
    assert cli(capsys, "backup", "-o", str(out), "--db", url)[0] == 0
    target = other_store(kind_of(url), tmp_path, request)
    store.commit(demo_dataset, who="kho khác", url=target)
    store.restore(1, url=target)
    store.restore(1, url=target)
    before = history(target)

    code, said, err = cli(capsys, "restore-backup", str(out), "--db", target)
    assert code == 1 and said == ""
    assert "đang có 3 phiên bản" in err and "--replace" in err and "Traceback" not in err
    assert history(target) == before

    code, said, err = cli(
        capsys, "--lang", "en", "restore-backup", str(out), "--db", target, "--replace", "--who", "Lan"
    )
    assert code == 0, err
    assert "current version 4" in said
    # the replaced store had reached version 3: the restored data comes back as version 4, so a running app that
    # cached the old store's version 2 or 3 reads it afresh
    marker, *restored = history(target)
    assert restored == history(url)
    assert marker[0] == 4 and marker[2:4] == ("Lan", "Restored from the backup dxmap.bak") and marker[6] == 2
    assert figures(capsys, target) == figures(capsys, url)


def test_a_sqlite_backup_moves_the_store_to_postgresql(demo_dataset, tmp_path, postgres_server, capsys):
    """A province that ran on the file moves to a server: same figures, same history, PostGIS boundaries."""
    file_store = f"sqlite:///{tmp_path / 'store.sqlite'}"
    store.commit(demo_dataset, who="Lò Văn Minh", url=file_store)
    store.restore(1, who="Quàng Thị Hoa", url=file_store)
    out = tmp_path / "store-backup.sqlite"
    assert cli(capsys, "backup", "-o", str(out), "--db", file_store)[0] == 0
    server = postgres_server.new_database()
    code, _said, err = cli(capsys, "restore-backup", str(out), "--db", server)
    assert code == 0, err
    assert figures(capsys, server) == figures(capsys, file_store)
    assert history(server) == history(file_store)
    with store.engine(server).connect() as conn:
        assert conn.execute(text("SELECT DISTINCT ST_SRID(geometry) FROM boundaries")).scalars().all() == [4326]
    again = store.load_dataset(url=server).boundaries
    assert again.geometry.geom_equals_exact(demo_dataset.boundaries.geometry, 0).all()


def test_wrong_and_damaged_files_are_refused_with_one_clear_line(two_versions, tmp_path, request, capsys):
    url = two_versions
    good = tmp_path / "good.bak"
    assert cli(capsys, "backup", "-o", str(good), "--db", url)[0] == 0
    target = other_store(kind_of(url), tmp_path, request)

    junk = tmp_path / "ghi chú.txt"
    junk.write_text("không phải bản sao lưu", encoding="utf-8")
    cut = tmp_path / "cut.bak"
    cut.write_bytes(good.read_bytes()[: len(good.read_bytes()) // 2])
    foreign = tmp_path / "khac.sqlite"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE ghi_chu (x TEXT)")
    cases = {
        tmp_path / "missing.bak": "Không tìm thấy tệp sao lưu missing.bak",
        junk: "không phải bản sao lưu của dxmap",
        cut: "bị hỏng hoặc không đầy đủ",
        foreign: "không phải kho dữ liệu dxmap",
    }
    if kind_of(url) == "sqlite":  # a SQLite store cannot take a pg_dump archive
        dump = tmp_path / "server.pgdump"
        dump.write_bytes(b"PGDMP" + b"\x00" * 64)
        cases[dump] = "chỉ khôi phục được vào kho PostgreSQL"
    for path, message in cases.items():
        code, said, err = cli(capsys, "restore-backup", str(path), "--db", target)
        assert code == 1, path
        assert message in err, (path, err)
        assert "Traceback" not in err and said == ""
        assert not store.has_data(target), path  # nothing was written


def test_a_backup_taken_while_another_process_commits_is_consistent(two_versions, demo_dataset, tmp_path, request):
    """The import stops inside its write transaction with its rows sent; the backup taken then holds exactly
    the two committed versions (no row of the third), and one taken after the commit holds three."""
    url = two_versions
    before_rows, before_history = row_totals(url), history(url)
    report = earlier_report(demo_dataset, tmp_path / "bao_cao.csv")
    pause = tmp_path / "paused"
    with import_paused_mid_write(url, report, pause) as proc:
        during = tmp_path / "during.bak"
        info = backup.backup(during, url)  # does not wait for the writer
        assert (info.versions, info.current) == (2, 2)  # what the file holds
        assert write_lock_taken(url)  # the import is still inside its transaction
        pause.unlink()
        assert proc.wait(timeout=120) == 0, proc.stderr.read()
    assert store.current_version_id(url) == 3

    restored = other_store(kind_of(url), tmp_path, request, "during")
    backup.restore(during, restored)
    assert history(restored) == before_history
    assert row_totals(restored) == before_rows

    after = tmp_path / "after.bak"
    backup.backup(after, url)
    restored_after = other_store(kind_of(url), tmp_path, request, "after")
    backup.restore(after, restored_after)
    assert history(restored_after) == history(url)


def test_dated_backups_keep_the_newest(demo_store, tmp_path, monkeypatch):
    store_url = demo_store  # the demo as version 1
    folder = tmp_path / "backups"
    folder.mkdir()
    keep_me = folder / "ghi-chu.txt"
    keep_me.write_text("x", encoding="utf-8")
    for stamp in ("20240101-010000", "20240102-010000", "20240103-010000"):
        (folder / f"dxmap-{stamp}.sqlite").write_bytes(b"old")
    info = backup.nightly(folder, keep=2, url=store_url)
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["dxmap-20240103-010000.sqlite", info.path.name, "ghi-chu.txt"]
    assert info.path.suffix == (".sqlite" if kind_of(store_url) == "sqlite" else ".pgdump")
    assert backup.inspect_file(info.path).kind == backup.file_kind(info.path)


def test_a_backup_that_cannot_be_written_says_so(tmp_path, demo_dataset, capsys):
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    store.commit(demo_dataset, url=url)
    not_a_folder = tmp_path / "ghi-chu.txt"
    not_a_folder.write_text("x", encoding="utf-8")
    code, said, err = cli(capsys, "backup", "-o", str(not_a_folder / "dxmap.bak"), "--db", url)
    assert code == 1 and said == "" and "Không ghi được tệp sao lưu" in err and "Traceback" not in err
    code, said, err = cli(capsys, "backup", "-o", str(tmp_path / "store.sqlite"), "--db", url)
    assert code == 1 and "trùng với chính kho dữ liệu" in err
    assert store.current_version_id(url) == 1


def test_an_empty_store_has_nothing_to_back_up(tmp_path, capsys):
    code, said, err = cli(
        capsys, "backup", "-o", str(tmp_path / "x.bak"), "--db", f"sqlite:///{tmp_path / 'no.sqlite'}"
    )
    assert code == 1 and "không có gì để sao lưu" in err and "Traceback" not in err
    assert not (tmp_path / "x.bak").exists()


def test_the_backup_command_runs_as_a_separate_process(tmp_path, demo_dataset):
    """What the nightly timer runs: the real command line, its exit code and its one line."""
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    store.commit(demo_dataset, url=url)
    done = subprocess.run(
        [sys.executable, "cli.py", "backup", "--dir", str(tmp_path / "bk"), "--db", url],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    (made,) = (tmp_path / "bk").iterdir()
    assert made.name in done.stdout
    engine = create_engine(f"sqlite:///{made}")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT COUNT(*) FROM versions")).scalar() == 1
    engine.dispose()


def test_the_nightly_time_is_the_next_one_after_now():
    from datetime import datetime

    assert backup.next_run(datetime(2026, 3, 1, 1, 0), "02:30") == datetime(2026, 3, 1, 2, 30)
    assert backup.next_run(datetime(2026, 3, 1, 2, 30), "02:30") == datetime(2026, 3, 2, 2, 30)
    assert backup.next_run(datetime(2026, 12, 31, 23, 0), "00:15") == datetime(2027, 1, 1, 0, 15)
    with pytest.raises(ValueError):
        backup.next_run(datetime(2026, 3, 1), "25:00")


def test_the_deploy_examples_run_a_command_the_parser_takes():
    """The systemd unit's and the cron line's command is one `cli.py` accepts (the timer runs it unattended)."""
    import re
    import shlex

    from cli.main import build_parser

    unit = (ROOT / "deploy/backup/dxmap-backup.service").read_text(encoding="utf-8")
    cron = (ROOT / "deploy/backup/crontab").read_text(encoding="utf-8")
    timer = (ROOT / "deploy/backup/dxmap-backup.timer").read_text(encoding="utf-8")
    assert "Unit=" not in timer and "OnCalendar=*-*-* 02:30:00" in timer  # the timer starts the same-named unit
    (exec_start,) = re.findall(r"^ExecStart=(.+)$", unit, flags=re.M)
    (cron_line,) = [ln for ln in cron.splitlines() if ln and not ln.startswith("#")]
    for command in (exec_start, cron_line.split(";", 1)[1].split(">>")[0]):
        words = shlex.split(command)
        args = build_parser().parse_args(words[words.index("cli.py") + 1 :])
        assert args.func.__name__ == "cmd_backup" and args.dir == "/var/backups/dxmap" and args.keep == 14


def test_a_restore_that_fails_midway_changes_nothing(postgres_server, demo_dataset, tmp_path, capsys):
    """A PostGIS backup restored over a store whose role may not create the extension: psql stops at CREATE
    EXTENSION, after the store's tables were dropped in the same transaction; the store is as it was."""
    from tests.unit.test_store_postgis import plain_role_database

    source = postgres_server.new_database(from_template=True)
    store.commit(demo_dataset, who="máy chủ", url=source)
    out = tmp_path / "postgis.pgdump"
    backup.backup(out, source)
    target = plain_role_database(postgres_server)
    store.commit(demo_dataset, who="kho khác", url=target)
    store.restore(1, url=target)
    before, rows = history(target), row_totals(target)
    code, said, err = cli(capsys, "restore-backup", str(out), "--db", target, "--replace")
    assert code == 1 and said == ""
    assert err.startswith("psql không thành công (") and "Không có gì bị thay đổi" in err
    assert "/tmp/" not in err and "Traceback" not in err
    assert history(target) == before and row_totals(target) == rows


def test_a_store_that_took_a_version_after_it_was_found_empty_is_not_replaced(
    postgres_server, demo_dataset, tmp_path, monkeypatch
):
    """The check made before the restore is made again under the write lock, inside the restore's transaction:
    here the first check is skipped, as if an import had committed right after it."""
    source = postgres_server.new_database(from_template=True)
    store.commit(demo_dataset, url=source)
    out = tmp_path / "dxmap.pgdump"
    backup.backup(out, source)
    target = postgres_server.new_database(from_template=True)
    store.commit(demo_dataset, who="kho khác", url=target)
    before = history(target)
    monkeypatch.setattr(backup, "_refuse_non_empty", lambda _url, _replace: None)
    with pytest.raises(backup.BackupError) as caught:
        backup.restore(out, target)
    assert caught.value.code == "backup_target_not_empty"
    assert history(target) == before


def test_the_pg_tools_fit_the_server_version():
    """pg_dump refuses a server newer than itself: the tool chosen is at least the server's major version, and a
    server newer than every installed one names the Debian package to install."""
    import glob

    from core.i18n import t

    if not glob.glob("/usr/lib/postgresql/*/bin/pg_dump"):
        pytest.skip("PostgreSQL client tools are not installed")
    found = backup._pg_tool("pg_dump", 10)
    assert found.name == "pg_dump" and backup._tool_major(found) >= 10
    with pytest.raises(backup.BackupError) as caught:
        backup._pg_tool("pg_dump", 99)
    assert caught.value.code == "backup_tool_missing"
    assert "postgresql-client-99" in t(caught.value.code, "vi", **caught.value.params)
