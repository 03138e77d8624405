"""Paths, and the environment settings of `core.settings` as the app reads them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

# the table, re-exported so that `from core.config import setting` works as well
from core.settings import BY_NAME, SETTINGS, Setting, setting  # noqa: F401

ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = ROOT / "data"
DEMO_PACKAGE = DATA_DIR / "demo" / "dien-bien"
STATIC_DIR = ROOT / "static"
ICON_FONT = DATA_DIR / "fonts" / "MaterialSymbols-Rounded-app.woff2"  # Streamlit's icon font, cut (ops/icon_font.py)
DEMO_STORE_DIR = ROOT / "var" / "demo"  # the demo with its history, built by `cli.py serve` when no source is given


def package_path() -> Path:
    """The data package the app and CLI read when none is given: `DXMAP_PACKAGE`, else the demo."""
    value = setting("package")
    return Path(value) if value else DEMO_PACKAGE


def database_url() -> str | None:
    """The store URL from `DATABASE_URL`, or None."""
    return setting("database_url")


# --- who may write (read by core.auth) ---------------------------------------------------------------------
WRITE_TOKEN_VAR = BY_NAME["write_token"].env
ALLOWED_HOSTS_VAR = BY_NAME["allowed_hosts"].env
EDITOR_PASSWORD_VAR = BY_NAME["editor_password"].env


def write_token() -> str | None:
    """This start's write token: set by `cli.py serve` (random) or fixed by the operator; None when absent."""
    return setting("write_token")


def extra_allowed_hosts() -> tuple[str, ...]:
    """Host names besides localhost that may write (`DXMAP_ALLOWED_HOSTS`, comma-separated)."""
    return setting("allowed_hosts")


# --- limits of what one import may hold ----------------------------------------------------------------
# Sized for the largest province with room to spare; every figure can be raised (or lowered) through its
# environment variable without a code change (see core.settings). Files beyond them are refused with a clear
# problem before their cells are parsed, so one oversized upload cannot exhaust the server's memory for everyone.

DEFAULT_MAX_ROWS = {
    name.removeprefix("max_rows_"): s.default for name, s in BY_NAME.items() if name.startswith("max_rows_")
}
DEFAULT_MAX_CELLS = BY_NAME["max_cells"].default  # one sheet or CSV: rows × columns of its used area
DEFAULT_MAX_UPLOAD_MB = BY_NAME["max_upload_mb"].default  # one file as uploaded; matches server.maxUploadSize


@dataclass(frozen=True)
class Limits:
    max_rows: Mapping[str, int]  # data rows per table
    max_cells: int  # cells of one sheet's used area (or one CSV)
    max_upload_bytes: int  # bytes of one file as given

    def rows_for(self, table: str | None) -> int:
        """The row limit of `table`; of the largest table when it is not known yet."""
        return self.max_rows.get(table or "", max(self.max_rows.values()))


def limits() -> Limits:
    """The limits in force: `DXMAP_MAX_ROWS_<TABLE>`, `DXMAP_MAX_CELLS`, `DXMAP_MAX_UPLOAD_MB`, else defaults.
    Read on each call (cheap), so a changed environment applies to the next import."""
    rows = {table: setting(f"max_rows_{table}") for table in DEFAULT_MAX_ROWS}
    return Limits(
        max_rows=MappingProxyType(rows),
        max_cells=setting("max_cells"),
        max_upload_bytes=int(setting("max_upload_mb") * 2**20),
    )
