"""The store's versions by date: which version's data describes a given day.

Each version carries the date its data is as of (`package_meta.as_of`). The version that describes a day is
the one with the latest date on or before it (of two with the same date, the newer version); a day before
every version's date is described by none.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from core.model.dataset import Dataset
from core.storage import store


def version_at(day: date, url: str | None = None) -> store.Version | None:
    """The version whose data describes `day`, or None when every version's data is dated after it."""
    dated = [v for v in store.list_versions(url) if v.as_of is not None and v.as_of <= day]
    return max(dated, key=lambda v: (v.as_of, v.id), default=None)


def first_version(url: str | None = None) -> store.Version | None:
    """The version with the earliest data date (the oldest of equals), or None for an empty store."""
    dated = [v for v in store.list_versions(url) if v.as_of is not None]
    return min(dated, key=lambda v: (v.as_of, v.id), default=None)


def dataset_at(
    day: date, url: str | None = None, load: Callable[[int], Dataset] | None = None
) -> tuple[Dataset, store.Version] | None:
    """The data as it stood on `day` (the version describing it, else the earliest one) with its version;
    None for an empty store. `load` reads a version by id (default: from the store; the app passes its cache)."""
    version = version_at(day, url) or first_version(url)
    if version is None:
        return None
    return (load or (lambda vid: store.load_dataset(vid, url)))(version.id), version
