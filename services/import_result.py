"""What an import changes for the person who made it: the headline figures of their area before and after (the
ones that moved), and the data's "as of" before and after. Pure: the Data page shows it after a commit."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from core.analysis.kpis import summary
from core.model.dataset import Dataset
from core.model.scope import PROVINCE, Area, restrict

# (figure, where summary() keeps it): villages, teams and activities, then the e-ID totals
FIGURES = (
    ("villages", ("villages",)),
    ("teams", ("teams",)),
    ("activities", ("activities",)),
    ("eid_level2", ("eid_level2",)),
    ("eid_level2_activities", ("outcomes", "eid_level2")),
    ("eid_level1_activities", ("outcomes", "eid_level1")),
    ("vneid_installs", ("outcomes", "vneid_installs")),
)


@dataclass(frozen=True)
class Figure:
    """One headline figure of the area, before and after (None: not reported)."""

    key: str
    before: int | None
    after: int | None

    @property
    def difference(self) -> int:
        return (self.after or 0) - (self.before or 0)


@dataclass(frozen=True)
class ImportResult:
    """The figures of the area an import changed, and its data's "as of" before and after (`as_of_source`:
    "package" or "activities", what set the date after)."""

    version: int | None
    figures: tuple[Figure, ...]
    as_of_before: date | None
    as_of_after: date | None
    as_of_source: str

    @property
    def as_of_moved(self) -> bool:
        return self.as_of_after is not None and self.as_of_after != self.as_of_before


def _value(figures: dict, path: tuple[str, ...]) -> int | None:
    value = figures
    for part in path:
        value = value.get(part) if isinstance(value, dict) else None
    return value


def import_result(before: Dataset, after: Dataset, area: Area = PROVINCE, version: int | None = None) -> ImportResult:
    """The figures of `area` that differ between `before` and `after` (in FIGURES' order), and the as of."""
    old, new = summary(restrict(before, area)), summary(restrict(after, area))
    changed = tuple(
        Figure(key, _value(old, path), _value(new, path))
        for key, path in FIGURES
        if _value(old, path) != _value(new, path)
    )
    return ImportResult(version, changed, before.meta.as_of, after.meta.as_of, after.meta.as_of_source)
