"""The Indicators page's parts: the indicator choice, progress to target and the trend, three more charts (one
tab each) and the province's targets (the answers come from services.indicators)."""

from __future__ import annotations

import streamlit as st

from components.caching import scoped_cache
from components.charts import Chart, chart_block, group_labeller, indicator_tiles, progress_chart_title, screen_table
from components.projector import slide_tiles
from components.state import BREAKDOWN_KEEP_KEY, INDICATOR_KEEP_KEY, INDICATOR_KEY
from core.i18n import t
from presentation import charts
from services import indicators as answers

PROGRESS_SPEC = [
    ("name", "ind_col_area", "text"),
    ("achieved", "ind_col_achieved", "int"),
    ("target", "ind_col_target", "int"),
    ("share_of_target", "ind_col_share_of_target", "pct"),
    ("eligible", "ind_col_eligible", "int"),
    ("share_of_eligible", "ind_col_share_of_eligible", "pct"),
    ("unreached", "ind_col_unreached", "int"),
]
TREND_SPEC = [
    ("month", "ind_col_month", "date"),
    ("reported", "ind_col_reported", "int"),
    ("cumulative", "ind_col_cumulative", "int"),
    ("activities", "ind_col_activities", "int"),
    ("not_reported", "ind_col_not_reported", "int"),
]
GAP_SPEC = [
    ("label", "ind_col_gap", "text"),
    ("villages", "ch_villages", "int"),
    ("covered", "ind_col_covered", "int"),
    ("not_covered", "ind_col_not_covered", "int"),
    ("share_covered", "ind_col_share_covered", "pct"),
]
QUADRANT_SPEC = [
    ("name", "ind_col_commune", "text"),
    ("district", "ind_col_district", "text"),
    ("unreached", "ind_col_unreached", "int"),
    ("team_nights", "ind_col_team_nights", "int"),
    ("activities", "ind_col_activities", "int"),
    ("label", "ind_col_quadrant", "text"),
]
TARGET_SPEC = [
    ("label", "ind_col_indicator", "text"),
    ("period_end", "ind_col_period_end", "date"),
    ("achieved", "ind_col_achieved", "int"),
    ("target", "ind_col_target", "int"),
    ("share", "ind_col_share_of_target", "pct"),
]


def indicator_choice(lang: str, projector: bool) -> str:
    """The indicator the page shows (kept while other pages are open); the choice is drawn off the projector."""
    if not projector:
        kept = st.session_state.get(INDICATOR_KEEP_KEY, answers.STOCK_INDICATOR)
        st.selectbox(
            t("ind_choose", lang),
            answers.OUTCOMES,
            index=answers.OUTCOMES.index(kept),
            key=INDICATOR_KEY,
            format_func=lambda k: answers.reported_label(k, lang),
        )
        st.session_state[INDICATOR_KEEP_KEY] = st.session_state[INDICATOR_KEY]
    return st.session_state.get(INDICATOR_KEEP_KEY, answers.STOCK_INDICATOR)


@scoped_cache(max_entries=32, shared=False)
def _headline(flt, indicator: str, area_level: str, target_area: str | None, use_targets: bool, _view):
    """The tiles' figures, progress to target, its period and the monthly trend of this view: computed once per
    data version, area, filter and choice, as a country's 80,000 villages take a while."""
    return answers.headline(_view, indicator, area_level, target_area, use_targets)


def headline_section(flt, view, dataset, indicator: str, lang: str, projector: bool) -> None:
    """The tiles, progress to target and the trend (on the projector: the gaps' coverage instead of the trend,
    which the Overview's slide already shows; the page stops there)."""
    level = answers.area_level(flt, dataset)
    target_area = answers.target_area(flt, dataset)
    found = _headline(flt, indicator, level, target_area, not flt.gaps, view)
    asked = (flt, indicator, level, target_area, lang, projector)  # what `_headline` and the words are made of
    slide_tiles(indicator_tiles(found.tiles, indicator, lang))
    title = progress_chart_title(level, None if flt.gaps else found.period, lang)
    left, right = st.columns(2)
    with left:
        chart = Chart(
            ("progress", *asked, title), lambda: charts.progress_chart(found.progress, lang, projector, title)
        )
        chart_block(
            chart, found.progress_takeaway(lang), found.progress, PROGRESS_SPEC, "progress_to_target", "progress", lang
        )
    with right:
        if projector:
            gap_chart(view, lang, large=True)
            st.stop()
        chart = Chart(("trend", *asked), lambda: charts.trend_chart(found.monthly, indicator, lang, projector))
        takeaway = found.trend_takeaway(indicator, lang)
        chart_block(chart, takeaway, found.monthly, TREND_SPEC, f"trend_{indicator}", "trend", lang)
    st.caption(t("ind_not_reported_note", lang))


