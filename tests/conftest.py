"""Shared test set-up: the project root on sys.path, the demo dataset read once, the demo history store built
once per run, Streamlit's look for installed components taken once."""

from __future__ import annotations

import fcntl
import functools
import os
import sqlite3
import sys
from contextlib import closing
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


@pytest.fixture(scope="session")
def demo_history(tmp_path_factory):
    """`history_copy(folder)`: a store URL of a fresh copy of the demo history (`cli.py demo-history`: the demo at
    the ends of April, May, June and July 2025). It is built once for the whole run, by whichever test process
    asks first (10 s), and copied with SQLite's own backup (its write-ahead log included) for each user."""
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent  # this run's folder, which every worker of the run shares
    built = shared / "demo-history.sqlite"
    with open(shared / "demo-history.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not built.exists():
            from cli.main import main

            making = shared / "demo-history-making.sqlite"
            assert main(["demo-history", "--db", f"sqlite:///{making}"]) == 0
            _sqlite_copy(making, built)

    def history_copy(folder: Path) -> str:
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / "store.sqlite"
        _sqlite_copy(built, target)
        return f"sqlite:///{target}"

    return history_copy


def _sqlite_copy(source: Path, target: Path) -> None:
    with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)


@pytest.fixture(scope="session", autouse=True)
def _components_scanned_once():
    """Each new AppTest looks through every installed distribution for Streamlit components (0.12 s of CPU);
    what is installed does not change during a run, so the look is taken once per test process."""
    from streamlit.components.v2 import manifest_scanner

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(
            manifest_scanner, "scan_component_manifests", functools.cache(manifest_scanner.scan_component_manifests)
        )
        yield


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
