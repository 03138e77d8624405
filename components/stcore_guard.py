"""Guards on Streamlit's own endpoints, as ASGI middleware in front of the app (asgi.py).

Streamlit answers anyone who reaches the port; these checks hold whoever connects:

- **Uploads** (`PUT /_stcore/upload_file/<session>/<file>`): accepted only from a session that may import and
  whose last run drew the Data page's file input (`offer_upload`, called where that input is drawn), only from
  the browser that opened the session, and only while the session's uploads together stay within
  `session_upload_mb`. A refused upload is answered (403, 411 or 413) before its body is read. `DELETE` of an
  upload is answered only for the browser that opened the session.
- **Clearing every cache**: Streamlit's `clear_cache` message (the developer menu's "Clear cache") empties the
  caches of all sessions. The app has no use for it, so the message is dropped on the websocket before
  Streamlit sees it.
- **Resuming a session by its id**: each browser gets an HttpOnly `dxmap_client` cookie with its first page.
  On the websocket the middleware hands Streamlit a digest of that cookie in the `X-Dxmap-Client` header, which
  `.streamlit/config.toml` names in `server.trustedUserHeaders`: Streamlit then binds the session to it and
  resumes a session (after a lost connection) only for the same browser. A header of that name sent by the
  client is always replaced; a connection without the cookie gets a value nobody else has.
- **Security headers** on every response: no framing by other sites, no MIME sniffing, HSTS over HTTPS.
- **Logs**: session and file ids (UUIDs) in log messages are shortened to their first 4 characters
  (`redact_ids`, installed once when this module is imported), so a log reader cannot resume or upload to a
  session.
"""

from __future__ import annotations

import hashlib
import logging
import re
import secrets
import threading
from collections import defaultdict
from http.cookies import CookieError, SimpleCookie

from components.state import RUN_KEY, UPLOAD_OFFER_KEY
from core import auth

CLIENT_COOKIE = "dxmap_client"
CLIENT_HEADER = b"x-dxmap-client"
CLIENT_USER_KEY = "dxmap_client"  # where server.trustedUserHeaders puts the header in the session's user info
_UPLOAD_PATH = re.compile(r"/_stcore/upload_file/(?P<session>[^/]+)/(?P<file>[^/]+)$")
_STREAM_SUFFIX = "/_stcore/stream"
_COOKIE_VALUE = re.compile(r"^[A-Za-z0-9_-]{32,64}$")
_LOG = logging.getLogger("dxmap.guard")

