"""The app's icon font: Streamlit's Material Symbols address answered with the copy cut to the icons the app
can draw (data/fonts/, made by ops/icon_font.py): 57 KB instead of 0.37 MB on a first visit, which on a slow
mobile link is about two seconds.

The address is Streamlit's (its CSS names it); the copy changes when an icon is added, so it is sent with a
one-day lifetime and an ETag rather than as immutable (nginx keeps this header, see deploy/nginx.conf.template).
Without the copy (a checkout that lacks it) Streamlit's own file is sent.
"""

from __future__ import annotations

import hashlib
import re
from functools import cached_property
from pathlib import Path

from core.config import ICON_FONT

FONT_PATH = re.compile(r"(?:/[^/]+)*/static/media/MaterialSymbols-Rounded\.[0-9A-Za-z_-]+\.woff2")
MAX_AGE = 86_400  # seconds a browser keeps the copy before it asks again (an ETag answers "unchanged")


class IconFont:
    """ASGI middleware: GET and HEAD of Streamlit's icon font are answered with the cut copy."""

    def __init__(self, app, font: Path = ICON_FONT) -> None:
        self.app = app
        self.font = font

    @cached_property
    def _copy(self) -> tuple[bytes, bytes] | None:
        """(the font's bytes, its ETag), or None when there is no copy to send."""
        try:
            data = self.font.read_bytes()
        except OSError:
            return None
        return data, b'"' + hashlib.sha256(data).hexdigest()[:20].encode() + b'"'

    async def __call__(self, scope, receive, send) -> None:
        if (
            scope.get("type") != "http"
            or scope.get("method") not in ("GET", "HEAD")
            or not FONT_PATH.fullmatch(scope.get("path", ""))
            or self._copy is None
        ):
            await self.app(scope, receive, send)
            return
        data, etag = self._copy
        headers = [
            (b"content-type", b"font/woff2"),
            (b"cache-control", f"public, max-age={MAX_AGE}".encode()),
            (b"etag", etag),
        ]
        asked = dict(scope.get("headers") or []).get(b"if-none-match", b"")
        if etag in [tag.strip().removeprefix(b"W/") for tag in asked.split(b",")]:
            await send({"type": "http.response.start", "status": 304, "headers": headers})
            await send({"type": "http.response.body", "body": b""})
            return
        headers.append((b"content-length", str(len(data)).encode()))
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else data})
