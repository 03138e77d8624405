"""Download buttons for the Priorities page: files are generated on click, without a rerun."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from components.filters import current_filter
from components.priorities import view_key
from core.dataset import Dataset
from core.exports import brief, csv, field_sheet, geojson, kml, xlsx
from core.exports.context import ExportInput, build_input, file_name
from core.exports.safety import markdown_literal
from core.i18n import t
from core.planner import PlanResult
from core.scoring import Weights

_BUTTONS: tuple[tuple[str, str, str, str, Callable[[ExportInput], bytes], str], ...] = (
    # (button key, file kind, extension, mime, exporter, icon)
    ("xlsx", "priorities", "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
     xlsx.to_xlsx, "📊"),
    ("csv", "priorities", "csv", "text/csv", csv.to_csv, "📄"),
    ("geojson", "priorities", "geojson", "application/geo+json", geojson.to_geojson, "🗺️"),
    ("kml", "priorities", "kml", "application/vnd.google-earth.kml+xml", kml.to_kml, "📍"),
    ("field_sheet", "field_sheet", "pdf", "application/pdf", field_sheet.to_field_sheets, "🖨️"),
    ("brief", "brief", "pdf", "application/pdf", brief.to_brief, "📑"),
)


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
    inp = build_input(view, current_filter(), weights, lang, ranked=ranked, plan=current_plan(view, weights))
    st.subheader(t("exp_heading", lang))
    st.caption(t("exp_caption", lang, area=markdown_literal(inp.area)))
    cols = st.columns(3)  # two rows of three: the labels stay readable on a laptop and a projector
    for i, (key, kind, ext, mime, exporter, icon) in enumerate(_BUTTONS):
        col = cols[i % 3]
        help_text = t("exp_field_sheet_help", lang, n=field_sheet.MAX_VILLAGE_PAGES) if key == "field_sheet" else None
        with col:
            st.download_button(t(f"exp_btn_{key}", lang), data=_on_click(exporter, inp),
                               file_name=file_name(inp, kind, ext), mime=mime, key=f"export_{key}",
                               on_click="ignore", icon=icon, help=help_text, width="stretch")


def _on_click(exporter: Callable[[ExportInput], bytes], inp: ExportInput) -> Callable[[], bytes]:
    return lambda: exporter(inp)
