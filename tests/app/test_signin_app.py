"""The sign-in gate (AppTest): with accounts in the store no page shows a figure before signing in; a district
lead's pages, filter and links stay inside the area; writes follow the role; sign-out and expiry."""

from __future__ import annotations

from dataclasses import replace

import pytest
from argon2 import PasswordHasher
from streamlit.testing.v1 import AppTest

from components import write_access
from core import accounts, audit, auth
from core.analysis.kpis import summary
from core.i18n import fmt_int
from core.model.filters import Filter
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
    store.commit(demo_dataset, url=url)
    store.commit(replace(demo_dataset, targets=demo_dataset.targets.iloc[:3]), url=url)
    accounts.add_account("boss", PASSWORD, "admin", display_name="Quản trị", actor="cli:test", url=url)
    accounts.add_account(
        "lan", PASSWORD, "district_lead", area=[NAM_PO], display_name="Lò Thị Lan", actor="cli:test", url=url
    )
    accounts.add_account("xem", PASSWORD, "viewer", area=[NAM_PO], actor="cli:test", url=url)
    return url


def _open(params: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update(params or {})
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _sign_in(at: AppTest, user: str, password: str = PASSWORD) -> AppTest:
    at.text_input(key="dx_signin_user").input(user)
    at.text_input(key="dx_signin_password").input(password)
    next(b for b in at.button if b.label in ("Đăng nhập", "Sign in")).click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _texts(at: AppTest) -> str:
    parts = [str(e.value) for e in (*at.markdown, *at.info, *at.warning, *at.success, *at.error, *at.caption)]
    return "\n".join(parts + [str(e.value) for e in at.title])


def test_without_accounts_the_demo_opens_with_no_sign_in(tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'none.sqlite'}")
    monkeypatch.delenv("DXMAP_PACKAGE", raising=False)
    at = _open()
    assert not [i for i in at.text_input if i.key == "dx_signin_user"]
    assert at.metric or "Điện Biên" in _texts(at)


def test_with_accounts_the_form_comes_first_and_no_figure(accounts_store):
    at = _open({"district": NAM_PO})
    assert at.text_input(key="dx_signin_user") is not None
    assert not at.metric and not at.dataframe
    assert "Đăng nhập" in _texts(at)
    en = _open({"lang": "en"})
    assert "Sign in" in _texts(en) and "Đăng nhập" not in [t.value for t in en.title]


def test_a_wrong_password_and_an_unknown_name_get_the_same_answer(accounts_store):
    wrong = _sign_in(_open(), "lan", "sai mật khẩu")
    unknown = _sign_in(_open(), "khong-ai", "sai mật khẩu")
    assert [e.value for e in wrong.error] == [e.value for e in unknown.error] != []
    assert not wrong.metric and not unknown.metric


def test_a_district_lead_sees_only_the_area_and_the_sidebar_cannot_leave_it(accounts_store, demo_dataset):
    at = _sign_in(_open(), "lan")
    figures = summary(Filter(district=NAM_PO).apply(demo_dataset))
    assert "Nậm Pồ" in at.title[0].value
    shown = " ".join(str(m.value) for m in at.metric)
    assert fmt_int(figures["villages"], "vi") in shown, (figures["villages"], shown)
    assert at.selectbox(key="flt_district").options == ["Huyện Nậm Pồ"]
    assert "Lò Thị Lan" in _texts(at)


def test_a_link_outside_the_area_shows_a_notice_and_the_area(accounts_store):
    at = _sign_in(_open(), "lan")
    at.query_params["commune"] = "03124"  # Noong Bua, in Điện Biên Phủ city
    at.run()
    assert any("ngoài địa bàn" in str(w.value) for w in at.warning), [w.value for w in at.warning]
    assert "Nậm Pồ" in at.title[0].value and at.query_params.get("district") == NAM_PO


def test_roles_decide_the_writes_and_the_audit_log_is_for_admins(accounts_store):
    lead = _sign_in(_open(), "lan")
    lead.switch_page("views/data.py").run()
    assert "được nhập dữ liệu" in _texts(lead) and "khôi phục" not in " ".join(s.value for s in lead.success)
    assert "Nhật ký" not in [t.label for t in lead.tabs]
    viewer = _sign_in(_open(), "xem")
    viewer.switch_page("views/data.py").run()
    assert "chỉ được xem" in _texts(viewer)
    boss = _sign_in(_open(), "boss")
    boss.switch_page("views/data.py").run()
    assert "Nhật ký" in [t.label for t in boss.tabs]
    tables = [d.value for d in boss.dataframe if "Người thực hiện" in list(d.value.columns)]
    assert tables and "boss" in set(tables[0]["Người thực hiện"])
    actions = [e.action for e in audit.entries(url=accounts_store)]
    assert actions.count("signin_ok") >= 3


def test_sign_out_and_expiry_return_to_the_form(accounts_store, monkeypatch):
    at = _sign_in(_open(), "lan")
    next(b for b in at.button if b.key == "dx_signout_account").click()
    at.run()
    assert at.text_input(key="dx_signin_user") is not None and not at.metric
    at = _sign_in(_open(), "lan")
    at.session_state["dx_seen"] = at.session_state["dx_seen"] - 9 * 3600  # 9 h without a run
    _tokens_last_used(accounts_store, hours_ago=9)  # nor in any other tab of the browser
    at.run()
    assert not at.metric and "hết hạn" in _texts(at)


def test_an_idle_tab_stays_signed_in_when_another_tab_kept_the_browser_signed_in(accounts_store):
    """Tabs opened from the cookie share its token: one tab idle past the timeout while another was used
    carries on (and signs nobody out)."""
    at = _sign_in(_open(), "lan")
    at.session_state["dx_seen"] = at.session_state["dx_seen"] - 9 * 3600  # this tab: 9 h without a run
    at.run()  # the token was used since (just now, by the sign-in): the browser is still signed in
    assert at.metric and "hết hạn" not in _texts(at) and accounts.session_count("lan", accounts_store) == 1


def _tokens_last_used(url: str, hours_ago: float) -> None:
    from datetime import UTC, datetime, timedelta

    from sqlalchemy import update

    last = datetime.now(UTC) - timedelta(hours=hours_ago)
    with store.write_transaction(url) as conn:
        conn.execute(
            update(store.session_tokens).values(
                last_seen=accounts._iso(last), expires_at=accounts._iso(last + timedelta(hours=8))
            )
        )


def test_a_viewer_reads_the_ranking_but_plans_and_exports_nothing(accounts_store):
    viewer = _sign_in(_open(), "xem")
    viewer.switch_page("views/priorities.py").run()
    assert viewer.dataframe and not viewer.get("download_button")
    assert "plan_run" not in [b.key for b in viewer.button]
    lead = _sign_in(_open(), "lan")
    lead.switch_page("views/priorities.py").run()
    assert lead.get("download_button") and "plan_run" in [b.key for b in lead.button]


def _force_restore(at: AppTest) -> None:
    """What a hand-made client can send: the restore trigger even while the button is disabled."""
    at.selectbox(key="dx_restore_choice").select(1)
    button = at.button(key="dx_restore")
    button.proto.disabled = False
    button.click().run()
    for confirm in [b for b in at.button if b.key == "dx_restore_confirm"]:  # the review, then the question
        confirm.proto.disabled = False
        confirm.click().run()


def test_only_a_role_that_may_restore_restores_and_tokens_count_for_nothing(accounts_store, monkeypatch):
    monkeypatch.setenv(auth.TOKEN_VAR, "e2e-token-for-tests-1234")
    monkeypatch.setenv(auth.ENV_VAR, "legacy-editor-password")
    lead = _open({"token": "e2e-token-for-tests-1234"})  # the start-up link does not open the door
    lead = _sign_in(lead, "lan")
    lead.switch_page("views/data.py").run()
    assert not [i for i in lead.text_input if i.key in ("dx_token", "dx_password")]  # no token or password box
    assert "dx_restore" not in [b.key for b in lead.button]  # a lead's history offers no restore to send
    boss = _sign_in(_open(), "boss")
    boss.switch_page("views/data.py").run()
    assert not boss.button(key="dx_restore").disabled
    _force_restore(boss)
    assert store.current_version_id(accounts_store) == 3
    restores = [e for e in audit.entries(url=accounts_store) if e.action == "restore"]
    assert [(e.actor, e.detail["version"]) for e in restores] == [("boss", 3)]


def test_an_area_of_a_district_and_a_commune_starts_on_the_whole_area(accounts_store, demo_dataset):
    accounts.add_account("hai", PASSWORD, "district_lead", area=[NAM_PO, "03124"], actor="cli:test", url=accounts_store)
    at = _sign_in(_open(), "hai")
    assert "Nậm Pồ" in at.title[0].value and "Noong Bua" in at.title[0].value
    district = at.selectbox(key="flt_district")
    assert district.options == ["Toàn địa bàn phụ trách", "Huyện Nậm Pồ"]
    area = Filter(district=NAM_PO).apply(demo_dataset).villages
    ward = Filter(commune="03124").apply(demo_dataset).villages
    shown = [str(m.value) for m in at.metric]
    assert fmt_int(len(area) + len(ward), "vi") in shown, shown
    district.select(NAM_PO).run()
    assert at.title[0].value == "Huyện Nậm Pồ"


def test_a_session_whose_remembered_sign_in_is_revoked_signs_out_at_its_next_refresh(accounts_store):
    """A new password ends the account's remembered sign-ins; a session still open finds out when it next
    pushes its token's expiry on (every few minutes), and shows the form."""
    from components import session

    at = _sign_in(_open(), "lan")
    assert at.metric and at.session_state[session.TOKEN_KEY]
    assert accounts.session_count("lan", accounts_store) == 1
    at.session_state[session.TOUCHED_KEY] = 0.0  # due for its refresh
    at.run()
    assert at.metric and accounts.session_count("lan", accounts_store) == 1  # still valid: pushed on
    accounts.set_password("lan", "một mật khẩu mới khác", actor="cli:test", url=accounts_store)
    at.session_state[session.TOUCHED_KEY] = 0.0
    at.run()
    assert not at.exception and not at.metric
    assert at.text_input(key="dx_signin_user") is not None
