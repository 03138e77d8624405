"""Excel workbook: the ranked villages, an "about this file" sheet, and the deployment plan when there is one."""

from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from core.exports.columns import PLAN_COLUMNS, Column, headers, plan_frame, rows_of
from core.exports.context import ExportInput, about_rows
from core.exports.safety import neutralise
from core.i18n import t

_HEADER_FILL = PatternFill("solid", fgColor="DDE7F0")
_NUMBER_FORMATS = {"int": "#,##0", "code": "@", "text": "@"}
_MAX_WIDTH = 60


def to_xlsx(inp: ExportInput) -> bytes:
    """The workbook as bytes: sheet 1 villages in priority order, sheet 2 filter/weights/source, sheet 3 plan."""
    wb = Workbook()
    villages = wb.active
    villages.title = t("exp_sheet_villages", inp.lang)
    _write_table(villages, inp.columns, rows_of(inp.columns, inp.villages, inp.lang), inp.lang)
    _write_about(wb.create_sheet(t("exp_sheet_about", inp.lang)), inp)
    if inp.has_plan:
        frame = plan_frame(inp.plan.rows, inp.ranked, inp.view.teams)
        _write_table(
            wb.create_sheet(t("exp_sheet_plan", inp.lang)),
            PLAN_COLUMNS,
            rows_of(PLAN_COLUMNS, frame, inp.lang),
            inp.lang,
        )
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _write_table(ws: Worksheet, columns: tuple[Column, ...], rows: list[list[Any]], lang: str) -> None:
    """Header row (bold, wrapped, frozen, auto-filter) and typed cells: numbers as numbers, text as text."""
    for j, title in enumerate(headers(columns, lang), start=1):
        cell = ws.cell(row=1, column=j, value=neutralise(title))
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    formats = [_number_format(c) for c in columns]
    for i, row in enumerate(rows, start=2):
        for j, (column, value) in enumerate(zip(columns, row), start=1):
            _typed_cell(ws, i, j, column, value, formats[j - 1])
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(len(rows) + 1, 1)}"
    ws.row_dimensions[1].height = 45
    for j, column in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(j)].width = _width(column, [r[j - 1] for r in rows[:300]])


def _typed_cell(ws: Worksheet, i: int, j: int, column: Column, value: Any, number_format: str) -> None:
    if value is None:
        return
    if column.kind in ("text", "code"):
        cell = ws.cell(row=i, column=j, value=neutralise(str(value)))
        cell.data_type = "s"  # never a formula, whatever the text looks like
    else:
        cell = ws.cell(row=i, column=j, value=value)
    cell.number_format = number_format


def _number_format(column: Column) -> str:
    if column.kind == "float":
        return "0." + "0" * column.decimals if column.decimals else "0"
    return _NUMBER_FORMATS[column.kind]


def _width(column: Column, sample: list[Any]) -> float:
    longest = max((len(str(v)) for v in sample if v is not None), default=0)
    return float(min(max(column.width, min(longest, column.width * 2) + 2), _MAX_WIDTH))


def _write_about(ws: Worksheet, inp: ExportInput) -> None:
    for i, (label, value) in enumerate(about_rows(inp), start=1):
        head = ws.cell(row=i, column=1, value=neutralise(label))
        head.font = Font(bold=True)
        head.data_type = "s"
        cell = ws.cell(row=i, column=2, value=neutralise(value) if isinstance(value, str) else value)
        if isinstance(value, str):
            cell.data_type = "s"
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        head.alignment = Alignment(wrap_text=True, vertical="top")
    if inp.view.meta.synthetic:
        ws.cell(row=1, column=1).font = Font(bold=True, color="B00020")
    ws.column_dimensions["A"].width = 42
    ws.column_dimensions["B"].width = 90
