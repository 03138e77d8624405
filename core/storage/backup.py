"""Backups of the store: a consistent copy taken while the app may be writing, and its all-or-nothing restore.

Taking one:
- SQLite: the online backup API (`sqlite3.Connection.backup`) copies the whole database in one step, from one
  read snapshot: a commit going on meanwhile is either wholly in the copy or not at all. The copy is a plain
  SQLite file (rollback journal, checked with `PRAGMA quick_check`), renamed into place once complete.
- PostgreSQL: `pg_dump --format=custom` (one repeatable-read snapshot), by the newest installed pg_dump whose
  major version is at least the server's (an older pg_dump refuses a newer server).

The file says what it is: SQLite databases begin with `SQLite format 3\\0`, pg_dump archives with `PGDMP`.
A pg_dump backup ends with a record of every table's row count and checksum, taken in the dumped snapshot
(pg_restore ignores it); `check` restores the archive into a scratch schema and compares.

Restoring one (a store that holds versions is replaced only when asked, `replace=True`):
- SQLite backup into a SQLite store: the backup is checked, upgraded to this code's schema in a temporary copy,
  then copied over the store with the backup API in one write transaction (readers see the old or the new one).
- SQLite backup into a PostgreSQL store (how a province moves from the file to a server): rows are copied
  table by table in one transaction under the store's write lock.
- pg_dump archive into a PostgreSQL store: pg_restore turns it into SQL; psql runs it in a single transaction
  that first takes the store's write lock and drops the store's tables. Then the schema is upgraded if the
  backup is older, and converted to PostGIS when the server has it.
- pg_dump archive into a SQLite store: refused (it needs a PostgreSQL server).
Every failure raises BackupError with a key of core/locale/backup.py; nothing is changed.
"""

from __future__ import annotations

import contextlib
import glob
import hashlib
import json
import os
import re
import secrets
import shutil
import sqlite3
import subprocess
import tempfile
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import Column, MetaData, Table, create_engine, func, insert, inspect, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, SAWarning

from core.storage import engine, migrations, postgis, store, writes

SQLITE_MAGIC = b"SQLite format 3\x00"
PGDUMP_MAGIC = b"PGDMP"
SUFFIX = {"sqlite": ".sqlite", "pgdump": ".pgdump"}
TOOL_SECONDS = 3600  # a dump or restore of a national store takes minutes; a hung server must still end
_CHUNK = 5000

Kind = Literal["sqlite", "pgdump"]


class BackupError(store.StoreError):
    """A backup or restore that could not be done; nothing was changed. `code` is a key of core/locale/backup.py."""


@dataclass(frozen=True)
class BackupInfo:
    """What a backup file holds (or what a restore put in the store)."""

    path: Path
    kind: Kind
    versions: int
    current: int | None
    bytes: int


# --- which kind of file ----------------------------------------------------------------------------------


def file_kind(path: Path) -> Kind:
    """ "sqlite" or "pgdump" from the file's first bytes; BackupError for a missing or unknown file."""
    if not path.is_file():
        raise BackupError("backup_not_found", file=path.name)
    with path.open("rb") as fh:
        head = fh.read(len(SQLITE_MAGIC))
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(PGDUMP_MAGIC):
        return "pgdump"
    raise BackupError("backup_unknown_kind", file=path.name)


def _is_postgresql(url: str) -> bool:
    return store.resolve_url(url).startswith("postgresql")


# --- taking a backup -------------------------------------------------------------------------------------


def backup(out: Path, url: str | None = None) -> BackupInfo:
    """A consistent copy of the store at `url` (default: the app's store) written to `out` (replaced whole)."""
    resolved = store.resolve_url(url)
    try:  # read only: a store written by older code is copied as it is (a restore upgrades it)
        versions = _counts(resolved)[0] if store.exists(resolved) else 0
    except DBAPIError as exc:
        raise store.StoreUnavailable(engine._kind(resolved)) from exc
    if not versions:
        raise BackupError("backup_store_empty", store=store.store_name(resolved))
    out = Path(out)
    partial = out.with_name(f".{out.name}.partial")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        os.close(os.open(partial, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600))
    except OSError as exc:  # a folder that is a file, a read-only disk, a full disk
        raise BackupError("backup_cannot_write", file=str(out)) from exc
    try:
        if _is_postgresql(resolved):
            versions, current = _pg_dump(resolved, partial)
            kind: Kind = "pgdump"
        else:
            source = store.sqlite_path(resolved)
            if source is not None and out.resolve() == source.resolve():
                raise BackupError("backup_same_file", file=out.name)
            versions, current = _sqlite_backup(resolved, partial)
            kind = "sqlite"
        os.chmod(partial, 0o600)  # the store's accounts and data: for the owner only (pg_dump and SQLite make 0644)
        _fsync(partial)
        partial.replace(out)
    finally:
        partial.unlink(missing_ok=True)
    return BackupInfo(out, kind, versions, current, out.stat().st_size)


