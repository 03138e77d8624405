"""What is wrong with a data package, cell by cell, in the user's language.

Checks return lists of `Problem`s, never raise: an import shows every problem at once and stores nothing
when there is an error. Row numbers are the ones Excel shows (header on row 1 → first data row is 2).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import pandas as pd

from core.i18n import DEFAULT_LANG, fmt_int, t
from core.model.admin_units import is_national
from core.model.schema import TableSpec

ERROR, WARNING = "error", "warning"

VIETNAM_LAT = (8.2, 23.4)
VIETNAM_LON = (102.1, 109.5)
EARLIEST_ACTIVITY = date(2000, 1, 1)
# the provinces' clock: Vietnam keeps UTC+7 all year (no daylight saving), so no time-zone database is needed
PROVINCE_TIME = timezone(timedelta(hours=7), "Asia/Ho_Chi_Minh")


def province_today(now: datetime | None = None) -> date:
    """Today's date in Vietnam (Asia/Ho_Chi_Minh): a report may be dated up to this day, never after."""
    return (now or datetime.now(UTC)).astimezone(PROVINCE_TIME).date()


_CITIZEN_ID = re.compile(r"\d{12}")
_PHONE = re.compile(r"(?:\+?84|0)\d{9}")
_PHONE_NOISE = re.compile(r"[\s.\-()]")
# A citizen id is 0PP G YY NNNNNN (province of birth 001–096, sex/century digit 0–3): Excel keeps it as a
# number and drops the 0; a mobile number 03x/05x/07x/08x/09x likewise loses its 0.
_CITIZEN_ID_LOST_ZERO = re.compile(r"(?:0[1-9]|[1-8]\d|9[0-6])[0-3]\d{8}")
_PHONE_LOST_ZERO = re.compile(r"[35789]\d{8}")
_WHOLE_FLOAT = re.compile(r"\d+\.0+")
_PERSONAL_HEADER = re.compile(
    r"cccd|cmnd|cmt|căn cước|định danh|chứng minh|citizen|identity|\bid\b|"
    r"\bs?đt\b|điện thoại|phone|\btel|mobile|liên hệ|liên lạc"
)
_NINE_DIGITS = re.compile(r"[\s(+]*\d(?:\D{0,3}\d){8}")  # 9+ digits from the start, lightly punctuated
# what every _NINE_DIGITS match holds, looked for in a whole column at once: its cells joined by more non-digits
# than it bridges, so no find spans two cells (and no leading [\s(+]*, which is slow over long runs of blanks)
_DIGIT_RUN = re.compile(r"\d(?:\D{0,3}\d){8}")
_APART = "\n" * 4
PERSONAL_SHARE = 0.5  # "mostly": at least this share of a column's non-blank values
MAX_CELL_CHARS = 1_000  # longer than any name, id or note: a paste gone wrong (or an attack)
MAX_VALUE_SHOWN = 200  # characters of a value repeated in a problem


_COUNT_PARAMS = frozenset({"n", "limit", "rows", "columns", "max_rows"})


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or worth a warning) in one place of one file."""

    file: str
    row: int | None
    column: str
    value: str
    code: str
    params: tuple[tuple[str, Any], ...] = ()
    severity: str = ERROR

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def message(self, lang: str = DEFAULT_LANG) -> str:
        """The reason in `lang`; counts and limits written as the language writes numbers (`200.000`)."""
        params = {k: fmt_int(v, lang) if type(v) is int and k in _COUNT_PARAMS else v for k, v in self.params}
        return t(self.code, lang, **params)


_ABSOLUTE_PATH = re.compile(r"(?<![\w.])(?:[A-Za-z]:\\|/)(?:[^\s'\"/\\:]+[/\\])+[^\s'\",:;)]*")


def safe_detail(exc: BaseException) -> str:
    """An exception for a problem shown to users: its type and message, every server path cut to its file
    name (an upload lives under a temporary folder whose path tells an attacker about the server)."""
    text = _ABSOLUTE_PATH.sub(lambda m: re.split(r"[/\\]", m.group(0))[-1], str(exc))
    return f"{type(exc).__name__}: {text}"


def problem(
    file: str, row: int | None, column: str, value: Any, code: str, severity: str = ERROR, /, **params: Any
) -> Problem:
    """A Problem; `params` fill the message's placeholders."""
    text = "" if value is None else str(value)
    if len(text) > MAX_VALUE_SHOWN:  # a pasted essay (or a hostile megabyte) is not repeated in every table
        text = text[: MAX_VALUE_SHOWN - 1] + "…"
    return Problem(file, row, column, text, code, tuple(params.items()), severity)


