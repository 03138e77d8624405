"""The Data page's problem list: row (as Excel numbers it), column, value and reason of every problem a dry run
found, laid out so each reason wraps inside the page instead of running off to the right (a grid cell of a
dataframe is one line wide and was cut at 1366 px). The file is a column only when the upload had several.

Every text is the user's file or derived from it, so each is HTML-escaped, its line breaks made spaces (a blank
line would end the HTML block) and shown in a <bdi> (a right-to-left override cannot reorder the row).
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

import streamlit as st

from core.exports.safety import markdown_literal
from core.i18n import fmt_int, t
from core.ingest.validation import Problem, problems_table

MAX_SHOWN = 200  # a file with more problems is read in the downloaded workbook, not on screen
SCROLL_FROM = 12  # more rows than this scroll inside a box of SCROLL_HEIGHT px, the page stays short
SCROLL_HEIGHT = 520
_SPACE = re.compile(r"\s+")

CSS = """
<style>
table.dx-problems {width: 100%; border-collapse: collapse; table-layout: fixed; font-size: 0.92rem;
  line-height: 1.4; margin: 0;}
table.dx-problems th {text-align: left; font-weight: 600; padding: 0.35rem 0.5rem;
  border-bottom: 2px solid rgba(128, 128, 128, 0.35); position: sticky; top: 0; background: #f1f4f8;}
table.dx-problems td {padding: 0.35rem 0.5rem; vertical-align: top; overflow-wrap: anywhere;
  border-bottom: 1px solid rgba(128, 128, 128, 0.2);}
table.dx-problems .dx-row {text-align: right; font-variant-numeric: tabular-nums;}
table.dx-problems tr.dx-error td:first-child {box-shadow: inset 3px 0 0 #d93025;}
table.dx-problems tr.dx-warning td:first-child {box-shadow: inset 3px 0 0 #e0a800;}
table.dx-problems col.dx-c-file {width: 15%;}
table.dx-problems col.dx-c-row {width: 4.2rem;}
table.dx-problems col.dx-c-column {width: 17%;}
table.dx-problems col.dx-c-value {width: 18%;}
</style>
"""


def _cell(value: object) -> str:
    if value is None or (not isinstance(value, str) and value != value):  # None, NaN, pandas NA
        return "–"
    text = _SPACE.sub(" ", str(value)).strip()
    return f"<bdi>{html.escape(text, quote=True)}</bdi>" if text else ""


def _row_number(value: object) -> str:
    """The row as Excel's row header shows it: `1234`, no thousands separator; a whole-file problem has none."""
    try:
        return str(int(value))
    except (TypeError, ValueError):
        return "–"


def problems_html(problems: Sequence[Problem], lang: str, limit: int = MAX_SHOWN) -> str:
    """The first `limit` problems (errors first) as one escaped HTML table."""
    table = problems_table(problems, lang)
    several_files = table.iloc[:, 0].nunique() > 1
    severities = ["dx-error" if p.is_error else "dx-warning" for p in sorted(problems, key=lambda p: not p.is_error)]
    keys = ("problems_header_row", "problems_header_column", "problems_header_value", "problems_header_reason")
    cols = ["row", "column", "value", "reason"]
    if several_files:
        keys, cols = ("problems_header_file", *keys), ["file", *cols]
    head = "".join(
        f'<th class="dx-row">{html.escape(t(k, lang))}</th>'
        if k == "problems_header_row"
        else f"<th>{html.escape(t(k, lang))}</th>"
        for k in keys
    )
    colgroup = "".join(f'<col class="dx-c-{c}">' for c in cols)
    body = []
    for severity, (file, row, column, value, reason) in zip(severities, table.itertuples(index=False)):
        cells = [f'<td class="dx-row">{_row_number(row)}</td>', *(f"<td>{_cell(v)}</td>" for v in (column, value))]
        cells.append(f"<td>{_cell(reason)}</td>")
        if several_files:
            cells.insert(0, f"<td>{_cell(file)}</td>")
        body.append(f'<tr class="{severity}">{"".join(cells)}</tr>')
        if len(body) >= limit:
            break
    return (
        f'<table class="dx-problems" data-testid="dx-problems"><colgroup>{colgroup}</colgroup>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    )


def problem_list(problems: Sequence[Problem], lang: str) -> None:
    """The list on the page, in a scrolling box when long; which file when there is only one; how many are
    left to the download when there are more than MAX_SHOWN."""
    files = {p.file for p in problems}
    if len(files) == 1:
        st.caption(f"{t('problems_header_file', lang)}: {markdown_literal(next(iter(files)))}")
    if len(problems) > MAX_SHOWN:
        st.caption(t("layout_problems_more", lang, shown=fmt_int(MAX_SHOWN, lang), n=fmt_int(len(problems), lang)))
    box = st.container(height=SCROLL_HEIGHT if len(problems) > SCROLL_FROM else "content", border=False)
    box.html(CSS + problems_html(problems, lang))
