"""Who may do what: the one access rule that pages and commands ask, and the account operations they use.

The rule (`allowed`): with no account in the store nobody signs in, and the operator may read, plan and export;
writing to the store (import, restore, adopting a plan) then needs the write token or the editor password. With
accounts in the store, only an active account whose role allows the action may.
Pages and commands reach accounts only through this module (an import-linter contract keeps them from
`core.accounts`).
"""

from __future__ import annotations

from core import accounts
from core.accounts import (
    ROLES,
    Account,
    AccountError,
    SignIn,
    account_for_token,
    any_accounts,
    end_session,
    get_account,
    resume_session,
    session_count,
    sign_in,
)
from core.model.scope import PROVINCE, Area

__all__ = [
    "ROLES",
    "Account",
    "AccountError",
    "SignIn",
    "account_area",
    "account_for_token",
    "allowed",
    "any_accounts",
    "end_session",
    "get_account",
    "resume_session",
    "session_count",
    "sign_in",
]


def allowed(account: Account | None, action: str, *, accounts_on: bool, write_authorized: bool | None = None) -> bool:
    """Whether `action` (`read`, `plan`, `export`, `import`, `restore`, `audit`, …) may be done.

    `accounts_on`: whether the store holds any account (`any_accounts`). `write_authorized` is given for an
    action that writes to the store (an import, a restore, adopting a plan): without accounts such an action
    needs the write token or the editor password, which the caller checked; everything else is then open but
    the audit log (it has no reader without accounts). With accounts: an active `account` whose role may."""
    if not accounts_on:
        if action == "audit":
            return False
        return True if write_authorized is None else write_authorized
    return account is not None and account.active and accounts.may(account.role, action)


def account_area(name: str | None, action: str, url: str | None) -> Area | None:
    """The area in which `--as NAME` acts (the province without a name: the operator at the command line); None
    when the account is unknown, disabled or its role may not do `action` (told apart by nobody: the caller
    prints one refusal)."""
    if name is None:
        return PROVINCE
    account = accounts.get_account(name, url)
    if not allowed(account, action, accounts_on=True):
        return None
    return Area.of(account.area)
