"""Tell the page where the server is, so a link to a page opens one round trip sooner.

Streamlit's page script does not know where the server lives. Opened at `/map`, it first asks
`/map/_stcore/health`, gets a 404, waits 100 ms and asks `/_stcore/health`: every page opened from a link
(all but the Overview) waited ~0.13 s before its script could even start. Streamlit reads the server's address
from `window.__streamlit.BACKEND_BASE_URL` when a host page sets it; this ASGI middleware sets it in the page's
HTML (the server's own address, with `server.baseUrlPath`) and declares the page's language from the link
(`lang=en`, else Vietnamese; each run keeps it right afterwards: components.page_identity); nothing else changes.

Only page navigations are touched (GET, no file extension, none of Streamlit's own paths); their request goes on
without `Accept-Encoding`, so the small HTML comes back plain and can be edited (a proxy in front compresses).
"""

from __future__ import annotations

import json

# Streamlit's own paths and the app's static files: never a page
_NOT_PAGES = ("/_stcore/", "/static/", "/app/static/", "/component/", "/media/")


def hint_script(base_url_path: str) -> bytes:
    """The script that names the server: this page's origin plus Streamlit's base path."""
    base = "/" + "/".join(part for part in base_url_path.split("/") if part)
    base = base.rstrip("/") + "/"
    lang = "document.documentElement.lang=new URLSearchParams(location.search).get('lang')==='en'?'en':'vi'"
    return (
        f"<script>window.__streamlit={{BACKEND_BASE_URL:location.origin+{json.dumps(base)}}};{lang}</script>".encode()
    )


def is_page_request(scope: dict) -> bool:
    path = scope.get("path", "")
    if scope.get("type") != "http" or scope.get("method") != "GET":
        return False
    if any(part in path for part in _NOT_PAGES):
        return False
    return "." not in path.rsplit("/", 1)[-1]


class BaseUrlHint:
    """ASGI middleware: adds `hint_script` at the top of `<head>` in every page Streamlit serves."""

    def __init__(self, app, base_url_path: str | None = None) -> None:
        self.app = app
        self._base = base_url_path

    def _script(self) -> bytes:
        if self._base is None:
            from streamlit import config

            self._base = config.get_option("server.baseUrlPath") or ""
        return hint_script(self._base)

    async def __call__(self, scope, receive, send) -> None:
        if not is_page_request(scope):
            await self.app(scope, receive, send)
            return
        scope = {**scope, "headers": [(k, v) for k, v in scope.get("headers", []) if k.lower() != b"accept-encoding"]}
        start: dict = {}
        chunks: list[bytes] = []

        async def hinted(message) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
                return
            if message["type"] != "http.response.body" or not start:
                await send(message)
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body"):
                return
            body = _injected(start, b"".join(chunks), self._script())
            await send(_fitted(start, len(body)))
            await send({"type": "http.response.body", "body": body})
            start.clear()

        await self.app(scope, receive, hinted)


def _is_html(start: dict) -> bool:
    headers = dict(start.get("headers", []))
    encoded = headers.get(b"content-encoding", b"identity") not in (b"identity", b"")
    return start.get("status") == 200 and b"text/html" in headers.get(b"content-type", b"") and not encoded


def _injected(start: dict, body: bytes, script: bytes) -> bytes:
    if not _is_html(start) or b"<head>" not in body:
        return body
    return body.replace(b"<head>", b"<head>" + script, 1)


def _fitted(start: dict, length: int) -> dict:
    """The response start with its Content-Length fitted to the edited body."""
    size = str(length).encode()
    headers = [(k, size if k.lower() == b"content-length" else v) for k, v in start.get("headers", [])]
    return {**start, "headers": headers}
