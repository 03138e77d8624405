"""Cell parsers: the number, share, date and code forms provinces really type."""

import unicodedata
from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.ingest.parsing import cell_text, fold, parse_code, parse_date, parse_enum, parse_float, parse_int, parse_share
from core.model.schema import TABLES, VILLAGES


def test_fold_ignores_case_diacritics_normal_form_and_punctuation():
    nfd = unicodedata.normalize("NFD", "Tên thôn/bản")
    assert fold("Tên thôn/bản") == fold(nfd) == fold("  TEN THON / BAN ") == "ten thon ban"
    assert fold("Đội TNTN") == "doi tntn"


@pytest.mark.parametrize("raw", ["1.154", "1,154", "1154", "1154.0", "1154,00", " 1 154 ", 1154.0, 1154])
def test_count_reads_thousands_separators_and_excel_floats(raw):
    assert parse_int(raw) == (1154, None)


def test_count_blank_means_not_reported_not_zero():
    assert parse_int("") == (None, None)
    assert parse_int(None) == (None, None)
    assert parse_int("0") == (0, None)


@pytest.mark.parametrize("raw, code", [("-3", "negative_value"), ("1,5", "not_integer"), ("abc", "not_integer")])
def test_count_rejects_negative_fractional_and_text(raw, code):
    assert parse_int(raw) == (None, code)


@given(st.integers(min_value=0, max_value=10**12))
def test_count_round_trips_through_vietnamese_and_english_formatting(n):
    assert parse_int(f"{n:,}".replace(",", ".")) == (n, None)
    assert parse_int(f"{n:,}") == (n, None)
    assert parse_int(f"{n}.0") == (n, None)
    assert parse_int(float(n)) == (n, None)


@pytest.mark.parametrize("raw", ["0.286", "28.6", "28,6", "28,6%", "28.6 %", "0,286", 0.286, 28.6])
def test_share_reads_fraction_percent_and_decimal_comma(raw):
    value, error = parse_share(raw)
    assert error is None and value == pytest.approx(0.286)


def test_share_above_hundred_percent_is_rejected():
    assert parse_share("128,6") == (None, "share_out_of_range")
    assert parse_share("101%") == (None, "share_out_of_range")
    assert parse_share("-0.1") == (None, "negative_value")


def test_share_of_exactly_one_is_a_whole_not_one_percent():
    assert parse_share("1") == (1.0, None)
    assert parse_share("1%") == (0.01, None)


@given(st.integers(min_value=0, max_value=1000))
def test_share_written_as_percent_with_decimal_comma_round_trips(permille):
    text = f"{permille / 10:.1f}".replace(".", ",") + "%"
    value, error = parse_share(text)
    assert error is None and value == pytest.approx(permille / 1000)


def test_float_reads_decimal_comma_not_thousands():
    assert parse_float("21,386") == (pytest.approx(21.386), None)
    assert parse_float("102.782") == (pytest.approx(102.782), None)
    assert parse_float("x") == (None, "not_number")
    assert parse_float("-1", min_value=0) == (None, "negative_value")


@pytest.mark.parametrize(
    "raw",
    [
        "31/03/2023",
        "31-03-2023",
        "31.03.2023",
        "2023-03-31",
        "2023-03-31T08:30:00",
        "2023-03-31 00:00:00",
        "31/03/2023 00:00:00",
        45016,
        "45016",
        45016.0,
        date(2023, 3, 31),
        datetime(2023, 3, 31, 10, 5),
    ],
)
def test_date_reads_day_first_iso_excel_serial_and_spreadsheet_dates(raw):
    assert parse_date(raw) == (date(2023, 3, 31), None)


@pytest.mark.parametrize("raw", ["31/02/2025", "2025-13-01", "hôm qua", "0"])
def test_impossible_dates_are_rejected(raw):
    assert parse_date(raw) == (None, "bad_date")


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2099, 12, 31)))
def test_date_round_trips_through_vietnamese_format_and_excel_serial(day):
    assert parse_date(day.strftime("%d/%m/%Y")) == (day, None)
    assert parse_date((day - date(1899, 12, 30)).days) == (day, None)


