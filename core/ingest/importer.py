"""Imports: what a set of files would change in the current data (dry run), then an all-or-nothing commit.

Inputs are a whole package (folder or .zip with package.toml), single table files (CSV/XLSX, district
reports as they arrive, with team/village/commune names instead of ids), and boundary files (GeoJSON,
GeoPackage, zipped shapefile, any CRS). Single files merge into the current data:
- villages, teams, targets: rows are added or replaced by their key (columns the file lacks are kept);
- team_villages: the coverage of each team named in the file is replaced;
- activities: added, except rows already stored (a report imported twice adds nothing the second time); an
  edited phone submission replaces its earlier version (core.ingest.submissions); activities dated after the
  data's as_of move it on to the newest one's date;
- boundaries: replaced.
A package replaces everything.
"""

from __future__ import annotations

import tempfile
import zipfile
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from core.ingest import reconcile, safe_zip, scope_check, submissions
from core.ingest.boundaries import read_boundary_file
from core.ingest.parsing import fold
from core.ingest.reader import (
    TABLE_SUFFIXES,
    _read_grid,
    _source_table,
    read_package,
)
from core.ingest.validation import (
    WARNING,
    Context,
    Problem,
    SourceTable,
    check_references,
    check_table,
    has_errors,
    problem,
)
from core.model.dataset import Dataset
from core.model.schema import (
    ACTIVITIES,
    INSTANCE_ID,
    OUTCOME_COLUMNS,
    TABLES,
    TEAM_VILLAGES,
    TEXT_DTYPE,
    Column,
    Kind,
    TableSpec,
)
from core.model.scope import PROVINCE, Area

BOUNDARY_SUFFIXES = (".geojson", ".json", ".gpkg", ".shp")
TABLE_CHOICES = tuple(TABLES)
KEYS = {"villages": ("village_id",), "teams": ("team_id",), "targets": ("indicator", "area_code", "period_end")}
_MAX_CANDIDATES = 3
_NUMBERING = {"stt", "so tt", "so thu tu", "tt", "no"}


# --- result ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TableChange:
    """Rows a dry run would add, change and remove in one table; duplicates were found and skipped."""

    table: str
    added: int = 0
    changed: int = 0
    removed: int = 0
    duplicates: int = 0
    rows_after: int = 0
    reshaped: bool = False  # same rows, but other columns or another order (a package replacing the table)

    @property
    def any(self) -> bool:
        return bool(self.added or self.changed or self.removed or self.reshaped)


NEW, REPLACES, DUPLICATE, SUPERSEDED, REJECTED = "new", "replaces", "duplicate", "superseded", "rejected"
ROW_OUTCOMES = (NEW, REPLACES, DUPLICATE, SUPERSEDED, REJECTED)


@dataclass(frozen=True)
class RowOutcome:
    """What an import does with one row of an activity report or phone export (`ImportPlan.rows`).

    - `file`: the file's name as shown in problems; `row`: the row number as Excel shows it (header on row 1);
    - `outcome`: `new` (added), `replaces` (an edited submission that takes the place of an earlier version,
      stored or in the file), `duplicate` (already stored, or listed again in the file: skipped),
      `superseded` (an older version of a submission a newer one replaces: skipped), `rejected` (a reviewer
      did not approve it on KoboToolbox or ODK Central: skipped);
    - `cells`: (column header, cell text) as the file shows them, each of the file's columns once (the data
      contract's columns first, in its order, then the file's other columns; a numbering column such as STT
      left out). A phone export's questions keep the export's headers (`visit/date`, `Kết quả/Số người tham
      dự`); its submission's ids follow as `instance_id` (written `uuid:…`), `root_id` and `submitted_at`; a
      rejected submission is shown whole, under all the export's headers."""

    file: str
    row: int
    outcome: str
    cells: tuple[tuple[str, str], ...] = ()  # () beyond the first CELLS_KEPT rows of an outcome in a file

    @property
    def skipped(self) -> bool:
        return self.outcome in (DUPLICATE, SUPERSEDED, REJECTED)


CELLS_KEPT = 1_000  # rows of each outcome, per file, whose cells a plan keeps: a report may hold millions of rows


@dataclass(frozen=True)
class FileRows:
    """The activity rows of one file (or its rejected submissions) and their outcomes, kept compact: row numbers
    and outcomes as arrays, the cell text of the first CELLS_KEPT rows of each outcome; `RowOutcome`s are made
    when asked for."""

    file: str
    headers: tuple[str, ...]
    rows: np.ndarray  # Excel row numbers
    outcomes: np.ndarray  # one of ROW_OUTCOMES per row
    cells: Mapping[int, tuple[str, ...]] = field(default_factory=dict)  # position → cell text, as the file shows

    def __len__(self) -> int:
        return len(self.rows)

    def at(self, k: int) -> RowOutcome:
        shown = self.cells.get(k)
        pairs = tuple(zip(self.headers, shown, strict=False)) if shown is not None else ()
        return RowOutcome(self.file, int(self.rows[k]), str(self.outcomes[k]), pairs)

    def positions(self, outcome: str | None = None) -> np.ndarray:
        return np.arange(len(self.rows)) if outcome is None else np.flatnonzero(self.outcomes == outcome)

    @classmethod
    def of(cls, file: str, headers: Sequence[str], rows: Sequence[int], outcomes: Sequence[str], text) -> FileRows:
        """`text(positions)` gives the cell text of those rows; it is asked only for the rows kept."""
        outcome_array = np.asarray(outcomes, dtype=object)
        kept = [k for o in ROW_OUTCOMES for k in np.flatnonzero(outcome_array == o)[:CELLS_KEPT].tolist()]
        kept.sort()
        cells = dict(zip(kept, text(kept), strict=True)) if kept else {}
        return cls(file, tuple(headers), np.asarray(rows, dtype=np.int64), outcome_array, cells)


