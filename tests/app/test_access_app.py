"""What each role may take away and sees of the province on /teams and /data (AppTest, a real store with
accounts): downloads follow one rule, a district lead's Data page holds the area only, the signed-in account is
the author of what it writes, a restore is confirmed, templates come from the account's area."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
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
    return "\n".join(parts).replace("\\", "")  # markdown escapes taken out


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


def _with_two_district_versions(url: str, demo_dataset) -> None:
    """Version 2 changes a village of Điện Biên Phủ city (094), version 3 one of Nậm Pồ (103)."""
    villages = demo_dataset.villages.copy()
    villages.loc[villages.index[villages["district_code"] == "094"][0], "population"] += 5
    store.commit(replace(demo_dataset, villages=villages), who="cli:a", files=["baocao_094.xlsx"], url=url)
    villages = villages.copy()
    villages.loc[villages.index[villages["district_code"] == NAM_PO][0], "population"] += 7
    store.commit(replace(demo_dataset, villages=villages), who="cli:b", files=["baocao_103.xlsx"], url=url)


def _history(at: AppTest):
    (frame,) = [d.value for d in at.dataframe if "Tệp" in d.value.columns and "Phiên bản" in d.value.columns]
    return frame


def test_a_district_leads_history_lists_only_the_versions_that_touched_the_area(accounts_store, demo_dataset):
    from core.model.scope import Area, restrict

    _with_two_district_versions(accounts_store, demo_dataset)
    lead = _signed_in("lan", "views/data.py")
    history = _history(lead)
    assert list(history["Phiên bản"]) == [3, 1]
    assert "baocao_094.xlsx" not in history.to_csv() and "baocao_103.xlsx" in history.to_csv()
    assert "dien-bien" not in history.to_csv()  # the province's package changed other districts too
    nam_po = restrict(demo_dataset, Area.of(NAM_PO))
    assert f"Thôn, bản {len(nam_po.villages)}" in history.iloc[0]["Số dòng"]
    boss = _signed_in("boss", "views/data.py")
    assert list(_history(boss)["Phiên bản"]) == [3, 2, 1] and "baocao_094.xlsx" in _history(boss).to_csv()


def _nam_po_report(tmp_path, demo_dataset):
    """Two activities of a Nậm Pồ team in a village it covers, dated on the data's day."""
    tv = demo_dataset.team_villages
    villages = demo_dataset.villages
    pair = tv[tv["village_id"].isin(villages.loc[villages["district_code"] == NAM_PO, "village_id"])].iloc[0]
    path = tmp_path / "hoat_dong_nam_po.csv"
    day = demo_dataset.meta.as_of.isoformat()
    lines = ["date,team_id,village_id,kind,participants,eid_level2"]
    lines += [f"{day},{pair['team_id']},{pair['village_id']},door_to_door,{n},3" for n in (21, 34)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_district_leads_dry_run_counts_the_area_and_the_commit_names_the_lead(accounts_store, demo_dataset, tmp_path):
    from core.ingest import importer
    from core.model.scope import Area, restrict

    plan = importer.dry_run([_nam_po_report(tmp_path, demo_dataset)], demo_dataset, 1, area=Area.of(NAM_PO))
    assert plan.ok and plan.changes["activities"].added == 2
    lead = _signed_in("lan", "views/data.py")
    lead.session_state["dx_import_plan"] = plan
    lead.run()
    (changes,) = [d.value for d in lead.dataframe if "Số dòng sau khi nhập" in d.value.columns]
    after = dict(zip(changes["Bảng"], changes["Số dòng sau khi nhập"], strict=True))
    mine = restrict(plan.dataset, Area.of(NAM_PO))
    assert after["Hoạt động"] == f"{len(mine.activities):,}".replace(",", ".")
    assert after["Thôn, bản"] == f"{len(mine.villages):,}".replace(",", ".") != f"{len(demo_dataset.villages):,}"
    assert not [i for i in lead.text_input if i.key == "dx_who"]  # the author is the signed-in account
    assert "Người nhập: Lò Thị Lan (lan)" in _texts(lead)
    lead.button(key="dx_commit").click().run()
    assert not lead.exception
    assert store.list_versions(accounts_store)[0].who == "Lò Thị Lan (lan)"


def test_a_restore_says_what_changes_and_waits_for_the_confirmation_and_names_the_admin(accounts_store, demo_dataset):
    store.commit(
        replace(demo_dataset, targets=demo_dataset.targets.iloc[:3]), files=["chi_tieu.xlsx"], url=accounts_store
    )
    boss = _signed_in("boss", "views/data.py")
    boss.selectbox(key="dx_restore_choice").select(1).run()
    boss.button(key="dx_restore").click().run()
    assert store.current_version_id(accounts_store) == 2  # shown, not done
    assert "phiên bản mới 3" in _texts(boss) and "phiên bản 2 không còn" in _texts(boss)
    (rows,) = [d.value for d in boss.dataframe if "Chênh lệch" in d.value.columns]
    targets = rows[rows["Bảng"] == "Chỉ tiêu"].iloc[0]
    assert (targets["Đang dùng (phiên bản 2)"], targets["Sau khi khôi phục"]) == (
        "3",
        str(len(demo_dataset.targets)),
    )
    assert targets["Chênh lệch"] == f"+{len(demo_dataset.targets) - 3}"
    boss.button(key="dx_restore_cancel").click().run()
    assert not [b for b in boss.button if b.key == "dx_restore_confirm"]
    boss.button(key="dx_restore").click().run()
    boss.button(key="dx_restore_confirm").click().run()
    assert store.current_version_id(accounts_store) == 3
    assert store.list_versions(accounts_store)[0].who == "Quản trị (boss)"


def _later_report(tmp_path, demo_dataset):
    """A month after the data's as of: two new activities of a Nậm Pồ team in a village it covers, after a row
    the data already holds (sent again)."""
    from datetime import timedelta

    acts, villages = demo_dataset.activities, demo_dataset.villages
    held = acts[acts["village_id"].isin(villages.loc[villages["district_code"] == NAM_PO, "village_id"])].iloc[[0]]
    held = held.drop(columns=["instance_id"]).dropna(axis=1)
    later = pd.concat([held] * 2, ignore_index=True)
    later["date"] = pd.Timestamp(demo_dataset.meta.as_of + timedelta(days=31))
    later["participants"], later["eid_level2"] = [21, 34], 3
    path = tmp_path / "bao_cao_thang.csv"
    frame = pd.concat([held, later], ignore_index=True)
    frame["date"] = frame["date"].dt.strftime("%Y-%m-%d")
    frame.to_csv(path, index=False)
    return path, later["date"].iloc[0].strftime("%Y-%m-%d")


def test_a_leads_monthly_report_lists_each_row_then_the_commit_shows_what_changed_and_the_new_date(
    accounts_store, demo_dataset, tmp_path
):
    from core.i18n import fmt_date
    from core.ingest import importer
    from core.model.scope import Area

    path, day = _later_report(tmp_path, demo_dataset)
    plan = importer.dry_run([path], demo_dataset, 1, area=Area.of(NAM_PO))
    assert plan.ok, [(p.code, p.value) for p in plan.problems]
    lead = _signed_in("lan", "views/data.py")
    lead.session_state["dx_import_plan"] = plan
    lead.run()
    new_date = fmt_date(plan.dataset.meta.as_of, "vi")
    assert f"Số liệu đến ngày {new_date}" in _texts(lead)
    (skipped,) = [
        d.value for d in lead.dataframe if "Kết quả" in d.value.columns and "Bỏ qua: trùng" in set(d.value["Kết quả"])
    ]
    assert list(skipped["Dòng"]) == [2]
    (new,) = [d.value for d in lead.dataframe if "Kết quả" in d.value.columns and "Mới" in set(d.value["Kết quả"])]
    assert list(new["Dòng"]) == [3, 4] and set(new["date"]) == {day} and list(new["participants"]) == ["21", "34"]
    lead.button(key="dx_commit").click().run()
    assert not lead.exception
    (figures,) = [d.value for d in lead.dataframe if "Thay đổi" in d.value.columns and "Số liệu" in d.value.columns]
    changed = dict(zip(figures["Số liệu"], figures["Thay đổi"], strict=True))
    assert changed["Hoạt động"] == "+2" and changed["Kích hoạt định danh mức 2 qua hoạt động"] == "+6"
    assert "Thôn, bản" not in changed
    assert f"Số liệu đến ngày {new_date} (trước đây: {fmt_date(demo_dataset.meta.as_of, 'vi')})" in _texts(lead)
    assert any("Xem trang Tổng quan" in str(link.proto) for link in lead.get("page_link"))


def test_a_kobo_exports_dry_run_lists_the_edit_the_new_and_the_skipped_submissions_as_the_file_shows_them(
    accounts_store, tmp_path
):
    from core.ingest import importer
    from core.model.scope import Area
    from tests.fixtures import kobo_exports as kobo

    area = Area.of(NAM_PO)
    november = importer.dry_run(
        [kobo.write(tmp_path, "kobo_11.csv", kobo.NOVEMBER)], store.load_dataset(url=accounts_store), 1, area=area
    )
    assert importer.commit(november, url=accounts_store) == 2
    stored = store.load_dataset(url=accounts_store)
    plan = importer.dry_run([kobo.write(tmp_path, "kobo_12.csv", kobo.DECEMBER)], stored, 2, area=area)
    assert plan.ok
    lead = _signed_in("lan", "views/data.py")
    lead.session_state["dx_import_plan"] = plan
    lead.run()
    assert "Mới: 1 · Thay bản gửi trước: 1 · Bỏ qua: 2" in _texts(lead)
    tables = [d.value for d in lead.dataframe if "Kết quả" in d.value.columns and "Dòng" in d.value.columns]
    outcomes = {(row["Dòng"], row["Kết quả"]) for table in tables for _, row in table.iterrows()}
    assert outcomes == {
        (2, "Thay bản gửi trước"),
        (3, "Bỏ qua: trùng"),
        (4, "Bỏ qua: bị từ chối khi duyệt"),
        (5, "Mới"),
    }
    (replacing,) = [table for table in tables if "Thay bản gửi trước" in set(table["Kết quả"])]
    assert list(replacing["results/participants"]) == ["35"]  # the edit's answer, under the export's header
