"""A replica marked down gets no new request once the launcher's reload has returned: `wait_reloaded` sees nginx's
old workers stop taking connections. Through a real nginx started from the rendered configuration, in front of two
stand-in replicas that answer with their own names."""

from __future__ import annotations

import http.client
import signal
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from ops import nginx
from tests.unit.test_ops_nginx_headers import _free_port


def _replica(name: str) -> ThreadingHTTPServer:
    class Named(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Length", str(len(name)))
            self.end_headers()
            self.wfile.write(name.encode())

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Named)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def _answered_by(port: int) -> str:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)  # a newcomer: no replica cookie
    connection.request("GET", "/")
    body = connection.getresponse().read().decode()
    connection.close()
    return body


def _wait_listening(process: subprocess.Popen, port: int) -> None:
    deadline = time.monotonic() + 20
    while True:
        try:
            _answered_by(port)
            return
        except OSError:
            assert process.poll() is None, process.stderr.read()
            if time.monotonic() > deadline:
                pytest.fail("nginx did not start")
            time.sleep(0.05)


def test_after_the_reload_returns_a_replica_marked_down_gets_no_newcomer_and_a_refused_file_is_reported(tmp_path):
    binary = nginx.binary()
    if not Path(binary).exists():
        pytest.skip("nginx is not installed (.ci/run installs it)")
    for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (tmp_path / "nginx-tmp" / sub).mkdir(parents=True, exist_ok=True)
    a, b = _replica("a"), _replica("b")
    ports = (a.server_address[1], b.server_address[1])
    port = _free_port()
    conf = tmp_path / "nginx.conf"

    def write(down: frozenset[int]) -> None:
        layout = nginx.ProxyLayout(
            listen=f"127.0.0.1:{port}", ports=ports, state=tmp_path, upload_mb=1, user="root", down=down
        )
        conf.write_text(nginx.render_nginx_conf(layout), encoding="utf-8")

    write(frozenset())
    process = subprocess.Popen(
        [binary, "-e", "stderr", "-p", str(tmp_path), "-c", str(conf)], stderr=subprocess.PIPE, text=True
    )
    try:
        _wait_listening(process, port)
        assert {_answered_by(port) for _ in range(6)} == {"a", "b"}  # both take newcomers, in turn

        old = nginx.taking_workers(process.pid)
        assert old, "no worker of the master was found"
        write(frozenset({ports[1]}))
        process.send_signal(signal.SIGHUP)
        assert nginx.wait_reloaded(process.pid, old)
        assert not old & nginx.taking_workers(process.pid)
        assert [_answered_by(port) for _ in range(20)] == ["a"] * 20  # at once: no request reaches b

        conf.write_text("this is not an nginx configuration", encoding="utf-8")
        kept = nginx.taking_workers(process.pid)
        process.send_signal(signal.SIGHUP)
        assert not nginx.wait_reloaded(process.pid, kept, timeout=1.5)  # nginx keeps its workers and its file
        assert _answered_by(port) == "a"
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(20)
        a.shutdown()
        b.shutdown()
