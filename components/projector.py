"""Projector mode (`?present=1`): one screen for a meeting room at 1920×1080.

Navigation and filters hide behind one menu button; KPI numbers, labels and charts grow; the title says what
area, period and data date the room is looking at; ← / → (or PageUp / PageDown, as presenter clickers send)
and two buttons page through the "slides": Overview, Map and Indicators, whichever of them the app has.
`present` is kept in session state and written back to the link on every run, since Streamlit clears query
parameters when the page changes.
"""

from __future__ import annotations

import html
import zlib
from collections.abc import Sequence

import streamlit as st

from components.state import PRESENT_CONTROLS_KEY, PRESENT_KEY, PRESENT_TOGGLE_KEY, WRITTEN_KEY
from core.i18n import fmt_date, t

SLIDE_PATHS = ("", "map", "indicators", "followup")  # Overview, Map, Indicators, Follow-up, in meeting order
MAX_TILES = 4

_BASE_CSS = """
<style>
.dx-takeaway {font-weight: 600; margin: 0.2rem 0 0.1rem 0;}
/* A row of tiles (`slide_tiles`): every tile, its label, number and note in one box, as tall as the row's
   tallest, whichever label wraps. */
[data-testid="stColumn"]:has([class*="st-key-dx_tile_"]) > [data-testid="stVerticalBlock"] {height: 100%;}
[data-testid="stColumn"]:has([class*="st-key-dx_tile_"]) > [data-testid="stVerticalBlock"] > * {flex: 1 1 auto;}
[data-testid="stColumn"] [class*="st-key-dx_tile_"] {height: 100%; justify-content: flex-start;}
</style>
"""

# Streamlit's test ids are its public styling hooks; the sizes are for a room reading a 1920×1080 screen.
_PROJECTOR_CSS = """
<style>
header[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"] {display: none !important;}
.stMainBlockContainer, [data-testid="stMainBlockContainer"] {padding: 0.8rem 2.5rem 1rem 2.5rem !important;
  max-width: 100% !important;}
.stApp {font-size: 22px;}
[data-testid="stMetricValue"], [data-testid="stMetricValue"] * {font-size: 64px !important;
  line-height: 1.15 !important; font-weight: 700 !important;}
[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] * {font-size: 24px !important;}
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] * {font-size: 20px !important;}
/* On the meeting-room screen, whatever a reader needs is at least 28 px and dark enough to read from the back:
   tile captions, the paging links and the slide number, the map slide's controls. */
@media (min-width: 1600px) {
  [data-testid="stMain"] [data-testid="stCaptionContainer"],
  [data-testid="stMain"] [data-testid="stCaptionContainer"] * {
    font-size: 28px !important; line-height: 1.3 !important; color: #2b3036 !important;}
  .st-key-dx_slide_prev a, .st-key-dx_slide_prev a *, .st-key-dx_slide_next a, .st-key-dx_slide_next a *,
  .stMarkdown p.dx-slide-keys, p.dx-slide-keys {font-size: 28px !important; line-height: 1.3 !important;}
  .st-key-dx_slide_prev a, .st-key-dx_slide_next a {white-space: nowrap;}
  [data-testid="stMain"] [data-testid="stWidgetLabel"], [data-testid="stMain"] [data-testid="stWidgetLabel"] *,
  [data-testid="stMain"] [data-testid="stRadio"] label, [data-testid="stMain"] [data-testid="stRadio"] label *,
  [data-testid="stMain"] [data-testid="stCheckbox"] label, [data-testid="stMain"] [data-testid="stCheckbox"] label *,
  [data-testid="stMain"] [data-testid="stSelectbox"] input,
  [data-testid="stMain"] .stButton button, [data-testid="stMain"] .stButton button *,
  [data-testid="stPopoverButton"], [data-testid="stPopoverButton"] * {
    font-size: 28px !important; line-height: 1.25 !important;}
  [data-testid="stMain"] [data-testid="stSelectbox"] input {min-height: 2.6rem;}
  /* the map slide's layer choices side by side where they fit, so the slide fits the screen */
  [data-testid="stMain"] [data-testid="stRadioGroup"] {display: flex !important; flex-direction: row !important;
    flex-wrap: wrap; column-gap: 1.5rem;}
}
.stMarkdown p.dx-takeaway, p.dx-takeaway {font-size: 26px !important;}
.stMarkdown p.dx-slide-title, p.dx-slide-title {font-size: 36px !important; font-weight: 700; margin: 0;
  line-height: 1.2; color: #1b1f24;}
/* A 1366×768 screen: the title of a whole-province slide on one line, still larger than any caption. */
@media (max-width: 1599px) {.stMarkdown p.dx-slide-title, p.dx-slide-title {font-size: 30px !important;}}
.dx-slide-sub {font-size: 22px; margin: 0; color: #333;}
.dx-slide-keys {font-size: 15px; color: #333; text-align: right;}
/* Map slide: the side panel's figures and the legend read from the back of the room. */
.dx-panel div {font-size: 22px !important; line-height: 1.15; align-items: baseline;}
.dx-panel b {font-size: 30px !important; line-height: 1.1 !important; white-space: nowrap; flex-shrink: 0;}
.dx-panel-empty {font-size: 24px !important;}
.dx-legend {font-size: 20px !important; line-height: 1.7 !important;}
.dx-legend .dx-sw {width: 18px !important; height: 18px !important;}
/* A click then an arrow key (paging) must not draw Streamlit's keyboard-focus frame across the slide. */
[data-testid="stMain"]:focus, [data-testid="stMain"]:focus-visible {outline: none !important;}
[data-testid="stMain"]::before, [data-testid="stMain"]:focus-visible::before {box-shadow: none !important;}
</style>
"""
_HIDE_CONTROLS_CSS = """
<style>
section[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
[data-testid="stSidebarNav"] {display: none !important;}
</style>
"""

