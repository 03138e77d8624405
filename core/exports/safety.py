"""Output guards for user text: spreadsheet formula injection (OWASP "CSV Injection"), Streamlit markdown.

A text cell starting with `=`, `+`, `-`, `@`, tab or carriage return can be run as a formula by Excel or
LibreOffice (`=HYPERLINK(...)`, `+cmd|...`). Such cells get a leading apostrophe, which spreadsheet
programs show as text and never evaluate. Numbers are left alone: a negative number is not a formula.
"""

from __future__ import annotations

import re
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """`text` made safe to open in a spreadsheet (unchanged unless it starts like a formula)."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def safe_cell(value: Any) -> Any:
    """Neutralise strings; return every other value (numbers, None) as it is."""
    return neutralise(value) if isinstance(value, str) else value


def safe_frame(frame):
    """A copy of a pandas frame with its headers and every string cell neutralised (for CSV and XLSX files)."""
    out = frame.copy()
    out.columns = [safe_cell(c) for c in out.columns]
    for column in out.columns:
        if out[column].dtype == object or str(out[column].dtype) in ("string", "str"):
            out[column] = out[column].map(safe_cell, na_action="ignore").astype(object)
    return out


_MARKDOWN_SPECIAL = frozenset("\\`*_{}[]()#+-.!|<>~$:=&")
# What GitHub-flavoured markdown turns into a link by itself, escaped or not: Streamlit links bare URLs and
# e-mail addresses after the escapes are read, so they go into code spans (never linked, shown as written).
_AUTOLINK = re.compile(r"(?:https?://|www\.)\S*|[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)


def markdown_literal(text: str) -> str:
    """`text` for a Streamlit markdown element (st.caption, st.markdown, labels) shown exactly as written:
    every markdown character backslash-escaped (`**x**` stays `**x**`, `[a](javascript:…)` is no link,
    `$…$` no formula, `:red[…]` no colour), bare URLs and e-mail addresses as code (no link, no request),
    and line breaks as spaces."""
    text = " ".join(str(text).split())
    out, start = [], 0
    for match in _AUTOLINK.finditer(text):
        out += [_escape(text[start : match.start()]), _code_span(match.group())]
        start = match.end()
    return "".join([*out, _escape(text[start:])])


def _escape(text: str) -> str:
    return "".join("\\" + ch if ch in _MARKDOWN_SPECIAL else ch for ch in text)


def _code_span(text: str) -> str:
    """`text` as an inline code span: a fence longer than any backtick run inside, padded when needed."""
    fence = "`" * (max((len(run) for run in re.findall("`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"
