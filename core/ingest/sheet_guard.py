"""The used area of a workbook sheet, measured by streaming its XML before any spreadsheet library loads it.

A spreadsheet reader (calamine) allocates a sheet's whole rectangle from A1 to its farthest filled cell: a 5 KB
.xlsx with one value at XFD1048576 asks for 512 GB and aborts the process, and an .ods row repeated a million
times does the same. This module reads the sheet part of the archive in chunks, notes every cell that holds
something (empty formatted cells and `<dimension ref>` are ignored, as the reader ignores them) and stops with
`SheetTooLarge` as soon as the rectangle passes the limits, so nothing large is ever held in memory.

Before that, `check_parts` bounds what the archive unpacks to: every part's size as declared (a 1.5 MB file
can hold a sheet of 1.5 GB of spaces), its compression ratio (cells do not compress 200×; padding does), and
the number of shared strings (a 2.5 MB file can repeat one string 60 million times, and a reader builds them
all before the first cell): all refused with `WorkbookRefused` before any spreadsheet library opens the file.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

_CHUNK = 1 << 20
# a whole <row …> or <c …> start tag (or </row>), any namespace prefix; group 1 "/" = a closing tag,
# group 2 the name, group 3 the attributes (ending in "/" when the element is empty)
_TAG = re.compile(rb"<(/?)(?:[A-Za-z_][\w.-]*:)?(row|c)(?=[\s/>])([^>]*)>")
_ROW_REF = re.compile(rb"""\sr\s*=\s*["'](\d+)["']""")
_CELL_REF = re.compile(rb"""\sr\s*=\s*["']\$?([A-Za-z]{1,3})\$?(\d+)["']""")
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_ODS_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_ODS_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"


MAX_PART_BYTES = 512 * 2**20  # one part unpacked: the sheet XML of a million rows of a report fits
MAX_WORKBOOK_BYTES = 1024 * 2**20  # every part unpacked
MAX_RATIO = 200  # unpacked / packed size of a part over 1 MB: sheet XML packs ~10–25×, padding ~1000×
_RATIO_FLOOR = 2**20
_MAX_TAG_BYTES = 4 * _CHUNK  # the longest run without a `>` a sheet may hold (a cell's text is at most 128 KB)
_SHARED_STRING = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?si(?=[\s/>])")
_SHARED_STRINGS_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"


class WorkbookRefused(Exception):
    """The workbook is not read: `code` (a key of the problem messages) and `params` explain why."""

    def __init__(self, code: str, **params: object):
        super().__init__(code)
        self.code, self.params = code, params


class SheetTooLarge(Exception):
    """The sheet's used area passes a limit: `rows` × `columns` (as far as read), up to cell `cell`;
    `filled_rows` of those rows hold data (few: a stray far cell; many: a genuinely long table)."""

    def __init__(self, rows: int, columns: int, cell: str, filled_rows: int):
        super().__init__(f"{rows} × {columns} up to {cell}")
        self.rows, self.columns, self.cell, self.filled_rows = rows, columns, cell, filled_rows


@dataclass
class _Extent:
    max_rows: int
    max_cells: int
    rows: int = 0
    columns: int = 0
    filled: int = 0
    filled_rows: int = 0
    last_row: int = 0

    def add(self, row: int, column: int, repeat_rows: int = 1, repeat_columns: int = 1) -> None:
        """A filled cell at 1-based (row, column), repeated down and across (ODS)."""
        if row != self.last_row:
            self.filled_rows, self.last_row = self.filled_rows + repeat_rows, row
        self.rows = max(self.rows, row + repeat_rows - 1)
        self.columns = max(self.columns, column + repeat_columns - 1)
        self.filled += repeat_rows * repeat_columns
        if self.rows > self.max_rows or self.rows * self.columns > self.max_cells or self.filled > self.max_cells:
            cell = column_letter(self.columns) + str(self.rows)
            raise SheetTooLarge(self.rows, self.columns, cell, self.filled_rows)


def column_letter(n: int) -> str:
    """1 → A, 16384 → XFD."""
    letters = ""
    while n > 0:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _column_number(letters: bytes) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ch - 64
    return n


def check_sheet(path: Path, sheet_index: int, max_rows: int, max_cells: int) -> None:
    """Raise SheetTooLarge when sheet `sheet_index` (0-based, workbook order) of an .xlsx/.xlsm holds data
    beyond `max_rows` rows or a used rectangle beyond `max_cells` cells; for an .ods, any sheet (calamine reads
    them all when it opens the file, so call this first). Other formats pass unchecked."""
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".xlsm", ".ods") or not zipfile.is_zipfile(path):
        return
    with zipfile.ZipFile(path) as zf:
        if suffix == ".ods":
            _scan_ods(zf, max_rows, max_cells)
            return
        part = _xlsx_sheet_part(zf, sheet_index)
        if part is not None:
            _scan_xlsx(zf, part, _Extent(max_rows, max_cells))


