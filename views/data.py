"""Data (/data): import with a dry run, the problems found, history and restore, Excel templates; the audit log
for accounts that may read it."""

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
from components.session import allowed
from components.write_access import session_may_write
from core.i18n import t

lang = current_lang()
st.title(t("data_heading", lang))
st.caption(f"{t('data_in_use', lang)}: {current_version_label(lang)}")
flash(lang)
may_write = editor_panel(lang)
may_restore = may_write and session_may_write("restore")
show_audit = allowed("audit")
names = ["tab_import", "tab_history", "tab_templates"] + (["tab_audit"] if show_audit else [])
tabs = st.tabs([t(name, lang) for name in names])
with tabs[0]:
    import_panel(lang, may_write)
with tabs[1]:
    history_panel(lang, may_restore)
with tabs[2]:
    templates_panel(lang)
if show_audit:
    from components.audit_view import audit_panel

    with tabs[3]:
        audit_panel(lang)
