"""The used area of a workbook sheet, measured by streaming its XML before any spreadsheet library loads it.

A spreadsheet reader (calamine) allocates a sheet's whole rectangle from A1 to its farthest filled cell: a 5 KB
.xlsx with one value at XFD1048576 asks for 512 GB and aborts the process, and an .ods row repeated a million
times does the same. This module reads the sheet part of the archive in chunks, notes every cell that holds
something (empty formatted cells and `<dimension ref>` are ignored, as the reader ignores them) and stops with
`SheetTooLarge` as soon as the rectangle passes the limits, so nothing large is ever held in memory.
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
            buffer, tail = buffer[:cut], buffer[cut:]
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