def _sqlite_backup(url: str, target: Path) -> tuple[int, int | None]:
    """The copy, and its (versions, current version id) read from the copy itself."""
    target.unlink(missing_ok=True)
    source = sqlite3.connect(store.sqlite_path(url), timeout=engine.BUSY_SECONDS)
    try:
        dest = sqlite3.connect(target)
        try:
            source.backup(dest)  # pages=-1: one step, one read snapshot of the source
            dest.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
            _record_sqlite_sums(dest)
            if dest.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise BackupError("backup_corrupt", file=target.name.removeprefix(".").removesuffix(".partial"))
            count, current = dest.execute("SELECT COUNT(*), MAX(id) FROM versions").fetchone()
            return int(count), current
        finally:
            dest.close()
    finally:
        source.close()


_RECORD_TABLE = "dxmap_backup_record"  # inside a SQLite backup: each table's rows and checksum when it was taken


def _sqlite_tables(conn: sqlite3.Connection) -> list[str]:
    rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").fetchall()
    return sorted(name for (name,) in rows if name != _RECORD_TABLE)


def _sqlite_sums(conn: sqlite3.Connection, tables: list[str]) -> dict[str, list]:
    """Each table's row count and the sum of the first 60 bits of each row's MD5 (order-free)."""
    sums = {}
    for table in tables:
        count, total = 0, 0
        quoted = table.replace('"', '""')
        for row in conn.execute(f'SELECT * FROM "{quoted}"'):
            count += 1
            total += int(hashlib.md5(repr(row).encode("utf-8")).hexdigest()[:15], 16)
        sums[table] = [count, str(total)]
    return sums


def _record_sqlite_sums(conn: sqlite3.Connection) -> None:
    sums = _sqlite_sums(conn, _sqlite_tables(conn))
    conn.execute(f"CREATE TABLE {_RECORD_TABLE} (table_name TEXT PRIMARY KEY, row_count INTEGER, checksum TEXT)")
    conn.executemany(f"INSERT INTO {_RECORD_TABLE} VALUES (?, ?, ?)", [(t, n, c) for t, (n, c) in sums.items()])
    conn.commit()


def _compare_sqlite_record(conn: sqlite3.Connection, file: str) -> int | None:
    """Compare the backup's tables with the record it holds, then drop the record (it is no part of the store).
    The number of tables that matched; None for a backup without a record (written by older code)."""
    if _RECORD_TABLE not in {n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}:
        return None
    recorded = {t: [n, c] for t, n, c in conn.execute(f"SELECT table_name, row_count, checksum FROM {_RECORD_TABLE}")}
    found = _sqlite_sums(conn, [t for t in recorded if t in set(_sqlite_tables(conn))])
    _compare(recorded, found, file)
    conn.execute(f"DROP TABLE {_RECORD_TABLE}")
    conn.commit()
    return len(recorded)


def _compare(recorded: dict[str, list], found: dict[str, list], file: str) -> None:
    for table, (rows, total) in sorted(recorded.items()):
        got = found.get(table)
        if got is None or got[0] != rows:
            raise BackupError("backup_check_mismatch", file=file, table=table, rows=got[0] if got else 0, recorded=rows)
        if got[1] != total:
            raise BackupError("backup_check_changed", file=file, table=table, rows=rows)


def _fsync(path: Path) -> None:
    with path.open("rb") as fh:
        os.fsync(fh.fileno())


def nightly(directory: Path, keep: int = 14, url: str | None = None) -> BackupInfo:
    """A dated backup in `directory` (`dxmap-YYYYMMDD-HHMMSS.sqlite|.pgdump`), keeping the newest `keep` of them.

    What the nightly backup runs (`cli.py backup --dir`, from the timer, the cron line or `make serve`); older
    dated backups beyond `keep` are removed, nothing else is.
    """
    directory = Path(directory)
    kind: Kind = "pgdump" if _is_postgresql(store.resolve_url(url)) else "sqlite"
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    with _one_at_a_time(directory):
        for left in directory.glob(".dxmap-*.partial"):  # a backup killed mid-way left it; none is running now
            if _LEFTOVER.fullmatch(left.name):
                left.unlink(missing_ok=True)
        info = backup(directory / f"dxmap-{stamp}{SUFFIX[kind]}", url)
    dated = sorted(p for p in directory.iterdir() if re.fullmatch(r"dxmap-\d{8}-\d{6}\.(sqlite|pgdump)", p.name))
    for old in dated[: max(len(dated) - max(keep, 1), 0)]:
        old.unlink(missing_ok=True)
    return info


_LEFTOVER = re.compile(r"\.dxmap-\d{8}-\d{6}\.(sqlite|pgdump)\.partial")


