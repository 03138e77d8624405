"""The audit log on /data, for accounts whose role may read it: a table, newest first, from a chosen date, and
the same entries as an XLSX workbook."""

from __future__ import annotations

import logging
from datetime import date, datetime, time, timedelta

import pandas as pd
import streamlit as st

from components import session
from components.downloads import download
from core.clock import PROVINCE_TIME, fmt_time
from core.exports.audit_xlsx import detail_words
from core.i18n import fmt_int, t

_LOG = logging.getLogger("dxmap")
DEFAULT_DAYS = 30


def _local(value: datetime) -> str:
    return fmt_time(value)


def _action(action: str, lang: str) -> str:
    key = f"audit_action_{action}"
    try:
        return t(key, lang)
    except KeyError:
        return action


def entries_frame(entries, lang: str) -> pd.DataFrame:
    """Newest first: time (Vietnam), who, what, detail in words."""
    rows = [
        (
            _local(e.at),
            e.actor or t("audit_nobody", lang),
            _action(e.action, lang),
            detail_words(e.detail, lang),
        )
        for e in reversed(entries)
    ]
    headers = [t("history_when", lang)] + [
        t(k, lang) for k in ("audit_col_actor", "audit_col_action", "audit_col_detail")
    ]
    return pd.DataFrame(rows, columns=headers)


def _xlsx(entries, lang: str) -> bytes:
    from core.exports.audit_xlsx import to_xlsx

    return to_xlsx(entries, lang)


def audit_panel(lang: str) -> None:
    if not session.may("audit"):  # checked again here: the tab is only drawn for such accounts
        return
    from core import audit

    st.subheader(t("audit_heading", lang))
    since = st.date_input(
        t("audit_since", lang),
        value=date.today() - timedelta(days=DEFAULT_DAYS),
        format="DD/MM/YYYY",
        key="dx_audit_since",
    )
    start = datetime.combine(since, time.min, tzinfo=PROVINCE_TIME)  # the day as Vietnam counts it
    try:
        entries = audit.entries(start, url=session.store_url())
    except Exception:  # noqa: BLE001 - never a traceback on screen
        _LOG.exception("reading the audit log failed")
        st.error(t("store_error", lang, detail="audit"))
        return
    if not entries:
        st.info(t("audit_empty", lang))
        return
    st.caption(t("audit_count", lang, n=fmt_int(len(entries), lang)))
    st.dataframe(entries_frame(entries, lang), hide_index=True, width="stretch", key="dx_audit_table")
    download(
        "audit_log",
        t("audit_download", lang),
        lambda: _xlsx(entries, lang),
        lang,
        extra={"since": since.isoformat(), "entries": len(entries)},
        file_name=f"nhat_ky_{since.isoformat()}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="dx_audit_download",
        icon=":material/download:",
    )