# Clicks the hidden-in-plain-sight previous/next links; guarded so reruns do not stack listeners.
_KEYS_JS = """
<script>
(function () {
  const doc = window.parent && window.parent.document ? window.parent.document : document;
  if (doc.__dxSlideKeys) return;
  doc.__dxSlideKeys = true;
  doc.addEventListener("keydown", function (ev) {
    const tag = (ev.target && ev.target.tagName || "").toLowerCase();
    if (["input", "textarea", "select"].includes(tag) || ev.altKey || ev.ctrlKey || ev.metaKey) return;
    const next = ["ArrowRight", "PageDown"].includes(ev.key), prev = ["ArrowLeft", "PageUp"].includes(ev.key);
    if (!next && !prev) return;
    const link = doc.querySelector((next ? ".st-key-dx_slide_next" : ".st-key-dx_slide_prev") + " a");
    if (link) { ev.preventDefault(); link.click(); }
  });
})();
</script>
"""


def is_projector() -> bool:
    return bool(st.session_state.get(PRESENT_KEY, False))


def _adopt_link() -> None:
    """`present` in the link wins; without it (after a page change) the session keeps its mode."""
    value = st.query_params.get("present")
    if value is not None:
        st.session_state[PRESENT_KEY] = value == "1"
    if is_projector():
        st.query_params["present"] = "1"
    elif "present" in st.query_params:
        del st.query_params["present"]


def _switch(on: bool) -> None:
    st.session_state[PRESENT_KEY] = on
    st.session_state[PRESENT_CONTROLS_KEY] = False
    if on:
        st.query_params["present"] = "1"
    elif "present" in st.query_params:
        del st.query_params["present"]


def _on_toggle(key: str) -> None:
    _switch(bool(st.session_state.get(key)))


def slides(pages: Sequence) -> list:
    """The app's pages that are slides, in meeting order (a missing Map page is simply skipped)."""
    by_path = {p.url_path: p for p in pages}
    return [by_path[path] for path in SLIDE_PATHS if path in by_path]