@contextlib.contextmanager
def _one_at_a_time(directory: Path) -> Iterator[None]:
    """An exclusive lock on the folder itself (released when the process ends, however it ends): one dated
    backup at a time in a folder, and no file of its own left there."""
    import fcntl

    try:
        directory.mkdir(parents=True, exist_ok=True)
        handle = os.open(directory, os.O_RDONLY)
    except OSError as exc:
        raise BackupError("backup_cannot_write", file=str(directory)) from exc
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)


def next_run(now: datetime, at: str) -> datetime:
    """The next time of day `at` ("HH:MM", the server's local time) strictly after `now`."""
    hour, minute = (int(x) for x in at.split(":"))
    if not (0 <= hour < 24 and 0 <= minute < 60):
        raise ValueError(f"not a time of day: {at!r}")
    candidate = now.replace(hour=hour, minute=minute, second=0, microsecond=0)
    return candidate if candidate > now else candidate + timedelta(days=1)


# --- reading a backup ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CheckResult:
    """What `check` found: the file's kind and versions; with `restored`, it was restored into a scratch schema
    (`tables` restored); `verified` tables matched the counts and checksums recorded at backup time."""

    info: BackupInfo
    restored: bool = False
    tables: int = 0
    verified: int | None = None  # None: the file holds no record to compare with (or was only read)


def check(path: Path, url: str | None = None) -> CheckResult:
    """Whether the backup at `path` restores, and restores what was backed up. A SQLite backup is copied,
    checked and upgraded in a temporary folder. A pg_dump archive is restored into a scratch schema of the
    PostgreSQL store at `url` (`dxmap_check_<random>`, the archive's tables created there, PostGIS types from
    `public`), its tables' rows counted and summed and compared with what the archive recorded when it was
    taken, then the scratch schema is dropped: the check runs in one transaction that is rolled back, so even a
    check killed mid-way leaves nothing, and the store's own tables are neither locked nor touched. A pg_dump
    archive with no PostgreSQL store to try it in is only read (its table of contents). BackupError when the
    file does not restore or restores other rows than it recorded ("backup_check_mismatch")."""
    path = Path(path)
    kind = file_kind(path)
    resolved = store.resolve_url(url)
    if kind == "sqlite":
        with _sqlite_backup_copy(path) as (_copy, versions, current, verified):
            return CheckResult(BackupInfo(path, kind, versions, current, path.stat().st_size), verified=verified)
    if not _is_postgresql(resolved):
        return CheckResult(inspect_file(path))
    return _check_pgdump(path, resolved)


def inspect_file(path: Path) -> BackupInfo:
    """Check a backup file without restoring it: its kind, and for a SQLite backup its versions."""
    kind = file_kind(path)
    if kind == "pgdump":
        _pg_toc(path, _pg_tool("pg_restore", None))
        return BackupInfo(path, kind, 0, None, path.stat().st_size)
    with _sqlite_backup_copy(path) as (_copy, versions, current, _verified):
        return BackupInfo(path, kind, versions, current, path.stat().st_size)


@contextlib.contextmanager
def _sqlite_backup_copy(path: Path) -> Iterator[tuple[Path, int, int | None, int | None]]:
    """A checked copy of a SQLite backup (a scratch file in a temporary folder), its tables compared with the
    record the backup holds, then upgraded to this code's schema. Yields the copy, its versions, its current
    version and how many tables matched the record (None: no record, written by older code)."""
    with tempfile.TemporaryDirectory(prefix="dxmap-restore-") as tmp:
        copy = Path(tmp) / "backup.sqlite"
        try:
            source = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
            try:
                dest = sqlite3.connect(copy)
                try:
                    source.backup(dest)
                    ok = dest.execute("PRAGMA quick_check").fetchone()[0] == "ok"
                    dest.execute("PRAGMA journal_mode=DELETE")
                    verified = _compare_sqlite_record(dest, path.name) if ok else None
                finally:
                    dest.close()
            finally:
                source.close()
        except sqlite3.DatabaseError as exc:
            raise BackupError("backup_corrupt", file=path.name) from exc
        if not ok:
            raise BackupError("backup_corrupt", file=path.name)
        eng = create_engine(f"sqlite:///{copy}")
        try:
            with eng.begin() as conn:
                found = migrations.stored_version(conn)
                if found is None:
                    raise BackupError("backup_not_dxmap", file=path.name)
                try:
                    migrations.prepare(conn, store.metadata)
                except migrations.SchemaTooNew as exc:
                    raise BackupError(
                        "backup_too_new", file=path.name, found=exc.found, supported=exc.supported
                    ) from exc
                versions, current = _version_counts(conn)
        except DBAPIError as exc:  # damaged in a way quick_check did not see, or not a store after all
            raise BackupError("backup_corrupt", file=path.name) from exc
        finally:
            eng.dispose()
        if not versions:
            raise BackupError("backup_no_versions", file=path.name)
        yield copy, versions, current, verified


def _version_counts(conn: Any) -> tuple[int, int | None]:
    if not inspect(conn).has_table("versions"):
        return 0, None
    row = conn.execute(text("SELECT COUNT(*), MAX(id) FROM versions")).one()
    return int(row[0]), row[1]


