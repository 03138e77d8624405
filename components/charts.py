"""A chart as a meeting reads it: a one-line takeaway, the figure, its table and its data as CSV.

Tables are described by a spec of `(column, label key, kind)` with kind `int`, `pct`, `num`, `date` or
`text`: the screen shows numbers in the user's forms and blanks as "not reported"; the CSV keeps plain
numbers with the same translated headers (blank cells stay blank).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from components.caching import scoped_cache
from components.downloads import download
from components.projector import is_projector
from core.i18n import fmt_date, fmt_int, fmt_number, fmt_pct, t
from services.indicators import STOCK_INDICATOR, reported_label, total_label

Spec = Sequence[tuple[str, str, str]]

_PLOTLY_CONFIG = {
    "displaylogo": False,
    "modeBarButtonsToRemove": ["lasso2d", "select2d"],
    "toImageButtonOptions": {"format": "png", "scale": 2},
}


def csv_bytes(table: pd.DataFrame) -> bytes:
    """UTF-8 with a byte-order mark, so Excel shows Vietnamese diacritics correctly; names that look like
    formulas (`=…`, `+…`, `@…`) neutralised."""
    from core.exports.safety import safe_frame

    return safe_frame(table).to_csv(index=False).encode("utf-8-sig")


def export_table(frame: pd.DataFrame, spec: Spec, lang: str) -> pd.DataFrame:
    """The spec's columns under their translated headers, values unformatted (for CSV)."""
    out = pd.DataFrame({t(label, lang): frame[col] for col, label, _ in spec})
    for col, label, kind in spec:
        if kind == "date":
            out[t(label, lang)] = pd.to_datetime(frame[col]).dt.date
    return out


# Rows a table on screen holds (a province's villages fit); a whole country's are cut with a note, as the browser
# would otherwise receive megabytes it cannot show at once. Downloads and exports always hold every row.
SCREEN_ROWS = 2_000


def screen_rows(frame: pd.DataFrame, lang: str, downloadable: bool = True) -> pd.DataFrame:
    """The first SCREEN_ROWS rows of `frame` (already in the table's order), with a note when rows were left out."""
    if len(frame) <= SCREEN_ROWS:
        return frame
    key = "screen_rows_cut" if downloadable else "screen_rows_cut_no_download"
    st.caption(t(key, lang, shown=fmt_int(SCREEN_ROWS, lang), total=fmt_int(len(frame), lang)))
    return frame.head(SCREEN_ROWS)


def screen_table(frame: pd.DataFrame, spec: Spec, lang: str) -> pd.DataFrame:
    """The spec's columns formatted for reading: `1.459`, `28,6 %`, `31/03/2025`, "chưa báo cáo".

    Each distinct value is formatted once (a team table repeats its small counts over and over), and whole
    numbers skip babel's pattern machinery: `int_text` writes the same text."""
    fmt: dict[str, Callable] = {
        "int": lambda v: int_text(v, lang),
        "pct": lambda v: fmt_pct(v, lang),
        "num": lambda v: fmt_number(v, lang, 1),
        "date": lambda v: fmt_date(v, lang),
        "text": str,
    }
    blank = t("not_reported", lang)
    columns = {}
    for col, label, kind in spec:
        seen: dict = {}

        def text(v, kind=kind, seen=seen):
            try:
                return seen[v]
            except KeyError:
                out = seen[v] = blank if _missing(v) and kind == "int" else ("–" if _missing(v) else fmt[kind](v))
                return out
            except TypeError:  # an unhashable cell (a list): formatted each time
                return "–" if _missing(v) else fmt[kind](v)

        columns[t(label, lang)] = [text(v) for v in frame[col]]
    return pd.DataFrame(columns)


@cache
def _number_symbols(lang: str) -> tuple[str, str]:
    from babel.numbers import get_group_symbol, get_minus_sign_symbol

    from core.i18n import normalise_lang

    lang = normalise_lang(lang)
    return get_group_symbol(lang), get_minus_sign_symbol(lang)


