"""Text normalisation and cell parsers for what provinces actually type into spreadsheets.

Every parser takes one raw cell (a string from a CSV, or a str/int/float/date from a spreadsheet) and
returns `(value, error_code)`: `error_code` is None when the cell parsed, else a key of
`core/locale/problems.py`. A blank cell parses to `(None, None)`: blank means "not reported", never 0.
"""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import date, datetime, timedelta
from typing import Any

from core.model.text_keys import fold as fold  # the matching key, read from here by the readers
from core.model.text_keys import match_key

_MAX_INT = 2**53  # beyond this a float no longer holds every integer (and Int64 would overflow)
_YEARS = (1900, 2200)  # what a datetime64[ns] column can hold, with margin
_EXCEL_EPOCH = date(1899, 12, 30)  # Excel's day 0 (it counts 1900 as a leap year; serial 60 never occurs)
_SPACES = re.compile(r"[\s\u00a0\u2007\u202f]+")


def nfc(text: str) -> str:
    """`text` in NFC form (files from Windows/macOS or cp1258 may carry decomposed tone marks)."""
    return unicodedata.normalize("NFC", text)


def cell_text(raw: Any) -> str:
    """The cell as the user sees it: NFC, trimmed; whole floats without `.0`; dates as ISO text."""
    if type(raw) is str:  # the common case first (a CSV is nothing but strings)
        return (raw if raw.isascii() else unicodedata.normalize("NFC", raw)).strip()
    if raw is None:
        return ""
    if isinstance(raw, bool):
        return "TRUE" if raw else "FALSE"
    if isinstance(raw, float):
        if math.isnan(raw):
            return ""
        if raw.is_integer() and abs(raw) < 1e15:
            return str(int(raw))
        return repr(raw)
    if isinstance(raw, datetime):
        return raw.date().isoformat() if raw.time() == datetime.min.time() else raw.isoformat(sep=" ")
    if isinstance(raw, date):
        return raw.isoformat()
    return nfc(str(raw)).strip()


def is_blank(raw: Any) -> bool:
    return cell_text(raw) == ""


def _split_number(text: str, prefer_thousands: bool) -> float | None:
    """Read `1.154`, `1,154`, `1.154,5`, `28,6`, `-3` and the like; None when it is not a number."""
    s = _SPACES.sub("", text)
    sign = -1.0 if s.startswith("-") else 1.0
    s = s.lstrip("+-")
    if not s or not re.fullmatch(r"[0-9.,]+|[0-9]*\.?[0-9]+[eE][+-]?[0-9]+", s):
        return None
    if "e" in s.lower():
        return sign * float(s)
    dots, commas = s.count("."), s.count(",")
    if dots and commas:
        decimal_sep = "." if s.rfind(".") > s.rfind(",") else ","
        thousands = "," if decimal_sep == "." else "."
        whole, _, frac = s.rpartition(decimal_sep)
        if whole.count(decimal_sep) or not _is_grouped(whole, thousands):
            return None
        return sign * float(whole.replace(thousands, "") + "." + frac)
    sep = "." if dots else "," if commas else ""
    if not sep:
        return sign * float(s)
    if s.count(sep) > 1:
        return sign * float(s.replace(sep, "")) if _is_grouped(s, sep) else None
    whole, _, frac = s.partition(sep)
    if not whole and not frac:
        return None
    if prefer_thousands and len(frac) == 3 and whole and whole != "0" and not whole.startswith("0"):
        return sign * float(whole + frac)  # Vietnamese `1.154` (or English `1,154`) = 1154
    return sign * float((whole or "0") + "." + (frac or "0"))


def _is_grouped(text: str, sep: str) -> bool:
    return re.fullmatch(r"[0-9]{1,3}(" + re.escape(sep) + r"[0-9]{3})+", text) is not None


def _number(raw: Any, prefer_thousands: bool) -> float | None:
    if isinstance(raw, bool):
        return None
    if isinstance(raw, (int, float)):
        return None if isinstance(raw, float) and math.isnan(raw) else float(raw)
    return _split_number(cell_text(raw), prefer_thousands)


