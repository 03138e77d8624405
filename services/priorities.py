"""Views, ranked villages, the deployment plan and the exports: one function per use case, for pages and CLI."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from importlib import import_module

import pandas as pd

from core.analysis import interventions
from core.analysis.scoring import Weights
from core.exports.context import ExportInput, build_input
from core.model.dataset import Dataset
from core.model.filters import Filter
from core.model.scope import PROVINCE, Area, area_name, clamp_filter, clamp_params, restrict, team_based_mask
from core.planning.compare import NewTeam, TeamChange, with_team_change
from core.planning.deployment import PlanSettings, make_plan, ranked_villages
from core.planning.planner import PlanResult

INTERVENTION_RULES = interventions.RULES  # (key, rule) in the order the advice is given
INTERVENTION_DEFAULT = interventions.DEFAULT  # the advice when no rule applies


def scoped(dataset: Dataset, area: Area = PROVINCE) -> Dataset:
    """The data an account of `area` may see (the dataset itself for the province)."""
    return restrict(dataset, area)


def view(dataset: Dataset, flt: Filter, area: Area = PROVINCE) -> Dataset:
    """The dataset narrowed to the area, then by the filter (its district and commune kept inside the area).
    `dataset` may already be the area's (`scoped`): narrowing again changes nothing."""
    return clamp_filter(flt, area, dataset).apply(restrict(dataset, area))


def view_from_params(
    dataset: Dataset, params: Mapping[str, str], area: Area = PROVINCE
) -> tuple[Dataset | None, Filter, list]:
    """The view a link's (or a command's) `district`/`commune`/… parameters ask for, with the notices of
    values that were ignored; no view (None) when a notice says the area asked for is not there (or is
    outside the account's area)."""
    kept, outside = clamp_params(params, area, dataset)
    flt, notices = Filter.from_query_params(kept, restrict(dataset, area))
    notices = outside + notices
    return (None if notices else view(dataset, flt, area)), flt, notices


def ranked(view_data: Dataset, weights: Weights) -> pd.DataFrame:
    """The view's villages scored with the weights, best first."""
    return ranked_villages(view_data, weights)


def plan_teams(view_data: Dataset, area: Area = PROVINCE) -> Dataset:
    """The view with only the teams an area's plan may send: for an area smaller than the province, the
    teams based in it (a province team covering one of its villages is not the district's to send)."""
    if area.province_wide:
        return view_data
    teams = view_data.teams[team_based_mask(area, view_data.teams, view_data)]
    tv = view_data.team_villages[view_data.team_villages["team_id"].isin(teams["team_id"])]
    return replace(view_data, teams=teams, team_villages=tv)


def plan(
    view_data: Dataset,
    ranked_list: pd.DataFrame,
    settings: PlanSettings,
    matrix: pd.DataFrame | None = None,
    *,
    area: Area = PROVINCE,
) -> PlanResult:
    """The deployment plan for the view's ranked villages (travel from `matrix` when given, else estimated),
    with the teams the area may send."""
    return make_plan(plan_teams(view_data, area), ranked_list, settings, matrix)


def village_moves(
    view_data: Dataset,
    weights: Weights,
    url: str | None,
    area: Area = PROVINCE,
    load: Callable[[int], Dataset] | None = None,
) -> pd.DataFrame | None:
    """How the view's villages changed since the end of the month before the data's latest date, from the
    store's version describing that day: one row per village id with `moved_signal`, `moved_power`,
    `moved_team` (1 gained, -1 lost, 0 same), `moved_level2` (level-2 e-IDs added), `moved_score_before`
    (the score with these weights on the earlier data) and `moved_since` (that day). None without a store, or
    when no version is dated on or before that day and before the data on screen (the data has no history).
    The earlier data is read in the area, as the data on screen."""
    from core.analysis.changes import village_moves as moves_between
    from core.analysis.pace import latest_date
    from core.analysis.scoring import score_villages
    from core.storage import history, store
    from services.followup import default_dates

    if not url:
        return None
    whole = view_data.province()
    day_from, day_to = default_dates(latest_date(whole))
    version = history.version_at(day_from, url)
    if version is None or version.as_of >= whole.meta.as_of:
        return None
    before = restrict((load or (lambda vid: store.load_dataset(vid, url)))(version.id), area)
    after = restrict(whole, area)
    found = moves_between(before, after, day_from, day_to)
    found = found[found.index.isin(view_data.villages["village_id"].astype(str))]
    scores = score_villages(before, weights).set_index("village_id")["score"]
    out = found.add_prefix("moved_").assign(moved_score_before=scores.reindex(found.index), moved_since=day_from)
    out.index.name = "village_id"
    return out


