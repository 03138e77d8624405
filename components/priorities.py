"""Weights controls, the ranked village table with its "why" bars, and the deployment plan section."""

from __future__ import annotations

import pandas as pd
import streamlit as st

import services
from components.caching import scoped_cache
from components.charts import screen_rows
from components.state import (
    PLAN_CAPACITY_KEY,
    PLAN_KEY,
    PLAN_NIGHTS_KEY,
    PLAN_REQUEST_KEY,
    PLAN_STAY_KEY,
    PLAN_TRAVEL_KEY,
    PRIO_PARAMS_KEY,
    PRIO_PRESET_KEY,
    PRIO_VIEW_KEY,
    PRIO_WEIGHT_PREFIX,
)
from core.exports.columns import MOVE_SINCE, move_labels
from core.exports.context import plan_status_label
from core.exports.safety import markdown_literal
from core.i18n import fmt_date, fmt_int, fmt_number, fmt_pct, t
from core.model.dataset import Dataset
from core.model.filters import Notice, has_districts
from core.planning.deployment import PlanSettings
from core.planning.planner import PlanResult
from services.weights import COMPONENTS, PRESETS, Weights, weights_from_params, weights_to_params

_CUSTOM = "custom"


def _weight_key(component: str) -> str:
    """The session-state key of one component's weight slider."""
    return f"{PRIO_WEIGHT_PREFIX}{component}"


def _write_weights(weights: Weights) -> None:
    for key in ("preset", "w"):
        if key in st.query_params:
            del st.query_params[key]
    st.query_params.update(weights_to_params(weights))


def _on_preset() -> None:
    name = st.session_state[PRIO_PRESET_KEY]
    if name != _CUSTOM:
        for comp, value in PRESETS[name].items():
            st.session_state[_weight_key(comp)] = float(value)


def _on_weight() -> None:
    st.session_state[PRIO_PRESET_KEY] = _CUSTOM


def weights_controls(lang: str) -> Weights:
    """Preset and per-component sliders; the link (`preset`/`w`) sets them and follows them."""
    params = {k: st.query_params.get(k) for k in ("preset", "w")}
    if st.session_state.get(PRIO_PARAMS_KEY) != params:
        weights, notices = weights_from_params(params)
        for param, value, reason in notices:
            # the link is anyone's text: cut, control characters escaped, shown literally (as the filter notices)
            shown = Notice(param, value, reason).shown_value
            items = f"{param}={shown}: {t(reason, lang, value=shown)}"
            st.warning(markdown_literal(t("notice_ignored", lang, items=items)), icon=":material/warning:")
        st.session_state[PRIO_PRESET_KEY] = weights.preset_name() or _CUSTOM
        for comp, value in weights.as_dict().items():
            st.session_state[_weight_key(comp)] = float(value)
    with st.expander(t("weights_heading", lang), expanded=False):
        st.caption(t("weights_help", lang))
        st.selectbox(
            t("weights_preset", lang),
            [*PRESETS, _CUSTOM],
            key=PRIO_PRESET_KEY,
            on_change=_on_preset,
            format_func=lambda name: t(f"preset_{name}", lang),
        )
        cols = st.columns(4)
        for i, comp in enumerate(COMPONENTS):
            with cols[i % 4]:
                st.slider(
                    t(f"component_{comp}", lang),
                    0.0,
                    10.0,
                    step=0.5,
                    key=_weight_key(comp),
                    on_change=_on_weight,
                )
    raw = {comp: st.session_state[_weight_key(comp)] for comp in COMPONENTS}
    weights = Weights.of(raw) if sum(raw.values()) > 0 else Weights.preset()
    _write_weights(weights)
    st.session_state[PRIO_PARAMS_KEY] = {k: st.query_params.get(k) for k in ("preset", "w")}
    return weights


@scoped_cache(max_entries=32, shared=False)
def _ranked(flt, weights: Weights, _view: Dataset) -> pd.DataFrame:
    """Keyed by the data version, the area, the filter and the weights, so a committed version that changes
    only coverage never reuses a ranking of the old one."""
    return services.ranked(_view, weights)


def plan_key(weights: Weights, settings: PlanSettings) -> tuple:
    from components.context import data_version
    from components.filters import current_filter
    from components.session import current_area

    return services.plan_key(data_version(), current_filter(), weights, settings, current_area())


_VIEWS = ("why", "do")
# pixel widths that fit the 1366 px screen's main column (≈ 875 px) in either view; at 1920 the grid stretches
_WIDTHS = {"rank": 56, "village": 140, "commune": 150, "district": 140, "score": 120, "why": 110, "remaining": 110}
_TEAMS_WIDTH = 115
_DO_WIDTH = 290  # rank, village, commune, remaining, these, teams: 861 px; three lines of short names wrap in it
_MOVED = "moved"
_MOVED_WIDTH = 260  # rank, village, commune, district, score, change: 866 px
_WRAP_ROW_HEIGHT = 76  # above 4rem the grid wraps a cell's text: room for three lines of interventions


