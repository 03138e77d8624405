"""Serving a province: the nginx configuration the launcher writes, its options, and its children's fate."""

from __future__ import annotations

import re
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from ops import backups, nginx, packages, postgres, supervisor

ROOT = Path(__file__).resolve().parents[2]


def _layout(tmp_path: Path, **kw) -> nginx.ProxyLayout:
    values = {"listen": "127.0.0.1:18080", "ports": (18501, 18502), "state": tmp_path, "upload_mb": 200}
    values.update(kw)
    return nginx.ProxyLayout(**values)


def _nginx_test(tmp_path: Path, conf: str) -> subprocess.CompletedProcess:
    binary = nginx.binary()
    if not Path(binary).exists():
        pytest.skip("nginx is not installed (.ci/run installs it)")
    for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (tmp_path / "nginx-tmp" / sub).mkdir(parents=True, exist_ok=True)
    path = tmp_path / "nginx.conf"
    path.write_text(conf, encoding="utf-8")
    return subprocess.run(
        [binary, "-t", "-e", "stderr", "-p", str(tmp_path), "-c", str(path)], capture_output=True, text=True
    )


def test_the_rendered_configuration_is_accepted_by_nginx(tmp_path):
    conf = nginx.render_nginx_conf(_layout(tmp_path, modules=tuple(nginx.brotli_modules())))
    assert "{{" not in conf
    done = _nginx_test(tmp_path, conf)
    assert done.returncode == 0, done.stderr


def test_the_upload_limit_is_the_apps_own(tmp_path):
    import tomllib

    app_limit = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))["server"][
        "maxUploadSize"
    ]
    assert nginx.upload_limit_mb() == app_limit
    conf = nginx.render_nginx_conf(_layout(tmp_path, upload_mb=nginx.upload_limit_mb()))
    assert re.search(rf"client_max_body_size {app_limit}m;", conf)
    other = tmp_path / "config.toml"
    other.write_text("[server]\nmaxUploadSize = 50\n", encoding="utf-8")
    assert nginx.upload_limit_mb(other) == 50
    assert nginx.upload_limit_mb(tmp_path / "absent.toml") == 200  # Streamlit's default


def test_every_replica_is_in_the_pool_and_has_its_own_pinned_upstream(tmp_path):
    conf = nginx.render_nginx_conf(_layout(tmp_path, ports=(18501, 18502, 18503)))
    for i, port in enumerate((18501, 18502, 18503)):
        assert f"server 127.0.0.1:{port} max_fails=1 fail_timeout=10s;" in conf
        assert f"upstream dxmap_r{i} {{\n        server 127.0.0.1:{port};" in conf
        assert f"r{i} dxmap_r{i};" in conf
        assert f'"~(^|\\s)127\\.0\\.0\\.1:{port}$" r{i};' in conf
    # the app processes are reached on localhost only
    assert not re.search(r"server (?!127\.0\.0\.1)[\d.]+:", conf)


def test_replicas_on_other_servers_follow_this_servers_own_in_the_pool_and_the_cookie_names(tmp_path):
    layout = _layout(
        tmp_path,
        app_host="10.0.0.11",
        upstreams=("10.0.0.12:8601", "10.0.0.12:8602", "[fd00::13]:8601"),
        upstreams_down=frozenset({"10.0.0.12:8602"}),
    )
    conf = nginx.render_nginx_conf(layout)
    named = ["10.0.0.11:18501", "10.0.0.11:18502", "10.0.0.12:8601", "10.0.0.12:8602", "[fd00::13]:8601"]
    for i, address in enumerate(named):
        down = " down" if address == "10.0.0.12:8602" else ""
        assert f"server {address} max_fails=1 fail_timeout=10s{down};" in conf
        assert f"upstream dxmap_r{i} {{\n        server {address}{down};" in conf
        assert f'"~(^|\\s){re.escape(address)}$" r{i};' in conf
    assert _nginx_test(tmp_path, conf).returncode == 0


def test_a_replica_marked_down_gets_nothing(tmp_path):
    conf = nginx.render_nginx_conf(_layout(tmp_path, down=frozenset({18502})))
    assert "server 127.0.0.1:18502 max_fails=1 fail_timeout=10s down;" in conf
    assert "server 127.0.0.1:18502 down;" in conf
    assert "server 127.0.0.1:18501 max_fails=1 fail_timeout=10s;" in conf
    assert _nginx_test(tmp_path, conf).returncode == 0


