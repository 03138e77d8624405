"""Serving a province: PostgreSQL with PostGIS, several app processes, nginx in front.

`cli.py serve-province` (what `make serve` runs) installs what is missing, starts a local PostgreSQL unless
DATABASE_URL names a server, upgrades the store, starts the replicas on DXMAP_APP_HOST (127.0.0.1) and nginx on
PORT, prints a line with `ready` and the URL, then watches: a replica that exits is started again, one that
stops answering its health check gets no new sessions until it answers again (nginx reloads a rewritten
configuration), one that hangs is killed and started again. Ctrl+C or SIGTERM stops everything; every child
also gets SIGTERM from the kernel if this process is killed outright, so nothing is left running.

More servers: nginx also sends sessions to the replicas of other servers (DXMAP_UPSTREAMS), whose health it
checks the same way; such a server runs `serve-province --apps-only`: its replicas only, on a fixed address and
ports, against the shared DATABASE_URL.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import ssl
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from core.auth import TOKEN_VAR
from core.config import ROOT
from core.i18n import t
from core.settings import setting
from ops import nginx
from ops.backups import NightlyBackup
from ops.nginx import ProxyLayout, brotli_modules, render_nginx_conf, upload_limit_mb
from ops.packages import install, missing_packages
from ops.postgres import LocalPostgres, hide_password
from ops.processes import address_healthy, die_with_parent, free_port, healthy, log, port_free, spawn, stop
from ops.serve import streamlit_command, write_token

DEFAULT_STATE = ROOT / "var"

START_TIMEOUT = 180.0  # seconds a replica may take to answer its first health check
CHECK_EVERY = 2.0  # seconds between health checks of one replica
DOWN_AFTER = 2  # failed checks in a row before a replica gets no new sessions
HUNG_AFTER = 45.0  # seconds without a passing check before a running replica is killed and started again
RESTART_PAUSE = 5.0  # seconds between two starts of one replica


@dataclass
class Replica:
    index: int
    port: int
    process: subprocess.Popen | None = None
    started: float = 0.0
    last_ok: float = 0.0
    last_check: float = 0.0
    failures: int = 0
    restarts: int = 0
    ready: bool = False  # answered its health check since it was (re)started
    down: bool = True  # nginx sends it nothing

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process else None


@dataclass
class Upstream:
    """A replica of another server that this server's nginx sends sessions to, health-checked from here."""

    address: str  # ADDRESS:PORT
    last_check: float = 0.0
    failures: int = 0
    down: bool = False  # nginx sends it nothing