def ranked_table(view: Dataset, weights: Weights, lang: str) -> pd.DataFrame | None:
    st.subheader(t("ranked_heading", lang))
    if view.villages.empty:
        st.info(t("no_villages", lang))
        return None
    from components.filters import current_filter

    ranked = _ranked(current_filter(), weights, view)
    ranked = services.with_moves(ranked, _moves(current_filter(), weights, view))
    legend = ", ".join(f"{i + 1}. {t(f'component_{c}', lang)}" for i, c in enumerate(COMPONENTS))
    st.caption(t("ranked_caption", lang, n=fmt_int(len(ranked), lang), legend=legend))
    shown = screen_rows(ranked, lang)  # a country's 80,000 villages: the top rows, and the export has all
    _ranked_views(_ranked_frame(shown, has_districts(view), lang), shown, lang)
    return ranked


@scoped_cache(max_entries=16, shared=False)
def _moves(flt, weights: Weights, _view: Dataset) -> pd.DataFrame | None:
    """How the view's villages changed since the end of last month (None when the data has no history)."""
    from components.context import data_version, load_version
    from components.session import current_area
    from services.source import store_version

    current = data_version()
    if current.kind != "store":
        return None
    url = current.where

    def load(version_id: int) -> Dataset:  # the app's cache of whole versions
        return load_version(store_version(url, version_id))[0]

    return services.village_moves(_view, weights, url, current_area(), load)


def _since(ranked: pd.DataFrame, lang: str) -> str | None:
    """The date the ranked villages' changes are counted from, written dd/mm/yyyy (None without history)."""
    return fmt_date(ranked[MOVE_SINCE].iloc[0], lang) if MOVE_SINCE in ranked.columns and len(ranked) else None


def _ranked_frame(ranked: pd.DataFrame, districts: bool, lang: str) -> pd.DataFrame:
    """Every column the table may show (the views choose which); the interventions by their short names."""
    since = _since(ranked, lang)
    moved = {t("moved_col", lang, date=since): move_labels(ranked, lang).to_numpy()} if since else {}
    return pd.DataFrame(
        {
            t("col_rank", lang): ranked["rank"],
            t("prio_col_village", lang): ranked["village_name"],
            t("prio_col_commune", lang): ranked["commune_name"],
            **({t("prio_col_district", lang): ranked["district_name"]} if districts else {}),
            t("col_score", lang): ranked["score"].round(1),
            t("col_why", lang): ranked[[f"contrib_{c}" for c in COMPONENTS]].round(2).values.tolist(),
            t("col_remaining", lang): ranked["remaining"],
            t("col_intervention", lang): ranked["interventions"].map(
                lambda ks: " · ".join(t(f"prio_short_{k}", lang) for k in ks)
            ),
            t("col_covering_teams", lang): ranked["covering_teams"],
            **moved,
        }
    )


@st.fragment
def _ranked_views(table: pd.DataFrame, ranked: pd.DataFrame, lang: str) -> None:
    """Two views of one table, each narrow enough for 1366 px: the score and why, or what to do and who covers
    it. Switching reruns this fragment only."""
    since = _since(ranked, lang)
    views = (*_VIEWS, _MOVED) if since else _VIEWS
    if st.session_state.get(PRIO_VIEW_KEY) not in (*views, None):  # the data on screen lost its history
        del st.session_state[PRIO_VIEW_KEY]
    if since:
        changed = int((move_labels(ranked, lang) != "").sum())
        view_name = t("moved_view", lang, date=since)
        st.caption(t("moved_caption", lang, n=fmt_int(changed, lang), date=since, view=view_name))
    chosen = st.segmented_control(
        t("prio_view_label", lang),
        views,
        default=_VIEWS[0],
        key=PRIO_VIEW_KEY,
        format_func=lambda v: t("moved_view", lang, date=since) if v == _MOVED else t(f"prio_view_{v}", lang),
        label_visibility="collapsed",
    )
    doing = chosen == "do"
    col = {k: t(k, lang) for k in ("col_rank", "prio_col_village", "prio_col_commune", "prio_col_district")}
    place = [col["col_rank"], col["prio_col_village"], col["prio_col_commune"]]
    district = [col["prio_col_district"]] if col["prio_col_district"] in table.columns else []
    if doing:
        order = [*place, t("col_remaining", lang), t("col_intervention", lang), t("col_covering_teams", lang)]
    elif chosen == _MOVED:
        order = [*place, *district, t("col_score", lang), t("moved_col", lang, date=since)]
    else:
        order = [*place, *district, t("col_score", lang), t("col_why", lang), t("col_remaining", lang)]
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        height=_grid_height(len(table), _WRAP_ROW_HEIGHT if doing else None),
        column_order=order,
        row_height=_WRAP_ROW_HEIGHT if doing else None,
        column_config=_ranked_columns(lang, since),
    )
    if doing:
        _interventions_legend(ranked, lang)


