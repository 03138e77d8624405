"""Serving a province from one server: PostgreSQL with PostGIS, several app processes, nginx in front.

`cli.py serve-province` (what `make serve` runs) installs what is missing, starts a local PostgreSQL unless
DATABASE_URL names a server, upgrades the store, starts the replicas on 127.0.0.1 and nginx on PORT, prints a
line with `ready` and the URL, then watches: a replica that exits is started again, one that stops answering
its health check gets no new sessions until it answers again (nginx reloads a rewritten configuration), one
that hangs is killed and started again. Ctrl+C or SIGTERM stops everything; every child also gets SIGTERM
from the kernel if this process is killed outright, so nothing is left running.
"""

from __future__ import annotations

import ctypes
import glob
import json
import os
import pwd
import secrets
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import threading
import time
import tomllib
import urllib.request
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from datetime import time as dtime
from pathlib import Path

from core.auth import TOKEN_VAR
from core.config import ROOT
from core.i18n import t
from core.serving import streamlit_command, write_token

TEMPLATE = ROOT / "deploy" / "nginx.conf.template"
DEFAULT_STATE = ROOT / "var"
STREAMLIT_CONFIG = ROOT / ".streamlit" / "config.toml"
BROTLI_MODULES = ("ngx_http_brotli_filter_module.so",)
NGINX_MODULES_DIR = Path("/usr/lib/nginx/modules")
MIME_TYPES = Path("/etc/nginx/mime.types")
PACKAGES = {"nginx": "nginx", "postgresql": "postgresql", "postgis": "postgis"}
OPTIONAL_PACKAGES = ("libnginx-mod-http-brotli-filter",)  # brotli where Debian has it

START_TIMEOUT = 180.0  # seconds a replica may take to answer its first health check
CHECK_EVERY = 2.0  # seconds between health checks of one replica
DOWN_AFTER = 2  # failed checks in a row before a replica gets no new sessions
HUNG_AFTER = 45.0  # seconds without a passing check before a running replica is killed and started again
RESTART_PAUSE = 5.0  # seconds between two starts of one replica
PG_DEFAULT_PORT = 5433  # beside a Debian cluster on 5432