@dataclass
class ImportPlan:
    """What importing `files` would do. Commit only when `ok`.

    For the data's date ("Số liệu đến ngày …"): `as_of_before` is the data's `as_of` before the import, and
    `dataset.meta` after it: `as_of`, and `as_of_source`, "package" (the package's own date) or "activities"
    (activities dated after it moved it on to the newest one's date; the package's date stays in
    `meta.package_as_of`). `rows` says, row by row, what happens to each activity row read (`RowOutcome`),
    in file and row order: `new`, `replaces`, `duplicate`, `superseded` or `rejected`, with its cells as the
    file shows them (the first CELLS_KEPT rows of each outcome in a file); `rows_by_outcome` and
    `outcome_counts` read them without making every row's object (`row_files` holds them, per file). A plan
    with errors has no rows: its problems say what is wrong, row by row."""

    files: tuple[str, ...]
    base_version: int | None  # store version the plan was computed on (None: the store was empty)
    dataset: Dataset | None  # the data after the import (None when there are errors)
    problems: list[Problem]
    changes: dict[str, TableChange] = field(default_factory=dict)
    changed_villages: pd.DataFrame = field(default_factory=pd.DataFrame)
    replaced_package: bool = False
    meta_changed: bool = False  # a package whose package.toml differs from the data in use, or a moved as_of
    unknowns: tuple[reconcile.Unknown, ...] = ()  # values matched to nothing exactly, one per value
    province_code: str = ""  # of the data the import lands on (synonyms are kept per province)
    as_of_before: date | None = None  # the data's as_of before the import
    row_files: tuple[FileRows, ...] = ()  # each activity row read, and what the import does with it

    @property
    def as_of(self) -> date | None:
        """The data's as_of after the import (None when the import cannot go ahead)."""
        return self.dataset.meta.as_of if self.dataset is not None else None

    @property
    def as_of_source(self) -> str | None:
        """What set `as_of`: "package" or "activities" (core.model.dataset.AS_OF_PACKAGE / AS_OF_ACTIVITIES)."""
        return self.dataset.meta.as_of_source if self.dataset is not None else None

    @property
    def as_of_moved(self) -> bool:
        return self.as_of is not None and self.as_of_before is not None and self.as_of > self.as_of_before

    @property
    def rows(self) -> tuple[RowOutcome, ...]:
        """Every activity row read, in file and row order."""
        return self.rows_by_outcome(None)

    def rows_by_outcome(self, outcome: str | None, limit: int | None = None) -> tuple[RowOutcome, ...]:
        """The rows of one outcome (None: all), in file and row order; at most `limit`."""
        found = [(f.file, int(f.rows[k]), f, int(k)) for f in self.row_files for k in f.positions(outcome)]
        found.sort(key=lambda x: (x[0], x[1]))
        return tuple(f.at(k) for _, _, f, k in found[:limit])

    def outcome_counts(self) -> dict[str, int]:
        """How many rows had each outcome (every outcome listed, 0 included)."""
        counts = Counter({o: 0 for o in ROW_OUTCOMES})
        for f in self.row_files:
            counts.update(f.outcomes.tolist())
        return {o: counts[o] for o in ROW_OUTCOMES}

    @property
    def applied(self) -> tuple[reconcile.Unknown, ...]:
        """The unknown values a suggestion or a stored synonym settled."""
        return tuple(u for u in self.unknowns if u.applied is not None)

    @property
    def ok(self) -> bool:
        return self.dataset is not None and not has_errors(self.problems)

    @property
    def has_changes(self) -> bool:
        """False when the import would store exactly the data in use (re-importing the same package or
        report): then no version is made."""
        return self.meta_changed or any(c.any for c in self.changes.values())

    @property
    def unchanged_tables(self) -> frozenset[str]:
        changed = {name for name, change in self.changes.items() if change.any}
        return frozenset(name for name in (*TABLES, "boundaries") if name not in changed)


# --- names instead of ids ----------------------------------------------------------------------------


def _col(name: str, kind: Kind, *aliases: str, required: bool = False) -> Column:
    return Column(name, kind, required, tuple(aliases))


_TEAM_NAME = _col(
    "team_name",
    Kind.TEXT,
    "Tên tổ",
    "Tên đội",
    "Tên tổ/đội",
    "Tổ/đội",
    "Tổ, đội",
    "Tổ",
    "Đội",
    "Đơn vị thực hiện",
    "Tổ thực hiện",
    required=True,
)
_VILLAGE_NAME = _col(
    "village_name",
    Kind.TEXT,
    "Tên thôn",
    "Tên thôn/bản",
    "Thôn/bản",
    "Thôn, bản",
    "Thôn",
    "Bản",
    "Tên bản",
    required=True,
)
_COMMUNE_NAME = _col(
    "commune_name",
    Kind.TEXT,
    "Xã",
    "Tên xã",
    "Xã/phường",
    "Xã, phường",
    "Xã/phường/thị trấn",
    "Tên xã/phường",
    "Phường/xã",
)
_COMMUNE_CODE = Column("commune_code", Kind.CODE, False, ("Mã xã", "Mã xã/phường"), width=5)


def _optional(column: Column) -> Column:
    return replace(column, required=False)


ACTIVITIES_BY_NAME = TableSpec(
    "activities",
    (
        ACTIVITIES.column("date"),
        _optional(ACTIVITIES.column("team_id")),
        _TEAM_NAME,
        _optional(ACTIVITIES.column("village_id")),
        _VILLAGE_NAME,
        _COMMUNE_NAME,
        _COMMUNE_CODE,
        ACTIVITIES.column("kind"),
        ACTIVITIES.column("participants"),
        *OUTCOME_COLUMNS,
        ACTIVITIES.column(INSTANCE_ID),
    ),
    required_file=False,
)
TEAM_VILLAGES_BY_NAME = TableSpec(
    "team_villages",
    (
        _optional(TEAM_VILLAGES.column("team_id")),
        _TEAM_NAME,
        _optional(TEAM_VILLAGES.column("village_id")),
        _VILLAGE_NAME,
        _COMMUNE_NAME,
        _COMMUNE_CODE,
    ),
)
BY_NAME = {"activities": ACTIVITIES_BY_NAME, "team_villages": TEAM_VILLAGES_BY_NAME}
_NAME_COLUMNS = ("team_name", "village_name", "commune_name", "commune_code")

_TEAM_WORDS = ("to", "doi", "xa", "phuong", "thi tran", "ban", "thon", "huyen", "tinh")
_TEAM_TYPES = (
    "cong nghe so cong dong",
    "thanh nien tinh nguyen",
    "thanh nien xung kich",
    "xung kich",
    "cnscd",
    "tntn",
    "tnxk",
)


def _drop_words(key: str, words: tuple[str, ...]) -> str:
    padded = f" {key} "
    for word in words:
        padded = padded.replace(f" {word} ", " ")
        padded = padded.replace(f" {word} ", " ")
    return " ".join(padded.split())


def name_keys(name: str, team: bool = False) -> tuple[str, ...]:
    """Matching keys, most exact first: folded name; without Tổ/Đội/Bản/Thôn/Xã words; (teams) without type."""
    k0 = fold(name)
    if team:
        k1 = _drop_words(k0, _TEAM_WORDS)
        return (k0, k1, _drop_words(k1, _TEAM_TYPES))
    return (k0, reconcile.strip_leading(k0))


