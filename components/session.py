"""Who this browser session is: the signed-in account (re-read from the store every run, so a disabled account
or a changed area applies at once), its area, and whether the store has accounts at all.

With no account in the store, nobody signs in: the session is the operator's, its area the province.

Staying signed in: a sign-in's session token (core.accounts) is kept by the browser in the `dxmap_session`
cookie, so a reload or a saved link (a new Streamlit session) opens signed in. Streamlit reads request cookies
(`st.context.cookies`, those of the session's websocket) but cannot set one from the server, so a few lines of
script in a hidden `st.html` element write it (Path=/, SameSite=Strict, Secure over https, Max-Age = the
inactivity timeout) and clear it on sign-out. A script-written cookie cannot be HttpOnly.
"""

from __future__ import annotations

import json
import logging
import time

import streamlit as st

from components.state import (
    ACCOUNT_KEY,
    ACCOUNT_OBJ_KEY,
    ACCOUNT_VIEW_KEYS,
    ACCOUNTS_ON_KEY,
    ACCOUNTS_RUN_KEY,
    COOKIE_OP_KEY,
    RUN_KEY,
    SEEN_KEY,
    TOKEN_KEY,
    TOUCHED_KEY,
    TRIED_KEY,
)
from core.model.scope import PROVINCE, Area
from services.storage import resolve_url

COOKIE = "dxmap_session"
_LOG = logging.getLogger("dxmap.auth")


def store_url() -> str:
    return resolve_url(None)


def accounts_on() -> bool:
    """Whether the store holds at least one account (then every page needs a signed-in session). Asked once a
    run; a store that cannot be asked raises (the caller shows the store-down page: never an open door)."""
    if ACCOUNTS_ON_KEY not in st.session_state or st.session_state.get(ACCOUNTS_RUN_KEY) != _run_id():
        from services.access import any_accounts

        st.session_state[ACCOUNTS_ON_KEY] = bool(any_accounts(store_url()))
        st.session_state[ACCOUNTS_RUN_KEY] = _run_id()
    return st.session_state[ACCOUNTS_ON_KEY]


def _run_id() -> int:
    """Changes with every script run of this session (the script's own counter)."""
    return st.session_state.get(RUN_KEY, 0)


def next_run() -> None:
    """Called once at the top of each run: answers cached for one run are asked again."""
    st.session_state[RUN_KEY] = _run_id() + 1
    st.session_state.pop(ACCOUNT_OBJ_KEY, None)


def current_account():
    """The signed-in Account (active, still in the store), or None."""
    name = st.session_state.get(ACCOUNT_KEY)
    if not name:
        return None
    if ACCOUNT_OBJ_KEY not in st.session_state:
        from services.access import get_account

        account = get_account(name, store_url())
        if account is None or not account.active:
            _LOG.info("a session of an account that is gone or disabled was signed out")
            sign_out()
            return None
        st.session_state[ACCOUNT_OBJ_KEY] = account
    return st.session_state[ACCOUNT_OBJ_KEY]


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
    """Whether the signed-in account's role may do `action` (`import`, `restore`, `audit`, …); False when
    nobody is signed in."""
    from services.access import allowed as rule

    return rule(current_account(), action, accounts_on=True)


def allowed(action: str, write_authorized: bool | None = None) -> bool:
    """The access rule (services.access.allowed) for this session: with accounts, what the signed-in account's
    role may; without, everything but the audit log, and a write (`write_authorized` given) when the write
    token or editor password was given."""
    from services.access import allowed as rule

    return rule(current_account(), action, accounts_on=accounts_on(), write_authorized=write_authorized)


def sign_in_session(username: str, token: str | None = None, lifetime: float = 0.0) -> None:
    """This session is `username`'s; with a session token, the browser is told to keep it (next run)."""
    st.session_state[ACCOUNT_KEY] = username
    st.session_state[SEEN_KEY] = time.time()
    for key in (*ACCOUNT_VIEW_KEYS, ACCOUNT_OBJ_KEY):
        st.session_state.pop(key, None)
    if token:
        st.session_state[TOKEN_KEY] = token
        st.session_state[TOUCHED_KEY] = time.time()
        st.session_state[COOKIE_OP_KEY] = ("set", token, lifetime)
    else:
        st.session_state.pop(TOKEN_KEY, None)


