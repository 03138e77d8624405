"""Fixtures shared by the unit tests."""

from __future__ import annotations

import pytest

from core.model.dataset import Dataset
from core.storage import store
from tests.fixtures.four_villages import four_villages
from tests.fixtures.packages import units_stub  # noqa: F401 - the admin-unit stub, for every unit test
from tests.pg import (  # noqa: F401 - SQLite and PostgreSQL stores, for every unit test
    postgres_server,
    store_copies,
    store_url,
)


@pytest.fixture(scope="module")
def ds() -> Dataset:
    """The hand-built four-village dataset (tests/fixtures/four_villages.py); tests must not change it."""
    return four_villages()


@pytest.fixture
def demo_store(store_url, demo_dataset, store_copies, request) -> str:
    """`store_url` holding the demo dataset as its version 1 (committed once per session and backend, then
    copied), for tests about what happens to a store that already has data."""
    server = request.getfixturevalue("postgres_server") if store_url.startswith("postgresql") else None
    return store_copies("demo", store_url, lambda url: store.commit(demo_dataset, url=url), server)
