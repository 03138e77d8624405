"""Read a data package (folder or .zip) or one table file into canonical frames, with every problem found.

Cells are read as text or spreadsheet values, never through pandas' type inference (which drops the
leading zeros of codes), then parsed column by column according to `core.model.schema`. District reports are
read as they come: title rows above the header, merged cells, a column-number row, a totals row and a
signature block below the data.
"""

from __future__ import annotations

import codecs
import csv
import itertools
import tempfile
import tomllib
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pandas as pd

from core import config
from core.ingest import legacy_text, safe_zip, submissions
from core.ingest.boundaries import read_boundary_file
from core.ingest.parsing import (
    cell_text,
    fold,
    is_blank,
    parse_code,
    parse_date,
    parse_enum,
    parse_float,
    parse_int,
    parse_share,
    parse_text,
)
from core.ingest.validation import (
    WARNING,
    Context,
    Problem,
    SourceTable,
    check_references,
    check_table,
    has_errors,
    problem,
    safe_detail,
)
from core.model.dataset import ADMIN_SYSTEMS, Dataset, PackageMeta
from core.model.schema import CODE_WIDTH, TABLES, TEXT_DTYPE, Column, Kind, TableSpec, empty_table

TABLE_SUFFIXES = (".csv", ".xlsx", ".xlsm", ".xls", ".ods", ".tsv", ".txt")
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
META_FILE = "package.toml"
META_REQUIRED = ("name", "province_code", "province_name", "admin_system", "as_of")
HEADER_SEARCH_ROWS = 30
UNIT_COLUMNS = ("level", "code", "name", "parent_code", "lat", "lon", "centroid_quality")
CROSSWALK_COLUMNS = ("legacy_commune_code", "commune_code_2025", "commune_name_2025")
_TOTAL_WORDS = {"tong", "tong cong", "cong", "tong so", "total", "totals", "sum"}

Grid = list[list[Any]]


# --- public entry points -----------------------------------------------------------------------------


def read_package(path: str | Path) -> tuple[Dataset | None, list[Problem]]:
    """The Dataset of a package folder or .zip, and its problems: (None, problems) when any is an error,
    (Dataset, warnings) otherwise."""
    path = Path(path)
    if path.is_file() and zipfile.is_zipfile(path):
        archive_problems = safe_zip.check_archive(path)  # a bomb or a zip of zips is refused unopened
        if has_errors(archive_problems):
            return None, archive_problems
        with tempfile.TemporaryDirectory(prefix="dxmap-") as tmp:
            try:
                _extract(path, Path(tmp))
            except (zipfile.BadZipFile, OSError) as exc:
                return None, [problem(path.name, None, "", "", "unreadable_file", detail=safe_detail(exc))]
            dataset, problems = _read_folder(_package_root(Path(tmp)))
            return dataset, archive_problems + problems
    if not path.is_dir():
        return None, [problem(path.name, None, "", "", "package_not_found")]  # no server path shown
    return _read_folder(_package_root(path))


def read_table_file(path: str | Path, table: str | None = None) -> tuple[pd.DataFrame | None, list[Problem]]:
    """One table file (.csv/.xlsx…) in canonical columns and dtypes; `table` is recognised from the file
    name or its headers when None. Cross-table references are not checked. None when any error."""
    path = Path(path)
    known = table if table in TABLES else (path.stem.lower() if path.stem.lower() in TABLES else None)
    grid, problems = _read_grid(path, known)
    if grid is None:
        return None, problems
    grid, exported = submissions.normalise(grid)  # a KoboToolbox or ODK Central export is an activities table
    if exported and exported.rejected_rows:
        problems.append(submissions.rejected_warning(path.name, exported.rejected_rows))
    recognised = TABLES["activities"] if exported else None
    spec = TABLES.get(table or "") or recognised or TABLES.get(path.stem.lower()) or recognise_table(grid)
    if spec is None:
        return None, [problem(path.name, None, "", "", "unknown_table", tables=", ".join(TABLES))]
    source, table_problems = _source_table(grid, spec, path.name)
    problems += table_problems + check_table(source)  # keeps the file's own warnings (an old encoding)
    return (None if has_errors(problems) else source.frame), problems


