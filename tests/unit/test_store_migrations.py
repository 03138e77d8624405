"""Store schema versions: a store written by the code of schema version 1 (tests/fixtures/store-v1.*) opens,
reads and takes imports; upgrade steps run once, even with two processes; a newer store is refused untouched.
On SQLite and PostgreSQL."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.exc import DBAPIError

from core.analysis.kpis import summary
from core.ingest import importer
from core.storage import migrations, store
from tests.fixtures.packages import write_csv
from tests.fixtures.store_v1 import EXPECTED, POSTGRES_FIXTURE, SQLITE_FIXTURE, canonical, version_rows
from tests.fixtures.upgrade_steps import BROKEN_STEP, FUTURE, TAG_STEP
from tests.pg import villages_have_points

ROOT = Path(__file__).resolve().parents[2]
WANTED = json.loads(EXPECTED.read_text(encoding="utf-8"))
PRODUCTION = [(s.version, s.note) for s in migrations.STEPS]  # the upgrades this code runs on a v1 store
WITH_TAG = (*migrations.STEPS, TAG_STEP)


@pytest.fixture(params=["sqlite", "postgresql"])
def v1_store(request, tmp_path) -> tuple[str, str]:
    """A copy of the store written by schema-version-1 code, and its backend's name."""
    if request.param == "sqlite":
        path = tmp_path / "store.sqlite"
        shutil.copyfile(SQLITE_FIXTURE, path)
        return f"sqlite:///{path}", "sqlite"
    server = request.getfixturevalue("postgres_server")
    return server.load_dump(POSTGRES_FIXTURE), "postgresql"


def snapshot(url: str) -> dict:
    """Every table with its columns and row count, and the recorded schema versions."""
    eng = create_engine(url)
    try:
        with eng.connect() as conn:
            insp = inspect(conn)
            out: dict = {
                name: (
                    sorted(c["name"] for c in insp.get_columns(name)),
                    conn.execute(text(f'SELECT COUNT(*) FROM "{name}"')).scalar(),
                )
                for name in sorted(insp.get_table_names())
            }
            out["_history"] = [(v, note) for v, _at, note in migrations.history(conn)]
    finally:
        eng.dispose()
    return out


def columns(url: str) -> dict[str, list[str]]:
    tables = snapshot(url)
    del tables["_history"]
    return {name: cols for name, (cols, _rows) in tables.items()}


def test_a_v1_store_reads_as_written_and_takes_an_import(v1_store, tmp_path):
    url, backend = v1_store
    assert store.open_store(url) == migrations.latest()
    assert version_rows(url) == WANTED["versions"][backend]
    for version in ("1", "2", "3"):
        data = store.load_dataset(int(version), url)
        got = _without_instance_ids(canonical(data))
        # fields the data's metadata gained later: a v1 store's date is its package's own
        assert (got["meta"].pop("as_of_source"), got["meta"].pop("package_as_of")) == ("package", None), version
        assert got == WANTED["data"][version], version
        assert json.loads(json.dumps(summary(data))) == WANTED["summary"][version], version
    upgraded = snapshot(url)["_history"]
    assert store.open_store(url) == migrations.latest()
    assert snapshot(url)["_history"] == upgraded  # reading a current store writes nothing

    report = write_csv(
        tmp_path / "bao_cao_cuoi_thang_3.csv",
        [
            ["date", "team_id", "village_id", "kind", "participants", "eid_level2"],
            ["20/03/2025", "T01", "CC01", "training", "30", "7"],
        ],
    )
    plan = importer.dry_run([report], store.load_dataset(url=url), 3)
    assert plan.ok, [p.message("en") for p in plan.problems]
    assert importer.commit(plan, who="Phạm Thu", url=url) == 4
    assert len(store.load_dataset(4, url).activities) == 3
    assert version_rows(url)[1:] == WANTED["versions"][backend]  # the history before it is unchanged
    assert snapshot(url)["_history"] == [(1, "written before schema versions"), *PRODUCTION]


def _without_instance_ids(data: dict) -> dict:
    """Version-1 activities read back with the column the upgrade added, blank in every row."""
    activities = data["activities"]
    j = activities["columns"].index("instance_id")
    assert all(row[j] is None for row in activities["rows"])
    pop = lambda items: [x for i, x in enumerate(items) if i != j]  # noqa: E731
    rows = [pop(row) for row in activities["rows"]]
    return data | {
        "activities": {"columns": pop(activities["columns"]), "dtypes": pop(activities["dtypes"]), "rows": rows}
    }


