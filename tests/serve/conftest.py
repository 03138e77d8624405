"""The served stack (`make serve`): PostgreSQL with PostGIS, two app replicas and nginx, started once for the
tests of this folder on free ports with a throwaway state folder, and stopped with SIGTERM at the end."""

from __future__ import annotations

import os
import shutil

import pytest

from ops import packages


def pytest_configure(config):
    config.addinivalue_line("markers", "serve: starts the served stack (nginx, PostgreSQL, app replicas)")


def _can_run() -> str | None:
    """Why the stack cannot start here, or None. The launcher installs what is missing when it runs as root
    on Debian (as CI does); elsewhere a missing nginx or PostgreSQL is a reason to skip."""
    missing = packages.missing_packages(need_postgres=True)
    if not missing:
        return None
    if os.geteuid() == 0 and shutil.which("apt-get"):
        return None if packages.install(missing, "en") else f"could not install {' '.join(missing)}"
    return f"needs Debian packages {' '.join(missing)} (not root: cannot install them)"


@pytest.fixture(scope="session")
def stack():
    from bench.load import Stack

    reason = _can_run()
    if reason:
        pytest.skip(reason)
    # a folder of its own under /tmp (PostgreSQL, running as `postgres` under root, must reach it)
    served = Stack(replicas=2, env={"DATABASE_URL": ""}).start()
    yield served
    served.stop()
    shutil.rmtree(served.state, ignore_errors=True)
