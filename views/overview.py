"""Overview (/): headline figures of the province or the filtered area."""

from __future__ import annotations

import streamlit as st

from components.charts import headline_charts
from components.chrome import demo_badge
from components.context import current_dataset, current_lang, current_view
from components.filters import area_title, current_filter
from components.kpi import kpi_row, outcomes_table, projector_tiles, teams_table
from components.projector import is_projector, slide_tiles
from services.indicators import summary

lang = current_lang()
dataset = current_dataset(lang)
view = current_view(dataset)
figures = summary(view)

if is_projector():
    slide_tiles(projector_tiles(figures, lang))
    headline_charts(view, dataset, lang)
else:
    st.title(area_title(current_filter(), dataset, lang))
    demo_badge(dataset, lang)
    kpi_row(figures, lang)
    headline_charts(view, dataset, lang)
    left, right = st.columns(2)
    with left:
        teams_table(figures, lang)
    with right:
        outcomes_table(figures, lang)