def apply_projector_mode(lang: str, pages: Sequence = (), current=None) -> None:
    """Call once per run from the entrypoint, before the page runs."""
    _adopt_link()
    st.html(_BASE_CSS)
    if not is_projector():
        with st.sidebar:
            st.session_state[PRESENT_TOGGLE_KEY] = False
            st.toggle(
                t("present_toggle", lang), key=PRESENT_TOGGLE_KEY, on_change=_on_toggle, args=(PRESENT_TOGGLE_KEY,)
            )
        return
    st.html(_PROJECTOR_CSS)
    if not st.session_state.get(PRESENT_CONTROLS_KEY, False):
        st.html(_HIDE_CONTROLS_CSS)
    _top_bar(lang, list(pages), current)
    st.html(_KEYS_JS, unsafe_allow_javascript=True)


def _top_bar(lang: str, pages: list, current) -> None:
    menu, title, paging = st.columns([1, 8, 3], vertical_alignment="center")  # paging labels whole at 1366 px
    with menu:
        with st.popover("☰ " + t("present_menu", lang)):
            st.toggle(t("present_show_controls", lang), key=PRESENT_CONTROLS_KEY)
            st.button(t("present_exit", lang), on_click=_switch, args=(False,), key="present_exit_button")
            for page in pages:
                st.page_link(page, label=page.title)
    with title:
        _slide_title(lang, current)
    with paging:
        _paging(lang, slides(pages), current)


def _slide_title(lang: str, current) -> None:
    from components.chrome import demo_badge
    from components.context import current_dataset

    dataset = current_dataset(lang)
    flt = _link_filter(dataset)
    from components.filters import describe

    page_title = current.title if current is not None else ""
    as_of = dataset.meta.as_of
    if current is not None and current.url_path == "map":  # the map may show an earlier month's data
        from components.map_month import shown_as_of

        as_of = shown_as_of() or as_of
    sub = f"{describe(flt, dataset, lang)} · {t('data_date', lang)} {fmt_date(as_of, lang)}"
    st.markdown(
        f'<p class="dx-slide-title" data-testid="dx-slide-title">{html.escape(page_title)} — {html.escape(sub)}</p>',
        unsafe_allow_html=True,
    )
    demo_badge(dataset, lang)


def _link_filter(dataset):
    """The filter this run will use: a newly opened link's, else the session's (read-only, no notices)."""
    from components.filters import current_filter
    from core.model.filters import FILTER_PARAMS, Filter

    params = {k: v for k, v in st.query_params.to_dict().items() if k in FILTER_PARAMS}
    if params and params != st.session_state.get(WRITTEN_KEY):
        return Filter.from_query_params(params, dataset)[0]
    return current_filter()


def _paging(lang: str, deck: list, current) -> None:
    paths = [p.url_path for p in deck]
    here = current.url_path if current is not None else None
    if not deck:
        return
    i = paths.index(here) if here in paths else -1
    prev_page = deck[i - 1] if i > 0 else deck[-1]
    next_page = deck[(i + 1) % len(deck)]
    left, mid, right = st.columns([3, 1, 3], vertical_alignment="center")
    with left, st.container(key="dx_slide_prev"):
        st.page_link(prev_page, label=t("present_prev", lang), icon=":material/arrow_back:")
    with mid:
        position = f"{i + 1}/{len(deck)}" if i >= 0 else f"–/{len(deck)}"
        st.markdown(
            f'<p class="dx-slide-keys" title="{html.escape(t("present_keys", lang))}">{position}</p>',
            unsafe_allow_html=True,
        )
    with right, st.container(key="dx_slide_next"):
        st.page_link(next_page, label=t("present_next", lang), icon=":material/arrow_forward:", icon_position="right")


def slide_tiles(tiles: Sequence[tuple[str, str, str]]) -> None:
    """At most four KPI tiles in one row, (label, value, note): each a bordered box holding its label, number
    and note, all of the row's boxes as tall as the tallest (a label that wraps on a narrow screen does not make
    its tile stand out)."""
    tiles = list(tiles)[:MAX_TILES]
    row = zlib.crc32("\x1f".join(label for label, _, _ in tiles).encode("utf-8"))
    for i, (col, (label, value, note)) in enumerate(zip(st.columns(len(tiles)), tiles)):
        with col, st.container(border=True, key=f"dx_tile_{row:08x}_{i}"):
            st.metric(label, value)
            if note:
                st.caption(note)
