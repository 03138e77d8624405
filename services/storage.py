"""The store as pages and commands see it: where it is, whether it can be read, its versions and its errors.
What is read and written goes through the use cases (services.data, services.source, services.followup);
this module names the store and its failures, so that no page or command reaches core.storage itself."""

from __future__ import annotations

from core.storage import engine
from core.storage.store import (
    StoreError,
    StoreUnavailable,
    Version,
    current_version_id,
    has_data,
    list_versions,
    open_store,
    resolve_url,
    store_name,
)

__all__ = [
    "StoreError",
    "StoreUnavailable",
    "Version",
    "current_version_id",
    "has_data",
    "list_versions",
    "kind",
    "open_store",
    "resolve_url",
    "store_name",
]


def kind(url: str | None) -> str:
    """The database a store URL names: `sqlite`, `postgresql` or `other` (nothing of the URL itself)."""
    return engine._kind(url)
