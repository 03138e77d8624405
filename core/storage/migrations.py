"""The store's schema version and its forward upgrade steps.

A store records its schema version in a `schema_version` table, one row per version it reached (so the
history of upgrades stays readable). A store written before that table existed has the tables of version 1
and no marker: it is version 1. Upgrades run inside the store's write transaction (core/storage/engine.py holds the
write lock around `prepare`), so a second process waiting for the lock finds the work done, and a step that
fails leaves the store at its old version.

Adding a schema change: append a `Step` to `STEPS` whose `version` is the next number, change the tables in
core/storage/tables.py to match, and extend tests/unit/test_store_migrations.py (a fresh store and an upgraded v1
store must end with the same tables and columns).

A plain list of functions rather than Alembic: the store's tables are generated from core/model/schema.py, there
is one linear history and two databases; Alembic's script directory, env.py and revision graph would add a
dependency and a second description of the same tables for no gain here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Column, Connection, Integer, MetaData, String, Table, Text, func, insert, inspect, select, text

from core.storage import postgis
from core.storage.tables import ACCOUNT_TABLES, PLAN_TABLES, session_tokens

BASE_VERSION = 1  # the schema stores had before they carried a version marker


@dataclass(frozen=True)
class Step:
    """One forward upgrade: `run` takes a store at `version - 1` to `version` (inside the write transaction)."""

    version: int
    note: str
    run: Callable[[Connection], None]


def _activities_instance_id(conn: Connection) -> None:
    """Activities keep the instance id of a phone submission (KoboToolbox, ODK Central), blank for older rows."""
    conn.execute(text("ALTER TABLE activities ADD COLUMN instance_id TEXT"))


def _accounts_and_audit(conn: Connection) -> None:
    """Accounts, the sign-in lock of each user name and the audit log, as core/storage/tables.py defines them."""
    for table in ACCOUNT_TABLES:
        table.create(conn, checkfirst=True)


def _synonyms(conn: Connection) -> None:
    """Words a person confirmed for an unknown value of a report (per province), reused by later imports."""
    conn.execute(text(SYNONYMS_DDL))


SYNONYMS_DDL = (
    "CREATE TABLE synonyms ("
    "province_code VARCHAR(2) NOT NULL, field VARCHAR(40) NOT NULL, value_key TEXT NOT NULL, "
    "value TEXT NOT NULL, target TEXT NOT NULL, who TEXT NOT NULL DEFAULT '', created_at VARCHAR(40) NOT NULL, "
    "PRIMARY KEY (province_code, field, value_key))"
)


def _postgis(conn: Connection) -> None:
    """On PostgreSQL with PostGIS: boundaries become geometry(Geometry, 4326), villages get a point column, both
    with GiST indexes (core/storage/postgis.py). SQLite, or PostgreSQL without PostGIS: nothing changes."""
    postgis.enable(conn)


def _session_tokens(conn: Connection) -> None:
    """Remembered sign-ins: the hash of each browser's session token, its account and its expiry."""
    session_tokens.create(conn, checkfirst=True)


def _adopted_plans(conn: Connection) -> None:
    """The adopted deployment plan of each month, every adoption kept, with its (team, village) rows."""
    for table in PLAN_TABLES:
        table.create(conn, checkfirst=True)


# production upgrades, in order: STEPS[i].version == BASE_VERSION + 1 + i
STEPS: tuple[Step, ...] = (
    Step(2, "activities keep the submission's instance id", _activities_instance_id),
    Step(3, "accounts, sign-in locks and the audit log", _accounts_and_audit),
    Step(4, "confirmed synonyms of report words, per province", _synonyms),
    Step(5, "PostGIS geometry for boundaries and village points (PostgreSQL with PostGIS)", _postgis),
    Step(6, "remembered sign-ins: session token hashes", _session_tokens),
    Step(7, "adopted plans of each month and their (team, village) rows", _adopted_plans),
)

_marker_metadata = MetaData()
schema_version = Table(
    "schema_version",
    _marker_metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("applied_at", String(40), nullable=False),  # ISO UTC
    Column("note", Text, nullable=False, default=""),
)


class SchemaTooNew(Exception):
    """The store was written by newer code: reading or writing it with this code could lose data."""

    def __init__(self, found: int, supported: int):
        super().__init__(f"store schema {found}, code supports up to {supported}")
        self.found = found
        self.supported = supported


def latest(steps: Sequence[Step] = STEPS) -> int:
    """The schema version this code (with `steps`) writes; checks that the steps are numbered in order."""
    for offset, step in enumerate(steps):
        if step.version != BASE_VERSION + 1 + offset:
            raise ValueError(f"upgrade step {offset} is numbered {step.version}, expected {BASE_VERSION + 1 + offset}")
    return BASE_VERSION + len(steps)


def stored_version(conn: Connection) -> int | None:
    """The store's schema version: the marker's highest row, BASE_VERSION for a store from before the marker,
    None for an empty store (no tables yet)."""
    inspector = inspect(conn)
    if inspector.has_table(schema_version.name):
        found = conn.execute(select(func.max(schema_version.c.version))).scalar()
        return BASE_VERSION if found is None else int(found)
    return BASE_VERSION if inspector.has_table("versions") else None


def check(found: int | None, steps: Sequence[Step] = STEPS) -> None:
    """Refuse a store newer than the code before anything reads or writes it."""
    if found is not None and found > latest(steps):
        raise SchemaTooNew(found, latest(steps))


def prepare(conn: Connection, tables: MetaData, steps: Sequence[Step] = STEPS) -> list[int]:
    """Bring the store to the code's schema version. Call inside a transaction holding the write lock.

    An empty store gets today's tables (`tables`) and is marked at the latest version; an older one runs each
    missing step in order, recording it; a newer one raises SchemaTooNew and nothing is written. Returns the
    versions upgraded to (empty when there was nothing to do).
    """
    target = latest(steps)
    found = stored_version(conn)
    check(found, steps)
    if found is None:
        tables.create_all(conn)
        _mark(conn, target, "new store")
        return []
    if not inspect(conn).has_table(schema_version.name):
        _mark(conn, BASE_VERSION, "written before schema versions")
    applied = []
    for step in steps[found - BASE_VERSION :]:
        step.run(conn)
        conn.execute(insert(schema_version).values(version=step.version, applied_at=_now(), note=step.note))
        applied.append(step.version)
    return applied


def history(conn: Connection) -> list[tuple[int, str, str]]:
    """(version, applied_at, note) of every recorded version, oldest first; empty without a marker."""
    if not inspect(conn).has_table(schema_version.name):
        return []
    rows = conn.execute(select(schema_version).order_by(schema_version.c.version)).all()
    return [(r.version, r.applied_at, r.note) for r in rows]


def _mark(conn: Connection, version: int, note: str) -> None:
    schema_version.create(conn, checkfirst=True)
    conn.execute(insert(schema_version).values(version=version, applied_at=_now(), note=note))


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