def _counts(url: str) -> tuple[int, int | None]:
    with store.engine(url).connect() as conn:
        return _version_counts(conn)


# --- restoring -------------------------------------------------------------------------------------------


def restore(path: Path, url: str | None = None, *, replace: bool = False, who: str = "", note: str = "") -> BackupInfo:
    """Put the backup at `path` into the store at `url` (default: the app's store), all or nothing.

    A store holding versions is replaced only with `replace=True` (else BackupError("backup_target_not_empty")).
    When the replaced store had reached a version id the backup does not pass, one more version is recorded
    (`who`, `note`, restored from the backup's current one): running app processes key their cached data by
    the current version id, so the id must move past every id they may hold. Returns what the store holds then.
    """
    path = Path(path)
    resolved = store.resolve_url(url)
    kind = file_kind(path)
    replaced = _current_or_none(resolved)
    if kind == "pgdump":
        if not _is_postgresql(resolved):
            raise BackupError("backup_needs_postgresql", file=path.name)
        _restore_pgdump(path, resolved, replace)
    else:
        with _sqlite_backup_copy(path) as (copy, _versions, _current, _verified):
            if _is_postgresql(resolved):
                _copy_rows(copy, resolved, replace)
            else:
                _restore_sqlite_file(copy, resolved, replace)
    engine._forget(resolved)
    store.open_store(resolved)
    if _is_postgresql(resolved):
        store.enable_postgis(resolved)  # a backup from a server without PostGIS gains it here when this one has it
    _move_past(resolved, replaced, who, note)
    versions, current = _counts(resolved)
    return BackupInfo(path, kind, versions, current, path.stat().st_size)


def _current_or_none(url: str) -> int | None:
    if not store.exists(url):
        return None
    try:
        return _counts(url)[1]
    except DBAPIError:
        return None  # not a readable store yet: _refuse_non_empty says why, or it is created


def _move_past(url: str, replaced: int | None, who: str, note: str) -> None:
    """A version after `replaced` holding the restored current data (see `restore`); nothing when not needed."""
    with store.write_transaction(url) as conn:
        current = conn.execute(select(func.max(store.versions.c.id))).scalar()
        if replaced is None or current is None or current > replaced:
            return
        new_id = replaced + 1
        for row in writes._sources(conn, current).values():
            conn.execute(insert(store.version_tables).values(**{**row, "version_id": new_id}))
        meta = conn.execute(select(store.package_meta).where(store.package_meta.c.version_id == current)).mappings()
        conn.execute(insert(store.package_meta).values(**{**meta.one(), "version_id": new_id}))
        old = conn.execute(select(store.versions).where(store.versions.c.id == current)).one()
        conn.execute(
            insert(store.versions).values(
                id=new_id,
                created_at=datetime.now(UTC).isoformat(timespec="seconds"),
                who=who.strip(),
                note=note.strip(),
                files=old.files,
                row_counts=old.row_counts,
                restored_from=current,
            )
        )


def _refuse_non_empty(url: str, replace: bool) -> None:
    if not store.exists(url):
        return
    try:
        versions, _current = _counts(url)
    except DBAPIError as exc:
        raise store.StoreUnavailable(engine._kind(url)) from exc
    if versions and not replace:
        raise BackupError("backup_target_not_empty", store=store.store_name(url), versions=versions)


def _restore_sqlite_file(copy: Path, url: str, replace: bool) -> None:
    _refuse_non_empty(url, replace)
    target = store.sqlite_path(url)
    if target is None:
        raise BackupError("backup_target_unsupported", store=store.store_name(url))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        source = sqlite3.connect(copy)
        try:
            dest = sqlite3.connect(target, timeout=engine.BUSY_SECONDS)
            try:
                dest.execute(f"PRAGMA busy_timeout={int(engine.BUSY_SECONDS * 1000)}")
                if replace is False and _sqlite_has_versions(dest):  # written meanwhile: still refuse
                    raise BackupError("backup_target_not_empty", store=target.name, versions=1)
                source.backup(dest)  # one step: one write transaction on the store, waiting for a writer
                dest.execute("PRAGMA journal_mode=WAL")
            finally:
                dest.close()
        finally:
            source.close()
    except PermissionError as exc:
        raise store.StoreError("store_read_only", file=target.name) from exc
    except sqlite3.OperationalError as exc:
        code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
        if code in (sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM):
            raise store.StoreError("store_read_only", file=target.name) from exc
        if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
            raise store.StoreError("store_busy") from exc
        raise


def _sqlite_has_versions(conn: sqlite3.Connection) -> bool:
    if conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='versions'").fetchone() is None:
        return False
    return conn.execute("SELECT COUNT(*) FROM versions").fetchone()[0] > 0


