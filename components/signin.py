"""The sign-in gate: once the store holds an account, every page first asks who you are (and shows no figure
before); a session signs out after `session_timeout` without a run; wrong attempts are braked per session
and per client address (core.auth) on top of each user name's own lockout (core.accounts), never for everybody at
once: the right password of a name that is not locked gets in from any client that has not been guessing. No
message says whether an account exists."""

from __future__ import annotations

import logging
import math
import time

import streamlit as st

from components import session
from components.state import LANG_KEY, SEEN_KEY, SIGNIN_BACKOFF_KEY, SIGNIN_EXPIRED_KEY, SIGNIN_MESSAGE_KEY
from core import auth
from core.exports.safety import markdown_literal
from core.i18n import t

# Sign-in brakes (the write token's are core.auth's): (failures, first lock, longest lock in seconds)
SIGNIN_TAB_POLICY = (10, 60.0, 15 * 60.0)  # one browser tab
# one client address, all its tabs together (a new tab per guess, names sprayed): 30 tries, then 2 s doubling to
# 15 minutes; each name's own lock is in the store (core.accounts), for every client and replica
SIGNIN_CLIENT_POLICY = (30, 2.0, 15 * 60.0)
_CLIENTS = auth.ClientBrakes(SIGNIN_CLIENT_POLICY)
_LOG = logging.getLogger("dxmap.auth")

_CSS = """
<style>
.dx-signin-note {color:#4a5560; font-size:0.95rem;}
</style>
"""


def timeout_seconds() -> float:
    """Inactivity before a session signs out (setting `session_timeout`, in seconds)."""
    from core.settings import setting

    return float(setting("session_timeout"))


def _backoff() -> auth.Backoff:
    """This session's brake: as many tries as an account has before it locks, then a minute, doubling."""
    if SIGNIN_BACKOFF_KEY not in st.session_state:
        st.session_state[SIGNIN_BACKOFF_KEY] = auth.Backoff(*SIGNIN_TAB_POLICY)
    return st.session_state[SIGNIN_BACKOFF_KEY]


def gate(lang: str) -> bool:
    """True when the page may be drawn: no accounts in the store, or a signed-in session that is still fresh.
    Otherwise the sign-in form is drawn and False returned (the caller stops before any figure)."""
    from components.context import store_down_page
    from services.storage import StoreError, StoreUnavailable, kind

    try:
        if not session.accounts_on():
            return True
    except StoreUnavailable as exc:  # never an open door because the accounts could not be read
        store_down_page(exc, lang)
    except StoreError as exc:
        st.error(t(exc.code, lang, **exc.params))
        st.stop()
    except Exception as exc:  # noqa: BLE001 - a database error while asking (e.g. the server stopped)
        down = StoreUnavailable(kind(session.store_url()))
        down.__cause__ = exc
        store_down_page(down, lang)
    now = time.time()
    lifetime = timeout_seconds()
    if session.current_account() is not None:
        seen = st.session_state.get(SEEN_KEY) or 0.0
        if now - seen <= lifetime:
            st.session_state[SEEN_KEY] = now
            if session.keep_alive(lifetime):
                session.flush_cookie()
                return True
            _LOG.info("a session whose remembered sign-in was revoked signed out")
            session.sign_out()
        else:
            token = session.expire()
            if token and session.resume_token(token, lifetime):  # another tab of the browser kept it alive
                session.flush_cookie()
                return True
            _LOG.info("a session signed out after %d minutes without activity", (now - seen) // 60)
            st.session_state[SIGNIN_EXPIRED_KEY] = True
    elif session.resume_from_cookie(lifetime):  # a reload or a saved link, from a browser that stayed signed in
        session.flush_cookie()
        return True
    session.flush_cookie()
    signin_form(lang)
    return False


def signin_form(lang: str) -> None:
    st.markdown(_CSS, unsafe_allow_html=True)
    _, middle, _ = st.columns([1, 1.2, 1])  # a form a person reads at a glance, on a laptop and a wall screen
    with middle:
        st.title(t("signin_heading", lang))
        st.markdown(f'<p class="dx-signin-note">{t("signin_intro", lang)}</p>', unsafe_allow_html=True)
        if st.session_state.pop(SIGNIN_EXPIRED_KEY, False):
            st.info(t("signin_expired", lang))
        message = st.session_state.pop(SIGNIN_MESSAGE_KEY, None)
        if message:
            st.error(message)
        with st.form("dx_signin", clear_on_submit=True, enter_to_submit=True):
            username = st.text_input(t("signin_username", lang), key="dx_signin_user", autocomplete="username")
            password = st.text_input(
                t("signin_password", lang), type="password", key="dx_signin_password", autocomplete="current-password"
            )
            submitted = st.form_submit_button(t("signin_submit", lang), type="primary", width="stretch")
        st.caption(t("remember_note", lang, duration=_duration(timeout_seconds(), lang)))
        _language_switch(lang)
    if submitted:
        _attempt(username, password, lang)


def _duration(seconds: float, lang: str) -> str:
    """The inactivity timeout as a person reads it: "8 giờ", "90 phút"."""
    if seconds >= 3600 and seconds % 3600 == 0:
        return t("remember_hours", lang, n=int(seconds // 3600))
    return t("remember_minutes", lang, n=max(1, round(seconds / 60)))


def _language_switch(lang: str) -> None:
    other = "en" if lang == "vi" else "vi"
    if st.button(t("signin_other_language", lang), key="dx_signin_lang", type="tertiary"):
        st.session_state[LANG_KEY] = other
        st.query_params["lang"] = other
        st.rerun()


def _attempt(username: str, password: str, lang: str) -> None:
    from services.access import sign_in

    found = {}

    def check(given: str) -> bool:
        result = sign_in((username or "").strip(), given, url=session.store_url(), remember=timeout_seconds())
        found["result"] = result
        return result.account is not None

    from components.write_access import client_key

    client = _CLIENTS.get(client_key())
    attempt = auth.try_secret(check, password or "", _backoff(), "account password", client=client)
    if attempt.ok:
        session.sign_in_session(found["result"].account.username, found["result"].token, timeout_seconds())
        st.rerun()
    wait = max(attempt.wait_seconds, getattr(found.get("result"), "wait_seconds", 0.0) or 0.0)
    text = t("acct_signin_locked", lang, minutes=math.ceil(wait / 60)) if wait > 0 else t("acct_signin_refused", lang)
    st.session_state[SIGNIN_MESSAGE_KEY] = text
    st.rerun()


def account_box(lang: str, dataset) -> None:
    """In the sidebar: who is signed in (name, role, area) and the sign-out button; nothing without accounts."""
    from core.model.scope import area_name

    account = session.current_account()
    if account is None:
        return
    role = t(f"acct_role_{account.role}", lang) if account.role in _ROLES else account.role
    name = markdown_literal(account.display_name or account.username)
    st.markdown(t("signin_as", lang, name=name, role=role))
    where = area_name(session.current_area(), dataset) if account.area else t("acct_province_wide", lang)
    st.caption(markdown_literal(t("signin_area", lang, area=where)))
    if st.button(t("signin_signout", lang), key="dx_signout_account", icon=":material/logout:", width="stretch"):
        session.sign_out()
        st.rerun()


_ROLES = ("admin", "planner", "district_lead", "viewer")
