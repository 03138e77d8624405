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
