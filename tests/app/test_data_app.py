"""The Data page without a browser: who may write, the dry-run report, commit, history and restore."""

from __future__ import annotations

from dataclasses import replace

import pytest
from streamlit.testing.v1 import AppTest

from components import write_access
from core.ingest import importer
from core.storage import store
from tests.app.conftest import APP

PAGE = "views/data.py"
TOKEN = "tok-for-data-page-tests"


@pytest.fixture
def tmp_store(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.delenv("DXMAP_PACKAGE", raising=False)
    monkeypatch.delenv("DXMAP_EDITOR_PASSWORD", raising=False)
    monkeypatch.setenv("DXMAP_WRITE_TOKEN", TOKEN)
    monkeypatch.setattr(write_access, "request_host", lambda: "localhost:8501")  # AppTest has no browser
    return url


def open_data_page(session: dict | None = None, token: str | None = TOKEN) -> AppTest:
    """/data opened through the start-up link (`token=None`: without it)."""
    at = AppTest.from_file(APP, default_timeout=60)
    if token:
        at.query_params["token"] = token
    at.run()
    at.switch_page(PAGE)
    for key, value in (session or {}).items():
        at.session_state[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _texts(at: AppTest) -> str:
    parts = [e.value for e in (*at.info, *at.warning, *at.success, *at.error, *at.caption)]
    return "\n".join(str(p) for p in parts)


def test_without_the_link_token_the_page_asks_for_it(tmp_store):
    at = open_data_page(token=None)
    assert "mã ghi dữ liệu" in _texts(at)
    assert "Kho dữ liệu chưa có phiên bản nào" in _texts(at)  # history: still reading the package
    assert "Gói dữ liệu" in _texts(at)


def test_with_a_password_committing_needs_sign_in(tmp_store, monkeypatch, demo_dataset):
    monkeypatch.setenv("DXMAP_EDITOR_PASSWORD", "mật-khẩu-2025")
    store.commit(demo_dataset, url=tmp_store)
    store.commit(replace(demo_dataset, targets=demo_dataset.targets.iloc[:3]), url=tmp_store)
    at = open_data_page(token=None)
    assert at.button(key="dx_restore").disabled
    at.text_input(key="dx_password").input("sai")
    at.button(key="dx_signin").click().run()
    assert "Mật khẩu không đúng." in _texts(at)
    at.text_input(key="dx_password").input("mật-khẩu-2025")
    at.button(key="dx_signin").click().run()
    assert "Phiên này được phép ghi dữ liệu." in _texts(at)
    at.selectbox(key="dx_restore_choice").select(1).run()
    assert not at.button(key="dx_restore").disabled


def test_restore_from_history_makes_a_new_version_with_the_old_data(tmp_store, demo_dataset):
    store.commit(demo_dataset, who="Lò Văn Pằn", url=tmp_store)
    store.commit(replace(demo_dataset, targets=demo_dataset.targets.iloc[:3]), url=tmp_store)
    at = open_data_page()
    assert "Phiên bản 2" in _texts(at)
    at.selectbox(key="dx_restore_choice").select(1).run()
    at.button(key="dx_restore").click().run()
    assert store.current_version_id(tmp_store) == 2  # the first click shows what would change
    at.button(key="dx_restore_confirm").click().run()
    assert not at.exception
    assert store.current_version_id(tmp_store) == 3
    assert len(store.load_dataset(url=tmp_store).targets) == len(demo_dataset.targets)
    assert "Đã khôi phục phiên bản 1" in _texts(at)


def test_a_dry_run_shows_counts_changed_villages_and_problems_then_commits(tmp_store, demo_dataset, tmp_path):
    villages = demo_dataset.villages.iloc[:2].copy()
    villages["population"] = villages["population"] + 10
    path = tmp_path / "villages.csv"
    villages.to_csv(path, index=False)
    plan = importer.dry_run([path], demo_dataset, None)
    assert plan.ok and plan.changes["villages"].changed == 2
    at = open_data_page({"dx_import_plan": plan})
    assert "Không có lỗi: có thể ghi vào kho." in _texts(at)
    frames = [df.value for df in at.dataframe]
    assert any("Trước" in f.columns and len(f) == 2 for f in frames)
    at.text_input(key="dx_who").input("Cán bộ huyện").run()
    at.button(key="dx_commit").click().run()
    assert not at.exception
    assert store.current_version_id(tmp_store) == 1
    assert store.list_versions(tmp_store)[0].who == "Cán bộ huyện"
    assert "Đã ghi: phiên bản 1." in _texts(at)


def test_an_erroneous_dry_run_lists_the_problems_and_offers_no_commit(tmp_store, demo_dataset, tmp_path):
    path = tmp_path / "villages.csv"
    path.write_text("Mã thôn,Tên thôn,Mã xã,Số dân\nX1,Bản Mới,99999,abc\n", encoding="utf-8")
    plan = importer.dry_run([path], demo_dataset, None)
    assert not plan.ok
    at = open_data_page({"dx_import_plan": plan})
    assert "lỗi" in at.error[0].value
    (listed,) = [h.value for h in at.get("html") if 'data-testid="dx-problems"' in h.value]
    assert "<th>Lý do</th>" in listed and ">Dòng</th>" in listed and "<th>Tệp</th>" not in listed
    assert '<td class="dx-row">2</td>' in listed and "<bdi>abc</bdi>" in listed  # the row as Excel numbers it
    assert "Tệp: villages\\.csv" in _texts(at)  # one file: named once above the list (markdown-escaped)
    assert not [b for b in at.button if b.key == "dx_commit"]


def test_committing_into_a_read_only_store_names_the_cause(tmp_store, tmp_path, monkeypatch, demo_dataset):
    path = tmp_path / "store.sqlite"
    store.commit(demo_dataset, url=tmp_store)
    store.engine.cache_clear()
    read_only = f"sqlite:///file:{path}?mode=ro&uri=true"
    monkeypatch.setenv("DATABASE_URL", read_only)
    villages = demo_dataset.villages.iloc[:2].copy()
    villages["population"] = villages["population"] + 10
    csv = tmp_path / "villages.csv"
    villages.to_csv(csv, index=False)
    plan = importer.dry_run([csv], store.load_dataset(url=read_only), 1)
    at = open_data_page({"dx_import_plan": plan})
    at.button(key="dx_commit").click().run()
    assert not at.exception
    assert "Không ghi được vào kho dữ liệu: tệp store.sqlite chỉ đọc" in _texts(at)
    assert "OperationalError" not in _texts(at) and str(tmp_path) not in _texts(at)
    assert store.current_version_id(read_only) == 1


def test_an_upload_over_the_size_limit_is_refused_before_it_is_saved(monkeypatch):
    from types import SimpleNamespace

    from components.data_import import oversized_uploads

    files = [
        SimpleNamespace(name="C:\\Users\\cb\\tinh.zip", size=300 * 2**20),
        SimpleNamespace(name="villages.csv", size=2**20),
    ]
    problems = oversized_uploads(files, 200 * 2**20)
    assert [(p.file, p.code) for p in problems] == [("tinh.zip", "file_too_large")]
    assert problems[0].message("vi").startswith("Tệp quá lớn (300 MB, tối đa 200 MB)")


def test_the_upload_limit_of_the_server_matches_the_import_limit():
    import tomllib
    from pathlib import Path

    from core import config

    settings = tomllib.loads((Path(config.ROOT) / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert settings["server"]["maxUploadSize"] == config.DEFAULT_MAX_UPLOAD_MB