def _copy_rows(copy: Path, url: str, replace: bool) -> None:
    """Every table of an (upgraded) SQLite backup into a PostgreSQL store, in one write transaction."""
    src_engine = create_engine(f"sqlite:///{copy}")
    try:
        with src_engine.connect() as src, store.write_transaction(url) as dst:
            versions, _current = _version_counts(dst)
            if versions and not replace:
                raise BackupError("backup_target_not_empty", store=store.store_name(url), versions=versions)
            src_tables = MetaData()
            src_tables.reflect(src)
            dst_insp = inspect(dst)
            spatial = postgis.boundaries_are_geometry(dst)
            for name, src_table in src_tables.tables.items():
                if not dst_insp.has_table(name):
                    continue  # a table this code does not know: nothing reads it
                with warnings.catch_warnings():  # PostGIS types are unknown to SQLAlchemy; only names matter here
                    warnings.simplefilter("ignore", SAWarning)
                    found = dst_insp.get_columns(name)
                dst_columns = {c["name"] for c in found if not c.get("computed")}  # not the generated point
                columns = [c for c in src_table.columns if c.name in dst_columns]
                target = Table(name, MetaData(), *(Column(c.name, c.type) for c in columns))
                dst.execute(text(f'DELETE FROM "{name}"'))
                result = src.execute(select(*columns)).yield_per(_CHUNK)
                for part in result.partitions(_CHUNK):
                    records = [dict(r._mapping) for r in part]
                    if spatial and name == "boundaries":
                        geoms = postgis.read_geometries([r["geometry"] for r in records])
                        for r, g in zip(records, postgis.geometry_values(dst, geoms), strict=True):
                            r["geometry"] = g
                    dst.execute(target.insert(), records)
    finally:
        src_engine.dispose()


# --- PostgreSQL tools ------------------------------------------------------------------------------------


def _server_major(url: str) -> int:
    try:
        with store.engine(url).connect() as conn:
            return int(conn.execute(text("SHOW server_version_num")).scalar()) // 10000
    except DBAPIError as exc:
        raise store.StoreUnavailable("postgresql") from exc


def _tool_major(tool: Path) -> int | None:
    try:
        out = subprocess.run([str(tool), "--version"], capture_output=True, text=True, timeout=30).stdout
    except OSError:
        return None
    found = re.search(r"\b(\d+)(?:\.\d+)?", out)
    return int(found.group(1)) if found else None


def _pg_tool(name: str, server_major: int | None) -> Path:
    """The installed `name` (pg_dump, pg_restore, psql) of the lowest major version >= the server's (Debian keeps
    one folder per version under /usr/lib/postgresql); any version when `server_major` is None (the newest)."""
    candidates: dict[int, Path] = {}
    paths = [Path(p) for p in glob.glob(f"/usr/lib/postgresql/*/bin/{name}")]
    on_path = shutil.which(name)
    if on_path:
        paths.append(Path(on_path))
    for path in paths:
        major = _tool_major(path)
        if major is not None:
            candidates.setdefault(major, path)
    fitting = sorted(m for m in candidates if server_major is None or m >= server_major)
    if not fitting:
        raise BackupError("backup_tool_missing", tool=name, major=server_major or "")
    return candidates[fitting[0] if server_major is not None else fitting[-1]]


def _libpq(url: str) -> tuple[str, dict[str, str]]:
    """A libpq URI for the command-line tools and their environment (the password goes in PGPASSWORD, never on
    a command line other users can read)."""
    parsed = make_url(url)
    env = {**os.environ, "PGCONNECT_TIMEOUT": str(engine.CONNECT_SECONDS)}
    if parsed.password:
        env["PGPASSWORD"] = str(parsed.password)
    plain = parsed.set(drivername="postgresql", password=None)
    return plain.render_as_string(hide_password=False), env


def _run(cmd: list[str], env: dict[str, str], tool: str, **kw: Any) -> subprocess.CompletedProcess:
    try:
        done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=TOOL_SECONDS, **kw)
    except subprocess.TimeoutExpired as exc:
        raise BackupError("backup_tool_failed", tool=tool, detail="timeout") from exc
    if done.returncode != 0:
        raise BackupError("backup_tool_failed", tool=tool, detail=_last_error(done.stderr))
    return done


def _last_error(stderr: str) -> str:
    """The tool's own error line, with no password, host or file path beyond what the user gave."""
    lines = [ln.strip() for ln in (stderr or "").splitlines() if ln.strip()]
    errors = [ln for ln in lines if "error" in ln.lower() or "fatal" in ln.lower()]
    line = re.sub(r"^(psql|pg_restore|pg_dump):\S*?:(\d+:)? ", "", (errors or lines or ["?"])[0])
    return re.sub(r"postgresql://\S+", "postgresql://…", line)[:300]