SECURITY_HEADERS = (
    (b"x-frame-options", b"SAMEORIGIN"),
    (b"content-security-policy", b"frame-ancestors 'self'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
)
HSTS = (b"strict-transport-security", b"max-age=31536000")


# --- the session's side: what the page offers -------------------------------------------------------------


def offer_upload() -> None:
    """Called where the page draws a file input this session may use: uploads are accepted until a later run
    of the session no longer draws it."""
    import streamlit as st

    st.session_state[UPLOAD_OFFER_KEY] = st.session_state.get(RUN_KEY, 0)


def upload_offered(session) -> bool:
    """Whether the Streamlit `session` (an AppSession) shows a file input it may use: its latest run drew one,
    or it is running again right after a run that did (the input is drawn again further down)."""
    try:
        state = session.session_state
        offered = state[UPLOAD_OFFER_KEY] if UPLOAD_OFFER_KEY in state else None
        run = state[RUN_KEY] if RUN_KEY in state else 0
    except Exception:  # noqa: BLE001 - a session being torn down: nothing is offered
        return False
    if offered is None:
        return False
    if offered == run:
        return True
    running = getattr(getattr(session, "_state", None), "name", "") == "APP_IS_RUNNING"
    return running and offered == run - 1


def session_upload_limit() -> int:
    from core.settings import setting

    return int(setting("session_upload_mb") * 2**20)


# --- request details ---------------------------------------------------------------------------------------


def cookie_value(headers, name: str) -> str | None:
    for key, value in headers:
        if key.lower() != b"cookie":
            continue
        jar = SimpleCookie()
        try:
            jar.load(value.decode("latin-1"))
        except CookieError:
            continue
        if name in jar:
            return jar[name].value
    return None


def header(headers, name: bytes) -> str | None:
    for key, value in headers:
        if key.lower() == name:
            return value.decode("latin-1")
    return None


def client_mark(headers) -> str | None:
    """The digest of the browser's `dxmap_client` cookie, or None when it has none (or a malformed one)."""
    value = cookie_value(headers, CLIENT_COOKIE)
    if not value or not _COOKIE_VALUE.match(value):
        return None
    return hashlib.sha256(value.encode()).hexdigest()[:32]


def _from_this_machine(scope) -> bool:
    client = scope.get("client") or ("", 0)
    return client[0] in ("127.0.0.1", "::1", "localhost")


def is_https(scope) -> bool:
    """The browser's connection is HTTPS: Streamlit's own TLS, or the proxy on this machine says so."""
    if scope.get("scheme") in ("https", "wss"):
        return True
    proto = header(scope.get("headers", []), b"x-forwarded-proto")
    return _from_this_machine(scope) and (proto or "").strip().lower() == "https"


# --- the middleware ----------------------------------------------------------------------------------------


class StcoreGuard:
    """ASGI middleware: the checks listed in this module's docstring."""

    def __init__(self, app, runtime=None) -> None:
        self.app = app
        self._runtime = runtime
        self._pending: dict[str, int] = defaultdict(int)  # bytes of uploads being received, per session
        self._lock = threading.Lock()

    def runtime(self):
        if self._runtime is None:
            from streamlit.runtime import Runtime

            self._runtime = Runtime.instance()
        return self._runtime

    async def __call__(self, scope, receive, send) -> None:
        kind = scope.get("type")
        if kind == "websocket" and scope.get("path", "").endswith(_STREAM_SUFFIX):
            await self.app(_with_client_header(scope), _without_clear_cache(receive), send)
            return
        if kind != "http":
            await self.app(scope, receive, send)
            return
        send = _with_security_headers(scope, send)
        match = _UPLOAD_PATH.search(scope.get("path", ""))
        if match and scope.get("method") in ("PUT", "DELETE"):
            await self._upload(scope, receive, send, match["session"], match["file"])
            return
        await self.app(scope, receive, send)

    # --- uploads -------------------------------------------------------------------------------------------

    async def _upload(self, scope, receive, send, session_id: str, file_id: str) -> None:
        headers = scope.get("headers", [])
        session = self.runtime().get_app_session(session_id)
        if session is None:  # no such session here: Streamlit answers 400 before reading the body
            await self.app(scope, receive, send)
            return
        if not _same_browser(session, headers):
            await _refuse(send, 403, "upload refused: not this browser's session")
            return
        if scope["method"] == "DELETE":
            await self.app(scope, receive, send)
            return
        if not auth.host_allowed(header(headers, b"host")) or not upload_offered(session):
            await _refuse(send, 403, "upload refused: this session is not offered a file input")
            return
        length_text = header(headers, b"content-length")
        if length_text is None or not length_text.strip().isdigit():
            await _refuse(send, 411, "upload refused: no Content-Length")
            return
        length = int(length_text)
        limit = session_upload_limit()
        with self._lock:
            held = _held_bytes(self.runtime(), session_id, except_file=file_id) + self._pending[session_id]
            if held + length > limit:
                refused = True
            else:
                refused = False
                self._pending[session_id] += length
        if refused:
            await _refuse(send, 413, "upload refused: the session's uploads would pass their limit")
            return
        try:
            await self.app(scope, _bounded(receive, length), send)
        finally:
            with self._lock:
                self._pending[session_id] -= length
                if self._pending[session_id] <= 0:
                    del self._pending[session_id]


def _same_browser(session, headers) -> bool:
    """The request comes from the browser whose cookie the session was opened with."""
    mark = client_mark(headers)
    if mark is None:
        return False
    try:
        return bool(session.matches_user_info({CLIENT_USER_KEY: mark}))
    except Exception:  # noqa: BLE001 - a session being torn down
        return False


def _held_bytes(runtime, session_id: str, except_file: str) -> int:
    """Bytes the session's uploads hold in Streamlit's upload manager now (a file being replaced not counted)."""
    manager = runtime.uploaded_file_mgr
    storage = getattr(manager, "file_storage", None)
    if storage is None:
        return 0
    files = storage.get(session_id) or {}
    return sum(len(rec.data) for file_id, rec in list(files.items()) if file_id != except_file)


def _bounded(receive, length: int):
    """`receive` that ends the request when the body runs past its announced length."""
    received = 0

    async def bounded():
        nonlocal received
        message = await receive()
        if message.get("type") == "http.request":
            received += len(message.get("body", b""))
            if received > length:
                return {"type": "http.disconnect"}
        return message

    return bounded


async def _refuse(send, status: int, why: str) -> None:
    _LOG.warning(why)
    body = why.encode()
    headers = [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode())]
    headers.append((b"connection", b"close"))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


