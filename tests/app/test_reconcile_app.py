"""The Data page's confirm-once table: a report's unknown words are listed once each with their row count; one
choice per value is kept as the province's synonym, the files are checked again, and the import commits."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from core import audit
from core.exports.safety import markdown_literal
from core.storage import store, synonyms
from tests.app.conftest import APP
from tests.app.test_data_app import PAGE, TOKEN, _texts, open_data_page, tmp_store  # noqa: F401 - the store fixture
from tests.app.test_signin_app import NAM_PO, _open, _sign_in, accounts_store  # noqa: F401 - with accounts
from tests.fixtures.packages import write_csv

HEADER = ["Ngày", "Tên tổ", "Xã", "Thôn/bản", "Hình thức", "Số người tham dự", "Kích hoạt mức 2"]


def _row(kind: str, village: str = "Bản Phiêng Khoang") -> list[str]:
    return ["12/06/2025", "Tổ CNSCĐ Xã Chà Cang", "Xã Chà Cang", village, kind, "25", "4"]


def test_each_unknown_value_is_confirmed_once_for_all_its_rows_then_the_import_commits(
    tmp_store, tmp_path, demo_dataset
):
    import services

    store.commit(demo_dataset, url=tmp_store)
    before = store.load_dataset(url=tmp_store).activities
    path = write_csv(
        tmp_path / "bao_cao_thang_6.csv",
        [
            HEADER,
            _row("Tập huấn tập trung"),
            _row("Buổi hướng dẫn tập trung"),
            _row("Tập huấn tập trung"),
            _row("Tập huấn tập trung", village="Bản Phiêng Khoan"),
        ],
    )
    plan = services.import_dry_run([path], tmp_store)
    assert not plan.ok
    at = open_data_page({"dx_import_plan": plan, "dx_import_args": ((path,), None)})
    assert "Xác nhận giá trị lạ" in "\n".join(m.value for m in at.markdown)
    choices = {s.key: s for s in at.selectbox if s.key.startswith("dx_rc_choice_")}
    assert len(choices) == 3  # three values, whatever their rows
    ambiguous, suggested, village = (choices[f"dx_rc_choice_{i}"] for i in range(3))
    assert suggested.value == "session"  # the clear candidate, already applied
    assert ambiguous.value == "" and set(ambiguous.options) >= {"Tập huấn", "Hướng dẫn tập trung"}
    assert not [o for o in (*ambiguous.options, *suggested.options) if "(" in o or "training" in o or "session" in o]
    assert "3" in [m.value for m in at.markdown]  # the ambiguous word's row count
    ambiguous.set_value("training")
    village.set_value("03166-01")
    at.button(key="dx_rc_confirm").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert "Đã lưu 3 từ đồng nghĩa" in _texts(at)
    kept = {(s.field, s.value): (s.target, s.who) for s in synonyms.load("11", tmp_store)}
    assert kept == {
        ("kind", "Tập huấn tập trung"): ("training", "operator"),
        ("kind", "Buổi hướng dẫn tập trung"): ("session", "operator"),
        ("village", "Bản Phiêng Khoan"): ("03166-01", "operator"),
    }
    (entry,) = [e for e in audit.entries(url=tmp_store) if e.action == "synonyms_confirmed"]
    assert (entry.detail["via"], len(entry.detail["synonyms"])) == ("data_page", 3)
    assert "Không có lỗi: có thể ghi vào kho." in _texts(at)
    at.button(key="dx_commit").click().run()
    after = store.load_dataset(url=tmp_store).activities
    assert len(after) == len(before) + 4
    assert list(after["kind"].iloc[-4:]) == ["training", "session", "training", "training"]
    assert set(after["village_id"].iloc[-4:]) == {"03166-01"}


def test_without_write_access_the_choices_show_but_cannot_be_kept(tmp_store, tmp_path, demo_dataset):
    import services

    path = write_csv(tmp_path / "bao_cao.csv", [HEADER, _row("Tập huấn tập trung")])
    plan = services.import_dry_run([path], tmp_store)
    at = open_data_page({"dx_import_plan": plan, "dx_import_args": ((path,), None)}, token=None)
    assert at.button(key="dx_rc_confirm").disabled


def test_in_english_the_choices_are_english_words_and_in_vietnamese_never_the_data_codes(tmp_store, tmp_path):
    import services
    from core.model.schema import TABLES, Kind

    path = write_csv(tmp_path / "bao_cao.csv", [HEADER, _row("Tập huấn tập trung")])
    plan = services.import_dry_run([path], tmp_store)
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update({"token": TOKEN, "lang": "en"})
    at.run()
    at.switch_page(PAGE)
    at.session_state["dx_import_plan"] = plan
    at.run()
    (choice,) = [s for s in at.selectbox if s.key.startswith("dx_rc_choice_")]
    assert set(choice.options) >= {"Training", "Group session"}
    codes = {c for spec in TABLES.values() for col in spec.columns if col.kind == Kind.ENUM for c, _ in col.enum}
    from components.reconciliation import choice_label
    from core.ingest import reconcile

    for spec in TABLES.values():
        for col in (c for c in spec.columns if c.kind == Kind.ENUM):
            for candidate in reconcile.category_choices(col.name):
                vi, en = (choice_label(col.name, candidate, lang) for lang in ("vi", "en"))
                assert vi != en and not any(code in vi.split() for code in codes), (col.name, vi)
                assert "(" not in vi and candidate.target not in vi


def test_a_district_lead_may_confirm_only_places_inside_the_area(accounts_store, tmp_path):
    import services
    from core.model.scope import Area

    # "Bản Ten Cang" is a village of Xã Chà Nưa (Nậm Pồ) and also of Xã Sín Thầu (Mường Nhé): both are offered
    row = ["12/06/2025", "Tổ CNSCĐ Xã Chà Cang", "", "Bản Ten Canng", "Tập huấn", "25", "4"]  # no commune
    path = write_csv(tmp_path / "bao_cao.csv", [HEADER, row])
    plan = services.import_dry_run([path], accounts_store, area=Area.of(NAM_PO))
    lead = _sign_in(_open(), "lan")
    lead.switch_page("views/data.py").run()
    lead.session_state["dx_import_plan"], lead.session_state["dx_import_args"] = plan, ((path,), None)
    lead.run()
    (choice,) = [s for s in lead.selectbox if s.key.startswith("dx_rc_choice_")]
    assert {"Bản Ten Cang (Xã Sín Thầu, 03154-01)", "Bản Ten Cang (Xã Chà Nưa, 03187-06)"} <= set(choice.options)
    choice.set_value("03154-01")
    lead.button(key="dx_rc_confirm").click().run()
    assert not lead.exception, [e.value for e in lead.exception]
    (error,) = [e.value for e in lead.error if "Ten Canng" in e.value]
    assert markdown_literal("«Bản Ten Cang (Xã Sín Thầu, 03154-01)»") in error
    assert "ngoài địa bàn của tài khoản (Huyện Nậm Pồ)" in error
    assert synonyms.load("11", accounts_store) == []
    assert not [e for e in audit.entries(url=accounts_store) if e.action == "synonyms_confirmed"]
    lead.selectbox(key=choice.key).set_value("03187-06")
    lead.button(key="dx_rc_confirm").click().run()
    assert [(s.target, s.who) for s in synonyms.load("11", accounts_store)] == [("03187-06", "lan")]
