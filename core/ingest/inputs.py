"""The inputs of an import read against the data they land on: a package, table files (by id or by name, phone
exports included), boundary files, and zips of them unpacked safely."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pandas as pd

from core.ingest import reconcile, safe_zip, submissions
from core.ingest.boundaries import read_boundary_file
from core.ingest.names import ACTIVITIES_BY_NAME, BY_NAME, Reconciling, Resolver, resolve_names
from core.ingest.parsing import fold
from core.ingest.plan import REJECTED, FileRows
from core.ingest.reader import TABLE_SUFFIXES, _read_grid, _source_table, read_package
from core.ingest.validation import WARNING, Problem, SourceTable, check_table, has_errors, problem
from core.model.dataset import Dataset
from core.model.schema import ACTIVITIES, TABLES, TEXT_DTYPE, TableSpec

BOUNDARY_SUFFIXES = (".geojson", ".json", ".gpkg", ".shp")
_NUMBERING = {"stt", "so tt", "so thu tu", "tt", "no"}


@dataclass
class Incoming:
    package: Dataset | None = None
    package_file: str | None = None
    tables: list[SourceTable] = field(default_factory=list)
    present: dict[int, set[str]] = field(default_factory=dict)  # id(table) → columns present in the file
    boundaries: Any = None
    boundary_file: str | None = None
    problems: list[Problem] = field(default_factory=list)
    display: dict[Path, str] = field(default_factory=dict)  # unpacked file → name shown in problems
    rejected: list[FileRows] = field(default_factory=list)  # submissions a reviewer rejected, left out


def _choose_spec(grid: list[list[Any]], table: str | None, stem: str) -> TableSpec | None:
    """The table a file holds: `table` if given, else its name, else the best header match (ids or names)."""
    from core.ingest.reader import _find_header_row

    named = table or (stem.lower() if stem.lower() in TABLES else None)
    candidates = [TABLES[named]] if named else list(TABLES.values())
    if named in BY_NAME:
        candidates.append(BY_NAME[named])
    elif not named:
        candidates += list(BY_NAME.values())
    best, best_score = None, (0.0, 0)
    for spec in candidates:
        _, matched = _find_header_row(grid, spec)
        required = len(matched & set(spec.required)) / len(spec.required)
        score = (required, len(matched))
        if (required >= 0.5 or named) and score > best_score:
            best, best_score = spec, score
    return best or (TABLES[named] if named else None)


def read_table(
    path: Path,
    base: Dataset,
    table: str | None = None,
    display: str | None = None,
    rec: Reconciling | None = None,
    rejected: list[FileRows] | None = None,
) -> tuple[SourceTable | None, set[str], list[Problem]]:
    """One table file parsed against the data it lands on: names resolved, legacy codes converted; the rows
    of a phone export a reviewer rejected are added to `rejected`."""
    name = display or path.name
    known = table if table in TABLES else (path.stem.lower() if path.stem.lower() in TABLES else None)
    grid, problems = _read_grid(path, known, name)
    if grid is None:
        return None, set(), problems
    grid, exported = submissions.normalise(grid)
    spec = (ACTIVITIES_BY_NAME if exported.labels else ACTIVITIES) if exported else _choose_spec(grid, table, path.stem)
    if exported and exported.rejected_rows:
        problems.append(submissions.rejected_warning(name, exported.rejected_rows))
        if rejected is not None:
            cells = exported.rejected_cells
            outcomes = [REJECTED] * len(cells)
            rows = exported.rejected_rows
            rejected.append(FileRows.of(name, exported.header, rows, outcomes, lambda kept: [cells[k] for k in kept]))
    if spec is None:
        return None, set(), [problem(name, None, "", "", "unknown_table", tables=", ".join(TABLES))]
    rec = rec or Reconciling()
    source, cell_problems = _source_table(grid, spec, name, base.units)
    if exported:
        source, cell_problems = _as_exported(source, cell_problems, dict(exported.written))
    source, cell_problems = reconcile.reconcile_categories(source, cell_problems, rec.options, rec.found)
    source = _drop_numbering(source)
    problems += cell_problems + check_table(source)
    present = set(source.headers)
    if spec in BY_NAME.values():
        source, name_problems = resolve_names(source, Resolver.of(base), rec)
        problems += name_problems
        present |= {"team_id", "village_id"}
    source, crosswalk_problems = _to_2025(source, base)
    return source, present, problems + crosswalk_problems


def _as_exported(
    source: SourceTable, problems: list[Problem], written: dict[str, str]
) -> tuple[SourceTable, list[Problem]]:
    """An export's questions named by the headers the file has (`results/participants`, `Kết quả/Số người tham
    dự`), not by the question names it was read under: in problems and in the rows a dry run shows."""
    names = {v: written.get(v, v) for v in source.headers.values()}
    headers = {column: names[header] for column, header in source.headers.items()}
    moved = [replace(p, column=names.get(p.column, p.column)) if p.file == source.file else p for p in problems]
    return replace(source, headers=headers), moved


def _drop_numbering(source: SourceTable) -> SourceTable:
    """Reports number their rows (STT): that column is layout, not data."""
    numbering = [c for c in source.frame.columns if c not in source.spec.names and fold(c) in _NUMBERING]
    if not numbering:
        return source
    raw = source.raw.drop(columns=[c for c in numbering if c in source.raw.columns]) if source.raw is not None else None
    headers = {k: v for k, v in source.headers.items() if k not in numbering}
    return SourceTable(source.spec, source.file, source.frame.drop(columns=numbering), source.rows, headers, raw)


def _to_2025(source: SourceTable, base: Dataset) -> tuple[SourceTable, list[Problem]]:
    """Legacy commune codes in a 2025 package become their 2025 codes through the crosswalk (warned once)."""
    column = {"villages": "commune_code", "teams": "base_code", "targets": "area_code"}.get(source.spec.name)
    if base.meta.admin_system != "2025" or base.crosswalk.empty or column is None:
        return source, []
    new_codes = set(base.crosswalk["commune_code_2025"])
    mapping = {
        o: n
        for o, n in zip(base.crosswalk["legacy_commune_code"], base.crosswalk["commune_code_2025"], strict=True)
        if o not in new_codes
    }
    values = source.frame[column]
    hits = [i for i, v in enumerate(values) if pd.notna(v) and v in mapping]
    if not hits:
        return source, []
    frame = source.frame.copy()
    frame[column] = pd.Series([mapping.get(v, v) if pd.notna(v) else v for v in values], dtype=TEXT_DTYPE)
    if column == "commune_code" and "district_code" in frame.columns:
        frame.loc[hits, "district_code"] = None  # 2025 communes have no district
    warning = source.at(hits[0], column, "legacy_codes_converted", WARNING, n=len(hits))
    return SourceTable(source.spec, source.file, frame, source.rows, source.headers, source.raw), [warning]


Progress = Callable[[str, dict[str, Any]], None]  # (locale key, its parameters): what a long dry run is doing


def read_inputs(
    paths: list[Path],
    base: Dataset,
    table: str | None,
    workdir: Path,
    progress: Progress | None = None,
    rec: Reconciling | None = None,
) -> Incoming:
    incoming = Incoming()
    expanded = _expand(paths, workdir, incoming)
    for i, path in enumerate(expanded, start=1):
        if progress is not None:
            progress("dry_run_reading", {"file": incoming.display.get(path, path.name), "i": i, "n": len(expanded)})
        suffix = path.suffix.lower()
        if path.is_dir() or (suffix == ".zip" and _zip_has(path, "package.toml")):
            dataset, problems = read_package(path)
            incoming.package, incoming.package_file = dataset, path.name
            incoming.problems += problems
        elif suffix in BOUNDARY_SUFFIXES or (suffix == ".zip" and _zip_has(path, ".shp")):
            gdf, problems = read_boundary_file(path)
            incoming.boundaries, incoming.boundary_file = gdf, path.name
            incoming.problems += problems
        elif suffix in TABLE_SUFFIXES:
            source, present, problems = read_table(
                path, incoming.package or base, table, incoming.display.get(path), rec, incoming.rejected
            )
            incoming.problems += problems
            if source is not None:
                incoming.tables.append(source)
                incoming.present[id(source)] = present
        else:
            incoming.problems.append(problem(path.name, None, "", "", "unsupported_file"))
    return incoming


def _zip_has(path: Path, ending: str) -> bool:
    try:
        with zipfile.ZipFile(path) as zf:
            return any(name.lower().endswith(ending) for name, _info in safe_zip.safe_members(zf))
    except (zipfile.BadZipFile, OSError):
        return False


def _expand(paths: list[Path], workdir: Path, incoming: Incoming) -> list[Path]:
    """Paths as given; a .zip of loose table files is unpacked into `workdir` (after `safe_zip.check_archive`:
    a bomb, a zip of zips or an escaping path is reported, never unpacked)."""
    out: list[Path] = []
    for path in paths:
        if not path.exists():
            incoming.problems.append(problem(path.name, None, "", "", "file_not_found"))  # no server path
            continue
        if path.suffix.lower() != ".zip":
            out.append(path)
            continue
        archive_problems = safe_zip.check_archive(path)
        incoming.problems += archive_problems
        if has_errors(archive_problems):
            continue
        if _zip_has(path, "package.toml") or _zip_has(path, ".shp"):
            out.append(path)
            continue
        with zipfile.ZipFile(path) as zf:
            for name, info in safe_zip.safe_members(zf):
                base = Path(name.replace("\\", "/")).name
                if base.lower().endswith(".zip"):
                    incoming.problems.append(problem(path.name, None, "", name, "archive_nested"))
                    continue
                # one folder per member: two districts' `activities.xlsx` both arrive, under their own names
                dest = workdir / f"{len(incoming.display)}-{path.stem}" / base
                safe_zip.extract_member(zf, info, dest)
                incoming.display[dest] = f"{path.name}/{name}"
                out.append(dest)
    return out