def _grid_height(rows: int, row_height: int | None, most: int = 420) -> int | str:
    """At most `most` px, and no blank rows under a short table ("auto" fits up to ten one-line rows)."""
    if row_height is None:
        return "auto" if rows <= 10 else most
    return min(most, 40 + row_height * rows)


def _ranked_columns(lang: str, since: str | None = None) -> dict:
    cc = st.column_config
    moved = {}
    if since:
        moved[t("moved_col", lang, date=since)] = cc.TextColumn(
            help=t("moved_col_help", lang, date=since), width=_MOVED_WIDTH
        )
    return {
        **moved,
        t("col_rank", lang): cc.NumberColumn(width=_WIDTHS["rank"]),
        t("prio_col_village", lang): cc.TextColumn(width=_WIDTHS["village"]),
        t("prio_col_commune", lang): cc.TextColumn(width=_WIDTHS["commune"]),
        t("prio_col_district", lang): cc.TextColumn(width=_WIDTHS["district"]),
        t("col_score", lang): cc.ProgressColumn(
            t("prio_head_score", lang),
            help=t("prio_head_score_help", lang),
            min_value=0,
            max_value=100,
            format="%.0f",  # whole points: a printf decimal would be `90.3` in the Vietnamese page too
            width=_WIDTHS["score"],
        ),
        t("col_why", lang): cc.BarChartColumn(
            help=t("prio_head_why_help", lang), y_min=0, y_max=40, width=_WIDTHS["why"]
        ),
        t("col_remaining", lang): cc.NumberColumn(
            t("prio_head_remaining", lang), help=t("prio_head_remaining_help", lang), width=_WIDTHS["remaining"]
        ),
        t("col_intervention", lang): cc.TextColumn(help=t("prio_head_do_help", lang), width=_DO_WIDTH),
        t("col_covering_teams", lang): cc.TextColumn(
            t("prio_head_teams", lang), help=t("prio_head_teams_help", lang), width=_TEAMS_WIDTH
        ),
    }


def _interventions_legend(ranked: pd.DataFrame, lang: str) -> None:
    """The whole advice behind each short name the table uses."""
    from services.priorities import INTERVENTION_DEFAULT as DEFAULT
    from services.priorities import INTERVENTION_RULES as RULES

    seen = {k for ks in ranked["interventions"] for k in ks}
    used = [k for k in (*(key for key, _ in RULES), DEFAULT) if k in seen]
    with st.expander(t("prio_do_legend", lang)):
        st.markdown("\n".join(f"- **{t(f'prio_short_{k}', lang)}**: {t(f'intervention_{k}', lang)}" for k in used))


def _plan_columns(lang: str) -> dict:
    """Widths that fit 1366 px (≈ 875 px of page): names wrap on up to three lines, the interventions by their
    short names; short headers carry their whole meaning as help."""
    cc = st.column_config
    return {
        t("prio_col_team", lang): cc.TextColumn(width=165),
        t("prio_col_village", lang): cc.TextColumn(width=115),
        t("prio_col_commune", lang): cc.TextColumn(width=115),
        t("col_nights", lang): cc.NumberColumn(width=65),
        t("col_expected_people", lang): cc.NumberColumn(
            t("plan_head_people", lang), help=t("col_expected_people", lang), width=85
        ),
        t("col_travel_minutes", lang): cc.NumberColumn(
            t("plan_head_travel", lang), help=t("col_travel_minutes", lang), width=85
        ),
        t("col_intervention", lang): cc.TextColumn(help=t("plan_head_do_help", lang), width=235),
    }


def _within(value: float, low: int, high: int) -> int:
    """A default set in the environment, kept inside the input's range (else Streamlit refuses the input)."""
    return min(max(int(value), low), high)


def _settings(lang: str) -> PlanSettings:
    with st.expander(t("plan_settings", lang)):
        c1, c2, c3, c4 = st.columns(4)
        defaults = PlanSettings()  # core.settings: the same defaults as the command line
        nights = c1.number_input(t("plan_nights", lang), 1, 31, _within(defaults.nights, 1, 31), key=PLAN_NIGHTS_KEY)
        capacity = c2.number_input(
            t("plan_capacity", lang), 1, 200, _within(defaults.capacity, 1, 200), key=PLAN_CAPACITY_KEY
        )
        travel = c3.number_input(
            t("plan_max_travel", lang),
            10,
            600,
            _within(defaults.max_travel_minutes, 10, 600),
            step=10,
            key=PLAN_TRAVEL_KEY,
        )
        stay = c4.toggle(t("plan_stay_in_area", lang), True, key=PLAN_STAY_KEY)
    return PlanSettings(
        nights=int(nights),
        capacity=int(capacity),
        max_travel_minutes=float(travel),
        stay_in_area=bool(stay),
        time_limit=defaults.time_limit,
    )