def log(message: str) -> None:
    print(f"[dxmap serve {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --- what the proxy is told --------------------------------------------------------------------------------


def upload_limit_mb(config_path: Path = STREAMLIT_CONFIG) -> int:
    """The app's upload limit in MB: `server.maxUploadSize` of the app's Streamlit config (200, Streamlit's
    default, when the file does not set it)."""
    try:
        config = tomllib.loads(config_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        config = {}
    return int(config.get("server", {}).get("maxUploadSize", 200))


def brotli_modules(modules_dir: Path = NGINX_MODULES_DIR) -> list[Path]:
    """Debian's brotli filter module for nginx, when installed."""
    return [modules_dir / name for name in BROTLI_MODULES if (modules_dir / name).exists()]


@dataclass(frozen=True)
class ProxyLayout:
    listen: str  # "0.0.0.0:8080"
    ports: tuple[int, ...]  # the replicas' ports on 127.0.0.1, in replica order
    state: Path  # where nginx keeps its pid, logs and temporary files
    down: frozenset[int] = frozenset()  # ports that get no requests
    upload_mb: int = 200
    modules: tuple[Path, ...] = ()
    user: str | None = None  # the workers' user when nginx starts as root
    access_log: str = "off"
    tls: tuple[Path, Path] | None = None  # certificate (full chain) and key: nginx speaks HTTPS and HTTP/2


_BROTLI = """        brotli on;
        brotli_comp_level 5;
        brotli_min_length 1024;
        brotli_types text/plain text/css text/javascript application/javascript application/json
                     application/geo+json application/manifest+json image/svg+xml text/xml application/xml;"""


_TLS = """        ssl_certificate {cert};
        ssl_certificate_key {key};
        ssl_protocols TLSv1.2 TLSv1.3;
        ssl_session_cache shared:dxmap_tls:10m;
        ssl_session_timeout 1d;"""


def render_nginx_conf(layout: ProxyLayout, template: str | None = None) -> str:
    """deploy/nginx.conf.template with this layout's replicas, limits and paths filled in."""
    text = template if template is not None else TEMPLATE.read_text(encoding="utf-8")
    pool, upstreams, pinned, answered = [], [], [], []
    for i, port in enumerate(layout.ports):
        down = " down" if port in layout.down else ""
        pool.append(f"        server 127.0.0.1:{port} max_fails=1 fail_timeout=10s{down};")
        upstreams.append(f"    upstream dxmap_r{i} {{\n        server 127.0.0.1:{port}{down};\n    }}")
        pinned.append(f"        r{i} dxmap_r{i};")
        answered.append(f'        "~127\\.0\\.0\\.1:{port}$" r{i};')
    brotli = any("brotli" in m.name for m in layout.modules)
    values = {
        "load_modules": "\n".join(f"load_module {m};" for m in layout.modules),
        "user": f"user {layout.user};" if layout.user else "",
        "state": str(layout.state),
        "mime_types": str(MIME_TYPES),
        "access_log": "off" if layout.access_log == "off" else f"{layout.access_log} dxmap",
        "pool_servers": "\n".join(pool),
        "replica_upstreams": "\n".join(upstreams),
        "pinned_map": "\n".join(pinned),
        "answered_map": "\n".join(answered),
        "listen": f"{layout.listen} ssl http2" if layout.tls else layout.listen,
        "tls": _TLS.format(cert=layout.tls[0], key=layout.tls[1]) if layout.tls else "",
        "upload_mb": str(layout.upload_mb),
        "cookie_secure": "; Secure" if layout.tls else "",
        "brotli": _BROTLI if brotli else "",
    }
    for name, value in values.items():
        text = text.replace("{{" + name + "}}", value)
    return text


# --- what the machine needs --------------------------------------------------------------------------------


def postgres_bin() -> Path | None:
    """The newest Debian PostgreSQL server binaries (initdb, postgres)."""
    for candidate in sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=_pg_major, reverse=True):
        if Path(candidate, "initdb").exists() and Path(candidate, "postgres").exists():
            return Path(candidate)
    return None


def _pg_major(path: str) -> int:
    try:
        return int(Path(path).parent.name)
    except ValueError:
        return 0


def postgis_installed(bin_dir: Path | None) -> bool:
    if bin_dir is None:
        return False
    return any(
        Path(p).exists() for p in glob.glob(f"/usr/share/postgresql/{bin_dir.parent.name}/extension/postgis.control")
    )


def missing_packages(need_postgres: bool) -> list[str]:
    missing = [] if shutil.which("nginx") or Path("/usr/sbin/nginx").exists() else [PACKAGES["nginx"]]
    if need_postgres:
        bin_dir = postgres_bin()
        if bin_dir is None:
            missing += [PACKAGES["postgresql"], PACKAGES["postgis"]]
        elif not postgis_installed(bin_dir):
            missing.append(f"postgresql-{bin_dir.parent.name}-postgis-3")
    return missing


def install(packages: Sequence[str], lang: str) -> bool:
    """apt-get install `packages` (as root on Debian); else say what to install. True when all are there."""
    if packages and (os.geteuid() != 0 or not shutil.which("apt-get")):
        print(t("cluster_install_yourself", lang, packages=" ".join(packages)), file=sys.stderr)
        return False
    if packages:
        log(t("cluster_installing", lang, packages=" ".join(packages)))
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], env=env, check=False)
        done = subprocess.run(["apt-get", "install", "-y", "-qq", *packages], env=env, check=False)
        if done.returncode != 0:
            print(t("cluster_install_failed", lang, packages=" ".join(packages)), file=sys.stderr)
            return False
    if os.geteuid() == 0 and shutil.which("apt-get") and not brotli_modules():
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        # optional: a Debian without the package still serves gzip
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", *OPTIONAL_PACKAGES],
            env=env,
            check=False,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    return True


# --- child processes ---------------------------------------------------------------------------------------

_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    """In the child: receive SIGTERM when the launcher dies, even by kill -9 (no orphans)."""
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    except OSError:
        pass


def spawn(
    command: Sequence[str],
    *,
    env: Mapping[str, str] | None = None,
    user: str | None = None,
    log_file: Path | None = None,
) -> subprocess.Popen:
    out = open(log_file, "ab") if log_file else None  # noqa: SIM115 - the child owns it
    try:
        return subprocess.Popen(
            list(command),
            cwd=ROOT,
            env=dict(env) if env is not None else None,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT if out else None,
            start_new_session=True,  # Ctrl+C reaches the launcher only, which stops the children in order
            preexec_fn=_die_with_parent,  # noqa: PLW1509 - no threads run in the launcher when it spawns
            user=user,
            group=pwd.getpwnam(user).pw_gid if user else None,
            extra_groups=[] if user else None,
        )
    finally:
        if out:
            out.close()