def has_errors(problems: Iterable[Problem]) -> bool:
    return any(p.is_error for p in problems)


@dataclass(frozen=True)
class SourceTable:
    """A parsed table with where each row and column came from, so checks can point at cells."""

    spec: TableSpec
    file: str
    frame: pd.DataFrame  # canonical dtypes, RangeIndex
    rows: tuple[int, ...]  # Excel row number of each frame row
    headers: dict[str, str] = field(default_factory=dict)  # column → header as written in the file
    raw: pd.DataFrame | None = None  # cell text as written, same shape and columns as frame

    def header(self, column: str) -> str:
        return self.headers.get(column, column)

    def cell(self, i: int, column: str) -> str:
        if self.raw is not None and column in self.raw.columns:
            return str(self.raw.iat[i, self.raw.columns.get_loc(column)])
        value = self.frame.iat[i, self.frame.columns.get_loc(column)]
        return "" if pd.isna(value) else str(value)

    def at(self, i: int, column: str, code: str, severity: str = ERROR, /, **params: Any) -> Problem:
        """A problem on cell (row i, column) of this table."""
        return problem(self.file, self.rows[i], self.header(column), self.cell(i, column), code, severity, **params)


# --- checks within one table -------------------------------------------------------------------------


def check_table(table: SourceTable) -> list[Problem]:
    """Every single-table check: duplicates, consistency, coordinates, personal data."""
    out = check_lengths(table) + check_unique(table) + check_personal_data(table)
    name = table.spec.name
    if name == "villages":
        out += check_village_counts(table) + check_coordinates(table)
    elif name == "teams":
        out += check_team_members(table)
    elif name == "team_villages":
        out += check_duplicate_pairs(table)
    return out


def check_lengths(table: SourceTable) -> list[Problem]:
    """Cells longer than MAX_CELL_CHARS: refused, each pointed at (row, column)."""
    source = table.raw if table.raw is not None else table.frame
    out = []
    for column in source.columns:
        values = source[column].tolist()
        try:
            if max(map(len, values), default=0) <= MAX_CELL_CHARS:
                continue  # the common case, found at C speed
        except TypeError:  # not every value is text: looked at one by one
            pass
        for i, v in enumerate(values):
            if isinstance(v, str) and len(v) > MAX_CELL_CHARS:
                out.append(table.at(i, column, "value_too_long", n=len(v), limit=MAX_CELL_CHARS))
    return out


def check_unique(table: SourceTable) -> list[Problem]:
    col = table.spec.unique
    if not col or col not in table.frame.columns:
        return []
    out, first_seen = [], {}
    for i, value in enumerate(table.frame[col]):
        if pd.isna(value):
            continue
        if value in first_seen:
            out.append(table.at(i, col, "duplicate_id", first_row=table.rows[first_seen[value]]))
        else:
            first_seen[value] = i
    return out


def check_duplicate_pairs(table: SourceTable) -> list[Problem]:
    frame = table.frame
    dup = frame.duplicated(["team_id", "village_id"], keep="first") & frame[["team_id", "village_id"]].notna().all(
        axis=1
    )
    return [table.at(i, "village_id", "duplicate_pair", WARNING) for i in dup.to_numpy().nonzero()[0]]


def _exceeds(table: SourceTable, part: str, whole: str, code: str, severity: str = ERROR) -> list[Problem]:
    frame = table.frame
    if part not in frame.columns or whole not in frame.columns:
        return []
    bad = (frame[part] > frame[whole]).fillna(False).to_numpy().nonzero()[0]
    return [
        table.at(i, part, code, severity, part=table.header(part), whole=table.header(whole), limit=frame[whole].iat[i])
        for i in bad
    ]


def check_village_counts(table: SourceTable) -> list[Problem]:
    return (
        _exceeds(table, "eligible_citizens", "population", "exceeds_population")
        + _exceeds(table, "households", "population", "households_exceed_population", WARNING)
        + _exceeds(table, "eid_level2_baseline", "population", "exceeds_population", WARNING)
    )


def check_team_members(table: SourceTable) -> list[Problem]:
    parts = ("youth_members", "women_members", "trained_members")
    return [p for part in parts for p in _exceeds(table, part, "members", "exceeds_members")]


