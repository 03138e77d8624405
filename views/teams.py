"""Teams (/teams): every team, its members, villages and activity; idle teams and uncovered villages."""

from __future__ import annotations

import streamlit as st

from components.chrome import demo_badge
from components.context import current_dataset, current_lang, current_view
from components.filters import area_title, current_filter
from components.projector import is_projector
from components.teams_page import (
    all_teams_section,
    idle_section,
    team_detail_section,
    teams_page,
    uncovered_section,
)

lang = current_lang()
dataset = current_dataset(lang)
view = current_view(dataset)
flt = current_filter()

if not is_projector():
    st.title(area_title(flt, dataset, lang, "page_teams"))
    demo_badge(dataset, lang)
page = teams_page(flt, view, dataset, lang)
idle_section(page, lang)
all_teams_section(flt, page, lang)
uncovered_section(page, lang)
team_detail_section(flt, page, view, dataset, lang)