def _xlsx_sheet_part(zf: zipfile.ZipFile, sheet_index: int) -> str | None:
    """The archive member of the n-th sheet listed in xl/workbook.xml."""
    try:
        workbook = ElementTree.fromstring(zf.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ElementTree.ParseError):
        return None
    sheets = [e for e in workbook.iter() if e.tag.rsplit("}", 1)[-1] == "sheet"]
    if not 0 <= sheet_index < len(sheets):
        return None
    rel_id = sheets[sheet_index].get(f"{{{_REL_NS}}}id")
    target = next((r.get("Target") for r in rels if r.get("Id") == rel_id), None)
    if not target:
        return None
    part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
    return part if part in zf.namelist() else None


def _scan_xlsx(zf: zipfile.ZipFile, part: str, extent: _Extent) -> None:
    """Every start tag of rows and cells, in chunks; a cell without `r` takes the next column (as Excel does)."""
    row, column, tail = 0, 0, b""
    with zf.open(part) as stream:
        while chunk := stream.read(_CHUNK):
            buffer = tail + chunk
            cut = buffer.rfind(b">") + 1
            buffer, tail = buffer[:cut], _bounded_tail(buffer[cut:], part)
            for closing, name, attrs in _TAG.findall(buffer):
                if closing:
                    continue
                if name == b"row":
                    ref = _ROW_REF.search(attrs)
                    row, column = (int(ref.group(1)) if ref else row + 1), 0
                    continue
                ref = _CELL_REF.search(attrs)
                if ref:
                    column = _column_number(ref.group(1))
                    row = int(ref.group(2)) or row
                else:
                    column += 1
                if not attrs.rstrip().endswith(b"/"):  # <c …/> is a formatted empty cell
                    extent.add(max(row, 1), column)


def _scan_ods(zf: zipfile.ZipFile, max_rows: int, max_cells: int) -> None:
    """Every table of content.xml, repeats included; empty repeated cells (ODS pads every row with them)
    do not count."""
    table_tag, row_tag = f"{{{_ODS_TABLE}}}table", f"{{{_ODS_TABLE}}}table-row"
    cell_tags = {f"{{{_ODS_TABLE}}}table-cell", f"{{{_ODS_TABLE}}}covered-table-cell"}
    repeat_rows_attr = f"{{{_ODS_TABLE}}}number-rows-repeated"
    repeat_cols_attr = f"{{{_ODS_TABLE}}}number-columns-repeated"
    value_type = f"{{{_ODS_OFFICE}}}value-type"
    extent, row, column, row_repeat = _Extent(max_rows, max_cells), 0, 0, 1
    with zf.open("content.xml") as stream:
        for event, element in ElementTree.iterparse(stream, events=("start", "end")):
            tag = element.tag
            if event == "start":
                if tag == table_tag:
                    extent, row = _Extent(max_rows, max_cells), 0
                elif tag == row_tag:
                    row_repeat, column = int(element.get(repeat_rows_attr) or 1), 0
            elif tag in cell_tags:
                repeat = int(element.get(repeat_cols_attr) or 1)
                if element.get(value_type) or len(element):
                    extent.add(row + 1, column + 1, row_repeat, repeat)
                column += repeat
            elif tag == row_tag:
                row += row_repeat
                element.clear()  # a read row is not kept: content.xml may be large


