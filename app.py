"""dxmap entrypoint: page config, navigation, the shared frame and filter. Page scripts live in views/."""

from __future__ import annotations

import streamlit as st

from components.chrome import sidebar
from components.context import current_dataset, current_lang, full_dataset
from components.filters import filter_sidebar, show_notices, sync_from_link
from components.kpi import tile_styles
from components.page_identity import page_identity
from components.projector import apply_projector_mode
from components.session import current_area, next_run
from components.signin import gate
from components.state import LANG_KEY
from components.write_access import accept_link_token
from core.i18n import t

st.set_page_config(page_title="dxmap", page_icon="🗺️", layout="wide")

next_run()
lang = current_lang()
st.session_state[LANG_KEY] = lang
accept_link_token(lang)  # the start-up link's ?token=: first, so no other code copies it into a link
if lang != "vi":
    st.query_params["lang"] = lang  # links keep the language across pages

pages = [
    st.Page(
        "views/overview.py", title=t("page_overview", lang), url_path="", default=True, icon=":material/dashboard:"
    ),
    st.Page("views/map.py", title=t("page_map", lang), url_path="map", icon=":material/map:"),
    st.Page(
        "views/indicators.py", title=t("page_indicators", lang), url_path="indicators", icon=":material/monitoring:"
    ),
    st.Page("views/priorities.py", title=t("page_priorities", lang), url_path="priorities", icon=":material/flag:"),
    st.Page("views/teams.py", title=t("page_teams", lang), url_path="teams", icon=":material/groups:"),
    st.Page(
        "views/followup.py", title=t("page_followup", lang), url_path="followup", icon=":material/event_available:"
    ),
    st.Page("views/data.py", title=t("page_data", lang), url_path="data", icon=":material/database:"),
]
signed_in = gate(lang)  # with accounts in the store: the sign-in form, and nothing else, until signed in
navigation = st.navigation(pages, position="sidebar" if signed_in else "hidden")
page_identity(navigation.title if signed_in else t("signin_heading", lang), lang)  # tab title, <html lang>
if not signed_in:
    st.stop()
area = current_area()
dataset = current_dataset(lang)  # the signed-in account's area only (the province without accounts)
apply_projector_mode(lang, pages, navigation)
sync_from_link(dataset, full_dataset(lang) if not area.province_wide else dataset, area)
with st.sidebar:
    filter_sidebar(dataset, lang, area)  # first: what district leads come for
sidebar(dataset, lang)
show_notices(lang, navigation.url_path)  # the link's notices, on the page it opened
tile_styles()  # every tile title on every page wraps to show whole (plan and team tiles included)
navigation.run()
