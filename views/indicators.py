"""Indicators (/indicators): the campaign's KPIs as charts, each with a takeaway, a table and a CSV."""

from __future__ import annotations

import streamlit as st

from components.chrome import demo_badge
from components.context import current_dataset, current_lang, current_view
from components.filters import area_title, current_filter
from components.indicators_page import (
    headline_section,
    indicator_choice,
    more_charts_section,
    province_targets_section,
)
from components.projector import is_projector

lang = current_lang()
dataset = current_dataset(lang)
view = current_view(dataset)
flt = current_filter()
projector = is_projector()

if not projector:
    st.title(area_title(flt, dataset, lang, "page_indicators"))
    demo_badge(dataset, lang)
indicator = indicator_choice(lang, projector)
headline_section(flt, view, dataset, indicator, lang, projector)
more_charts_section(flt, view, dataset, indicator, lang)
province_targets_section(flt, view, lang)
