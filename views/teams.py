"""Teams (/teams): every team, its members, villages and activity; idle teams and uncovered villages."""

from __future__ import annotations

import streamlit as st

from components.caching import scoped_cache
from components.charts import SCREEN_ROWS, chart_block, screen_rows, screen_table, static_map, team_tiles
from components.chrome import demo_badge
from components.context import current_dataset, current_lang, current_view
from components.field_downloads import team_downloads
from components.filters import area_title, current_filter
from components.projector import is_projector, slide_tiles
from core.analysis import indicators as ind
from core.analysis.idle_teams import idle_answer, idle_sentence, period_words
from core.exports.safety import markdown_literal
from core.i18n import fmt_int, fmt_number, t
from presentation import charts

TEAM_SPEC = [
    ("team_name", "ind_col_team", "text"),
    ("type_label", "col_team_type", "text"),
    ("level_label", "col_level", "text"),
    ("base_name", "ind_col_base", "text"),
    ("members", "col_members", "int"),
    ("youth_members", "ind_col_youth", "int"),
    ("women_members", "ind_col_women", "int"),
    ("trained_members", "ind_col_trained", "int"),
    ("villages_covered", "ind_col_villages_covered", "int"),
    ("activities", "ind_col_activities", "int"),
    ("team_nights", "ind_col_team_nights", "int"),
    ("people_reached", "ind_col_people_reached", "int"),
    ("people_per_night", "ind_col_people_per_night", "num"),
    ("eid_level2_per_night", "ind_col_eid2_per_night", "num"),
    ("last_activity", "ind_col_last_activity", "date"),
]
IDLE_SPEC = [
    ("team_name", "ind_col_team", "text"),
    ("base_name", "ind_col_base", "text"),
    ("members", "col_members", "int"),
    ("villages_covered", "ind_col_villages_covered", "int"),
    ("last_activity", "ind_col_last_activity", "date"),
]
VILLAGE_SPEC = [
    ("village_name", "ind_col_village", "text"),
    ("commune", "ind_col_commune", "text"),
    ("district", "ind_col_district", "text"),
    ("eligible", "ind_col_eligible", "int"),
    ("unreached", "ind_col_unreached", "int"),
    ("gap_labels", "ind_col_gaps", "text"),
]

# The two views of the teams table, each narrow enough for the 1366 px screen's main column (≈ 875 px)
TEAM_VIEWS = {
    "people": (
        "team_name",
        "level_label",
        "base_name",
        "members",
        "youth_members",
        "women_members",
        "trained_members",
    ),
    "work": (
        "team_name",
        "villages_covered",
        "activities",
        "team_nights",
        "people_reached",
        "people_per_night",
        "eid_level2_per_night",
        "last_activity",
    ),
}
# pixel widths per column (numbers and dates narrow, names wider); headers longer than their width get a tooltip
WIDTHS = {
    "team_name": 222,
    "type_label": 130,
    "level_label": 70,
    "base_name": 135,
    "village_name": 140,
    "commune": 140,
    "district": 130,
    "gap_labels": 190,
    "last_activity": 100,
    "villages_covered": 105,
    "team_nights": 95,
    "people_reached": 105,
}
NUMBER_WIDTH = 82
SHORT_HEADERS = {  # on screen only; downloads keep the full words
    "col_members": "teams_head_members",
    "ind_col_villages_covered": "teams_head_villages",
    "ind_col_people_per_night": "teams_head_per_night",
    "ind_col_eid2_per_night": "teams_head_eid2_per_night",
    "ind_col_last_activity": "teams_head_last_activity",
    "ind_col_eligible": "teams_head_eligible",
    "ind_col_unreached": "teams_head_unreached",
    "ind_col_people_reached": "teams_head_reached",
    "ind_col_team_nights": "teams_head_nights",
}

lang = current_lang()


def _grid(frame, spec, height: int) -> None:
    """One of the page's tables, fitted to the 1366 px screen: set widths, short headers (the full words in
    each header's tooltip)."""
    table = screen_table(frame, spec, lang)
    short = {t(label, lang): t(SHORT_HEADERS.get(label, label), lang) for _col, label, _kind in spec}
    st.dataframe(
        table.rename(columns=short),
        hide_index=True,
        width="stretch",
        height=height,
        column_config={
            short[t(label, lang)]: st.column_config.TextColumn(width=WIDTHS.get(col, NUMBER_WIDTH), help=t(label, lang))
            for col, label, _kind in spec
        },
    )


dataset = current_dataset(lang)
view = current_view(dataset)
flt = current_filter()


@scoped_cache(max_entries=16, shared=False)
def team_figures(flt, _view, _dataset):
    """Teams, idle teams and uncovered villages of this view: keyed by data version, area and filter."""
    return ind.team_productivity(_view), idle_answer(flt, _dataset), ind.uncovered_villages(_view)


