"""Reading the store: its versions, a version's Dataset, and which store the app and the commands read.

A version lists, per table, which version's rows it uses (`version_tables.source_version`); a table is read
from those rows, in their order, with the columns a package had beyond the schema's kept as they came.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from types import MappingProxyType
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
from sqlalchemy import func, select
from sqlalchemy.exc import DBAPIError

from core import config
from core.model.dataset import AS_OF_PACKAGE, Dataset, PackageMeta
from core.model.schema import INT_DTYPE, TABLES, TEXT_DTYPE, Kind, TableSpec, empty_table
from core.storage import postgis
from core.storage.engine import (
    StoreError,
    StoreUnavailable,
    _forget,
    _kind,
    engine,
    exists,
    open_store,
    resolve_url,
)
from core.storage.tables import DATA_TABLES, boundaries, package_meta, version_tables, versions

# where the data's "as of" came from is kept in the meta's JSON `extra` under these keys (no column of its own)
_AS_OF_SOURCE_KEY = "__as_of_source"
_PACKAGE_AS_OF_KEY = "__package_as_of"


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
    rows = _plain_rows(result)
    columns = list(zip(*rows, strict=True)) if rows else [[] for _ in table.columns]
    by_name = dict(zip([c.name for c in table.columns], columns, strict=True))
    data = {c.name: _to_series(list(by_name[c.name]), c.kind, c.dtype) for c in spec.columns}
    extras = json.loads(source.extra_columns or "[]")
    if extras:
        decoded = [json.loads(e) if e else {} for e in by_name["extra"]]
        for name in extras:
            data[name] = pd.Series([d.get(name) for d in decoded], dtype=TEXT_DTYPE)
    return pd.DataFrame(data)


def _plain_rows(result: Any) -> list[tuple]:
    """A result's rows as the database driver gives them: plain tuples, without SQLAlchemy's per-row objects and
    type processing. Dates come as text from SQLite and are parsed by the caller with the rest of their column."""
    try:
        return result.cursor.fetchall()
    finally:
        result.close()


def _to_series(values: list[Any], kind: Kind, dtype: str) -> pd.Series:
    if kind == Kind.DATE:
        return pd.Series(pd.to_datetime(pd.Series(values, dtype=object)), dtype="datetime64[ns]")
    if kind in (Kind.SHARE, Kind.FLOAT):
        return pd.Series([math.nan if v is None else v for v in values], dtype="float64")
    if values and dtype == INT_DTYPE:  # counts: one NumPy pass instead of pandas checking each value
        cells = np.array(values, dtype=object)
        blank = cells == None  # noqa: E711 - elementwise: the cells the database left empty
        return pd.Series(pd.arrays.IntegerArray(np.where(blank, 0, cells).astype("int64"), blank.astype(bool)))
    if values and dtype == TEXT_DTYPE:
        try:  # text: handed to Arrow, which pandas' string dtype stores it in, in one step
            return pd.Series(pd.array(pa.array(values, type=pa.large_string()), dtype=TEXT_DTYPE))
        except (pa.ArrowInvalid, pa.ArrowTypeError):  # a value that is not text: pandas converts it
            pass
    return pd.Series(values, dtype=dtype)


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
