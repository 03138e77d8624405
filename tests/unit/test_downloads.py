"""The one download rule (services.downloads): who may take which file, and the audit entry each file leaves,
read back from a real store."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher

from core import accounts, audit
from services import downloads

PASSWORD = "mật khẩu đủ dài 2026"


@pytest.fixture
def url(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    monkeypatch.setattr(accounts, "_HASHER", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    for name, role, area in (("boss", "admin", ()), ("lan", "district_lead", ["103"]), ("xem", "viewer", ())):
        accounts.add_account(name, PASSWORD, role, area=area, actor="cli:test", url=url)
    return url


def _asker(name: str, url: str) -> downloads.Requester:
    return downloads.Requester(accounts.get_account(name, url), True)


def _exports(url: str) -> list[tuple[str, str]]:
    return [(e.actor, e.detail["kind"]) for e in audit.entries(url=url) if e.action == "export"]


@pytest.mark.parametrize("kind", ["field_pack", "team_form", "area_form", "chart_csv:teams", "xlsx", "template"])
def test_a_viewer_may_download_no_file_and_a_lead_may(url, kind):
    assert downloads.refusal(kind, _asker("xem", url)) == downloads.REFUSED_ROLE
    assert downloads.refusal(kind, _asker("lan", url)) is None


def test_without_accounts_in_the_store_everybody_downloads_and_with_them_nobody_signed_out_does(url, tmp_path):
    assert downloads.refusal("field_pack", downloads.Requester(None, False)) is None
    assert downloads.refusal("field_pack", downloads.Requester(None, True)) == downloads.REFUSED_SIGNIN
    empty = f"sqlite:///{tmp_path / 'empty.sqlite'}"
    assert downloads.requester_now(downloads.Requester(None, False), empty) == downloads.Requester(None, False)


def test_field_packs_and_phone_forms_leave_one_entry_for_every_role(url):
    for name in ("boss", "lan"):
        for kind in ("field_pack", "team_form"):
            make = downloads.audited(kind, lambda: b"zip", _asker(name, url), url, {"team": "CT-03156"})
            assert make() == b"zip"
    assert _exports(url) == [
        ("boss", "field_pack"),
        ("boss", "team_form"),
        ("lan", "field_pack"),
        ("lan", "team_form"),
    ]
    assert [e.detail["team"] for e in audit.entries(url=url) if e.action == "export"] == ["CT-03156"] * 4


def test_a_file_is_refused_when_made_after_the_account_lost_the_right(url):
    asker = _asker("lan", url)
    make = downloads.audited("field_pack", lambda: b"zip", asker, url, {})
    accounts.disable_account("lan", actor="cli:test", url=url)
    assert make() == b""
    assert _exports(url) == []
    viewer = downloads.audited("chart_csv:teams", lambda: b"csv", _asker("xem", url), url, {})
    assert viewer() == b"" and _exports(url) == []
