"""Templates: Vietnamese headers, drop-down lists for enumerations, an example row that reads back clean."""

from __future__ import annotations

import io

import openpyxl
import pytest

from core.ingest.reader import read_table_file
from core.ingest.templates import template_bytes, template_file_name
from core.model.schema import INSTANCE_ID, TABLES, Kind


@pytest.mark.parametrize("table", list(TABLES))
def test_filled_template_reads_back_as_its_table(table, tmp_path):
    path = tmp_path / "bao_cao.xlsx"  # a name that does not give the table away: headers must
    path.write_bytes(template_bytes(table))
    frame, problems = read_table_file(path)
    assert [p for p in problems if p.is_error] == []
    assert frame is not None and len(frame) == 1
    assert list(frame.columns[: len(TABLES[table].names)]) == TABLES[table].names


@pytest.mark.parametrize("table", ["villages", "teams", "activities"])
def test_template_has_vietnamese_headers_and_lists_for_enumerations(table):
    wb = openpyxl.load_workbook(io.BytesIO(template_bytes(table)))
    ws = wb.worksheets[0]
    headers = [c.value for c in ws[1]]
    assert headers == [c.aliases[0] for c in TABLES[table].columns if c.name != INSTANCE_ID]  # typed by no one
    assert {"villages": "Mã thôn", "teams": "Mã tổ", "activities": "Ngày"}[table] == headers[0]
    enums = [c for c in TABLES[table].columns if c.kind == Kind.ENUM]
    lists = [dv.formula1 for dv in ws.data_validations.dataValidation]
    assert len(lists) == len(enums)
    if table == "villages":
        assert '"Có,Một phần,Không"' in lists


def test_codes_keep_their_leading_zeros():
    ws = openpyxl.load_workbook(io.BytesIO(template_bytes("villages"))).worksheets[0]
    assert ws["C2"].value == "03124" and ws["C2"].number_format == "@"
    assert template_file_name("villages") == "mau_villages.xlsx"


def test_an_areas_templates_give_example_rows_of_the_area_that_its_lead_may_import(demo_dataset, tmp_path):
    from core.ingest import importer
    from core.model.scope import Area, restrict

    nam_po = Area.of("103")
    mine = restrict(demo_dataset, nam_po)
    for table in ("activities", "team_villages", "villages", "teams", "targets"):
        path = tmp_path / f"mau_{table}.xlsx"
        path.write_bytes(template_bytes(table, mine))
        plan = importer.dry_run([path], demo_dataset, 1, area=nam_po)
        assert plan.ok, (table, [(p.column, p.value, p.reason) for p in plan.problems])
    sheet = openpyxl.load_workbook(tmp_path / "mau_activities.xlsx").active
    village = dict(zip([c.value for c in sheet[1]], [c.value for c in sheet[2]], strict=False))["Mã thôn"]
    assert demo_dataset.villages.set_index("village_id").loc[village, "district_code"] == "103"
