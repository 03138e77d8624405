"""Cache keys, made in one place: every key starts with the data version, so nothing derived from one
version (a view, a ranking, a plan, an export) is ever served for another; the keys of views, rankings and
plans carry the area (core.model.scope) next, so one account's data is never served to another's area."""

from __future__ import annotations

from collections.abc import Hashable

from core.analysis.scoring import Weights
from core.model.filters import Filter
from core.model.scope import PROVINCE, Area
from services.source import DataVersion


def cache_key(version: DataVersion, *parts: Hashable) -> tuple:
    """`(version, *parts)`; refuses a key without a data version (the stale-cache bug this prevents)."""
    if not isinstance(version, DataVersion):
        raise TypeError(f"a cache key starts with the DataVersion, not {type(version).__name__}")
    return (version, *parts)


def scoped_key(version: DataVersion, area: Area, *parts: Hashable) -> tuple:
    """`(version, area, *parts)`: data derived from what an area may see."""
    if not isinstance(area, Area):
        raise TypeError(f"a scoped cache key names the Area, not {type(area).__name__}")
    return cache_key(version, area, *parts)


def view_key(version: DataVersion, flt: Filter, area: Area = PROVINCE) -> tuple:
    """The view: this version, narrowed to the area, then by this filter."""
    return scoped_key(version, area, flt)


def ranking_key(version: DataVersion, flt: Filter, weights: Weights, area: Area = PROVINCE) -> tuple:
    """The view's villages ranked with these weights."""
    return scoped_key(version, area, flt, weights)


def plan_key(version: DataVersion, flt: Filter, weights: Weights, settings: Hashable, area: Area = PROVINCE) -> tuple:
    """A plan: built for this view, these weights and these settings."""
    return scoped_key(version, area, flt, weights, settings)


def plan_fits(key: tuple, version: DataVersion, flt: Filter, weights: Weights, area: Area = PROVINCE) -> bool:
    """A plan with `key` was built for this view and these weights (whatever its settings): it may be exported."""
    return key[:4] == ranking_key(version, flt, weights, area)