def _inside(value: float, bounds: tuple[float, float]) -> bool:
    return bounds[0] <= value <= bounds[1]


def check_coordinates(table: SourceTable) -> list[Problem]:
    """Points must fall inside Vietnam; a lat/lon pair that fits once swapped is reported, never fixed."""
    frame = table.frame
    if "lat" not in frame.columns or "lon" not in frame.columns:
        return []
    out = []
    for i, (lat, lon) in enumerate(zip(frame["lat"], frame["lon"], strict=True)):
        if pd.isna(lat) and pd.isna(lon):
            continue
        if pd.isna(lat) or pd.isna(lon):
            missing = "lat" if pd.isna(lat) else "lon"
            out.append(table.at(i, missing, "coordinate_incomplete", WARNING))
        elif _inside(lat, VIETNAM_LAT) and _inside(lon, VIETNAM_LON):
            continue
        elif _inside(lon, VIETNAM_LAT) and _inside(lat, VIETNAM_LON):
            out.append(_pair(table, i, "latlon_swapped"))
        else:
            out.append(_pair(table, i, "outside_vietnam"))
    return out


def _pair(table: SourceTable, i: int, code: str) -> Problem:
    columns = f"{table.header('lat')} / {table.header('lon')}"
    value = f"{table.cell(i, 'lat')} / {table.cell(i, 'lon')}"
    return problem(table.file, table.rows[i], columns, value, code)


def looks_like_citizen_id(text: str, id_column: bool = False) -> bool:
    """12 digits; or 11 (a number cell drops the leading 0 every province code has) shaped like an id and,
    unless the header names an id, not a round amount of money."""
    digits = _whole_number(text.replace(" ", ""))
    if _CITIZEN_ID.fullmatch(digits):
        return True
    return _CITIZEN_ID_LOST_ZERO.fullmatch(digits) is not None and (id_column or not digits.endswith("000"))


def looks_like_phone(text: str, id_column: bool = False) -> bool:
    """0 or +84 and 9 digits; or a mobile number whose leading 0 a number cell dropped (as for ids)."""
    digits = _PHONE_NOISE.sub("", _whole_number(text.strip()))
    if _PHONE.fullmatch(digits):
        return True
    return _PHONE_LOST_ZERO.fullmatch(digits) is not None and (id_column or not digits.endswith("000"))


def _whole_number(text: str) -> str:
    """`1234567890.0` (a number cell read as text) → `1234567890`."""
    return text.split(".", 1)[0] if _WHOLE_FLOAT.fullmatch(text) else text


def _personal_code(code: str, hits: list[tuple[int, str]]) -> str:
    """A citizen-id column whose numbers lost their leading 0 gets a message that says so."""
    if code == "personal_citizen_id" and not any(
        _CITIZEN_ID.fullmatch(_whole_number(v.replace(" ", ""))) for _, v in hits
    ):
        return "personal_citizen_id_lost_zero"
    return code


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value.strip()
    return "" if value is None or pd.isna(value) else str(value).strip()


def _mask(text: str) -> str:
    """Enough of a personal number to find it in the file, not enough to repeat it."""
    return text[:3] + "•" * max(len(text) - 5, 0) + text[-2:] if len(text) > 5 else "•" * len(text)


def check_personal_data(table: SourceTable) -> list[Problem]:
    """Refuse a column whose values mostly look like 12-digit citizen ids or Vietnamese phone numbers."""
    source = table.raw if table.raw is not None else table.frame.astype("string")
    out = []
    for column in source.columns:
        cells = source[column].tolist()
        if not _DIGIT_RUN.search(_APART.join(map(str, cells))):
            continue  # no cell holds 9 digits: one regex over the whole column instead of one per cell
        values = [(i, text) for i, v in enumerate(cells) if (text := _text(v))]
        if not values:
            continue
        # both patterns need 9+ digits: a column of names or small numbers is dismissed on one cheap regex
        digits = [(i, v) for i, v in values if _NINE_DIGITS.match(v)]
        if len(digits) < PERSONAL_SHARE * len(values):
            continue
        id_column = _PERSONAL_HEADER.search(table.header(column).lower()) is not None
        for test, code in ((looks_like_citizen_id, "personal_citizen_id"), (looks_like_phone, "personal_phone")):
            hits = [(i, v) for i, v in digits if test(v, id_column)]
            if len(hits) >= PERSONAL_SHARE * len(values):
                i, v = hits[0]
                out.append(
                    problem(
                        table.file,
                        table.rows[i],
                        table.header(column),
                        _mask(_whole_number(v)),
                        _personal_code(code, hits),
                        hits=len(hits),
                    )
                )
                break
    return out


