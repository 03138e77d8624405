"""Confirmed synonyms: a word a report writes its own way ("Buổi hướng dẫn tập trung", "Bản Na Sang 1") and
what a person confirmed it means (the activity kind `session`, the village `V0123`), per province, with who
confirmed it and when. Every later import of that province reads them (core/ingest/reconcile.py).

Kept outside the versions: a synonym is knowledge about how a province writes, not data; restoring an old
version keeps it. Confirming the same word again replaces the earlier answer.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import delete, insert, select

from core.model.text_keys import value_key
from core.storage import store


@dataclass(frozen=True)
class Synonym:
    """`value` (as first written) of `field` means `target`; `value_key` is its folded form."""

    field: str
    value: str
    target: str
    who: str = ""
    created_at: str = ""

    @property
    def value_key(self) -> str:
        return value_key(self.field, self.value)


def load(province_code: str, url: str | None = None) -> list[Synonym]:
    """The province's synonyms, oldest first; none when the store is absent or holds none."""
    if not store.exists(url) or store.open_store(url) is None:
        return []
    table = store.synonyms
    with store.engine(url).connect() as conn:
        rows = conn.execute(
            select(table).where(table.c.province_code == province_code).order_by(table.c.created_at)
        ).all()
    return [Synonym(r.field, r.value, r.target, r.who, r.created_at) for r in rows]


def save(province_code: str, entries: Iterable[Synonym], actor: str | None = None, url: str | None = None) -> int:
    """Store confirmed synonyms (one transaction, under the store's write lock); returns how many.

    `actor` is who confirmed (the signed-in account's name; None: "operator")."""
    entries = [e for e in entries if e.value_key]
    if not entries:
        return 0
    who = (actor or "operator").strip()[:200] or "operator"
    now = datetime.now(UTC).isoformat(timespec="seconds")
    table = store.synonyms
    with store.write_transaction(url) as conn:
        for e in entries:
            key = (table.c.province_code == province_code) & (table.c.field == e.field)
            conn.execute(delete(table).where(key & (table.c.value_key == e.value_key)))
            conn.execute(
                insert(table).values(
                    province_code=province_code,
                    field=e.field,
                    value_key=e.value_key,
                    value=e.value,
                    target=e.target,
                    who=who,
                    created_at=now,
                )
            )
    return len(entries)
