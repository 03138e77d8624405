"""Every download button of the app: drawn only for a session the download rule (services.downloads) lets have
the file, and its file recorded in the audit log when it is made."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from components.session import accounts_on, current_account, current_area, store_url
from core.i18n import t
from services import downloads
from services.audit_trail import export_detail


def requester() -> downloads.Requester:
    """This session as the download rule sees it."""
    return downloads.Requester(current_account(), accounts_on())


def refusal(kind: str, lang: str) -> str | None:
    """Why this session may not download `kind`, in words; None when it may."""
    why = downloads.refusal(kind, requester())
    return t(why, lang) if why else None


def download(
    kind: str,
    label: str,
    make: Callable[[], bytes],
    lang: str,
    *,
    where: Any = None,
    extra: dict | None = None,
    **button,
) -> bool:
    """A download button for a file of `kind` made by `make` when clicked (no rerun), in `where` (default: the
    page). Not drawn, and False, for a session that may not have the file."""
    asker = requester()
    if downloads.refusal(kind, asker) is not None:
        return False
    from components.filters import current_filter

    entry = export_detail(kind, current_filter(), current_area(), lang, **(extra or {}))
    entry.pop("kind")
    (where or st).download_button(
        label, data=downloads.audited(kind, make, asker, store_url(), entry), on_click="ignore", **button
    )
    return True


def record(kind: str, lang: str, **extra: Any) -> None:
    """The entry of a file this session was allowed to make before it was offered (the field sheets)."""
    from components.filters import current_filter

    entry = export_detail(kind, current_filter(), current_area(), lang, **extra)
    entry.pop("kind")
    downloads.record(kind, requester(), store_url(), entry)
