"""Managing accounts (what `cli.py users` does): add, list, disable, enable, set a password or an area. Who may
do what, signing in and sessions are in services.access."""

from __future__ import annotations

from core.accounts import (
    AccountError,
    add_account,
    disable_account,
    enable_account,
    get_account,
    list_accounts,
    session_count,
    set_area,
    set_password,
)

__all__ = [
    "AccountError",
    "add_account",
    "disable_account",
    "enable_account",
    "get_account",
    "list_accounts",
    "session_count",
    "set_area",
    "set_password",
]