# --- checks across tables ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Context:
    """What the package says about itself and its units, for reference checks."""

    as_of: date | None = None
    admin_system: str = "legacy"
    today: date | None = None  # the last date an activity may have (None: today in Vietnam)
    province_code: str = ""
    units: pd.DataFrame | None = None  # None: units unknown, unit references are not checked
    crosswalk: pd.DataFrame | None = None

    def commune_codes(self) -> set[str] | None:
        """Commune codes of the package's own system (the units hold 2025 communes for a 2025 package)."""
        if self.units is None or self.units.empty:
            return None
        return set(self.units.loc[self.units["level"] == "commune", "code"].dropna())

    def unit_levels(self) -> dict[str, set[str]]:
        """Code → levels it names (a 2025 commune may reuse a legacy code)."""
        levels: dict[str, set[str]] = {}
        if self.units is not None:
            for level, code in zip(self.units["level"], self.units["code"], strict=True):
                if self.admin_system != "2025" or level != "commune":
                    levels.setdefault(code, set()).add(level)
        for code in self.commune_codes() or ():
            levels.setdefault(code, set()).add("commune")
        if is_national(self.province_code) and self.units is not None:  # a province of a whole-country package
            for code in self.units.loc[self.units["level"] == "district", "code"]:
                levels.setdefault(code, set()).add("province")
        if self.province_code:
            levels.setdefault(self.province_code, set()).add("province")
        return levels

    def commune_parent(self) -> dict[str, str]:
        if self.units is None or self.units.empty:
            return {}
        communes = self.units[self.units["level"] == "commune"]
        return dict(zip(communes["code"], communes["parent_code"], strict=True))


def check_references(tables: dict[str, SourceTable], ctx: Context) -> list[Problem]:
    """Codes and ids that must point at something that exists, and dates that must be plausible."""
    out: list[Problem] = []
    if "villages" in tables:
        out += check_village_units(tables["villages"], ctx)
    if "teams" in tables:
        out += check_team_bases(tables["teams"], ctx)
    if "targets" in tables:
        out += check_target_areas(tables["targets"], ctx)
    team_ids = _ids(tables.get("teams"), "team_id")
    village_ids = _ids(tables.get("villages"), "village_id")
    for name in ("team_villages", "activities"):
        if name in tables:
            out += _check_ids(tables[name], "team_id", team_ids, "unknown_team")
            out += _check_ids(tables[name], "village_id", village_ids, "unknown_village")
    if "activities" in tables:
        out += check_activity_dates(tables["activities"], ctx.today)
    return out


def _ids(table: SourceTable | None, column: str) -> set[str] | None:
    return None if table is None else set(table.frame[column].dropna())


def _check_ids(table: SourceTable, column: str, known: set[str] | None, code: str) -> list[Problem]:
    if known is None:
        return []
    values = table.frame[column]
    return [table.at(i, column, code) for i, v in enumerate(values) if pd.notna(v) and v not in known]


def check_village_units(table: SourceTable, ctx: Context) -> list[Problem]:
    communes = ctx.commune_codes()
    if communes is None:
        return []
    frame, out = table.frame, []
    parents = ctx.commune_parent() if ctx.admin_system == "legacy" else {}
    districts = frame["district_code"].tolist()
    for i, commune in enumerate(frame["commune_code"].tolist()):
        if pd.isna(commune):
            continue
        if commune not in communes:
            out.append(_unknown_commune(table, i, commune, ctx))
            continue
        district = districts[i]
        expected = parents.get(commune)
        if pd.notna(district) and expected and district != expected:
            out.append(table.at(i, "district_code", "district_mismatch", commune=commune, expected=expected))
    return out


def _unknown_commune(table: SourceTable, i: int, commune: str, ctx: Context) -> Problem:
    """A commune code that is not in the package's system; a legacy code in a 2025 package gets its new code."""
    if ctx.admin_system == "2025" and ctx.crosswalk is not None and not ctx.crosswalk.empty:
        match = ctx.crosswalk[ctx.crosswalk["legacy_commune_code"] == commune]
        if not match.empty:
            new_code, new_name = match.iloc[0][["commune_code_2025", "commune_name_2025"]]
            return table.at(i, "commune_code", "legacy_commune_code", new_code=new_code, new_name=new_name)
    return table.at(i, "commune_code", "unknown_commune", province=ctx.province_code)