def test_a_future_step_upgrades_a_v1_store_and_is_recorded(v1_store):
    url, _backend = v1_store
    before = snapshot(url)
    assert store.open_store(url, steps=WITH_TAG) == FUTURE
    after = snapshot(url)
    assert "tag" in after["versions"][0] and "tag" not in before["versions"][0]
    assert after["_history"] == [(1, "written before schema versions"), *PRODUCTION, (FUTURE, "versions get a tag")]
    assert after["versions"][1] == before["versions"][1] == 3  # no version lost
    assert store.open_store(url, steps=WITH_TAG) == FUTURE  # a second open finds it done
    assert snapshot(url) == after


def test_a_step_that_fails_leaves_the_store_at_its_version(v1_store):
    url, _backend = v1_store
    before = snapshot(url)
    with pytest.raises(RuntimeError):
        store.open_store(url, steps=(*migrations.STEPS, BROKEN_STEP))
    assert snapshot(url) == before  # the column the step added is gone again, no version recorded
    assert store.open_store(url) == migrations.latest()


def test_a_store_newer_than_the_code_is_refused_and_left_untouched(v1_store, capsys):
    url, _backend = v1_store
    store.open_store(url, steps=WITH_TAG)
    before = snapshot(url)
    for attempt in (store.current_version_id, store.list_versions, lambda u: store.load_dataset(1, u)):
        with pytest.raises(store.StoreError) as refused:
            attempt(url)
        assert refused.value.code == "store_too_new" and refused.value.params == {
            "found": FUTURE,
            "supported": FUTURE - 1,
        }
    with pytest.raises(store.StoreError) as refused:
        store.commit(_tiny_dataset(), url=url)
    assert refused.value.code == "store_too_new"
    from cli import main as cli

    assert cli.main(["summary", "--db", url, "--lang", "en"]) == 1
    assert capsys.readouterr().err.strip().splitlines() == [
        f"The data store was written by a newer dxmap (schema {FUTURE}; this one reads up to {FUTURE - 1}). "
        "Nothing was read or written; update dxmap."
    ]
    assert snapshot(url) == before


def _tiny_dataset():
    import tempfile

    from core.ingest.reader import read_package
    from tests.fixtures.packages import write_package

    with tempfile.TemporaryDirectory() as tmp:
        dataset, problems = read_package(write_package(Path(tmp) / "pkg"))
    assert dataset is not None, problems
    return dataset


UPGRADER = """
import pathlib, sys, time
from core.storage import store
from tests.fixtures.upgrade_steps import SLOW_STEP
go = pathlib.Path(sys.argv[2])
while not go.exists():
    time.sleep(0.01)
from core.storage import migrations
print(store.open_store(sys.argv[1], steps=(*migrations.STEPS, SLOW_STEP)))
"""


def test_two_processes_upgrading_at_once_give_one_upgrade(v1_store, tmp_path):
    url, _backend = v1_store
    go = tmp_path / "go"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", UPGRADER, url, str(go)],
            cwd=ROOT,
            text=True,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for _ in range(2)
    ]
    go.touch()
    results = [p.communicate(timeout=120) for p in procs]
    assert [(p.returncode, out.strip()) for p, (out, _err) in zip(procs, results, strict=True)] == [
        (0, str(FUTURE))
    ] * 2, [err for _out, err in results]
    after = snapshot(url)
    assert after["upgrade_runs"][1] == 1  # the step ran once
    assert after["_history"] == [(1, "written before schema versions"), *PRODUCTION, (FUTURE, "log who upgraded")]


def test_a_new_store_and_an_upgraded_v1_store_have_the_same_tables(v1_store, request, tmp_path):
    """Changing the tables in core/storage/store.py without an upgrade step fails here."""
    url, backend = v1_store
    fresh = (
        f"sqlite:///{tmp_path / 'new.sqlite'}"
        if backend == "sqlite"
        else request.getfixturevalue("postgres_server").new_database()
    )
    store.commit(store.load_dataset(url=url), url=url)  # a write: marks and upgrades the old store
    store.commit(store.load_dataset(url=url), url=fresh)
    assert columns(url) == columns(fresh)
    assert snapshot(fresh)["_history"] == [(migrations.latest(), "new store")]


# --- driver errors by their codes ------------------------------------------------------------------------


def test_an_error_whose_text_mentions_a_lock_is_not_taken_for_a_busy_store(store_url):
    """Only the driver's busy code means "busy"; any other error is passed on as it is."""
    with pytest.raises(DBAPIError) as raised:
        with store.write_transaction(store_url) as conn:
            conn.execute(text("SELECT locked FROM table_locked_by_nobody"))
    assert "table_locked_by_nobody" in str(raised.value)


