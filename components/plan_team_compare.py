"""Two plans side by side with a team added or removed: plan A is the plan on screen, plan B the same settings
and ranking with one hypothetical team more or one team fewer."""

from __future__ import annotations

import pandas as pd
import streamlit as st

import services
from components.downloads import download
from components.plan_compare import _settings_words, _words
from components.state import PLAN_KEY, PLAN_TEAM_B_KEY
from core.i18n import t
from core.model.dataset import Dataset
from core.model.schema import TEAM_TYPE
from core.planning.compare import TeamChange
from core.planning.planner import PlanResult
from services import followup

_MODES = ("add", "remove")
_TEAM_TYPES = tuple(name for name, _words_of in TEAM_TYPE)
_DEFAULT_MEMBERS = 5  # An Xuân's teams: 5–6 members


def team_compare_block(view: Dataset, ranked: pd.DataFrame, weights, lang: str) -> None:
    """Under the plan: add a hypothetical team or remove one, make plan B on click, show A against B."""
    from components.context import data_version
    from components.filters import current_filter
    from components.session import current_area

    stored = st.session_state.get(PLAN_KEY)
    if not stored or stored[1].rows.empty:
        return
    key, plan_a = stored
    if not services.plan_fits(key, data_version(), current_filter(), weights, current_area()):
        return  # the plan was made for other weights or another view: plan B would rank villages differently
    settings = key[-1]  # services.plan_key: the plan's settings come last
    st.markdown(f"**{t('compare_team_heading', lang)}**")
    st.caption(t("compare_team_hint", lang))
    change = _change_form(view, ranked, plan_a, settings, lang)
    if st.button(t("compare_team_run", lang), icon=":material/compare_arrows:", key="compare_team_run"):
        with st.spinner(t("compare_team_solving", lang), show_time=True):
            plan_b = services.plan_with_teams(view, ranked, settings, change, area=current_area())
        st.session_state[PLAN_TEAM_B_KEY] = (key, change, plan_b)
    found = st.session_state.get(PLAN_TEAM_B_KEY)
    if found is None or found[0] != key or found[1] != change:  # made for another plan A or another team change
        return
    _show(view, plan_a, found[1], found[2], weights, lang)


def _change_form(view: Dataset, ranked: pd.DataFrame, plan_a: PlanResult, settings, lang: str) -> TeamChange:
    mode = st.radio(
        t("compare_team_mode", lang),
        _MODES,
        horizontal=True,
        key="compare_team_mode",
        format_func=lambda m: t(f"compare_team_mode_{m}", lang),
        label_visibility="collapsed",
    )
    if mode == "remove":
        return _remove_form(view, plan_a, lang)
    names = view.own_unit_names()
    communes = _communes_by_need(view, ranked, plan_a)
    # two rows: a team type's whole name ("Đội thanh niên tình nguyện") needs half the 1366 px page's width
    kind, where = st.columns(2)
    members, capacity, nights, _room = st.columns(4)
    team_type = kind.selectbox(
        t("compare_team_type", lang),
        _TEAM_TYPES,
        index=_TEAM_TYPES.index("youth_volunteer"),
        key="compare_team_type",
        format_func=lambda k: t(f"team_type_{k}", lang),
    )
    base = where.selectbox(
        t("compare_team_commune", lang), communes, key="compare_team_commune", format_func=lambda c: names.get(c, c)
    )
    size = members.number_input(t("compare_team_members", lang), 1, 100, _DEFAULT_MEMBERS, key="compare_team_members")
    people = capacity.number_input(
        t("compare_team_capacity", lang), 1, 200, min(max(settings.capacity, 1), 200), key="compare_team_capacity"
    )
    night_count = nights.number_input(
        t("compare_team_own_nights", lang), 1, 31, min(max(settings.nights, 1), 31), key="compare_team_nights"
    )
    team = services.new_team(view, team_type, base, int(size), int(people), int(night_count), lang)
    return TeamChange(added=(team,))


def _communes_by_need(view: Dataset, ranked: pd.DataFrame, plan_a: PlanResult) -> list[str]:
    """The view's communes, those with the most people left in villages plan A does not reach first (the first
    is where a new team is most likely to bring villages in)."""
    left = ranked[~ranked["village_id"].isin(plan_a.rows["village_id"])]
    need = pd.to_numeric(left["remaining"], errors="coerce").fillna(0).groupby(left["commune_code"]).sum()
    codes = sorted(set(view.villages["commune_code"].dropna().astype(str)))
    return sorted(codes, key=lambda c: (-float(need.get(c, 0.0)), c))


def _remove_form(view: Dataset, plan_a: PlanResult, lang: str) -> TeamChange:
    from components.session import current_area

    teams = services.plan_teams(view, current_area()).teams
    nights = plan_a.rows.groupby("team_id")["nights"].sum()
    order = sorted(teams["team_id"], key=lambda tid: (-int(nights.get(tid, 0)), tid))  # plan A's busiest first
    names = dict(zip(teams["team_id"], teams["team_name"]))

    def shown(tid: str) -> str:
        name = names.get(tid, tid)
        return t("compare_team_in_plan", lang, team=name) if tid in nights.index else name

    if not order:
        return TeamChange()
    chosen = st.selectbox(t("compare_team_remove", lang), order, key="compare_team_remove", format_func=shown)
    return TeamChange(removed=(chosen,))


def _show(view: Dataset, plan_a: PlanResult, change: TeamChange, plan_b: PlanResult, weights, lang: str) -> None:
    words = services.team_change_words(change, view, lang)
    tables = followup.comparison_tables(plan_a, plan_b, view, lang)
    st.caption(t("compare_team_which", lang, change=words))
    st.dataframe(_words(tables["summary"], followup.COMPARE_COLUMNS, lang), hide_index=True, width="content")
    if tables["villages"].empty:
        st.info(t("compare_team_nothing", lang))
    else:
        st.dataframe(
            _words(tables["villages"], followup.COMPARE_VILLAGE_COLUMNS, lang),
            hide_index=True,
            width="stretch",
            height="auto" if len(tables["villages"]) <= 10 else 300,
        )
    a_words = _settings_words(weights, lang)
    setup = (
        (f"{t('compare_col_a', lang)}: {t('compare_team_plan_a', lang)}", a_words),
        (t("compare_col_b", lang), f"{a_words}; {words}"),
    )
    download(
        "plan_compare_xlsx",
        t("compare_download", lang),
        lambda: followup.comparison_xlsx(tables, lang, settings=setup),
        lang,
        extra={"team_change": words, "villages": len(tables["villages"])},
        file_name="so-sanh-doi-hinh.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="compare_team_xlsx",
    )
