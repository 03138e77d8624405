"""Phone forms and field packs: the activity XLSForm for an area or a team, and a team's offline field pack."""

from __future__ import annotations

from dataclasses import dataclass, replace

from core.analysis.scoring import Weights
from core.clock import province_now
from core.exports.context import build_input, slug
from core.exports.field_pack import pack_file_name, team_village_rows, to_field_pack
from core.ingest import xlsform
from core.model.dataset import Dataset
from core.model.filters import Filter, unit_names


@dataclass(frozen=True)
class FormFile:
    """An XLSForm and what it lists."""

    data: bytes
    file_name: str
    choices: xlsform.FormChoices


def activity_form(view: Dataset, flt: Filter, team: str | None = None) -> FormFile | None:
    """The activity report form for the view's area (only `team` in the team list when given); None when the
    area has no villages or the team is not in it."""
    choices = xlsform.area_choices(view, unit_names(view), team)
    if not choices.villages or (team and not choices.teams):
        return None
    area_code = flt.commune or flt.district
    form_id = xlsform.form_id(view.meta.province_code, area_code)
    version = province_now().strftime("%Y%m%d%H%M")  # later versions sort higher, as ODK servers expect
    data = xlsform.activity_form(choices, flt.describe(view, "vi"), form_id, version)
    name = f"bieu-mau-bao-cao_{slug(team or area_code or view.meta.province_name)}.xlsx"
    return FormFile(data, name, choices)


def team_form(view: Dataset, flt: Filter, team_id: str) -> FormFile | None:
    """The report form of one team: the team only, its villages (those of its base area when it covers none)."""
    inp = build_input(view, flt, Weights.preset("balanced"), "vi")
    return _team_form(inp, team_id)


def _team_form(inp, team_id: str) -> FormFile | None:
    view = inp.view
    ids = set(team_village_rows(inp, team_id)["village_id"])
    team_view = replace(view, villages=view.villages[view.villages["village_id"].isin(ids)])
    return activity_form(team_view, Filter(), team_id)


def field_pack(view: Dataset, flt: Filter, team_id: str, lang: str) -> tuple[bytes, str, int] | None:
    """A team's field pack (ZIP bytes), its file name and its number of villages; None for a team not in view."""
    teams = view.teams[view.teams["team_id"] == team_id]
    if teams.empty:
        return None
    inp = build_input(view, flt, Weights.preset("balanced"), lang)
    rows = team_village_rows(inp, team_id)
    form = _team_form(inp, team_id)
    data = to_field_pack(inp, team_id, form.data if form else b"")
    return data, pack_file_name(team_id, str(teams["team_name"].iloc[0])), len(rows)
