"""Reconciliation: words a report writes its own way, matched to what the data knows.

A district report may write "Buổi hướng dẫn tập trung" for the activity kind `session`, "Bản Na Sang 1" for
the village "Na Sang I", "Xã Mường Pồn" for the commune "Mường Pồn". Each value that matches nothing exactly
gets candidates, compared without accents, case or the leading Xã/Thôn/Bản/Tổ words (rapidfuzz scores on
`fold`ed text):

- a category word (an enum column such as `kind`) with one clear candidate is applied, and a warning on its row
  says so; an ambiguous one stays an error listing its candidates;
- a team, village or commune name with one clear candidate is applied only when asked
  (`import --accept-suggestions`), else it stays an error listing its candidates;
- a value a person confirmed before (a synonym, stored per province by core/storage/synonyms.py) is applied.

Every such value is collected once (`Unknown`, with its row count) so the Data page can ask for one
confirmation per value rather than one per row.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import pandas as pd

from core.ingest.validation import ERROR, WARNING, Problem, SourceTable
from core.model.schema import TEXT_DTYPE, Column, Kind
from core.model.text_keys import (  # noqa: F401 - the keys of names, read from here by the importer
    NAME_FIELDS,
    PREFIXES,
    fold,
    strip_leading,
    value_key,
)

CATEGORY_CUTOFF = 75.0  # a category word scoring below this against every accepted word is no candidate
CATEGORY_CLEAR = 90.0  # the best candidate must score this much…
CATEGORY_MARGIN = 15.0  # …and this much more than the next one to be applied without asking
NAME_CUTOFF = 60.0
NAME_CLEAR = 85.0
NAME_MARGIN = 10.0
MAX_CANDIDATES = 3
_MIN_KEY = 3  # "x", "ok": too short to guess from

APPLIED_SUGGESTION = "suggestion"
APPLIED_SYNONYM = "synonym"


@dataclass(frozen=True)
class Candidate:
    """What a value may mean: `target` (a canonical enum value or an id), its label, a 0–100 score."""

    target: str
    label: str
    score: float


@dataclass(frozen=True)
class Options:
    """How a dry run reconciles: the province's confirmed synonyms {(field, folded value): target}, and whether
    single-candidate name suggestions are applied (they always are for category words)."""

    synonyms: Mapping[tuple[str, str], str] = field(default_factory=dict)
    accept_names: bool = False

    @classmethod
    def of(cls, synonyms: Iterable, accept_names: bool = False) -> Options:
        """From stored synonyms (objects with `field`, `value`, `target`)."""
        return cls({(s.field, value_key(s.field, s.value)): s.target for s in synonyms}, accept_names)

    def synonym(self, field_name: str, value: str) -> str | None:
        return self.synonyms.get((field_name, value_key(field_name, value)))


@dataclass(frozen=True)
class Unknown:
    """One value that matched nothing exactly, over every row and file of a dry run."""

    field: str  # an enum column's name (`kind`) or team / village / commune
    column: str  # the header as the file writes it
    value: str  # as first written
    rows: int
    files: tuple[str, ...]
    candidates: tuple[Candidate, ...]
    applied: str | None  # the target used, None when the value stayed an error
    how: str = ""  # APPLIED_SUGGESTION, APPLIED_SYNONYM or "" (not applied)

    @property
    def key(self) -> tuple[str, str]:
        return self.field, value_key(self.field, self.value)

    def label_of(self, target: str | None) -> str:
        return next((c.label for c in self.candidates if c.target == target), target or "")


class Findings:
    """Collects the unknown values of a dry run, one entry per (field, folded value)."""

    def __init__(self) -> None:
        self._items: dict[tuple[str, str], Unknown] = {}

    def add(
        self,
        file: str,
        field_name: str,
        column: str,
        value: str,
        candidates: tuple[Candidate, ...],
        applied: str | None,
        how: str,
    ) -> bool:
        """Record one row; True when the value is seen for the first time in this file."""
        key = (field_name, value_key(field_name, value))
        old = self._items.get(key)
        if old is None:
            self._items[key] = Unknown(field_name, column, value, 1, (file,), candidates, applied, how)
            return True
        first_in_file = file not in old.files
        files = old.files if not first_in_file else (*old.files, file)
        # a value applied in one row and refused in another (a village near one team, not another) asks a person
        applied_now = old.applied if old.applied == applied else None
        self._items[key] = Unknown(
            old.field, old.column, old.value, old.rows + 1, files, old.candidates, applied_now, old.how
        )
        return first_in_file

    def items(self) -> tuple[Unknown, ...]:
        return tuple(self._items.values())


def clear_choice(candidates: tuple[Candidate, ...], score: float, margin: float) -> Candidate | None:
    """The one candidate clearly ahead (`score` or more, `margin` ahead of the next), else None."""
    if not candidates or candidates[0].score < score:
        return None
    if len(candidates) > 1 and candidates[1].score > candidates[0].score - margin:
        return None
    return candidates[0]


def category_candidates(value: str, column: Column) -> tuple[Candidate, ...]:
    """Canonical values of an enum column that `value` may stand for, best first.

    Scored on folded text with rapidfuzz's token-set ratio, so extra words ("Buổi", "Tổ chức") do not count
    against a value that holds every word of an accepted one."""
    from rapidfuzz import fuzz  # loaded when a value is unknown: most imports never need it

    key = fold(value)
    if len(key.replace(" ", "")) < _MIN_KEY:
        return ()
    scored = []
    for canon, words in column.enum:
        best = max(fuzz.token_set_ratio(key, fold(w)) for w in (canon, *words))
        if best >= CATEGORY_CUTOFF:
            label = words[0] if words else canon
            scored.append(Candidate(canon, label, round(best, 1)))
    return tuple(sorted(scored, key=lambda c: -c.score)[:MAX_CANDIDATES])


def name_scores(key: str, keys: Mapping[str, tuple[str, ...]]) -> list[tuple[str, float]]:
    """(id, score) of every id whose matching keys (`names.name_keys`) resemble `key`, best first."""
    if len(key.replace(" ", "")) < _MIN_KEY:
        return []
    from rapidfuzz import fuzz

    out = []
    for ident, own in keys.items():
        score = max((fuzz.ratio(key, k) for k in own if k), default=0.0)
        if score >= NAME_CUTOFF:
            out.append((ident, round(score, 1)))
    return sorted(out, key=lambda x: -x[1])


def reconcile_categories(
    source: SourceTable, problems: list[Problem], options: Options, found: Findings
) -> tuple[SourceTable, list[Problem]]:
    """Unknown words in the enum columns of a parsed table: a synonym or one clear candidate is applied (with
    a warning), several candidates make the error list them. Returns the table and its problems."""
    columns = [c for c in source.spec.columns if c.kind == Kind.ENUM and c.name in source.frame.columns]
    if not columns or source.raw is None:
        return source, problems
    frame, settled, added = None, set(), []
    for col in columns:
        values = source.frame[col.name]
        for i in range(len(values)):
            if pd.notna(values.iat[i]) or col.name not in source.raw.columns:
                continue
            text = str(source.raw[col.name].iat[i] or "")
            if not text:
                continue
            target, problem = _category(source, i, col, text, options, found)
            if target is None and problem is None:
                continue  # no candidate at all: the reader's "not in the list" error stands
            settled.add((source.rows[i], source.header(col.name)))
            added.append(problem)
            if target is not None:
                frame = source.frame.copy() if frame is None else frame
                frame[col.name] = frame[col.name].astype(TEXT_DTYPE)
                frame.loc[i, col.name] = target
    kept = [
        p for p in problems if not (p.code == "unknown_enum" and p.file == source.file and (p.row, p.column) in settled)
    ]
    if frame is not None:
        source = SourceTable(source.spec, source.file, frame, source.rows, source.headers, source.raw)
    return source, kept + [p for p in added if p is not None]


def _category(
    source: SourceTable, i: int, col: Column, text: str, options: Options, found: Findings
) -> tuple[str | None, Problem | None]:
    candidates = category_candidates(text, col)
    header = source.header(col.name)
    synonym = options.synonym(col.name, text)
    if synonym is not None and synonym in {canon for canon, _ in col.enum}:
        label = next((w[0] if w else c for c, w in col.enum if c == synonym), synonym)
        candidates = (Candidate(synonym, label, 100.0), *(c for c in candidates if c.target != synonym))
        first = found.add(source.file, col.name, header, text, candidates, synonym, APPLIED_SYNONYM)
        return synonym, source.at(i, col.name, "synonym_applied", WARNING, target=label) if first else None
    clear = clear_choice(candidates, CATEGORY_CLEAR, CATEGORY_MARGIN)
    if clear is not None:
        found.add(source.file, col.name, header, text, candidates, clear.target, APPLIED_SUGGESTION)
        return clear.target, source.at(i, col.name, "suggestion_applied", WARNING, target=clear.label)
    if not candidates:
        found.add(source.file, col.name, header, text, (), None, "")
        return None, None
    found.add(source.file, col.name, header, text, candidates, None, "")
    listed = "; ".join(c.label for c in candidates)
    return None, source.at(i, col.name, "unknown_enum_candidates", ERROR, candidates=listed)


def accepted(unknowns: Iterable[Unknown]) -> dict[tuple[str, str], str]:
    """What accepting the suggestions of a dry run confirms: {(field, value as written): target} of every value
    one clear candidate settled (a value applied in some rows and refused in others is not among them)."""
    return {(u.field, u.value): u.applied for u in unknowns if u.how == APPLIED_SUGGESTION and u.applied}


def category_choices(field_name: str) -> tuple[Candidate, ...]:
    """Every value of the enum column `field_name` (the choices when no candidate came close)."""
    from core.model.schema import TABLES

    for spec in TABLES.values():
        for col in spec.columns:
            if col.name == field_name and col.kind == Kind.ENUM:
                return tuple(Candidate(c, w[0] if w else c, 0.0) for c, w in col.enum)
    return ()


def choices_for(unknown: Unknown) -> tuple[Candidate, ...]:
    """What a person may choose for an unknown value: its candidates, or for a category word every value."""
    if unknown.candidates or unknown.field in NAME_FIELDS:
        return unknown.candidates
    return category_choices(unknown.field)
