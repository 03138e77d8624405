"""PostgreSQL with PostGIS of the install itself: data in STATE/postgres, on 127.0.0.1, a password of its own."""

from __future__ import annotations

import glob
import os
import pwd
import secrets
import shutil
import signal
import subprocess
import time
from pathlib import Path

from ops.processes import free_port, port_free, spawn, stop

PG_DEFAULT_PORT = 5433  # beside a Debian cluster on 5432


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


def hide_password(url: str) -> str:
    head, sep, tail = url.partition("@")
    if not sep or ":" not in head.split("//", 1)[-1]:
        return url
    scheme, _, credentials = head.partition("//")
    return f"{scheme}//{credentials.split(':', 1)[0]}:***@{tail}"
