"""Paths and environment settings, read in one place."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

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


# --- limits of what one import may hold ----------------------------------------------------------------
# Sized for the largest province with room to spare; every figure can be raised (or lowered) through its
# environment variable without a code change. Files beyond them are refused with a clear problem before
# their cells are parsed, so one oversized upload cannot exhaust the server's memory for everyone.

DEFAULT_MAX_ROWS = {
    "villages": 200_000,
    "teams": 50_000,
    "team_villages": 1_000_000,
    "activities": 2_000_000,
    "targets": 200_000,
}
DEFAULT_MAX_CELLS = 30_000_000  # one sheet or CSV: rows × columns of its used area
DEFAULT_MAX_UPLOAD_MB = 200  # one file as uploaded (a .zip, a workbook, a CSV); matches server.maxUploadSize


@dataclass(frozen=True)
class Limits:
    max_rows: Mapping[str, int]  # data rows per table
    max_cells: int  # cells of one sheet's used area (or one CSV)
    max_upload_bytes: int  # bytes of one file as given

    def rows_for(self, table: str | None) -> int:
        """The row limit of `table`; of the largest table when it is not known yet."""
        return self.max_rows.get(table or "", max(self.max_rows.values()))


def _env_number(name: str, default: float) -> float:
    value = os.environ.get(name, "").strip().replace("_", "")
    try:
        number = float(value) if value else default
    except ValueError:
        return default  # a typo in a setting must not stop the app; the default is safe
    return number if number > 0 else default


def limits() -> Limits:
    """The limits in force: `DXMAP_MAX_ROWS_<TABLE>`, `DXMAP_MAX_CELLS`, `DXMAP_MAX_UPLOAD_MB`, else defaults.
    Read on each call (cheap), so a changed environment applies to the next import."""
    rows = {t: int(_env_number(f"DXMAP_MAX_ROWS_{t.upper()}", n)) for t, n in DEFAULT_MAX_ROWS.items()}
    return Limits(
        max_rows=MappingProxyType(rows),
        max_cells=int(_env_number("DXMAP_MAX_CELLS", DEFAULT_MAX_CELLS)),
        max_upload_bytes=int(_env_number("DXMAP_MAX_UPLOAD_MB", DEFAULT_MAX_UPLOAD_MB) * 2**20),
    )
