"""The data store: every committed import is a version; the app reads the current one.

SQLAlchemy over a SQLite file (`data/store.sqlite`, created on first write) or PostgreSQL (`DATABASE_URL`).
Each package table has its own SQL table, rows tagged with the version that wrote them. A version lists,
per table, which version's rows it uses (`version_tables.source_version`), so an unchanged table is shared
between versions and restoring a version copies nothing. A commit is one transaction, taken under a
store-wide write lock (SQLite `BEGIN IMMEDIATE`, PostgreSQL advisory lock): a killed import leaves the
previous version; a second import waits for the first, then fails cleanly if the data moved under it.

The schema has a version (core/storage/migrations.py): opening a store upgrades an older one under the same write
lock and refuses one written by newer code. Driver errors are told apart by the driver's codes (sqlite3's
error code, PostgreSQL's SQLSTATE), never by their message text, which changes with versions and locales.

Test hook: when DXMAP_TEST_PAUSE_FILE names a file, `commit` writes the name of its pause point to that file
once its rows are sent, then waits inside its write transaction until the file is removed, so a test can kill
the process at a known point (tests/unit/test_store_crash.py). Unset, it costs one environment lookup.

This module is the store's public face; the work is done in
- core/storage/engine.py: the store's URL, its engines, the write lock (`write_transaction`), its errors;
- core/storage/reads.py: versions, a version's Dataset, and which store the app and the commands read;
- core/storage/writes.py: `commit` and `restore`, with the test hook;
- core/storage/tables.py: the SQL tables.
Settings that tests change (`DEFAULT_STORE`, `BUSY_SECONDS`) are read from core/storage/engine.py when used:
change them there.
"""

from __future__ import annotations

from core.storage.engine import (
    BUSY_SECONDS,
    CONNECT_SECONDS,
    DEFAULT_STORE,
    LOCK_KEY,
    StoreError,
    StoreUnavailable,
    enable_postgis,
    engine,
    exists,
    open_store,
    resolve_url,
    sqlite_path,
    store_name,
    write_transaction,
)
from core.storage.reads import (
    Version,
    current_version_id,
    get_version,
    has_data,
    list_versions,
    load_dataset,
    source_version,
)
from core.storage.tables import (
    ACCOUNT_TABLES,
    DATA_TABLES,
    PLAN_TABLES,
    STORED_TABLES,
    accounts,
    adopted_plan_rows,
    adopted_plans,
    audit_log,
    boundaries,
    metadata,
    package_meta,
    session_tokens,
    signin_attempts,
    synonyms,
    version_tables,
    versions,
)
from core.storage.writes import PAUSE_FILE_VAR, PAUSE_ROWS_WRITTEN, commit, restore

__all__ = [
    "ACCOUNT_TABLES",
    "BUSY_SECONDS",
    "CONNECT_SECONDS",
    "DATA_TABLES",
    "DEFAULT_STORE",
    "LOCK_KEY",
    "PAUSE_FILE_VAR",
    "PAUSE_ROWS_WRITTEN",
    "PLAN_TABLES",
    "STORED_TABLES",
    "StoreError",
    "StoreUnavailable",
    "Version",
    "accounts",
    "adopted_plan_rows",
    "adopted_plans",
    "audit_log",
    "boundaries",
    "commit",
    "current_version_id",
    "enable_postgis",
    "engine",
    "exists",
    "get_version",
    "has_data",
    "list_versions",
    "load_dataset",
    "metadata",
    "open_store",
    "package_meta",
    "resolve_url",
    "restore",
    "session_tokens",
    "signin_attempts",
    "source_version",
    "sqlite_path",
    "store_name",
    "synonyms",
    "version_tables",
    "versions",
    "write_transaction",
]