def _pg_dump(url: str, target: Path) -> tuple[int, int | None]:
    """pg_dump of the snapshot of a repeatable-read transaction that also counts the versions: the figures
    printed are those of the file, even while imports commit."""
    tool = _pg_tool("pg_dump", _server_major(url))
    uri, env = _libpq(url)
    target.unlink(missing_ok=True)
    with store.engine(url).connect() as conn:
        conn = conn.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin():
            snapshot = conn.execute(text("SELECT pg_export_snapshot()")).scalar()
            versions, current = _version_counts(conn)
            owned_tables = _extension_tables(conn)
            owned = [f"--exclude-table-data={name}" for name in owned_tables]
            manifest = _pg_table_sums(conn, "public", _store_tables(conn, owned_tables))
            _run(
                [
                    str(tool),
                    "--format=custom",
                    "--no-owner",
                    "--no-privileges",
                    *owned,
                    f"--snapshot={snapshot}",
                    f"--file={target}",
                    f"--dbname={uri}",
                ],
                env,
                "pg_dump",
            )
    _append_manifest(target, manifest)
    return versions, current


# --- what a backup held when it was taken: rows and a checksum per table -------------------------------------
#
# A pg_dump archive is followed by a manifest: every table's row count and the sum of its rows' MD5 (as text, in
# fixed output settings), read in the snapshot pg_dump copies. pg_restore reads the archive and ignores what
# follows it. `check` restores the archive into a scratch schema and sums the restored rows the same way, so a
# row changed or lost anywhere between the backup and the check is reported, not only an unreadable file.

_MANIFEST_END = b"\nDXMAP-MANIFEST-END\n"
_MANIFEST_LENGTH = 12  # digits of the manifest's length, just before the end mark
_TEXT_SETTINGS = (
    "SET LOCAL TimeZone = 'UTC'; SET LOCAL DateStyle = 'ISO, YMD'; SET LOCAL IntervalStyle = 'postgres'; "
    "SET LOCAL extra_float_digits = 1; SET LOCAL bytea_output = 'hex';"
)


def _store_tables(conn: Any, owned: list[str]) -> list[str]:
    skip = {pattern.split(".", 1)[1].strip('"') for pattern in owned if pattern.startswith('"public".')}
    return sorted(name for name in inspect(conn).get_table_names(schema="public") if name not in skip)


def _sum_sql(schema: str, table: str) -> str:
    """One row: the table's row count and the sum of the first 60 bits of each row's MD5 (order-free)."""
    return (
        "SELECT count(*), coalesce(sum(('x' || substr(md5(t::text), 1, 15))::bit(60)::bigint), 0)::text "
        f'FROM "{schema}"."{table}" t'
    )


def _pg_table_sums(conn: Any, schema: str, tables: list[str]) -> dict[str, list]:
    for setting in _TEXT_SETTINGS.split(";"):
        if setting.strip():
            conn.execute(text(setting))
    sums = {}
    for table in tables:
        count, total = conn.execute(text(_sum_sql(schema, table))).one()
        sums[table] = [int(count), str(total)]
    return sums


def _append_manifest(target: Path, tables: dict[str, list]) -> None:
    body = json.dumps({"tables": tables}, sort_keys=True).encode("utf-8")
    with target.open("ab") as fh:
        fh.write(b"\n" + body + b"\n" + b"%0*d" % (_MANIFEST_LENGTH, len(body)) + _MANIFEST_END)


def read_manifest(path: Path) -> dict[str, list] | None:
    """The tables' counts and checksums recorded when the backup was taken; None for an archive without them
    (written by older code)."""
    size = path.stat().st_size
    tail = _MANIFEST_LENGTH + len(_MANIFEST_END)
    if size < tail:
        return None
    with path.open("rb") as fh:
        fh.seek(size - tail)
        end = fh.read(tail)
        if not end.endswith(_MANIFEST_END) or not end[:_MANIFEST_LENGTH].isdigit():
            return None
        length = int(end[:_MANIFEST_LENGTH])
        if length > size - tail - 1:
            return None
        fh.seek(size - tail - 1 - length)
        try:
            return json.loads(fh.read(length))["tables"]
        except (ValueError, KeyError):
            return None


def _extension_tables(conn: Any) -> list[str]:
    """Tables an extension made (PostGIS's `spatial_ref_sys`), as pg_dump patterns `"schema"."table"`: the
    extension makes them again where the backup is restored, and they belong to whoever created it (often the
    superuser), so the store's own role could not write them back."""
    rows = conn.execute(
        text(
            "SELECT n.nspname, c.relname FROM pg_depend d JOIN pg_class c ON c.oid = d.objid "
            "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE d.deptype = 'e' "
            "AND d.classid = 'pg_class'::regclass AND c.relkind IN ('r', 'p')"
        )
    ).all()
    return ['"{}"."{}"'.format(schema.replace('"', '""'), name.replace('"', '""')) for schema, name in rows]


