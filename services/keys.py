"""Cache keys, made in one place: every key starts with the data version, so nothing derived from one
version (a view, a ranking, a plan, an export) is ever served for another."""

from __future__ import annotations

from collections.abc import Hashable

from core.analysis.scoring import Weights
from core.model.filters import Filter
from services.source import DataVersion


def cache_key(version: DataVersion, *parts: Hashable) -> tuple:
    """`(version, *parts)`; refuses a key without a data version (the stale-cache bug this prevents)."""
    if not isinstance(version, DataVersion):
        raise TypeError(f"a cache key starts with the DataVersion, not {type(version).__name__}")
    return (version, *parts)


def view_key(version: DataVersion, flt: Filter) -> tuple:
    """The view: this version narrowed by this filter (rankings of the view are keyed by it plus weights)."""
    return cache_key(version, flt)


def ranking_key(version: DataVersion, flt: Filter, weights: Weights) -> tuple:
    """The view's villages ranked with these weights."""
    return cache_key(version, flt, weights)


def plan_key(version: DataVersion, flt: Filter, weights: Weights, settings: Hashable) -> tuple:
    """A plan: built for this view, these weights and these settings."""
    return cache_key(version, flt, weights, settings)


def plan_fits(key: tuple, version: DataVersion, flt: Filter, weights: Weights) -> bool:
    """A plan with `key` was built for this view and these weights (whatever its settings): it may be exported."""
    return key[:3] == ranking_key(version, flt, weights)
