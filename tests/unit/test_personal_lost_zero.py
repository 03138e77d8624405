"""Citizen ids and mobile numbers that Excel stored as numbers (and so lost their leading 0) are still
refused as personal data; round amounts of money are not mistaken for them."""

from __future__ import annotations

import pytest

from core.ingest.reader import read_table_file
from core.ingest.validation import looks_like_citizen_id, looks_like_phone
from tests.fixtures.packages import TEAMS, VILLAGES, write_xlsx


def _villages_with(tmp_path, header, values):
    rows = [VILLAGES[0] + [header]] + [r + [v] for r, v in zip(VILLAGES[1:], values, strict=True)]
    return read_table_file(write_xlsx(tmp_path / "villages.xlsx", rows))


@pytest.mark.parametrize("value", ["11085001234", 11085001234, 11085001234.0, "11085001234.0", "011085001234"])
def test_an_id_column_value_with_or_without_its_leading_zero_looks_like_a_citizen_id(value):
    assert looks_like_citizen_id(str(value), id_column=True)


def test_eleven_digits_that_cannot_be_an_id_are_not_one():
    assert not looks_like_citizen_id("99085001234", id_column=True)  # no province 099
    assert not looks_like_citizen_id("11585001234", id_column=True)  # sex/century digit 5 is unused
    assert not looks_like_citizen_id("12000000000")  # 12 billion dong, in a column not named as ids


def test_workbook_with_citizen_ids_stored_as_numbers_is_refused(tmp_path):
    frame, problems = _villages_with(tmp_path, "Số CCCD trưởng bản", [11085001234, 11090004321, 1203001234.0 * 10])
    errors = [p for p in problems if p.is_error]
    assert frame is None
    assert [(p.row, p.column, p.code) for p in errors] == [(2, "Số CCCD trưởng bản", "personal_citizen_id_lost_zero")]
    assert "11085001234" not in errors[0].value
    assert "số 0" in errors[0].message("vi") and "leading 0" in errors[0].message("en")


def test_numeric_ids_are_refused_even_under_a_header_that_does_not_name_them(tmp_path):
    frame, problems = _villages_with(tmp_path, "Trưởng bản", [11085001234, 11090004321, 12303001234])
    assert frame is None
    assert [p.code for p in problems if p.is_error] == ["personal_citizen_id_lost_zero"]


def test_workbook_with_mobile_numbers_stored_as_numbers_is_refused(tmp_path):
    rows = [TEAMS[0] + ["SĐT tổ trưởng"]] + [r + [v] for r, v in zip(TEAMS[1:], [912345678, 387654321], strict=True)]
    frame, problems = read_table_file(write_xlsx(tmp_path / "teams.xlsx", rows))
    assert frame is None
    assert [(p.row, p.code) for p in problems if p.is_error] == [(2, "personal_phone")]
    assert looks_like_phone("912345678.0", id_column=True)


def test_round_amounts_of_money_in_a_workbook_are_not_personal_data(tmp_path):
    frame, problems = _villages_with(tmp_path, "Kinh phí (đồng)", [12000000000, 350000000, 900000000])
    assert frame is not None, [p.message("en") for p in problems]
