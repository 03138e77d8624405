"""Where the store is and how it is opened: its URL, its shared engines, its write lock and its errors.

`write_transaction` is the one way to write: a transaction holding the store-wide write lock (SQLite
`BEGIN IMMEDIATE`, PostgreSQL advisory lock) on a store at the code's schema version, created or upgraded
first inside the same transaction (core/storage/migrations.py). Driver errors are told apart by the driver's
codes (sqlite3's error code, PostgreSQL's SQLSTATE), never by their message text.

The settings below are read when they are used, so a test may change them on this module.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import DBAPIError

from core import config
from core.once import computed_once
from core.storage import migrations, postgis
from core.storage.tables import metadata

DEFAULT_STORE = config.DATA_DIR / "store.sqlite"
LOCK_KEY = 7_412_025  # PostgreSQL advisory lock id of the store's write lock
BUSY_SECONDS = 30.0  # how long a second writer waits for the first
CONNECT_SECONDS = 5  # how long reading waits for a PostgreSQL server that does not answer


class StoreError(Exception):
    """A store operation that could not be done; `code` is a key of core/locale/data.py."""

    def __init__(self, code: str, **params: Any):
        super().__init__(code)
        self.code = code
        self.params = params


class StoreUnavailable(StoreError):
    """The store exists but cannot be read (server down, file damaged): an error to show, never "no data yet".

    `kind` is the database (sqlite, postgresql, other); no URL, path or password is kept in the message.
    """

    def __init__(self, kind: str):
        super().__init__("store_unavailable", kind=kind)


def _kind(url: str | None) -> str:
    resolved = resolve_url(url)
    if resolved.startswith("sqlite"):
        return "sqlite"
    return "postgresql" if resolved.startswith("postgresql") else "other"


# --- engines -------------------------------------------------------------------------------------------


def resolve_url(url: str | None = None) -> str:
    """The store URL: `url`, else `DATABASE_URL`, else the default SQLite file under data/."""
    url = url or config.database_url()
    if not url:
        return f"sqlite:///{DEFAULT_STORE}"
    if url.startswith("postgres://"):
        url = "postgresql://" + url.removeprefix("postgres://")
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return url


def sqlite_path(url: str) -> Path | None:
    """The SQLite file of `url`, also in SQLite's URI form (`sqlite:///file:/x.sqlite?mode=ro&uri=true`)."""
    if not url.startswith("sqlite:///"):
        return None
    raw = url.removeprefix("sqlite:///").split("?")[0]
    if raw.startswith("file:") and "uri=true" in url:
        raw = raw.removeprefix("file:")
    return Path(raw) if raw and raw != ":memory:" else None


@computed_once(maxsize=8)
def engine(url: str | None = None) -> Engine:
    """A shared engine for the store at `url` (resolved as in `resolve_url`)."""
    url = resolve_url(url)
    if url.startswith("sqlite"):
        path = sqlite_path(url)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        eng = create_engine(url, connect_args={"timeout": BUSY_SECONDS, "check_same_thread": False})
        _sqlite_transactions(eng)
    else:
        # a server that drops packets must not hang every page: give up connecting after a few seconds
        eng = create_engine(url, pool_pre_ping=True, connect_args={"connect_timeout": CONNECT_SECONDS})
    return eng


