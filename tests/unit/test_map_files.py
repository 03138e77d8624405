"""The map's data files are an area's data: with accounts in the store only an account of that area (or a
province-wide one) may fetch them, whatever it knows of their names. The middleware is driven as the ASGI
server drives it, on SQLite and PostgreSQL stores with real accounts and session tokens."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher

from components.map_files import COOKIE, MapFileGuard
from components.stcore_guard import cookie_value
from core import accounts
from core.model.scope import Area
from tests.event_loop import run_apart

FILE = "villages-" + "a" * 20 + ".json"
PROVINCE_FILE = f"/app/static/dxmap/cache/province/{FILE}"
LEAD_FILE = f"/app/static/dxmap/cache/{Area.of('103').tag}/{FILE}"
OTHER_FILE = f"/app/static/dxmap/cache/{Area.of('094').tag}/{FILE}"


@pytest.fixture(autouse=True)
def _cheap_hashes(monkeypatch):
    monkeypatch.setattr(accounts, "_HASHER", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    monkeypatch.delenv("DXMAP_PACKAGE", raising=False)
    monkeypatch.delenv("DATABASE_URL", raising=False)


def fetch(path: str, url: str, cookie: str | None = None) -> int:
    """The status a browser gets for `path` (the app behind answers 200 for whatever reaches it)."""
    sent = []

    async def app(scope, receive, send):
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"{}"})

    async def send(message):
        sent.append(message)

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    headers = [(b"cookie", f"other=1; dxmap_session={cookie}".encode())] if cookie else []
    scope = {"type": "http", "method": "GET", "path": path, "headers": headers}
    run_apart(MapFileGuard(app, store_url=url)(scope, receive, send))
    return sent[0]["status"]


def token_of(username: str, url: str) -> str:
    return accounts.sign_in(username, "mật khẩu đủ dài 1", url=url, remember=3600).token


def test_without_accounts_the_files_are_served_as_before(store_url):
    assert fetch(PROVINCE_FILE, store_url) == 200
    assert fetch(LEAD_FILE, store_url) == 200


def test_a_lead_fetches_its_areas_files_only_and_nobody_without_a_sign_in_fetches_any(store_url):
    accounts.add_account("lead103", "mật khẩu đủ dài 1", "district_lead", ["103"], actor="t", url=store_url)
    accounts.add_account("viewer", "mật khẩu đủ dài 1", "viewer", actor="t", url=store_url)
    lead, viewer = token_of("lead103", store_url), token_of("viewer", store_url)

    assert fetch(LEAD_FILE, store_url, lead) == 200
    assert fetch(PROVINCE_FILE, store_url, lead) == 403  # the province's villages are not the lead's
    assert fetch(OTHER_FILE, store_url, lead) == 403
    assert [fetch(p, store_url, viewer) for p in (PROVINCE_FILE, LEAD_FILE, OTHER_FILE)] == [200, 200, 200]
    assert fetch(PROVINCE_FILE, store_url) == 403  # no cookie
    assert fetch(PROVINCE_FILE, store_url, "forged-token") == 403
    assert fetch("/app/static/dxmap/cache/" + FILE, store_url, viewer) == 404  # the old flat layout: gone


def test_a_signed_out_or_disabled_accounts_cookie_fetches_nothing(store_url):
    accounts.add_account("viewer", "mật khẩu đủ dài 1", "viewer", actor="t", url=store_url)
    accounts.add_account("boss", "mật khẩu đủ dài 2", "admin", actor="t", url=store_url)
    kept, ended = token_of("viewer", store_url), token_of("viewer", store_url)
    accounts.end_session(ended, store_url)
    assert fetch(PROVINCE_FILE, store_url, ended) == 403
    assert fetch(PROVINCE_FILE, store_url, kept) == 200
    accounts.disable_account("viewer", actor="boss", url=store_url)
    assert fetch(PROVINCE_FILE, store_url, kept) == 403


def test_other_paths_pass_untouched(store_url):
    accounts.add_account("viewer", "mật khẩu đủ dài 1", "viewer", actor="t", url=store_url)
    assert fetch("/app/static/leaflet/leaflet.js", store_url) == 200
    assert fetch("/", store_url) == 200


def test_the_cookie_is_read_among_others_and_a_broken_header_is_no_cookie():
    assert cookie_value([(b"cookie", b"a=1; dxmap_session=tok-en_1; b=2")], COOKIE) == "tok-en_1"
    assert cookie_value([(b"cookie", b'dxmap_session="unterminated')], COOKIE) is None
    assert cookie_value([(b"accept", b"dxmap_session=x")], COOKIE) is None
