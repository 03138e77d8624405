"""Indicators (/indicators): the campaign's KPIs as charts, each with a takeaway, a table and a CSV."""

from __future__ import annotations

import streamlit as st

from components.caching import scoped_cache
from components.charts import chart_block, group_labeller, indicator_tiles, progress_chart_title, screen_table
from components.chrome import demo_badge
from components.context import current_dataset, current_lang, current_view
from components.filters import area_title, current_filter
from components.projector import is_projector, slide_tiles
from core.analysis import indicators as ind
from core.analysis.kpis import OUTCOMES
from core.i18n import t
from core.model.filters import has_districts
from presentation import charts

lang = current_lang()
dataset = current_dataset(lang)
view = current_view(dataset)
flt = current_filter()
projector = is_projector()
area_level = "commune" if (flt.district or flt.commune or not has_districts(dataset)) else "district"
breakdowns = [b for b in ind.BREAKDOWNS if b != "district" or has_districts(dataset)]
target_area = None if (flt.commune or flt.gaps) else (flt.district or dataset.meta.province_code)

if not projector:
    st.title(area_title(flt, dataset, lang, "page_indicators"))
    demo_badge(dataset, lang)
    kept = st.session_state.get("ind_indicator_keep", ind.STOCK_INDICATOR)
    st.selectbox(
        t("ind_choose", lang),
        OUTCOMES,
        index=OUTCOMES.index(kept),
        key="ind_indicator",
        format_func=lambda k: ind.reported_label(k, lang),
    )
    st.session_state["ind_indicator_keep"] = st.session_state["ind_indicator"]
indicator = st.session_state.get("ind_indicator_keep", ind.STOCK_INDICATOR)


@scoped_cache(max_entries=32, shared=False)
def indicator_figures(flt, indicator: str, area_level: str, target_area: str | None, use_targets: bool, _view):
    """The tiles' figures, progress to target, its period and the monthly trend of this view: computed once per
    data version, area, filter and choice (`key` and the rest), as a country's 80,000 villages take a while."""
    return (
        ind.headline(_view, indicator, target_area),
        ind.progress_to_target(_view, ind.STOCK_INDICATOR, level=area_level, use_targets=use_targets),
        ind.target_period(_view, ind.STOCK_INDICATOR),
        ind.monthly_outcome(_view, indicator),
    )


headline, progress, period, monthly = indicator_figures(flt, indicator, area_level, target_area, not flt.gaps, view)
slide_tiles(indicator_tiles(headline, indicator, lang))
progress_title = progress_chart_title(area_level, None if flt.gaps else period, lang)

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


def gap_chart(large: bool) -> None:
    coverage = ind.gap_coverage(view)
    coverage = coverage.assign(label=[t(f"gap_{g}", lang) for g in coverage["gap"]])
    chart_block(
        charts.gap_coverage_chart(coverage, lang, large),
        ind.takeaway_gap_coverage(coverage, lang),
        coverage,
        [
            ("label", "ind_col_gap", "text"),
            ("villages", "ch_villages", "int"),
            ("covered", "ind_col_covered", "int"),
            ("not_covered", "ind_col_not_covered", "int"),
            ("share_covered", "ind_col_share_covered", "pct"),
        ],
        "gap_coverage",
        "gaps",
        lang,
    )


left, right = st.columns(2)
with left:
    chart_block(
        charts.progress_chart(progress, lang, projector, progress_title),
        ind.takeaway_progress(progress, lang),
        progress,
        PROGRESS_SPEC,
        "progress_to_target",
        "progress",
        lang,
    )
with right:
    if projector:  # the Overview slide already shows the trend: this slide shows where teams are missing
        gap_chart(projector)
        st.stop()
    chart_block(
        charts.trend_chart(monthly, indicator, lang, projector),
        ind.takeaway_trend(monthly, indicator, lang),
        monthly,
        TREND_SPEC,
        f"trend_{indicator}",
        "trend",
        lang,
    )

st.caption(t("ind_not_reported_note", lang))


@scoped_cache(max_entries=32, shared=False)
def outcome_by(flt, indicator: str, by: str, _view):
    """The indicator by district, team type or activity kind, once per data version, area, filter and choice."""
    return ind.outcome_by(_view, indicator, by)


def breakdown_chart() -> None:
    kept = st.session_state.get("ind_breakdown_keep", breakdowns[0])
    by = st.radio(
        t("ind_breakdown_by", lang),
        breakdowns,
        index=breakdowns.index(kept) if kept in breakdowns else 0,
        horizontal=True,
        key="ind_breakdown",
        format_func=lambda b: t(f"ind_by_{b}", lang),
    )
    st.session_state["ind_breakdown_keep"] = by  # the radio is not drawn while another tab is open
    breakdown = outcome_by(flt, indicator, by, view)
    label = group_labeller(by, lang)
    breakdown = breakdown.assign(label=[label(k, n) for k, n in zip(breakdown["key"], breakdown["name"])])
    chart_block(
        charts.breakdown_chart(breakdown, indicator, t(f"ind_by_{by}", lang), lang, list(breakdown["label"])),
        ind.takeaway_breakdown(breakdown, lang, label),
        breakdown,
        [
            ("label", f"ind_by_{by}", "text"),
            ("reported", "ind_col_reported", "int"),
            ("activities", "ind_col_activities", "int"),
            ("not_reported", "ind_col_not_reported", "int"),
        ],
        f"{indicator}_by_{by}",
        "breakdown",
        lang,
    )


def quadrant_chart() -> None:
    quadrant = ind.effectiveness(view)
    quadrant = quadrant.assign(label=[t(f"ind_quadrant_{q}", lang) for q in quadrant["quadrant"]])
    chart_block(
        charts.quadrant_chart(quadrant, lang),
        ind.takeaway_quadrant(quadrant, lang),
        quadrant,
        [
            ("name", "ind_col_commune", "text"),
            ("district", "ind_col_district", "text"),
            ("unreached", "ind_col_unreached", "int"),
            ("team_nights", "ind_col_team_nights", "int"),
            ("activities", "ind_col_activities", "int"),
            ("label", "ind_col_quadrant", "text"),
        ],
        "effectiveness",
        "quadrant",
        lang,
    )


@st.fragment
def more_charts() -> None:
    """Three more charts, one tab each: only the open tab's chart is made and drawn (switching reruns just this)."""
    sections = {"breakdown": breakdown_chart, "gaps": lambda: gap_chart(False), "quadrant": quadrant_chart}
    tabs = st.tabs([t(f"sect_tab_{name}", lang) for name in sections], key="ind_more", on_change="rerun")
    for tab, draw in zip(tabs, sections.values()):
        if tab.open:
            with tab:
                draw()


st.subheader(t("sect_more_heading", lang))
more_charts()

st.subheader(t("ind_province_targets", lang))
if not flt.is_whole_province or flt.gaps or flt.team_types:
    st.caption(t("ind_province_targets_partial", lang))
targets = ind.province_progress(view)
targets = targets.assign(label=[ind.total_label(k, lang) for k in targets["indicator"]])
columns = [
    ("label", "ind_col_indicator", "text"),
    ("period_end", "ind_col_period_end", "date"),
    ("achieved", "ind_col_achieved", "int"),
    ("target", "ind_col_target", "int"),
    ("share", "ind_col_share_of_target", "pct"),
]
st.dataframe(screen_table(targets, columns, lang), hide_index=True, width="content")