def recognise_table(grid: Grid) -> TableSpec | None:
    """The table whose required headers the file matches best (then most headers matched)."""
    best, best_score = None, (0.0, 0)
    for spec in TABLES.values():
        _, matched = _find_header_row(grid, spec)
        required = len(matched & set(spec.required)) / len(spec.required)
        score = (required, len(matched))
        if required >= 0.5 and score > best_score:
            best, best_score = spec, score
    return best


# --- package -----------------------------------------------------------------------------------------


def _extract(archive: Path, target: Path) -> None:
    """Unpack the members worth reading (no escaping paths, no macOS metadata), in chunks."""
    with zipfile.ZipFile(archive) as zf:
        for name, info in safe_zip.safe_members(zf):
            safe_zip.extract_member(zf, info, target / name)


def _package_root(folder: Path) -> Path:
    """The folder holding package.toml: the folder itself, or its single top folder (zips often have one)."""
    if _find_file(folder, META_FILE):
        return folder
    subfolders = [p for p in folder.iterdir() if p.is_dir() and not p.name.startswith((".", "__MACOSX"))]
    if len(subfolders) == 1:
        return _package_root(subfolders[0])
    return folder


def _find_file(folder: Path, name: str) -> Path | None:
    """A file by name, ignoring case (Windows users write `Villages.CSV`)."""
    wanted = name.lower()
    return next((p for p in sorted(folder.iterdir()) if p.is_file() and p.name.lower() == wanted), None)


def _find_table_file(folder: Path, table: str) -> Path | None:
    for suffix in TABLE_SUFFIXES:
        if found := _find_file(folder, table + suffix):
            return found
    return None


def _read_folder(folder: Path) -> tuple[Dataset | None, list[Problem]]:
    meta, problems = read_meta(folder)
    units, crosswalk, unit_problems = _units(meta)
    problems += unit_problems
    sources: dict[str, SourceTable] = {}
    for spec in TABLES.values():
        table_path = _find_table_file(folder, spec.name)
        if table_path is None:
            if spec.required_file:
                problems.append(problem(spec.name + ".csv", None, "", "", "missing_file", file=spec.name))
            continue
        grid, grid_problems = _read_grid(table_path, spec.name)
        problems += grid_problems
        if grid is not None:
            source, table_problems = _source_table(grid, spec, table_path.name, units)
            sources[spec.name] = source
            problems += table_problems + check_table(source)
    ctx = Context(
        as_of=meta.as_of if meta else None,
        admin_system=meta.admin_system if meta else "legacy",
        province_code=meta.province_code if meta else "",
        units=units if not units.empty else None,
        crosswalk=crosswalk,
    )
    problems += check_references(sources, ctx)
    boundaries, boundary_problems = read_boundaries(folder)
    problems += boundary_problems
    if meta is None or has_errors(problems):
        return None, problems
    frames = {name: (sources[name].frame if name in sources else empty_table(spec)) for name, spec in TABLES.items()}
    return Dataset(meta=meta, units=units, crosswalk=crosswalk, boundaries=boundaries, **frames), problems


def _units(meta: PackageMeta | None) -> tuple[pd.DataFrame, pd.DataFrame, list[Problem]]:
    from core.model.admin_units import units_for

    if meta is None:
        return pd.DataFrame(columns=list(UNIT_COLUMNS)), pd.DataFrame(columns=list(CROSSWALK_COLUMNS)), []
    try:
        units, crosswalk = units_for(meta.province_code, meta.admin_system)
    except Exception:  # noqa: BLE001 - without the catalogue the package still loads, unchecked
        units, crosswalk = pd.DataFrame(columns=list(UNIT_COLUMNS)), pd.DataFrame(columns=list(CROSSWALK_COLUMNS))
    if units.empty:
        warning = problem(META_FILE, None, "province_code", meta.province_code, "unknown_province", WARNING)
        return units, crosswalk, [warning]
    return units, crosswalk, []


