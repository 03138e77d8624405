"""The audit log, in the store: who did what, when, and with what (sign-ins, imports, confirmed synonyms,
restores, exports, account changes).

`actor` is an account's user name, a typed user name for a failed sign-in, `cli:<os user>` for the command
line, or "" for nobody signed in (a store without accounts). `detail` is a small JSON object; keys that could
hold a secret (password, token, secret, hash) are dropped before anything is written, so a caller's mistake
cannot put one in the log. Times are UTC.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import insert, select

from core.storage import store

ACTIONS = (
    "signin_ok",
    "signin_failed",
    "import_dry_run",
    "import_commit",
    "restore",
    "synonyms_confirmed",
    "export",
    "account_add",
    "account_disable",
    "account_password",
    "account_area",
    "plan_adopt",
)
_SECRET_KEY = re.compile(r"pass|token|secret|hash|credential", re.IGNORECASE)
ACTOR_MAX = 200


@dataclass(frozen=True)
class AuditEntry:
    at: datetime  # UTC
    actor: str
    action: str
    detail: dict


def record(actor: str | None, action: str, detail: dict | None = None, *, url: str | None = None) -> None:
    """Append one entry in its own write transaction (the store is created when it is absent)."""
    with store.write_transaction(url) as conn:
        write(conn, actor, action, detail)


def write(conn: Any, actor: str | None, action: str, detail: dict | None = None, *, at: datetime | None = None) -> None:
    """Append one entry inside the caller's write transaction (so a change and its record commit together)."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    when = datetime.now(UTC) if at is None else (at.replace(tzinfo=UTC) if at.tzinfo is None else at.astimezone(UTC))
    conn.execute(
        insert(store.audit_log).values(
            at=when.isoformat(timespec="seconds"),
            actor=(actor or "")[:ACTOR_MAX],
            action=action,
            detail=json.dumps(_without_secrets(detail or {}), ensure_ascii=False, default=str, sort_keys=True),
        )
    )


def _without_secrets(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _without_secrets(v) for k, v in value.items() if not _SECRET_KEY.search(str(k))}
    if isinstance(value, list | tuple | set | frozenset):
        return [_without_secrets(v) for v in value]
    return value


def entries(since: datetime | None = None, *, url: str | None = None) -> list[AuditEntry]:
    """Every entry at or after `since` (a naive time is taken as UTC), oldest first; none for an absent store."""
    if store.open_store(url) is None:
        return []
    query = select(store.audit_log).order_by(store.audit_log.c.at, store.audit_log.c.id)
    if since is not None:
        bound = since.replace(tzinfo=UTC) if since.tzinfo is None else since.astimezone(UTC)
        query = query.where(store.audit_log.c.at >= bound.isoformat(timespec="seconds"))
    with store.engine(url).connect() as conn:
        rows = conn.execute(query).all()
    return [
        AuditEntry(
            at=datetime.fromisoformat(r.at).astimezone(UTC),
            actor=r.actor or "",
            action=r.action,
            detail=json.loads(r.detail or "{}"),
        )
        for r in rows
    ]
