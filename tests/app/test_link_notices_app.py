"""A notice about a link's ignored values belongs to the page that link opened, not to the pages clicked to after."""

from __future__ import annotations

from tests.app.conftest import run_app


def _warnings(at) -> str:
    return "\n".join(str(w.value) for w in at.warning).replace("\\", "")  # markdown escapes taken out


def test_an_unknown_district_in_a_link_is_noticed_on_its_page_only():
    at = run_app({"district": "999"})
    assert "district=999" in _warnings(at)
    at.run()  # the same page again (a widget changed, say): still the link's page
    assert "district=999" in _warnings(at)
    for page in ("views/map.py", "views/teams.py", "views/overview.py"):
        at.switch_page(page).run()
        assert not at.exception, [e.value for e in at.exception]
        assert "district=999" not in _warnings(at), page


def test_a_district_outside_a_leads_area_is_noticed_on_the_linked_page_only(tmp_path, monkeypatch, demo_dataset):
    from argon2 import PasswordHasher
    from streamlit.testing.v1 import AppTest

    from core import accounts, auth
    from core.storage import store
    from tests.app.conftest import APP

    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    for var in ("DXMAP_PACKAGE", auth.ENV_VAR, auth.TOKEN_VAR, auth.HOSTS_VAR):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setattr(accounts, "_HASHER", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    store.commit(demo_dataset, who="cli:setup", files=["dien-bien"], url=url)
    accounts.add_account("lead103", "mật khẩu đủ dài 2026", "district_lead", area=["103"], actor="t", url=url)

    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    at.text_input(key="dx_signin_user").input("lead103")
    at.text_input(key="dx_signin_password").input("mật khẩu đủ dài 2026")
    next(b for b in at.button if b.label == "Đăng nhập").click()
    at.run()
    at.query_params["district"] = "094"  # the lead opens a link to Điện Biên Phủ
    at.run()
    assert "district=094" in _warnings(at)
    for page in ("views/map.py", "views/priorities.py"):
        at.switch_page(page).run()
        assert not at.exception, [e.value for e in at.exception]
        assert "district=094" not in _warnings(at), page
