"""Security headers on what the app serves: no framing by another site, no MIME sniffing; over HTTPS (the proxy
on this machine says so) HSTS and a Secure client cookie."""

from __future__ import annotations

import urllib.request


def _get(url: str, path: str, headers: dict[str, str] | None = None):
    request = urllib.request.Request(url.rstrip("/") + path, headers=headers or {})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.headers


def test_pages_and_files_cannot_be_framed_by_another_site_nor_sniffed(served):
    app, _log = served
    for path in ("/", "/map", "/_stcore/health"):
        headers = _get(app, path)
        assert headers["X-Frame-Options"] == "SAMEORIGIN"
        assert "frame-ancestors 'self'" in headers["Content-Security-Policy"]
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Strict-Transport-Security"] is None  # plain HTTP: no HSTS


def test_over_https_the_browser_is_told_to_stay_on_https_and_the_cookie_is_secure(served):
    app, _log = served
    headers = _get(app, "/", {"X-Forwarded-Proto": "https"})
    assert headers["Strict-Transport-Security"].startswith("max-age=")
    cookie = next(c for c in headers.get_all("Set-Cookie") if c.startswith("dxmap_client="))
    assert "Secure" in cookie and "HttpOnly" in cookie
    plain = next(c for c in _get(app, "/").get_all("Set-Cookie") if c.startswith("dxmap_client="))
    assert "Secure" not in plain
