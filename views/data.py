"""Data (/data): import with a dry run, the problems found, history and restore, Excel templates."""

from __future__ import annotations

import streamlit as st

from components.context import current_lang
from components.data_import import (
    current_version_label,
    editor_panel,
    flash,
    history_panel,
    import_panel,
    templates_panel,
)
from core.i18n import t

lang = current_lang()
st.title(t("data_heading", lang))
st.caption(f"{t('data_in_use', lang)}: {current_version_label(lang)}")
flash(lang)
may_write = editor_panel(lang)
tab_import, tab_history, tab_templates = st.tabs(
    [t("tab_import", lang), t("tab_history", lang), t("tab_templates", lang)]
)
with tab_import:
    import_panel(lang, may_write)
with tab_history:
    history_panel(lang, may_write)
with tab_templates:
    templates_panel(lang)
