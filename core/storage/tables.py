"""The store's tables: the versions, one table per package table with the rows each version wrote, boundaries,
synonyms, accounts with their sign-in locks, remembered sign-ins and the audit log, adopted plans.

A new PostgreSQL store gets its PostGIS columns when the tables are created (an older one at upgrade step 5 of
core/storage/migrations.py, which creates the tables later steps added from here).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    Float,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    event,
)

from core.model.schema import TABLES, Kind, TableSpec
from core.storage import postgis

metadata = MetaData()

versions = Table(
    "versions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("created_at", String(40), nullable=False),  # ISO UTC
    Column("who", Text, nullable=False, default=""),
    Column("note", Text, nullable=False, default=""),
    Column("files", Text, nullable=False, default="[]"),  # JSON list of file names
    Column("row_counts", Text, nullable=False, default="{}"),  # JSON {table: rows}
    Column("restored_from", Integer, nullable=True),
)
version_tables = Table(
    "version_tables",
    metadata,
    Column("version_id", Integer, primary_key=True),
    Column("table_name", String(40), primary_key=True),
    Column("source_version", Integer, nullable=False),  # whose rows this version uses
    Column("extra_columns", Text, nullable=False, default="[]"),
    Column("rows", Integer, nullable=False, default=0),
)
package_meta = Table(
    "package_meta",
    metadata,
    Column("version_id", Integer, primary_key=True, autoincrement=False),
    Column("name", Text, nullable=False),
    Column("province_code", String(2), nullable=False),
    Column("province_name", Text, nullable=False),
    Column("admin_system", String(10), nullable=False),
    Column("as_of", Date, nullable=False),
    Column("source", Text, nullable=False, default=""),
    Column("license", Text, nullable=False, default=""),
    Column("synthetic", Boolean, nullable=False, default=False),
    Column("extra", Text, nullable=False, default="{}"),
)


def _sql_type(kind: Kind):
    return {Kind.INT: BigInteger, Kind.SHARE: Float, Kind.FLOAT: Float, Kind.DATE: Date}.get(kind, Text)


def _data_table(spec: TableSpec) -> Table:
    return Table(
        spec.name,
        metadata,
        Column("version_id", Integer, nullable=False, index=True),
        Column("row_no", Integer, nullable=False),
        *(Column(c.name, _sql_type(c.kind), nullable=True) for c in spec.columns),
        Column("extra", Text, nullable=True),  # JSON {column: text} of the file's extra columns
    )


DATA_TABLES: dict[str, Table] = {name: _data_table(spec) for name, spec in TABLES.items()}
boundaries = Table(
    "boundaries",
    metadata,
    Column("version_id", Integer, nullable=False, index=True),
    Column("row_no", Integer, nullable=False),
    Column("level", Text),
    Column("code", Text),
    Column("name", Text),
    Column("parent_code", Text),
    Column("approximate", Boolean),
    Column("geometry", LargeBinary),  # WKB, EPSG:4326
    Column("extra", Text, nullable=True),
)
STORED_TABLES = (*TABLES, "boundaries")
# words a person confirmed for unknown values of reports (schema step 4; core/storage/synonyms.py reads and writes)
synonyms = Table(
    "synonyms",
    metadata,
    Column("province_code", String(2), primary_key=True),
    Column("field", String(40), primary_key=True),
    Column("value_key", Text, primary_key=True),
    Column("value", Text, nullable=False),
    Column("target", Text, nullable=False),
    Column("who", Text, nullable=False, default=""),
    Column("created_at", String(40), nullable=False),  # ISO UTC
)

# --- accounts and the audit log (core/accounts.py, core/audit.py): same database, same write lock --------------
accounts = Table(
    "accounts",
    metadata,
    Column("username", String(64), primary_key=True),
    Column("display_name", Text, nullable=False, default=""),
    Column("role", String(20), nullable=False),
    Column("area", Text, nullable=False, default="[]"),  # JSON list of district/commune codes; [] = the province
    Column("active", Boolean, nullable=False, default=True),
    Column("password_hash", Text, nullable=False),  # argon2id, PHC string
    Column("created_at", String(40), nullable=False),  # ISO UTC
    Column("last_signin", String(40), nullable=True),  # ISO UTC
)
signin_attempts = Table(  # wrong passwords per typed user name, known or not (a lock reveals nothing)
    "signin_attempts",
    metadata,
    Column("username", String(64), primary_key=True),
    Column("failures", Integer, nullable=False, default=0),
    Column("last_failure", String(40), nullable=False),  # ISO UTC
    Column("locked_until", String(40), nullable=True),  # ISO UTC
)
audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", String(40), nullable=False, index=True),  # ISO UTC
    Column("actor", Text, nullable=False, default=""),
    Column("action", String(40), nullable=False),
    Column("detail", Text, nullable=False, default="{}"),  # JSON
)
ACCOUNT_TABLES = (accounts, signin_attempts, audit_log)
# remembered sign-ins (schema step 6; core/accounts.py): only the SHA-256 of each browser's token is kept
session_tokens = Table(
    "session_tokens",
    metadata,
    Column("token_hash", String(64), primary_key=True),  # hex SHA-256 of the token the browser's cookie holds
    Column("username", String(64), nullable=False, index=True),
    Column("created_at", String(40), nullable=False),  # ISO UTC
    Column("last_seen", String(40), nullable=False),  # ISO UTC
    Column("expires_at", String(40), nullable=False),  # ISO UTC: last seen + the inactivity timeout
    Column("password_mark", String(64), nullable=False),  # SHA-256 of the password hash it was issued under
)
# the adopted deployment plan of each month (schema step 7; core/storage/plans.py): every adoption is kept, the
# newest of a month is its plan; its rows are the (team, village) pairs it sends
adopted_plans = Table(
    "adopted_plans",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("month", String(7), nullable=False, index=True),  # YYYY-MM
    Column("adopted_at", String(40), nullable=False),  # ISO UTC
    Column("who", Text, nullable=False, default=""),
    Column("area", Text, nullable=False, default="[]"),  # JSON list of the codes it was made for; [] = province
    Column("settings", Text, nullable=False, default="{}"),  # JSON: nights, capacity, travel limit, preset...
    Column("summary", Text, nullable=False, default="{}"),  # JSON: the plan's summary when it was adopted
    Column("data_version", Integer, nullable=True),  # the store version it was made from (None: a package)
)
adopted_plan_rows = Table(
    "adopted_plan_rows",
    metadata,
    Column("plan_id", Integer, primary_key=True, autoincrement=False),
    Column("team_id", Text, primary_key=True),
    Column("village_id", Text, primary_key=True),
    Column("nights", Integer, nullable=False, default=0),
    Column("expected_people", Integer, nullable=False, default=0),
)
PLAN_TABLES = (adopted_plans, adopted_plan_rows)


@event.listens_for(metadata, "after_create")
def _spatial_columns(_target: MetaData, connection: Any, **_kw: Any) -> None:
    """A new PostgreSQL store gets PostGIS columns at once (an older one at upgrade step 5): see postgis.py."""
    postgis.enable(connection)
