"""Follow-up (/followup): the month's adopted plan against the reports, what changed since the last meeting, pace."""

from __future__ import annotations

import streamlit as st

from components.chrome import demo_badge
from components.context import current_dataset, current_lang, current_view
from components.filters import area_title, current_filter
from components.followup import changes_section, pace_section, plan_section, projector_slide
from components.projector import is_projector

lang = current_lang()
dataset = current_dataset(lang)
view = current_view(dataset)
flt = current_filter()

if is_projector():  # a slide: the month's tiles and what changed, no tables
    projector_slide(dataset, view, flt, lang)
else:
    st.title(area_title(flt, dataset, lang, "page_followup"))
    demo_badge(dataset, lang)
    plan_section(dataset, view, flt, lang)
    changes_section(dataset, lang)
    pace_section(dataset, lang)
