"""Paths and environment settings, read in one place."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = ROOT / "data"
DEMO_PACKAGE = DATA_DIR / "demo" / "dien-bien"
STATIC_DIR = ROOT / "static"


def package_path() -> Path:
    """The data package the app and CLI read when none is given: `DXMAP_PACKAGE`, else the demo."""
    value = os.environ.get("DXMAP_PACKAGE", "").strip()
    return Path(value) if value else DEMO_PACKAGE


def database_url() -> str | None:
    """The store URL from `DATABASE_URL`, or None."""
    value = os.environ.get("DATABASE_URL", "").strip()
    return value or None
