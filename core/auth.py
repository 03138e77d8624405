"""Who may write: one editor password (DXMAP_EDITOR_PASSWORD or .streamlit/secrets.toml), checked in
constant time and never logged. Accounts, roles and district-scoped users come later: `may_write` is the seam.
"""

from __future__ import annotations

import hmac
import os
import tomllib
from pathlib import Path

from core.config import ROOT

ENV_VAR = "DXMAP_EDITOR_PASSWORD"
SECRETS_FILE = ROOT / ".streamlit" / "secrets.toml"
SECRET_KEYS = ("editor_password", "DXMAP_EDITOR_PASSWORD")


def editor_password(secrets_file: Path = SECRETS_FILE) -> str | None:
    """The configured editor password, or None when there is none (the app then listens on localhost only)."""
    value = os.environ.get(ENV_VAR)
    if value:
        return value
    try:
        data = tomllib.loads(secrets_file.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        return None
    for key in SECRET_KEYS:
        found = data.get(key) or (data.get("dxmap") or {}).get(key)
        if isinstance(found, str) and found:
            return found
    return None


def password_required(secrets_file: Path = SECRETS_FILE) -> bool:
    return editor_password(secrets_file) is not None


def check_password(given: str, secrets_file: Path = SECRETS_FILE) -> bool:
    """True when `given` is the editor password (constant-time comparison); False when none is configured."""
    expected = editor_password(secrets_file)
    if expected is None or not given:
        return False
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def may_write(signed_in: bool, secrets_file: Path = SECRETS_FILE) -> bool:
    """Committing and restoring: allowed to a signed-in editor, or to anyone when no password is configured."""
    return signed_in or not password_required(secrets_file)
