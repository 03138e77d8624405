"""A store that cannot be read shows an error page, never the demo; the app recovers when the store returns."""

from __future__ import annotations

from dataclasses import replace

import pytest
from streamlit.testing.v1 import AppTest

from core.storage import store
from tests.app.conftest import APP
from tests.pg import PostgresServer

DEMO_VILLAGES = "1.522"


@pytest.fixture
def env(monkeypatch):
    monkeypatch.delenv("DXMAP_PACKAGE", raising=False)
    monkeypatch.delenv("DXMAP_EDITOR_PASSWORD", raising=False)
    return monkeypatch


def _texts(at: AppTest) -> str:
    parts = [e.value for e in (*at.error, *at.warning, *at.info, *at.markdown, *at.caption, *at.metric)]
    return "\n".join(str(p) for p in parts)


def _open(page: str | None = None, lang: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    if lang:
        at.query_params["lang"] = lang
    at.run()
    if page:
        at.switch_page(page)
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _shows_no_dataset(at: AppTest) -> None:
    text = _texts(at)
    assert DEMO_VILLAGES not in text and "Dữ liệu minh họa" not in text and "Điện Biên" not in text
    assert "chưa có phiên bản" not in text  # not "the store holds no version yet"
    assert not at.metric


def _one_village_less(demo_dataset):
    return replace(demo_dataset, villages=demo_dataset.villages.iloc[1:])


@pytest.mark.parametrize("page", [None, "views/data.py", "views/priorities.py"])
def test_a_corrupt_sqlite_store_shows_an_error_page_not_the_demo(env, tmp_path, page):
    path = tmp_path / "store.sqlite"
    path.write_bytes(b"not a database" * 500)
    env.setenv("DATABASE_URL", f"sqlite:///{path}")
    at = _open(page)
    assert "Không đọc được kho dữ liệu" in _texts(at)
    assert "SQLite bị hỏng" in _texts(at)
    assert str(tmp_path) not in _texts(at)
    _shows_no_dataset(at)


def test_the_error_page_speaks_english_with_lang_en(env, tmp_path):
    path = tmp_path / "store.sqlite"
    path.write_bytes(b"not a database" * 500)
    env.setenv("DATABASE_URL", f"sqlite:///{path}")
    at = _open(lang="en")
    assert "The data store cannot be read" in _texts(at) and "damaged" in _texts(at)


def test_the_app_reads_the_store_again_once_the_file_is_repaired(env, tmp_path, demo_dataset):
    path = tmp_path / "store.sqlite"
    path.write_bytes(b"not a database" * 500)
    url = f"sqlite:///{path}"
    env.setenv("DATABASE_URL", url)
    at = _open()
    assert "Không đọc được kho dữ liệu" in _texts(at)
    path.unlink()
    store.engine.cache_clear()  # a restored file is a new file: drop connections to the old one
    store.commit(_one_village_less(demo_dataset), url=url)
    at.run()
    assert "1.521" in [m.value for m in at.metric]
    assert "Không đọc được kho dữ liệu" not in _texts(at)


def _pg_ctl(server: PostgresServer, action: str) -> None:
    data = server.dir / "data"
    if action == "start":
        opts = f"-p {server.port} -k {server.dir} -c listen_addresses=127.0.0.1 -c fsync=off"
        server._run("pg_ctl", "-D", str(data), "-o", opts, "-l", str(server.dir / "log"), "-w", "start")
    else:
        server._run("pg_ctl", "-D", str(data), "-m", "fast", "-w", "stop")


def test_a_stopped_postgresql_store_shows_an_error_page_then_recovers(env, demo_dataset):
    try:
        server = PostgresServer().start()
    except FileNotFoundError:
        pytest.skip("PostgreSQL binaries (initdb, pg_ctl) are not installed")
    try:
        url = server.new_database().replace("postgres@", "postgres:hemmelig@")  # trust auth ignores it
        store.commit(_one_village_less(demo_dataset), url=url)
        env.setenv("DATABASE_URL", url)
        at = _open()
        assert "1.521" in [m.value for m in at.metric]
        _pg_ctl(server, "stop")
        at.run()
        assert "Không kết nối được máy chủ PostgreSQL" in _texts(at)
        assert "hemmelig" not in _texts(at) and str(server.port) not in _texts(at)
        _shows_no_dataset(at)
        at.switch_page("views/data.py").run()
        _shows_no_dataset(at)
        _pg_ctl(server, "start")
        at.switch_page("views/overview.py").run()
        assert "1.521" in [m.value for m in at.metric]
    finally:
        server.stop()


def test_a_store_written_by_a_newer_dxmap_is_named_not_replaced_by_the_demo(env, tmp_path):
    import shutil

    from sqlalchemy import text

    from core.storage import migrations
    from tests.fixtures.store_v1 import SQLITE_FIXTURE

    path = tmp_path / "store.sqlite"
    shutil.copyfile(SQLITE_FIXTURE, path)
    url = f"sqlite:///{path}"
    step = migrations.Step(
        migrations.latest() + 1,
        "a change this program does not know",
        lambda conn: conn.execute(text("ALTER TABLE versions ADD COLUMN tag TEXT")),
    )
    store.open_store(url, steps=(*migrations.STEPS, step))
    store.engine.cache_clear()
    env.setenv("DATABASE_URL", url)
    at = _open()
    _shows_no_dataset(at)
    assert "dxmap mới hơn" in _texts(at)
