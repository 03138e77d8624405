"""dxmap entrypoint: page config, navigation, the shared frame and filter. Pages live in pages/."""

from __future__ import annotations

import streamlit as st

from components.chrome import sidebar
from components.context import current_dataset, current_lang
from components.filters import filter_sidebar, show_notices, sync_from_link
from core.i18n import t

st.set_page_config(page_title="dxmap", page_icon="🗺️", layout="wide")

lang = current_lang()
st.session_state["lang"] = lang
if lang != "vi":
    st.query_params["lang"] = lang  # links keep the language across pages

pages = [
    st.Page("pages/overview.py", title=t("page_overview", lang), url_path="", default=True, icon="📊"),
    st.Page("pages/priorities.py", title=t("page_priorities", lang), url_path="priorities", icon="🎯"),
]
navigation = st.navigation(pages)
dataset = current_dataset(lang)
sync_from_link(dataset)
sidebar(dataset, lang)
with st.sidebar:
    filter_sidebar(dataset, lang)
show_notices(lang)
navigation.run()
