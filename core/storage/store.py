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
"""

from __future__ import annotations

import json
import math
import os
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pandas as pd
from sqlalchemy import (
    Table,
    func,
    insert,
    select,
)
from sqlalchemy.exc import DBAPIError

from core import config
from core.model.dataset import AS_OF_PACKAGE, Dataset, PackageMeta
from core.model.schema import BOUNDARY_COLUMNS, TABLES, TEXT_DTYPE, Kind, TableSpec, empty_table
from core.storage import postgis
from core.storage.engine import (  # noqa: F401 - the public face of the store's engine
    BUSY_SECONDS,
    CONNECT_SECONDS,
    DEFAULT_STORE,
    LOCK_KEY,
    StoreError,
    StoreUnavailable,
    _forget,
    _kind,
    enable_postgis,
    engine,
    exists,
    open_store,
    resolve_url,
    sqlite_path,
    store_name,
    write_transaction,
)
from core.storage.tables import (  # noqa: F401 - the tables, named here for the modules that read and write them
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

_CHUNK = 5000


@dataclass(frozen=True)
class Version:
    id: int
    created_at: datetime
    who: str
    note: str
    files: tuple[str, ...]
    row_counts: Mapping[str, int]
    restored_from: int | None
    as_of: date | None = None  # the data's "as of" in this version
    as_of_source: str = AS_OF_PACKAGE  # what set it: "package", or "activities" (the newest imported activity)


# --- reading -------------------------------------------------------------------------------------------


def current_version_id(url: str | None = None) -> int | None:
    """The newest version's id, or None when the store is absent or empty. Cheap: one indexed query.

    Raises StoreUnavailable when the store is there but cannot be read (server down, damaged file).
    """
    if open_store(url) is None:
        return None
    try:
        with engine(url).connect() as conn:
            return conn.execute(select(func.max(versions.c.id))).scalar()
    except DBAPIError as exc:
        _forget(url)  # the store may have been replaced since it was checked: look again
        if open_store(url) is None:
            return None
        raise StoreUnavailable(_kind(url)) from exc


def has_data(url: str | None = None) -> bool:
    return current_version_id(url) is not None


def list_versions(url: str | None = None) -> list[Version]:
    """Every version, newest first."""
    if current_version_id(url) is None:
        return []
    with engine(url).connect() as conn:
        rows = conn.execute(
            select(versions, package_meta.c.as_of, package_meta.c.extra.label("meta_extra"))
            .join(package_meta, package_meta.c.version_id == versions.c.id, isouter=True)
            .order_by(versions.c.id.desc())
        ).all()
    return [_version(r) for r in rows]


def get_version(version_id: int, url: str | None = None) -> Version | None:
    return next((v for v in list_versions(url) if v.id == version_id), None)


def _version(row: Any) -> Version:
    return Version(
        id=row.id,
        created_at=datetime.fromisoformat(row.created_at),
        who=row.who or "",
        note=row.note or "",
        files=tuple(json.loads(row.files or "[]")),
        row_counts=MappingProxyType(json.loads(row.row_counts or "{}")),
        restored_from=row.restored_from,
        as_of=row.as_of,
        as_of_source=json.loads(row.meta_extra or "{}").get(_AS_OF_SOURCE_KEY) or AS_OF_PACKAGE,
    )


def load_dataset(version_id: int | None = None, url: str | None = None) -> Dataset:
    """The Dataset of a version (default: the current one). Units and crosswalk come from the catalogue."""
    open_store(url)
    version_id = version_id if version_id is not None else current_version_id(url)
    if version_id is None:
        raise StoreError("store_empty")
    try:
        return _load_version(version_id, url)
    except DBAPIError as exc:  # the server went away or the file broke after the version was found
        raise StoreUnavailable(_kind(url)) from exc


def _load_version(version_id: int, url: str | None) -> Dataset:
    from core.model.admin_units import units_for

    with engine(url).connect() as conn:
        meta_row = conn.execute(select(package_meta).where(package_meta.c.version_id == version_id)).first()
        if meta_row is None:
            raise StoreError("version_unknown", version=version_id)
        sources = {
            r.table_name: r
            for r in conn.execute(select(version_tables).where(version_tables.c.version_id == version_id))
        }
        frames = {name: _read_table(conn, spec, sources.get(name)) for name, spec in TABLES.items()}
        bounds = _read_boundaries(conn, sources.get("boundaries"))
    meta = _meta(meta_row)
    try:
        units, crosswalk = units_for(meta.province_code, meta.admin_system)
    except Exception:  # noqa: BLE001 - same fallback as the package reader
        from core.model.admin_units import CROSSWALK_COLUMNS, UNIT_COLUMNS

        units, crosswalk = pd.DataFrame(columns=list(UNIT_COLUMNS)), pd.DataFrame(columns=list(CROSSWALK_COLUMNS))
    return Dataset(meta=meta, units=units, crosswalk=crosswalk, boundaries=bounds, **frames)


# where the data's "as of" came from is kept in the meta's JSON `extra` under these keys (no column of its own)
_AS_OF_SOURCE_KEY = "__as_of_source"
_PACKAGE_AS_OF_KEY = "__package_as_of"


def _meta(row: Any) -> PackageMeta:
    extra = json.loads(row.extra or "{}")
    source = extra.pop(_AS_OF_SOURCE_KEY, None) or AS_OF_PACKAGE
    package_as_of = extra.pop(_PACKAGE_AS_OF_KEY, None)
    return PackageMeta(
        name=row.name,
        province_code=row.province_code,
        province_name=row.province_name,
        admin_system=row.admin_system,
        as_of=row.as_of,
        source=row.source or "",
        license=row.license or "",
        synthetic=bool(row.synthetic),
        extra=MappingProxyType(extra),
        as_of_source=source,
        package_as_of=date.fromisoformat(package_as_of) if package_as_of else None,
    )


def _read_table(conn: Any, spec: TableSpec, source: Any) -> pd.DataFrame:
    if source is None:
        return empty_table(spec)
    table = DATA_TABLES[spec.name]
    result = conn.execute(select(table).where(table.c.version_id == source.source_version).order_by(table.c.row_no))
    rows = result.all()
    columns = list(zip(*rows, strict=True)) if rows else [[] for _ in table.columns]
    by_name = dict(zip([c.name for c in table.columns], columns, strict=True))
    data = {c.name: _to_series(list(by_name[c.name]), c.kind, c.dtype) for c in spec.columns}
    extras = json.loads(source.extra_columns or "[]")
    if extras:
        decoded = [json.loads(e) if e else {} for e in by_name["extra"]]
        for name in extras:
            data[name] = pd.Series([d.get(name) for d in decoded], dtype=TEXT_DTYPE)
    return pd.DataFrame(data)


def _to_series(values: list[Any], kind: Kind, dtype: str) -> pd.Series:
    if kind == Kind.DATE:
        return pd.Series(pd.to_datetime(pd.Series(values, dtype=object)), dtype="datetime64[ns]")
    if kind in (Kind.SHARE, Kind.FLOAT):
        return pd.Series([math.nan if v is None else v for v in values], dtype="float64")
    return pd.Series(values, dtype=dtype if values else dtype)


def _read_boundaries(conn: Any, source: Any) -> Any:
    if source is None:
        return None
    import geopandas as gpd

    rows = conn.execute(
        select(boundaries).where(boundaries.c.version_id == source.source_version).order_by(boundaries.c.row_no)
    ).all()
    geometry = postgis.read_geometries([r.geometry for r in rows])
    data = {
        "level": pd.Series([r.level for r in rows], dtype=TEXT_DTYPE),
        "code": pd.Series([r.code for r in rows], dtype=TEXT_DTYPE),
        "name": pd.Series([r.name for r in rows], dtype=TEXT_DTYPE),
        "parent_code": pd.Series([r.parent_code for r in rows], dtype=TEXT_DTYPE),
        "approximate": pd.Series([bool(r.approximate) for r in rows], dtype=bool),
    }
    extras = json.loads(source.extra_columns or "[]")
    decoded = [json.loads(r.extra) if r.extra else {} for r in rows]
    for name in extras:
        data[name] = pd.Series([d.get(name) for d in decoded], dtype=object)
    return gpd.GeoDataFrame(data, geometry=list(geometry), crs="EPSG:4326")


# --- writing -------------------------------------------------------------------------------------------

PAUSE_FILE_VAR = "DXMAP_TEST_PAUSE_FILE"
PAUSE_ROWS_WRITTEN = "commit: rows sent, version not recorded yet"


def _pause_for_tests(point: str) -> None:
    """The test hook (see the module docstring); the file appears whole (renamed into place)."""
    wanted = os.environ.get(PAUSE_FILE_VAR)
    if not wanted:
        return
    target = Path(wanted)
    partial = target.with_name(target.name + ".partial")
    partial.write_text(point, encoding="utf-8")
    partial.replace(target)
    while target.exists():
        time.sleep(0.05)


def commit(
    dataset: Dataset,
    *,
    who: str = "",
    note: str = "",
    files: tuple[str, ...] | list[str] = (),
    base_version: int | None = -1,
    unchanged: frozenset[str] | set[str] = frozenset(),
    url: str | None = None,
) -> int:
    """Write `dataset` as a new version in one transaction; returns its id.

    `base_version` is the version the caller's changes were computed against (None: an empty store);
    when the store has moved on since, nothing is written and StoreError("store_changed") is raised.
    Pass -1 to skip that check. Tables named in `unchanged` reuse the base version's rows.
    """
    with write_transaction(url) as conn:
        current = conn.execute(select(func.max(versions.c.id))).scalar()
        if base_version != -1 and current != base_version:
            raise StoreError("store_changed", base=base_version or 0, current=current or 0)
        new_id = (current or 0) + 1
        previous = _sources(conn, current) if current else {}
        counts: dict[str, int] = {}
        for name, spec in TABLES.items():
            frame = getattr(dataset, name)
            counts[name] = len(frame)
            if name in unchanged and name in previous:
                conn.execute(insert(version_tables).values(**{**previous[name], "version_id": new_id}))
            else:
                _write_table(conn, spec, frame, new_id)
        if dataset.boundaries is not None:
            counts["boundaries"] = len(dataset.boundaries)
            if "boundaries" in unchanged and "boundaries" in previous:
                conn.execute(insert(version_tables).values(**{**previous["boundaries"], "version_id": new_id}))
            else:
                _write_boundaries(conn, dataset.boundaries, new_id)
        _pause_for_tests(PAUSE_ROWS_WRITTEN)
        _write_meta(conn, dataset.meta, new_id)
        conn.execute(
            insert(versions).values(
                id=new_id,
                created_at=datetime.now(UTC).isoformat(timespec="seconds"),
                who=who.strip(),
                note=note.strip(),
                files=json.dumps(list(files), ensure_ascii=False),
                row_counts=json.dumps(counts),
                restored_from=None,
            )
        )
    return new_id


def restore(version_id: int, *, who: str = "", url: str | None = None) -> int:
    """A new version whose data is exactly that of `version_id` (nothing is copied, nothing is lost)."""
    with write_transaction(url) as conn:
        old = conn.execute(select(versions).where(versions.c.id == version_id)).first()
        if old is None:
            raise StoreError("version_unknown", version=version_id)
        current = conn.execute(select(func.max(versions.c.id))).scalar()
        new_id = current + 1
        for row in _sources(conn, version_id).values():
            conn.execute(insert(version_tables).values(**{**row, "version_id": new_id}))
        meta_row = conn.execute(select(package_meta).where(package_meta.c.version_id == version_id)).mappings().first()
        conn.execute(insert(package_meta).values(**{**meta_row, "version_id": new_id}))
        conn.execute(
            insert(versions).values(
                id=new_id,
                created_at=datetime.now(UTC).isoformat(timespec="seconds"),
                who=who.strip(),
                note="",
                files=old.files,
                row_counts=old.row_counts,
                restored_from=version_id,
            )
        )
    return new_id


def _sources(conn: Any, version_id: int) -> dict[str, dict[str, Any]]:
    rows = conn.execute(select(version_tables).where(version_tables.c.version_id == version_id)).mappings()
    return {r["table_name"]: dict(r) for r in rows}


def _write_meta(conn: Any, meta: PackageMeta, version_id: int) -> None:
    conn.execute(
        insert(package_meta).values(
            version_id=version_id,
            name=meta.name,
            province_code=meta.province_code,
            province_name=meta.province_name,
            admin_system=meta.admin_system,
            as_of=meta.as_of,
            source=meta.source,
            license=meta.license,
            synthetic=bool(meta.synthetic),
            extra=json.dumps(_meta_extra(meta), ensure_ascii=False, default=str),
        )
    )


def _meta_extra(meta: PackageMeta) -> dict[str, Any]:
    extra = {k: v for k, v in meta.extra.items() if k not in (_AS_OF_SOURCE_KEY, _PACKAGE_AS_OF_KEY)}
    if meta.as_of_source != AS_OF_PACKAGE:
        extra[_AS_OF_SOURCE_KEY] = meta.as_of_source
    if meta.package_as_of is not None:
        extra[_PACKAGE_AS_OF_KEY] = meta.package_as_of.isoformat()
    return extra


def _write_table(conn: Any, spec: TableSpec, frame: pd.DataFrame, version_id: int) -> None:
    extras = [c for c in frame.columns if c not in spec.names]
    columns = {
        c.name: _py_values(frame[c.name], c.kind) if c.name in frame.columns else [None] * len(frame)
        for c in spec.columns
    }
    extra_values = _extra_json(frame, extras)
    records = [
        {"version_id": version_id, "row_no": i, **{k: v[i] for k, v in columns.items()}, "extra": extra_values[i]}
        for i in range(len(frame))
    ]
    _insert_chunks(conn, DATA_TABLES[spec.name], records)
    conn.execute(
        insert(version_tables).values(
            version_id=version_id,
            table_name=spec.name,
            source_version=version_id,
            extra_columns=json.dumps(extras, ensure_ascii=False),
            rows=len(frame),
        )
    )


def _write_boundaries(conn: Any, gdf: Any, version_id: int) -> None:
    extras = [c for c in gdf.columns if c not in BOUNDARY_COLUMNS and c != gdf.geometry.name]
    wkb = postgis.geometry_values(conn, gdf.geometry)
    text_cols = {c: _py_values(gdf[c], Kind.TEXT) for c in ("level", "code", "name", "parent_code")}
    approximate = [bool(v) for v in gdf["approximate"]] if "approximate" in gdf.columns else [False] * len(gdf)
    extra_values = _extra_json(gdf, extras)
    records = [
        {
            "version_id": version_id,
            "row_no": i,
            **{k: v[i] for k, v in text_cols.items()},
            "approximate": approximate[i],
            "geometry": wkb[i],
            "extra": extra_values[i],
        }
        for i in range(len(gdf))
    ]
    _insert_chunks(conn, boundaries, records)
    conn.execute(
        insert(version_tables).values(
            version_id=version_id,
            table_name="boundaries",
            source_version=version_id,
            extra_columns=json.dumps(extras, ensure_ascii=False),
            rows=len(gdf),
        )
    )


def _insert_chunks(conn: Any, table: Table, records: list[dict[str, Any]]) -> None:
    for start in range(0, len(records), _CHUNK):
        conn.execute(insert(table), records[start : start + _CHUNK])


def _py_values(series: pd.Series, kind: Kind) -> list[Any]:
    """Plain Python values for the database: None for blanks, int/float/date/str otherwise."""
    missing = series.isna().to_numpy()
    if kind == Kind.DATE:
        values = pd.to_datetime(series).dt.date.astype(object).to_numpy().copy()
    elif kind == Kind.INT:
        values = series.astype(object).to_numpy()
        values = [None if m else int(v) for v, m in zip(values, missing, strict=True)]
        return values
    elif kind in (Kind.SHARE, Kind.FLOAT):
        values = series.astype("float64").astype(object).to_numpy().copy()
    else:
        values = series.astype(object).to_numpy()
        return [None if m else str(v) for v, m in zip(values, missing, strict=True)]
    values[missing] = None
    return values.tolist()


def _extra_json(frame: pd.DataFrame, extras: list[str]) -> list[str | None]:
    if not extras:
        return [None] * len(frame)
    values = {c: _py_values(frame[c], Kind.TEXT) for c in extras}
    return [
        json.dumps({c: values[c][i] for c in extras if values[c][i] is not None}, ensure_ascii=False)
        for i in range(len(frame))
    ]


# --- which data a command or the app reads -------------------------------------------------------------


def _explicit_package() -> Path | None:
    """DXMAP_PACKAGE when it names a package other than the demo (it then wins over the store)."""
    path = config.package_path()
    return None if path == config.DEMO_PACKAGE else path


def source_version(db: str | None = None) -> tuple[str, int] | None:
    """The store URL to read by ARCHITECTURE's rule with its current version id (one query), or None when a
    package is read instead.

    `db` wins; else DXMAP_PACKAGE (a package); else DATABASE_URL (while that store is empty: the package);
    else the default store file when it holds data; else the demo package.
    """
    if db:
        url = db
    elif _explicit_package() is not None:
        return None
    else:
        url = config.database_url()
        if not (url or exists(None)):
            return None
    version_id = current_version_id(url)
    return (db or resolve_url(url), version_id) if version_id is not None else None
