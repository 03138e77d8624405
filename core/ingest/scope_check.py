"""An import made for an account with an area (core.model.scope): every row must lie inside it.

`outside_rows` names each incoming row that touches a village, team or unit outside the area (file, row as
Excel shows it, the column, the village and the reason); `outside_changes` is the last guard on the result: no
row outside the area may differ from the data the import started from (e.g. new coverage for a team that
also covered villages elsewhere). Whole packages and boundaries replace the province's data: refused.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from core.ingest.validation import Problem, SourceTable, problem
from core.model.dataset import Dataset
from core.model.scope import Area, area_name, team_based_mask, unit_codes_in, village_mask

ROW_CODE = "scope_row_outside"
TEAM_CODE = "scope_team_outside"
UNIT_CODE = "scope_unit_outside"
WHOLE_CODE = "scope_whole_refused"
CHANGED_CODE = "scope_changes_outside"


def _inside_villages(frame: pd.DataFrame, base: Dataset, area: Area) -> pd.Series:
    columns = [c for c in ("village_id", "commune_code", "district_code") if c in frame.columns]
    villages = frame[columns].reset_index(drop=True)
    return village_mask(area, replace(base, villages=villages)).to_numpy()


def refused_whole(files: list[str], area: Area) -> list[Problem]:
    """A package or a boundary file for an area smaller than the province: refused whole."""
    if area.province_wide:
        return []
    return [problem(f, None, "", "", WHOLE_CODE) for f in files]


def outside_rows(tables: list[SourceTable], base: Dataset, area: Area) -> list[Problem]:
    """One error for each incoming row that lies (or would move something) outside the area."""
    if area.province_wide:
        return []
    where = area_name(area, base)
    inside_units = unit_codes_in(area, base)
    villages = base.villages
    incoming_villages = [s.frame for s in tables if s.spec.name == "villages"]
    known = pd.concat([villages, *incoming_villages], ignore_index=True) if incoming_villages else villages
    inside_ids = set(villages.loc[village_mask(area, base), "village_id"])
    outside_ids = set(villages["village_id"]) - inside_ids
    for frame in incoming_villages:  # a village row inside the area that stays inside
        ok = _inside_villages(frame, base, area)
        inside_ids |= {v for v, good in zip(frame["village_id"], ok, strict=True) if good and v not in outside_ids}
    village_name = dict(zip(known["village_id"], known["village_name"]))
    teams = base.teams
    incoming_teams = [s.frame for s in tables if s.spec.name == "teams"]
    based_inside = set(teams.loc[team_based_mask(area, teams, base), "team_id"])
    outside_teams = set(teams["team_id"]) - based_inside
    for frame in incoming_teams:
        ok = frame["base_code"].isin(inside_units)
        based_inside |= {t for t, good in zip(frame["team_id"], ok, strict=True) if good and t not in outside_teams}

    out: list[Problem] = []
    for source in tables:
        name, frame = source.spec.name, source.frame
        for i in range(len(frame)):
            row = frame.iloc[i]
            if name == "villages":
                vid = row.get("village_id")
                if vid in outside_ids or not _inside_villages(frame.iloc[[i]], base, area)[0]:
                    column = "commune_code" if "commune_code" in frame.columns else "village_id"
                    out.append(
                        source.at(i, column, ROW_CODE, village=_text(row.get("village_name") or vid), area=where)
                    )
            elif name == "teams":
                if row.get("team_id") in outside_teams or row.get("base_code") not in inside_units:
                    out.append(source.at(i, "base_code", TEAM_CODE, team=_text(row.get("team_name")), area=where))
            elif name in ("team_villages", "activities"):
                vid = row.get("village_id")
                if not _text(vid):  # a village the row names but no one knows: its own error says so
                    continue
                if vid not in inside_ids:
                    out.append(
                        source.at(i, "village_id", ROW_CODE, village=_text(village_name.get(vid, vid)), area=where)
                    )
                elif name == "team_villages" and row.get("team_id") not in based_inside:
                    out.append(source.at(i, "team_id", TEAM_CODE, team=_text(row.get("team_id")), area=where))
            elif name == "targets":
                if row.get("area_code") not in inside_units:
                    out.append(source.at(i, "area_code", UNIT_CODE, area=where))
    return out


def _text(value: object) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def _outside_part(data: Dataset, area: Area, table: str, columns: list[str]) -> set[tuple]:
    frame = getattr(data, table)
    if table == "villages":
        part = frame[~village_mask(area, data)]
    elif table == "teams":
        part = frame[~team_based_mask(area, frame, data)]
    elif table in ("team_villages", "activities"):
        inside = set(data.villages.loc[village_mask(area, data), "village_id"])
        part = frame[~frame["village_id"].isin(inside)]
    elif table == "targets" and "area_code" in frame:
        part = frame[~frame["area_code"].isin(unit_codes_in(area, data))]
    else:
        return set()
    part = part.reindex(columns=columns)
    return {tuple("" if pd.isna(v) else str(v) for v in row) for row in part.itertuples(index=False)}


def outside_changes(base: Dataset, result: Dataset, area: Area, files: tuple[str, ...]) -> list[Problem]:
    """An error for each table whose rows outside the area the import would change."""
    if area.province_wide:
        return []
    tables = ("villages", "teams", "team_villages", "activities", "targets")
    changed = [
        table
        for table in tables
        if _outside_part(base, area, table, list(getattr(base, table).columns))
        != _outside_part(result, area, table, list(getattr(base, table).columns))
    ]
    return [problem(", ".join(files), None, "", "", CHANGED_CODE, area=area_name(area, base))] if changed else []