@dataclass(frozen=True)
class Match:
    id: str | None
    code: str | None = None  # "unknown_name" or "ambiguous_name" when id is None
    candidates: tuple[str, ...] = ()
    suggestions: tuple[reconcile.Candidate, ...] = ()  # the candidates with their ids and scores
    label: str = ""  # the label of `id`


class NameIndex:
    """Find an id from a name written any which way (case, accents, NFD, with or without prefixes)."""

    def __init__(self, ids: list[str], names: list[str], labels: list[str], team: bool = False):
        self.team = team
        self.ids = ids
        self.label = dict(zip(ids, labels, strict=True))
        self.keys = {i: name_keys(n, team) for i, n in zip(ids, names, strict=True)}
        self.id_set = set(ids)
        self.by_level: list[dict[str, list[str]]] = []
        for level in range(3 if team else 2):
            index: dict[str, list[str]] = {}
            for i in ids:
                if self.keys[i][level]:
                    index.setdefault(self.keys[i][level], []).append(i)
            self.by_level.append(index)
        self._found: dict[tuple[str, frozenset[str] | None], Match] = {}  # a report repeats its names

    def find(self, name: str, among: set[str] | None = None) -> Match:
        key = (name, None if among is None else frozenset(among))
        if key not in self._found:
            self._found[key] = self._find(name, among)
        return self._found[key]

    def _find(self, name: str, among: set[str] | None) -> Match:
        if name in self.id_set and (among is None or name in among):
            return Match(name, label=self.label[name])
        query = name_keys(name, self.team)
        for level, index in enumerate(self.by_level):
            if not query[level]:
                continue
            found = [i for i in index.get(query[level], []) if among is None or i in among]
            if len(found) == 1:
                return Match(found[0], label=self.label[found[0]])
            if found:
                same = tuple(reconcile.Candidate(i, self.label[i], 100.0) for i in found[:6])
                return Match(None, "ambiguous_name", tuple(c.label for c in same), same)
        close = self._closest(query, among)
        return Match(None, "unknown_name", tuple(c.label for c in close), close)

    def _closest(self, query: tuple[str, ...], among: set[str] | None) -> tuple[reconcile.Candidate, ...]:
        """The nearest names (rapidfuzz on the folded keys, with and without the Xã/Thôn/Bản words), among
        `among` when that holds any, else among all."""
        pool = [i for i in self.ids if among is None or i in among] or self.ids
        keys = {i: self.keys[i] for i in pool}
        best: dict[str, float] = {}
        for key in dict.fromkeys(k for k in query if k):
            for i, score in reconcile.name_scores(key, keys):
                best[i] = max(best.get(i, 0.0), score)
        ranked = sorted(best.items(), key=lambda x: -x[1])[:_MAX_CANDIDATES]
        return tuple(reconcile.Candidate(i, self.label[i], s) for i, s in ranked)


@dataclass
class Resolver:
    """Name → id lookups over the data an import lands on."""

    teams: NameIndex
    villages: NameIndex
    communes: NameIndex
    village_commune: dict[str, str]
    team_base: dict[str, str]
    team_villages: dict[str, set[str]]

    @classmethod
    def of(cls, data: Dataset) -> Resolver:
        communes = _commune_names(data)
        commune_name = dict(zip(communes["code"], communes["name"], strict=True))
        v = data.villages
        v_labels = [
            f"{n} ({commune_name.get(c, c)}, {i})"
            for i, n, c in zip(v["village_id"], v["village_name"], v["commune_code"], strict=True)
        ]
        t = data.teams
        coverage: dict[str, set[str]] = {}
        for team, village in zip(data.team_villages["team_id"], data.team_villages["village_id"], strict=True):
            coverage.setdefault(team, set()).add(village)
        return cls(
            teams=NameIndex(
                list(t["team_id"]),
                list(t["team_name"].fillna("")),
                [f"{n} ({i})" for i, n in zip(t["team_id"], t["team_name"], strict=True)],
                team=True,
            ),
            villages=NameIndex(list(v["village_id"]), list(v["village_name"].fillna("")), v_labels),
            communes=NameIndex(
                list(communes["code"]),
                list(communes["name"]),
                [f"{n} ({c})" for c, n in zip(communes["code"], communes["name"], strict=True)],
            ),
            village_commune=dict(zip(v["village_id"], v["commune_code"], strict=True)),
            team_base=dict(zip(t["team_id"], t["base_code"], strict=True)),
            team_villages=coverage,
        )

    def villages_in(self, commune: str) -> set[str]:
        if not hasattr(self, "_by_commune"):
            self._by_commune: dict[str, set[str]] = {}
            for v, c in self.village_commune.items():
                self._by_commune.setdefault(c, set()).add(v)
        return self._by_commune.get(commune, set())

    def village(self, name: str, commune: str | None, team: str | None) -> Match:
        if commune:
            return self.villages.find(name, self.villages_in(commune))
        if team:
            near = self.team_villages.get(team, set()) | self.villages_in(self.team_base.get(team, ""))
            match = self.villages.find(name, near) if near else Match(None, "unknown_name")
            if match.id or match.code == "ambiguous_name":
                return match
        return self.villages.find(name)


def _commune_names(data: Dataset) -> pd.DataFrame:
    if data.meta.admin_system == "2025" and not data.crosswalk.empty:
        cw = data.crosswalk.drop_duplicates("commune_code_2025")
        return pd.DataFrame({"code": list(cw["commune_code_2025"]), "name": list(cw["commune_name_2025"])})
    communes = data.units[data.units["level"] == "commune"] if not data.units.empty else data.units
    if communes.empty:
        return pd.DataFrame({"code": [], "name": []})
    return pd.DataFrame({"code": list(communes["code"]), "name": list(communes["name"])})


@dataclass
class _Reconciling:
    """The dry run's reconciliation options and what it found (shared by every file of the run)."""

    options: reconcile.Options = field(default_factory=reconcile.Options)
    found: reconcile.Findings = field(default_factory=reconcile.Findings)


