"""Remembered sign-ins in the store: a token issued at sign-in opens a later browser session until it runs out
(sliding with use, clock injected), only its SHA-256 is kept, and disabling, a new password, a password hash
changed behind its back or signing out end it. On SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from argon2 import PasswordHasher
from sqlalchemy import update

from core import accounts, audit
from core.storage import store
from tests.unit.test_accounts import _dump  # every cell of every table, as a leaked copy shows

T0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
PASSWORD = "đúng-mật-khẩu 2026"
HOURS_8 = 8 * 3600.0


@pytest.fixture(autouse=True)
def _cheap_hasher(monkeypatch):
    monkeypatch.setattr(accounts, "_HASHER", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    monkeypatch.delenv("DXMAP_PACKAGE", raising=False)
    monkeypatch.delenv("DATABASE_URL", raising=False)


def _lan(url: str) -> None:
    accounts.add_account("lan", PASSWORD, "planner", display_name="Lò Thị Lan", actor="cli:op", url=url)


def _remembered(url: str, at: datetime = T0) -> str:
    result = accounts.sign_in("lan", PASSWORD, url=url, now=at, remember=HOURS_8)
    assert result.account is not None and result.token
    return result.token


def test_a_token_opens_a_new_session_and_only_its_hash_is_kept(store_url):
    _lan(store_url)
    assert accounts.sign_in("lan", PASSWORD, url=store_url, now=T0).token is None  # not asked: none issued
    token = _remembered(store_url)
    assert len(token) == 43 and token != _remembered(store_url)  # random, one per sign-in
    dump = _dump(store_url)
    assert token not in dump and accounts.token_hash(token) in dump  # a copy of the database holds no token

    later = T0 + timedelta(hours=3)
    account = accounts.resume_session(token, lifetime=HOURS_8, url=store_url, now=later)
    assert (account.username, account.display_name, account.role, account.last_signin) == (
        "lan",
        "Lò Thị Lan",
        "planner",
        later,
    )
    assert accounts.get_account("lan", store_url).last_signin == later
    resumed = [e for e in audit.entries(url=store_url) if e.detail.get("via") == "cookie"]
    assert [(e.actor, e.action, e.detail) for e in resumed] == [("lan", "signin_ok", {"via": "cookie"})]
    assert token not in repr(audit.entries(url=store_url)) and accounts.token_hash(token) not in _audit_text(store_url)
    assert accounts.session_count("lan", store_url, now=later) == 2


def _audit_text(url: str) -> str:
    return repr([(e.actor, e.action, e.detail) for e in audit.entries(url=url)])


def test_the_expiry_slides_with_use_and_a_token_past_it_is_refused_and_dropped(store_url):
    _lan(store_url)
    token = _remembered(store_url)
    at = T0
    for _ in range(3):  # used every 7 hours: 21 hours after sign-in it still opens
        at += timedelta(hours=7)
        assert accounts.resume_session(token, lifetime=HOURS_8, url=store_url, now=at, opening=False) is not None
    assert [e.detail for e in audit.entries(url=store_url) if e.action == "signin_ok"] == [{}]  # keep-alive: no entry
    assert accounts.resume_session(token, lifetime=HOURS_8, url=store_url, now=at + timedelta(hours=8)) is None
    assert accounts.session_count("lan", store_url, now=at) == 0  # deleted: gone even for an earlier clock
    assert accounts.resume_session(token, lifetime=HOURS_8, url=store_url, now=at) is None


def test_a_token_just_inside_its_timeout_opens_and_one_just_past_it_does_not(store_url):
    _lan(store_url)
    first, second = _remembered(store_url), _remembered(store_url)
    edge = T0 + timedelta(seconds=HOURS_8)
    assert accounts.resume_session(first, lifetime=HOURS_8, url=store_url, now=edge - timedelta(seconds=1))
    assert accounts.resume_session(second, lifetime=HOURS_8, url=store_url, now=edge) is None


def test_altered_and_unknown_tokens_are_refused_without_error(store_url):
    _lan(store_url)
    token = _remembered(store_url)
    changed = token[:-1] + ("A" if token[-1] != "A" else "B")
    for bad in (changed, "", "x" * 5000, "'; DROP TABLE accounts; --", accounts.token_hash(token), None, 42):
        assert accounts.resume_session(bad, lifetime=HOURS_8, url=store_url, now=T0) is None
    assert accounts.resume_session(token, lifetime=HOURS_8, url=store_url, now=T0) is not None  # still valid


def test_disabling_a_new_password_and_signing_out_end_remembered_sign_ins(store_url):
    _lan(store_url)
    accounts.add_account("boss", "another-password", "admin", actor="cli:op", url=store_url)
    kept, by_disable, by_password, by_signout = (_remembered(store_url) for _ in range(4))

    accounts.end_session(by_signout, store_url)
    assert accounts.resume_session(by_signout, lifetime=HOURS_8, url=store_url, now=T0) is None

    accounts.disable_account("lan", actor="cli:op", url=store_url)
    accounts.enable_account("lan", actor="cli:op", url=store_url)  # enabling again does not bring tokens back
    for token in (kept, by_disable):
        assert accounts.resume_session(token, lifetime=HOURS_8, url=store_url, now=T0) is None

    by_password = _remembered(store_url)
    other = accounts.sign_in("boss", "another-password", url=store_url, now=T0, remember=HOURS_8).token
    accounts.set_password("lan", "a new long password", actor="cli:op", url=store_url)
    assert accounts.resume_session(by_password, lifetime=HOURS_8, url=store_url, now=T0) is None
    assert accounts.resume_session(other, lifetime=HOURS_8, url=store_url, now=T0).username == "boss"  # not boss's


def test_a_password_hash_changed_behind_its_back_makes_a_token_stale(store_url):
    """Tokens carry a mark of the password hash they were issued under: a password written straight into the
    store (a restored backup, a script) still ends them."""
    _lan(store_url)
    token = _remembered(store_url)
    with store.write_transaction(store_url) as conn:
        conn.execute(
            update(store.accounts)
            .where(store.accounts.c.username == "lan")
            .values(password_hash=accounts._HASHER.hash("x" * 12))
        )
    assert accounts.resume_session(token, lifetime=HOURS_8, url=store_url, now=T0) is None


def test_the_role_and_area_come_from_the_account_not_the_token(store_url):
    accounts.add_account("minh", PASSWORD, "viewer", actor="cli:op", url=store_url)
    token = accounts.sign_in("minh", PASSWORD, url=store_url, now=T0, remember=HOURS_8).token
    with store.write_transaction(store_url) as conn:
        conn.execute(update(store.accounts).where(store.accounts.c.username == "minh").values(role="planner"))
    assert accounts.resume_session(token, lifetime=HOURS_8, url=store_url, now=T0).role == "planner"


def test_a_store_without_the_table_has_no_token_and_reading_creates_nothing(tmp_path):
    url = f"sqlite:///{tmp_path / 'absent.sqlite'}"
    assert accounts.resume_session("whatever", lifetime=HOURS_8, url=url) is None
    assert not (tmp_path / "absent.sqlite").exists()
