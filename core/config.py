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


# --- who may write (read by core.auth) ---------------------------------------------------------------------
WRITE_TOKEN_VAR = "DXMAP_WRITE_TOKEN"
ALLOWED_HOSTS_VAR = "DXMAP_ALLOWED_HOSTS"


def write_token() -> str | None:
    """This start's write token: set by `cli.py serve` (random) or fixed by the operator; None when absent."""
    return os.environ.get(WRITE_TOKEN_VAR, "").strip() or None


def extra_allowed_hosts() -> tuple[str, ...]:
    """Host names besides localhost that may write (`DXMAP_ALLOWED_HOSTS`, comma-separated)."""
    return tuple(h.strip() for h in os.environ.get(ALLOWED_HOSTS_VAR, "").split(",") if h.strip())
