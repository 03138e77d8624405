"""A store that cannot be read is an error, never "no data yet" (which would show the demo instead)."""

from __future__ import annotations

import pytest

from core.storage import engine, store
from tests.pg import PostgresServer, _free_port  # noqa: F401 - the fixture module


def test_a_corrupt_sqlite_file_is_reported_as_unreadable(tmp_path):
    path = tmp_path / "store.sqlite"
    path.write_bytes(b"this is not a database, it is a text file that lost its data\n" * 200)
    url = f"sqlite:///{path}"
    with pytest.raises(store.StoreUnavailable) as raised:
        store.current_version_id(url)
    assert raised.value.params["kind"] == "sqlite"
    with pytest.raises(store.StoreUnavailable):
        store.source_version(url)


def test_a_corrupt_default_store_file_is_not_skipped_for_the_demo(tmp_path, monkeypatch):
    path = tmp_path / "store.sqlite"
    path.write_bytes(b"\x00garbage" * 1000)
    monkeypatch.setattr(engine, "DEFAULT_STORE", path)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("DXMAP_PACKAGE", raising=False)
    with pytest.raises(store.StoreUnavailable):
        store.source_version()


def test_a_dead_postgresql_server_is_reported_as_unreachable():
    url = f"postgresql+psycopg://dx:s3cret@127.0.0.1:{_free_port()}/dxmap"
    with pytest.raises(store.StoreUnavailable) as raised:
        store.current_version_id(url)
    assert raised.value.params["kind"] == "postgresql"
    assert "s3cret" not in str(raised.value) and "s3cret" not in repr(raised.value.params)


def test_an_empty_store_still_means_no_version(tmp_path):
    empty = tmp_path / "empty.sqlite"
    empty.write_bytes(b"")
    assert store.current_version_id(f"sqlite:///{empty}") is None
    assert store.current_version_id(f"sqlite:///{tmp_path / 'absent.sqlite'}") is None