def with_moves(ranked_list: pd.DataFrame, moves: pd.DataFrame | None) -> pd.DataFrame:
    """The ranked villages with the columns of `village_moves` (blank for a village the earlier data did not
    hold); unchanged without moves."""
    if moves is None or moves.empty:
        return ranked_list
    since = moves["moved_since"].iloc[0]
    joined = ranked_list.join(moves.drop(columns="moved_since"), on="village_id")
    return joined.assign(moved_since=since)


def plan_with_teams(
    view_data: Dataset,
    ranked_list: pd.DataFrame,
    settings: PlanSettings,
    change: TeamChange,
    matrix: pd.DataFrame | None = None,
    *,
    area: Area = PROVINCE,
) -> PlanResult:
    """The plan `plan` makes, with teams taken out or added (the villages ranked as before, so only the teams
    differ)."""
    return plan(with_team_change(view_data, change), ranked_list, settings, matrix, area=area)


def new_team(view_data: Dataset, team_type: str, base_code: str, members: int, capacity: int, nights: int, lang: str):
    """A team to add to a plan's setting, named by its type and commune ("Đội thanh niên tình nguyện (giả định)
    – Xã Nà Hỳ"), with an id no team of the data has."""
    from core.i18n import t

    taken = set(view_data.province().teams["team_id"])
    number = 1
    while f"NEW-{base_code}-{number}" in taken:
        number += 1
    commune = view_data.own_unit_names().get(base_code, base_code)
    name = t("compare_team_new_name", lang, kind=t(f"team_type_{team_type}", lang), commune=commune)
    return NewTeam(f"NEW-{base_code}-{number}", name, team_type, base_code, members, capacity, nights)


def team_change_words(change: TeamChange, view_data: Dataset, lang: str) -> str:
    """What a team change does, in words: the teams removed by name, the teams added with their size."""
    from core.i18n import fmt_int, t

    names = dict(zip(view_data.teams["team_id"], view_data.teams["team_name"]))
    said = [t("compare_team_removed_words", lang, team=names.get(tid, tid)) for tid in change.removed]
    said += [
        t(
            "compare_team_added_words",
            lang,
            team=n.team_name,
            members=fmt_int(n.members, lang),
            capacity=fmt_int(n.capacity, lang),
            nights=fmt_int(n.nights, lang),
        )
        for n in change.added
    ]
    return "; ".join(said)


@dataclass(frozen=True)
class Export:
    """One downloadable file: its kind in the file name, extension, MIME type and writer (`module:function`
    under core.exports, imported when a file is made: the PDF writers bring matplotlib and fonts along)."""

    kind: str
    ext: str
    mime: str
    writer: str

    def write(self, inp: ExportInput, progress: Callable[[int, int], None] | None = None) -> bytes:
        module, function = self.writer.split(":")
        write = getattr(import_module(f"core.exports.{module}"), function)
        return write(inp, progress) if progress is not None else write(inp)


EXPORTS: dict[str, Export] = {  # the page's buttons in this order
    "xlsx": Export(
        "priorities", "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx:to_xlsx"
    ),
    "csv": Export("priorities", "csv", "text/csv", "csv:to_csv"),
    "geojson": Export("priorities", "geojson", "application/geo+json", "geojson:to_geojson"),
    "kml": Export("priorities", "kml", "application/vnd.google-earth.kml+xml", "kml:to_kml"),
    "field_sheet": Export("field_sheet", "pdf", "application/pdf", "field_sheet:to_field_sheets"),
    "brief": Export("brief", "pdf", "application/pdf", "brief:to_brief"),
}


def export_input(
    view_data: Dataset,
    flt: Filter,
    weights: Weights,
    lang: str,
    *,
    ranked: pd.DataFrame | None = None,
    plan: PlanResult | None = None,
    top: int | None = None,
    area: Area = PROVINCE,
) -> ExportInput:
    """What every export of this view, weights and (when built) plan is made from (ranks when not given).
    The view is kept inside the area; a whole-area filter is named by the area, not the province."""
    if not area.province_wide:
        view_data = restrict(view_data, area)
        if ranked is not None:
            ranked = ranked[ranked["village_id"].isin(view_data.villages["village_id"])]
    inp = build_input(view_data, flt, weights, lang, ranked=ranked, top=top, plan=plan)
    if not area.province_wide and flt.is_whole_province:
        inp = replace(inp, area=area_name(area, view_data))
    return inp


def export_bytes(name: str, inp: ExportInput, progress: Callable[[int, int], None] | None = None) -> bytes:
    """The file `name` (a key of EXPORTS) for the export input; `progress` hears of each field sheet."""
    return EXPORTS[name].write(inp, progress)
