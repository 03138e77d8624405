"""A throwaway PostgreSQL server for tests: initdb in a temp dir, on a free localhost port, stopped after.

Used when Debian's `postgresql` binaries exist (`.ci/run` installs them); tests parametrised over
`store_url` skip the PostgreSQL case only when they are absent. As root, the server runs as `postgres`.

`store_url` databases are copies of a template made once per server that already holds the PostGIS extension
(creating it costs about a second per database); `new_database()` without a template is a bare database, for
tests of how the store itself enables PostGIS or loads a dump.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest


def _bin_dir() -> Path | None:
    for candidate in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if Path(candidate, "initdb").exists() and Path(candidate, "pg_ctl").exists():
            return Path(candidate)
    found = shutil.which("initdb")
    return Path(found).resolve().parent if found and shutil.which("pg_ctl") else None


def villages_have_points(conn) -> bool:
    """The store keeps village positions in a PostGIS point column."""
    from sqlalchemy import text

    from core.storage.postgis import POINT_COLUMN

    found = conn.execute(
        text(
            "SELECT udt_name FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND table_name = 'villages' AND column_name = :c"
        ),
        {"c": POINT_COLUMN},
    ).scalar()
    return conn.dialect.name == "postgresql" and found == "geometry"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PostgresServer:
    def __init__(self) -> None:
        self.bin = _bin_dir()
        if self.bin is None:
            raise FileNotFoundError("initdb/pg_ctl not found")
        self.dir = Path(tempfile.mkdtemp(prefix="dxmap-pg-"))
        self.port = _free_port()
        self.as_postgres = os.geteuid() == 0
        self._n = 0
        self._template: str | None = None

    def _run(self, *args: str) -> None:
        cmd = [str(self.bin / args[0]), *args[1:]]
        if self.as_postgres:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=60)

    def start(self) -> PostgresServer:
        if self.as_postgres:
            shutil.chown(self.dir, "postgres", "postgres")
        data = self.dir / "data"
        self._run("initdb", "-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync")
        opts = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"
        self._run("pg_ctl", "-D", str(data), "-o", opts, "-l", str(self.dir / "log"), "-w", "-t", "30", "start")
        return self

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.dir / "data"), "-m", "immediate", "-w", "stop")
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired):
            pass
        shutil.rmtree(self.dir, ignore_errors=True)

    @property
    def admin_url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def _admin(self, dbname: str = "postgres"):
        import psycopg

        return psycopg.connect(f"host=127.0.0.1 port={self.port} user=postgres dbname={dbname}", autocommit=True)

    def template(self) -> str:
        """The name of a database holding what every store needs before its first commit (PostGIS, when this
        server has it), made on first use; nothing may stay connected to it, so copies of it can be made."""
        if self._template is None:
            name = f"dx_template_{os.getpid()}"
            with self._admin() as c:
                c.execute(f'CREATE DATABASE "{name}"')
            with self._admin(name) as c:
                if c.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'postgis'").fetchone():
                    c.execute("CREATE EXTENSION postgis")
            self._template = name
        return self._template

    def new_database(self, *, from_template: bool = False, copy_of: str | None = None) -> str:
        """A fresh database on this server, as a SQLAlchemy URL: empty, a copy of `template()`, or a copy of the
        database at the URL `copy_of` (whose connections are closed first)."""
        template = ""
        if copy_of is not None:
            template = copy_of.rsplit("/", 1)[1]
        elif from_template:
            template = self.template()
        self._n += 1
        name = f"dx_{os.getpid()}_{self._n}_{int(time.time() * 1000) % 100000}"
        with self._admin() as c:
            if copy_of is not None:
                c.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", (template,))
            c.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{name}"

    def load_dump(self, dump: Path) -> str:
        """A fresh database holding a plain-SQL `pg_dump` (loaded with psql, stopping at the first error)."""
        url = self.new_database()
        cmd = [
            str(self.bin / "psql"),
            "-X",
            "-q",
            "-v",
            "ON_ERROR_STOP=1",
            "-h",
            "127.0.0.1",
            "-p",
            str(self.port),
            "-U",
            "postgres",
            "-d",
            url.rsplit("/", 1)[1],
            "-f",
            str(dump),
        ]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=60)
        return url


@pytest.fixture(scope="session")
def postgres_server():
    try:
        server = PostgresServer()
    except FileNotFoundError:
        pytest.skip("PostgreSQL binaries (initdb, pg_ctl) are not installed")
    server.start()
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path):
    """A fresh empty store: a SQLite file in tmp_path, or a new database on the throwaway server (with the
    PostGIS extension already created, as `make serve` creates it before the store's first commit)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.sqlite'}"
    server = request.getfixturevalue("postgres_server")
    return server.new_database(from_template=True)


@pytest.fixture(scope="session")
def store_copies(tmp_path_factory):
    """`store_copies(name, url, build)`: a copy, at the fresh store `url`'s kind, of a store `build(url)` filled
    once per session under `name` (tests may write to their copy; SQLite through sqlite3's backup, PostgreSQL
    as a `CREATE DATABASE … TEMPLATE`). For tests whose point is what comes after the store was filled."""
    import sqlite3
    from contextlib import closing

    made: dict[tuple[str, str], str] = {}

    def copy(name: str, url: str, build, server: PostgresServer | None = None) -> str:
        kind = "sqlite" if url.startswith("sqlite") else "postgresql"
        if (name, kind) not in made:
            if kind == "sqlite":
                source = f"sqlite:///{tmp_path_factory.mktemp('filled') / 'store.sqlite'}"
            else:
                source = server.new_database(from_template=True)
            build(source)
            made[name, kind] = source
        source = made[name, kind]
        if kind == "postgresql":
            return server.new_database(copy_of=source)
        target = url.removeprefix("sqlite:///")
        with closing(sqlite3.connect(source.removeprefix("sqlite:///"))) as a, closing(sqlite3.connect(target)) as b:
            a.backup(b)
        return url

    return copy
