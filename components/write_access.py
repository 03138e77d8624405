"""Who may commit and restore in this session: the write token (from the start-up link or typed on /data) or
the editor password, and only when the page was opened through an allowed host name. Logic is in core.auth."""

from __future__ import annotations

import logging
import math

import streamlit as st

from components.state import EDITOR_BACKOFF_KEY, EDITOR_KEY, EDITOR_PASSWORD_INPUT_KEY, WRITE_TOKEN_INPUT_KEY
from core import auth
from core.exports.safety import markdown_literal
from core.i18n import t

TOKEN_PARAM = "token"
_LOG = logging.getLogger("dxmap")


def request_host() -> str | None:
    """The Host header of the browser's connection (the name the page was opened as)."""
    return st.context.headers.get("host")


def client_key() -> str:
    """The address this session's browser connects from (core.auth.client_key): the websocket's own, or the
    proxy's X-Real-IP when the connection comes from this machine."""
    try:
        return auth.client_key(st.context.ip_address, st.context.headers.get("x-real-ip"))
    except Exception:  # noqa: BLE001 - no browser behind this run (tests, bare mode)
        return "local"


def _backoff() -> auth.Backoff:
    if EDITOR_BACKOFF_KEY not in st.session_state:
        st.session_state[EDITOR_BACKOFF_KEY] = auth.new_session_backoff()
    return st.session_state[EDITOR_BACKOFF_KEY]


def _wait_text(seconds: float, lang: str) -> str:
    if seconds >= 60:
        return t("auth_wait_minutes", lang, n=math.ceil(seconds / 60))
    return t("auth_wait_seconds", lang, n=math.ceil(seconds))


def _try(check, given: str, what: str, wrong_key: str, lang: str) -> str | None:
    """Check a secret through the brake; authorize the session when right. Returns the message to show."""
    attempt = auth.try_secret(check, given, _backoff(), what, client=auth.client_backoff(client_key()))
    if attempt.ok:
        st.session_state[EDITOR_KEY] = True
        return None
    if attempt.wait_seconds > 0:
        return t(wrong_key, lang) + " " + t("auth_locked", lang, wait=_wait_text(attempt.wait_seconds, lang))
    return t(wrong_key, lang)


def accept_link_token(lang: str) -> None:
    """`?token=…` on any page: authorize this session, then take the token out of the address bar."""
    given = st.query_params.get(TOKEN_PARAM)
    if given is None:
        return
    del st.query_params[TOKEN_PARAM]
    if not auth.host_allowed(request_host()) or auth.write_token() is None:
        return  # never checked from another host name: the page cannot use this server to test guesses
    message = _try(auth.check_token, given, "write token (link)", "write_link_wrong", lang)
    if message:
        st.warning(message)


def session_may_write(action: str = "import") -> bool:
    """Checked again at every write, on this run's connection. With accounts in the store: the signed-in
    account's role may do `action` (`import` or `restore`); the write token and the legacy editor password
    then count for nothing. Without accounts: the token or the password, as before."""
    from components import session

    authorized = auth.may_write(bool(st.session_state.get(EDITOR_KEY)), request_host())
    return session.allowed(action, write_authorized=authorized) and auth.host_allowed(request_host())


def refused(lang: str, action: str = "import") -> bool:
    """A write this session may not make (a click on a disabled button can still arrive): say so; True then."""
    if session_may_write(action):
        return False
    _LOG.warning("a write from a session without write access was refused")
    st.error(t("write_refused", lang))
    return True


def _account_panel(lang: str) -> bool:
    """With accounts: what the signed-in account may write (no token or password box)."""
    from components import session

    account = session.current_account()
    if account is None:
        return False
    name = markdown_literal(account.display_name or account.username)
    role = t(f"acct_role_{account.role}", lang)
    if not session.may("import"):
        st.info(t("signin_read_only", lang, name=name, role=role))
        return False
    restore = t("signin_may_restore", lang) if session.may("restore") else ""
    st.success(t("signin_may_write", lang, name=name, role=role, restore=restore))
    return True


def write_panel(lang: str) -> bool:
    """Why this session may or may not write, with the token and password boxes; True when it may."""
    from components import session

    host = request_host()
    if not auth.host_allowed(host):
        st.error(t("write_host_refused", lang, host=markdown_literal(host or "?")))
        return False
    if session.accounts_on():
        return _account_panel(lang)
    if st.session_state.get(EDITOR_KEY):
        return _signed_in(lang)
    token, password = auth.write_token() is not None, auth.password_required()
    if not token and not password:
        st.warning(t("write_no_token", lang))
        return False
    st.warning(t("write_needed" if token else "editor_needed", lang))
    if token:
        _token_box(lang)
    if password:
        _password_box(lang)
    return False


def _signed_in(lang: str) -> bool:
    cols = st.columns([4, 1])
    cols[0].success(t("write_allowed", lang))
    if cols[1].button(t("editor_signout", lang), key="dx_signout"):
        st.session_state[EDITOR_KEY] = False
        st.rerun()
    return True


def _token_box(lang: str) -> None:
    given = st.text_input(t("write_token_label", lang), type="password", key=WRITE_TOKEN_INPUT_KEY)
    if st.button(t("write_token_submit", lang), key="dx_token_submit"):
        message = _try(auth.check_token, given, "write token", "write_token_wrong", lang)
        if message is None:
            st.session_state.pop(WRITE_TOKEN_INPUT_KEY, None)
            st.rerun()
        st.error(message)


def _password_box(lang: str) -> None:
    st.markdown(f"**{t('editor_signin_heading', lang)}**")
    given = st.text_input(t("editor_password", lang), type="password", key=EDITOR_PASSWORD_INPUT_KEY)
    if st.button(t("editor_signin", lang), key="dx_signin"):
        message = _try(auth.check_password, given, "editor password", "editor_wrong", lang)
        if message is None:
            st.session_state.pop(EDITOR_PASSWORD_INPUT_KEY, None)
            st.rerun()
        st.error(message)
