"""Who may commit and restore on /data: the start-up write token (link or typed), the legacy password, an
allowed Host, and a brake on guessing. The browser's Host header is the one outside input stubbed here."""

from __future__ import annotations

import logging
from dataclasses import replace

import pytest
from streamlit.testing.v1 import AppTest

from components import write_access
from core import auth
from core.storage import store
from tests.app.conftest import APP

TOKEN = "Qm3v_Zk8-tokenForTests-xY2"
PASSWORD = "mật-khẩu-2025"


@pytest.fixture
def two_versions(tmp_path, monkeypatch, demo_dataset):
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    for var in ("DXMAP_PACKAGE", auth.ENV_VAR, auth.TOKEN_VAR, auth.HOSTS_VAR):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setattr(auth, "SECRETS_FILE", tmp_path / "no-secrets.toml")
    store.commit(demo_dataset, url=url)
    store.commit(replace(demo_dataset, targets=demo_dataset.targets.iloc[:3]), url=url)
    return url


def host(monkeypatch, value: str) -> None:
    monkeypatch.setattr(write_access, "request_host", lambda: value)


def open_app(params: dict[str, str] | None = None, page: str = "views/data.py") -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update(params or {})
    at.run()
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _texts(at: AppTest) -> str:
    return "\n".join(str(e.value) for e in (*at.info, *at.warning, *at.success, *at.error, *at.caption))


def _force_restore(at: AppTest) -> None:
    """What a hand-made client can send: the restore trigger even while the button is disabled (Streamlit
    discards it, and the page checks write access again before writing)."""
    at.selectbox(key="dx_restore_choice").select(1)
    button = at.button(key="dx_restore")
    button.proto.disabled = False  # AppTest, like a browser, would not click it otherwise
    button.click().run()
    for confirm in [b for b in at.button if b.key == "dx_restore_confirm"]:  # the review, then the question
        confirm.proto.disabled = False
        confirm.click().run()


def test_without_a_token_on_the_server_nobody_can_restore(two_versions, monkeypatch):
    host(monkeypatch, "localhost:8501")
    at = open_app()
    assert "make run" in _texts(at)
    assert at.button(key="dx_restore").disabled
    _force_restore(at)
    assert store.current_version_id(two_versions) == 2


def test_on_localhost_the_link_token_allows_restoring_and_leaves_the_address_bar(two_versions, monkeypatch):
    monkeypatch.setenv(auth.TOKEN_VAR, TOKEN)
    host(monkeypatch, "localhost:8501")
    at = open_app()
    assert at.button(key="dx_restore").disabled
    at = open_app({"token": TOKEN})
    assert "token" not in at.query_params
    assert "Phiên này được phép ghi dữ liệu." in _texts(at)
    assert not at.button(key="dx_restore").disabled
    _force_restore(at)
    assert store.current_version_id(two_versions) == 3


def test_a_wrong_link_token_leaves_the_session_read_only(two_versions, monkeypatch):
    monkeypatch.setenv(auth.TOKEN_VAR, TOKEN)
    host(monkeypatch, "127.0.0.1:8501")
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["token"] = TOKEN[:-1]
    at.run()
    assert "Mã trong đường link không đúng" in _texts(at)
    assert "token" not in at.query_params
    at.switch_page("views/data.py").run()
    assert at.button(key="dx_restore").disabled
    _force_restore(at)
    assert store.current_version_id(two_versions) == 2


def test_the_token_typed_on_the_data_page_allows_restoring(two_versions, monkeypatch):
    monkeypatch.setenv(auth.TOKEN_VAR, TOKEN)
    host(monkeypatch, "[::1]:8501")
    at = open_app()
    at.text_input(key="dx_token").input(TOKEN)
    at.button(key="dx_token_submit").click().run()
    assert not at.button(key="dx_restore").disabled
    _force_restore(at)
    assert store.current_version_id(two_versions) == 3


def test_another_host_name_may_not_write_even_with_the_right_token(two_versions, monkeypatch):
    monkeypatch.setenv(auth.TOKEN_VAR, TOKEN)
    host(monkeypatch, "evil.example:8501")
    at = open_app({"token": TOKEN})
    assert "evil\\.example" in _texts(at) and "DXMAP_ALLOWED_HOSTS" in _texts(at)  # markdown-escaped
    assert at.button(key="dx_restore").disabled
    _force_restore(at)
    assert store.current_version_id(two_versions) == 2


def test_a_session_authorized_on_localhost_cannot_write_through_another_host_name(two_versions, monkeypatch):
    monkeypatch.setenv(auth.TOKEN_VAR, TOKEN)
    host(monkeypatch, "localhost:8501")
    at = open_app({"token": TOKEN})
    host(monkeypatch, "evil.example:8501")
    _force_restore(at)
    assert store.current_version_id(two_versions) == 2


def test_an_allowed_host_name_may_write_with_the_token(two_versions, monkeypatch):
    monkeypatch.setenv(auth.TOKEN_VAR, TOKEN)
    monkeypatch.setenv(auth.HOSTS_VAR, "dxmap.dienbien.gov.vn")
    host(monkeypatch, "dxmap.dienbien.gov.vn")
    at = open_app({"token": TOKEN})
    _force_restore(at)
    assert store.current_version_id(two_versions) == 3


def test_the_legacy_password_still_allows_writing(two_versions, monkeypatch):
    monkeypatch.setenv(auth.ENV_VAR, PASSWORD)
    host(monkeypatch, "localhost:8501")
    at = open_app()
    at.text_input(key="dx_password").input(PASSWORD)
    at.button(key="dx_signin").click().run()
    _force_restore(at)
    assert store.current_version_id(two_versions) == 3


def test_five_wrong_passwords_lock_the_session_and_are_logged(two_versions, monkeypatch, caplog):
    monkeypatch.setenv(auth.ENV_VAR, PASSWORD)
    host(monkeypatch, "localhost:8501")
    at = open_app()
    with caplog.at_level(logging.WARNING, logger="dxmap.auth"):
        for i in range(5):
            at.text_input(key="dx_password").input(f"đoán-{i}")
            at.button(key="dx_signin").click().run()
    assert "thử lại sau 15 phút" in _texts(at)
    at.text_input(key="dx_password").input(PASSWORD)
    at.button(key="dx_signin").click().run()
    assert at.button(key="dx_restore").disabled  # the right password waits too
    assert "Phiên này được phép ghi dữ liệu." not in _texts(at)
    logged = [r.getMessage() for r in caplog.records if r.name == "dxmap.auth"]
    assert sum(m.startswith("wrong editor password") for m in logged) == 5
    assert not any("đoán" in m or PASSWORD in m for m in logged)
