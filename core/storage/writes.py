"""Writing the store: a commit makes a new version from a Dataset, a restore a new version from an old one.

Each runs in one write transaction (core/storage/engine.py): a killed import leaves the previous version; a
second import waits for the first, then fails cleanly if the data moved under it. A table left unchanged is
not copied: the new version points at the rows of the version that wrote it.

Test hook: when DXMAP_TEST_PAUSE_FILE names a file, `commit` writes the name of its pause point to that file
once its rows are sent, then waits inside its write transaction until the file is removed, so a test can kill
the process at a known point (tests/unit/test_store_crash.py). Unset, it costs one environment lookup.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd
from sqlalchemy import Table, func, insert, select

from core.model.dataset import AS_OF_PACKAGE, Dataset, PackageMeta
from core.model.schema import BOUNDARY_COLUMNS, TABLES, Kind, TableSpec
from core.storage import postgis
from core.storage.engine import StoreError, write_transaction
from core.storage.reads import _AS_OF_SOURCE_KEY, _PACKAGE_AS_OF_KEY
from core.storage.tables import DATA_TABLES, boundaries, package_meta, version_tables, versions

_CHUNK = 5000

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
    n = len(frame)
    columns = {
        "version_id": [version_id] * n,
        "row_no": range(n),
        **{c.name: _py_values(frame[c.name], c.kind) if c.name in frame.columns else [None] * n for c in spec.columns},
        "extra": _extra_json(frame, extras),
    }
    _insert_columns(conn, DATA_TABLES[spec.name], columns, n)
    conn.execute(
        insert(version_tables).values(
            version_id=version_id,
            table_name=spec.name,
            source_version=version_id,
            extra_columns=json.dumps(extras, ensure_ascii=False),
            rows=n,
        )
    )


def _write_boundaries(conn: Any, gdf: Any, version_id: int) -> None:
    extras = [c for c in gdf.columns if c not in BOUNDARY_COLUMNS and c != gdf.geometry.name]
    wkb = postgis.geometry_values(conn, gdf.geometry)
    text_cols = {c: _py_values(gdf[c], Kind.TEXT) for c in ("level", "code", "name", "parent_code")}
    n = len(gdf)
    approximate = [bool(v) for v in gdf["approximate"]] if "approximate" in gdf.columns else [False] * n
    columns = {
        "version_id": [version_id] * n,
        "row_no": range(n),
        **text_cols,
        "approximate": approximate,
        "geometry": wkb,
        "extra": _extra_json(gdf, extras),
    }
    _insert_columns(conn, boundaries, columns, n)
    conn.execute(
        insert(version_tables).values(
            version_id=version_id,
            table_name="boundaries",
            source_version=version_id,
            extra_columns=json.dumps(extras, ensure_ascii=False),
            rows=len(gdf),
        )
    )


def _insert_columns(conn: Any, table: Table, columns: dict[str, Sequence[Any]], n: int) -> None:
    """`n` rows given column by column, through the database driver's own many-row insert, each column's values
    converted by its type as SQLAlchemy would. SQLAlchemy's row-by-row parameter handling, and then building a
    dict per row, were most of a commit's time."""
    if not n:
        return
    dialect = conn.dialect
    compiled = insert(table).compile(dialect=dialect, column_keys=list(columns))
    order = list(compiled.positiontup) if compiled.positional else list(columns)
    converted = []
    for name in order:
        processor = table.c[name].type.dialect_impl(dialect).bind_processor(dialect)
        converted.append(list(map(processor, columns[name])) if processor is not None else columns[name])
    rows = list(zip(*converted, strict=True))
    sql = str(compiled)
    for start in range(0, n, _CHUNK):
        chunk = rows[start : start + _CHUNK]
        if compiled.positional:
            conn.exec_driver_sql(sql, chunk)
        else:
            conn.exec_driver_sql(sql, [dict(zip(order, row, strict=True)) for row in chunk])


def _py_values(series: pd.Series, kind: Kind) -> list[Any]:
    """Plain Python values for the database: None for blanks, int/float/date/str otherwise."""
    missing = series.isna().to_numpy()
    if kind == Kind.DATE:
        values = pd.to_datetime(series).dt.date.astype(object).to_numpy().copy()
    elif kind == Kind.INT:
        if not missing.any():
            return series.to_numpy(dtype="int64").tolist()
        values = series.astype(object).to_numpy()
        return [None if m else int(v) for v, m in zip(values, missing, strict=True)]
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
