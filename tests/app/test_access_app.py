"""What each role may take away and sees of the province on /teams and /data (AppTest, a real store with
accounts): downloads follow one rule, a district lead's Data page holds the area only, the signed-in account is
the author of what it writes, a restore is confirmed, templates come from the account's area."""

from __future__ import annotations

from dataclasses import replace

import pytest
from argon2 import PasswordHasher
from streamlit.testing.v1 import AppTest

from components import write_access
from core import accounts, auth
from core.storage import store
from tests.app.conftest import APP

PASSWORD = "mật khẩu đủ dài 2026"
NAM_PO = "103"


@pytest.fixture
def accounts_store(tmp_path, monkeypatch, demo_dataset):
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    for var in ("DXMAP_PACKAGE", auth.ENV_VAR, auth.TOKEN_VAR, auth.HOSTS_VAR, "DXMAP_SESSION_TIMEOUT"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setattr(accounts, "_HASHER", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    monkeypatch.setattr(write_access, "request_host", lambda: "localhost:8501")
    store.commit(demo_dataset, who="cli:setup", files=["dien-bien"], url=url)
    accounts.add_account("boss", PASSWORD, "admin", display_name="Quản trị", actor="cli:test", url=url)
    accounts.add_account("lan", PASSWORD, "district_lead", area=[NAM_PO], display_name="Lò Thị Lan", actor="t", url=url)
    accounts.add_account("xem", PASSWORD, "viewer", actor="cli:test", url=url)
    return url


def _signed_in(user: str, page: str, params: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params.update(params or {})
    at.run()
    at.text_input(key="dx_signin_user").input(user)
    at.text_input(key="dx_signin_password").input(PASSWORD)
    next(b for b in at.button if b.label == "Đăng nhập").click()
    at.run()
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _download_keys(at: AppTest) -> set[str]:
    return {d.key for d in at.get("download_button")}


def _texts(at: AppTest) -> str:
    parts = [str(e.value) for e in (*at.markdown, *at.info, *at.warning, *at.success, *at.error, *at.caption)]
    return "\n".join(parts)


def test_a_viewer_gets_no_field_pack_phone_form_or_chart_table_on_teams(accounts_store):
    viewer = _signed_in("xem", "views/teams.py")
    keys = _download_keys(viewer)
    assert not keys & {"teams_field_pack", "teams_form"}, keys
    assert not [k for k in keys if k.startswith("csv_")], keys
    assert "tài khoản chỉ xem không tải được" in _texts(viewer)
    lead = _signed_in("lan", "views/teams.py")
    keys = _download_keys(lead)
    assert {"teams_field_pack", "teams_form"} <= keys and [k for k in keys if k.startswith("csv_")], keys


def test_a_viewer_gets_no_phone_form_or_template_on_data(accounts_store):
    viewer = _signed_in("xem", "views/data.py")
    assert not _download_keys(viewer), _download_keys(viewer)
    lead = _signed_in("lan", "views/data.py")
    assert {"dx_form_download", "dx_template_activities"} <= _download_keys(lead)
