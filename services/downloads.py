"""Who may download which file, and the audit entry every download leaves: one rule for every button of every
page (exports, field packs, phone forms, chart tables, templates, the problem list, the audit log).

The rule is services.access.allowed, asked for the file's right: in a store without accounts nobody signs in,
and whoever runs the app downloads everything (its write token guards writes, not reads). With accounts, a file
needs a signed-in, active account whose role has the file's right: most files need `export`, so a viewer reads
the pages and downloads nothing; an import template needs `import`, the audit log `audit`. The rule is asked
when a page draws its buttons (a refused account gets none, or the reason) and again when a file is made (the
account may have been disabled or given another role meanwhile): a refused file is empty and leaves no entry.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from services import audit_trail
from services.access import Account, allowed, any_accounts, get_account

_LOG = logging.getLogger("dxmap.audit")

EXPORT_RIGHT = "export"
RIGHTS: Mapping[str, str] = {  # a file kind's right when it is not `export`
    "template": "import",
    "problems": "read",  # the problems of the person's own upload
    "audit_log": "audit",
}
REFUSED_SIGNIN = "download_refused_signin"
REFUSED_ROLE = "download_refused_role"


@dataclass(frozen=True)
class Requester:
    """Who asks for a file: the signed-in account (None: nobody), and whether the store has accounts at all."""

    account: Account | None
    accounts_on: bool

    @property
    def actor(self) -> str:
        """As the audit log records it: the user name, "" for nobody signed in (a store without accounts)."""
        return self.account.username if self.account is not None else ""


def right_of(kind: str) -> str:
    """The right a file kind needs (`chart_csv:teams` is a `chart_csv`)."""
    return RIGHTS.get(kind.split(":", 1)[0], EXPORT_RIGHT)


def refusal(kind: str, requester: Requester) -> str | None:
    """None when `requester` may download a file of `kind`; else why not, as a key of core/locale/access.py."""
    if allowed(requester.account, right_of(kind), accounts_on=requester.accounts_on):
        return None
    account = requester.account
    return REFUSED_SIGNIN if account is None or not account.active else REFUSED_ROLE


def requester_now(requester: Requester, url: str | None) -> Requester:
    """The same person as the store knows them now (disabled, removed or given another role since)."""
    if requester.account is None:
        return Requester(None, bool(any_accounts(url)))
    return Requester(get_account(requester.account.username, url), True)


def audited(
    kind: str, make: Callable[[], bytes], requester: Requester, url: str | None, detail: Mapping[str, Any]
) -> Callable[[], bytes]:
    """A download's file maker: asks the rule again, makes the file and records one `export` entry with
    `kind` and `detail` (filter, area, language, team…). A refused file is empty, and only logged."""

    def data() -> bytes:
        now = requester_now(requester, url)
        why = refusal(kind, now)
        if why is not None:
            _LOG.warning("a %s download was refused when it was made (%s)", kind, why)
            return b""
        payload = make()
        record(kind, now, url, detail)
        return payload

    return data


def record(kind: str, requester: Requester, url: str | None, detail: Mapping[str, Any]) -> None:
    """The audit entry of one download (for a file a page made before offering it)."""
    audit_trail.record(requester.actor, "export", {"kind": kind, **detail}, url)