def resolve_names(
    source: SourceTable, resolver: Resolver, rec: _Reconciling | None = None
) -> tuple[SourceTable, list[Problem]]:
    """A by-name table with team_id/village_id filled from names; each name that matches nothing, or more
    than one thing, is an error on its row listing the closest candidates (unless a confirmed synonym, or
    with `accept_names` one clear candidate, settles it: then a warning says so)."""
    rec = rec or _Reconciling()
    frame = source.frame.copy()
    problems: list[Problem] = []
    team_ids, village_ids = [], []
    for i in range(len(frame)):
        commune, p_commune = _row_commune(source, i, resolver, rec)
        team, p_team = _row_id(source, i, "team_id", "team_name", lambda n: resolver.teams.find(n), rec)
        village, p_village = _row_id(
            source, i, "village_id", "village_name", lambda n, c=commune, t=team: resolver.village(n, c, t), rec
        )
        problems += p_commune + p_team + p_village
        team_ids.append(team)
        village_ids.append(village)
    frame["team_id"] = pd.Series(team_ids, dtype=TEXT_DTYPE)
    frame["village_id"] = pd.Series(village_ids, dtype=TEXT_DTYPE)
    spec = TABLES[source.spec.name]
    frame = frame[spec.names + [c for c in frame.columns if c not in spec.names and c not in _NAME_COLUMNS]]
    headers = dict(source.headers)
    headers.setdefault("team_id", source.header("team_name"))
    headers.setdefault("village_id", source.header("village_name"))
    raw = source.raw.copy() if source.raw is not None else None
    if raw is not None:
        for col, name_col in (("team_id", "team_name"), ("village_id", "village_name")):
            if col in raw.columns and name_col in raw.columns:
                raw[col] = [r or n for r, n in zip(raw[col], raw[name_col], strict=True)]
    return SourceTable(spec, source.file, frame, source.rows, headers, raw), problems


def _row_commune(
    source: SourceTable, i: int, resolver: Resolver, rec: _Reconciling
) -> tuple[str | None, list[Problem]]:
    code = source.frame["commune_code"].iat[i]
    if pd.notna(code):
        return code, []
    name = source.frame["commune_name"].iat[i]
    if pd.isna(name):
        return None, []
    return _reconciled(source, i, "commune_name", name, resolver.communes.find, rec)


_NAME_FIELD = {"team_name": "team", "village_name": "village", "commune_name": "commune"}


def _row_id(
    source: SourceTable, i: int, id_col: str, name_col: str, find, rec: _Reconciling
) -> tuple[str | None, list[Problem]]:
    value = source.frame[id_col].iat[i]
    if pd.notna(value):
        return value, []
    name = source.frame[name_col].iat[i]
    if pd.isna(name):
        return None, [source.at(i, name_col, "required_missing")]
    return _reconciled(source, i, name_col, name, find, rec)


def _reconciled(
    source: SourceTable, i: int, name_col: str, name: str, find, rec: _Reconciling
) -> tuple[str | None, list[Problem]]:
    """The id a name stands for: matched, else a confirmed synonym, else (when accepted) one clear candidate;
    else an error on the row listing the candidates. Every name not matched is noted for the Data page."""
    match = find(name)
    if match.id:
        return match.id, []
    kind, header = _NAME_FIELD[name_col], source.header(name_col)
    synonym = rec.options.synonym(kind, name)
    if synonym is not None and (found := find(synonym)).id:
        chosen = reconcile.Candidate(found.id, found.label or found.id, 100.0)
        candidates = (chosen, *(c for c in match.suggestions if c.target != found.id))
        first = rec.found.add(source.file, kind, header, name, candidates, found.id, reconcile.APPLIED_SYNONYM)
        warning = source.at(i, name_col, "synonym_applied", WARNING, target=chosen.label)
        return found.id, [warning] if first else []
    clear = reconcile.clear_choice(match.suggestions, reconcile.NAME_CLEAR, reconcile.NAME_MARGIN)
    if clear is not None and match.code == "unknown_name" and rec.options.accept_names:
        rec.found.add(source.file, kind, header, name, match.suggestions, clear.target, reconcile.APPLIED_SUGGESTION)
        return clear.target, [source.at(i, name_col, "suggestion_applied", WARNING, target=clear.label)]
    rec.found.add(source.file, kind, header, name, match.suggestions, None, "")
    return None, [_name_problem(source, i, name_col, match)]


def _name_problem(source: SourceTable, i: int, column: str, match: Match) -> Problem:
    candidates = "; ".join(match.candidates) if match.candidates else "–"
    return source.at(i, column, match.code or "unknown_name", candidates=candidates)


# --- reading the inputs ------------------------------------------------------------------------------


@dataclass
class _Incoming:
    package: Dataset | None = None
    package_file: str | None = None
    tables: list[SourceTable] = field(default_factory=list)
    present: dict[int, set[str]] = field(default_factory=dict)  # id(table) → columns present in the file
    boundaries: Any = None
    boundary_file: str | None = None
    problems: list[Problem] = field(default_factory=list)
    display: dict[Path, str] = field(default_factory=dict)  # unpacked file → name shown in problems
    rejected: list[FileRows] = field(default_factory=list)  # submissions a reviewer rejected, left out


def _choose_spec(grid: list[list[Any]], table: str | None, stem: str) -> TableSpec | None:
    """The table a file holds: `table` if given, else its name, else the best header match (ids or names)."""
    from core.ingest.reader import _find_header_row

    named = table or (stem.lower() if stem.lower() in TABLES else None)
    candidates = [TABLES[named]] if named else list(TABLES.values())
    if named in BY_NAME:
        candidates.append(BY_NAME[named])
    elif not named:
        candidates += list(BY_NAME.values())
    best, best_score = None, (0.0, 0)
    for spec in candidates:
        _, matched = _find_header_row(grid, spec)
        required = len(matched & set(spec.required)) / len(spec.required)
        score = (required, len(matched))
        if (required >= 0.5 or named) and score > best_score:
            best, best_score = spec, score
    return best or (TABLES[named] if named else None)


def read_table(
    path: Path,
    base: Dataset,
    table: str | None = None,
    display: str | None = None,
    rec: _Reconciling | None = None,
    rejected: list[FileRows] | None = None,
) -> tuple[SourceTable | None, set[str], list[Problem]]:
    """One table file parsed against the data it lands on: names resolved, legacy codes converted; the rows
    of a phone export a reviewer rejected are added to `rejected`."""
    name = display or path.name
    known = table if table in TABLES else (path.stem.lower() if path.stem.lower() in TABLES else None)
    grid, problems = _read_grid(path, known, name)
    if grid is None:
        return None, set(), problems
    grid, exported = submissions.normalise(grid)
    spec = (ACTIVITIES_BY_NAME if exported.labels else ACTIVITIES) if exported else _choose_spec(grid, table, path.stem)
    if exported and exported.rejected_rows:
        problems.append(submissions.rejected_warning(name, exported.rejected_rows))
        if rejected is not None:
            cells = exported.rejected_cells
            outcomes = [REJECTED] * len(cells)
            rows = exported.rejected_rows
            rejected.append(FileRows.of(name, exported.header, rows, outcomes, lambda kept: [cells[k] for k in kept]))
    if spec is None:
        return None, set(), [problem(name, None, "", "", "unknown_table", tables=", ".join(TABLES))]
    rec = rec or _Reconciling()
    source, cell_problems = _source_table(grid, spec, name, base.units)
    if exported:
        source, cell_problems = _as_exported(source, cell_problems, dict(exported.written))
    source, cell_problems = reconcile.reconcile_categories(source, cell_problems, rec.options, rec.found)
    source = _drop_numbering(source)
    problems += cell_problems + check_table(source)
    present = set(source.headers)
    if spec in BY_NAME.values():
        source, name_problems = resolve_names(source, Resolver.of(base), rec)
        problems += name_problems
        present |= {"team_id", "village_id"}
    source, crosswalk_problems = _to_2025(source, base)
    return source, present, problems + crosswalk_problems


