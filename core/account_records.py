"""Accounts as the store keeps them: reading them (an absent or empty store has none), and the times they
carry (ISO UTC, to the second)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from core.account_rules import _clean_name
from core.storage import store


@dataclass(frozen=True)
class Account:
    username: str
    display_name: str
    role: str
    area: tuple[str, ...]  # district and/or commune codes (legacy or 2025); () = the whole province
    active: bool
    created: datetime
    last_signin: datetime | None

    @property
    def province_wide(self) -> bool:
        return not self.area


def _readable(url: str | None) -> bool:
    """True when the store holds the account tables (upgraded first when it is older); an absent or empty
    store has no account. StoreUnavailable when it is there but cannot be read: never "no account"."""
    return store.open_store(url) is not None


def any_accounts(url: str | None = None) -> bool:
    """True once the store holds at least one account (active or not): then every page asks to sign in."""
    if not _readable(url):
        return False
    with store.engine(url).connect() as conn:
        return conn.execute(select(store.accounts.c.username).limit(1)).first() is not None


def get_account(username: str, url: str | None = None) -> Account | None:
    name = _clean_name(username)
    if not name or not _readable(url):
        return None
    with store.engine(url).connect() as conn:
        row = conn.execute(select(store.accounts).where(store.accounts.c.username == name)).first()
    return None if row is None else _account(row)


def list_accounts(url: str | None = None) -> list[Account]:
    """Every account, by user name."""
    if not _readable(url):
        return []
    with store.engine(url).connect() as conn:
        rows = conn.execute(select(store.accounts).order_by(store.accounts.c.username)).all()
    return [_account(r) for r in rows]


def _account(row: Any) -> Account:
    return Account(
        username=row.username,
        display_name=row.display_name or "",
        role=row.role,
        area=tuple(json.loads(row.area or "[]")),
        active=bool(row.active),
        created=_parse_time(row.created_at),
        last_signin=_parse_time(row.last_signin) if row.last_signin else None,
    )


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def _aware(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _iso(value: datetime) -> str:
    return _aware(value).isoformat(timespec="seconds")


def _parse_time(text: str) -> datetime:
    return _aware(datetime.fromisoformat(text))
