"""What an import would do, as a dry run reports it: each table's change, each activity row's outcome, the plan
a commit takes (core.ingest.importer makes it)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd

from core.ingest import reconcile
from core.ingest.validation import Problem, has_errors
from core.model.dataset import Dataset
from core.model.schema import TABLES


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
    def of(
        cls, file: str, headers: Sequence[str], rows: Sequence[int], outcomes: Sequence[str], text, keep: int = 0
    ) -> FileRows:
        """`text(positions)` gives the cell text of those rows; it is asked only for the rows kept (the first
        `keep` of each outcome, CELLS_KEPT when 0)."""
        outcome_array = np.asarray(outcomes, dtype=object)
        keep = keep or CELLS_KEPT
        kept = [k for o in ROW_OUTCOMES for k in np.flatnonzero(outcome_array == o)[:keep].tolist()]
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
