"""The Data page's account of an import: in the dry run, each activity row read and what happens to it (new,
replacing an earlier submission, skipped), with its cells as the file shows them, and the data's "as of" after
it; after the commit, the figures of the person's area that changed, the new "as of" and a link to the Overview."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.state import COMMITTED_KEY
from core.exports.safety import markdown_literal
from core.i18n import fmt_date, fmt_int, t

MAX_ROWS = 1000  # rows per group sent to the browser (a package's activities are thousands)
SKIPPED = ("duplicate", "superseded", "rejected")


def as_of_line(plan, lang: str) -> None:
    """What the data's "as of" is after the import, and what set it."""
    meta = plan.dataset.meta if plan.dataset is not None else None
    if meta is None or meta.as_of is None:
        return
    if meta.as_of_source == "activities":
        text = t(
            "import_as_of_activities", lang, date=fmt_date(meta.as_of, lang), package=fmt_date(meta.baseline_date, lang)
        )
    else:
        text = t("import_as_of_package", lang, date=fmt_date(meta.as_of, lang))
    st.markdown(f"**{markdown_literal(text)}**")


def row_outcomes(plan, lang: str) -> None:
    """The activity rows read, grouped: new, replacing an earlier submission, skipped (each row as the file
    shows it: file, row number as Excel shows it, outcome, cells under the file's headers)."""
    counts = plan.outcome_counts()
    if not any(counts.values()):
        return
    groups = {"new": ("new",), "replaces": ("replaces",), "skipped": SKIPPED}
    totals = {name: sum(counts.get(o, 0) for o in outcomes) for name, outcomes in groups.items()}
    st.markdown(f"**{t('rows_heading', lang)}**")
    st.caption(t("rows_summary", lang, **{k: fmt_int(n, lang) for k, n in totals.items()}))
    for name, outcomes in groups.items():
        if not totals[name]:
            continue
        rows = sorted((r for o in outcomes for r in plan.rows_by_outcome(o, MAX_ROWS)), key=lambda r: (r.file, r.row))[
            :MAX_ROWS
        ]
        with st.expander(t(f"rows_group_{name}", lang, n=fmt_int(totals[name], lang)), expanded=name != "new"):
            if totals[name] > len(rows):
                st.caption(t("rows_cut", lang, shown=fmt_int(len(rows), lang), total=fmt_int(totals[name], lang)))
            st.dataframe(rows_frame(rows, lang), hide_index=True, width="stretch", key=f"dx_rows_{name}")


def rows_frame(rows, lang: str) -> pd.DataFrame:
    """One line per row: file, row, outcome, then its cells under the headers the files use (in their order)."""
    headers: list[str] = []
    for row in rows:
        headers += [h for h, _ in row.cells if h not in headers]
    fixed = [t(k, lang) for k in ("rows_col_file", "rows_col_row", "rows_col_outcome")]
    cells = [h if h not in fixed else f"{h} " for h in headers]  # a file column named like ours stays apart
    records = []
    for row in rows:
        values = dict(row.cells)
        outcome = t(f"row_outcome_{row.outcome}", lang)
        records.append([row.file, row.row, outcome, *(values.get(h, "") for h in headers)])
    return pd.DataFrame(records, columns=[*fixed, *cells])


def committed_panel(lang: str) -> None:
    """After a commit (once): the area's figures that changed, the new "as of", a link to the Overview."""
    result = st.session_state.pop(COMMITTED_KEY, None)
    if result is None:
        return
    result, area = result
    if result.figures:
        st.markdown(f"**{t('committed_heading', lang, area=markdown_literal(area))}**")
        st.dataframe(committed_frame(result, lang), hide_index=True, key="dx_committed_figures")
    else:
        st.caption(t("committed_none", lang, area=markdown_literal(area)))
    if result.as_of_after is not None:
        if result.as_of_moved:
            text = t(
                "committed_as_of_moved",
                lang,
                after=fmt_date(result.as_of_after, lang),
                before=fmt_date(result.as_of_before, lang),
            )
        else:
            text = t("import_as_of_package", lang, date=fmt_date(result.as_of_after, lang))
        st.markdown(markdown_literal(text))
    st.page_link("views/overview.py", label=t("committed_to_overview", lang), icon=":material/dashboard:")


def committed_frame(result, lang: str) -> pd.DataFrame:
    def number(value) -> str:
        return fmt_int(value, lang) if value is not None else t("not_reported", lang)

    rows = [
        (
            t(f"figure_{f.key}", lang),
            number(f.before),
            number(f.after),
            ("+" if f.difference > 0 else "") + fmt_int(f.difference, lang),
        )
        for f in result.figures
    ]
    headers = [t(f"committed_col_{k}", lang) for k in ("figure", "before", "after", "difference")]
    return pd.DataFrame(rows, columns=headers)
