"""Following the plan up: adopting a month's plan, plan against done, for pages and commands alike."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import pandas as pd

from core.analysis import pace
from core.analysis.changes import Changes, compare
from core.analysis.pace import latest_date, pace_table
from core.model.dataset import Dataset
from core.model.filters import village_district
from core.model.scope import PROVINCE, Area
from core.planning.planner import PlanResult
from core.planning.progress import Progress, plan_progress
from core.storage import history, plans


def adopt(
    view_data: Dataset,
    result: PlanResult,
    month: str,
    *,
    who: str,
    area: Area = PROVINCE,
    settings: Mapping[str, Any] | None = None,
    data_version: int | None = None,
    url: str | None = None,
) -> int:
    """Store `result` as the month's adopted plan for the view's villages: the month's pairs of villages
    outside the view (another district's, adopted before) are kept. Returns the adoption's id."""
    return plans.adopt(
        month,
        result.rows[list(plans.ROW_COLUMNS)],
        who=who,
        area=area.codes,
        villages=set(view_data.villages["village_id"]),
        settings=settings,
        summary=result.summary(),
        data_version=data_version,
        url=url,
    )


def progress(
    view_data: Dataset, month: str, url: str | None = None, activities: pd.DataFrame | None = None
) -> Progress | None:
    """The month's adopted plan against the activities dated in it, for the view's villages; None when the
    month has no adopted plan. `activities`: the reports to read (default the view's; pass a wider set, such
    as the area's, so that a team the view leaves out still counts where it worked in the view's villages)."""
    adopted = plans.current(month, url)
    if adopted is None:
        return None
    return progress_of(adopted.rows, view_data, month, activities)


def progress_of(
    plan_rows: pd.DataFrame, view_data: Dataset, month: str, activities: pd.DataFrame | None = None
) -> Progress:
    """A plan's rows against the activities dated in the month, in the view's villages."""
    districts = village_district(view_data).set_axis(view_data.villages["village_id"])
    return plan_progress(plan_rows, view_data.activities if activities is None else activities, districts, month)


def changes(
    day_from: date,
    day_to: date,
    url: str | None,
    fallback: Dataset | None = None,
    area: Area = PROVINCE,
    load: Callable[[int], Dataset] | None = None,
) -> Changes | None:
    """What changed from `day_from` to `day_to`, from the store's versions describing each date (in `area`).
    Without a store (a package is read): `fallback` for both dates, so only the reports differ. None when
    there is no data at all. `load` reads a version by id (the app passes its cached reader)."""
    from core.model.scope import restrict

    found = (history.dataset_at(day_from, url, load), history.dataset_at(day_to, url, load)) if url else (None, None)
    if found[0] is None or found[1] is None:
        if fallback is None:
            return None
        whole = restrict(fallback.province(), area)
        return replace(compare(whole, whole, day_from, day_to), as_of=(whole.meta.as_of, whole.meta.as_of))
    (before, old), (after, new) = found
    result = compare(restrict(before, area), restrict(after, area), day_from, day_to)
    return replace(result, versions=(old.id, new.id), as_of=(old.as_of, new.as_of))


def default_dates(latest: date) -> tuple[date, date]:
    """The default span of "since the last meeting": the end of the month before `latest`'s, to `latest`."""
    return latest.replace(day=1) - timedelta(days=1), latest


# --- what the page and the workbook show ------------------------------------------------------------------

COUNT_COLUMNS = ("planned", "done", "missed", "unplanned", "share_done", "people_planned", "people_reached")
DISTRICT_COLUMNS = (("name", "followup_col_district"), *((c, f"followup_col_{c}") for c in COUNT_COLUMNS))
TEAM_COLUMNS = (("name", "followup_col_team"), *((c, f"followup_col_{c}") for c in COUNT_COLUMNS))
MISSED_COLUMNS = (
    ("village_name", "followup_col_village"),
    ("commune_name", "followup_col_commune"),
    ("district_name", "followup_col_district"),
    ("team_name", "followup_col_team"),
    ("expected_people", "followup_col_people_planned"),
)


def progress_tables(found: Progress, dataset: Dataset, lang: str) -> dict[str, pd.DataFrame]:
    """Plan against done for people: `province` (one row), `districts` and `teams` with names, and `missed`
    (the villages to carry into the next plan), each with the columns of *_COLUMNS."""
    from core.i18n import t

    names = dataset.own_unit_names()
    teams = dict(zip(dataset.teams["team_id"], dataset.teams["team_name"]))
    districts = found.by("district_code")
    districts["name"] = [names.get(c, c) if c else t("followup_no_district", lang) for c in districts["district_code"]]
    by_team = found.by("team_id")
    by_team["name"] = [teams.get(c, c) for c in by_team["team_id"]]
    whole = found.to_json()
    province = pd.DataFrame(
        [
            {
                "name": dataset.meta.province_name,
                "planned": whole["planned_pairs"],
                "done": whole["done_pairs"],
                "missed": whole["missed_pairs"],
                "unplanned": whole["unplanned_pairs"],
                "share_done": whole["share_done"],
                "people_planned": whole["people_planned"],
                "people_reached": whole["people_reached"],
            }
        ]
    )
    missed = found.missed()
    villages = dataset.villages.set_index("village_id")
    missed["village_name"] = missed["village_id"].map(villages["village_name"])
    missed["commune_name"] = missed["village_id"].map(villages["commune_code"]).map(lambda c: names.get(c, c))
    missed["district_name"] = missed["district_code"].map(lambda c: names.get(c, c) if c else "")
    missed["team_name"] = missed["team_id"].map(lambda c: teams.get(c, c))
    return {"province": province, "districts": districts, "teams": by_team, "missed": missed}


def progress_xlsx(tables: Mapping[str, pd.DataFrame], month: str, lang: str) -> bytes:
    """The workbook of plan against done: province and districts, teams, missed villages."""
    from core.exports.progress_xlsx import to_xlsx
    from core.i18n import t

    summary = pd.concat([tables["province"], tables["districts"]], ignore_index=True)
    return to_xlsx(
        [
            (t("followup_sheet_summary", lang, month=month), DISTRICT_COLUMNS, summary),
            (t("followup_sheet_teams", lang), TEAM_COLUMNS, tables["teams"]),
            (t("followup_sheet_missed", lang), MISSED_COLUMNS, tables["missed"]),
        ],
        lang,
    )


def change_tables(found: Changes, dataset: Dataset, lang: str) -> dict[str, pd.DataFrame]:
    """Since the last meeting for people: `level2` per district with names, biggest change first; `villages`
    that changed (name, commune, what changed); `team_types` (activities and participants by team type)."""
    from core.i18n import t

    names = dataset.own_unit_names()
    level2 = found.level2.assign(name=[names.get(c, c) for c in found.level2["district_code"]])
    level2 = level2.sort_values(["change", "name"], ascending=[False, True]).reset_index(drop=True)
    villages = dataset.villages.set_index("village_id")
    rows = []
    for flag in ("signal", "power", "team"):
        for gained in (True, False):
            word = "gained" if gained else "lost"
            for vid in found.ids(flag, gained):
                rows.append(
                    {
                        "village_id": vid,
                        "village_name": villages["village_name"].get(vid, vid),
                        "commune_name": names.get(villages["commune_code"].get(vid, ""), ""),
                        "what": t(f"followup_{word}_{flag}", lang),
                    }
                )
    changed = pd.DataFrame(rows, columns=["village_id", "village_name", "commune_name", "what"])
    kinds = found.by_team_type.assign(
        label=[t(f"team_type_{k}", lang) if k else "–" for k in found.by_team_type["team_type"]]
    )
    return {"level2": level2, "villages": changed, "team_types": kinds}


def pace_rows(table: pd.DataFrame, dataset: Dataset, lang: str) -> pd.DataFrame:
    """The pace table in words: the province first, then its districts; numbers and months written for `lang`."""
    from core.i18n import fmt_date, fmt_int, fmt_number, t

    names = dataset.own_unit_names()

    def month_words(row: pd.Series) -> str:
        if pd.isna(row["target"]):
            return t("followup_no_target", lang)
        if row["reached"]:
            return t("followup_reached", lang)
        if pd.isna(row["projected_month"]):  # a column of None only is read back as NaN
            return t("followup_not_at_pace", lang)
        shown = month_text(row["projected_month"])
        early, late = row["projected_earliest"], row["projected_latest"]
        spread = f"{month_text(early)} – {'…' if pd.isna(late) else month_text(late)}"
        return f"{shown} ({spread})"

    return pd.DataFrame(
        {
            "name": [
                names.get(c, c) if c != dataset.meta.province_code else dataset.meta.province_name
                for c in table["area_code"]
            ],
            "target": [
                "–" if pd.isna(v) else f"{fmt_int(v, lang)} ({fmt_date(end, lang)})"
                for v, end in zip(table["target"], table["target_period_end"], strict=True)
            ],
            "now": [fmt_int(v, lang) for v in table["now"]],
            "monthly_pace": [fmt_number(v, lang, 0) for v in table["monthly_pace"]],
            "projected": [month_words(r) for _, r in table.iterrows()],
            "months_to_visit": ["–" if pd.isna(v) else fmt_int(v, lang) for v in table["months_to_visit"]],
        }
    )


def month_text(month: str) -> str:
    """YYYY-MM as mm/yyyy."""
    year, number = month.split("-")
    return f"{number}/{year}"


CARRY_BONUS = 100.0  # a carried village's score is raised by this: above every village not carried (scores ≤ 100)


def missed_villages(
    view_data: Dataset, month: str, url: str | None, activities: pd.DataFrame | None = None
) -> set[str]:
    """The villages of the view whose planned pairs in the month's adopted plan were missed (none without a
    plan)."""
    found = progress(view_data, month, url, activities)
    return set() if found is None else set(found.missed()["village_id"])


def carry_missed(ranked: pd.DataFrame, villages: set[str]) -> pd.DataFrame:
    """The ranked villages with the carried ones first: their score raised by CARRY_BONUS (the planner then
    sends teams there before anywhere else they can reach), marked in a `carried` column."""
    carried = ranked["village_id"].isin(villages)
    out = ranked.assign(score=ranked["score"] + CARRY_BONUS * carried, carried=carried)
    return out.sort_values(["score", "village_id"], ascending=[False, True]).reset_index(drop=True)


# --- two plans side by side -------------------------------------------------------------------------------

COMPARE_COLUMNS = (
    ("label", "compare_col_measure"),
    ("a", "compare_col_a"),
    ("b", "compare_col_b"),
    ("change", "compare_col_change"),
)
COMPARE_VILLAGE_COLUMNS = (
    ("village_name", "followup_col_village"),
    ("commune_name", "followup_col_commune"),
    ("label", "compare_col_village_change"),
    ("nights_a", "compare_col_nights_a"),
    ("nights_b", "compare_col_nights_b"),
)


def comparison_tables(a: PlanResult, b: PlanResult, dataset: Dataset, lang: str) -> dict[str, pd.DataFrame]:
    """Plan A against plan B for people: `summary` (people reached, villages, teams, team-nights) and
    `villages` entering or leaving the plan, with names."""
    from core.i18n import t
    from core.planning.compare import compare_plans

    found = compare_plans(a, b)
    summary = found.summary.assign(label=[t(f"compare_{m}", lang) for m in found.summary["measure"]])
    names = dataset.own_unit_names()
    villages = dataset.villages.set_index("village_id")
    rows = found.villages.assign(
        village_name=found.villages["village_id"].map(villages["village_name"]).fillna(found.villages["village_id"]),
        commune_name=found.villages["village_id"].map(villages["commune_code"]).map(lambda c: names.get(c, c)),
        label=[t(f"compare_{c}", lang) for c in found.villages["change"]],
    )
    return {"summary": summary, "villages": rows}


COMPARE_SETTING_COLUMNS = (("plan", "compare_col_plan"), ("setting", "compare_col_setting"))


def comparison_xlsx(tables: Mapping[str, pd.DataFrame], lang: str, settings: tuple[tuple[str, str], ...] = ()) -> bytes:
    """The two plans' comparison as a workbook: the measures, then the villages entering or leaving, then (when
    given) what each plan was set up with, as (plan, words) pairs."""
    from core.exports.progress_xlsx import to_xlsx
    from core.i18n import t

    sheets = [
        (t("compare_sheet_summary", lang), COMPARE_COLUMNS, tables["summary"]),
        (t("compare_sheet_villages", lang), COMPARE_VILLAGE_COLUMNS, tables["villages"]),
    ]
    if settings:
        rows = pd.DataFrame(list(settings), columns=["plan", "setting"])
        sheets.append((t("compare_sheet_settings", lang), COMPARE_SETTING_COLUMNS, rows))
    return to_xlsx(sheets, lang)


def brief_material(
    dataset: Dataset,
    view_data: Dataset,
    url: str | None,
    lang: str,
    area: Area = PROVINCE,
    load: Callable[[int], Dataset] | None = None,
):
    """The brief's follow-up page: the newest adopted month's plan against the reports (in the view), the
    changes from the end of last month to the data's latest date, and the pace (in the area); None when there
    is neither an adopted plan nor a second version to compare with."""
    from core.exports.brief_followup import FollowupBrief

    months = plans.months(url) if url else []
    found = progress(view_data, months[0], url, dataset.activities) if months else None
    progress_part = None
    if found is not None:
        tables = progress_tables(found, dataset, lang)
        progress_part = {"month": month_text(months[0]), **tables}
    day_from, day_to = default_dates(latest_date(dataset.province()))
    store_url = url if url and history.first_version(url) is not None else None
    moved = changes(day_from, day_to, store_url, dataset, area, load)
    changes_part = None if moved is None else {**moved.to_json(), "day_from": day_from, "day_to": day_to}
    if progress_part is None and (moved is None or moved.versions[0] == moved.versions[1]):
        return None  # no adopted plan and no history: nothing to follow up (the brief keeps its pages)
    pace = pace_rows(pace_table(dataset, area.province_wide), dataset, lang)
    return FollowupBrief(progress_part, changes_part, pace)


adopted_plan = plans.current  # the adopted plan of a month (None when there is none)
adopted_months = plans.months  # the months that have an adopted plan
valid_month = plans.valid_month  # a month written YYYY-MM
month_add = pace.month_add  # a month `n` months after (before, for n < 0) another
pace_json = pace.pace_json  # what `cli.py pace --json` prints