def _as_exported(
    source: SourceTable, problems: list[Problem], written: dict[str, str]
) -> tuple[SourceTable, list[Problem]]:
    """An export's questions named by the headers the file has (`results/participants`, `Kết quả/Số người tham
    dự`), not by the question names it was read under: in problems and in the rows a dry run shows."""
    names = {v: written.get(v, v) for v in source.headers.values()}
    headers = {column: names[header] for column, header in source.headers.items()}
    moved = [replace(p, column=names.get(p.column, p.column)) if p.file == source.file else p for p in problems]
    return replace(source, headers=headers), moved


def _drop_numbering(source: SourceTable) -> SourceTable:
    """Reports number their rows (STT): that column is layout, not data."""
    numbering = [c for c in source.frame.columns if c not in source.spec.names and fold(c) in _NUMBERING]
    if not numbering:
        return source
    raw = source.raw.drop(columns=[c for c in numbering if c in source.raw.columns]) if source.raw is not None else None
    headers = {k: v for k, v in source.headers.items() if k not in numbering}
    return SourceTable(source.spec, source.file, source.frame.drop(columns=numbering), source.rows, headers, raw)


def _to_2025(source: SourceTable, base: Dataset) -> tuple[SourceTable, list[Problem]]:
    """Legacy commune codes in a 2025 package become their 2025 codes through the crosswalk (warned once)."""
    column = {"villages": "commune_code", "teams": "base_code", "targets": "area_code"}.get(source.spec.name)
    if base.meta.admin_system != "2025" or base.crosswalk.empty or column is None:
        return source, []
    new_codes = set(base.crosswalk["commune_code_2025"])
    mapping = {
        o: n
        for o, n in zip(base.crosswalk["legacy_commune_code"], base.crosswalk["commune_code_2025"], strict=True)
        if o not in new_codes
    }
    values = source.frame[column]
    hits = [i for i, v in enumerate(values) if pd.notna(v) and v in mapping]
    if not hits:
        return source, []
    frame = source.frame.copy()
    frame[column] = pd.Series([mapping.get(v, v) if pd.notna(v) else v for v in values], dtype=TEXT_DTYPE)
    if column == "commune_code" and "district_code" in frame.columns:
        frame.loc[hits, "district_code"] = None  # 2025 communes have no district
    warning = source.at(hits[0], column, "legacy_codes_converted", WARNING, n=len(hits))
    return SourceTable(source.spec, source.file, frame, source.rows, source.headers, source.raw), [warning]


Progress = Callable[[str, dict[str, Any]], None]  # (locale key, its parameters): what a long dry run is doing


def _read_inputs(
    paths: list[Path],
    base: Dataset,
    table: str | None,
    workdir: Path,
    progress: Progress | None = None,
    rec: _Reconciling | None = None,
) -> _Incoming:
    incoming = _Incoming()
    expanded = _expand(paths, workdir, incoming)
    for i, path in enumerate(expanded, start=1):
        if progress is not None:
            progress("dry_run_reading", {"file": incoming.display.get(path, path.name), "i": i, "n": len(expanded)})
        suffix = path.suffix.lower()
        if path.is_dir() or (suffix == ".zip" and _zip_has(path, "package.toml")):
            dataset, problems = read_package(path)
            incoming.package, incoming.package_file = dataset, path.name
            incoming.problems += problems
        elif suffix in BOUNDARY_SUFFIXES or (suffix == ".zip" and _zip_has(path, ".shp")):
            gdf, problems = read_boundary_file(path)
            incoming.boundaries, incoming.boundary_file = gdf, path.name
            incoming.problems += problems
        elif suffix in TABLE_SUFFIXES:
            source, present, problems = read_table(
                path, incoming.package or base, table, incoming.display.get(path), rec, incoming.rejected
            )
            incoming.problems += problems
            if source is not None:
                incoming.tables.append(source)
                incoming.present[id(source)] = present
        else:
            incoming.problems.append(problem(path.name, None, "", "", "unsupported_file"))
    return incoming


def _zip_has(path: Path, ending: str) -> bool:
    try:
        with zipfile.ZipFile(path) as zf:
            return any(name.lower().endswith(ending) for name, _info in safe_zip.safe_members(zf))
    except (zipfile.BadZipFile, OSError):
        return False


def _expand(paths: list[Path], workdir: Path, incoming: _Incoming) -> list[Path]:
    """Paths as given; a .zip of loose table files is unpacked into `workdir` (after `safe_zip.check_archive`:
    a bomb, a zip of zips or an escaping path is reported, never unpacked)."""
    out: list[Path] = []
    for path in paths:
        if not path.exists():
            incoming.problems.append(problem(path.name, None, "", "", "file_not_found"))  # no server path
            continue
        if path.suffix.lower() != ".zip":
            out.append(path)
            continue
        archive_problems = safe_zip.check_archive(path)
        incoming.problems += archive_problems
        if has_errors(archive_problems):
            continue
        if _zip_has(path, "package.toml") or _zip_has(path, ".shp"):
            out.append(path)
            continue
        with zipfile.ZipFile(path) as zf:
            for name, info in safe_zip.safe_members(zf):
                base = Path(name.replace("\\", "/")).name
                if base.lower().endswith(".zip"):
                    incoming.problems.append(problem(path.name, None, "", name, "archive_nested"))
                    continue
                # one folder per member: two districts' `activities.xlsx` both arrive, under their own names
                dest = workdir / f"{len(incoming.display)}-{path.stem}" / base
                safe_zip.extract_member(zf, info, dest)
                incoming.display[dest] = f"{path.name}/{name}"
                out.append(dest)
    return out


