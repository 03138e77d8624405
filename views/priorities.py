"""Priorities and plan (/priorities): explainable village scores, recommended interventions, the plan."""

from __future__ import annotations

import streamlit as st

from components.context import current_dataset, current_lang, current_view
from components.exports import export_buttons
from components.filters import area_title, current_filter
from components.followup import adopt_block
from components.plan_compare import compare_block
from components.plan_team_compare import team_compare_block
from components.priorities import plan_section, ranked_table, weights_controls
from components.session import allowed

lang = current_lang()
dataset = current_dataset(lang)
view = current_view(dataset)

st.title(area_title(current_filter(), dataset, lang))
weights = weights_controls(lang)
ranked = ranked_table(view, weights, lang)
if ranked is not None:
    if allowed("plan"):  # with accounts, the role decides: a viewer reads the ranking only
        plan_section(view, ranked, weights, lang)
        adopt_block(view, weights, lang)
        compare_block(view, weights, lang)
        team_compare_block(view, ranked, weights, lang)
    if allowed("export"):
        export_buttons(dataset, view, ranked, weights, lang)
