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


@pytest.fixture(scope="module")
def _served_demo(postgres_server, demo_dataset) -> str:
    """A served database holding the demo, committed by the `dxmap` role; made once, copied by `served_demo`."""
    url = _served_database(postgres_server)
    store.commit(demo_dataset, url=url)
    return url


@pytest.fixture
def served_demo(postgres_server, _served_demo) -> str:
    """What `_served_database` and a commit of the demo make, as a copy of `_served_demo` (owned by `dxmap`,
    the extension by the superuser, as in the original)."""
    base, source = _served_demo.rsplit("/", 1)
    name = f"dxmap_{secrets.token_hex(4)}"
    with psycopg.connect(f"host=127.0.0.1 port={postgres_server.port} user=postgres dbname=postgres") as conn:
        conn.autocommit = True
        conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", (source,))
        conn.execute(f"CREATE DATABASE {name} OWNER dxmap TEMPLATE {source}")
    return f"{base}/{name}"


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


def test_check_finds_a_backup_that_would_not_restore(served_demo, tmp_path, capsys):
    live = served_demo
    dump = tmp_path / "province.pgdump"
    assert _cli(capsys, "backup", "-o", str(dump), "--db", live)[0] == 0
    cut = tmp_path / "cut.pgdump"
    cut.write_bytes(dump.read_bytes()[: dump.stat().st_size * 2 // 3])  # a copy that stopped two thirds in
    code, _out, err = _cli(capsys, "restore-backup", str(cut), "--check", "--db", live)
    assert code == 1 and err.strip() and "Traceback" not in err


def _archive_and_record(path) -> tuple[bytes, bytes]:
    """A backup file split into its pg_dump archive and the record of counts and checksums that follows it."""
    data = path.read_bytes()
    start = data.rfind(b'\n{"tables"')
    assert start > 0, "the backup records its tables"
    return data[:start], data[start:]


def _scratch_schemas(url: str) -> list[str]:
    with store.engine(url).connect() as conn:
        rows = conn.execute(text("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'dxmap_check%'")).all()
    return [r[0] for r in rows]


def test_check_restores_into_a_scratch_schema_and_matches_the_recorded_rows(served_demo, tmp_path, capsys):
    live = served_demo
    before = _figures(capsys, live)
    dump = tmp_path / "province.pgdump"
    assert _cli(capsys, "backup", "-o", str(dump), "--db", live)[0] == 0
    code, out, err = _cli(capsys, "--lang", "en", "restore-backup", str(dump), "--check", "--db", live)
    assert code == 0, err
    assert "scratch schema" in out and "match those recorded at backup time" in out
    assert _scratch_schemas(live) == []  # dropped
    assert _figures(capsys, live) == before


def _tampered(capsys, live: str, tmp_path, change: str):
    """A backup whose archive holds the store after `change`, followed by the record of the store before it:
    what a backup looks like when rows changed or were lost between the backup and its check."""
    first, second = tmp_path / "first.pgdump", tmp_path / "second.pgdump"
    assert _cli(capsys, "backup", "-o", str(first), "--db", live)[0] == 0
    with store.engine(live).begin() as conn:
        conn.execute(text(change))
    assert _cli(capsys, "backup", "-o", str(second), "--db", live)[0] == 0
    tampered = tmp_path / "tampered.pgdump"
    tampered.write_bytes(_archive_and_record(second)[0] + _archive_and_record(first)[1])
    return tampered


def test_check_reports_a_backup_with_one_row_changed(served_demo, tmp_path, capsys):
    live = served_demo
    tampered = _tampered(
        capsys,
        live,
        tmp_path,
        "UPDATE villages SET population = population + 1 WHERE village_id = (SELECT min(village_id) FROM villages)",
    )
    code, out, err = _cli(capsys, "--lang", "en", "restore-backup", str(tampered), "--check", "--db", live)
    assert code == 1 and "Traceback" not in err
    assert "table villages" in err and "content changed" in err
    assert _scratch_schemas(live) == []


def test_check_reports_a_backup_with_a_truncated_table(served_demo, tmp_path, capsys):
    live = served_demo
    with store.engine(live).connect() as conn:
        activities = conn.execute(text("SELECT count(*) FROM activities")).scalar()
    tampered = _tampered(
        capsys, live, tmp_path, "DELETE FROM activities WHERE ctid IN (SELECT ctid FROM activities LIMIT 100)"
    )
    code, out, err = _cli(capsys, "--lang", "en", "restore-backup", str(tampered), "--check", "--db", live)
    assert code == 1 and "Traceback" not in err
    assert f"table activities restores {activities - 100} rows, {activities} were recorded" in err


def test_check_says_so_when_the_role_may_not_make_a_scratch_schema(postgres_server, served_demo, tmp_path, capsys):
    live = served_demo
    dump = tmp_path / "province.pgdump"
    assert _cli(capsys, "backup", "-o", str(dump), "--db", live)[0] == 0
    name = f"dxmap_{secrets.token_hex(4)}"  # a database the role may read but not create schemas in
    admin = f"host=127.0.0.1 port={postgres_server.port} user=postgres"
    with psycopg.connect(f"{admin} dbname=postgres", autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
        conn.execute(f"REVOKE CREATE ON DATABASE {name} FROM PUBLIC")
    other = live.rsplit("/", 1)[0] + f"/{name}"
    code, _out, err = _cli(capsys, "--lang", "en", "restore-backup", str(dump), "--check", "--db", other)
    assert code == 1 and "Traceback" not in err
    assert "may not create a scratch schema" in err