# --- boundaries --------------------------------------------------------------------------------------

# --- dry run -----------------------------------------------------------------------------------------


def dry_run(
    paths: list[str | Path],
    base: Dataset,
    base_version: int | None,
    table: str | None = None,
    progress: Progress | None = None,
    options: reconcile.Options | None = None,
    area: Area = PROVINCE,
) -> ImportPlan:
    """What importing `paths` into `base` (the data in use, store version `base_version`) would do;
    `progress` hears of each file read and of the comparison (a province's package takes a while);
    `options` are the province's confirmed synonyms and whether name suggestions are applied. For an
    `area` smaller than the province, every row must lie inside it (core.ingest.scope_check)."""
    paths = [Path(p) for p in paths]
    files = tuple(p.name for p in paths)
    if table is not None and table not in TABLES:
        return ImportPlan(
            files, base_version, None, [problem("", None, "", table, "unknown_table", tables=", ".join(TABLES))]
        )
    with tempfile.TemporaryDirectory(prefix="dxmap-import-") as tmp:
        rec = _Reconciling(options or reconcile.Options())
        incoming = _read_inputs(paths, base, table, Path(tmp), progress, rec)
    if progress is not None:
        progress("dry_run_comparing", {})
    problems = incoming.problems
    start = incoming.package or base
    problems += _check_against(incoming.tables, start)
    unknowns = rec.found.items()
    whole = [incoming.package_file or ""] if incoming.package is not None else []
    whole += [incoming.boundary_file or ""] if incoming.boundaries is not None else []
    problems += scope_check.refused_whole(whole, area) + scope_check.outside_rows(incoming.tables, start, area)
    if has_errors(problems):
        return ImportPlan(files, base_version, None, problems, unknowns=unknowns, province_code=base.meta.province_code)
    applied = _apply(start, incoming)
    result, duplicates = applied.dataset, applied.duplicates
    if applied.newest is not None:  # reports dated after the data's as_of move it on
        result = replace(result, meta=result.meta.through(applied.newest))
    problems += applied.problems + scope_check.outside_changes(base, result, area, files)
    if has_errors(problems):
        return ImportPlan(files, base_version, None, problems, unknowns=unknowns, province_code=base.meta.province_code)
    changes = {
        name: _table_change(name, getattr(base, name), getattr(result, name), duplicates.get(name, 0))
        for name in TABLES
    }
    changes["activities"] = _as_replaced(changes["activities"], applied.replaced)
    changes["boundaries"] = _boundary_change(base.boundaries, result.boundaries)
    meta_changed = False
    if incoming.package is not None:
        problems += _package_replaces(base, result, incoming.package_file or "")
        changes = {name: _reshaped(c, getattr(base, name), getattr(result, name)) for name, c in changes.items()}
        meta_changed = base.meta != result.meta
    else:
        meta_changed = base.meta != result.meta  # the data's as_of moved on with the activities
    return ImportPlan(
        files,
        base_version,
        result,
        problems,
        changes,
        changed_villages(base.villages, result.villages),
        replaced_package=incoming.package is not None,
        meta_changed=meta_changed,
        unknowns=unknowns,
        province_code=base.meta.province_code,
        as_of_before=base.meta.as_of,
        row_files=tuple(applied.rows),
    )


def _as_replaced(change: TableChange, replaced: int) -> TableChange:
    """Activities an edit replaced count as changed, not as one added and one removed."""
    both = min(replaced, change.added, change.removed)
    if not both:
        return change
    return replace(change, added=change.added - both, changed=change.changed + both, removed=change.removed - both)


def _reshaped(change: TableChange, before: Any, after: Any) -> TableChange:
    """A table a package replaces is unchanged only when it is the same frame: same columns (extra ones
    included), same order of rows, same values; otherwise it is rewritten even if no row counts as changed."""
    if change.any or change.table == "boundaries":
        return change
    same = list(before.columns) == list(after.columns) and before.reset_index(drop=True).equals(
        after.reset_index(drop=True)
    )
    return change if same else replace(change, reshaped=True)


def _package_replaces(base: Dataset, result: Dataset, file: str) -> list[Problem]:
    if base.meta.province_code != result.meta.province_code:
        return [
            problem(
                file,
                None,
                "province_code",
                result.meta.province_code,
                "other_province",
                WARNING,
                old=base.meta.province_name,
                new=result.meta.province_name,
            )
        ]
    return []


def _check_against(tables: list[SourceTable], data: Dataset) -> list[Problem]:
    """Reference checks of incoming tables against the data they land on (and each other)."""
    ctx = Context(
        as_of=data.meta.as_of,
        admin_system=data.meta.admin_system,
        province_code=data.meta.province_code,
        units=data.units if not data.units.empty else None,
        crosswalk=data.crosswalk,
    )
    out: list[Problem] = []
    teams = set(data.teams["team_id"].dropna())
    villages = set(data.villages["village_id"].dropna())
    for source in tables:
        if source.spec.name == "teams":
            teams |= set(source.frame["team_id"].dropna())
        if source.spec.name == "villages":
            villages |= set(source.frame["village_id"].dropna())
    for source in tables:
        out += check_references({source.spec.name: source}, ctx)
        if source.spec.name in ("team_villages", "activities"):
            for column, known, code in (
                ("team_id", teams, "unknown_team"),
                ("village_id", villages, "unknown_village"),
            ):
                out += [
                    source.at(i, column, code)
                    for i, v in enumerate(source.frame[column])
                    if pd.notna(v) and v not in known
                ]
    return out


@dataclass
class _Applied:
    """What applying the incoming tables did: the data after, warnings, duplicates per table, the activity
    rows' outcomes, the edits that replaced a version, and the newest date of the activities added."""

    dataset: Dataset
    problems: list[Problem]
    duplicates: dict[str, int]
    rows: list[FileRows]
    replaced: int = 0
    newest: date | None = None