def test_websockets_compression_caching_and_metrics(tmp_path):
    conf = nginx.render_nginx_conf(_layout(tmp_path))
    stream = conf[conf.index("location /_stcore/stream") :]
    assert "proxy_read_timeout 1d;" in stream[: stream.index("}")]
    assert "proxy_set_header Upgrade $http_upgrade;" in conf
    assert "proxy_set_header Connection $connection_upgrade;" in conf
    assert "gzip on;" in conf
    gzip_types = re.search(r"gzip_types([^;]+);", conf).group(1).split()
    assert {"application/javascript", "text/css", "application/json", "image/svg+xml"} <= set(gzip_types)
    assert "public, max-age=31536000, immutable" in conf
    assert re.search(r"location = /_stcore/metrics \{\s+return 404;", conf)


def test_brotli_only_where_the_module_is_installed(tmp_path):
    assert "brotli on;" not in nginx.render_nginx_conf(_layout(tmp_path))
    module = Path("/usr/lib/nginx/modules/ngx_http_brotli_filter_module.so")
    conf = nginx.render_nginx_conf(_layout(tmp_path, modules=(module,)))
    assert f"load_module {module};" in conf and "brotli on;" in conf
    assert nginx.brotli_modules(tmp_path) == []


def test_make_serve_runs_the_launcher():
    from tests.unit.test_ops_serve import _recipes

    recipes = _recipes((ROOT / "Makefile").read_text(encoding="utf-8"))
    assert "cli.py serve-province" in recipes["serve"]


def test_serve_province_takes_its_defaults_from_the_environment(monkeypatch):
    from cli.main import build_parser

    monkeypatch.setenv("DXMAP_REPLICAS", "3")
    monkeypatch.setenv("PORT", "9090")
    args = build_parser().parse_args(["serve-province"])
    assert (args.replicas, args.port) == (3, 9090)
    monkeypatch.setenv("DXMAP_REPLICAS", "zero")
    monkeypatch.delenv("PORT")
    args = build_parser().parse_args(["serve-province", "--replicas", "4"])
    assert (args.replicas, args.port) == (4, 8080)
    assert build_parser().parse_args(["serve-province"]).replicas == 2


def test_every_replica_gets_the_same_write_token_and_cookie_secret(tmp_path):
    c = supervisor.Cluster(replicas=2, port=18080, state=tmp_path, environ={"PATH": "/usr/bin"})
    c.token = "tok"
    env = c.app_environment()
    assert env["DXMAP_WRITE_TOKEN"] == "tok" and env["STREAMLIT_SERVER_COOKIE_SECRET"]
    fixed = supervisor.Cluster(2, 18080, state=tmp_path, environ={"DXMAP_WRITE_TOKEN": "operator"})
    assert supervisor.write_token(fixed.environ) == "operator"
    command = c.replica_command(18501)
    assert command[command.index("--server.address") + 1] == "127.0.0.1"
    assert command[command.index("--server.fileWatcherType") + 1] == "none"


def test_the_database_password_is_not_printed():
    url = "postgresql+psycopg://dxmap:s3cret@127.0.0.1:5433/dxmap"
    assert postgres.hide_password(url) == "postgresql+psycopg://dxmap:***@127.0.0.1:5433/dxmap"
    assert postgres.hide_password("sqlite:///x.sqlite") == "sqlite:///x.sqlite"


def test_a_missing_package_without_root_is_a_clear_message(monkeypatch, capsys):
    monkeypatch.setattr(packages.os, "geteuid", lambda: 1000)
    assert packages.install(["nginx"], "en") is False
    assert "apt-get install nginx" in capsys.readouterr().err


def test_children_die_with_the_launcher_even_when_it_is_killed(tmp_path):
    """A launcher killed with SIGKILL cannot stop its children: the kernel sends them SIGTERM instead."""
    launcher = textwrap.dedent(
        f"""
        import sys, time
        sys.path.insert(0, {str(ROOT)!r})
        from ops.processes import spawn
        child = spawn(["sleep", "300"])
        print(child.pid, flush=True)
        time.sleep(300)
        """
    )
    parent = subprocess.Popen([sys.executable, "-c", launcher], stdout=subprocess.PIPE, text=True)
    child_pid = int(parent.stdout.readline())
    assert Path(f"/proc/{child_pid}").exists()
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and _alive(child_pid):
        time.sleep(0.1)
    assert not _alive(child_pid)


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def test_with_a_certificate_nginx_speaks_https_and_http2(tmp_path):
    cert, key = tmp_path / "tls.crt", tmp_path / "tls.key"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost"]
        + ["-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
    )
    conf = nginx.render_nginx_conf(_layout(tmp_path, tls=(cert, key)))
    assert "listen 127.0.0.1:18080 ssl http2;" in conf
    assert f"ssl_certificate {cert};" in conf and f"ssl_certificate_key {key};" in conf
    done = _nginx_test(tmp_path, conf)
    assert done.returncode == 0, done.stderr
    assert "ssl_certificate" not in nginx.render_nginx_conf(_layout(tmp_path))


