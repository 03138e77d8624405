"""Fixtures shared by the unit tests."""

from __future__ import annotations

import pytest

from core.model.dataset import Dataset
from tests.fixtures.four_villages import four_villages
from tests.fixtures.packages import units_stub  # noqa: F401 - the admin-unit stub, for every unit test
from tests.pg import postgres_server, store_url  # noqa: F401 - SQLite and PostgreSQL stores, for every unit test


@pytest.fixture(scope="module")
def ds() -> Dataset:
    """The hand-built four-village dataset (tests/fixtures/four_villages.py); tests must not change it."""
    return four_villages()