def gap_chart(view, lang: str, large: bool) -> None:
    figure = answers.gap_coverage(view, lang)
    chart = charts.gap_coverage_chart(figure.rows, lang, large)
    chart_block(chart, figure.takeaway, figure.rows, GAP_SPEC, "gap_coverage", "gaps", lang)


@scoped_cache(max_entries=32, shared=False)
def _breakdown(flt, indicator: str, by: str, _view):
    """The indicator by district, team type or activity kind, once per data version, area, filter and choice."""
    return answers.breakdown(_view, indicator, by)


def _breakdown_chart(flt, view, dataset, indicator: str, lang: str) -> None:
    choices = answers.breakdowns(dataset)
    kept = st.session_state.get(BREAKDOWN_KEEP_KEY, choices[0])
    by = st.radio(
        t("ind_breakdown_by", lang),
        choices,
        index=choices.index(kept) if kept in choices else 0,
        horizontal=True,
        key="ind_breakdown",
        format_func=lambda b: t(f"ind_by_{b}", lang),
    )
    st.session_state[BREAKDOWN_KEEP_KEY] = by  # the radio is not drawn while another tab is open
    figure = answers.breakdown_figure(_breakdown(flt, indicator, by, view), group_labeller(by, lang), lang)
    rows = figure.rows
    chart = Chart(
        ("breakdown", flt, indicator, by, lang),
        lambda: charts.breakdown_chart(rows, indicator, t(f"ind_by_{by}", lang), lang, list(rows["label"])),
    )
    spec = [
        ("label", f"ind_by_{by}", "text"),
        ("reported", "ind_col_reported", "int"),
        ("activities", "ind_col_activities", "int"),
        ("not_reported", "ind_col_not_reported", "int"),
    ]
    chart_block(chart, figure.takeaway, rows, spec, f"{indicator}_by_{by}", "breakdown", lang)


def _quadrant_chart(view, lang: str) -> None:
    figure = answers.effectiveness(view, lang)
    chart = charts.quadrant_chart(figure.rows, lang)
    chart_block(chart, figure.takeaway, figure.rows, QUADRANT_SPEC, "effectiveness", "quadrant", lang)


def more_charts_section(flt, view, dataset, indicator: str, lang: str) -> None:
    """Three more charts, one tab each: only the open tab's chart is made and drawn (switching reruns just this)."""
    st.subheader(t("sect_more_heading", lang))

    @st.fragment
    def more_charts() -> None:
        sections = {
            "breakdown": lambda: _breakdown_chart(flt, view, dataset, indicator, lang),
            "gaps": lambda: gap_chart(view, lang, large=False),
            "quadrant": lambda: _quadrant_chart(view, lang),
        }
        tabs = st.tabs([t(f"sect_tab_{name}", lang) for name in sections], key="ind_more", on_change="rerun")
        for tab, draw in zip(tabs, sections.values()):
            if tab.open:
                with tab:
                    draw()

    more_charts()


def province_targets_section(flt, view, lang: str) -> None:
    st.subheader(t("ind_province_targets", lang))
    if not flt.is_whole_province or flt.gaps or flt.team_types:
        st.caption(t("ind_province_targets_partial", lang))
    st.dataframe(_province_targets(flt, lang, view), hide_index=True, width="content")


@scoped_cache(max_entries=32)
def _province_targets(flt, lang: str, _view):
    """The province's targets as the table reads on screen, once per data version, area, filter and language."""
    return screen_table(answers.province_targets(_view, lang), TARGET_SPEC, lang)
