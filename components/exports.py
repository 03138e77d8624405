"""Download buttons for the Priorities page: files are generated on click, without a rerun."""

from __future__ import annotations

import re
from collections.abc import Callable

import pandas as pd
import streamlit as st

from components.filters import current_filter
from components.priorities import view_key
from core.dataset import Dataset
from core.exports import brief, csv, field_sheet, geojson, kml, xlsx
from core.exports.context import ExportInput, build_input, file_name
from core.exports.safety import markdown_literal
from core.i18n import fmt_int, t
from core.planner import PlanResult
from core.scoring import Weights

_BUTTONS: tuple[tuple[str, str, str, str, Callable[[ExportInput], bytes], str], ...] = (
    # (button key, file kind, extension, mime, exporter, icon); Material icons: an emoji shows as an empty
    # box on a computer without an emoji font
    ("xlsx", "priorities", "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
     xlsx.to_xlsx, ":material/table_view:"),
    ("csv", "priorities", "csv", "text/csv", csv.to_csv, ":material/description:"),
    ("geojson", "priorities", "geojson", "application/geo+json", geojson.to_geojson, ":material/map:"),
    ("kml", "priorities", "kml", "application/vnd.google-earth.kml+xml", kml.to_kml, ":material/place:"),
    ("field_sheet", "field_sheet", "pdf", "application/pdf", field_sheet.to_field_sheets, ":material/print:"),
    ("brief", "brief", "pdf", "application/pdf", brief.to_brief, ":material/summarize:"),
)
_FS_REQUEST = "_fs_requested"
_FS_READY = "_fs_ready"
_PDF_PAGE = re.compile(rb"/Type\s*/Page\b(?!s)")


def current_plan(view: Dataset, weights: Weights) -> PlanResult | None:
    """The plan built on this page for this very view and weights (a stale plan is not exported)."""
    stored = st.session_state.get("plan")
    if not stored:
        return None
    key, result = stored
    return result if key[0] == view_key(view) and key[1] == weights else None


def export_buttons(dataset: Dataset, view: Dataset, ranked: pd.DataFrame, weights: Weights, lang: str) -> None:
    """Download buttons (two rows of three) for the current filter, weights and, when built, the plan."""
    del dataset  # the view carries the units and metadata the exports need
    plan = current_plan(view, weights)
    inp = build_input(view, current_filter(), weights, lang, ranked=ranked, plan=plan)
    st.subheader(t("exp_heading", lang))
    st.caption(t("exp_caption", lang, area=markdown_literal(inp.area)))
    cols = st.columns(3)  # two rows of three: the labels stay readable on a laptop and a projector
    for i, (key, kind, ext, mime, exporter, icon) in enumerate(_BUTTONS):
        with cols[i % 3]:
            if key == "field_sheet":
                key_now = (view_key(view), weights, st.session_state["plan"][0] if plan else None, lang)
                _field_sheet_button(inp, key_now, icon)
                continue
            st.download_button(t(f"exp_btn_{key}", lang), data=_on_click(exporter, inp),
                               file_name=file_name(inp, kind, ext), mime=mime, key=f"export_{key}",
                               on_click="ignore", icon=icon, width="stretch")


def _request_field_sheet() -> None:
    st.session_state[_FS_REQUEST] = True


def _field_sheet_button(inp: ExportInput, key: tuple, icon: str) -> None:
    """Field sheets in two steps: make them (button disabled, progress per sheet), then download.

    A province plan is ~400 pages and ~10 s: a plain download button would give no progress and invite a
    second click. The request flag is consumed by the run that makes the file, so an interrupted run
    leaves the button usable again."""
    lang = inp.lang
    running = st.session_state.pop(_FS_REQUEST, False)
    ready = st.session_state.get(_FS_READY)
    if ready and ready[0] == key and not running:
        pages = len(_PDF_PAGE.findall(ready[1]))
        st.download_button(t("exp_fs_download", lang, pages=fmt_int(pages, lang)), data=ready[1],
                           file_name=file_name(inp, "field_sheet", "pdf"), mime="application/pdf",
                           key="export_field_sheet_file", on_click="ignore", icon=":material/download:",
                           type="primary", width="stretch")
        return
    help_text = t("exp_field_sheet_help", lang, n=field_sheet.MAX_VILLAGE_PAGES)
    st.button(t("exp_fs_make", lang), key="export_field_sheet", on_click=_request_field_sheet, icon=icon,
                  help=help_text, disabled=running, width="stretch")
    if not running:
        return
    bar = st.progress(0.0, text=t("exp_fs_progress", lang, done=0, total="…"))

    def progress(done: int, total: int) -> None:
        bar.progress(done / max(total, 1), text=t("exp_fs_progress", lang, done=fmt_int(done, lang),
                                                 total=fmt_int(total, lang)))

    st.session_state[_FS_READY] = (key, field_sheet.to_field_sheets(inp, progress))
    st.rerun()


def _on_click(exporter: Callable[[ExportInput], bytes], inp: ExportInput) -> Callable[[], bytes]:
    return lambda: exporter(inp)