def _request_plan() -> None:
    st.session_state[PLAN_REQUEST_KEY] = True


def plan_section(view: Dataset, ranked: pd.DataFrame, weights: Weights, lang: str) -> None:
    st.subheader(t("plan_heading", lang))
    settings = _settings(lang)
    key = plan_key(weights, settings)
    # the request flag is consumed by the run that solves: the button stays disabled while it runs (a
    # province plan takes seconds) and an interrupted run leaves it usable again
    solving = st.session_state.pop(PLAN_REQUEST_KEY, False)
    st.button(
        t("plan_run", lang),
        type="primary",
        icon=":material/route:",
        key="plan_run",
        disabled=solving,
        on_click=_request_plan,
    )
    if solving:
        with st.spinner(t("plan_solving", lang), show_time=True):
            from components.session import current_area

            st.session_state[PLAN_KEY] = (key, services.plan(view, ranked, settings, area=current_area()))
        st.rerun()  # draws the button usable again, with the plan below it
    stored = st.session_state.get(PLAN_KEY)
    if stored and stored[0] == key:
        show_plan(stored[1], view, ranked, lang)


def show_plan(result: PlanResult, view: Dataset, ranked: pd.DataFrame, lang: str) -> None:
    from components.context import current_dataset
    from components.plan_map import plan_map

    if result.rows.empty:
        nobody_left = not len(ranked) or int(ranked["remaining"].fillna(0).sum()) == 0
        st.info(t("plan_empty_no_remaining" if nobody_left else "plan_empty", lang))
        return
    c1, c2, c3, c4 = st.columns(4)
    c1.metric(t("plan_people", lang), fmt_int(result.people_reached, lang), border=True)
    c2.metric(
        t("plan_objective", lang), fmt_int(result.objective, lang), border=True, help=t("plan_objective_help", lang)
    )
    c3.metric(t("plan_gap", lang), fmt_pct(result.gap, lang), border=True)
    c4.metric(t("plan_gain", lang), fmt_pct(result.gain_over_greedy, lang), border=True)
    st.caption(
        t(
            "plan_detail",
            lang,
            bound=fmt_int(result.bound, lang),
            seconds=fmt_number(result.solve_seconds, lang),
            status=plan_status_label(result, lang),
            greedy=fmt_int(result.greedy_objective, lang),
        )
    )
    info = ranked.set_index("village_id")
    teams = view.teams.set_index("team_id")
    rows = result.rows
    table = pd.DataFrame(
        {
            t("prio_col_team", lang): rows["team_id"].map(teams["team_name"]),
            t("prio_col_village", lang): rows["village_id"].map(info["village_name"]),
            t("prio_col_commune", lang): rows["village_id"].map(info["commune_name"]),
            t("col_nights", lang): rows["nights"],
            t("col_expected_people", lang): rows["expected_people"],
            t("col_travel_minutes", lang): rows["travel_minutes"].round(0).astype(int),
            t("col_intervention", lang): rows["village_id"]
            .map(info["interventions"])
            .map(lambda ks: " · ".join(t(f"prio_short_{k}", lang) for k in ks)),
        }
    )
    plan_map(result, current_dataset(lang), view, ranked, lang)
    # one table a row, full width: side by side, both were cut at 1366 px
    st.markdown(f"**{t('plan_table', lang)}**")
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        height=_grid_height(len(table), _WRAP_ROW_HEIGHT),
        row_height=_WRAP_ROW_HEIGHT,
        column_config=_plan_columns(lang),
    )
    area, heading, column = (
        ("district_name", "plan_by_district", "prio_col_district")
        if has_districts(view)
        else ("commune_name", "plan_by_commune", "prio_col_commune")
    )
    st.markdown(f"**{t(heading, lang)}**")
    by = (
        rows.assign(d=rows["village_id"].map(info[area]))
        .groupby("d")
        .agg(nights=("nights", "sum"), people=("expected_people", "sum"))
        .reset_index()
    )
    by["nights"] = by["nights"].map(lambda n: fmt_int(n, lang))
    by["people"] = by["people"].map(lambda n: fmt_int(n, lang))
    st.dataframe(
        by.rename(
            columns={"d": t(column, lang), "nights": t("col_nights", lang), "people": t("col_expected_people", lang)}
        ),
        hide_index=True,
        width="content",
    )
