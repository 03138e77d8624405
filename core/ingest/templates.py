"""Excel templates, one per table: Vietnamese headers, drop-down lists for the enumerations, an example row.

A filled template reads back through the normal importer (the headers are the contract's Vietnamese ones).
"""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from core.model.dataset import Dataset
from core.model.schema import INSTANCE_ID, TABLES, Column, Kind

TEMPLATE_ROWS = 2000  # rows the drop-down lists and text formats cover
EXAMPLES: dict[str, dict[str, Any]] = {
    "villages": {
        "village_id": "03124-01",
        "village_name": "Tổ dân phố 1",
        "commune_code": "03124",
        "district_code": "094",
        "lat": 21.3721,
        "lon": 103.04783,
        "households": 390,
        "population": 1665,
        "eligible_citizens": 1156,
        "ethnic_minority_share": "19,7%",
        "grid_electricity": "yes",
        "mobile_signal": "4g",
        "smartphone_share": "88,3%",
        "owner_sim_share": "91,1%",
        "travel_minutes": 9,
        "eid_level2_baseline": 866,
    },
    "teams": {
        "team_id": "CT-03124",
        "team_name": "Tổ CNSCĐ Phường Noong Bua",
        "team_type": "community_tech",
        "level": "commune",
        "base_code": "03124",
        "members": 12,
        "youth_members": 5,
        "women_members": 4,
        "trained_members": 8,
        "established": date(2023, 3, 31),
    },
    "team_villages": {"team_id": "CT-03124", "village_id": "03124-01"},
    "activities": {
        "date": date(2025, 6, 5),
        "team_id": "CT-03124",
        "village_id": "03124-01",
        "kind": "door_to_door",
        "participants": 35,
        "vneid_installs": 12,
        "eid_level1": 10,
        "eid_level2": 8,
    },
    "targets": {"indicator": "eid_level2", "area_code": "094", "period_end": date(2025, 12, 31), "target": 5000},
}
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")


def header(column: Column) -> str:
    """The Vietnamese header a template uses for a column (its first Vietnamese alias)."""
    return column.aliases[0] if column.aliases else column.name


def _enum_words(column: Column) -> list[str]:
    return [words[0] if words else canon for canon, words in column.enum]


def _example_value(column: Column, value: Any) -> Any:
    if column.kind == Kind.ENUM and value is not None:
        return dict((canon, words[0] if words else canon) for canon, words in column.enum)[value]
    return value


def _typed_columns(table: str) -> list[Column]:
    """The columns a person fills in: the instance id is written by the phone form, never typed."""
    return [c for c in TABLES[table].columns if c.name != INSTANCE_ID]


def examples_for(dataset: Dataset | None) -> dict[str, dict[str, Any]]:
    """Example rows taken from `dataset` (an account's area: a row kept as it is stays inside the area): its
    first village, a team working there, their pairing, an activity of that team there dated at the data's
    "as of", and one of its targets. The built-in examples for what the data lacks."""
    examples = {table: dict(row) for table, row in EXAMPLES.items()}
    if dataset is None or dataset.villages.empty:
        return examples
    village = dataset.villages.sort_values("village_id").iloc[0]
    examples["villages"] = _village_example(village)
    team = _team_for(dataset, str(village["village_id"]))
    if team is not None:
        examples["teams"] = _team_example(team)
        pair = {"team_id": str(team["team_id"]), "village_id": str(village["village_id"])}
        examples["team_villages"] = pair
        examples["activities"] |= pair
    if dataset.meta.as_of is not None:
        examples["activities"]["date"] = dataset.meta.as_of
    targets = dataset.targets.dropna(subset=["indicator", "area_code", "period_end"])
    if not targets.empty:
        row = targets.iloc[0]
        examples["targets"] = {
            "indicator": row["indicator"],
            "area_code": str(row["area_code"]),
            "period_end": pd.Timestamp(row["period_end"]).date(),
            "target": _plain(row["target"]),
        }
    else:
        examples["targets"]["area_code"] = str(village["commune_code"])
    return examples