def check_team_bases(table: SourceTable, ctx: Context) -> list[Problem]:
    if ctx.units is None or ctx.units.empty:
        return []
    levels, out = ctx.unit_levels(), []
    frame = table.frame
    for i, (code, level) in enumerate(zip(frame["base_code"], frame["level"], strict=True)):
        if pd.isna(code):
            continue
        if code not in levels:
            out.append(table.at(i, "base_code", "unknown_base_code", province=ctx.province_code))
            continue
        expected = "commune" if level == "village" else level
        if pd.notna(level) and expected not in levels[code]:
            out.append(table.at(i, "base_code", "base_code_level", WARNING, level=expected))
    return out


def check_target_areas(table: SourceTable, ctx: Context) -> list[Problem]:
    if ctx.units is None or ctx.units.empty:
        return []
    levels = ctx.unit_levels()
    codes = table.frame["area_code"]
    return [table.at(i, "area_code", "unknown_area") for i, c in enumerate(codes) if pd.notna(c) and c not in levels]


def check_activity_dates(table: SourceTable, today: date | None = None) -> list[Problem]:
    """An activity may be dated any day from 2000 up to today in Vietnam (`today`, default the real one): the
    months after the data's "as of" are what reports are for, a day still to come is a typing mistake."""
    last = today or province_today()
    out = []
    for i, day in enumerate(table.frame["date"]):
        if pd.isna(day):
            continue
        if day.date() > last:
            out.append(table.at(i, "date", "date_in_future", today=last.strftime("%d/%m/%Y")))
        elif day.date() < EARLIEST_ACTIVITY:
            out.append(table.at(i, "date", "date_too_early", earliest=EARLIEST_ACTIVITY.strftime("%d/%m/%Y")))
    return out


# --- presenting problems -----------------------------------------------------------------------------

HEADER_KEYS = ("problems_header_file", "problems_header_row", "problems_header_column", "problems_header_value")


def _reason(p: Problem, lang: str) -> str:
    text = p.message(lang)
    return text if p.is_error else f"{t('problems_warning_prefix', lang)}: {text}"


def problems_table(problems: Iterable[Problem], lang: str = DEFAULT_LANG) -> pd.DataFrame:
    """Problems as a table with localized headers: file, row, column, value, reason (errors first)."""
    ordered = sorted(problems, key=lambda p: (not p.is_error,))
    headers = [t(k, lang) for k in HEADER_KEYS] + [t("problems_header_reason", lang)]
    rows = [(p.file, p.row, p.column, p.value, _reason(p, lang)) for p in ordered]
    frame = pd.DataFrame(rows, columns=headers)
    frame[headers[1]] = frame[headers[1]].astype("Int64")
    return frame


def format_problems(problems: Iterable[Problem], lang: str = DEFAULT_LANG, max_value: int = 40) -> str:
    """A plain aligned text table of problems, for the command line; long values clipped, reasons whole."""
    table = problems_table(problems, lang)
    if table.empty:
        return t("problems_none", lang)
    cells = [
        [_clip("" if pd.isna(v) else str(v), max_value) for v in row[:-1]] + [printable(row[-1])]
        for row in table.itertuples(index=False)
    ]
    headers = list(table.columns)
    widths = [max(len(h), *(len(r[j]) for r in cells)) for j, h in enumerate(headers)]
    widths[-1] = 0  # the reason is the last column: no padding
    lines = [_line(headers, widths), _line(["-" * w if w else "-" * len(headers[-1]) for w in widths], widths)]
    lines += [_line(r, widths) for r in cells]
    return "\n".join(lines)


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """`text` safe for a terminal: control characters (ANSI escapes, CR that rewrites the line, bidi overrides
    that reorder it) shown as `?`, line breaks as spaces."""
    return _CONTROL.sub(lambda m: " " if m.group() in "\n\r\t" else "?", text)


def _clip(text: str, width: int) -> str:
    text = printable(text)
    return text if len(text) <= width else text[: width - 1] + "…"


def _line(cells: list[str], widths: list[int]) -> str:
    return "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()
