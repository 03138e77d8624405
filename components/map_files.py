"""Who may fetch the Map page's data files (`static/dxmap/cache/<area>/…json`, see presentation.assets).

Streamlit serves the app's static folder to anyone who asks. A file's name is its content's digest, so it cannot
be guessed — but it can be learned (a shared screen, a proxy log, a browser's history), and a content name is
not access control. With accounts in the store this ASGI middleware answers a data file only to a browser whose
`dxmap_session` cookie stands for an active account whose area the file's folder names (a province-wide
account may fetch every area's files); anyone else gets 403, and the map then asks the page to send the data
itself over its own signed-in session. With no account in the store the app has no sign-in and the files are
served as before. A store that cannot be asked refuses (503): never an open door.
"""

from __future__ import annotations

import asyncio
import logging

from components.stcore_guard import cookie_value
from presentation.assets import MAP_CACHE_URL

COOKIE = "dxmap_session"  # components.session.COOKIE (not imported: that module needs a running page)
_MARK = MAP_CACHE_URL + "/"
_LOG = logging.getLogger("dxmap.map_files")


def refusal(path: str, token: str | None, url: str | None = None) -> int | None:
    """None when the request may have the file at `path`, else the HTTP status to answer (403, 404 or 503)."""
    from core.model.scope import Area
    from services.access import account_for_token, any_accounts

    tag, _, name = path.split(_MARK, 1)[1].partition("/")
    if not name or "/" in name:
        return 404
    try:
        if not any_accounts(url):
            return None
        account = account_for_token(token, url) if token else None
    except Exception:  # noqa: BLE001 - the store cannot be asked: refuse, never serve
        _LOG.warning("a map data file was refused: the store cannot be read", exc_info=True)
        return 503
    if account is None:
        return 403
    area = Area.of(account.area)
    return None if area.province_wide or area.tag == tag else 403


class MapFileGuard:
    """ASGI middleware: checks every request for a map data file with `refusal` before Streamlit serves it."""

    def __init__(self, app, store_url: str | None = None) -> None:
        self.app = app
        self._url = store_url

    async def __call__(self, scope, receive, send) -> None:
        path = scope.get("path", "")
        if scope.get("type") == "http" and _MARK in path:
            token = cookie_value(scope.get("headers") or [], COOKIE)
            status = await asyncio.to_thread(refusal, path, token, self._store_url())
            if status is not None:
                await _answer(send, status)
                return
        await self.app(scope, receive, send)

    def _store_url(self) -> str | None:
        if self._url is None:
            from services.storage import resolve_url

            return resolve_url(None)
        return self._url


async def _answer(send, status: int) -> None:
    body = {403: b"forbidden", 404: b"not found"}.get(status, b"unavailable")
    headers = [(b"content-type", b"text/plain; charset=utf-8"), (b"cache-control", b"no-store")]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
