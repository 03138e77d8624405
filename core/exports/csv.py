"""CSV of the ranked villages: UTF-8 with BOM (Vietnamese Excel opens it correctly), same columns as XLSX."""

from __future__ import annotations

import csv as _csv
import io

from core.exports.columns import headers, rows_of
from core.exports.context import ExportInput
from core.exports.safety import safe_cell


def to_csv(inp: ExportInput) -> bytes:
    """Comma-separated, CRLF lines, every field that needs it quoted; text neutralised against formulas."""
    buffer = io.StringIO(newline="")
    writer = _csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([safe_cell(h) for h in headers(inp.columns, inp.lang)])
    for row in rows_of(inp.columns, inp.villages, inp.lang):
        writer.writerow(["" if value is None else safe_cell(value) for value in row])
    return buffer.getvalue().encode("utf-8-sig")