def int_text(value, lang: str) -> str:
    """`fmt_int` for a number that is there, without babel's per-call pattern parsing (the same text)."""
    n = round(value)
    group, minus = _number_symbols(lang)
    text = f"{abs(int(n)):,}".replace(",", group)
    return minus + text if n < 0 else text


def _missing(value) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


@dataclass(frozen=True)
class Chart:
    """A chart made once per data version, area and `key`, and shared by every session that draws it: `key` names
    everything the figure is made of beyond the version and the area (the filter, the choices, the words of its
    title, the language); `make` makes it from answers cached under the same key."""

    key: tuple
    make: Callable[[], go.Figure]


@scoped_cache(max_entries=64)
def _made(key: tuple, large: bool, _make: Callable[[], go.Figure]) -> tuple[go.Figure, str]:
    """A shared chart's figure without its title, and the title: never changed once made (Streamlit copies a
    figure to send it)."""
    from presentation.charts import split_title

    return split_title(_make(), large, copy=False)


def chart_block(
    fig: go.Figure | Chart, takeaway: str, frame: pd.DataFrame, spec: Spec, filename: str, key: str, lang: str
) -> None:
    """Title, takeaway, chart and (outside projector mode) an expandable table and a CSV download.

    The table is made and sent only once its expander is opened (opening reruns just that part), and the CSV
    only when its button is clicked: a page of five charts then draws five charts, not five hidden tables.
    A `Chart` is made once for every session with the same data, area and key; a figure is this run's own."""
    fig = _titled(fig)
    st.markdown(f'<p class="dx-takeaway">{_escape(takeaway)}</p>', unsafe_allow_html=True)
    config = dict(_PLOTLY_CONFIG)
    if is_projector():
        config["displayModeBar"] = False
    st.plotly_chart(fig, theme=None, config=config, key=f"chart_{key}")
    if not is_projector():
        table_and_csv(frame, spec, filename, key, lang)


def table_and_csv(frame: pd.DataFrame, spec: Spec, filename: str, key: str, lang: str) -> None:
    """A chart's expandable table and its CSV download (the CSV made when clicked)."""
    chart_table(frame, spec, key, lang)
    download(  # not drawn for an account that may not download (a viewer)
        f"chart_csv:{filename}",
        t("chart_download", lang),
        lambda: csv_bytes(export_table(frame, spec, lang)),
        lang,
        file_name=f"{filename}.csv",
        mime="text/csv",
        key=f"csv_{key}",
        icon=":material/download:",
    )


@st.fragment
def chart_table(frame: pd.DataFrame, spec: Spec, key: str, lang: str) -> None:
    """The chart's figures as a table in an expander, drawn only while it is open."""
    box = st.expander(t("chart_table", lang), key=f"table_{key}", on_change="rerun")
    if box.open:
        with box:
            st.dataframe(screen_table(frame, spec, lang), hide_index=True, width="stretch")


def _titled(fig: go.Figure | Chart) -> go.Figure:
    """Shows the figure's title as a heading that wraps (see `presentation.charts.split_title`); returns the figure
    without it (taken off the figure itself: a figure is made for the one run that draws it, a `Chart` once)."""
    from presentation.charts import split_title

    if isinstance(fig, Chart):
        fig, title = _made(fig.key, is_projector(), fig.make)
    else:
        fig, title = split_title(fig, is_projector(), copy=False)
    if title:
        _heading(title)
    return fig


def _heading(title: str) -> None:
    """A chart's or picture's title as a heading that wraps (larger in projector mode)."""
    size = "30px" if is_projector() else "1.05rem"
    st.markdown(
        f'<p class="dx-chart-title" style="font-size: {size}; font-weight: 700; margin: 0.2rem 0 0 0; '
        f'line-height: 1.3">{_escape(title)}</p>',
        unsafe_allow_html=True,
    )


