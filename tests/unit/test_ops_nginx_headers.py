"""nginx's own answers (a 502 when no replica answers, the closed `/_stcore/metrics`, a 413 for a body past the
upload limit) carry the same security headers as the app's pages, HSTS too over HTTPS; a page the app answers
keeps its own headers, once. Through a real nginx started from the rendered configuration."""

from __future__ import annotations

import contextlib
import http.client
import signal
import socket
import ssl
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from ops import nginx

SECURITY = {
    "X-Frame-Options": "SAMEORIGIN",
    "Content-Security-Policy": "frame-ancestors 'self'",
    "X-Content-Type-Options": "nosniff",
}
HSTS = "max-age=31536000"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _App(BaseHTTPRequestHandler):
    """Stands in for a replica: answers with its own security headers, as the app does."""

    def do_GET(self):
        self.send_response(200)
        self.send_header("X-Frame-Options", "DENY")  # not nginx's value: shows whose header arrived
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


@contextlib.contextmanager
def _proxy(tmp_path: Path, ports: tuple[int, ...], tls: tuple[Path, Path] | None = None):
    binary = nginx.binary()
    if not Path(binary).exists():
        pytest.skip("nginx is not installed (.ci/run installs it)")
    for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (tmp_path / "nginx-tmp" / sub).mkdir(parents=True, exist_ok=True)
    port = _free_port()
    layout = nginx.ProxyLayout(
        listen=f"127.0.0.1:{port}", ports=ports, state=tmp_path, upload_mb=1, user="root", tls=tls
    )
    conf = tmp_path / "nginx.conf"
    conf.write_text(nginx.render_nginx_conf(layout), encoding="utf-8")
    process = subprocess.Popen(
        [binary, "-e", "stderr", "-p", str(tmp_path), "-c", str(conf)], stderr=subprocess.PIPE, text=True
    )
    try:
        deadline = time.monotonic() + 20
        while True:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            assert process.poll() is None, process.stderr.read()
            if time.monotonic() > deadline:
                pytest.fail("nginx did not start")
            time.sleep(0.05)
        yield port
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(20)


def _request(port: int, path: str, *, tls: bool = False, method: str = "GET", body: bytes | None = None):
    if tls:
        connection = http.client.HTTPSConnection(
            "127.0.0.1", port, timeout=10, context=ssl._create_unverified_context()
        )
    else:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request(method, path, body=body)
    answer = connection.getresponse()
    answer.read()
    connection.close()
    return answer.status, answer.headers


def _assert_secure(headers, hsts: bool) -> None:
    for name, value in SECURITY.items():
        assert headers.get_all(name) == [value], (name, headers.get_all(name))
    assert headers.get_all("Strict-Transport-Security") == ([HSTS] if hsts else None)


def test_nginx_own_error_pages_carry_the_security_headers(tmp_path):
    dead = _free_port()  # nothing listens there: every replica is down
    with _proxy(tmp_path, (dead,)) as port:
        status, headers = _request(port, "/")
        assert status == 502
        _assert_secure(headers, hsts=False)
        status, headers = _request(port, "/_stcore/stream")
        assert status == 502
        _assert_secure(headers, hsts=False)
        status, headers = _request(port, "/_stcore/metrics")
        assert status == 404
        _assert_secure(headers, hsts=False)
        status, headers = _request(port, "/_stcore/upload_file/s/f", method="PUT", body=b"x" * (2 * 1024 * 1024))
        assert status == 413
        _assert_secure(headers, hsts=False)


def test_over_https_nginx_own_error_pages_carry_hsts(tmp_path):
    cert, key = tmp_path / "tls.crt", tmp_path / "tls.key"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost"]
        + ["-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
    )
    with _proxy(tmp_path, (_free_port(),), tls=(cert, key)) as port:
        for path in ("/", "/_stcore/metrics"):
            status, headers = _request(port, path, tls=True)
            assert status in (502, 404)
            _assert_secure(headers, hsts=True)


def test_a_page_the_app_answers_keeps_its_own_headers_once(tmp_path):
    app = ThreadingHTTPServer(("127.0.0.1", 0), _App)
    threading.Thread(target=app.serve_forever, daemon=True).start()
    try:
        with _proxy(tmp_path, (app.server_address[1],)) as port:
            status, headers = _request(port, "/")
            assert status == 200
            assert headers.get_all("X-Frame-Options") == ["DENY"]  # the app's, not doubled by nginx
            assert headers.get_all("X-Content-Type-Options") == ["nosniff"]  # one the app left out: nginx adds it
    finally:
        app.shutdown()
        app.server_close()
