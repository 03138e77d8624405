"""The server hint in each page: only page HTML is edited, its length stays right, everything else passes."""

from __future__ import annotations

import asyncio
import threading

from components.base_url_hint import BaseUrlHint, hint_script, is_page_request

PAGE = b"<!doctype html><html><head><title>x</title></head><body></body></html>"


def _serve(path: str, body: bytes = PAGE, content_type: bytes = b"text/html", chunks: int = 1, method="GET"):
    """Run the middleware around a tiny ASGI app; (request headers the app saw, messages sent)."""
    seen = {}

    async def app(scope, receive, send):
        seen["headers"] = dict(scope["headers"])
        headers = [(b"content-type", content_type), (b"content-length", str(len(body)).encode())]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        step = max(1, len(body) // chunks)
        parts = [body[i : i + step] for i in range(0, len(body), step)] or [b""]
        for i, part in enumerate(parts):
            await send({"type": "http.response.body", "body": part, "more_body": i < len(parts) - 1})

    sent = []

    async def send(message):
        sent.append(message)

    async def receive():
        return {"type": "http.request", "body": b""}

    scope = {"type": "http", "method": method, "path": path, "headers": [(b"accept-encoding", b"gzip")]}
    # an event loop of its own, in a thread: a browser test's Playwright may hold this thread's loop
    worker = threading.Thread(target=asyncio.run, args=(BaseUrlHint(app, base_url_path="")(scope, receive, send),))
    worker.start()
    worker.join()
    return seen["headers"], sent


def _body(sent) -> bytes:
    return b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")


def _length(sent) -> int:
    return int(dict(sent[0]["headers"])[b"content-length"])


def test_a_page_gets_the_hint_at_the_top_of_its_head_with_a_fitted_length():
    headers, sent = _serve("/map", chunks=3)
    body = _body(sent)
    assert body.startswith(b"<!doctype html><html><head>" + hint_script(""))
    assert body.count(b"BACKEND_BASE_URL") == 1 and _length(sent) == len(body)
    assert b"accept-encoding" not in headers  # the HTML comes back plain, so it can be edited


def test_files_and_streamlit_paths_pass_untouched():
    for path in ("/_stcore/health", "/static/js/index.js", "/app/static/dxmap/map.js", "/favicon.png"):
        headers, sent = _serve(path)
        assert _body(sent) == PAGE and headers[b"accept-encoding"] == b"gzip", path
    assert not is_page_request({"type": "websocket", "path": "/_stcore/stream"})
    assert not is_page_request({"type": "http", "method": "POST", "path": "/map"})


def test_a_non_html_answer_on_a_page_path_is_left_alone():
    _, sent = _serve("/export", body=b'{"a": "<head>"}', content_type=b"application/json")
    assert _body(sent) == b'{"a": "<head>"}'


def test_the_hint_names_the_base_path():
    assert b'location.origin+"/"' in hint_script("")
    assert b'location.origin+"/dxmap/"' in hint_script("/dxmap/")
    assert b'location.origin+"/a/b/"' in hint_script("a/b")