def _restored_entries(toc: list[str]) -> list[str]:
    """The archive's entries a restore runs: not the comments and grants that need their owner, and not the data
    of a table the archive does not create itself (an extension's, such as `spatial_ref_sys` in an archive
    made before extension tables were left out)."""
    created = {_toc_table(ln, "TABLE") for ln in toc if not ln.startswith(";")} - {None}
    kept = []
    for line in toc:
        if _SKIPPED_TOC.search(line):
            continue
        data_of = _toc_table(line, "TABLE DATA")
        if data_of is not None and data_of not in created:
            continue
        kept.append(line)
    return kept


def _toc_table(line: str, kind: str) -> tuple[str, str] | None:
    """(schema, table) of a `pg_restore --list` line of this kind: `215; 1259 16390 TABLE public versions dxmap`."""
    found = re.match(r"^\d+; \d+ \d+ " + kind + r" (\S+) (\S+)", line)
    return (found.group(1), found.group(2)) if found else None


def _pg_toc(path: Path, tool: Path) -> list[str]:
    """The archive's table of contents (`pg_restore --list`); BackupError when it is not a readable dxmap dump."""
    done = subprocess.run([str(tool), "--list", str(path)], capture_output=True, text=True, timeout=TOOL_SECONDS)
    if done.returncode != 0:
        raise BackupError("backup_corrupt", file=path.name)
    toc = done.stdout.splitlines()
    if not any(re.search(r"\bTABLE\b\S* \S+ versions\b", ln) for ln in toc if not ln.startswith(";")):
        raise BackupError("backup_not_dxmap", file=path.name)
    return toc


_SKIPPED_TOC = re.compile(r"\b(COMMENT - (EXTENSION|SCHEMA)|SCHEMA - public|ACL)\b")


def _restore_pgdump(path: Path, url: str, replace: bool) -> None:
    """The archive into the PostgreSQL store in one transaction (the caller reads the store afterwards)."""
    major = _server_major(url)
    pg_restore, psql = _pg_tool("pg_restore", major), _pg_tool("psql", major)
    toc = _pg_toc(path, pg_restore)
    _refuse_non_empty(url, replace)
    with store.engine(url).connect() as conn:
        if any(" EXTENSION - postgis" in ln for ln in toc) and not postgis.extension_installed(conn):
            if not postgis.extension_available(conn):
                raise BackupError("backup_needs_postgis", file=path.name)
        existing = [
            t for t in inspect(conn).get_table_names() if t not in ("spatial_ref_sys",)
        ]  # the store's tables, dropped in the restore's own transaction
    uri, env = _libpq(url)
    with tempfile.TemporaryDirectory(prefix="dxmap-restore-") as tmp:
        listing = Path(tmp) / "toc.list"
        # comments on the extension and the public schema need their owner: not the store's business
        listing.write_text("\n".join(_restored_entries(toc)) + "\n", encoding="utf-8")
        script = Path(tmp) / "restore.sql"
        # the whole archive is read first: a damaged one fails here, before anything is changed
        try:
            _run(
                [
                    str(pg_restore),
                    "--no-owner",
                    "--no-privileges",
                    f"--use-list={listing}",
                    f"--file={script}",
                    str(path),
                ],
                env,
                "pg_restore",
            )
        except BackupError as exc:
            raise BackupError("backup_corrupt", file=path.name) from exc
        prologue = Path(tmp) / "prologue.sql"
        drops = "".join(f'DROP TABLE IF EXISTS "{t}" CASCADE;\n' for t in existing)
        # under the lock, a store that was empty when asked above must still be empty (an import may have come)
        still_empty = (
            ""
            if replace
            else (
                "DO $$ DECLARE n bigint := 0; BEGIN IF to_regclass('versions') IS NOT NULL THEN "
                "EXECUTE 'SELECT COUNT(*) FROM versions' INTO n; END IF; "
                f"IF n > 0 THEN RAISE EXCEPTION '{_NOT_EMPTY}'; END IF; END $$;\n"
            )
        )
        prologue.write_text(
            f"SET lock_timeout = '{int(engine.BUSY_SECONDS)}s';\n"
            f"SELECT pg_advisory_xact_lock({engine.LOCK_KEY});\n{still_empty}{drops}",
            encoding="utf-8",
        )
        try:
            _psql(psql, prologue, script, uri, env)
        except BackupError as exc:
            if _NOT_EMPTY in str(exc.params.get("detail", "")):
                raise BackupError("backup_target_not_empty", store=store.store_name(url), versions="≥ 1") from exc
            raise


_NOT_EMPTY = "dxmap: the store took a version meanwhile"


