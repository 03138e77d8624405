"""`cli.py import --accept-suggestions`: the values one clear candidate settled are kept as the province's
synonyms when the import commits (under the acting account, in the audit log), so the next import of the same
kind of report recognises them without the flag; a dry run only says what it would keep, a failing import keeps
nothing."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher

import services
from cli import main as cli
from core import accounts, audit
from core.storage import store, synonyms
from services.audit_trail import cli_actor
from tests.unit.test_reconcile import report, row

MISSPELT = [
    row("Buổi hướng dẫn tập trung", village="Bản Phiêng Khoan", commune="Xã Chà Canng"),
    row("Tập huấn", village="Phieng Khoan"),  # the same village, written another way
]
KEPT = {
    ("kind", "Buổi hướng dẫn tập trung"): "session",
    ("commune", "Xã Chà Canng"): "03166",
    ("village", "Bản Phiêng Khoan"): "03166-01",
}


def kept(url: str) -> dict[tuple[str, str], tuple[str, str]]:
    return {(s.field, s.value): (s.target, s.who) for s in synonyms.load("11", url)}


def confirmations(url: str) -> list[audit.AuditEntry]:
    return [e for e in audit.entries(url=url) if e.action == "synonyms_confirmed"]


def test_accepted_suggestions_are_kept_on_commit_and_recognised_by_the_next_import(demo_store, tmp_path, capsys):
    store_url = demo_store  # the demo as version 1
    june = report(tmp_path, MISSPELT, "bao_cao_thang_6.csv")
    accepting = ["import", str(june), "--db", store_url, "--accept-suggestions"]

    assert cli.main([*accepting, "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert f"Khi nhập thật (không có --dry-run) sẽ lưu 3 từ đồng nghĩa cho tỉnh (người xác nhận: {cli_actor()}):" in out
    assert "  Thôn/bản “Bản Phiêng Khoan” → Bản Phiêng Khoang (Xã Chà Cang, 03166-01)" in out
    assert kept(store_url) == {} and confirmations(store_url) == []

    failing = report(tmp_path, [*MISSPELT, row("Phát tờ rơi")], "bao_cao_loi.csv")  # one row in error
    assert cli.main(["import", str(failing), "--db", store_url, "--accept-suggestions"]) == 1
    assert "từ đồng nghĩa cho tỉnh" not in capsys.readouterr().out
    assert kept(store_url) == {} and confirmations(store_url) == []
    assert store.current_version_id(store_url) == 1

    assert cli.main([*accepting, "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert f"Synonyms saved for the province: 3 (confirmed by {cli_actor()})" in out
    assert "  Xã “Xã Chà Canng” → Xã Chà Cang (03166)" in out
    assert kept(store_url) == {key: (target, cli_actor()) for key, target in KEPT.items()}
    (entry,) = confirmations(store_url)
    assert (entry.actor, entry.detail["via"], entry.detail["version"], entry.detail["province"]) == (
        cli_actor(),
        "import",
        2,
        "11",
    )
    assert {(s["field"], s["value"]): s["target"] for s in entry.detail["synonyms"]} == KEPT

    later = [[f"2{i}/06/2025", *r[1:]] for i, r in enumerate(MISSPELT)]
    plain = ["import", str(report(tmp_path, later, "bao_cao_cuoi_thang_6.csv")), "--db", store_url, "--lang", "en"]
    assert cli.main(plain) == 0
    out = capsys.readouterr().out
    assert "Applied: Thôn/bản “Bản Phiêng Khoan” → Bản Phiêng Khoang (Xã Chà Cang, 03166-01) (rows: 2, confirmed" in out
    assert "Synonyms saved" not in out
    after = store.load_dataset(url=store_url).activities
    assert list(after["village_id"].iloc[-2:]) == ["03166-01"] * 2
    assert list(after["kind"].iloc[-2:]) == ["session", "training"]
    assert len(confirmations(store_url)) == 1


@pytest.fixture
def lead_store(tmp_path, monkeypatch, demo_dataset):
    """A store with two district leads: `lan` for district 103 (Chà Cang's), `hoa` for district 094."""
    monkeypatch.setattr(accounts, "_HASHER", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    store.commit(demo_dataset, url=url)
    for name, area in (("lan", ["103"]), ("hoa", ["094"])):
        accounts.add_account(name, "mật khẩu đủ dài 2026", "district_lead", area=area, actor="cli:test", url=url)
    return url


def test_suggestions_accepted_as_an_account_are_kept_under_its_name_inside_its_area_only(lead_store, tmp_path, capsys):
    path = str(report(tmp_path, MISSPELT))
    assert cli.main(["import", path, "--db", lead_store, "--accept-suggestions", "--as", "hoa"]) == 1
    assert "từ đồng nghĩa" not in capsys.readouterr().out  # Chà Cang lies outside hoa's district
    assert kept(lead_store) == {} and confirmations(lead_store) == []

    assert cli.main(["import", path, "--db", lead_store, "--accept-suggestions", "--as", "lan"]) == 0
    assert "(người xác nhận: lan)" in capsys.readouterr().out
    assert kept(lead_store) == {key: (target, "lan") for key, target in KEPT.items()}
    assert [e.actor for e in confirmations(lead_store)] == ["lan"]
    plan = services.import_dry_run([path], lead_store)
    assert plan.ok and not plan.changes["activities"].any  # already in; the synonyms read every value
    assert {u.how for u in plan.unknowns} == {"synonym"}
