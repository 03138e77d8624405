"""Spreadsheet formula-injection guard (OWASP "CSV Injection").

A text cell starting with `=`, `+`, `-`, `@`, tab or carriage return can be run as a formula by Excel or
LibreOffice (`=HYPERLINK(...)`, `+cmd|...`). Such cells get a leading apostrophe, which spreadsheet
programs show as text and never evaluate. Numbers are left alone: a negative number is not a formula.
"""

from __future__ import annotations

from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """`text` made safe to open in a spreadsheet (unchanged unless it starts like a formula)."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def safe_cell(value: Any) -> Any:
    """Neutralise strings; return every other value (numbers, None) as it is."""
    return neutralise(value) if isinstance(value, str) else value
