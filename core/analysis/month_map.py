"""The Map page's months: which months the store's dated versions describe, which version shows a month's end,
and how each village changed during a month.

A month is offered when at least one version's data is dated in it (`YYYY-MM`). The data at a month's end is
the version with the latest date on or before that day (of two with the same date, the newer version), as
core.storage.history reads a date. A village *changed during the month* when its signal, grid power or team
(core.analysis.changes.village_status) differs between the data at the end of the month before and the data at
the month's end; the first month has nothing before it, so nothing changed in it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

from core.analysis.changes import FLAGS, village_status
from core.model.dataset import Dataset

MONTH = re.compile(r"(\d{4})-(0[1-9]|1[0-2])")


@dataclass(frozen=True)
class Dated:
    """A store version as the month choice needs it: its id and the date its data is as of."""

    id: int
    as_of: date | None


def months_of(versions: Iterable[Dated]) -> list[str]:
    """The months (`YYYY-MM`, oldest first) in which at least one version's data is dated."""
    return sorted({f"{v.as_of.year:04d}-{v.as_of.month:02d}" for v in versions if v.as_of is not None})


def month_end(month: str) -> date:
    """The last day of a `YYYY-MM` month."""
    year, number = (int(x) for x in month.split("-"))
    first_next = date(year + number // 12, number % 12 + 1, 1)
    return first_next - timedelta(days=1)


def valid_month(text: str | None, months: Sequence[str]) -> str | None:
    """`text` when it is one of `months` (as a link carries it), else None."""
    if not text or not MONTH.fullmatch(text.strip()):
        return None
    return text.strip() if text.strip() in months else None


def version_at(versions: Iterable[Dated], day: date) -> int | None:
    """The id of the version whose data describes `day`, or None when every version is dated after it."""
    dated = [v for v in versions if v.as_of is not None and v.as_of <= day]
    best = max(dated, key=lambda v: (v.as_of, v.id), default=None)
    return None if best is None else best.id


def month_versions(versions: Sequence[Dated], month: str) -> tuple[int | None, int | None]:
    """(the version showing the month's end, the version showing the end of the month before it — None for the
    first month)."""
    end = month_end(month)
    before = end.replace(day=1) - timedelta(days=1)
    return version_at(versions, end), version_at(versions, before)


def village_changes(before: Dataset, after: Dataset) -> pd.DataFrame:
    """The villages whose signal, power or team changed from `before` to `after`: one row per village id held
    by both, with `signal`, `power`, `team` each +1 (gained), -1 (lost) or 0 (unchanged); no other rows."""
    old, new = village_status(before), village_status(after)
    both = old.index.intersection(new.index)
    moves = pd.DataFrame(
        {flag: new.loc[both, flag].astype(int) - old.loc[both, flag].astype(int) for flag in FLAGS}, index=both
    )
    return moves[(moves != 0).any(axis=1)]


def change_words(row: pd.Series) -> list[str]:
    """The translation keys naming a village's changes (its `village_changes` row), in FLAGS order."""
    return [f"map_change_{flag}_{'gained' if row[flag] > 0 else 'lost'}" for flag in FLAGS if row[flag] != 0]
