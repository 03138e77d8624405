"""What the pages and the commands record in the audit log (core.audit): imports, restores and exports, with
who did them. Recorded only in a store that is there (a dry run on the demo creates no store file); a log
that cannot be written is logged and never stops the work it records."""

from __future__ import annotations

import getpass
import logging
from typing import Any

from core.model.filters import Filter
from core.model.scope import Area
from core.storage import store

_LOG = logging.getLogger("dxmap.audit")


def cli_actor(account: str | None = None) -> str:
    """The command line's actor: the account it acts as (`--as`), else `cli:<os user>`."""
    if account:
        return account
    try:
        return f"cli:{getpass.getuser()}"
    except Exception:  # noqa: BLE001 - no user name in this environment
        return "cli:?"


def record(actor: str | None, action: str, detail: dict[str, Any], url: str | None) -> None:
    try:
        if store.open_store(url) is None:
            return
        from core import audit

        audit.record(actor, action, detail, url=url)
    except Exception:  # noqa: BLE001
        _LOG.exception("the audit log could not record %s", action)


def export_detail(kind: str, flt: Filter, area: Area, lang: str, **extra: Any) -> dict[str, Any]:
    """An export's entry: the file kind, the filter as its link parameters, the area and the language."""
    return {"kind": kind, "filter": flt.to_query_params(), "area": list(area.codes), "lang": lang, **extra}


def record_export(actor: str | None, kind: str, flt: Filter, area: Area, lang: str, url: str | None, **extra) -> None:
    record(actor, "export", export_detail(kind, flt, area, lang, **extra), url)
