"""The Teams page's parts: the idle teams, every team in two views, the productivity chart, the villages no team
covers and one team's card with its villages on a small map (the answers come from services.teams)."""

from __future__ import annotations

import streamlit as st

from components import charts as parts
from components.caching import scoped_cache
from components.charts import Chart, chart_block, screen_rows, screen_table, static_map, team_tiles
from components.field_downloads import team_downloads
from components.projector import is_projector, slide_tiles
from core.exports.safety import markdown_literal
from core.i18n import fmt_int, t
from presentation import charts
from services import teams as team_answers

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


def _grid(frame, spec, height: int, lang: str) -> None:
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


@scoped_cache(max_entries=16, shared=False)
def _figures(flt, _view, _dataset) -> team_answers.TeamFigures:
    """Teams, idle teams and uncovered villages of this view: keyed by data version, area and filter."""
    return team_answers.figures(flt, _view, _dataset)


def teams_page(flt, view, dataset, lang: str) -> team_answers.TeamsPage:
    """The page's answers in `lang`, and its tiles drawn (on the projector: the slide's)."""
    page = team_answers.page(_figures(flt, view, dataset), lang)
    tiles = team_tiles(page.headline, lang)
    tiles[2] = (
        t("teams_idle_tile", lang),
        tiles[2][1],
        t(f"teams_idle_note_{page.idle_kind}", lang, when=page.idle_words),
    )
    slide_tiles(tiles)
    return page


def idle_section(page: team_answers.TeamsPage, lang: str) -> None:
    """The idle teams of the period, with the sentence that says which period."""
    st.subheader(t("teams_idle_heading", lang, n=len(page.idle_teams)))
    st.markdown(f"**{markdown_literal(page.idle_sentence)}**")
    if page.idle.is_default:
        st.caption(t("teams_idle_default_hint", lang))
    if page.idle_teams.empty:
        st.info(t("teams_idle_none", lang))
    else:
        rows = screen_rows(page.idle_teams, lang, downloadable=False)
        _grid(rows, IDLE_SPEC, min(320, 38 + 35 * len(page.idle_teams)), lang)


def all_teams_section(flt, page: team_answers.TeamsPage, lang: str) -> None:
    """Every team in one of two views (its people, its work); switching reruns only the table. The chart is
    made once per data version, area, filter (what `page` is made of) and language."""
    st.subheader(t("teams_all_heading", lang, n=len(page.teams)))

    @st.fragment
    def all_teams() -> None:
        chosen = st.segmented_control(
            t("teams_view_label", lang),
            list(TEAM_VIEWS),
            default="people",
            key="teams_table_view",
            format_func=lambda v: t(f"teams_view_{v}", lang),
            label_visibility="collapsed",
        )
        spec = [row for row in TEAM_SPEC if row[0] in TEAM_VIEWS[chosen or "people"]]
        _grid(screen_rows(page.teams, lang), spec, 440, lang)

    all_teams()
    left, _right = st.columns([3, 2])
    with left:
        large = is_projector()
        chart = Chart(("productivity", flt, lang, large), lambda: charts.productivity_chart(page.teams, lang, large))
        chart_block(chart, page.takeaway, page.teams, TEAM_SPEC, "teams", "productivity", lang)


def uncovered_section(page: team_answers.TeamsPage, lang: str) -> None:
    st.subheader(t("teams_uncovered", lang) + f" ({len(page.uncovered)})")
    _grid(screen_rows(page.uncovered, lang, downloadable=False), VILLAGE_SPEC, 320, lang)


def team_detail_section(flt, page: team_answers.TeamsPage, view, dataset, lang: str) -> None:
    """One team's row and its villages on a small map; choosing another team reruns only this part."""
    st.subheader(t("teams_detail", lang))
    teams = page.teams

    @st.fragment
    def team_detail() -> None:
        names = dict(zip(teams["team_id"], teams["team_name"]))
        if not names:
            return
        if len(names) > parts.SCREEN_ROWS:  # a whole country's teams: a list nobody can scroll, sent on every run
            st.info(t("teams_detail_too_many", lang, n=fmt_int(len(names), lang)))
            return
        team_id = st.selectbox(
            t("teams_choose", lang), list(names), key="teams_selected", format_func=lambda i: f"{names[i]} ({i})"
        )
        team_downloads(view, team_id, names[team_id], lang)
        info, where = st.columns([2, 3])
        with info:
            # one team's fifteen figures as a plain table: no data grid to start for a card
            card = screen_table(teams[teams["team_id"] == team_id], TEAM_SPEC, lang).T
            st.table(card.set_axis([""], axis=1), hide_header=True)
        with where:
            found = _team_map(flt, team_id, names[team_id], lang, view, dataset)
            if found is None:
                st.info(t("teams_no_villages", lang))
            else:
                static_map(*found)

    team_detail()


@scoped_cache(max_entries=64)
def _team_map(flt, team_id: str, team_name: str, lang: str, _view, _dataset) -> tuple | None:
    """A team's villages as a picture: (picture, title, takeaway, description in words) for `static_map`, once per
    data version, area, filter, team and language; None when the team covers no village of the view."""
    villages = team_answers.team_villages(_view, team_id)
    if villages.empty:
        return None
    title = t("ch_team_map_title", lang, team=team_name)
    picture = charts.village_map_svg(
        villages,
        villages["village_id"].notna(),
        lang,
        _dataset.boundaries,
        title,
        height=340,
        covered_label=team_name,
        around_villages=True,
    )
    where = t("alt_and", lang).join(team_answers.where_villages(_view, villages["village_id"]))
    alt = t("alt_team_map", lang, n=fmt_int(len(villages), lang), team=team_name, where=where)
    return picture, title, "", alt
