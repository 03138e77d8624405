"""The follow-up page's blocks: plan against done of an adopted month, and what changed since the last meeting."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from components.caching import scoped_cache
from components.downloads import download
from components.projector import slide_tiles
from components.session import store_url
from components.state import PLAN_CAPACITY_KEY, PLAN_KEY, PLAN_NIGHTS_KEY, PLAN_STAY_KEY, PLAN_TRAVEL_KEY
from core.i18n import fmt_date, fmt_int, fmt_pct, t
from core.model.dataset import Dataset
from services import followup

_INT_COLUMNS = ("planned", "done", "missed", "unplanned", "people_planned", "people_reached", "expected_people")


def _screen(frame: pd.DataFrame, columns, lang: str) -> pd.DataFrame:
    """The frame's columns in words, numbers and shares written the language's way."""
    out = pd.DataFrame()
    for col, key in columns:
        values = frame[col]
        if col == "share_done":
            values = values.map(lambda v: fmt_pct(v, lang))
        elif col in _INT_COLUMNS or col in ("before", "after", "change", "activities", "participants"):
            values = values.map(lambda v: fmt_int(v, lang))
        out[t(key, lang)] = values.fillna("").astype(str).to_numpy()
    return out


NAME_WIDTH, NUMBER_WIDTH = 180, 80  # pixels: the 1366 px screen's column is ≈ 877 px
# each header's short words fit its width (the full words are in its tooltip and in the workbook); a team's
# column takes what the figures leave (most team names)
_WIDE = {
    "planned": 72,
    "done": 96,
    "missed": 106,
    "unplanned": 106,
    "share_done": 66,
    "people_planned": 104,
    "people_reached": 90,
    "expected_people": 104,
    "village_name": 150,
    "commune_name": 150,
    "target": 160,
    "monthly_pace": 92,
    "projected": 205,
    "months_to_visit": 160,
}
_WIDE_BY_HEADER = {"followup_col_team": 237}
_NAMES = ("name", "village_name", "commune_name", "district_name", "team_name", "what", "label", "target")
SHORT_HEADERS = {
    "followup_col_planned": "followup_head_planned",
    "followup_col_share_done": "followup_head_share_done",
    "followup_col_people_reached": "followup_head_people_reached",
    "followup_col_pace": "followup_head_pace",
    "followup_col_months_to_visit": "followup_head_months_to_visit",
}
ROW_PX = 37  # a data grid row (and its header): a table of a few rows is drawn whole, without a scroll bar


def _table(frame: pd.DataFrame, columns, lang: str, height: int | None = None) -> None:
    """A table fitted to the 1366 px screen: names wider, figures narrow, short headers; each header's full words
    in its tooltip."""
    table = _screen(frame, columns, lang)
    short = {t(key, lang): t(SHORT_HEADERS.get(key, key), lang) for _col, key in columns}
    config = {
        short[t(key, lang)]: st.column_config.TextColumn(
            width=_WIDE_BY_HEADER.get(key) or _WIDE.get(col, NAME_WIDTH if col in _NAMES else NUMBER_WIDTH),
            help=t(key, lang),
        )
        for col, key in columns
    }
    if height is None:
        height = ROW_PX * (len(table) + 1) + 3 if len(table) <= 15 else "auto"
    st.dataframe(
        table.rename(columns=short),
        hide_index=True,
        width="stretch",
        height=height,
        row_height=ROW_PX,
        column_config=config,
    )


@scoped_cache(max_entries=16)
def _progress(flt, month: str, plan_id: int, lang: str, _view: Dataset, _dataset: Dataset):
    """Plan against done of the month's adoption `plan_id` (keyed by it: a new adoption is a new answer)."""
    found = followup.progress(_view, month, store_url(), _dataset.activities)
    return None if found is None else followup.progress_tables(found, _dataset, lang)


def plan_section(dataset: Dataset, view: Dataset, flt, lang: str) -> None:
    """ "Theo dõi kế hoạch": the month's adopted plan against the reports dated in it."""
    st.subheader(t("followup_plan_heading", lang))
    months = followup.adopted_months(store_url())
    if not months:
        st.info(t("followup_no_plans", lang))
        return
    month = st.columns([1, 3])[0].selectbox(
        t("followup_month", lang), months, key="followup_month", format_func=followup.month_text
    )
    adopted = followup.adopted_plan(month, store_url())
    tables = _progress(flt, month, adopted.id, lang, view, dataset)
    whole = tables["province"].iloc[0]
    st.caption(
        t(
            "followup_adopted_by",
            lang,
            who=adopted.who or "–",
            when=fmt_date(adopted.adopted_at, lang),
            month=followup.month_text(month),
        )
    )
    _plan_tiles(whole, lang)
    st.caption(t("followup_rules", lang, unplanned=fmt_int(whole["unplanned"], lang)))
    by_district, by_team, missed = st.tabs(
        [t("followup_tab_districts", lang), t("followup_tab_teams", lang), t("followup_tab_missed", lang)]
    )
    with by_district:
        _table(tables["districts"], followup.DISTRICT_COLUMNS, lang)
    with by_team:
        _table(tables["teams"], followup.TEAM_COLUMNS, lang, height=360)
    with missed:
        st.caption(t("followup_missed_hint", lang, n=fmt_int(len(tables["missed"]), lang)))
        _table(tables["missed"], followup.MISSED_COLUMNS, lang, height=360)
    download(
        "progress_xlsx",
        t("followup_download", lang),
        lambda: followup.progress_xlsx(tables, month, lang),
        lang,
        extra={"month": month},
        file_name=f"theo-doi-ke-hoach-{month}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="followup_xlsx",
    )


