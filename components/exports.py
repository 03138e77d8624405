"""Download buttons for the Priorities page: files are generated on click, without a rerun."""

from __future__ import annotations

import re
from functools import partial

import pandas as pd
import streamlit as st

import services
from components.context import data_version
from components.downloads import download, record, refusal
from components.filters import current_filter
from components.followup import brief_maker
from components.session import current_area
from components.state import FIELD_SHEET_READY_KEY, FIELD_SHEET_REQUEST_KEY, PLAN_KEY
from core.exports.context import ExportInput, file_name
from core.exports.safety import markdown_literal
from core.i18n import fmt_int, t
from core.model.dataset import Dataset
from core.planning.planner import PlanResult
from services.weights import Weights

_ICONS = {  # the order of the buttons; Material icons: an emoji shows as an empty box without an emoji font
    "xlsx": ":material/table_view:",
    "csv": ":material/description:",
    "geojson": ":material/map:",
    "kml": ":material/place:",
    "field_sheet": ":material/print:",
    "brief": ":material/summarize:",
}
_PDF_PAGE = re.compile(rb"/Type\s*/Page\b(?!s)")


def current_plan(weights: Weights) -> PlanResult | None:
    """The plan built on this page for this very view and weights (a stale plan is not exported)."""
    stored = st.session_state.get(PLAN_KEY)
    if not stored:
        return None
    key, result = stored
    return result if services.plan_fits(key, data_version(), current_filter(), weights, current_area()) else None


def export_buttons(dataset: Dataset, view: Dataset, ranked: pd.DataFrame, weights: Weights, lang: str) -> None:
    """Download buttons (two rows of three) for the current filter, weights and, when built, the plan."""
    del dataset  # the view carries the units and metadata the exports need
    if refusal("xlsx", lang) is not None:  # every file of the page needs the same right
        return
    plan = current_plan(weights)
    inp = services.export_input(view, current_filter(), weights, lang, ranked=ranked, plan=plan, area=current_area())
    st.subheader(t("exp_heading", lang))
    st.caption(t("exp_caption", lang, area=markdown_literal(inp.area)))
    cols = st.columns(3)  # two rows of three: the labels stay readable on a laptop and a projector
    for i, (key, icon) in enumerate(_ICONS.items()):
        with cols[i % 3]:
            if key == "field_sheet":
                plan_built = st.session_state[PLAN_KEY][0] if plan else None
                _field_sheet_button(
                    inp,
                    services.scoped_key(data_version(), current_area(), current_filter(), weights, plan_built, lang),
                    icon,
                )
                continue
            export = services.EXPORTS[key]
            download(
                key,
                t(f"exp_btn_{key}", lang),
                brief_maker(inp, view, lang) if key == "brief" else partial(services.export_bytes, key, inp),
                lang,
                extra={"rows": len(inp.ranked)},
                file_name=file_name(inp, export.kind, export.ext),
                mime=export.mime,
                key=f"export_{key}",
                icon=icon,
                width="stretch",
            )


def _request_field_sheet() -> None:
    st.session_state[FIELD_SHEET_REQUEST_KEY] = True


def _field_sheet_button(inp: ExportInput, key: tuple, icon: str) -> None:
    """Field sheets in two steps: make them (button disabled, progress per sheet), then download.

    A province plan is ~400 pages and ~10 s: a plain download button would give no progress and invite a
    second click. The request flag is consumed by the run that makes the file, so an interrupted run
    leaves the button usable again."""
    lang = inp.lang
    running = st.session_state.pop(FIELD_SHEET_REQUEST_KEY, False)
    ready = st.session_state.get(FIELD_SHEET_READY_KEY)
    if ready and ready[0] == key and not running:
        pages = len(_PDF_PAGE.findall(ready[1]))
        st.download_button(
            t("exp_fs_download", lang, pages=fmt_int(pages, lang)),
            data=ready[1],
            file_name=file_name(inp, "field_sheet", "pdf"),
            mime="application/pdf",
            key="export_field_sheet_file",
            on_click="ignore",
            icon=":material/download:",
            type="primary",
            width="stretch",
        )
        return
    from core.exports import field_sheet  # with fpdf2: loaded by the page that offers the sheets, not at start

    help_text = t("exp_field_sheet_help", lang, n=field_sheet.MAX_VILLAGE_PAGES)
    st.button(
        t("exp_fs_make", lang),
        key="export_field_sheet",
        on_click=_request_field_sheet,
        icon=icon,
        help=help_text,
        disabled=running,
        width="stretch",
    )
    if not running:
        return
    bar = st.progress(0.0, text=t("exp_fs_progress", lang, done=0, total="…"))

    def progress(done: int, total: int) -> None:
        bar.progress(
            done / max(total, 1), text=t("exp_fs_progress", lang, done=fmt_int(done, lang), total=fmt_int(total, lang))
        )

    st.session_state[FIELD_SHEET_READY_KEY] = (key, services.export_bytes("field_sheet", inp, progress))
    _record("field_sheet", inp)
    st.rerun()


def _record(name: str, inp: ExportInput) -> None:
    record(name, inp.lang, rows=len(inp.ranked))
