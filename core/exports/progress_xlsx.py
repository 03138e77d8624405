"""Plan against done as an Excel workbook: the province and its districts, the teams, the missed villages."""

from __future__ import annotations

import io
from collections.abc import Sequence

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from core.exports.safety import safe_cell
from core.i18n import t

Sheet = tuple[str, Sequence[tuple[str, str]], pd.DataFrame]  # title, (column, header key), rows


def to_xlsx(sheets: Sequence[Sheet], lang: str) -> bytes:
    """One sheet per (title, columns, frame): a bold header row of the columns' words, then the rows."""
    wb = Workbook()
    wb.remove(wb.active)
    for title, columns, frame in sheets:
        ws = wb.create_sheet(title[:31])
        ws.append([t(key, lang) for _col, key in columns])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in frame[[col for col, _key in columns]].itertuples(index=False):
            ws.append([_value(v) for v in row])
        for i, (_col, key) in enumerate(columns, start=1):
            ws.column_dimensions[get_column_letter(i)].width = min(50, max(10, len(t(key, lang)) + 2))
        ws.freeze_panes = "A2"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _value(value):
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if hasattr(value, "item"):  # numpy scalars
        value = value.item()
    return safe_cell(value)