def sign_out() -> None:
    """Ends the session's sign-in; its session token is deleted from the store and the browser's cookie
    cleared (on the next run's page), so a reload shows the sign-in form (in every tab of the browser)."""
    token = expire()
    if token:
        from services.access import end_session

        try:
            end_session(token, store_url())
        except Exception:  # noqa: BLE001 - the store cannot be written: the token still runs out with its timeout
            _LOG.warning("a signed-out session's token could not be deleted from the store", exc_info=True)
        st.session_state[COOKIE_OP_KEY] = ("clear",)


def expire() -> str | None:
    """Ends this session's sign-in and returns its session token, left in the store and the browser: another
    tab of the same browser may be keeping it alive (an idle tab timing out must not sign the others out)."""
    token = st.session_state.pop(TOKEN_KEY, None)
    for key in (ACCOUNT_KEY, SEEN_KEY, ACCOUNT_OBJ_KEY, *ACCOUNT_VIEW_KEYS):
        st.session_state.pop(key, None)
    st.session_state.pop(TOUCHED_KEY, None)
    return token


def refresh_every(lifetime: float) -> float:
    """How often a signed-in session pushes its token's expiry on (and rewrites the cookie): every 5 minutes,
    more often for a short timeout. The token then expires at most this long before the session itself."""
    return min(300.0, lifetime / 4)


def keep_alive(lifetime: float) -> bool:
    """Called on each run of a signed-in session: slides its token's expiry now and then. False when the token
    was revoked meanwhile (signed out elsewhere, a new password, the account disabled): the session ends."""
    token = st.session_state.get(TOKEN_KEY)
    if not token:
        return True
    now = time.time()
    if now - st.session_state.get(TOUCHED_KEY, 0.0) < refresh_every(lifetime):
        return True
    from services.access import resume_session

    try:
        account = resume_session(token, lifetime=lifetime, url=store_url(), opening=False)
    except Exception:  # noqa: BLE001 - a store that cannot be written now: try again on a later run
        _LOG.warning("a session token's expiry could not be pushed on", exc_info=True)
        return True
    if account is None or account.username != st.session_state.get(ACCOUNT_KEY):
        return False
    st.session_state[TOUCHED_KEY] = now
    st.session_state[COOKIE_OP_KEY] = ("set", token, lifetime)
    return True


def resume_from_cookie(lifetime: float) -> bool:
    """A session that is not signed in, opened by a browser holding a valid `dxmap_session` cookie, is signed
    in as its account (True). An unknown, altered or expired cookie is cleared and False returned: the sign-in
    form follows, never an error. Each cookie value is tried once per session."""
    try:
        value = st.context.cookies.get(COOKIE)
    except Exception:  # noqa: BLE001 - no browser behind this run (tests, bare mode)
        return False
    if not value or st.session_state.get(TRIED_KEY) == value:
        return False
    st.session_state[TRIED_KEY] = value
    if resume_token(value, lifetime):
        return True
    _LOG.info("a browser's session cookie was unknown, altered or expired; it is cleared")
    st.session_state[COOKIE_OP_KEY] = ("clear",)
    return False


def resume_token(token: str, lifetime: float) -> bool:
    """Signs this session in with a session token that is still valid (True); False otherwise, never an error."""
    from services.access import resume_session

    try:
        account = resume_session(token, lifetime=lifetime, url=store_url())
    except Exception:  # noqa: BLE001 - the store cannot be written: the form, as without a token
        _LOG.warning("a remembered sign-in could not be checked", exc_info=True)
        return False
    if account is None:
        return False
    sign_in_session(account.username, token, lifetime)
    return True


_HIDE = "<style>.st-key-dx_cookie{display:none}</style>"


def flush_cookie() -> None:
    """Writes (or clears) the browser's cookie when a sign-in, a refresh or a sign-out asked for it: a hidden
    element whose script sets `document.cookie`; nothing on other runs."""
    op = st.session_state.pop(COOKIE_OP_KEY, None)
    if op is None:
        return
    if op[0] == "set":
        _kind, token, lifetime = op
        attributes = f"; Path=/; Max-Age={max(int(lifetime), 1)}; SameSite=Strict"
        value = json.dumps(f"{COOKIE}={token}{attributes}")
    else:
        value = json.dumps(f"{COOKIE}=; Path=/; Max-Age=0; SameSite=Strict")
    stamp = int(time.time() * 1000)  # a changed body runs the script again, even where the element stayed
    script = (
        f"<script>/* {stamp} */ document.cookie = {value}"
        " + (window.location.protocol === 'https:' ? '; Secure' : '');</script>"
    )
    st.html(_HIDE, width="content")
    with st.container(key="dx_cookie"):
        st.html(script, unsafe_allow_javascript=True)
