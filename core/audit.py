"""The audit log: who did what, when, and with what (sign-ins, imports, confirmed synonyms, restores, exports,
account changes). It is kept in the store, beside the changes it records (core/storage/audit.py)."""

from __future__ import annotations

from core.storage.audit import ACTIONS, ACTOR_MAX, AuditEntry, entries, record, write  # noqa: F401 - the log's door
