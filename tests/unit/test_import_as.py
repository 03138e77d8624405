"""`cli.py import PATH… --as NAME`: the account's rights and area; rows outside it named, nothing imported."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher

from cli.main import main
from core import accounts, audit
from core.storage import store

PASSWORD = "mật khẩu đủ dài 2026"
INSIDE = "2025-06-01,YV-103-01,03156-01,meeting,30,2"
OUTSIDE = "2025-06-02,CT-03124,03124-01,meeting,20,1"


@pytest.fixture
def url(tmp_path, monkeypatch, demo_dataset):
    monkeypatch.delenv("DXMAP_PACKAGE", raising=False)
    monkeypatch.setattr(accounts, "_HASHER", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    store.commit(demo_dataset, url=url)
    accounts.add_account("lan", PASSWORD, "district_lead", area=["103"], actor="cli:test", url=url)
    accounts.add_account("xem", PASSWORD, "viewer", actor="cli:test", url=url)
    return url


def _report(tmp_path, *rows: str):
    path = tmp_path / "bao_cao.csv"
    path.write_text("\n".join(["date,team_id,village_id,kind,participants,eid_level2", *rows]) + "\n", "utf-8")
    return str(path)


def test_a_row_outside_the_area_is_named_and_nothing_is_imported(tmp_path, url, capsys):
    code = main(["import", _report(tmp_path, INSIDE, OUTSIDE), "--db", url, "--as", "lan", "--lang", "en"])
    out = capsys.readouterr()
    assert code == 1
    assert "bao_cao.csv" in out.out and "3" in out.out and "Tổ dân phố 1" in out.out
    assert "outside your account's area" in out.out
    assert store.current_version_id(url) == 1
    logged = [(e.actor, e.action, e.detail.get("errors")) for e in audit.entries(url=url)]
    assert ("lan", "import_dry_run", 1) in logged


def test_rows_inside_the_area_import_and_the_commit_is_recorded(tmp_path, url, capsys):
    assert main(["import", _report(tmp_path, INSIDE), "--db", url, "--as", "lan"]) == 0
    assert store.current_version_id(url) == 2
    assert ("lan", "import_commit") in [(e.actor, e.action) for e in audit.entries(url=url)]


def test_a_viewer_or_an_unknown_name_is_refused_alike_and_the_operator_imports_anything(tmp_path, url, capsys):
    path = _report(tmp_path, OUTSIDE)
    assert main(["import", path, "--db", url, "--as", "xem"]) == 1
    refused_viewer = capsys.readouterr().err
    assert main(["import", path, "--db", url, "--as", "ai-do"]) == 1
    assert capsys.readouterr().err.replace("ai-do", "xem") == refused_viewer
    assert store.current_version_id(url) == 1
    assert main(["import", path, "--db", url]) == 0  # without --as: the server's operator, as before
    assert store.current_version_id(url) == 2
    assert any(e.action == "import_commit" and e.actor.startswith("cli:") for e in audit.entries(url=url))