def parse_int(raw: Any, min_value: int | None = 0) -> tuple[int | None, str | None]:
    """A count: `1.154`, `1,154`, `1154.0` and Excel's 1154.0 all read as 1154; below `min_value` rejected."""
    if is_blank(raw):
        return None, None
    value = _number(raw, prefer_thousands=True)
    if value is None or math.isinf(value):
        return None, "not_integer"
    if not float(value).is_integer() or abs(value) > _MAX_INT:
        return None, "not_integer"
    if min_value is not None and value < min_value:
        return None, "negative_value"
    return int(value), None


def parse_float(raw: Any, min_value: float | None = None) -> tuple[float | None, str | None]:
    """A decimal number; one `,` or `.` is the decimal mark (`21,386` = 21.386)."""
    if is_blank(raw):
        return None, None
    value = _number(raw, prefer_thousands=False)
    if value is None or math.isinf(value):
        return None, "not_number"
    if min_value is not None and value < min_value:
        return None, "negative_value"
    return value, None


def parse_share(raw: Any) -> tuple[float | None, str | None]:
    """A 0–1 share from `0.286`, `28.6`, `28,6`, `28,6%` or `28.6 %`; above 1 reads as a percent, above 100 %
    is rejected. Exactly 1 is read as a share (100 %)."""
    if is_blank(raw):
        return None, None
    text = cell_text(raw)
    percent = text.endswith("%")
    value = _number(text.rstrip("%").strip() if percent else raw, prefer_thousands=False)
    if value is None or math.isinf(value):
        return None, "not_share"
    if value < 0:
        return None, "negative_value"
    if percent or value > 1:
        value = value / 100
    if value > 1:
        return None, "share_out_of_range"
    return value, None


_DMY = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}|\d{2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")
_YMD = re.compile(r"(\d{4})[/.\-](\d{1,2})[/.\-](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?.*)?")
_SERIAL = re.compile(r"\d{1,6}(?:\.\d+)?")


def parse_date(raw: Any) -> tuple[date | None, str | None]:
    """A day from `31/03/2023`, `31-03-2023`, `2023-03-31`, an ISO datetime, an Excel serial (45016) or a
    spreadsheet date; day first always (Vietnamese order); impossible days (31/02) are rejected."""
    if is_blank(raw):
        return None, None
    if isinstance(raw, date):
        day = raw.date() if isinstance(raw, datetime) else raw
        return _make_date(day.year, day.month, day.day)
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        return _from_serial(float(raw))
    text = cell_text(raw)
    if m := _YMD.fullmatch(text):
        return _make_date(int(m[1]), int(m[2]), int(m[3]))
    if m := _DMY.fullmatch(text):
        year = int(m[3]) + (2000 if len(m[3]) == 2 else 0)
        return _make_date(year, int(m[2]), int(m[1]))
    if _SERIAL.fullmatch(text):
        return _from_serial(float(text))
    return None, "bad_date"


def _make_date(year: int, month: int, day: int) -> tuple[date | None, str | None]:
    if not _YEARS[0] <= year <= _YEARS[1]:
        return None, "bad_date"
    try:
        return date(year, month, day), None
    except ValueError:
        return None, "bad_date"


def _from_serial(serial: float) -> tuple[date | None, str | None]:
    if not 1 <= serial < 2958466:  # 2958465 = 31/12/9999, Excel's last day
        return None, "bad_date"
    day = _EXCEL_EPOCH + timedelta(days=int(serial))
    return _make_date(day.year, day.month, day.day)


def parse_code(raw: Any, width: int | None = None) -> tuple[str | None, str | None]:
    """An official code as text: `316` (Excel dropped the zeros) → `00316` for width 5; `3.0` → `3`.

    With a width the code must be digits and no longer than the width.
    """
    if is_blank(raw):
        return None, None
    text = cell_text(raw)
    if re.fullmatch(r"\d+\.0+", text):
        text = text.split(".")[0]
    if width is None:
        return text, None
    if not text.isdigit() or len(text) > width:
        return None, "bad_code"
    return text.zfill(width), None


def parse_text(raw: Any) -> tuple[str | None, str | None]:
    """Free text, NFC, trimmed, inner runs of spaces collapsed."""
    text = _SPACES.sub(" ", cell_text(raw)).strip()
    return (text or None), None


def parse_enum(raw: Any, words: dict[str, str]) -> tuple[str | None, str | None]:
    """The canonical value whose word list holds the cell (`words`: `match_key` of a word → canonical)."""
    if is_blank(raw):
        return None, None
    value = words.get(match_key(cell_text(raw)))
    return (value, None) if value is not None else (None, "unknown_enum")
