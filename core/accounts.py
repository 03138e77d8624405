"""Accounts, roles and areas, kept in the store (the same SQLite file or PostgreSQL database as the data).

A role says what an account may do (`may`), its area where: a list of district and/or commune codes (legacy or
July-2025; the crosswalk applies), or `()` for the whole province. Passwords are hashed with argon2id
(argon2-cffi) and are never logged, printed or written to the audit log.

Signing in: 10 wrong passwords for one user name lock it for 15 minutes. The count lives in the store, so it
holds across app replicas and restarts, and it is kept for any typed name, known or not: a lock, its message and
the time a check takes say nothing about whether an account exists (an unknown name is checked against a dummy
hash). A disabled account is refused with the same answer as a wrong password. Every sign-in is recorded in the
audit log (core/audit.py), and every account change with the actor that made it.

Staying signed in: a successful sign-in may ask for a session token (`sign_in(..., remember=seconds)`), a random
`secrets.token_urlsafe(32)` the browser keeps in a cookie. The store keeps only its SHA-256, with the account, when
it was issued and last seen, when it expires (last seen + the inactivity timeout, sliding with use) and a mark of
the password hash it was issued under, so a copy of the database signs nobody in. `resume_session` turns a token
back into its account (read fresh: role, area, active) or None; disabling an account or setting its password
deletes its tokens, and a password changed any other way makes them stale.

Writes go through the store's write transaction (its lock); the password check itself runs outside it, so a
slow hash never holds other writers up. Reading an absent store finds no account and creates nothing.

This module is the door: account changes and signing in (the lock, the password hashes) are here; the roles
and the rules of names, passwords and areas are core/account_rules.py, reading accounts core/account_records.py,
remembered sign-ins core/session_tokens.py.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import delete, func, insert, select, update

from core import audit
from core.account_records import (  # noqa: F401 - reading accounts, through this module as before
    Account,
    _account,
    _aware,
    _iso,
    _now,
    _parse_time,
    _readable,
    any_accounts,
    get_account,
    list_accounts,
)
from core.account_rules import (  # noqa: F401 - roles and the rules of names, passwords and areas
    ACTIONS,
    PASSWORD_MAX,
    ROLES,
    AccountError,
    _attempt_key,
    _catalogue,
    _clean_display_name,
    _clean_name,
    area_catalogue,
    known_province,
    may,
    validate_area,
    validate_password,
    validate_role,
    validate_username,
)
from core.once import computed_once
from core.session_tokens import (  # noqa: F401 - remembered sign-ins
    _drop_tokens,
    _issue_token,
    account_for_token,
    end_session,
    resume_session,
    session_count,
    token_hash,
)
from core.storage import store

MAX_FAILURES = 10  # wrong passwords in a row before a user name is locked
LOCK_SECONDS = 15 * 60.0
# argon2id with argon2-cffi's defaults (RFC 9106 low-memory profile); tests may swap in cheaper parameters
_HASHER = PasswordHasher()


@dataclass(frozen=True)
class SignIn:
    account: Account | None  # None = refused
    wait_seconds: float = 0.0  # > 0: locked ("try again later"; never whether the account exists)
    token: str | None = None  # the session token of a sign-in asked to be remembered (never stored as it is)


# --- changing accounts ---------------------------------------------------------------------------------


def add_account(
    username: str,
    password: str,
    role: str,
    area: Iterable[str] = (),
    display_name: str = "",
    *,
    actor: str,
    url: str | None = None,
) -> Account:
    """A new active account. Works on an empty store (the store's tables are created first)."""
    name = validate_username(username)
    role = validate_role(role)
    codes = validate_area(role, area, url)
    display = _clean_display_name(display_name)
    validate_password(password)
    hashed = _HASHER.hash(password)
    created = _now()
    with store.write_transaction(url) as conn:
        if conn.execute(select(store.accounts.c.username).where(store.accounts.c.username == name)).first():
            raise AccountError("acct_exists", username=name)
        conn.execute(
            insert(store.accounts).values(
                username=name,
                display_name=display,
                role=role,
                area=json.dumps(list(codes)),
                active=True,
                password_hash=hashed,
                created_at=_iso(created),
                last_signin=None,
            )
        )
        conn.execute(delete(store.signin_attempts).where(store.signin_attempts.c.username == name))
        audit.write(conn, actor, "account_add", {"username": name, "role": role, "area": list(codes)})
    return Account(name, display, role, codes, True, created, None)


def disable_account(username: str, *, actor: str, url: str | None = None) -> None:
    """The account can no longer sign in (it stays, with its history). The last active admin cannot be
    disabled (nobody could manage accounts in the app any more)."""
    _set_active(username, False, actor=actor, url=url)


def enable_account(username: str, *, actor: str, url: str | None = None) -> None:
    """A disabled account may sign in again."""
    _set_active(username, True, actor=actor, url=url)


def _set_active(username: str, active: bool, *, actor: str, url: str | None) -> None:
    name = _clean_name(username)
    with store.write_transaction(url) as conn:
        row = _existing(conn, name)
        if not active and row.role == "admin" and row.active:
            others = conn.execute(
                select(func.count())
                .select_from(store.accounts)
                .where(store.accounts.c.role == "admin", store.accounts.c.active.is_(True))
                .where(store.accounts.c.username != name)
            ).scalar()
            if not others:
                raise AccountError("acct_last_admin", username=name)
        conn.execute(update(store.accounts).where(store.accounts.c.username == name).values(active=active))
        if not active:
            _drop_tokens(conn, name)
        audit.write(conn, actor, "account_disable", {"username": name, "active": active})


def set_password(username: str, password: str, *, actor: str, url: str | None = None) -> None:
    """A new password; it also lifts a lock on the user name and ends every remembered sign-in of the account."""
    name = _clean_name(username)
    validate_password(password)
    hashed = _HASHER.hash(password)
    with store.write_transaction(url) as conn:
        _existing(conn, name)
        conn.execute(update(store.accounts).where(store.accounts.c.username == name).values(password_hash=hashed))
        conn.execute(delete(store.signin_attempts).where(store.signin_attempts.c.username == name))
        _drop_tokens(conn, name)  # every browser that stayed signed in signs in again
        audit.write(conn, actor, "account_password", {"username": name})


def set_area(username: str, codes: Iterable[str], *, actor: str, url: str | None = None) -> None:
    """A new area (codes as in `add_account`; empty = the whole province, where the role allows it)."""
    name = _clean_name(username)
    account = get_account(name, url)
    if account is None:
        raise AccountError("acct_unknown", username=name)
    area = validate_area(account.role, codes, url)
    with store.write_transaction(url) as conn:
        _existing(conn, name)
        conn.execute(
            update(store.accounts).where(store.accounts.c.username == name).values(area=json.dumps(list(area)))
        )
        audit.write(conn, actor, "account_area", {"username": name, "area": list(area)})


def _existing(conn: Any, name: str) -> Any:
    row = conn.execute(select(store.accounts).where(store.accounts.c.username == name)).first() if name else None
    if row is None:
        raise AccountError("acct_unknown", username=name)
    return row


# --- signing in ----------------------------------------------------------------------------------------


def sign_in(
    username: str, password: str, *, url: str | None = None, now: datetime | None = None, remember: float = 0.0
) -> SignIn:
    """Check a user name and password. Refused (account None) for a wrong password, an unknown name or a
    disabled account alike; `wait_seconds` > 0 while the name is locked (then the password is not checked).
    Records signin_ok / signin_failed in the audit log; a success sets the account's last sign-in. With
    `remember` > 0 (seconds of inactivity it may last) a success also issues a session token (`token`)."""
    now = _aware(now) if now is not None else _now()
    key = _attempt_key(username)
    readable = bool(key) and _readable(url)  # a blank name, or no store yet: nothing to count, nothing written
    row, attempts = _signin_rows(key, url) if readable else (None, None)
    wait = _lock_wait(attempts, now)
    if wait > 0:
        with store.write_transaction(url) as conn:
            audit.write(conn, key, "signin_failed", {"reason": "locked"}, at=now)
        return SignIn(None, wait)
    dummy = _dummy_hash()  # made on the first sign-in of either kind, so the first unknown name is not slower
    stored_hash = row.password_hash if row is not None else dummy
    matches = _verify(stored_hash, password) and row is not None
    ok = matches and bool(row.active)
    if not readable:
        return SignIn(None)
    with store.write_transaction(url) as conn:
        attempts = conn.execute(select(store.signin_attempts).where(store.signin_attempts.c.username == key)).first()
        wait = _lock_wait(attempts, now)
        if wait > 0:  # another try locked it while this one was being checked
            audit.write(conn, key, "signin_failed", {"reason": "locked"}, at=now)
            return SignIn(None, wait)
        if ok:  # unless the account was disabled or its password changed while the password was being checked
            fresh = conn.execute(select(store.accounts).where(store.accounts.c.username == key)).first()
            ok = fresh is not None and bool(fresh.active) and fresh.password_hash == row.password_hash
        if ok:
            values: dict[str, Any] = {"last_signin": _iso(now)}
            if _HASHER.check_needs_rehash(row.password_hash):
                values["password_hash"] = _HASHER.hash(password)
            conn.execute(update(store.accounts).where(store.accounts.c.username == key).values(**values))
            conn.execute(delete(store.signin_attempts).where(store.signin_attempts.c.username == key))
            audit.write(conn, key, "signin_ok", {}, at=now)
            password_hash = values.get("password_hash", fresh.password_hash)
            token = _issue_token(conn, key, password_hash, remember, now) if remember > 0 else None
            return SignIn(replace(_account(fresh), last_signin=now), token=token)
        wait = _count_failure(conn, key, attempts, now)
        reason = "disabled" if matches else ("unknown_user" if row is None else "wrong_password")
        audit.write(conn, key, "signin_failed", {"reason": reason, "locked": wait > 0}, at=now)
    return SignIn(None, wait)


def _signin_rows(key: str, url: str | None) -> tuple[Any, Any]:
    with store.engine(url).connect() as conn:
        row = conn.execute(select(store.accounts).where(store.accounts.c.username == key)).first()
        attempts = conn.execute(select(store.signin_attempts).where(store.signin_attempts.c.username == key)).first()
    return row, attempts


def _lock_wait(attempts: Any, now: datetime) -> float:
    if attempts is None or not attempts.locked_until:
        return 0.0
    return max(0.0, (_parse_time(attempts.locked_until) - now).total_seconds())


def _count_failure(conn: Any, key: str, attempts: Any, now: datetime) -> float:
    """One more wrong password for `key`; returns the lock in seconds it brought (0 when none). A failure
    after a lock ran out starts counting again; names whose last failure is older than a lock are forgotten."""
    table = store.signin_attempts
    conn.execute(delete(table).where(table.c.last_failure < _iso(now - timedelta(seconds=LOCK_SECONDS))))
    conn.execute(delete(table).where(table.c.username == key))
    expired = attempts is not None and attempts.locked_until is not None
    previous = 0 if attempts is None or expired else int(attempts.failures)
    failures = previous + 1
    locked_until = now + timedelta(seconds=LOCK_SECONDS) if failures >= MAX_FAILURES else None
    conn.execute(
        insert(table).values(
            username=key,
            failures=failures,
            last_failure=_iso(now),
            locked_until=_iso(locked_until) if locked_until else None,
        )
    )
    return LOCK_SECONDS if locked_until else 0.0


def _verify(stored_hash: str, password: str) -> bool:
    """The argon2 check, run for every attempt (a blank or oversized password is checked as a blank one and
    fails, taking the same time)."""
    usable = isinstance(password, str) and bool(password) and len(password) <= PASSWORD_MAX
    try:
        matches = _HASHER.verify(stored_hash, password if usable else "")
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False
    return usable and matches


@computed_once(maxsize=4)
def _dummy_hash_for(params: tuple) -> str:
    return _HASHER.hash(secrets.token_urlsafe(24))


def _dummy_hash() -> str:
    """A hash of a random password with the hasher's parameters: an unknown name costs what a known one does."""
    h = _HASHER
    return _dummy_hash_for((h.time_cost, h.memory_cost, h.parallelism, h.hash_len, h.salt_len, h.type))
