"""Who this browser session is: the signed-in account (re-read from the store every run, so a disabled account
or a changed area applies at once), its area, and whether the store has accounts at all.

With no account in the store, nobody signs in: the session is the operator's, its area the province.
"""

from __future__ import annotations

import logging
import time

import streamlit as st

from core.model.scope import PROVINCE, Area
from core.storage import store

ACCOUNT_KEY = "dx_account"  # the signed-in username
SEEN_KEY = "dx_seen"  # time.time() of this session's last run while signed in
_LOG = logging.getLogger("dxmap.auth")


def store_url() -> str:
    return store.resolve_url(None)


def accounts_on() -> bool:
    """Whether the store holds at least one account (then every page needs a signed-in session). Asked once a
    run; a store that cannot be asked raises (the caller shows the store-down page: never an open door)."""
    if "_dx_accounts_on" not in st.session_state or st.session_state.get("_dx_accounts_run") != _run_id():
        from core.accounts import any_accounts

        st.session_state["_dx_accounts_on"] = bool(any_accounts(store_url()))
        st.session_state["_dx_accounts_run"] = _run_id()
    return st.session_state["_dx_accounts_on"]


def _run_id() -> int:
    """Changes with every script run of this session (the script's own counter)."""
    return st.session_state.get("_dx_run", 0)


def next_run() -> None:
    """Called once at the top of each run: answers cached for one run are asked again."""
    st.session_state["_dx_run"] = _run_id() + 1
    st.session_state.pop("_dx_account_obj", None)


def current_account():
    """The signed-in Account (active, still in the store), or None."""
    name = st.session_state.get(ACCOUNT_KEY)
    if not name:
        return None
    if "_dx_account_obj" not in st.session_state:
        from core.accounts import get_account

        account = get_account(name, store_url())
        if account is None or not account.active:
            _LOG.info("a session of an account that is gone or disabled was signed out")
            sign_out()
            return None
        st.session_state["_dx_account_obj"] = account
    return st.session_state["_dx_account_obj"]


def current_area() -> Area:
    """The area this session may see: the signed-in account's, else the province."""
    account = current_account()
    if account is None:
        return PROVINCE
    return Area.of(account.area)


def actor() -> str:
    """Who acts, as the audit log records it: the account's username, else "" (no accounts: nobody signed in)."""
    account = current_account()
    return account.username if account is not None else ""


def may(action: str) -> bool:
    """Whether the signed-in account's role may do `action` (`import`, `restore`, `audit`, …)."""
    account = current_account()
    if account is None:
        return False
    from core.accounts import may as role_may

    return bool(role_may(account.role, action))


def sign_in_session(username: str) -> None:
    st.session_state[ACCOUNT_KEY] = username
    st.session_state[SEEN_KEY] = time.time()
    st.session_state.pop("_dx_account_obj", None)
    for key in ("filter", "_written", "filter_notices", "plan", "dx_import_plan", "_fs_ready"):
        st.session_state.pop(key, None)  # the last account's view, plan and import stay behind


def sign_out() -> None:
    for key in (ACCOUNT_KEY, SEEN_KEY, "_dx_account_obj", "filter", "_written", "plan", "dx_import_plan", "_fs_ready"):
        st.session_state.pop(key, None)


def audited_export(kind: str, make, lang: str):
    """A download's data callable that records the export (with this run's filter and area) when the file is
    made. Who, area, filter and store are read now: the callable may run outside this script run."""
    import services
    from components.filters import current_filter

    who, area, flt, url = actor(), current_area(), current_filter(), store_url()

    def data() -> bytes:
        payload = make()
        services.audit_trail.record_export(who, kind, flt, area, lang, url)
        return payload

    return data
