"""What a page says about itself to the browser and to assistive technology: its title, its language, and the
few styles that keep small text and focus readable (WCAG 2.2 AA).

Streamlit's page is declared `lang="en"` and titled by `st.set_page_config` once for every page. Here each run
titles the tab after the page it shows ("Bản đồ · dxmap"), and a small script sets `<html lang>` to the UI's
language, so a screen reader reads Vietnamese with Vietnamese rules (the ASGI layer already sets it from the link
on the first load: components.base_url_hint). Captions are Streamlit's text colour at 60 % opacity, 4.37:1 on
white; they are drawn opaque and darker here (7:1). A focused link or map shows a 3 px outline (≥ 3:1 against
both the page and the unfocused state).
"""

from __future__ import annotations

import json

import streamlit as st

CAPTION_COLOUR = "#4f555c"  # 7.5:1 on white, 6.6:1 on the sidebar's #f0f2f6
FOCUS_COLOUR = "#0b5394"  # 8.6:1 on white

_STYLE = f"""
<style>
[data-testid="stCaptionContainer"] {{opacity: 1 !important;}}
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p {{color: {CAPTION_COLOUR} !important;}}
[data-testid="stSidebarNav"] a:focus-visible, [data-testid="stSidebarNav"] a:focus {{
  outline: 3px solid {FOCUS_COLOUR}; outline-offset: 2px; border-radius: 0.25rem;}}
iframe:focus-visible {{outline: 3px solid {FOCUS_COLOUR}; outline-offset: 2px;}}
</style>
"""


def page_identity(page_title: str, lang: str) -> None:
    """Title the browser tab after the page, declare the page's language, and draw readable captions and focus."""
    st.set_page_config(page_title=f"{page_title} · dxmap")
    script = f"<script>document.documentElement.lang = {json.dumps(lang)};</script>"
    st.html(_STYLE + script, unsafe_allow_javascript=True)
