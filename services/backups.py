"""Backups of the store: a consistent copy while the app runs (one file, or dated in a folder), its
all-or-nothing restore, and a check that restores it into a scratch place and compares it with its record."""

from __future__ import annotations

from core.storage.backup import BackupError, backup, check, nightly, restore

__all__ = ["BackupError", "backup", "check", "nightly", "restore"]