def test_a_store_file_removed_after_it_was_read_is_absent_again(tmp_path):
    """Knowing a store was current must not outlive the store: its file gone, there is no data (and reading
    creates no file); an empty file in its place is an empty store, not an unreadable one."""
    path = tmp_path / "store.sqlite"
    url = f"sqlite:///{path}"
    store.commit(_tiny_dataset(), url=url)
    assert store.current_version_id(url) == 1
    for leftover in tmp_path.glob("store.sqlite*"):
        leftover.unlink()
    assert store.current_version_id(url) is None
    assert not path.exists()
    path.write_bytes(b"")
    store.engine.cache_clear()
    assert store.current_version_id(url) is None


def test_an_upgraded_v1_store_takes_accounts_and_audit_entries_beside_its_data(v1_store):
    """Step 3 adds the account, sign-in lock and audit tables; the data versions are untouched."""
    from argon2 import PasswordHasher

    from core import accounts, audit

    url, backend = v1_store
    accounts._HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    try:
        assert not accounts.any_accounts(url)  # reading upgrades the store, and finds no account
        assert {"accounts", "signin_attempts", "audit_log"} <= set(columns(url))
        assert (3, "accounts, sign-in locks and the audit log") in snapshot(url)["_history"]
        accounts.add_account("boss", "long enough", "admin", actor="cli:test", url=url)
        assert accounts.sign_in("boss", "long enough", url=url).account.role == "admin"
        assert [e.action for e in audit.entries(url=url)] == ["account_add", "signin_ok"]
        assert version_rows(url) == WANTED["versions"][backend]
    finally:
        accounts._HASHER = PasswordHasher()


def test_an_upgraded_v1_store_keeps_confirmed_synonyms(v1_store):
    """Schema step 4: the synonyms table, the same on an upgraded store as on a new one; a synonym kept there is
    read back with who confirmed it."""
    from core.storage import synonyms

    url, _backend = v1_store
    store.open_store(url)
    assert (4, "confirmed synonyms of report words, per province") in snapshot(url)["_history"]
    assert columns(url)["synonyms"] == sorted(
        ["province_code", "field", "value_key", "value", "target", "who", "created_at"]
    )
    synonyms.save("11", [synonyms.Synonym("kind", "Buổi hướng dẫn tập trung", "session")], "Lò Thị Mai", url)
    (kept,) = synonyms.load("11", url)
    assert (kept.value, kept.target, kept.who) == ("Buổi hướng dẫn tập trung", "session", "Lò Thị Mai")


def test_step_5_gives_an_upgraded_postgresql_store_postgis_columns(postgres_server):
    """A v1 PostgreSQL store (WKB bytes) upgraded: boundaries become geometry, villages get their point column,
    both indexed, and every version reads back the shapes it held before."""
    from core.storage import postgis

    url = postgres_server.load_dump(POSTGRES_FIXTURE)
    with create_engine(url).connect() as conn:
        raw = conn.execute(text("SELECT version_id, row_no, geometry FROM boundaries ORDER BY 1, 2")).all()
    assert store.open_store(url) == migrations.latest()
    with store.engine(url).connect() as conn:
        assert postgis.boundaries_are_geometry(conn) and villages_have_points(conn)
        indexes = set(conn.execute(text("SELECT indexname FROM pg_indexes WHERE indexdef ILIKE '%gist%'")).scalars())
        assert indexes == {postgis.BOUNDARY_INDEX, postgis.VILLAGE_INDEX}
        after = conn.execute(text("SELECT version_id, row_no, ST_AsBinary(geometry) FROM boundaries ORDER BY 1, 2"))
        assert [(v, n, bytes(g)) for v, n, g in after] == [(v, n, bytes(g)) for v, n, g in raw]
    for version in ("1", "2", "3"):
        assert canonical(store.load_dataset(int(version), url))["boundaries"] == WANTED["data"][version]["boundaries"]


def test_step_6_gives_an_upgraded_store_remembered_sign_ins(v1_store):
    """Schema step 6: the session-token table, the same on an upgraded store as on a new one; a token issued
    on the upgraded store opens a session and only its hash is in the table."""
    from argon2 import PasswordHasher

    from core import accounts

    url, _backend = v1_store
    store.open_store(url)
    assert (6, "remembered sign-ins: session token hashes") in snapshot(url)["_history"]
    assert columns(url)["session_tokens"] == sorted(
        ["token_hash", "username", "created_at", "last_seen", "expires_at", "password_mark"]
    )
    accounts._HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    try:
        accounts.add_account("boss", "long enough", "admin", actor="cli:test", url=url)
        token = accounts.sign_in("boss", "long enough", url=url, remember=3600).token
    finally:
        accounts._HASHER = PasswordHasher()
    assert accounts.resume_session(token, lifetime=3600, url=url).username == "boss"
    eng = create_engine(url)
    try:
        with eng.connect() as conn:
            kept = conn.execute(text("SELECT token_hash FROM session_tokens")).scalars().all()
    finally:
        eng.dispose()
    assert kept == [accounts.token_hash(token)]