def stop(process: subprocess.Popen | None, sig: int = signal.SIGTERM, timeout: float = 15.0) -> None:
    if process is None or process.poll() is not None:
        return
    try:
        process.send_signal(sig)
        process.wait(timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(5)


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def port_free(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError:
            return False
    return True


def healthy(port: int, timeout: float = 3.0) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=timeout) as answer:
            return answer.read() == b"ok"
    except OSError:
        return False


# --- PostgreSQL with PostGIS, in the state folder ----------------------------------------------------------


class LocalPostgres:
    """A PostgreSQL server of this install: data in STATE/postgres, on 127.0.0.1 and a socket there, with a
    password of its own (kept in STATE/postgres/password, readable by its owner only)."""

    database = "dxmap"

    def __init__(self, state: Path, port: int | None = None) -> None:
        self.dir = state / "postgres"
        self.data = self.dir / "data"
        self.bin = postgres_bin()
        self.port = port or _remembered_port(self.dir / "port")
        self.user = "postgres" if os.geteuid() == 0 else None
        self.process: subprocess.Popen | None = None

    @property
    def password(self) -> str:
        return (self.dir / "password").read_text(encoding="utf-8").strip()

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://dxmap:{self.password}@127.0.0.1:{self.port}/{self.database}"

    def _as_owner(self, *command: str) -> None:
        user = self.user
        done = subprocess.run(
            list(command),
            check=False,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
            user=user,
            group=pwd.getpwnam(user).pw_gid if user else None,
            extra_groups=[] if user else None,
        )
        if done.returncode:
            raise RuntimeError(f"{Path(command[0]).name} failed ({self.dir}): {done.stderr.strip()[-500:]}")

    def init(self) -> None:
        if (self.data / "PG_VERSION").exists():
            return
        assert self.bin is not None
        self.dir.mkdir(parents=True, exist_ok=True)
        os.chmod(self.dir, 0o700)
        password_file = self.dir / "password"
        password_file.write_text(secrets.token_urlsafe(24), encoding="utf-8")
        os.chmod(password_file, 0o600)
        pwfile = self.dir / "superuser-password"
        pwfile.write_text(secrets.token_urlsafe(24), encoding="utf-8")
        if self.user:
            for path in (self.dir, password_file, pwfile):
                shutil.chown(path, self.user, self.user)
        self._as_owner(
            str(self.bin / "initdb"),
            "-D",
            str(self.data),
            "-U",
            "postgres",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            "--auth-local=peer" if self.user else "--auth-local=trust",
            "--auth-host=scram-sha-256",
            f"--pwfile={pwfile}",
        )
        pwfile.unlink()

    def start(self) -> str:
        """Start the server (initialising it the first time), create the role, database and PostGIS; its URL."""
        self.init()
        if not port_free(self.port):
            self.port = free_port()
        (self.dir / "port").write_text(str(self.port), encoding="utf-8")
        assert self.bin is not None
        command = [
            str(self.bin / "postgres"),
            "-D",
            str(self.data),
            "-p",
            str(self.port),
            "-k",
            str(self.dir),
            "-c",
            "listen_addresses=127.0.0.1",
        ]
        self.process = spawn(command, user=self.user, log_file=self.dir / "server.log")
        if self.user:
            shutil.chown(self.dir / "server.log", self.user, self.user)
        self._wait()
        self._prepare()
        return self.url

    def _psql(self, sql: str, database: str = "postgres") -> str:
        assert self.bin is not None
        command = [str(self.bin / "psql"), "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1"]
        command += ["-h", str(self.dir), "-p", str(self.port), "-U", "postgres", "-d", database, "-c", sql]
        user = self.user
        done = subprocess.run(
            command,
            check=True,
            capture_output=True,
            text=True,
            timeout=60,
            user=user,
            group=pwd.getpwnam(user).pw_gid if user else None,
            extra_groups=[] if user else None,
        )
        return done.stdout.strip()

    def _wait(self, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise RuntimeError(f"PostgreSQL stopped; see {self.dir / 'server.log'}")
            try:
                self._psql("SELECT 1")
                return
            except subprocess.CalledProcessError:
                time.sleep(0.3)
        raise RuntimeError(f"PostgreSQL did not start; see {self.dir / 'server.log'}")

    def _prepare(self) -> None:
        password = self.password.replace("'", "''")
        if self._psql("SELECT 1 FROM pg_roles WHERE rolname = 'dxmap'") != "1":
            self._psql(f"CREATE ROLE dxmap LOGIN PASSWORD '{password}'")
        if self._psql(f"SELECT 1 FROM pg_database WHERE datname = '{self.database}'") != "1":
            self._psql(f"CREATE DATABASE {self.database} OWNER dxmap")
        if postgis_installed(self.bin):
            self._psql("CREATE EXTENSION IF NOT EXISTS postgis", database=self.database)

    def stop(self) -> None:
        stop(self.process, signal.SIGINT, timeout=30)  # SIGINT: PostgreSQL's fast shutdown


def _remembered_port(path: Path) -> int:
    try:
        return int(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return PG_DEFAULT_PORT


# --- the replicas and the supervisor -----------------------------------------------------------------------


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

    def __post_init__(self) -> None:
        self.serve_dir = self.state / "serve"
        self.conf_path = self.serve_dir / "nginx.conf"
        self.members: list[Replica] = []
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
        """A replica: on localhost only, no file watcher, and permessage-deflate on its websocket (the page's
        figures and map layers travel there, and nginx compresses only HTTP responses)."""
        command = streamlit_command(port, python=self.python) + ["--server.address", "127.0.0.1"]
        return command + ["--server.enableWebsocketCompression", "true"]

    def start_replica(self, replica: Replica) -> None:
        if not port_free(replica.port):
            replica.port = free_port()
        replica.process = spawn(
            self.replica_command(replica.port),
            env=self._app_env,
            log_file=self.serve_dir / f"replica-{replica.index}.log",
        )
        replica.started = time.monotonic()
        replica.failures, replica.ready, replica.down = 0, False, True

    def layout(self) -> ProxyLayout:
        user = None
        if os.geteuid() == 0:
            user = next((u for u in ("www-data", "nobody") if _user_exists(u)), None)
        return ProxyLayout(
            listen=f"{self.host}:{self.port}",
            ports=tuple(r.port for r in self.members),
            state=self.serve_dir,
            down=self._down_ports(),
            upload_mb=upload_limit_mb(),
            modules=tuple(brotli_modules()),
            user=user,
            access_log=str(self.serve_dir / "nginx-access.log") if self.access_log else "off",
            tls=self.tls,
        )

    def _down_ports(self) -> frozenset[int]:
        """The replicas nginx must not use; never all of them: when every one fails its check (an overloaded
        server answers slowly), nginx keeps trying them all rather than turning everyone away."""
        down = frozenset(r.port for r in self.members if r.down)
        return frozenset() if len(down) == len(self.members) else down

    def write_conf(self) -> bool:
        """Render the nginx configuration; True when it changed."""
        layout = self.layout()
        key = layout.down | frozenset(-p for p in layout.ports)
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
            [_nginx(), "-e", "stderr", "-p", str(self.serve_dir), "-c", str(self.conf_path)],
            log_file=self.serve_dir / "nginx.log",
        )

    def reload_nginx(self) -> None:
        if self.nginx is not None and self.nginx.poll() is None:
            self.nginx.send_signal(signal.SIGHUP)

    def write_state(self) -> None:
        state = {
            "url": self.url,
            "nginx_pid": self.nginx.pid if self.nginx else None,
            "postgres_pid": self.postgres.process.pid if self.postgres and self.postgres.process else None,
            "replicas": [
                {"index": r.index, "port": r.port, "pid": r.pid, "down": r.down, "restarts": r.restarts}
                for r in self.members
            ],
        }
        text = json.dumps(state, indent=1)
        if text != self._state_text:  # replaced whole, never seen half-written
            partial = self.serve_dir / "state.json.new"
            partial.write_text(text, encoding="utf-8")
            os.replace(partial, self.serve_dir / "state.json")
            self._state_text = text

    @property
    def url(self) -> str:
        host = "localhost" if self.host in ("0.0.0.0", "127.0.0.1", "::", "[::]") else self.host
        return f"{'https' if self.tls else 'http'}://{host}:{self.port}/"

    def prepare(self) -> int:
        """Everything before the replicas: packages, database, migrations. 0, or an exit code."""
        from core.storage import store

        url = self.environ.get("DATABASE_URL")
        if not install(missing_packages(need_postgres=not url), self.lang):
            return 1
        if not port_free(self.port, "" if self.host in ("0.0.0.0", "::", "[::]") else self.host):
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
            log(t("cluster_postgres", self.lang, url=_hide_password(self.database_url), dir=self.postgres.dir))
        store.open_store(self.database_url)  # upgrades the schema once, before any replica reads it
        return 0

    def run(self, on_ready: Callable[[], None] | None = None) -> int:
        previous = {s: signal.signal(s, self._on_signal) for s in (signal.SIGTERM, signal.SIGINT)}
        _die_with_parent()  # `make serve` stopped by its own parent: the launcher stops too, cleanly
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
        self.members = [Replica(i, free_port()) for i in range(self.replicas)]
        for replica in self.members:
            self.start_replica(replica)
        if not self._wait_first_ready():
            return 1
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

    def _on_signal(self, *_: object) -> None:
        self._stop.set()

    def _wait_first_ready(self) -> bool:
        deadline = time.monotonic() + START_TIMEOUT
        while not self._stop.is_set() and time.monotonic() < deadline:
            for r in self.members:
                if not r.ready and r.process and r.process.poll() is None and healthy(r.port):
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
            if healthy(r.port):
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
        if self.nginx is not None and self.nginx.poll() is not None:
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


# --- the nightly backup -------------------------------------------------------------------------------------


@dataclass
class NightlyBackup:
    """`cli.py backup -o FOLDER/dxmap-YYYY-MM-DD.backup` once a day at `at` (DXMAP_BACKUP_DIR switches it on,
    DXMAP_BACKUP_AT sets the time, 02:00 by default); the newest `keep` copies stay (DXMAP_BACKUP_KEEP, 14)."""

    folder: Path
    at: dtime = dtime(2, 0)
    keep: int = 14
    due: datetime | None = None
    process: subprocess.Popen | None = None

    @classmethod
    def from_environment(cls, environ: Mapping[str, str]) -> NightlyBackup | None:
        folder = environ.get("DXMAP_BACKUP_DIR")
        if not folder:
            return None
        at = dtime(2, 0)
        try:
            hours, minutes = environ.get("DXMAP_BACKUP_AT", "02:00").split(":")
            at = dtime(int(hours), int(minutes))
        except ValueError:
            pass
        try:
            keep = max(1, int(environ.get("DXMAP_BACKUP_KEEP", "14")))
        except ValueError:
            keep = 14
        return cls(Path(folder).resolve(), at, keep)

    def next_after(self, now: datetime) -> datetime:
        today = now.replace(hour=self.at.hour, minute=self.at.minute, second=0, microsecond=0)
        return today if today > now else today + timedelta(days=1)

    def command(self, python: str, day: datetime) -> list[str]:
        target = self.folder / f"dxmap-{day:%Y-%m-%d}.backup"
        return [python, str(ROOT / "cli.py"), "backup", "-o", str(target)]

    def tick(self, now: datetime, url: str, python: str, lang: str) -> None:
        if self.process is not None and self.process.poll() is not None:
            code = self.process.returncode
            log(t("cluster_backup_done" if code == 0 else "cluster_backup_failed", lang, dir=self.folder, code=code))
            self.process = None
            if code == 0:
                self.prune()
        if self.due is None:
            self.due = self.next_after(now)
        if now >= self.due and self.process is None:
            self.folder.mkdir(parents=True, exist_ok=True)
            env = {**os.environ, "DATABASE_URL": url}
            self.process = spawn(self.command(python, now), env=env, log_file=self.folder / "backup.log")
            self.due = self.next_after(now)

    def prune(self) -> list[Path]:
        copies = sorted(self.folder.glob("dxmap-????-??-??.backup"))
        removed = copies[: max(0, len(copies) - self.keep)]
        for old in removed:
            old.unlink()
        return removed

    def wait(self) -> None:
        if self.process is not None:
            try:
                self.process.wait(600)
            except subprocess.TimeoutExpired:
                stop(self.process)


def _nginx() -> str:
    return shutil.which("nginx") or "/usr/sbin/nginx"


def _user_exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


def _hide_password(url: str) -> str:
    head, sep, tail = url.partition("@")
    if not sep or ":" not in head.split("//", 1)[-1]:
        return url
    scheme, _, credentials = head.partition("//")
    return f"{scheme}//{credentials.split(':', 1)[0]}:***@{tail}"