@dataclass
class Cluster:
    replicas: int
    port: int
    host: str = "0.0.0.0"
    state: Path = DEFAULT_STATE
    environ: Mapping[str, str] = field(default_factory=lambda: dict(os.environ))
    lang: str = "vi"
    python: str = sys.executable
    access_log: bool = False
    tls: tuple[Path, Path] | None = None  # certificate and key: HTTPS on PORT
    app_host: str = "127.0.0.1"  # where the replicas listen
    app_port: int | None = None  # the first replica's port (then one more each); None: free ports
    upstreams: tuple[str, ...] = ()  # other servers' replicas behind this server's nginx, ADDRESS:PORT
    apps_only: bool = False  # the replicas only: no nginx, no PostgreSQL of its own (DATABASE_URL is needed)

    def __post_init__(self) -> None:
        self.serve_dir = self.state / "serve"
        self.conf_path = self.serve_dir / "nginx.conf"
        self.members: list[Replica] = []
        self.remotes = [Upstream(address) for address in self.upstreams]
        self.nginx: subprocess.Popen | None = None
        self.postgres: LocalPostgres | None = None
        self.database_url: str | None = None
        self.token = ""
        self._stop = threading.Event()
        self._written: frozenset[int] | None = None
        self._state_text = ""
        self.backups = NightlyBackup.from_environment(self.environ)

    # -- start -------------------------------------------------------------------------------------------
    def app_environment(self) -> dict[str, str]:
        env = {**self.environ, TOKEN_VAR: self.token}
        # one secret for all replicas: a cookie signed by one is read by the others
        env.setdefault("STREAMLIT_SERVER_COOKIE_SECRET", secrets.token_urlsafe(32))
        if self.database_url:
            env["DATABASE_URL"] = self.database_url
        return env

    def replica_command(self, port: int) -> list[str]:
        """A replica: on DXMAP_APP_HOST only (localhost, or the private address another server's nginx uses), no
        file watcher, and permessage-deflate on its websocket (the page's figures and map layers travel there, and
        nginx compresses only HTTP responses)."""
        command = streamlit_command(port, python=self.python) + ["--server.address", self.app_host]
        return command + ["--server.enableWebsocketCompression", "true"]

    def start_replica(self, replica: Replica) -> None:
        if self.app_port is None and not port_free(replica.port, self.app_host):
            replica.port = free_port(self.app_host)  # a fixed port stays: the other servers' nginx names it
        replica.process = spawn(
            self.replica_command(replica.port),
            env=self._app_env,
            log_file=self.serve_dir / f"replica-{replica.index}.log",
        )
        replica.started = time.monotonic()
        replica.failures, replica.ready, replica.down = 0, False, True

    def layout(self) -> ProxyLayout:
        user = nginx.worker_user() if os.geteuid() == 0 else None
        return ProxyLayout(
            listen=f"{self.host}:{self.port}",
            ports=tuple(r.port for r in self.members),
            state=self.serve_dir,
            down=self._down_ports(),
            app_host=self.app_host,
            upstreams=tuple(u.address for u in self.remotes),
            upstreams_down=self._down_upstreams(),
            upload_mb=upload_limit_mb(),
            modules=tuple(brotli_modules()),
            user=user,
            access_log=str(self.serve_dir / "nginx-access.log") if self.access_log else "off",
            tls=self.tls,
        )

    def _all_down(self) -> bool:
        """Every replica, this server's and the others', fails its check: nginx is then told none is down (an
        overloaded server answers slowly) and keeps trying them all rather than turning everyone away."""
        return all(r.down for r in self.members) and all(u.down for u in self.remotes)

    def _down_ports(self) -> frozenset[int]:
        """This server's replicas nginx must not use; never all replicas at once (`_all_down`)."""
        return frozenset() if self._all_down() else frozenset(r.port for r in self.members if r.down)

    def _down_upstreams(self) -> frozenset[str]:
        """The other servers' replicas nginx must not use; never all replicas at once (`_all_down`)."""
        return frozenset() if self._all_down() else frozenset(u.address for u in self.remotes if u.down)

    def write_conf(self) -> bool:
        """Render the nginx configuration; True when it changed."""
        layout = self.layout()
        key = frozenset({("down", p) for p in layout.down} | {("port", p) for p in layout.ports})
        key |= {("down", a) for a in layout.upstreams_down}
        if key == self._written:
            return False
        self.conf_path.write_text(render_nginx_conf(layout), encoding="utf-8")
        self._written = key
        return True

    def start_nginx(self) -> None:
        tmp = self.serve_dir / "nginx-tmp"
        tmp.mkdir(parents=True, exist_ok=True)
        user = self.layout().user
        if user:
            shutil.chown(tmp, user)
        self.nginx = spawn(
            [nginx.binary(), "-e", "stderr", "-p", str(self.serve_dir), "-c", str(self.conf_path)],
            log_file=self.serve_dir / "nginx.log",
        )

    def reload_nginx(self) -> None:
        """nginx reads the rewritten configuration; returns once its old workers take no new connection, so the
        state written next (a replica down) is what nginx does."""
        if self.nginx is not None and self.nginx.poll() is None:
            old = nginx.taking_workers(self.nginx.pid)
            self.nginx.send_signal(signal.SIGHUP)
            if not nginx.wait_reloaded(self.nginx.pid, old):
                log(t("cluster_nginx_reload_slow", self.lang))

    def write_state(self) -> None:
        state = {
            "url": self.url,
            "nginx_pid": self.nginx.pid if self.nginx else None,
            "postgres_pid": self.postgres.process.pid if self.postgres and self.postgres.process else None,
            "replicas": [
                {
                    "index": r.index,
                    "address": self._address(r.port),
                    "port": r.port,
                    "pid": r.pid,
                    "down": r.down,
                    "restarts": r.restarts,
                }
                for r in self.members
            ],
            # other servers' replicas, named in the cookie after this server's own
            "upstreams": [
                {"cookie": f"r{len(self.members) + j}", "address": u.address, "down": u.down}
                for j, u in enumerate(self.remotes)
            ],
        }
        text = json.dumps(state, indent=1)
        if text != self._state_text:  # replaced whole, never seen half-written
            partial = self.serve_dir / "state.json.new"
            partial.write_text(text, encoding="utf-8")
            os.replace(partial, self.serve_dir / "state.json")
            self._state_text = text

    def _address(self, port: int) -> str:
        return f"[{self.app_host}]:{port}" if ":" in self.app_host else f"{self.app_host}:{port}"

    @property
    def url(self) -> str:
        host = "localhost" if self.host in ("0.0.0.0", "127.0.0.1", "::", "[::]") else self.host
        return f"{'https' if self.tls else 'http'}://{host}:{self.port}/"

    def prepare(self) -> int:
        """Everything before the replicas: packages, database, migrations. 0, or an exit code."""
        from core.storage import store

        url = setting("database_url", self.environ)
        if self.apps_only and not url:
            print(t("cluster_apps_need_database", self.lang), file=sys.stderr)
            return 1
        if not self.apps_only and not install(missing_packages(need_postgres=not url), self.lang):
            return 1
        nginx_host = "" if self.host in ("0.0.0.0", "::", "[::]") else self.host
        if not self.apps_only and not port_free(self.port, nginx_host):
            print(t("serve_port_busy", self.lang, port=self.port), file=sys.stderr)
            return 1
        self.serve_dir.mkdir(parents=True, exist_ok=True)
        if url:
            self.database_url = url
        else:
            self.postgres = LocalPostgres(self.state)
            self.database_url = self.postgres.start()
            # for `DATABASE_URL=$(cat var/database-url) cli.py import …`; readable by its owner only
            url_file = self.state / "database-url"
            url_file.touch(mode=0o600)
            url_file.write_text(self.database_url + "\n", encoding="utf-8")
            log(t("cluster_postgres", self.lang, url=hide_password(self.database_url), dir=self.postgres.dir))
        store.open_store(self.database_url)  # upgrades the schema once, before any replica reads it
        return 0

    def run(self, on_ready: Callable[[], None] | None = None) -> int:
        previous = {s: signal.signal(s, self._on_signal) for s in (signal.SIGTERM, signal.SIGINT)}
        die_with_parent()  # `make serve` stopped by its own parent: the launcher stops too, cleanly
        try:
            return self._run(on_ready)
        except RuntimeError as exc:  # a server that would not start: one clear line, the logs hold the rest
            print(exc, file=sys.stderr)
            return 1
        finally:
            self.shutdown()
            for sig, handler in previous.items():
                signal.signal(sig, handler)

    def _run(self, on_ready: Callable[[], None] | None) -> int:
        code = self.prepare()
        if code:
            return code
        self.token = write_token(self.environ)
        self._app_env = self.app_environment()
        first = self.app_port
        self.members = [Replica(i, first + i if first else free_port(self.app_host)) for i in range(self.replicas)]
        for replica in self.members:
            self.start_replica(replica)
        if not self._wait_first_ready():
            return 1
        if self.apps_only:
            return self._run_apps_only(on_ready)
        self.write_conf()
        self.start_nginx()
        self._wait_proxy()
        self.write_state()
        print(
            t(
                "cluster_ready",
                self.lang,
                url=self.url,
                n=self.replicas,
                write_url=f"{self.url}?token={self.token}",
            ),
            flush=True,
        )
        if on_ready:
            on_ready()
        self._supervise()
        return 0

    def _run_apps_only(self, on_ready: Callable[[], None] | None) -> int:
        """The replicas of a server whose sessions come through another server's nginx."""
        self.write_state()
        addresses = ", ".join(self._address(r.port) for r in self.members)
        print(t("cluster_apps_ready", self.lang, n=self.replicas, addresses=addresses), flush=True)
        if on_ready:
            on_ready()
        self._supervise()
        return 0

    def _on_signal(self, *_: object) -> None:
        self._stop.set()

    def _wait_first_ready(self) -> bool:
        deadline = time.monotonic() + START_TIMEOUT
        while not self._stop.is_set() and time.monotonic() < deadline:
            for r in self.members:
                if not r.ready and r.process and r.process.poll() is None and healthy(r.port, host=self.app_host):
                    r.ready, r.down, r.last_ok = True, False, time.monotonic()
            if any(r.ready for r in self.members) and all(
                r.ready or (r.process and r.process.poll() is not None) for r in self.members
            ):
                return True
            if all(r.process and r.process.poll() is not None for r in self.members):
                print(t("cluster_replicas_failed", self.lang, dir=self.serve_dir), file=sys.stderr)
                return False
            self._stop.wait(0.3)
        return any(r.ready for r in self.members) and not self._stop.is_set()

    def _wait_proxy(self, timeout: float = 20.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and not self._stop.is_set():
            if self.nginx is not None and self.nginx.poll() is not None:
                raise RuntimeError(f"nginx stopped; see {self.serve_dir / 'nginx.log'}")
            scheme = "https" if self.tls else "http"
            try:
                context = ssl._create_unverified_context() if self.tls else None  # our own certificate, any name
                with urllib.request.urlopen(
                    f"{scheme}://127.0.0.1:{self.port}/_stcore/health", timeout=3, context=context
                ) as r:
                    if r.read() == b"ok":
                        return
            except OSError:
                time.sleep(0.2)

    # -- watch -------------------------------------------------------------------------------------------
    def _supervise(self) -> None:
        while not self._stop.is_set():
            self.check_once()
            self._stop.wait(1.0)

    def check_once(self) -> None:
        now = time.monotonic()
        for r in self.members:
            assert r.process is not None
            code = r.process.poll()
            if code is not None:
                if now - r.started < RESTART_PAUSE:  # one that dies on start is not restarted in a tight loop
                    continue
                log(t("cluster_replica_exited", self.lang, i=r.index, port=r.port, code=code))
                r.restarts += 1
                self.start_replica(r)
                continue
            if now - r.last_check < CHECK_EVERY:
                continue
            r.last_check = now
            if healthy(r.port, host=self.app_host):
                r.failures, r.last_ok = 0, now
                if not r.ready or r.down:
                    log(t("cluster_replica_up", self.lang, i=r.index, port=r.port))
                r.ready, r.down = True, False
                continue
            r.failures += 1
            if r.ready and r.failures >= DOWN_AFTER and not r.down:
                r.down = True
                log(t("cluster_replica_down", self.lang, i=r.index, port=r.port))
            waited = now - (r.last_ok if r.ready else r.started)
            if waited > (HUNG_AFTER if r.ready else START_TIMEOUT):
                log(t("cluster_replica_hung", self.lang, i=r.index, port=r.port, s=int(waited)))
                stop(r.process, signal.SIGKILL, timeout=5)
                r.restarts += 1
                self.start_replica(r)
        self.check_upstreams(now)
        if self.apps_only:
            pass  # no nginx here: the other server's nginx checks these replicas itself
        elif self.nginx is not None and self.nginx.poll() is not None:
            log(t("cluster_nginx_exited", self.lang, code=self.nginx.returncode))
            self._written = None
            self.write_conf()
            self.start_nginx()
        elif self.write_conf():
            self.reload_nginx()
        if self.backups and self.database_url:
            self.backups.tick(datetime.now(), self.database_url, self.python, self.lang)
        if self.postgres and self.postgres.process and self.postgres.process.poll() is not None:
            log(t("cluster_postgres_exited", self.lang, code=self.postgres.process.returncode))
            self.postgres.start()
        self.write_state()

    def check_upstreams(self, now: float) -> None:
        """The other servers' replicas: down after DOWN_AFTER failed checks, back when one passes (their own
        server starts them again; this one only stops sending them sessions)."""
        for u in self.remotes:
            if now - u.last_check < CHECK_EVERY:
                continue
            u.last_check = now
            if address_healthy(u.address):
                if u.down:
                    log(t("cluster_upstream_up", self.lang, address=u.address))
                u.failures, u.down = 0, False
                continue
            u.failures += 1
            if u.failures >= DOWN_AFTER and not u.down:
                u.down = True
                log(t("cluster_upstream_down", self.lang, address=u.address))

    # -- stop --------------------------------------------------------------------------------------------
    def shutdown(self) -> None:
        if self.backups:
            self.backups.wait()  # a backup under way finishes before its database stops
        stop(self.nginx, signal.SIGTERM)  # fast stop: open websockets would hold a graceful one for a day
        for r in self.members:
            if r.process and r.process.poll() is None:
                r.process.terminate()
        for r in self.members:
            stop(r.process)
        if self.postgres:
            self.postgres.stop()
