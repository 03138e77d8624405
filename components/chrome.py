"""The frame around every page: demo badge, data date, language switch, attribution."""

from __future__ import annotations

import html

import streamlit as st

from components.data_import import current_version_label
from components.state import LANG_KEY
from core.exports.safety import markdown_literal
from core.i18n import fmt_date, t
from core.model.dataset import Dataset

_CSS = """
<style>
.dx-badge {display:inline-block; padding:0.2rem 0.7rem; border-radius:1rem; background:#fff3cd;
           color:#6b4e00; border:1px solid #e0b400; font-weight:600; font-size:0.95rem;}
.dx-meta {color:#4a5560; font-size:0.95rem;}
[data-testid="stDateInput"]:focus {outline:none;}
</style>
"""


# Streamlit writes some texts of its own widgets in English whatever the page's language; where a data-testid
# marks them, the text is hidden and ours is drawn instead (see docs/accessibility.md, "Streamlit's own words").
_WIDGET_TEXT_CSS = """
<style>
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p {{font-size:0;}}
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p::after {{
  content:"{button}"; font-size:1rem;}}
[data-testid="stFileUploaderDropzoneInstructions"] span {{font-size:0;}}
[data-testid="stFileUploaderDropzoneInstructions"] span::before {{content:"{limit}"; font-size:0.85rem;}}
[data-testid="stStatusWidget"] button, [data-testid="stStatusWidget"] button * {{font-size:0 !important;}}
[data-testid="stStatusWidget"] button p::after {{content:"{stop}"; font-size:0.875rem;}}
</style>
"""

# Streamlit's date field takes a typed date only when the focus moves to another element (a plain blur is
# not enough), and Tab first stops at its calendar button: Enter in the field now moves the focus to the
# widget itself, and Tab out of the year to the next control after the widget, so the date applies at once.
_DATE_KEYS_JS = """
<script>
if (!window.__dxDateKeys) {
  window.__dxDateKeys = true;
  const focusable = 'button, a[href], input, select, textarea, [tabindex]:not([tabindex="-1"])';
  const nextAfter = (widget) => Array.from(document.querySelectorAll(focusable)).find((el) =>
    !widget.contains(el) && (widget.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING)
    && !el.disabled && el.offsetParent !== null);
  document.addEventListener("keydown", (event) => {
    const field = '[data-testid="stDateInputField"] [role="spinbutton"]';
    const segment = event.target.closest && event.target.closest(field);
    const widget = segment && segment.closest('[data-testid="stDateInput"]');
    if (!widget) return;
    let target = null;
    if (event.key === "Enter") {
      widget.setAttribute("tabindex", "-1");
      target = widget;
    } else if (event.key === "Tab" && !event.shiftKey && segment.getAttribute("data-type") === "year") {
      target = nextAfter(widget);
    }
    if (target) {
      event.preventDefault();
      target.focus();
    }
  }, true);
}
</script>
"""


def demo_badge(dataset: Dataset, lang: str) -> None:
    if dataset.meta.synthetic:
        st.markdown(
            f'<span class="dx-badge" data-testid="dx-demo-badge" title="{html.escape(t("demo_badge_help", lang))}">'
            f"{html.escape(t('demo_badge', lang))}</span>",
            unsafe_allow_html=True,
        )


def _widget_texts(lang: str) -> str:
    limit_mb = int(st.get_option("server.maxUploadSize"))
    texts = {
        "button": t("st_uploader_button", lang),
        "limit": t("st_uploader_limit", lang, mb=limit_mb),
        "stop": t("st_stop", lang),
    }
    return _WIDGET_TEXT_CSS.format(**{k: v.replace('"', "") for k, v in texts.items()})


def boundary_credit(dataset: Dataset, lang: str) -> str | None:
    """The package's boundary credit in the page's language: `boundaries_attribution_<lang>` when the
    package gives one, the demo's own credit translated, else the credit as the package wrote it."""
    credit = dataset.boundary_credit()
    own = str(dataset.meta.extra.get(f"boundaries_attribution_{lang}") or "").strip()
    if own:
        return own
    if credit == t("boundaries_credit_demo", "vi"):
        return t("boundaries_credit_demo", lang)
    return credit


def sidebar(dataset: Dataset, lang: str) -> None:
    st.markdown(_CSS + _widget_texts(lang), unsafe_allow_html=True)
    with st.sidebar:
        st.divider()
        from components.signin import account_box

        account_box(lang, dataset)
        demo_badge(dataset, lang)
        st.markdown(
            f'<p class="dx-meta">{html.escape(dataset.meta.province_name)} · '
            f"{html.escape(t('data_date', lang))} {fmt_date(dataset.meta.as_of, lang)}</p>",
            unsafe_allow_html=True,
        )
        st.caption(current_version_label(lang))
        choice = st.radio(
            t("language", lang),
            ["vi", "en"],
            index=0 if lang == "vi" else 1,
            horizontal=True,
            format_func=lambda code: {"vi": "Tiếng Việt", "en": "English"}[code],
            key="lang_switch",
        )
        if choice != lang:
            st.session_state[LANG_KEY] = choice
            st.query_params["lang"] = choice
            st.rerun()
        st.html(_DATE_KEYS_JS, unsafe_allow_javascript=True)
        credit = boundary_credit(dataset, lang)
        st.caption(markdown_literal(f"{credit}. {t('attribution', lang)}" if credit else t("attribution", lang)))
