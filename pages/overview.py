"""Overview (/): headline figures of the province or the filtered area."""

from __future__ import annotations

import streamlit as st

from components.chrome import demo_badge
from components.context import current_dataset, current_lang
from components.kpi import kpi_row, outcomes_table, teams_table
from core.kpis import summary

lang = current_lang()
dataset = current_dataset(lang)
figures = summary(dataset)

st.title(dataset.meta.province_name)
demo_badge(dataset, lang)
kpi_row(figures, lang)
left, right = st.columns(2)
with left:
    teams_table(figures, lang)
with right:
    outcomes_table(figures, lang)
