"""PostGIS on PostgreSQL: boundaries as `geometry(Geometry, 4326)`, village points as a generated
`geometry(Point, 4326)` column, both with GiST indexes; and the area queries that run in SQL.

SQLite stores keep WKB bytes, and so does a PostgreSQL server without the `postgis` extension (or a role that
may not create it): the store then works as before and a notice is logged once per process. The dataset the
app reads does not change: boundaries come back as the same shapes, the villages table keeps `lat`/`lon`.

`enable` is idempotent. It runs when a new store's tables are created (core/storage/tables.py listens for
`create_all`) and as upgrade step 5 (core/storage/migrations.py) for a store written before, so a new and an
upgraded store end with the same columns. A server that gets PostGIS later: `store.enable_postgis(url)` converts
the store.
"""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import Connection, inspect, text
from sqlalchemy.dialects.postgresql.base import ischema_names
from sqlalchemy.exc import DBAPIError
from sqlalchemy.types import UserDefinedType

SRID = 4326
POINT_COLUMN = "geom"  # the villages' generated point column (PostgreSQL with PostGIS only)
BOUNDARY_INDEX = "boundaries_geometry_gist"
VILLAGE_INDEX = "villages_geom_gist"

log = logging.getLogger("dxmap.store")


class Geometry(UserDefinedType):
    """PostGIS's type, so that reading a store's table layout knows it (values are written and read as WKB)."""

    cache_ok = True

    def __init__(self, *_typmod: Any, **_kw: Any) -> None:  # reflection passes "Geometry, 4326"
        super().__init__()

    def get_col_spec(self, **_kw: Any) -> str:
        return "geometry"


ischema_names.setdefault("geometry", Geometry)
_NOTICED: set[str] = set()


def _notice(key: str, message: str, *args: Any) -> None:
    if key not in _NOTICED:
        _NOTICED.add(key)
        log.warning(message, *args)


def extension_installed(conn: Connection) -> bool:
    if conn.dialect.name != "postgresql":
        return False
    return conn.execute(text("SELECT 1 FROM pg_extension WHERE extname = 'postgis'")).first() is not None


def extension_available(conn: Connection) -> bool:
    """The server has the PostGIS files (Debian `postgresql-NN-postgis-3`)."""
    found = conn.execute(text("SELECT 1 FROM pg_available_extensions WHERE name = 'postgis'")).first()
    return found is not None


def _udt(conn: Connection, table: str, column: str) -> str | None:
    return conn.execute(
        text(
            "SELECT udt_name FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND table_name = :t AND column_name = :c"
        ),
        {"t": table, "c": column},
    ).scalar()


def boundaries_are_geometry(conn: Connection) -> bool:
    """True when this store keeps boundaries as PostGIS geometry (else WKB bytes)."""
    return conn.dialect.name == "postgresql" and _udt(conn, "boundaries", "geometry") == "geometry"


def enable(conn: Connection) -> bool:
    """Make the store's spatial columns PostGIS ones, inside the caller's transaction. True when they are.

    Not PostgreSQL: nothing to do (False). PostGIS missing or not allowed: a logged notice, nothing changed
    (the failed CREATE EXTENSION is undone to a savepoint, so the caller's transaction goes on).
    """
    if conn.dialect.name != "postgresql":
        return False
    if not extension_installed(conn):
        if not extension_available(conn):
            _notice(
                "missing",
                "PostGIS is not installed on this PostgreSQL server: boundaries and village points stay WKB "
                "and area queries run in Python (install the Debian package postgis to use it)",
            )
            return False
        try:
            with conn.begin_nested():
                conn.execute(text("CREATE EXTENSION IF NOT EXISTS postgis"))
        except DBAPIError as exc:
            _notice(
                "denied",
                "PostGIS could not be enabled in this database (%s): boundaries and village points stay WKB; "
                "a superuser can run CREATE EXTENSION postgis",
                getattr(exc.orig, "sqlstate", None) or type(exc.orig).__name__,
            )
            return False
    insp = inspect(conn)
    if insp.has_table("boundaries") and _udt(conn, "boundaries", "geometry") != "geometry":
        conn.execute(
            text(
                f"ALTER TABLE boundaries ALTER COLUMN geometry TYPE geometry(Geometry, {SRID}) "
                f"USING ST_SetSRID(ST_GeomFromWKB(geometry), {SRID})"
            )
        )
    if insp.has_table("boundaries"):
        conn.execute(text(f"CREATE INDEX IF NOT EXISTS {BOUNDARY_INDEX} ON boundaries USING gist (geometry)"))
    if insp.has_table("villages") and _udt(conn, "villages", POINT_COLUMN) is None:
        conn.execute(
            text(
                f"ALTER TABLE villages ADD COLUMN {POINT_COLUMN} geometry(Point, {SRID}) GENERATED ALWAYS AS "
                f"(CASE WHEN lon IS NULL OR lat IS NULL THEN NULL "
                f"ELSE ST_SetSRID(ST_MakePoint(lon, lat), {SRID}) END) STORED"
            )
        )
    if insp.has_table("villages"):
        conn.execute(text(f"CREATE INDEX IF NOT EXISTS {VILLAGE_INDEX} ON villages USING gist ({POINT_COLUMN})"))
    return True


def geometry_values(conn: Connection, geometries: Any) -> list[Any]:
    """What to write in `boundaries.geometry`: EWKB with SRID 4326 for a PostGIS column, WKB bytes otherwise."""
    import shapely

    values = geometries.to_numpy() if hasattr(geometries, "to_numpy") else geometries
    if boundaries_are_geometry(conn):
        return list(shapely.to_wkb(shapely.set_srid(values, SRID), include_srid=True))
    return list(shapely.to_wkb(values))


def read_geometries(values: list[Any]) -> Any:
    """Stored geometries as shapely objects: from WKB bytes, or PostGIS's hex EWKB text (its SRID dropped, so
    both stores give the same objects; the frame carries EPSG:4326)."""
    import shapely

    if not any(isinstance(v, str) for v in values):
        return shapely.from_wkb([None if v is None else bytes(v) for v in values])
    return shapely.set_srid(shapely.from_wkb(values), 0)


# --- area queries in SQL ---------------------------------------------------------------------------------


def villages_in_bbox(conn: Connection, source_version: int, bbox: tuple[float, float, float, float]) -> list[int]:
    """Row numbers of the villages of a version inside (min lon, min lat, max lon, max lat), via the GiST index."""
    rows = conn.execute(
        text(
            f"SELECT row_no FROM villages WHERE version_id = :v AND {POINT_COLUMN} && "
            f"ST_MakeEnvelope(:x0, :y0, :x1, :y1, {SRID}) ORDER BY row_no"
        ),
        {"v": source_version, "x0": bbox[0], "y0": bbox[1], "x1": bbox[2], "y1": bbox[3]},
    )
    return [r[0] for r in rows]


def villages_within(conn: Connection, source_version: int, boundary_version: int, code: str) -> list[int]:
    """Row numbers of the villages of a version whose point lies in the boundary `code` (a commune, a district)."""
    rows = conn.execute(
        text(
            f"SELECT v.row_no FROM villages v JOIN boundaries b ON b.version_id = :bv AND b.code = :code "
            f"WHERE v.version_id = :v AND ST_Intersects(v.{POINT_COLUMN}, b.geometry) ORDER BY v.row_no"
        ),
        {"v": source_version, "bv": boundary_version, "code": code},
    )
    return [r[0] for r in rows]
