"""The frame around every page: demo badge, data date, language switch, attribution."""

from __future__ import annotations

import html

import streamlit as st

from components.data_import import current_version_label
from core.dataset import Dataset
from core.exports.safety import markdown_literal
from core.i18n import fmt_date, t

_CSS = """
<style>
.dx-badge {display:inline-block; padding:0.2rem 0.7rem; border-radius:1rem; background:#fff3cd;
           color:#6b4e00; border:1px solid #e0b400; font-weight:600; font-size:0.95rem;}
.dx-meta {color:#4a5560; font-size:0.95rem;}
</style>
"""


def demo_badge(dataset: Dataset, lang: str) -> None:
    if dataset.meta.synthetic:
        st.markdown(
            f'<span class="dx-badge" data-testid="dx-demo-badge" title="{html.escape(t("demo_badge_help", lang))}">'
            f"{html.escape(t('demo_badge', lang))}</span>",
            unsafe_allow_html=True,
        )


def sidebar(dataset: Dataset, lang: str) -> None:
    st.markdown(_CSS, unsafe_allow_html=True)
    with st.sidebar:
        st.divider()
        demo_badge(dataset, lang)
        st.markdown(
            f'<p class="dx-meta">{html.escape(dataset.meta.province_name)} · '
            f"{html.escape(t('data_date', lang))} {fmt_date(dataset.meta.as_of, lang)}</p>",
            unsafe_allow_html=True,
        )
        st.caption(current_version_label(lang))
        choice = st.radio(t("language", lang), ["vi", "en"], index=0 if lang == "vi" else 1, horizontal=True,
                          format_func=lambda code: {"vi": "Tiếng Việt", "en": "English"}[code], key="lang_switch")
        if choice != lang:
            st.session_state["lang"] = choice
            st.query_params["lang"] = choice
            st.rerun()
        credit = dataset.boundary_credit()
        st.caption(markdown_literal(f"{credit}. {t('attribution', lang)}" if credit else t("attribution", lang)))