def read_meta(folder: Path) -> tuple[PackageMeta | None, list[Problem]]:
    """`package.toml` as PackageMeta; None with problems when it is missing or incomplete."""
    path = _find_file(folder, META_FILE)
    if path is None:
        return None, [problem(META_FILE, None, "", "", "missing_file", file=META_FILE)]
    try:
        data = tomllib.loads(path.read_bytes().decode("utf-8-sig"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        return None, [problem(path.name, None, "", "", "bad_toml", detail=str(exc))]
    problems = [problem(path.name, None, k, "", "missing_meta_key", key=k) for k in META_REQUIRED if k not in data]
    if problems:
        return None, problems
    values, problems = _meta_values(data, path.name)
    if problems:
        return None, problems
    extra = {k: v for k, v in data.items() if k not in PackageMeta.__dataclass_fields__}
    return PackageMeta(**values, extra=MappingProxyType(extra)), []


def _meta_values(data: dict[str, Any], file: str) -> tuple[dict[str, Any], list[Problem]]:
    problems: list[Problem] = []
    code, err = parse_code(data["province_code"], CODE_WIDTH["province"])
    if err:
        problems.append(problem(file, None, "province_code", data["province_code"], "bad_code", width=2))
    system = str(data["admin_system"]).strip().lower()
    if system not in ADMIN_SYSTEMS:
        allowed = ", ".join(ADMIN_SYSTEMS)
        problems.append(problem(file, None, "admin_system", data["admin_system"], "bad_meta_value", allowed=allowed))
    as_of, err = parse_date(data["as_of"])
    if err or as_of is None:
        problems.append(problem(file, None, "as_of", data["as_of"], "bad_date"))
    synthetic = data.get("synthetic", False)
    if not isinstance(synthetic, bool):
        problems.append(problem(file, None, "synthetic", synthetic, "bad_meta_value", allowed="true, false"))
    values = {
        "name": str(data["name"]),
        "province_code": code,
        "province_name": str(data["province_name"]),
        "admin_system": system,
        "as_of": as_of,
        "source": str(data.get("source", "")),
        "license": str(data.get("license", "")),
        "synthetic": synthetic is True,
    }
    return values, problems


# --- files to grids ----------------------------------------------------------------------------------


class _TooLarge(Exception):
    """A file beyond a limit of `config.limits()`; `code` and `params` make its problem."""

    def __init__(self, code: str, **params: Any):
        super().__init__(code)
        self.code, self.params = code, params


_LAYOUT_ROWS = HEADER_SEARCH_ROWS + 20  # title block above and totals/signature rows below the data


def _read_grid(path: Path, table: str | None = None, display: str | None = None) -> tuple[Grid | None, list[Problem]]:
    """Every cell of the file (first visible sheet of a workbook), top-left = Excel's A1. A file larger than
    the limits of `table` (of any table when None) is refused before its cells are read."""
    file = display or path.name
    limits = config.limits()
    max_rows = limits.rows_for(table) + _LAYOUT_ROWS
    try:
        size = path.stat().st_size
        if size > limits.max_upload_bytes:
            raise _TooLarge("file_too_large", size=_megabytes(size), limit=_megabytes(limits.max_upload_bytes))
        if path.suffix.lower() in WORKBOOK_SUFFIXES:
            return _xlsx_grid(path, max_rows, limits.max_cells), []
        grid, encoding = _csv_file_grid(path, max_rows, limits.max_cells)
        return grid, _legacy_warning(file, encoding)
    except _TooLarge as exc:
        return None, [problem(file, None, "", "", exc.code, **exc.params)]
    except _NotText:
        return None, [problem(file, None, "", "", "not_text_file")]
    except Exception as exc:  # noqa: BLE001 - any unreadable file becomes a problem, not a crash
        return None, [problem(file, None, "", "", "unreadable_file", detail=safe_detail(exc))]


def _megabytes(n: int) -> str:
    """`210 MB`, or `12 KB` under a megabyte: whole numbers read the same in Vietnamese and English."""
    return f"{round(n / 2**20)} MB" if n >= 2**20 else f"{-(-n // 1024)} KB"


def _too_large(filled_rows: int, rows: int, columns: int, cell: str, max_rows: int, max_cells: int) -> _TooLarge:
    """Too many rows of data, or (a stray far cell, a very wide sheet) too large an area to read."""
    if filled_rows > max_rows:
        return _TooLarge("too_many_rows", limit=max_rows - _LAYOUT_ROWS)
    return _TooLarge(
        "sheet_too_large", cell=cell, rows=rows, columns=columns, max_rows=max_rows - _LAYOUT_ROWS, limit=max_cells
    )


def _xlsx_grid(path: Path, max_rows: int, max_cells: int) -> Grid:
    """The first visible sheet's cells, read in a worker process that memory and time limits stop."""
    from core.ingest.sheet_guard import SheetTooLarge, WorkbookRefused
    from core.ingest.sheet_worker import SheetTooComplex, SheetUnreadable, read_grid

    try:
        return read_grid(path, max_rows, max_cells)
    except SheetTooLarge as exc:
        raise _too_large(exc.filled_rows, exc.rows, exc.columns, exc.cell, max_rows, max_cells) from None
    except WorkbookRefused as exc:
        raise _TooLarge(exc.code, **exc.params) from None
    except SheetTooComplex as exc:
        raise _TooLarge(
            "sheet_too_complex", memory=_megabytes(exc.memory_bytes), seconds=round(exc.cpu_seconds)
        ) from None
    except SheetUnreadable as exc:
        raise _TooLarge("unreadable_file", detail=safe_detail(exc).removeprefix("SheetUnreadable: ")) from None


class _NotText(Exception):
    """Bytes that read as no text at all (a binary file named .csv)."""


def _check_text(reading: legacy_text.Reading, sample: bytes) -> str:
    """The encoding of `reading`, unless its sample is mostly bytes no encoding reads as text."""
    nul = sample.count(0)
    mostly_bad = reading.bad_bytes > max(reading.good_characters, 16) and reading.bad_bytes * 50 > len(sample)
    if mostly_bad or (nul > 16 and nul * 100 > len(sample)):
        raise _NotText()
    return reading.encoding


def sniff_delimiter(text: str) -> str:
    """`,`, `;` or tab: the one that splits the most of the first lines into the same number of fields."""
    lines = [line for line in text.splitlines()[:50] if line.strip()]
    best, best_score = ",", (-1, -1)
    for delimiter in (",", ";", "\t"):
        counts = [len(row) for row in csv.reader(lines, delimiter=delimiter)]
        multi = [n for n in counts if n > 1]
        modal = max(set(multi), key=multi.count) if multi else 1
        score = (sum(n == modal for n in multi), modal)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _text_encoding(path: Path) -> str:
    """A text file's encoding, found by streaming it (never whole in memory): UTF-8 (BOM or not), UTF-16 (BOM),
    else what reads as Vietnamese: TCVN3, VNI or Windows Vietnamese cp1258."""
    with open(path, "rb") as f:
        start = f.read(4)
        if start.startswith(codecs.BOM_UTF8):
            return "utf-8-sig"
        if start.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return "utf-16"
        f.seek(0)
        decoder = codecs.getincrementaldecoder("utf-8")()
        try:
            while chunk := f.read(2**20):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            f.seek(0)  # before Unicode, district PCs wrote TCVN3 or VNI: the text itself tells which
            sample = f.read(legacy_text.SAMPLE_BYTES)
            return _check_text(legacy_text.choose_encoding(sample), sample)
    return "utf-8"


def _nfc(text: str) -> str:
    """Windows-1258 text spells tones as combining marks; NFC composes them."""
    return text if text.isascii() else unicodedata.normalize("NFC", text)


def _legacy_warning(file: str, encoding: str) -> list[Problem]:
    """A file converted from TCVN3 or VNI says so: names are worth a look, and UTF-8 is the way to save it."""
    if encoding not in legacy_text.ENCODING_NAMES:
        return []
    return [problem(file, None, "", "", "legacy_encoding", WARNING, encoding=legacy_text.ENCODING_NAMES[encoding])]


def _line_decoder(encoding: str) -> tuple[str, Callable[[str], str]]:
    """The codec to open a text file with, and what turns each of its lines into NFC Unicode."""
    if encoding in legacy_text.ENCODING_NAMES:  # Latin-1 keeps one character per byte for the tables
        return "latin-1", lambda line: legacy_text.decode_line(line, encoding)
    return encoding, _nfc


def _csv_file_grid(path: Path, max_rows: int, max_cells: int) -> tuple[Grid, str]:
    """The rows of a text table, read line by line: reading stops as soon as a limit is passed; and the
    encoding it was read in."""
    encoding = _text_encoding(path)
    codec, to_text = _line_decoder(encoding)
    # a bad byte in a UTF-8 file reads as U+FFFD: an error on its row and column, never a silent guess
    errors = "replace" if codec.startswith("utf-8") else "strict"
    with open(path, encoding=codec, errors=errors, newline="") as f:
        head = list(itertools.islice(f, 50))
        delimiter = sniff_delimiter(to_text("".join(head)))
        lines = (to_text(line) for line in itertools.chain(head, f))
        grid: Grid = []
        cells = 0
        for row in csv.reader(lines, delimiter=delimiter):
            grid.append(row)
            cells += len(row)
            if len(grid) > max_rows or cells > max_cells:
                width = max(len(r) for r in grid)
                cell = _excel_letter(width - 1) + str(len(grid))
                raise _too_large(len(grid), len(grid), width, cell, max_rows, max_cells)
    while grid and not any(grid[-1]):
        grid.pop()
    return grid, encoding


# --- grids to tables ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Header:
    row: int  # grid index of the header row
    names: list[str]  # header text of each grid column, as written
    columns: list[str | None]  # canonical column of each grid column, None = extra


def _header_texts(grid: Grid, r: int) -> list[str]:
    """The header of row r; a blank cell takes the cell above (a header merged over two rows)."""
    row = [cell_text(c) for c in grid[r]]
    above = [cell_text(c) for c in grid[r - 1]] if r > 0 else []
    return [text or (above[j] if j < len(above) else "") for j, text in enumerate(row)]


def _match_row(grid: Grid, r: int, spec: TableSpec) -> list[str | None]:
    texts = _header_texts(grid, r)
    above = [cell_text(c) for c in grid[r - 1]] if r > 0 else []
    matched: list[str | None] = []
    for j, text in enumerate(texts):
        column = spec.match_header(text) if text else None
        if column is None and j < len(above) and above[j] and above[j] != text:
            column = spec.match_header(f"{above[j]} {text}")  # "Tỷ lệ (%)" merged over "DTTS"
        matched.append(column)
    return matched


def _find_header_row(grid: Grid, spec: TableSpec) -> tuple[int, set[str]]:
    """The first row (among the top rows) that matches the most distinct columns of `spec`."""
    best, best_matched = None, set()
    for r in range(min(len(grid), HEADER_SEARCH_ROWS)):
        matched = {c for c in _match_row(grid, r, spec) if c}
        if len(matched) > len(best_matched):
            best, best_matched = r, matched
    if best is None:
        best = next((r for r, row in enumerate(grid) if any(not is_blank(c) for c in row)), 0)
    return best, best_matched


def _header(grid: Grid, spec: TableSpec) -> _Header:
    r, _ = _find_header_row(grid, spec)
    names = _header_texts(grid, r) if grid else []
    return _Header(r, names, _match_row(grid, r, spec) if grid else [])


def _is_total_row(cells: list[str]) -> bool:
    first = next((c for c in cells if c), "")
    key = fold(first)
    return key in _TOTAL_WORDS or key.startswith(("tong cong", "tong so"))


def _is_numbering_row(cells: list[str]) -> bool:
    """The `(1) (2) (3)…` or `1 2 3…` row many reports put under the header."""
    values = [c.strip("()") for c in cells if c]
    if len(values) < 3 or not all(v.isdigit() for v in values):
        return False
    numbers = [int(v) for v in values]
    return numbers == list(range(numbers[0], numbers[0] + len(numbers)))


def _data_rows(grid: Grid, header: _Header, spec: TableSpec) -> tuple[list[int], dict[int, list[str]]]:
    """Grid indexes of the data rows (blank, numbering, section-heading, totals and footer rows left out), and the
    text of each cell of the rows looked at, as the user sees it (`cell_text`), read once here for the caller too."""
    key_positions = [j for j, c in enumerate(header.columns) if c in spec.required]
    first_key = next((j for j, c in enumerate(header.columns) if c == spec.required[0]), None)
    rows: list[int] = []
    texts: dict[int, list[str]] = {}
    for r in range(header.row + 1, len(grid)):
        cells = texts[r] = [cell_text(c) for c in grid[r]]
        filled = [c for c in cells if c]
        if not filled:
            continue
        if _is_total_row(cells):
            break
        if r == header.row + 1 and _is_numbering_row(cells):
            continue
        blank_keys = sum(1 for j in key_positions if j >= len(cells) or not cells[j])
        if len(filled) == 1 and blank_keys >= 2:
            continue  # a section heading such as "Xã Mường Pồn"
        rows.append(r)
    if first_key is not None:  # a signature block after the data has no key value
        while rows and _cell(grid, rows[-1], first_key) == "":
            rows.pop()
    return rows, texts


def _texts_of_column(texts: dict[int, list[str]], rows: list[int], j: int) -> list[str]:
    """Column `j`'s cell texts in `rows` (`""` where a row is shorter)."""
    return [texts[r][j] if j < len(texts[r]) else "" for r in rows]


def _cell(grid: Grid, r: int, j: int) -> Any:
    row = grid[r]
    return row[j] if j < len(row) else ""


def _source_table(
    grid: Grid, spec: TableSpec, file: str, units: pd.DataFrame | None = None
) -> tuple[SourceTable, list[Problem]]:
    """A grid parsed as table `spec`: canonical typed columns, extra columns as text, and cell problems."""
    header = _header(grid, spec)
    rows, texts = _data_rows(grid, header, spec)
    limit = config.limits().rows_for(spec.name)
    if len(rows) > limit:  # refused before any cell is parsed
        too_many = problem(file, None, "", "", "too_many_rows", limit=limit)
        empty = SourceTable(spec, file, empty_table(spec), (), {}, pd.DataFrame())
        return empty, [too_many]
    excel_rows = tuple(r + 1 for r in rows)
    positions, extras, problems = _map_columns(grid, header, rows, spec, file)
    headers = {c: header.names[j] for c, j in positions.items()} | {e: e for e in extras}
    typed, raw = {}, {}
    for col in spec.columns:
        j = positions.get(col.name)
        if j is None:  # a column the file does not have: every cell blank, read once
            cells = [None] * len(rows)
            raw[col.name] = [""] * len(rows)
            value, error = _parse_cell(None, col)
            values, errors = [value] * len(rows), [(i, error) for i in range(len(rows))] if error else []
        else:
            cells = [_cell(grid, r, j) for r in rows]
            raw[col.name] = _texts_of_column(texts, rows, j)
            values, errors = _parse_column(cells, col)
        typed[col.name] = pd.Series(values, dtype=_build_dtype(col))
        problems += [
            problem(file, excel_rows[i], headers[col.name], raw[col.name][i], code, **_params(col, code))
            for i, code in errors
        ]
    for name, j in extras.items():
        raw[name] = _texts_of_column(texts, rows, j)
        typed[name] = pd.Series([v or None for v in raw[name]], dtype=TEXT_DTYPE)
    problems += _unreadable_cells(raw, headers, excel_rows, file, {(p.row, p.column) for p in problems})
    frame = _finish(pd.DataFrame(typed), spec, units)
    return SourceTable(spec, file, frame, excel_rows, headers, pd.DataFrame(raw, dtype=object)), problems


def _unreadable_cells(
    raw: dict[str, list[str]], headers: dict[str, str], rows: tuple[int, ...], file: str, reported: set
) -> list[Problem]:
    """Each cell holding a NUL character, or U+FFFD where the file had bytes that are not text in its
    encoding: an error at its row and column (a store refuses NUL; U+FFFD is a letter lost)."""
    found: list[Problem] = []
    for name, texts in raw.items():
        joined = "\x1f".join(texts)
        if "\x00" not in joined and "\ufffd" not in joined:
            continue
        for i, text in enumerate(texts):
            code = "nul_character" if "\x00" in text else "invalid_bytes" if "\ufffd" in text else None
            column = headers.get(name, name)
            if code and (rows[i], column) not in reported:
                found.append(problem(file, rows[i], column, text.replace("\x00", "\u2400"), code))
    return found


def _map_columns(
    grid: Grid, header: _Header, rows: list[int], spec: TableSpec, file: str
) -> tuple[dict[str, int], dict[str, int], list[Problem]]:
    """Grid column of each canonical column, of each extra column (named by its header or Excel letter)."""
    positions: dict[str, int] = {}
    extras: dict[str, int] = {}
    problems: list[Problem] = []
    for j, (name, column) in enumerate(zip(header.names, header.columns, strict=True)):
        if column is None:
            if name or any(not is_blank(_cell(grid, r, j)) for r in rows):
                extras[_unique_name(name or _excel_letter(j), extras, spec)] = j
        elif column in positions:
            problems.append(problem(file, header.row + 1, name, "", "duplicate_column", column=column))
        else:
            positions[column] = j
    for col in spec.columns:
        if col.required and col.name not in positions:
            problems.append(problem(file, None, col.name, "", "missing_column", column=col.name, aliases=_aliases(col)))
    return positions, extras, problems


def _build_dtype(col: Column) -> str:
    return "object" if col.kind == Kind.DATE else col.dtype


def _parse_column(cells: list[Any], col: Column) -> tuple[list[Any], list[tuple[int, str]]]:
    values, errors = [], []
    parsed: dict[tuple[type, Any], tuple[Any, str | None]] = {}  # a column repeats its values (counts, dates, words)
    for i, cell in enumerate(cells):
        seen = (type(cell), cell)  # the type too: 1, 1.0 and True are equal keys but not the same cell
        if seen not in parsed:
            parsed[seen] = _parse_cell(cell, col)
        value, error = parsed[seen]
        if error is None and value is None and col.required and cells[i] is not None:
            error = "required_missing"
        values.append(value)
        if error:
            errors.append((i, error))
    return values, errors


def _parse_cell(cell: Any, col: Column) -> tuple[Any, str | None]:
    match col.kind:
        case Kind.TEXT:
            return parse_text(cell)
        case Kind.ID:
            return parse_code(cell)
        case Kind.CODE:
            return parse_code(cell, col.width)
        case Kind.INT:
            return parse_int(cell)
        case Kind.SHARE:
            return parse_share(cell)
        case Kind.FLOAT:
            return parse_float(cell, col.min_value)
        case Kind.DATE:
            return parse_date(cell)
        case Kind.ENUM:
            return parse_enum(cell, col.enum_words)
    raise ValueError(col.kind)


def _params(col: Column, code: str) -> dict[str, Any]:
    if code == "unknown_enum":
        return {"allowed": col.allowed_text()}
    if code == "bad_code":
        return {"width": col.width or ""}
    return {}


def _aliases(col: Column) -> str:
    return ", ".join(col.aliases[:3])


def _finish(frame: pd.DataFrame, spec: TableSpec, units: pd.DataFrame | None) -> pd.DataFrame:
    """Dates to datetime64; short codes whose width depends on a level padded to it."""
    for col in spec.columns:
        if col.kind == Kind.DATE:
            frame[col.name] = pd.to_datetime(frame[col.name]).astype("datetime64[ns]")
    if spec.name == "teams":
        frame["base_code"] = pd.Series(
            [_pad_code(c, lvl, units) for c, lvl in zip(frame["base_code"], frame["level"], strict=True)],
            dtype=TEXT_DTYPE,
        )
    if spec.name == "targets":
        frame["area_code"] = pd.Series([_pad_code(c, None, units) for c in frame["area_code"]], dtype=TEXT_DTYPE)
    return frame


def _pad_code(code: Any, level: Any, units: pd.DataFrame | None) -> Any:
    """`3166` → `03166` for a commune-level team; without a level, the padding that names a known unit."""
    if pd.isna(code) or not str(code).isdigit():
        return code
    if isinstance(level, str) and level in CODE_WIDTH | {"village": 5}:
        return code.zfill(CODE_WIDTH.get(level, 5))
    if units is not None and not units.empty:
        known = set(units["code"])
        return next((code.zfill(w) for w in (2, 3, 5) if code.zfill(w) in known), code)
    return code


def _unique_name(name: str, taken: dict[str, int], spec: TableSpec) -> str:
    candidate, n = name, 2
    while candidate in taken or candidate in spec.names:
        candidate, n = f"{name} ({n})", n + 1
    return candidate


def _excel_letter(j: int) -> str:
    letters = ""
    j += 1
    while j:
        j, rem = divmod(j - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


# --- boundaries --------------------------------------------------------------------------------------

BOUNDARY_NAMES = ("boundaries.geojson", "boundaries.json", "boundaries.gpkg", "boundaries.zip", "boundaries.shp")


def read_boundaries(folder: Path) -> tuple[Any, list[Problem]]:
    """The package's admin polygons as a GeoDataFrame in EPSG:4326, or None when it has none."""
    path = next((p for name in BOUNDARY_NAMES if (p := _find_file(folder, name))), None)
    if path is None:
        return None, []
    return read_boundary_file(path)