def _team_for(dataset: Dataset, village_id: str) -> pd.Series | None:
    """A team covering the village (one based in its commune first), else the data's first team."""
    teams = dataset.teams.sort_values("team_id")
    if teams.empty:
        return None
    tv = dataset.team_villages
    covering = teams[teams["team_id"].isin(tv.loc[tv["village_id"] == village_id, "team_id"])]
    if covering.empty:
        return teams.iloc[0]
    commune = village_id.split("-")[0]
    local = covering[covering["base_code"] == commune]
    return (local if not local.empty else covering).iloc[0]


def _village_example(village: pd.Series) -> dict[str, Any]:
    row = {}
    for name in EXAMPLES["villages"]:
        value = village.get(name)
        if TABLES["villages"].column(name).kind == Kind.SHARE and not _missing(value):
            value = f"{float(value) * 100:.1f}%".replace(".", ",")  # as a person types it: 19,7%
        row[name] = None if _missing(value) else _plain(value)
    return row


def _team_example(team: pd.Series) -> dict[str, Any]:
    row = {name: (None if _missing(team.get(name)) else _plain(team.get(name))) for name in EXAMPLES["teams"]}
    if isinstance(row.get("established"), pd.Timestamp):
        row["established"] = row["established"].date()
    return row


def _missing(value: Any) -> bool:
    try:
        return value is None or bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _plain(value: Any) -> Any:
    """A numpy number as a Python one; a whole float as an int (9.0 minutes → 9)."""
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def template_workbook(table: str, examples: dict[str, dict[str, Any]] | None = None) -> Workbook:
    """The template of `table` as an openpyxl Workbook (first sheet: data; second: column guide); its example
    row from `examples` (default: the built-in ones)."""
    wb = Workbook()
    ws = wb.active
    ws.title = table
    example = (examples or EXAMPLES)[table]
    for j, column in enumerate(_typed_columns(table), start=1):
        cell = ws.cell(row=1, column=j, value=header(column))
        cell.font, cell.fill = Font(bold=True), _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        letter = get_column_letter(j)
        ws.column_dimensions[letter].width = max(14, len(header(column)) + 2)
        value = ws.cell(row=2, column=j, value=_example_value(column, example.get(column.name)))
        if column.kind in (Kind.ID, Kind.CODE):
            for r in range(2, TEMPLATE_ROWS + 2):
                ws.cell(row=r, column=j).number_format = "@"  # keep leading zeros (00316)
        if column.kind == Kind.DATE:
            value.number_format = "DD/MM/YYYY"
        if column.kind == Kind.ENUM:
            _add_list(ws, letter, _enum_words(column))
    ws.freeze_panes = "A2"
    _guide(wb.create_sheet("Hướng dẫn"), table)
    return wb


def _add_list(ws, letter: str, words: list[str]) -> None:
    dv = DataValidation(
        type="list",
        formula1='"' + ",".join(words) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Giá trị không hợp lệ",
        error="Chọn một giá trị trong danh sách: " + ", ".join(words),
    )
    dv.add(f"{letter}2:{letter}{TEMPLATE_ROWS + 1}")
    ws.add_data_validation(dv)


def _guide(ws, table: str) -> None:
    ws.append(["Cột (tiêu đề)", "Tên chuẩn", "Bắt buộc", "Kiểu", "Giá trị được chấp nhận / tên khác"])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for column in _typed_columns(table):
        accepted = ", ".join(_enum_words(column)) if column.kind == Kind.ENUM else ", ".join(column.aliases[1:])
        ws.append([header(column), column.name, "có" if column.required else "", column.kind.value, accepted])
    for letter, width in zip("ABCDE", (32, 24, 10, 10, 60), strict=True):
        ws.column_dimensions[letter].width = width


def template_bytes(table: str, dataset: Dataset | None = None) -> bytes:
    """The template of `table` as .xlsx bytes (for a download button), its example row from `dataset` (an
    account's area) when given."""
    buffer = io.BytesIO()
    template_workbook(table, examples_for(dataset) if dataset is not None else None).save(buffer)
    return buffer.getvalue()


def template_file_name(table: str) -> str:
    return f"mau_{table}.xlsx"
