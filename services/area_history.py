"""The Data page's figures as an account of an area may read them: the rows of its area after an import, and the
versions whose changes reached it (with its own row counts, and whether they also changed data elsewhere, whose
file names are then not the account's to read).

A version is compared with the one before it: a row that is in one and not the other is a change, and it lies in
the area when it is among the area's rows (core.model.scope.restrict) of either version. The first version (a
province's package) changed everything. Versions never change once written, so each comparison is made once per
store, version pair and area.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

import pandas as pd

from core.model.dataset import Dataset
from core.model.schema import TABLES
from core.model.scope import Area, restrict
from core.storage import store


@dataclass(frozen=True)
class Touch:
    """What a version changed, seen from an area: in it, elsewhere, and the area's rows after it."""

    inside: bool
    outside: bool
    rows: Mapping[str, int]


def area_rows(dataset: Dataset, area: Area) -> dict[str, int]:
    """Rows per table of the area's data (the whole dataset's for the province)."""
    mine = restrict(dataset, area)
    rows = {name: len(getattr(mine, name)) for name in TABLES}
    if mine.boundaries is not None:
        rows["boundaries"] = len(mine.boundaries)
    return rows


def touches(
    url: str, versions: Sequence[store.Version], area: Area, loader: Callable[[int], Dataset] | None = None
) -> dict[int, Touch]:
    """{version id: Touch} for every version of `versions` (the store's history, any order). `loader` reads a
    version's data (default: from the store at `url`)."""
    load = loader or (lambda version_id: store.load_dataset(version_id, url))
    ordered = sorted(versions, key=lambda v: v.id)
    found: dict[int, Touch] = {}
    loaded: dict[int, Dataset] = {}

    def data(version_id: int) -> Dataset:
        if version_id not in loaded:
            if len(loaded) > 1:  # two versions in memory at most: the oldest goes (ids come in order)
                loaded.pop(min(loaded))
            loaded[version_id] = load(version_id)
        return loaded[version_id]

    for i, version in enumerate(ordered):
        before = ordered[i - 1] if i else None
        key = (url, area, _stamp(version), _stamp(before) if before else None)
        touch = _known(key)
        if touch is None:
            after_data = data(version.id)
            if before is None:
                touch = Touch(True, True, MappingProxyType(area_rows(after_data, area)))
            else:
                touch = compare(data(before.id), after_data, area)
            _remember(key, touch)
        found[version.id] = touch
    return found


def compare(before: Dataset, after: Dataset, area: Area) -> Touch:
    """What changed from `before` to `after`, in the area and outside it."""
    mine_before, mine_after = restrict(before, area), restrict(after, area)
    inside = outside = False
    for name in TABLES:
        old, new = _hashes(getattr(before, name)), _hashes(getattr(after, name))
        changed = set(old) ^ set(new)
        if not changed:
            continue
        mine = set(old.loc[getattr(mine_before, name).index]) | set(new.loc[getattr(mine_after, name).index])
        inside = inside or bool(changed & mine)
        outside = outside or bool(changed - mine)
    rows = {name: len(getattr(mine_after, name)) for name in TABLES}
    return Touch(inside, outside, MappingProxyType(rows))


def _hashes(frame: pd.DataFrame) -> pd.Series:
    """A hash of each row's values (columns in name order), indexed as the frame: the area's rows are a subset."""
    if frame.empty:
        return pd.Series([], dtype="uint64")
    return pd.util.hash_pandas_object(frame[sorted(frame.columns)], index=False)


def _stamp(version: store.Version) -> tuple[int, str]:
    return version.id, version.created_at.isoformat()


_MEMO: dict[tuple, Touch] = {}
_MEMO_MAX = 512


def _known(key: tuple) -> Touch | None:
    return _MEMO.get(key)


def _remember(key: tuple, touch: Touch) -> None:
    if len(_MEMO) >= _MEMO_MAX:
        _MEMO.clear()
    _MEMO[key] = touch