def test_over_https_the_replica_cookie_is_secure(tmp_path):
    cookie = re.compile(r'"dxmap_replica=\$dxmap_answered;[^"]*"')
    plain = cookie.search(nginx.render_nginx_conf(_layout(tmp_path))).group(0)
    tls = cookie.search(nginx.render_nginx_conf(_layout(tmp_path, tls=(tmp_path / "c", tmp_path / "k")))).group(0)
    assert "Secure" not in plain and "HttpOnly" in plain
    assert tls.endswith('; Secure"') and "HttpOnly" in tls


def test_the_nightly_backup_is_off_unless_a_folder_is_given(tmp_path):
    assert backups.NightlyBackup.from_environment({}) is None
    backup = backups.NightlyBackup.from_environment({"DXMAP_BACKUP_DIR": str(tmp_path), "DXMAP_BACKUP_AT": "23:30"})
    assert backup.folder == tmp_path and backup.at == "23:30" and backup.keep == 14
    odd = backups.NightlyBackup.from_environment(
        {"DXMAP_BACKUP_DIR": str(tmp_path), "DXMAP_BACKUP_AT": "late", "DXMAP_BACKUP_KEEP": "0"}
    )
    assert odd.at == "02:30" and odd.keep == 14  # the settings table's defaults, as documented


def test_the_nightly_backup_runs_once_a_day_as_the_backup_command_with_its_folder(tmp_path, demo_dataset):
    from datetime import datetime

    from core.storage import store

    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    store.commit(demo_dataset, url=url)
    folder = tmp_path / "backups"
    backup = backups.NightlyBackup(folder, keep=2)
    evening = datetime(2026, 3, 1, 22, 0)
    assert backup.next_after(evening) == datetime(2026, 3, 2, 2, 30)
    assert backup.next_after(datetime(2026, 3, 2, 2, 29)) == datetime(2026, 3, 2, 2, 30)
    backup.tick(evening, url, sys.executable, "en")
    assert backup.process is None  # not yet
    night = datetime(2026, 3, 2, 2, 30, 5)
    for day in ("20260227", "20260228", "20260301"):  # older dated backups: the newest `keep` stay
        (folder / f"dxmap-{day}-023000.sqlite").parent.mkdir(parents=True, exist_ok=True)
        (folder / f"dxmap-{day}-023000.sqlite").write_text("x")
    backup.tick(night, url, sys.executable, "en")
    assert backup.process is not None
    assert backup.process.args[-5:] == ["backup", "--dir", str(folder), "--keep", "2"]
    backup.wait()
    assert backup.process.returncode == 0, (folder / "backup.log").read_text()
    backup.tick(night, url, sys.executable, "en")  # the same night: nothing new
    assert backup.process is None and backup.due == datetime(2026, 3, 3, 2, 30)
    dated = sorted(p.name for p in folder.glob("dxmap-*.sqlite"))
    assert len(dated) == 2 and dated[0] == "dxmap-20260301-023000.sqlite"  # and today's real one


def test_nginx_is_never_told_that_every_replica_is_down(tmp_path):
    c = supervisor.Cluster(replicas=2, port=18080, state=tmp_path, environ={})
    c.members = [supervisor.Replica(0, 18501, down=True), supervisor.Replica(1, 18502, down=False)]
    assert c.layout().down == frozenset({18501})
    c.members[1].down = True  # both fail their checks: slow, not dead; nginx keeps trying both
    assert c.layout().down == frozenset()


def test_another_servers_replica_that_fails_its_checks_gets_nothing_but_never_all_of_them(tmp_path):
    c = supervisor.Cluster(replicas=1, port=18080, state=tmp_path, environ={}, upstreams=("127.0.0.2:1",))
    c.members = [supervisor.Replica(0, 18501, down=False)]
    for check in range(supervisor.DOWN_AFTER):  # nothing listens on 127.0.0.2:1
        c.check_upstreams(now=1000.0 + check * supervisor.CHECK_EVERY)
    assert c.remotes[0].down and c.layout().upstreams_down == frozenset({"127.0.0.2:1"})
    c.members[0].down = True  # every replica, here and there, fails its checks: nginx keeps trying them all
    assert c.layout().down == frozenset() and c.layout().upstreams_down == frozenset()


