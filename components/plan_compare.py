"""Two plans side by side on the Priorities page: the plan on screen kept as A, the next one made compared to it."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.downloads import download
from components.state import PLAN_CAPACITY_KEY, PLAN_KEY, PLAN_NIGHTS_KEY, PLAN_PINNED_KEY, PLAN_TRAVEL_KEY
from core.i18n import fmt_int, t
from core.model.dataset import Dataset
from services import followup


def _settings_words(weights, lang: str) -> str:
    state = st.session_state
    weighed = ", ".join(f"{t(f'component_{k}', lang)} {v:g}" for k, v in weights.as_dict().items())
    nights, capacity, travel = (state.get(k, "–") for k in (PLAN_NIGHTS_KEY, PLAN_CAPACITY_KEY, PLAN_TRAVEL_KEY))
    return f"{weighed}; {t('compare_settings', lang, nights=nights, capacity=capacity, travel=travel)}"


def compare_block(view: Dataset, weights, lang: str) -> None:
    """Keep the plan on screen as plan A; once another plan is made (other settings or weights), show both."""
    stored = st.session_state.get(PLAN_KEY)
    if not stored or stored[1].rows.empty:
        return
    st.subheader(t("compare_heading", lang))
    if st.button(t("compare_pin", lang), icon=":material/push_pin:", key="compare_pin"):
        st.session_state[PLAN_PINNED_KEY] = (stored[0], stored[1], _settings_words(weights, lang))
    pinned = st.session_state.get(PLAN_PINNED_KEY)
    if pinned is None or pinned[0] == stored[0]:
        st.caption(t("compare_hint", lang))
        return
    tables = followup.comparison_tables(pinned[1], stored[1], view, lang)
    st.caption(t("compare_which", lang, a=pinned[2], b=_settings_words(weights, lang)))
    st.dataframe(_words(tables["summary"], followup.COMPARE_COLUMNS, lang), hide_index=True, width="content")
    st.dataframe(
        _words(tables["villages"], followup.COMPARE_VILLAGE_COLUMNS, lang), hide_index=True, width="stretch", height=300
    )
    download(
        "plan_compare_xlsx",
        t("compare_download", lang),
        lambda: followup.comparison_xlsx(tables, lang),
        lang,
        file_name="so-sanh-hai-phuong-an.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="compare_xlsx",
    )


def _words(frame: pd.DataFrame, columns, lang: str) -> pd.DataFrame:
    out = pd.DataFrame()
    for col, key in columns:
        values = frame[col]
        if pd.api.types.is_numeric_dtype(values):
            values = values.map(lambda v: fmt_int(v, lang))
        out[t(key, lang)] = values.astype(str).to_numpy()
    return out