def _apply(start: Dataset, incoming: _Incoming) -> _Applied:
    frames = {name: getattr(start, name) for name in TABLES}
    problems: list[Problem] = []
    duplicates: Counter[str] = Counter()
    outcomes: list[FileRows] = list(incoming.rejected)
    replaced, newest = 0, None
    for source in incoming.tables:
        name = source.spec.name
        present = incoming.present.get(id(source), set(source.frame.columns))
        if name in KEYS:
            frames[name] = upsert(frames[name], source.frame, KEYS[name], present, TABLES[name])
        elif name == "team_villages":
            frames[name] = replace_coverage(frames[name], source.frame)
        elif name == "activities":
            edits = submissions.supersede(frames[name], source.frame)
            problems += _edit_warnings(source, edits)
            frames[name], dup_rows = add_activities(edits.base, edits.rows)
            duplicates[name] += len(dup_rows)
            outcomes.append(_row_outcomes(source, edits, dup_rows))
            added = edits.rows.drop(index=edits.rows.index[dup_rows]) if dup_rows else edits.rows
            replaced += len(set(edits.replacing) - {edits.kept[i] for i in dup_rows})
            dates = added["date"].dropna() if "date" in added.columns else []
            if len(dates):
                newest = max(newest or date.min, pd.Timestamp(dates.max()).date())
            if dup_rows:
                rows = [source.rows[edits.kept[i]] for i in dup_rows]
                problems.append(
                    problem(
                        source.file, rows[0], "", "", "duplicate_activities", WARNING, n=len(rows), rows=_row_list(rows)
                    )
                )
    boundaries = incoming.boundaries if incoming.boundaries is not None else start.boundaries
    result = replace(start, boundaries=boundaries, **frames)
    return _Applied(result, problems, dict(duplicates), outcomes, replaced, newest)


def _row_outcomes(source: SourceTable, edits: submissions.Edits, dup_rows: list[int]) -> FileRows:
    """Each row of an activities table: new, replacing an earlier version, duplicate, or superseded."""
    outcomes = np.full(len(source.frame), NEW, dtype=object)
    outcomes[list(edits.replacing)] = REPLACES
    outcomes[[edits.kept[i] for i in dup_rows]] = DUPLICATE
    outcomes[list(edits.superseded)] = SUPERSEDED
    raw = source.raw if source.raw is not None else source.frame
    # the file's own columns, once each (a by-name report's team and village ids are read from its name columns)
    shown: dict[str, str] = {}
    for column in raw.columns:
        if column in source.headers and source.header(column) not in shown.values():
            shown[column] = source.header(column)
    headers = list(shown.values())

    def text(kept: list[int]) -> list[tuple[str, ...]]:
        part = raw.iloc[kept][list(shown)].astype(object)
        return [tuple("" if _missing(v) else str(v) for v in row) for row in part.itertuples(index=False, name=None)]

    return FileRows.of(source.file, headers, source.rows, outcomes.tolist(), text)


def _edit_warnings(source: SourceTable, edits: submissions.Edits) -> list[Problem]:
    """Edited phone submissions: the ones that replace an older version, the ones a newer version replaced."""
    out = []
    for code, positions in (("submissions_replaced", edits.replacing), ("submissions_superseded", edits.superseded)):
        if positions:
            rows = [source.rows[i] for i in positions]
            out.append(problem(source.file, rows[0], "", "", code, WARNING, n=len(rows), rows=_row_list(rows)))
    return out


def _row_list(rows: list[int], limit: int = 10) -> str:
    text = ", ".join(str(r) for r in rows[:limit])
    return text + (" …" if len(rows) > limit else "")


def _restore_dtypes(frame: pd.DataFrame, spec: TableSpec) -> pd.DataFrame:
    out = {}
    for c in frame.columns:
        if c in spec.names:
            column = spec.column(c)
            dtype = "datetime64[ns]" if column.kind == Kind.DATE else column.dtype
            out[c] = frame[c].astype(dtype)
        else:
            out[c] = frame[c].astype(TEXT_DTYPE)
    return pd.DataFrame(out).reset_index(drop=True)


def _keys(frame: pd.DataFrame, key: tuple[str, ...]) -> list[tuple]:
    return list(zip(*(frame[k].tolist() for k in key), strict=True)) if len(frame) else []


def upsert(
    base: pd.DataFrame, rows: pd.DataFrame, key: tuple[str, ...], present: set[str], spec: TableSpec
) -> pd.DataFrame:
    """`base` with `rows` added or replacing the row of the same key in place; columns not in `present`
    (absent from the file) keep their stored values."""
    base_keys = _keys(base, key)
    position = {k: i for i, k in enumerate(base_keys)}
    columns = list(base.columns) + [c for c in rows.columns if c not in base.columns and c in present | set(key)]
    merged = base.reindex(columns=columns).astype(object).to_numpy().tolist()
    for k, row in zip(_keys(rows, key), rows.to_dict("records"), strict=True):
        if k in position:
            target = merged[position[k]]
            for j, c in enumerate(columns):
                if c in present and c in row:
                    target[j] = row[c]
        else:
            position[k] = len(merged)
            merged.append([row.get(c) if (c in present or c in key) else None for c in columns])
    frame = pd.DataFrame(merged, columns=columns) if merged else pd.DataFrame(columns=columns)
    return _restore_dtypes(frame, spec)


def replace_coverage(base: pd.DataFrame, rows: pd.DataFrame) -> pd.DataFrame:
    """Coverage with every team named in `rows` covering exactly the villages `rows` give it."""
    teams = set(rows["team_id"].dropna())
    kept = base[~base["team_id"].isin(teams)]
    new = rows.drop_duplicates(["team_id", "village_id"])
    frame = pd.concat([kept, new.reindex(columns=kept.columns)], ignore_index=True)
    return _restore_dtypes(frame, TABLES["team_villages"])


def _fingerprints(frame: pd.DataFrame) -> list[tuple]:
    columns = [c for c in ACTIVITIES.names if c in frame.columns]
    values = []
    for c in columns:
        column = frame[c].astype(object).to_numpy().copy()
        column[frame[c].isna().to_numpy()] = None
        values.append(column.tolist())
    return list(zip(*values, strict=True)) if len(frame) else []


def _instance_ids(frame: pd.DataFrame) -> list[str | None]:
    if INSTANCE_ID not in frame.columns:
        return [None] * len(frame)
    return [None if pd.isna(v) or v == "" else str(v) for v in frame[INSTANCE_ID]]


def add_activities(base: pd.DataFrame, rows: pd.DataFrame) -> tuple[pd.DataFrame, list[int]]:
    """`base` plus the rows not already in it; returns the frame and the positions of duplicate rows.

    A row is a duplicate when every contract column equals a stored row's, counted as a multiset: a report
    that lists the same visit twice adds it twice the first time, and nothing the second time. A phone
    submission is a duplicate when its instance id is stored (or came earlier in the file): the same
    submission exported by KoboToolbox and by ODK Central, or edited on the server since, counts once.
    """
    stored = Counter(_fingerprints(base))
    submitted = set(_instance_ids(base))
    keep, duplicates = [], []
    for i, (fp, instance) in enumerate(zip(_fingerprints(rows), _instance_ids(rows), strict=True)):
        if instance is not None:  # a phone submission is the same visit whatever its answers say since
            if instance in submitted:
                duplicates.append(i)
            else:
                submitted.add(instance)
                keep.append(i)
        elif stored[fp] > 0:
            stored[fp] -= 1
            duplicates.append(i)
        else:
            keep.append(i)
    added = rows.iloc[keep].reindex(columns=list(base.columns) + [c for c in rows.columns if c not in base.columns])
    frame = pd.concat([base, added], ignore_index=True) if len(added) else base
    return _restore_dtypes(frame, ACTIVITIES), duplicates


