"""A backup of a PostGIS store made exactly as `make serve` makes it (the `dxmap` role owns the database, the
superuser created the postgis extension, so `spatial_ref_sys` is not the role's): it restores, as that role,
into a fresh database made the same way and into the live store with --replace, with the same figures; and
`restore-backup --check` restores it for real (and undoes it) rather than only reading its table of contents."""

from __future__ import annotations

import json
import secrets

import psycopg
import pytest
from sqlalchemy import text

from cli.main import main
from core.storage import store
from ops import postgres


def _served_database(server) -> str:
    """What `make serve` does (ops.postgres LocalPostgres._prepare), as the superuser; the store's URL for
    the `dxmap` role."""
    if not postgres.postgis_installed(server.bin):
        pytest.skip("PostGIS is not installed for this PostgreSQL")
    name = f"dxmap_{secrets.token_hex(4)}"
    admin = f"host=127.0.0.1 port={server.port} user=postgres"
    with psycopg.connect(f"{admin} dbname=postgres", autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_roles WHERE rolname = 'dxmap'").fetchone() is None:
            conn.execute("CREATE ROLE dxmap LOGIN PASSWORD 'dxmap-test'")
        conn.execute(f"CREATE DATABASE {name} OWNER dxmap")
    with psycopg.connect(f"{admin} dbname={name}", autocommit=True) as conn:
        conn.execute("CREATE EXTENSION IF NOT EXISTS postgis")
    return f"postgresql+psycopg://dxmap:dxmap-test@127.0.0.1:{server.port}/{name}"


def _cli(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _figures(capsys, url: str) -> dict:
    code, out, err = _cli(capsys, "summary", "--json", "--db", url)
    assert code == 0, err
    return json.loads(out)


def test_a_postgis_store_backup_restores_as_the_stores_own_role(postgres_server, demo_dataset, tmp_path, capsys):
    live = _served_database(postgres_server)
    store.commit(demo_dataset, who="Lò Văn Minh", url=live)
    with store.engine(live).connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM pg_extension WHERE extname = 'postgis'")).scalar() == 1
    before = _figures(capsys, live)
    dump = tmp_path / "province.pgdump"
    code, _out, err = _cli(capsys, "backup", "-o", str(dump), "--db", live)
    assert code == 0, err

    code, out, err = _cli(capsys, "restore-backup", str(dump), "--check", "--db", live)
    assert code == 0, err
    assert _figures(capsys, live) == before  # the check changed nothing

    fresh = _served_database(postgres_server)
    code, _out, err = _cli(capsys, "restore-backup", str(dump), "--db", fresh)
    assert code == 0, err
    assert _figures(capsys, fresh) == before

    code, _out, err = _cli(capsys, "restore-backup", str(dump), "--replace", "--db", live)
    assert code == 0, err
    assert _figures(capsys, live) == before


def test_check_finds_a_backup_that_would_not_restore(postgres_server, demo_dataset, tmp_path, capsys):
    live = _served_database(postgres_server)
    store.commit(demo_dataset, url=live)
    dump = tmp_path / "province.pgdump"
    assert _cli(capsys, "backup", "-o", str(dump), "--db", live)[0] == 0
    cut = tmp_path / "cut.pgdump"
    cut.write_bytes(dump.read_bytes()[: dump.stat().st_size * 2 // 3])  # a copy that stopped two thirds in
    code, _out, err = _cli(capsys, "restore-backup", str(cut), "--check", "--db", live)
    assert code == 1 and err.strip() and "Traceback" not in err
