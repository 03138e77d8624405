"""The audit log as an Excel workbook: one row per entry, times as real dates (Vietnam time), user text as text.

Every text cell is neutralised (a typed user name such as `=HYPERLINK(…)` stays text, never a formula) and
stripped of control characters, which the XLSX format cannot hold and a terminal might act on.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from core.audit import AuditEntry
from core.clock import in_province
from core.exports.safety import neutralise
from core.i18n import catalogue, t

_HEADER_FILL = PatternFill("solid", fgColor="DDE7F0")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_WIDTHS = (20, 28, 28, 90)


def plain_text(text: str) -> str:
    """`text` without control characters (each shown as �), for a cell or a terminal line."""
    return _CONTROL.sub("\ufffd", text)


def detail_text(detail: dict) -> str:
    """An entry's detail as one line of JSON, as written in the log."""
    return json.dumps(detail, ensure_ascii=False, sort_keys=True, default=str) if detail else ""


def detail_words(detail: dict, lang: str) -> str:
    """An entry's detail for a person: `Label: value` pairs in the user's language, joined by ` · `."""
    return " · ".join(
        f"{_key_label(key, lang)}: {_value_words(key, value, lang)}" for key, value in sorted(detail.items())
    )


def _key_label(key: str, lang: str) -> str:
    label = f"audit_key_{key}"
    return t(label, lang) if label in catalogue() else key


def _value_words(key: str, value: Any, lang: str) -> str:
    if key == "area" and isinstance(value, list | tuple) and not value:
        return t("acct_province_wide", lang)
    if key == "role" and f"acct_role_{value}" in catalogue():
        return t(f"acct_role_{value}", lang)
    if isinstance(value, bool):
        return t("audit_value_yes" if value else "audit_value_no", lang)
    if isinstance(value, dict):
        return ", ".join(f"{k}={_value_words(k, v, lang)}" for k, v in sorted(value.items())) or "–"
    if isinstance(value, list | tuple):
        return ", ".join(_value_words(key, v, lang) for v in value) or "–"
    return "–" if value is None else plain_text(str(value))


def action_label(action: str, lang: str) -> str:
    key = f"audit_action_{action}"
    return t(key, lang) if key in catalogue() else action


def to_xlsx(entries: Sequence[AuditEntry], lang: str) -> bytes:
    """The workbook as bytes: header row (frozen, filtered), then one entry a row, oldest first."""
    wb = Workbook()
    ws = wb.active
    ws.title = t("audit_sheet", lang)
    heads = [t(k, lang) for k in ("audit_col_at", "audit_col_actor", "audit_col_action", "audit_col_detail")]
    for j, title in enumerate(heads, start=1):
        cell = ws.cell(row=1, column=j, value=title)
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
    for i, entry in enumerate(entries, start=2):
        when = ws.cell(row=i, column=1, value=in_province(entry.at).replace(tzinfo=None))  # as the header says
        when.number_format = "dd/mm/yyyy hh:mm:ss"
        _text_cell(ws, i, 2, entry.actor or t("audit_nobody", lang))
        _text_cell(ws, i, 3, action_label(entry.action, lang))
        _text_cell(ws, i, 4, detail_text(entry.detail))
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:D{max(len(entries) + 1, 1)}"
    for letter, width in zip("ABCD", _WIDTHS):
        ws.column_dimensions[letter].width = width
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _text_cell(ws: Any, row: int, column: int, value: str) -> None:
    cell = ws.cell(row=row, column=column, value=neutralise(plain_text(value)))
    cell.data_type = "s"  # never a formula, whatever the text looks like
    cell.alignment = Alignment(vertical="top", wrap_text=column == 4)