def _plan_tiles(whole: pd.Series, lang: str) -> None:
    slide_tiles(
        [
            (t("followup_planned_pairs", lang), fmt_int(whole["planned"], lang), ""),
            (
                t("followup_done_pairs", lang),
                fmt_int(whole["done"], lang),
                t("followup_share_note", lang, share=fmt_pct(whole["share_done"], lang)),
            ),
            (t("followup_missed_pairs", lang), fmt_int(whole["missed"], lang), ""),
            (
                t("followup_people_reached", lang),
                fmt_int(whole["people_reached"], lang),
                t("followup_of_planned", lang, n=fmt_int(whole["people_planned"], lang)),
            ),
        ]
    )


@scoped_cache(max_entries=16)
def _changes(day_from: date, day_to: date, lang: str, _dataset: Dataset):
    """Changes between the two dates in this session's area (each date read from its store version)."""
    from components.context import data_version, load_version
    from components.session import current_area
    from services.source import store_version

    current = data_version()
    url = current.where if current.kind == "store" else None

    def load(version_id: int) -> Dataset:  # the app's cache of whole versions: the current one is there already
        return load_version(store_version(url, version_id))[0]

    found = followup.changes(day_from, day_to, url, _dataset, current_area(), load)
    return None if found is None else (found, followup.change_tables(found, _dataset, lang))


LEVEL2_COLUMNS = (
    ("name", "followup_col_district"),
    ("before", "followup_col_before"),
    ("after", "followup_col_after"),
    ("change", "followup_col_change"),
)
VILLAGE_COLUMNS = (
    ("village_name", "followup_col_village"),
    ("commune_name", "followup_col_commune"),
    ("what", "followup_col_what"),
)
TEAM_TYPE_COLUMNS = (
    ("label", "followup_col_team_type"),
    ("activities", "followup_col_activities"),
    ("participants", "followup_col_participants"),
)


def changes_section(dataset: Dataset, lang: str) -> None:
    """ "Kể từ cuộc họp trước": what changed between two dates (default: the end of last month to the latest)."""
    from services.followup import latest_date

    st.subheader(t("followup_changes_heading", lang))
    latest = latest_date(dataset.province())
    default_from, default_to = followup.default_dates(latest)
    left, right = st.columns(2)
    day_from = left.date_input(t("followup_from", lang), default_from, key="followup_from", format="DD/MM/YYYY")
    day_to = right.date_input(t("followup_to", lang), default_to, key="followup_to", format="DD/MM/YYYY")
    found = _changes(day_from, day_to, lang, dataset)
    if found is None:
        st.info(t("followup_no_data", lang))
        return
    changes, tables = found
    figures = changes.to_json()
    if figures["from_as_of"] == figures["to_as_of"]:
        st.caption(t("followup_one_version", lang, day=fmt_date(date.fromisoformat(figures["to_as_of"]), lang)))
    else:
        st.caption(
            t(
                "followup_versions",
                lang,
                before=fmt_date(date.fromisoformat(figures["from_as_of"]), lang),
                after=fmt_date(date.fromisoformat(figures["to_as_of"]), lang),
            )
        )
    _change_tiles(figures, lang)
    level2, villages, kinds = st.tabs(
        [t("followup_tab_level2", lang), t("followup_tab_villages", lang), t("followup_tab_team_types", lang)]
    )
    with level2:
        _table(tables["level2"], LEVEL2_COLUMNS, lang)
    with villages:
        if tables["villages"].empty:
            st.info(t("followup_no_village_changes", lang))
        else:
            _changed_map(dataset, tables["villages"], lang)
            _table(tables["villages"], VILLAGE_COLUMNS, lang, height=320)
    with kinds:
        _table(tables["team_types"], TEAM_TYPE_COLUMNS, lang)


def _change_tiles(figures: dict, lang: str) -> None:
    province = figures["eid_level2_province"]
    slide_tiles(
        [
            (t("followup_gained_signal", lang), fmt_int(len(figures["gained_signal"]), lang), ""),
            (t("followup_gained_power", lang), fmt_int(len(figures["gained_power"]), lang), ""),
            (
                t("followup_team_changes", lang),
                f"+{fmt_int(len(figures['gained_team']), lang)} / −{fmt_int(len(figures['lost_team']), lang)}",
                "",
            ),
            (t("followup_level2_change", lang), fmt_int(province["change"], lang), ""),
        ]
    )