teams, idle, uncovered = team_figures(flt, view, dataset)


def _labels(column, key: str):
    """Each code's words, looked up once per distinct code (a country has 15,000 teams of a few types)."""
    return column.map({code: t(f"{key}_{code}", lang) for code in column.dropna().unique()})


teams = teams.assign(type_label=_labels(teams["team_type"], "team_type"), level_label=_labels(teams["level"], "level"))
# idle: by default the last full month (over the whole campaign hardly any team is idle)
idle_teams = idle.teams.assign(type_label=_labels(idle.teams["team_type"], "team_type"))
idle_words, idle_kind = period_words(idle, lang)
uncovered = uncovered.assign(gap_labels=[", ".join(t(f"gap_{g}", lang) for g in gaps) for gaps in uncovered["gaps"]])

if not is_projector():
    st.title(area_title(flt, dataset, lang, "page_teams"))
    demo_badge(dataset, lang)
tiles = team_tiles({**ind.teams_headline(teams, len(uncovered)), "idle": len(idle_teams)}, lang)
tiles[2] = (t("teams_idle_tile", lang), tiles[2][1], t(f"teams_idle_note_{idle_kind}", lang, when=idle_words))
slide_tiles(tiles)

st.subheader(t("teams_idle_heading", lang, n=len(idle_teams)))
st.markdown(f"**{markdown_literal(idle_sentence(idle, lang))}**")
if idle.is_default:
    st.caption(t("teams_idle_default_hint", lang))
if idle_teams.empty:
    st.info(t("teams_idle_none", lang))
else:
    _grid(screen_rows(idle_teams, lang, downloadable=False), IDLE_SPEC, min(320, 38 + 35 * len(idle_teams)))

st.subheader(t("teams_all_heading", lang, n=len(teams)))


@st.fragment
def all_teams() -> None:
    """Every team in one of two views (its people, its work); switching reruns only this part."""
    chosen = st.segmented_control(
        t("teams_view_label", lang),
        list(TEAM_VIEWS),
        default="people",
        key="teams_table_view",
        format_func=lambda v: t(f"teams_view_{v}", lang),
        label_visibility="collapsed",
    )
    spec = [row for row in TEAM_SPEC if row[0] in TEAM_VIEWS[chosen or "people"]]
    _grid(screen_rows(teams, lang), spec, 440)


all_teams()
left, _right = st.columns([3, 2])
with left:
    median = teams["people_per_night"].median()
    takeaway = t(
        "teams_takeaway",
        lang,
        idle=fmt_int(len(idle_teams), lang),
        total=fmt_int(idle.total, lang),
        when=t(f"teams_when_{idle_kind}", lang, when=idle_words),
        median=fmt_number(median, lang, 0) if median == median else "–",
    )
    chart_block(
        charts.productivity_chart(teams, lang, is_projector()),
        takeaway,
        teams,
        TEAM_SPEC,
        "teams",
        "productivity",
        lang,
    )

st.subheader(t("teams_uncovered", lang) + f" ({len(uncovered)})")
shown = screen_rows(uncovered, lang, downloadable=False)
_grid(shown, VILLAGE_SPEC, 320)

st.subheader(t("teams_detail", lang))


@st.fragment
def team_detail() -> None:
    """One team's row and its villages on a small map; choosing another team reruns only this part."""
    names = dict(zip(teams["team_id"], teams["team_name"]))
    if not names:
        return
    if len(names) > SCREEN_ROWS:  # a whole country's teams: a list nobody can scroll, sent on every run
        st.info(t("teams_detail_too_many", lang, n=fmt_int(len(names), lang)))
        return
    team_id = st.selectbox(
        t("teams_choose", lang), list(names), key="teams_selected", format_func=lambda i: f"{names[i]} ({i})"
    )
    villages = ind.team_villages(view, team_id)
    team_downloads(view, team_id, names[team_id], lang)
    info, where = st.columns([2, 3])
    with info:
        # one team's fifteen figures as a plain table: no data grid to start for a card
        card = screen_table(teams[teams["team_id"] == team_id], TEAM_SPEC, lang).T
        st.table(card.set_axis([""], axis=1), hide_header=True)
    with where:
        if villages.empty:
            st.info(t("teams_no_villages", lang))
        else:
            title = t("ch_team_map_title", lang, team=names[team_id])
            static_map(
                charts.village_map_svg(
                    villages,
                    villages["village_id"].notna(),
                    lang,
                    dataset.boundaries,
                    title,
                    height=340,
                    covered_label=names[team_id],
                    around_villages=True,
                ),
                title,
                "",
                t(
                    "alt_team_map",
                    lang,
                    n=fmt_int(len(villages), lang),
                    team=names[team_id],
                    where=t("alt_and", lang).join(
                        ind.where_most(view, view.villages["village_id"].isin(villages["village_id"]), top=3)
                    ),
                ),
            )


team_detail()