# --- the websocket -----------------------------------------------------------------------------------------


def _with_client_header(scope):
    """The websocket's scope with `X-Dxmap-Client` set from the browser's cookie (never the client's own)."""
    headers = [(k, v) for k, v in scope.get("headers", []) if k.lower() != CLIENT_HEADER]
    mark = client_mark(headers) or "anonymous-" + secrets.token_hex(16)
    headers.append((CLIENT_HEADER, mark.encode()))
    return {**scope, "headers": headers}


def _without_clear_cache(receive):
    """`receive` that drops Streamlit's `clear_cache` back message (it would empty every session's caches)."""

    async def filtered():
        while True:
            message = await receive()
            data = message.get("bytes") if message.get("type") == "websocket.receive" else None
            if data and _is_clear_cache(data):
                _LOG.warning("a client's request to clear every cache was refused")
                continue
            return message

    return filtered


def _is_clear_cache(data: bytes) -> bool:
    from streamlit.proto.BackMsg_pb2 import BackMsg

    msg = BackMsg()
    try:
        msg.ParseFromString(data)
    except Exception:  # noqa: BLE001 - not a BackMsg: Streamlit closes the connection itself
        return False
    return msg.WhichOneof("type") == "clear_cache"


# --- every response ----------------------------------------------------------------------------------------


def _with_security_headers(scope, send):
    https = is_https(scope)
    give_cookie = client_mark(scope.get("headers", [])) is None and _is_page(scope)

    async def sending(message):
        if message.get("type") == "http.response.start":
            present = {k.lower() for k, _ in message.get("headers", [])}
            extra = [(k, v) for k, v in SECURITY_HEADERS if k not in present]
            if https:
                extra.append(HSTS)
            if give_cookie:
                extra.append((b"set-cookie", _client_cookie(https)))
            message = {**message, "headers": [*message.get("headers", []), *extra]}
        await send(message)

    return sending


def _is_page(scope) -> bool:
    from components.base_url_hint import is_page_request

    return is_page_request(scope)


def _client_cookie(https: bool) -> bytes:
    value = secrets.token_urlsafe(32)
    secure = "; Secure" if https else ""
    return f"{CLIENT_COOKIE}={value}; Path=/; HttpOnly; SameSite=Lax{secure}".encode()


# --- logs --------------------------------------------------------------------------------------------------

_UUID = re.compile(r"\b([0-9a-fA-F]{4})[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b")


def redact(text: str) -> str:
    """`text` with every UUID cut to its first 4 characters (`3f2a…`)."""
    return _UUID.sub(r"\1…", text)


def redact_ids() -> None:
    """Every log record made in this process from now on carries no whole session or file id."""
    previous = logging.getLogRecordFactory()
    if getattr(previous, "_dxmap_redacts", False):
        return

    def factory(*args, **kwargs):
        record = previous(*args, **kwargs)
        if isinstance(record.msg, str):
            record.msg = redact(record.msg)
        if record.args:
            if isinstance(record.args, tuple):
                record.args = tuple(redact(a) if isinstance(a, str) else a for a in record.args)
            elif isinstance(record.args, dict):
                record.args = {k: redact(v) if isinstance(v, str) else v for k, v in record.args.items()}
        return record

    factory._dxmap_redacts = True
    logging.setLogRecordFactory(factory)


redact_ids()