# --- what changed --------------------------------------------------------------------------------------


def _same(a: pd.Series, b: pd.Series) -> pd.Series:
    both_missing = a.isna().to_numpy() & b.isna().to_numpy()
    try:
        equal = a.astype(object).to_numpy() == b.astype(object).to_numpy()
    except (TypeError, ValueError):
        equal = [x == y for x, y in zip(a.astype(object), b.astype(object), strict=True)]
    equal = pd.Series(equal, index=a.index).fillna(False).astype(bool).to_numpy()
    return pd.Series(both_missing | equal, index=a.index)


def _table_change(name: str, before: pd.DataFrame, after: pd.DataFrame, duplicates: int) -> TableChange:
    if name in KEYS or name == "team_villages":
        key = KEYS.get(name, ("team_id", "village_id"))
        old = {k: i for i, k in enumerate(_keys(before, key))}
        new = {k: i for i, k in enumerate(_keys(after, key))}
        common = [k for k in new if k in old]
        changed = 0
        if name in KEYS and common:
            b = before.iloc[[old[k] for k in common]].reset_index(drop=True)
            a = after.iloc[[new[k] for k in common]].reset_index(drop=True)
            cols = [c for c in a.columns if c in b.columns]
            changed = int(pd.concat([~_same(b[c], a[c]) for c in cols], axis=1).any(axis=1).sum())
        added = sum(1 for k in new if k not in old)
        removed = sum(1 for k in old if k not in new)
        return TableChange(name, added, changed, removed, duplicates, len(after))
    old_c, new_c = Counter(_fingerprints(before)), Counter(_fingerprints(after))
    return TableChange(name, sum((new_c - old_c).values()), 0, sum((old_c - new_c).values()), duplicates, len(after))


BOUNDARY_TOLERANCE = 1e-9  # degrees (~0.1 mm): below any survey, above float noise of a reprojection round trip


def _boundary_change(before: Any, after: Any) -> TableChange:
    """Areas added, removed, and changed: a common (level, code) whose name, parent, flag or geometry differs.
    Geometries are compared normalised (ring start and orientation do not matter) within a tolerance, so the
    same boundaries read back from the store, or re-exported by GIS software, compare equal."""
    if before is after:
        return TableChange("boundaries", rows_after=0 if after is None else len(after))
    old = _boundary_rows(before)
    new = _boundary_rows(after)
    common = [k for k in new if k in old]
    changed = sum(1 for k in common if not _same_area(old[k], new[k]))
    reshaped = not changed and before is not None and after is not None and list(before.columns) != list(after.columns)
    return TableChange(
        "boundaries",
        sum(1 for k in new if k not in old),
        changed,
        sum(1 for k in old if k not in new),
        0,
        len(new),
        reshaped,
    )


def _boundary_rows(gdf: Any) -> dict[tuple, tuple]:
    if gdf is None:
        return {}
    attributes = [c for c in gdf.columns if c not in ("level", "code", gdf.geometry.name)]
    rows = {}
    for i, key in enumerate(zip(gdf["level"], gdf["code"], strict=True)):
        values = tuple(None if _missing(gdf[c].iat[i]) else gdf[c].iat[i] for c in attributes)
        rows[key] = (tuple(attributes), values, gdf.geometry.iat[i])
    return rows


def _missing(value: Any) -> bool:
    return value is None or (not isinstance(value, str | bool) and bool(pd.isna(value)))


def _same_area(a: tuple, b: tuple) -> bool:
    import shapely

    (cols_a, values_a, geom_a), (cols_b, values_b, geom_b) = a, b
    if cols_a != cols_b or values_a != values_b:
        return False
    if geom_a is None or geom_b is None:
        return geom_a is None and geom_b is None
    return bool(
        shapely.equals_exact(shapely.normalize(geom_a), shapely.normalize(geom_b), tolerance=BOUNDARY_TOLERANCE)
    )


def changed_villages(before: pd.DataFrame, after: pd.DataFrame) -> pd.DataFrame:
    """One row per changed cell of a village (`change` = changed), and one per added or removed village:
    village_id, village_name, commune_code, change, column, before, after."""
    columns = ["village_id", "village_name", "commune_code", "change", "column", "before", "after"]
    b = before.drop_duplicates("village_id").set_index("village_id")
    a = after.drop_duplicates("village_id").set_index("village_id")
    rows: list[tuple] = []
    for vid in a.index.difference(b.index, sort=False):
        rows.append((vid, a.at[vid, "village_name"], a.at[vid, "commune_code"], "added", "", "", ""))
    for vid in b.index.difference(a.index, sort=False):
        rows.append((vid, b.at[vid, "village_name"], b.at[vid, "commune_code"], "removed", "", "", ""))
    common = a.index.intersection(b.index, sort=False)
    if len(common):
        bc, ac = b.loc[common], a.loc[common]
        for col in [c for c in ac.columns if c in bc.columns]:
            diff = ~_same(bc[col], ac[col])
            for vid in diff[diff].index:
                rows.append(
                    (
                        vid,
                        ac.at[vid, "village_name"],
                        ac.at[vid, "commune_code"],
                        "changed",
                        col,
                        _show(bc.at[vid, col]),
                        _show(ac.at[vid, col]),
                    )
                )
    return pd.DataFrame(rows, columns=columns).astype(object)


def _show(value: Any) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, pd.Timestamp):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


# --- commit --------------------------------------------------------------------------------------------


def commit(plan: ImportPlan, who: str = "", note: str = "", url: str | None = None) -> int | None:
    """Write a clean plan as a new store version (one transaction); None when it changes nothing.

    Raises store.StoreError("store_changed") when another import committed since the dry run.
    """
    from core.storage import store

    if not plan.ok:
        raise ValueError("only a clean dry run can be committed")
    if not plan.has_changes and plan.base_version is not None:
        return None
    unchanged = plan.unchanged_tables if plan.base_version is not None else frozenset()
    return store.commit(
        plan.dataset, who=who, note=note, files=plan.files, base_version=plan.base_version, unchanged=unchanged, url=url
    )
