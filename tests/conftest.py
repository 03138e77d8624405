"""Shared test set-up: the project root on sys.path, the demo dataset read once."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


@pytest.fixture(scope="session")
def demo_dataset():
    from core.config import DEMO_PACKAGE
    from core.ingest.reader import read_package

    dataset, problems = read_package(DEMO_PACKAGE)
    assert dataset is not None, [p.message("en") for p in problems]
    return dataset


@pytest.fixture(autouse=True)
def _fresh_guessing_brake():
    """The brakes on wrong passwords count across sessions of one client by design (and tests are all one
    client); tests each start at zero, so one test's wrong guesses cannot lock the next one out."""
    from components import signin
    from core import auth

    auth._CLIENTS.clear()
    signin._CLIENTS.clear()
    yield
    auth._CLIENTS.clear()
    signin._CLIENTS.clear()