def projector_slide(dataset: Dataset, view: Dataset, flt, lang: str) -> None:
    """The follow-up as a slide: the newest adopted month's tiles and the tiles of what changed since the end of
    last month (no tables, no controls)."""
    from services.followup import latest_date

    months = followup.adopted_months(store_url())
    if months:
        adopted = followup.adopted_plan(months[0], store_url())
        tables = _progress(flt, months[0], adopted.id, lang, view, dataset)
        st.subheader(t("followup_slide_plan", lang, month=followup.month_text(months[0])))
        _plan_tiles(tables["province"].iloc[0], lang)
    day_from, day_to = followup.default_dates(latest_date(dataset.province()))
    found = _changes(day_from, day_to, lang, dataset)
    if found is not None:
        st.subheader(t("followup_slide_changes", lang, since=fmt_date(day_from, lang), to=fmt_date(day_to, lang)))
        _change_tiles(found[0].to_json(), lang)


def _changed_map(dataset: Dataset, changed: pd.DataFrame, lang: str) -> None:
    """The villages that changed as dots on the districts' outlines (a picture: nothing to load)."""
    from components.charts import static_map
    from presentation import charts

    villages = dataset.villages[dataset.villages["village_id"].isin(changed["village_id"])]
    title = t("followup_map_title", lang)
    picture = charts.village_map_svg(
        villages,
        pd.Series(True, index=villages.index),
        lang,
        dataset.boundaries,
        title,
        height=300,
        covered_label=t("followup_map_changed", lang),
    )
    static_map(picture, title, "", t("followup_map_alt", lang, n=fmt_int(len(villages), lang)))


PACE_COLUMNS = (
    ("name", "followup_col_district"),
    ("target", "followup_col_target"),
    ("now", "followup_col_now"),
    ("monthly_pace", "followup_col_pace"),
    ("projected", "followup_col_projected"),
    ("months_to_visit", "followup_col_months_to_visit"),
)


@scoped_cache(max_entries=8)
def _pace(lang: str, _dataset: Dataset) -> pd.DataFrame:
    from components.session import current_area

    return followup.pace_rows(followup.pace_table(_dataset, current_area().province_wide), _dataset, lang)


def pace_section(dataset: Dataset, lang: str) -> None:
    """When each level-2 target is reached at the present pace, and how it is computed."""
    st.subheader(t("followup_pace_heading", lang))
    _table(_pace(lang, dataset), PACE_COLUMNS, lang)
    st.caption(t("followup_pace_how", lang))


def _adopt_month(view: Dataset) -> list[str]:
    """The months a plan may be adopted for: the data's latest month and the three after it."""
    from services.followup import latest_date, month_add

    latest = latest_date(view.province())
    first = f"{latest.year:04d}-{latest.month:02d}"
    return [month_add(first, k) for k in range(4)]


def adopt_block(view: Dataset, weights, lang: str) -> None:
    """Under the plan on the Priorities page: adopt it as a month's plan (who may write: an account that may
    plan, or without accounts this start's write token). Stored with its settings, author and time; audited."""
    from components.context import data_version
    from components.session import actor, current_area
    from components.write_access import session_may_write

    stored = st.session_state.get(PLAN_KEY)
    if not stored or stored[1].rows.empty:
        return
    if not session_may_write("plan"):
        st.caption(t("followup_adopt_needs_write", lang))
        return
    months = _adopt_month(view)
    left, right = st.columns([1, 2], vertical_alignment="bottom")
    month = left.selectbox(
        t("followup_adopt_month", lang), months, index=1, key="followup_adopt_month", format_func=followup.month_text
    )
    label = t("followup_adopt", lang, month=followup.month_text(month))
    if right.button(label, icon=":material/task_alt:", key="followup_adopt"):
        if not session_may_write("plan"):  # asked again at the write itself
            st.error(t("followup_adopt_needs_write", lang))
            return
        settings = {
            "nights": st.session_state.get(PLAN_NIGHTS_KEY),
            "capacity": st.session_state.get(PLAN_CAPACITY_KEY),
            "max_travel_minutes": st.session_state.get(PLAN_TRAVEL_KEY),
            "stay_in_area": st.session_state.get(PLAN_STAY_KEY),
            "weights": weights.as_dict(),
        }
        plan_id = followup.adopt(
            view,
            stored[1],
            month,
            who=actor(),
            area=current_area(),
            settings=settings,
            data_version=data_version().store_version,
            url=store_url(),
        )
        st.success(t("followup_adopted", lang, month=followup.month_text(month), id=plan_id))


def brief_maker(inp, view: Dataset, lang: str):
    """The Priorities page's brief, made on click with its follow-up page (area, store and version read now:
    the file may be made outside this run)."""
    from dataclasses import replace

    import services
    from components.context import data_version
    from components.session import current_area

    current, area = data_version(), current_area()
    url = current.where if current.kind == "store" else None

    def make() -> bytes:
        scoped = services.scoped(view.province(), area)
        material = followup.brief_material(scoped, view, url, lang, area)
        return services.export_bytes("brief", replace(inp, followup=material))

    return make
