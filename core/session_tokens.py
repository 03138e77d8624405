"""Remembered sign-ins: a session token the browser keeps in a cookie. The store keeps only its SHA-256, with the
account, when it was issued and last seen, when it expires (last seen + the inactivity timeout, sliding with use)
and a mark of the password hash it was issued under, so a copy of the database signs nobody in."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, insert, select, update

from core import audit
from core.account_records import Account, _account, _aware, _iso, _now, _parse_time, _readable
from core.account_rules import _clean_name
from core.storage import store

TOKEN_BYTES = 32  # secrets.token_urlsafe(32): 43 characters, 256 random bits
TOKEN_MAX = 128  # a cookie value longer than this is not one of ours: not even looked up


def token_hash(token: str) -> str:
    """What the store keeps of a token: its SHA-256, in hex."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _password_mark(password_hash: str) -> str:
    return hashlib.sha256(password_hash.encode("utf-8")).hexdigest()


def _issue_token(conn: Any, username: str, password_hash: str, lifetime: float, now: datetime) -> str:
    """A new token for `username`, valid `lifetime` seconds from now (inside the caller's write transaction);
    tokens of anybody that have run out are dropped on the way."""
    table = store.session_tokens
    conn.execute(delete(table).where(table.c.expires_at <= _iso(now)))
    token = secrets.token_urlsafe(TOKEN_BYTES)
    conn.execute(
        insert(table).values(
            token_hash=token_hash(token),
            username=username,
            created_at=_iso(now),
            last_seen=_iso(now),
            expires_at=_iso(now + timedelta(seconds=lifetime)),
            password_mark=_password_mark(password_hash),
        )
    )
    return token


def resume_session(
    token: str, *, lifetime: float, url: str | None = None, now: datetime | None = None, opening: bool = True
) -> Account | None:
    """The account a session token stands for, read fresh from the store, or None: an unknown or altered token,
    one past its expiry, one whose account is disabled or gone, or whose password changed since it was issued
    (such a token is deleted). A valid token's expiry slides to now + `lifetime`.

    `opening`: the token opens a new browser session (a reload, a saved link): the account's last sign-in is
    set and the audit log records `signin_ok` with `{"via": "cookie"}` (never the token). False for a session
    that keeps its own token alive."""
    now = _aware(now) if now is not None else _now()
    if not isinstance(token, str) or not token or len(token) > TOKEN_MAX or not _readable(url):
        return None
    digest = token_hash(token)
    table = store.session_tokens
    with store.engine(url).connect() as conn:  # a read first: an unknown token costs no write
        if conn.execute(select(table.c.token_hash).where(table.c.token_hash == digest)).first() is None:
            return None
    with store.write_transaction(url) as conn:
        found = conn.execute(select(table).where(table.c.token_hash == digest)).first()
        if found is None:  # signed out meanwhile
            return None
        row = conn.execute(select(store.accounts).where(store.accounts.c.username == found.username)).first()
        valid = (
            row is not None
            and bool(row.active)
            and _parse_time(found.expires_at) > now
            and hmac.compare_digest(found.password_mark, _password_mark(row.password_hash))
        )
        if not valid:
            conn.execute(delete(table).where(table.c.token_hash == digest))
            return None
        expires = now + timedelta(seconds=lifetime)
        conn.execute(
            update(table).where(table.c.token_hash == digest).values(last_seen=_iso(now), expires_at=_iso(expires))
        )
        account = _account(row)
        if opening:
            conn.execute(
                update(store.accounts).where(store.accounts.c.username == row.username).values(last_signin=_iso(now))
            )
            audit.write(conn, row.username, "signin_ok", {"via": "cookie"}, at=now)
            account = replace(account, last_signin=now)
    return account


def account_for_token(token: str, url: str | None = None, now: datetime | None = None) -> Account | None:
    """The account a session token stands for, or None, like `resume_session` but only reading: nothing slides,
    nothing is recorded (for checking who fetches a file, many times a page)."""
    now = _aware(now) if now is not None else _now()
    if not isinstance(token, str) or not token or len(token) > TOKEN_MAX or not _readable(url):
        return None
    table = store.session_tokens
    with store.engine(url).connect() as conn:
        found = conn.execute(select(table).where(table.c.token_hash == token_hash(token))).first()
        if found is None or _parse_time(found.expires_at) <= now:
            return None
        row = conn.execute(select(store.accounts).where(store.accounts.c.username == found.username)).first()
    if row is None or not row.active or not hmac.compare_digest(found.password_mark, _password_mark(row.password_hash)):
        return None
    return _account(row)


def end_session(token: str, url: str | None = None) -> None:
    """Sign-out: the token is deleted (a copy of the cookie no longer signs anybody in)."""
    if not isinstance(token, str) or not token or len(token) > TOKEN_MAX or not _readable(url):
        return
    table = store.session_tokens
    with store.write_transaction(url) as conn:
        conn.execute(delete(table).where(table.c.token_hash == token_hash(token)))


def session_count(username: str, url: str | None = None, now: datetime | None = None) -> int:
    """How many browsers `username` stays signed in on (unexpired tokens)."""
    now = _aware(now) if now is not None else _now()
    if not _readable(url):
        return 0
    table = store.session_tokens
    with store.engine(url).connect() as conn:
        return int(
            conn.execute(
                select(func.count())
                .select_from(table)
                .where(table.c.username == _clean_name(username), table.c.expires_at > _iso(now))
            ).scalar()
        )


def _drop_tokens(conn: Any, username: str) -> None:
    conn.execute(delete(store.session_tokens).where(store.session_tokens.c.username == username))