def _check_pgdump(path: Path, url: str) -> CheckResult:
    major = _server_major(url)
    pg_restore, psql = _pg_tool("pg_restore", major), _pg_tool("psql", major)
    toc = _pg_toc(path, pg_restore)
    with store.engine(url).connect() as conn:
        if any(" EXTENSION - postgis" in ln for ln in toc) and not postgis.extension_installed(conn):
            if not postgis.extension_available(conn):
                raise BackupError("backup_needs_postgis", file=path.name)
    recorded = read_manifest(path)
    entries = _restored_entries(toc)
    tables = sorted({t[1] for ln in entries if (t := _toc_table(ln, "TABLE")) and t[0] == "public"})
    own = set(tables) | {
        t[1]
        for kind in ("SEQUENCE", "TYPE", "DOMAIN", "VIEW", "MATERIALIZED VIEW")
        for ln in entries
        if (t := _toc_table(ln, kind)) and t[0] == "public"
    }  # what the archive creates in `public` goes to the scratch schema, so nothing clashes with the store's own
    scratch = f"dxmap_check_{secrets.token_hex(6)}"
    uri, env = _libpq(url)
    with tempfile.TemporaryDirectory(prefix="dxmap-check-") as tmp:
        listing = Path(tmp) / "toc.list"
        listing.write_text("\n".join(entries) + "\n", encoding="utf-8")
        script = Path(tmp) / "restore.sql"
        try:
            _run(
                [str(pg_restore), "--no-owner", "--no-privileges", f"--use-list={listing}", f"--file={script}"]
                + [str(path)],
                env,
                "pg_restore",
            )
        except BackupError as exc:
            raise BackupError("backup_corrupt", file=path.name) from exc
        moved = Path(tmp) / "scratch.sql"
        _into_schema(script, moved, own, scratch)
        prologue = Path(tmp) / "prologue.sql"
        prologue.write_text(f"SET lock_timeout = '{int(engine.BUSY_SECONDS)}s';\nCREATE SCHEMA \"{scratch}\";\n")
        epilogue = Path(tmp) / "epilogue.sql"
        sums = "".join(f"SELECT '{_SUMMED}', '{t}', * FROM ({_sum_sql(scratch, t)}) s;\n" for t in tables)
        counted = (
            f"SELECT '{_COUNTED}', count(*), max(id) FROM \"{scratch}\".versions;\n" if "versions" in tables else ""
        )
        epilogue.write_text(
            "RESET search_path;\n" + _TEXT_SETTINGS + "\n" + sums + counted + "ROLLBACK;\n", encoding="utf-8"
        )
        try:
            done = _run(
                [str(psql), "-X", "-q", "-A", "-t", "--no-psqlrc", "--single-transaction", "-v", "ON_ERROR_STOP=1"]
                + ["-f", str(prologue), "-f", str(moved), "-f", str(epilogue), f"--dbname={uri}"],
                env,
                "psql",
                stdin=subprocess.DEVNULL,
            )
        except BackupError as exc:
            if "permission denied for database" in str(exc.params.get("detail", "")):  # CREATE SCHEMA
                raise BackupError("backup_check_no_schema", store=store.store_name(url)) from exc
            raise BackupError("backup_corrupt", file=path.name) from exc
    found: dict[str, list] = {}
    versions, current = 0, None
    for line in done.stdout.splitlines():
        fields = line.split("|")
        if fields[0] == _SUMMED:
            found[fields[1]] = [int(fields[2]), fields[3]]
        elif fields[0] == _COUNTED:
            versions, current = int(fields[1]), int(fields[2]) if fields[2] else None
    if not versions:
        raise BackupError("backup_no_versions", file=path.name)
    if recorded is not None:
        _compare(recorded, found, path.name)
    info = BackupInfo(path, "pgdump", versions, current, path.stat().st_size)
    return CheckResult(info, restored=True, tables=len(found), verified=len(recorded) if recorded is not None else None)


_SUMMED = "dxmap-table-sum"


def _into_schema(script: Path, out: Path, names: set[str], schema: str) -> None:
    """The restore script with the archive's own tables and sequences (`public.<name>`) in `schema` instead;
    `public.geometry` and PostGIS's functions stay where the extension put them. COPY data is left as it is."""
    pattern = re.compile(r"\bpublic\.(" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")\b")
    in_data = False
    with script.open(encoding="utf-8") as src, out.open("w", encoding="utf-8") as dst:
        for line in src:
            if in_data:
                in_data = line != "\\.\n"
                dst.write(line)
                continue
            if line.startswith("SELECT pg_catalog.set_config('search_path', '', false);"):
                line = f"SELECT pg_catalog.set_config('search_path', '\"{schema}\", public', false);\n"
            elif names:
                line = pattern.sub(lambda m: f'"{schema}".{m.group(1)}', line)
            if line.startswith("COPY ") and line.rstrip().endswith("FROM stdin;"):
                in_data = True
            dst.write(line)


def _psql(psql: Path, prologue: Path, script: Path, uri: str, env: dict[str, str]) -> None:
    """Runs prologue and script in one transaction."""
    _run(
        [
            str(psql),
            "-X",
            "-q",
            "-A",
            "-t",
            "--no-psqlrc",
            "--single-transaction",
            "-v",
            "ON_ERROR_STOP=1",
            "-f",
            str(prologue),
            "-f",
            str(script),
            f"--dbname={uri}",
        ],
        env,
        "psql",
        stdin=subprocess.DEVNULL,
    )


_COUNTED = "dxmap-restored-versions"
