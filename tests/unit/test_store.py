"""The store: round trip, versions, restore, rollback, locking — on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from dataclasses import replace

import pandas as pd
import pytest
from sqlalchemy import create_engine, func, select, text

from core.storage import engine, store, writes

TABLE_NAMES = ("villages", "teams", "team_villages", "activities", "targets", "units", "crosswalk")


def assert_same_data(a, b) -> None:
    for name in TABLE_NAMES:
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name), check_exact=True, obj=name)
    assert a.meta == b.meta
    assert (a.boundaries is None) == (b.boundaries is None)
    if a.boundaries is not None:
        assert a.boundaries.geom_equals_exact(b.boundaries, 0).all()
        pd.testing.assert_frame_equal(a.boundaries.drop(columns="geometry"), b.boundaries.drop(columns="geometry"))


def test_demo_package_round_trips_through_the_store_unchanged(store_url, demo_dataset):
    version = store.commit(demo_dataset, who="Nguyễn Văn A", files=["dien-bien.zip"], url=store_url)
    assert version == 1
    assert_same_data(demo_dataset, store.load_dataset(url=store_url))
    (info,) = store.list_versions(store_url)
    assert (info.who, info.files, info.row_counts["activities"]) == ("Nguyễn Văn A", ("dien-bien.zip",), 9479)


def test_reading_an_absent_store_creates_nothing(tmp_path):
    url = f"sqlite:///{tmp_path / 'none' / 'store.sqlite'}"
    assert store.current_version_id(url) is None
    assert store.list_versions(url) == []
    assert not (tmp_path / "none").exists()


def test_restore_makes_a_new_version_holding_the_old_data(demo_store, demo_dataset):
    store_url = demo_store  # the demo as version 1
    fewer = replace(demo_dataset, activities=demo_dataset.activities.iloc[:100].reset_index(drop=True))
    assert store.commit(fewer, url=store_url, unchanged={"villages", "teams", "boundaries"}) == 2
    assert len(store.load_dataset(url=store_url).activities) == 100
    assert store.restore(1, who="B", url=store_url) == 3
    restored = store.load_dataset(url=store_url)
    assert_same_data(demo_dataset, restored)
    assert store.get_version(3, store_url).restored_from == 1
    assert len(store.load_dataset(2, store_url).activities) == 100  # history is kept


def test_commit_on_a_stale_version_is_refused_and_writes_nothing(demo_store, demo_dataset):
    store_url = demo_store  # the demo as version 1
    with pytest.raises(store.StoreError) as err:
        store.commit(demo_dataset, base_version=None, url=store_url)
    assert err.value.code == "store_changed"
    assert [v.id for v in store.list_versions(store_url)] == [1]


def test_a_failure_midway_rolls_the_whole_commit_back(demo_store, demo_dataset, monkeypatch):
    store_url = demo_store  # the demo as version 1

    def boom(*_args, **_kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(writes, "_write_meta", boom)  # after every data table was written
    with pytest.raises(RuntimeError):
        store.commit(demo_dataset, url=store_url)
    with store.engine(store_url).connect() as conn:
        for table in store.DATA_TABLES.values():
            assert conn.execute(select(func.max(table.c.version_id))).scalar() == 1
    assert store.current_version_id(store_url) == 1


def test_two_imports_at_once_give_one_version_each_or_a_clean_refusal(demo_store, demo_dataset):
    store_url = demo_store  # the demo as version 1
    outcomes: list[object] = []

    def run(n: int) -> None:
        data = replace(demo_dataset, activities=demo_dataset.activities.iloc[: 1000 * n].reset_index(drop=True))
        try:
            outcomes.append(store.commit(data, base_version=1, url=store_url, unchanged={"villages", "teams"}))
        except store.StoreError as exc:
            outcomes.append(exc.code)

    threads = [threading.Thread(target=run, args=(n,)) for n in (1, 2)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert sorted(map(str, outcomes)) == ["2", "store_changed"]
    stored = len(store.load_dataset(url=store_url).activities)
    assert stored in (1000, 2000)


def test_a_second_writer_waits_for_the_lock_then_fails_cleanly(demo_store, demo_dataset, monkeypatch):
    store_url = demo_store  # the demo as version 1
    monkeypatch.setattr(engine, "BUSY_SECONDS", 0.5)
    store.engine.cache_clear()
    holder = create_engine(store_url)
    with holder.connect() as conn:
        if holder.dialect.name == "sqlite":
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": store.LOCK_KEY})
        with pytest.raises(store.StoreError) as err:
            store.commit(demo_dataset, url=store_url)
        assert err.value.code == "store_busy"
        conn.rollback()
    holder.dispose()
    store.engine.cache_clear()
    assert store.current_version_id(store_url) == 1


# --- a store that cannot be written ------------------------------------------------------------------------


@pytest.fixture
def read_only_store(tmp_path, demo_dataset):
    """A store holding version 1, opened read-only through SQLite's own `mode=ro` (root can still write a
    chmod 444 file, SQLite in this mode cannot)."""
    path = tmp_path / "store.sqlite"
    store.commit(demo_dataset, url=f"sqlite:///{path}")
    store.engine.cache_clear()  # the writer's connection must not serve the read-only URL
    return f"sqlite:///file:{path}?mode=ro&uri=true"


def changed_villages_csv(tmp_path, demo_dataset):
    villages = demo_dataset.villages.iloc[:2].copy()
    villages["population"] = villages["population"] + 5
    path = tmp_path / "villages.csv"
    villages.to_csv(path, index=False)
    return path


def test_a_read_only_store_is_named_as_such_and_keeps_its_data(read_only_store, demo_dataset):
    assert store.current_version_id(read_only_store) == 1  # readable as before
    with pytest.raises(store.StoreError) as caught:
        store.commit(demo_dataset, url=read_only_store, base_version=1)
    assert caught.value.code == "store_read_only"
    from core.i18n import t

    message = t(caught.value.code, "vi", **caught.value.params)
    assert message.startswith("Không ghi được vào kho dữ liệu: tệp store.sqlite chỉ đọc")
    assert "/" not in message  # the file's name, never the server's path
    assert t(caught.value.code, "en", **caught.value.params).startswith("The store file cannot be written")
    assert [v.id for v in store.list_versions(read_only_store)] == [1]


def test_cli_import_into_a_read_only_store_says_so_in_one_line(read_only_store, demo_dataset, tmp_path, capsys):
    from cli import main as cli

    path = changed_villages_csv(tmp_path, demo_dataset)
    assert cli.main(["import", str(path), "--db", read_only_store, "--lang", "en"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [
        "The store file cannot be written: store.sqlite is read-only (or its folder does not allow "
        "writing). Check its permissions, then import again."
    ]


def test_an_immutable_store_file_is_read_only_even_for_root(tmp_path, demo_dataset):
    import subprocess

    path = tmp_path / "store.sqlite"
    url = f"sqlite:///{path}"
    store.commit(demo_dataset, url=url)
    store.engine.cache_clear()
    if subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode != 0:
        pytest.skip("chattr +i is not available here")
    try:
        with pytest.raises(store.StoreError) as caught:
            store.commit(demo_dataset, url=url, base_version=1)
        assert caught.value.code == "store_read_only"
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)
        store.engine.cache_clear()