def _sqlite_transactions(eng: Engine) -> None:
    """Let SQLAlchemy, not the sqlite3 module, start transactions; writers take the lock at BEGIN."""

    @event.listens_for(eng, "connect")
    def _connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None
        dbapi_connection.execute("PRAGMA journal_mode=WAL")  # readers never wait for a writer
        dbapi_connection.execute("PRAGMA synchronous=FULL")
        dbapi_connection.execute(f"PRAGMA busy_timeout={int(BUSY_SECONDS * 1000)}")

    @event.listens_for(eng, "begin")
    def _begin(conn):
        immediate = conn.get_execution_options().get("dx_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def exists(url: str | None = None) -> bool:
    """True when the store can be opened without creating it (a SQLite file that is not there is absent)."""
    resolved = resolve_url(url)
    path = sqlite_path(resolved)
    return path is None or path.exists()


_CHECKED: set[tuple[str, int]] = set()  # (store URL, schema version) this process found current


def open_store(url: str | None = None, steps: Sequence[migrations.Step] = migrations.STEPS) -> int | None:
    """Make the store readable by this code; returns its schema version, None when it is absent or empty.

    A store behind the code is upgraded first, in one write transaction (a second process waits, then finds
    it done); one written by newer code raises StoreError("store_too_new") and is left as it is. `steps` are
    the upgrade steps (tests pass extra ones). Once a store was found current, later calls ask nothing.
    Raises StoreUnavailable when the store is there but cannot be read (server down, damaged file).
    """
    if not exists(url):
        return None
    target = migrations.latest(steps)
    key = (resolve_url(url), target)
    if key in _CHECKED:
        return target
    try:
        with engine(url).connect() as conn:
            found = migrations.stored_version(conn)
    except DBAPIError as exc:
        raise StoreUnavailable(_kind(url)) from exc
    if found is None:
        return None
    _refuse_newer(found, steps)
    if found < target:
        with write_transaction(url, steps):
            pass  # write_transaction upgrades before it hands out the connection
    _CHECKED.add(key)
    return target


def _forget(url: str | None) -> None:
    resolved = resolve_url(url)
    _CHECKED.difference_update({key for key in _CHECKED if key[0] == resolved})


def _refuse_newer(found: int, steps: Sequence[migrations.Step]) -> None:
    try:
        migrations.check(found, steps)
    except migrations.SchemaTooNew as exc:
        raise StoreError("store_too_new", found=exc.found, supported=exc.supported) from exc


@contextmanager
def write_transaction(url: str | None = None, steps: Sequence[migrations.Step] = migrations.STEPS) -> Iterator[Any]:
    """One write transaction holding the store's write lock, on a store at the code's schema version (created
    or upgraded first by `steps`, inside the same transaction). A store that cannot be written (a read-only
    file or folder, a read-only database or role) raises StoreError("store_read_only") naming it; one whose
    lock stays taken, StoreError("store_busy"); one written by newer code, StoreError("store_too_new")."""
    eng = engine(url)
    try:
        with eng.connect().execution_options(dx_write=True) as conn, conn.begin():
            if eng.dialect.name == "postgresql":
                conn.execute(text(f"SET LOCAL lock_timeout = {int(BUSY_SECONDS * 1000)}"))
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": LOCK_KEY})
            migrations.prepare(conn, metadata, steps)
            yield conn
    except migrations.SchemaTooNew as exc:  # raised before anything was written; the transaction is undone
        raise StoreError("store_too_new", found=exc.found, supported=exc.supported) from exc
    except DBAPIError as exc:
        if _is_read_only(exc):
            raise StoreError("store_read_only", file=store_name(url)) from exc
        if _is_busy(exc):
            raise StoreError("store_busy") from exc
        raise
    except PermissionError as exc:  # the folder of a new SQLite file cannot be written
        raise StoreError("store_read_only", file=store_name(url)) from exc


def enable_postgis(url: str | None = None) -> bool:
    """Convert an existing PostgreSQL store to PostGIS (after the extension was installed), under its write lock;
    True when its spatial columns are PostGIS ones (core/storage/postgis.py)."""
    with write_transaction(url) as conn:
        return postgis.enable(conn)


# sqlite3 extended codes (SQLITE_READONLY_DBMOVED, SQLITE_BUSY_SNAPSHOT...) keep the primary code in the low byte
_SQLITE_READ_ONLY = frozenset(
    {sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM, sqlite3.SQLITE_AUTH}
)
_SQLITE_BUSY = frozenset({sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED})
_PG_READ_ONLY = frozenset({"25006", "42501"})  # read_only_sql_transaction, insufficient_privilege
_PG_BUSY = frozenset({"55P03"})  # lock_not_available: lock_timeout expired waiting for the write lock


def _sqlite_code(exc: DBAPIError) -> int | None:
    code = getattr(exc.orig, "sqlite_errorcode", None)
    return None if code is None else code & 0xFF


def _is_read_only(exc: DBAPIError) -> bool:
    """From the driver's own error codes: sqlite3's `sqlite_errorcode`, psycopg's SQLSTATE."""
    return _sqlite_code(exc) in _SQLITE_READ_ONLY or getattr(exc.orig, "sqlstate", None) in _PG_READ_ONLY


def _is_busy(exc: DBAPIError) -> bool:
    """Another writer holds the store's lock past BUSY_SECONDS."""
    return _sqlite_code(exc) in _SQLITE_BUSY or getattr(exc.orig, "sqlstate", None) in _PG_BUSY


def store_name(url: str | None) -> str:
    """The store as a user may see it: the SQLite file's name, or the PostgreSQL database's name (never a
    server path, host or password)."""
    resolved = resolve_url(url)
    path = sqlite_path(resolved)
    if path is not None:
        return path.name
    from sqlalchemy.engine import make_url

    try:
        return make_url(resolved).database or "?"
    except Exception:  # noqa: BLE001 - a malformed URL still gets a message
        return "?"