def _bounded_tail(tail: bytes, part: str) -> bytes:
    """What is left after the last `>` of a chunk: text of a cell or the start of a tag. Text without a tag is
    dropped once long (it holds no cell); a tag longer than any real one refuses the sheet."""
    if len(tail) <= _CHUNK:
        return tail
    start = tail.rfind(b"<")
    tail = tail[start:] if start >= 0 else b""
    if len(tail) > _MAX_TAG_BYTES:
        raise WorkbookRefused("part_too_complex", part=part)
    return tail


def check_parts(path: Path, max_cells: int) -> None:
    """Raise WorkbookRefused when an .xlsx/.xlsm/.ods unpacks to too much: a part beyond MAX_PART_BYTES or
    packed over MAX_RATIO times, all parts beyond MAX_WORKBOOK_BYTES, or more shared strings than `max_cells`.
    A part's declared size is what Python's zipfile reads at most (more is a CRC error), and the parts this
    module does not scan (styles, workbook, relationships) are read through once to hold them to it. Other
    formats pass unchecked."""
    if path.suffix.lower() not in (".xlsx", ".xlsm", ".ods") or not zipfile.is_zipfile(path):
        return
    with zipfile.ZipFile(path) as zf:
        infos = [i for i in zf.infolist() if not i.is_dir()]
        total = 0
        for info in infos:
            total += info.file_size
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > MAX_PART_BYTES or (info.file_size > _RATIO_FLOOR and ratio > MAX_RATIO):
                raise _part_too_large(info.filename, info.file_size, MAX_PART_BYTES)
        if total > MAX_WORKBOOK_BYTES:
            raise _part_too_large("*", total, MAX_WORKBOOK_BYTES)
        shared = _shared_strings_part(zf)
        if shared is not None:
            _count_shared_strings(zf, shared, max_cells)
        for info in infos:  # sheets are scanned by check_sheet, and only the one read is opened
            scanned = info.filename == shared or info.filename.startswith("xl/worksheets/")
            if info.filename.endswith((".xml", ".rels")) and not scanned and info.filename != "content.xml":
                _read_through(zf, info)


def _part_too_large(part: str, size: int, limit: int) -> WorkbookRefused:
    return WorkbookRefused("part_too_large", part=part, size=_megabytes(size), limit=_megabytes(limit), ratio=MAX_RATIO)


def _megabytes(n: int) -> str:
    """`1831 MB` (whole numbers read the same in Vietnamese and English), `12 KB` under a megabyte."""
    return f"{round(n / 2**20)} MB" if n >= 2**20 else f"{-(-n // 1024)} KB"


def _shared_strings_part(zf: zipfile.ZipFile) -> str | None:
    """The shared-strings part named by the workbook's relationships (else the usual name), if present."""
    names = set(zf.namelist())
    try:
        rels = ElementTree.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ElementTree.ParseError):
        rels = None
    for rel in rels if rels is not None else ():
        target = rel.get("Target") or ""
        if rel.get("Type") == _SHARED_STRINGS_TYPE and target:
            part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
            if part in names:
                return part
    return "xl/sharedStrings.xml" if "xl/sharedStrings.xml" in names else None


def _count_shared_strings(zf: zipfile.ZipFile, part: str, max_cells: int) -> None:
    """Count the `<si>` entries in chunks; more than `max_cells` is refused (no sheet holds more cells)."""
    count, tail = 0, b""
    with zf.open(part) as stream:
        while chunk := stream.read(_CHUNK):
            buffer = tail + chunk
            cut = buffer.rfind(b"<")  # a tag cut between two chunks is counted with the next one
            if cut < 0 or len(buffer) - cut > 64:
                cut = len(buffer)
            count += len(_SHARED_STRING.findall(buffer, 0, cut))
            tail = buffer[cut:]
            if count > max_cells:
                raise WorkbookRefused("shared_strings_too_many", limit=max_cells)
    if count + len(_SHARED_STRING.findall(tail)) > max_cells:
        raise WorkbookRefused("shared_strings_too_many", limit=max_cells)


def _read_through(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    """Unpack a part without keeping it: zipfile stops at its declared size, and a part holding more fails
    its CRC check (BadZipFile), so no reader downstream meets more than the sizes checked above."""
    with zf.open(info) as stream:
        while stream.read(_CHUNK):
            pass