def _escape(text: str) -> str:
    import html

    return html.escape(text)


def known(figures: dict) -> dict:
    """`figures` with pandas' missing markers (NA, NaN, NaT) as None: a package without a column (no
    eligible citizens, no targets) gives NA sums, which the formatters must show as "–", never crash on."""
    return {k: (None if not isinstance(v, (dict, list, tuple)) and _missing(v) else v) for k, v in figures.items()}


def _count_or_blank(value, lang: str) -> str:
    return t("not_reported", lang) if _missing(value) else fmt_int(value, lang)


def indicator_tiles(figures: dict, indicator: str, lang: str) -> list[tuple[str, str, str]]:
    """The Indicators page's four tiles from `core.analysis.indicators.headline`."""
    figures = known(figures)
    target_label = t("ind_kpi_target_share", lang, date=fmt_date(figures["target_period"], lang))
    target_note = (
        t(
            "ind_kpi_target_note",
            lang,
            achieved=fmt_int(figures["activated"], lang),
            target=fmt_int(figures["target"], lang),
        )
        if figures["target"]
        else ""
    )
    return [
        (
            t("ind_kpi_level2_share", lang),
            fmt_pct(figures["level2_share"], lang),
            f"{fmt_int(figures['activated'], lang)} / {fmt_int(figures['eligible'], lang)}",
        ),
        (target_label, fmt_pct(figures["target_share"], lang), target_note),
        (
            t("ind_kpi_reported", lang, indicator=reported_label(indicator, lang)),
            _count_or_blank(figures["reported"], lang),
            t("ind_kpi_activities_note", lang, missing=fmt_int(figures["not_reported"], lang)),
        ),
        (
            t("ind_kpi_activities", lang),
            fmt_int(figures["activities"], lang),
            f"{fmt_int(figures['team_nights'], lang)} {t('ind_col_team_nights', lang).lower()}",
        ),
    ]


def team_tiles(figures: dict, lang: str) -> list[tuple[str, str, str]]:
    """The Teams page's four tiles from `core.analysis.indicators.teams_headline`."""
    figures = known(figures)
    return [
        (
            t("kpi_teams", lang),
            fmt_int(figures["teams"], lang),
            f"{fmt_int(figures['members'], lang)} {t('members_word', lang)}",
        ),
        (
            t("kpi_members", lang),
            fmt_int(figures["members"], lang),
            t(
                "teams_kpi_members_note",
                lang,
                youth=fmt_int(figures["youth"], lang),
                women=fmt_int(figures["women"], lang),
                trained=fmt_int(figures["trained"], lang),
            ),
        ),
        (t("teams_kpi_idle", lang), fmt_int(figures["idle"], lang), ""),
        (t("kpi_not_covered", lang), fmt_int(figures["villages_not_covered"], lang), ""),
    ]


def group_labeller(by: str, lang: str) -> Callable[[str, str], str]:
    """How a breakdown group is named on screen: unit names as they are, codes of enums translated."""
    if by == "team_type":
        return lambda key, name: t(f"team_type_{key}", lang)
    if by == "kind":
        return lambda key, name: t(f"ind_kind_{key}", lang) if f"ind_kind_{key}" in _catalogue() else str(key)
    return lambda key, name: str(name)


def _catalogue() -> dict:
    from core.i18n import catalogue

    return catalogue()


def progress_chart_title(level: str, period_end, lang: str) -> str:
    if level == "district" and period_end is not None:
        return t("ch_progress_title", lang, date=fmt_date(period_end, lang))
    by = "district" if level == "district" else "commune"
    return t(
        "ch_progress_title_eligible",
        lang,
        indicator=total_label(STOCK_INDICATOR, lang),
        level=t(f"ind_by_{by}", lang).lower(),
    )