def test_the_other_servers_replicas_come_from_the_options_else_the_environment_and_a_typo_stops(monkeypatch):
    from cli.main import build_parser
    from cli.serve import upstreams

    parser = build_parser()
    environ = {"DXMAP_UPSTREAMS": "10.0.0.12:8601, 10.0.0.12:8602"}
    assert upstreams(parser.parse_args(["serve-province"]), environ) == ("10.0.0.12:8601", "10.0.0.12:8602")
    given = parser.parse_args(["serve-province", "--upstream", "10.0.0.13:8601", "--upstream", "[fd00::1]:80"])
    assert upstreams(given, environ) == ("10.0.0.13:8601", "[fd00::1]:80")
    assert upstreams(parser.parse_args(["serve-province"]), {}) == ()
    for typo in ("app2:8601", "10.0.0.12", "10.0.0.12:0", "fd00::1:80"):
        assert upstreams(parser.parse_args(["serve-province"]), {"DXMAP_UPSTREAMS": typo}) is None, typo


def test_the_access_log_keeps_no_session_or_upload_id(tmp_path):
    import http.client
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    log = tmp_path / "access.log"
    conf = nginx.render_nginx_conf(
        _layout(tmp_path, listen=f"127.0.0.1:{port}", ports=(1,), access_log=str(log), user="root")
    )
    assert _nginx_test(tmp_path, conf).returncode == 0
    proxy = subprocess.Popen(
        [
            shutil.which("nginx") or "/usr/sbin/nginx",
            "-e",
            "stderr",
            "-p",
            str(tmp_path),
            "-c",
            str(tmp_path / "nginx.conf"),
        ],
        stderr=subprocess.PIPE,
    )
    session, upload = "7467c193-cabe-4526-bccf-77ada0c5ab83", "0b5c2a51-3f6e-4f7e-9a55-1d2b7c9e8f10"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                connection.request("PUT", f"/_stcore/upload_file/{session}/{upload}", body=b"x")
                status = connection.getresponse().status
                break
            except ConnectionRefusedError:
                if time.monotonic() > deadline:
                    pytest.fail("nginx did not start")
                time.sleep(0.1)
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        connection.request("GET", "/map?district=103")
        connection.getresponse().read()
    finally:
        proxy.send_signal(signal.SIGQUIT)  # a graceful stop writes out the log
        proxy.wait(20)
    text = log.read_text()
    assert status in (502, 504)  # no replica behind it: what matters is the log line
    assert "/_stcore/upload_file/-/-" in text and "/map?district=103" in text
    assert session not in text and upload not in text


def test_every_server_variable_is_read_through_the_settings_table():
    """ops/ and the serve commands read no variable of their own from the environment: each is a row of the
    settings table (core/settings.py), with its default written once."""
    import ast

    from core.settings import SETTINGS

    names = {spec.env for spec in SETTINGS}
    assert {"DXMAP_REPLICAS", "PORT", "DXMAP_TLS_CERT", "DXMAP_TLS_KEY"} <= names
    assert {"DXMAP_BACKUP_DIR", "DXMAP_BACKUP_AT", "DXMAP_BACKUP_KEEP"} <= names
    read_directly = []
    for path in [*sorted((ROOT / "ops").glob("*.py")), ROOT / "cli" / "serve.py"]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            key = None
            if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
                if isinstance(node.func, ast.Attribute) and node.func.attr in ("get", "getenv", "pop"):
                    key = node.args[0].value
            elif isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Load):
                if isinstance(node.slice, ast.Constant):
                    key = node.slice.value
            if isinstance(key, str) and (key == "PORT" or key.startswith("DXMAP_") or key == "DATABASE_URL"):
                read_directly.append(f"{path.relative_to(ROOT)}:{node.lineno} {key}")
    assert read_directly == []


def test_the_server_settings_fall_back_to_their_defaults():
    from core.settings import setting

    assert (setting("replicas", {}), setting("port", {}), setting("backup_at", {}), setting("backup_keep", {})) == (
        2,
        8080,
        "02:30",
        14,
    )
    odd = {"DXMAP_REPLICAS": "0", "PORT": "70000", "DXMAP_BACKUP_AT": "24:00", "DXMAP_BACKUP_KEEP": "-1"}
    assert (setting("replicas", odd), setting("port", odd), setting("backup_at", odd)) == (2, 8080, "02:30")
    assert setting("backup_keep", odd) == 14
    assert setting("backup_at", {"DXMAP_BACKUP_AT": "3:05"}) == "03:05"
    assert setting("tls_cert", {"DXMAP_TLS_CERT": "/etc/ssl/dxmap/fullchain.pem"}) == "/etc/ssl/dxmap/fullchain.pem"