@pytest.mark.parametrize(
    "raw, width, expected",
    [
        (316, 5, "00316"),
        (316.0, 5, "00316"),
        ("316", 5, "00316"),
        ("03166", 5, "03166"),
        ("3.0", None, "3"),
        ("11", 2, "11"),
        (1, 2, "01"),
        ("T01", None, "T01"),
    ],
)
def test_codes_keep_or_regain_their_leading_zeros(raw, width, expected):
    assert parse_code(raw, width) == (expected, None)


def test_code_longer_than_its_width_or_not_digits_is_rejected():
    assert parse_code("031666", 5) == (None, "bad_code")
    assert parse_code("X316", 5) == (None, "bad_code")


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("Có", "yes"),
        ("co", "yes"),
        ("Một phần", "partial"),
        ("Không", "no"),
        ("Chưa có", "no"),
        ("partial", "partial"),
    ],
)
def test_grid_electricity_accepts_vietnamese_words_and_canonical_values(raw, expected):
    assert parse_enum(raw, VILLAGES.column("grid_electricity").enum_words) == (expected, None)


@pytest.mark.parametrize(
    "table, column, raw, expected",
    [
        ("villages", "mobile_signal", "Không có sóng", "none"),
        ("villages", "mobile_signal", "YẾU", "weak"),
        ("villages", "mobile_signal", "3G", "3g"),
        ("teams", "team_type", "Tổ công nghệ số cộng đồng", "community_tech"),
        ("teams", "team_type", "Đội thanh niên tình nguyện", "youth_volunteer"),
        ("teams", "team_type", "Đội xung kích", "shock_team"),
        ("teams", "level", "Bản", "village"),
        ("teams", "level", "Huyện", "district"),
        ("activities", "kind", "Đến từng hộ", "door_to_door"),
        ("activities", "kind", "Hướng dẫn tập trung", "session"),
        ("activities", "kind", "Họp thôn/bản", "meeting"),
        ("activities", "kind", "tap huan", "training"),
    ],
)
def test_enums_map_vietnamese_report_words_to_canonical_values(table, column, raw, expected):
    assert parse_enum(raw, TABLES[table].column(column).enum_words) == (expected, None)


def test_unknown_enum_word_is_an_error():
    assert parse_enum("Có sóng 6G", VILLAGES.column("mobile_signal").enum_words) == (None, "unknown_enum")


def test_cell_text_shows_spreadsheet_values_as_written():
    assert cell_text(316.0) == "316"
    assert cell_text(datetime(2023, 3, 31)) == "2023-03-31"
    assert cell_text(unicodedata.normalize("NFD", " Bản Nậm Pồ ")) == "Bản Nậm Pồ"


@pytest.mark.parametrize(
    "header, column",
    [
        ("Tên thôn/bản", "village_name"),
        ("TÊN THÔN", "village_name"),
        ("Số công dân đủ điều kiện", "eligible_citizens"),
        ("Tỷ lệ DTTS (%)", "ethnic_minority_share"),
        ("Số dân (người)", "population"),
        ("Mã xã", "commune_code"),
        ("village_id", "village_id"),
        ("Village ID", "village_id"),
        ("Ghi chú", None),
    ],
)
def test_headers_match_canonical_names_and_vietnamese_aliases(header, column):
    assert VILLAGES.match_header(header) == column
    assert VILLAGES.match_header(unicodedata.normalize("NFD", header)) == column


def test_dates_a_timeline_cannot_hold_are_rejected_not_crashing():
    assert parse_date("31/12/9999") == (None, "bad_date")
    assert parse_date(2958465) == (None, "bad_date")
    assert parse_date(date(1066, 10, 14)) == (None, "bad_date")


def test_counts_too_large_for_a_column_are_rejected():
    assert parse_int("1e30") == (None, "not_integer")


def test_headers_and_enum_words_match_without_spaces_or_with_underscores():
    assert VILLAGES.match_header("Mãthôn") == "village_id"
    assert VILLAGES.match_header("  Mã   thôn ") == "village_id"
    assert VILLAGES.match_header("eligible citizens") == "eligible_citizens"
    assert parse_enum("4 G", VILLAGES.column("mobile_signal").enum_words) == ("4g", None)