def static_map(picture: tuple[str, str], title: str, takeaway: str, alt: str) -> None:
    """A map drawn as a picture (`presentation.charts.village_map_svg`) under its title, takeaway and legend;
    `alt` says in words what it shows, for whoever cannot see it."""
    svg, legend = picture
    _heading(title)
    if takeaway:
        st.markdown(f'<p class="dx-takeaway">{_escape(takeaway)}</p>', unsafe_allow_html=True)
    st.html(legend)
    if svg:
        with st.container(horizontal_alignment="center"):
            st.image(svg, width="content", alt=alt)


@scoped_cache(max_entries=32, shared=False)
def _overview_map(flt, lang: str, large: bool, _view, _covered, _dataset) -> tuple[str, str]:
    """The Overview's map picture, made once per data version, area, filter, language and screen mode."""
    from presentation import charts

    title = t("ch_map_title", lang)
    return charts.village_map_svg(
        _view.villages, _covered, lang, _dataset.boundaries, title, large, height=500 if large else 380
    )


def headline_charts(view, dataset, lang: str) -> None:
    """The Overview's map thumbnail (villages by team coverage) and its headline trend (e-ID level 2)."""
    from components.filters import current_filter

    large = is_projector()
    flt = current_filter()
    found = _coverage(flt, lang, view)
    covered, monthly = found.covered, found.monthly
    left, right = st.columns(2)
    with left:
        uncovered = int((~covered).sum())
        title = t("ch_map_title", lang)
        where = t("alt_and", lang).join(found.uncovered_where)
        alt = (
            t(
                "alt_coverage_map",
                lang,
                n=fmt_int(uncovered, lang),
                where=where,
                covered=fmt_int(len(covered) - uncovered, lang),
            )
            if uncovered
            else t("alt_coverage_map_all", lang, covered=fmt_int(len(covered), lang))
        )
        static_map(
            _overview_map(flt, lang, large, view, covered, dataset),
            title,
            t("tk_map_uncovered", lang, n=fmt_int(uncovered, lang)),
            alt,
        )
    with right:
        trend_picture(monthly, found.trend_takeaway, lang, key=(flt,))


@scoped_cache(max_entries=32)
def _coverage(flt, lang: str, _view):
    """The Overview's coverage and level-2 trend answers (services.indicators.coverage), once per data version,
    area, filter and language; shared, never changed."""
    from services.indicators import coverage

    return coverage(_view, lang)


@scoped_cache(max_entries=32)
def _trend_svg(key: tuple, lang: str, large: bool, _monthly: pd.DataFrame) -> tuple[str, str]:
    """The trend picture and its legend, once per data version, area, `key` (what `_monthly` is made of),
    language and screen mode."""
    from presentation.trend_picture import trend_svg

    return trend_svg(_monthly, STOCK_INDICATOR, lang, large)


def trend_picture(monthly: pd.DataFrame, takeaway: str, lang: str, key: tuple) -> None:
    """The Overview's level-2 e-ID trend as a picture (`presentation.trend_picture`): title, takeaway, legend, the
    picture with its description in words, and (outside projector mode) its table and CSV, as `chart_block` gives
    a chart. No chart library reaches the browser for it. `key`: what `monthly` is made of beyond the data version
    and area (the picture is drawn once for every session with the same)."""
    from presentation.trend_picture import trend_alt

    svg, legend = _trend_svg(key, lang, is_projector(), monthly)
    _heading(t("ch_trend_title", lang, indicator=reported_label(STOCK_INDICATOR, lang)))
    st.markdown(f'<p class="dx-takeaway">{_escape(takeaway)}</p>', unsafe_allow_html=True)
    st.html(legend)
    if svg:
        st.image(svg, width="stretch", alt=trend_alt(monthly, STOCK_INDICATOR, lang))
    if not is_projector():
        spec = [
            ("month", "ind_col_month", "date"),
            ("reported", "ind_col_reported", "int"),
            ("cumulative", "ind_col_cumulative", "int"),
            ("not_reported", "ind_col_not_reported", "int"),
        ]
        table_and_csv(monthly, spec, "trend_eid_level2", "ov_trend", lang)
