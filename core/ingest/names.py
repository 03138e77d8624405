"""Reports name teams, villages and communes instead of giving their ids: the by-name tables, the matching of a
name written any which way to an id, and what a name that matches nothing, or more than one thing, becomes."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import pandas as pd

from core.ingest import reconcile
from core.ingest.parsing import fold
from core.ingest.validation import WARNING, Problem, SourceTable
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

_MAX_CANDIDATES = 3


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
class Reconciling:
    """The dry run's reconciliation options and what it found (shared by every file of the run)."""

    options: reconcile.Options = field(default_factory=reconcile.Options)
    found: reconcile.Findings = field(default_factory=reconcile.Findings)


def resolve_names(
    source: SourceTable, resolver: Resolver, rec: Reconciling | None = None
) -> tuple[SourceTable, list[Problem]]:
    """A by-name table with team_id/village_id filled from names; each name that matches nothing, or more
    than one thing, is an error on its row listing the closest candidates (unless a confirmed synonym, or
    with `accept_names` one clear candidate, settles it: then a warning says so)."""
    rec = rec or Reconciling()
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


def _row_commune(source: SourceTable, i: int, resolver: Resolver, rec: Reconciling) -> tuple[str | None, list[Problem]]:
    code = source.frame["commune_code"].iat[i]
    if pd.notna(code):
        return code, []
    name = source.frame["commune_name"].iat[i]
    if pd.isna(name):
        return None, []
    return _reconciled(source, i, "commune_name", name, resolver.communes.find, rec)


_NAME_FIELD = {"team_name": "team", "village_name": "village", "commune_name": "commune"}


def _row_id(
    source: SourceTable, i: int, id_col: str, name_col: str, find, rec: Reconciling
) -> tuple[str | None, list[Problem]]:
    value = source.frame[id_col].iat[i]
    if pd.notna(value):
        return value, []
    name = source.frame[name_col].iat[i]
    if pd.isna(name):
        return None, [source.at(i, name_col, "required_missing")]
    return _reconciled(source, i, name_col, name, find, rec)


def _reconciled(
    source: SourceTable, i: int, name_col: str, name: str, find, rec: Reconciling
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
