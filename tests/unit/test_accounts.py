"""Accounts in the store: argon2 hashes, the lock after 10 wrong passwords (kept in the store, with an injected
clock), the same answer for an unknown name, disabled accounts, validation of names, roles and areas, and the
audit entries each of these leaves. On SQLite and PostgreSQL."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from sqlalchemy import create_engine, inspect, text

from core import accounts, audit
from core.accounts import AccountError, may, sign_in
from core.storage import store

ROOT = Path(__file__).resolve().parents[2]
T0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
PASSWORD = "đúng-mật-khẩu 2026"  # non-ASCII and a space: taken as typed


class CountingHasher(PasswordHasher):
    """Real argon2id with cheap parameters (fast tests), counting the checks it runs."""

    def __init__(self) -> None:
        super().__init__(time_cost=1, memory_cost=1024, parallelism=1)
        self.verified: list[str] = []

    def verify(self, hash, password):  # noqa: A002 - argon2's own parameter name
        self.verified.append(hash)
        return super().verify(hash, password)


@pytest.fixture
def hasher(monkeypatch) -> CountingHasher:
    counting = CountingHasher()
    monkeypatch.setattr(accounts, "_HASHER", counting)
    return counting


@pytest.fixture(autouse=True)
def _demo_province(monkeypatch):
    """An empty store's areas are checked against the package the app reads: the demo (Điện Biên, 11)."""
    monkeypatch.delenv("DXMAP_PACKAGE", raising=False)
    monkeypatch.delenv("DATABASE_URL", raising=False)


def _dump(url: str) -> str:
    """Every cell of every table as text: what a leaked database would show."""
    eng = create_engine(url)
    try:
        with eng.connect() as conn:
            return "\n".join(
                repr(tuple(row))
                for name in inspect(conn).get_table_names()
                for row in conn.execute(text(f'SELECT * FROM "{name}"'))
            )
    finally:
        eng.dispose()


def test_accounts_live_in_an_empty_store_and_passwords_are_argon2_hashes(store_url, hasher):
    assert not accounts.any_accounts(store_url) and accounts.list_accounts(store_url) == []
    lan = accounts.add_account(
        "Lan.Lo",
        PASSWORD,
        "district_lead",
        area="94, 03124",
        display_name=" Lò  Thị Lan ",
        actor="cli:op",
        url=store_url,
    )
    assert (lan.username, lan.display_name, lan.role, lan.area) == (
        "lan.lo",
        "Lò Thị Lan",
        "district_lead",
        ("094", "03124"),
    )
    assert lan.active and not lan.province_wide and lan.last_signin is None and lan.created.tzinfo is not None
    boss = accounts.add_account("boss", "another-password", "admin", actor="cli:op", url=store_url)
    assert boss.province_wide and boss.area == ()
    assert accounts.any_accounts(store_url)
    assert [a.username for a in accounts.list_accounts(store_url)] == ["boss", "lan.lo"]
    assert accounts.get_account("LAN.LO", store_url) == lan
    assert accounts.get_account("nobody", store_url) is None
    assert store.current_version_id(store_url) is None  # accounts are not data: the store still has no version

    dump = _dump(store_url)
    assert PASSWORD not in dump and "another-password" not in dump
    with create_engine(store_url).connect() as conn:
        hashes = [r[0] for r in conn.execute(text("SELECT password_hash FROM accounts"))]
    assert all(h.startswith("$argon2id$") for h in hashes) and len(set(hashes)) == 2

    with pytest.raises(AccountError) as taken:
        accounts.add_account("lan.lo", PASSWORD, "viewer", actor="cli:op", url=store_url)
    assert taken.value.code == "acct_exists"


def test_the_default_hasher_is_argon2id_and_checks_a_password(tmp_path):
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    accounts.add_account("minh", PASSWORD, "planner", actor="t", url=url)
    assert sign_in("minh", PASSWORD, url=url).account.username == "minh"
    assert sign_in("minh", PASSWORD + "x", url=url).account is None
    assert accounts._HASHER.type.name == "ID"


def test_ten_wrong_passwords_lock_a_name_for_15_minutes_kept_in_the_store(store_url, hasher):
    accounts.add_account("lan", PASSWORD, "viewer", actor="t", url=store_url)
    for i in range(9):
        assert sign_in("lan", f"wrong {i}", url=store_url, now=T0 + timedelta(seconds=i)) == accounts.SignIn(None, 0.0)
    locked = sign_in("lan", "wrong 9", url=store_url, now=T0 + timedelta(seconds=9))
    assert locked.account is None and locked.wait_seconds == 15 * 60
    checks = len(hasher.verified)
    later = sign_in("lan", PASSWORD, url=store_url, now=T0 + timedelta(minutes=5, seconds=9))
    assert later.account is None and later.wait_seconds == 10 * 60  # the right password waits too
    assert len(hasher.verified) == checks  # …and is not even checked while locked

    # the lock is in the database: another process (another app replica) sees it
    probe = (
        "import sys; from datetime import datetime; from core import accounts;"
        "r = accounts.sign_in('lan', sys.argv[2], url=sys.argv[1], now=datetime.fromisoformat(sys.argv[3]));"
        "print(r.account is None, int(r.wait_seconds))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe, store_url, PASSWORD, (T0 + timedelta(minutes=14)).isoformat()],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    assert out.split() == ["True", "69"]

    free = sign_in("lan", PASSWORD, url=store_url, now=T0 + timedelta(minutes=15, seconds=10))
    assert free.account is not None and free.account.last_signin == T0 + timedelta(minutes=15, seconds=10)
    # a success clears the count: nine more wrong passwords lock nothing
    for i in range(9):
        assert sign_in("lan", "wrong", url=store_url, now=T0 + timedelta(minutes=16, seconds=i)).wait_seconds == 0


def test_an_unknown_name_gets_the_same_answer_and_the_same_work(store_url, hasher):
    accounts.add_account("lan", PASSWORD, "viewer", actor="t", url=store_url)
    hasher.verified.clear()
    known = sign_in("lan", "wrong password", url=store_url, now=T0)
    unknown = sign_in("ghost", "wrong password", url=store_url, now=T0)
    assert known == unknown == accounts.SignIn(None, 0.0)
    assert len(hasher.verified) == 2  # one argon2 check each: the unknown name against a dummy hash
    assert hasher.verified[1] != hasher.verified[0] and hasher.verified[1].startswith("$argon2id$")
    # a typed name that breaks the rules is just another unknown name
    assert sign_in("Ghost With Spaces ✓", "x", url=store_url, now=T0) == accounts.SignIn(None, 0.0)
    assert len(hasher.verified) == 3
    # and an unknown name locks like a known one: the lock says nothing about existence
    answers = [sign_in("ghost", "wrong", url=store_url, now=T0 + timedelta(seconds=i)) for i in range(1, 10)]
    assert answers[-1] == accounts.SignIn(None, 15 * 60.0) and all(a.wait_seconds == 0 for a in answers[:-1])


def test_a_disabled_account_cannot_sign_in_and_the_last_admin_stays(store_url, hasher):
    accounts.add_account("boss", PASSWORD, "admin", actor="t", url=store_url)
    accounts.add_account("lan", PASSWORD, "viewer", actor="boss", url=store_url)
    accounts.disable_account("lan", actor="boss", url=store_url)
    assert not accounts.get_account("lan", store_url).active
    assert sign_in("lan", PASSWORD, url=store_url, now=T0) == accounts.SignIn(None, 0.0)
    accounts.enable_account("lan", actor="boss", url=store_url)
    assert sign_in("lan", PASSWORD, url=store_url, now=T0).account.username == "lan"
    with pytest.raises(AccountError) as last:
        accounts.disable_account("boss", actor="boss", url=store_url)
    assert last.value.code == "acct_last_admin"
    with pytest.raises(AccountError) as unknown:
        accounts.disable_account("ghost", actor="boss", url=store_url)
    assert unknown.value.code == "acct_unknown" and unknown.value.params == {"username": "ghost"}


def test_a_new_password_works_and_lifts_a_lock(store_url, hasher):
    accounts.add_account("lan", PASSWORD, "viewer", actor="t", url=store_url)
    for i in range(10):
        sign_in("lan", "wrong", url=store_url, now=T0 + timedelta(seconds=i))
    accounts.set_password("lan", "a brand new one", actor="boss", url=store_url)
    assert sign_in("lan", PASSWORD, url=store_url, now=T0 + timedelta(minutes=1)).account is None
    assert sign_in("lan", "a brand new one", url=store_url, now=T0 + timedelta(minutes=1)).account is not None
    with pytest.raises(AccountError) as short:
        accounts.set_password("lan", "short", actor="boss", url=store_url)
    assert short.value.code == "acct_password_short" and short.value.params == {"min": 8}


def test_every_sign_in_and_account_change_is_audited_without_a_password(store_url, hasher):
    accounts.add_account("boss", PASSWORD, "admin", actor="cli:root", url=store_url)
    accounts.add_account("lan", PASSWORD, "district_lead", area=["103"], actor="boss", url=store_url)
    accounts.set_area("lan", "103,03166", actor="boss", url=store_url)
    accounts.set_password("lan", "new password 1", actor="boss", url=store_url)
    accounts.disable_account("lan", actor="boss", url=store_url)
    sign_in("boss", PASSWORD, url=store_url)
    sign_in("boss", "nope nope", url=store_url)
    sign_in("lan", "new password 1", url=store_url)
    audit.record("boss", "export", {"format": "xlsx", "filter": {"district": "103"}, "password": "leak"}, url=store_url)
    got = [(e.actor, e.action, e.detail) for e in audit.entries(url=store_url)]
    assert got[:5] == [
        ("cli:root", "account_add", {"username": "boss", "role": "admin", "area": []}),
        ("boss", "account_add", {"username": "lan", "role": "district_lead", "area": ["103"]}),
        ("boss", "account_area", {"username": "lan", "area": ["103", "03166"]}),
        ("boss", "account_password", {"username": "lan"}),
        ("boss", "account_disable", {"username": "lan", "active": False}),
    ]
    assert sorted(got[5:8], key=lambda g: g[1]) == sorted(
        [
            ("boss", "signin_ok", {}),
            ("boss", "signin_failed", {"reason": "wrong_password", "locked": False}),
            ("lan", "signin_failed", {"reason": "disabled", "locked": False}),
        ],
        key=lambda g: g[1],
    )
    assert got[8] == ("boss", "export", {"format": "xlsx", "filter": {"district": "103"}})  # no "password" key
    assert len(audit.entries(datetime.now(UTC) - timedelta(hours=1), url=store_url)) == len(got) == 9
    assert audit.entries(datetime.now(UTC) + timedelta(minutes=1), url=store_url) == []
    dump = _dump(store_url)
    assert PASSWORD not in dump and "new password 1" not in dump and "nope nope" not in dump and "leak" not in dump
    with pytest.raises(ValueError):
        audit.record("boss", "made_up_action", url=store_url)


def test_names_roles_and_areas_are_checked_with_clear_errors(tmp_path, hasher):
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"

    def refused(**kwargs) -> AccountError:
        args = {"username": "lan", "password": PASSWORD, "role": "district_lead", "area": "094"} | kwargs
        with pytest.raises(AccountError) as raised:
            accounts.add_account(**args, actor="t", url=url)
        return raised.value

    for bad in ("", "l", "lan lo", "lân", "-lan", "a" * 33, "lan/../x", "lan@x"):
        assert refused(username=bad).code == "acct_bad_username", bad
    assert refused(role="owner").params == {"role": "owner", "roles": "admin, planner, district_lead, viewer"}
    assert refused(role="admin").code == "acct_area_not_allowed"
    assert refused(role="planner", area="103").code == "acct_area_not_allowed"
    assert refused(area="").code == "acct_area_required"
    unknown = refused(area="094,999")
    assert (unknown.code, unknown.params) == ("acct_area_unknown", {"code": "999", "province": "Điện Biên (11)"})
    assert refused(area="03124,abc").params["code"] == "abc"
    assert refused(password="short").code == "acct_password_short"
    assert refused(display_name="x" * 121).code == "acct_display_name_long"
    assert not accounts.any_accounts(url)  # nothing was written by a refused add

    ok = accounts.add_account("a_b-c.9", PASSWORD, "viewer", area="3166, 103, 03166", actor="t", url=url)
    assert ok.area == ("03166", "103")  # padded, repeats dropped
    crosswalk = accounts.area_catalogue(url)
    new_codes = [c for c, (level, _name) in crosswalk.items() if level == "commune" and c not in ok.area]
    assert "094" in crosswalk and crosswalk["094"][0] == "district"
    accounts.set_area("a_b-c.9", new_codes[:2], actor="t", url=url)
    assert accounts.get_account("a_b-c.9", url).area == tuple(new_codes[:2])
    accounts.set_area("a_b-c.9", "", actor="t", url=url)  # a viewer may be province-wide
    assert accounts.get_account("a_b-c.9", url).province_wide


@pytest.fixture
def fresh_unit_caches():
    """The 2025 catalogue is cached per province; tests that stub the legacy one must not find this test's copy."""
    from core.model.admin_units import load_admin_units_2025

    yield
    load_admin_units_2025.cache_clear()
    accounts._catalogue.cache_clear()


def test_july_2025_codes_and_legacy_codes_both_name_an_area(tmp_path, hasher, monkeypatch, fresh_unit_caches):
    from core.model.admin_units import load_admin_units

    _units, crosswalk = load_admin_units("11")
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    assert set(crosswalk["commune_code_2025"]) <= set(accounts.area_catalogue(url))  # legacy data: 2025 codes too
    # a package in the 2025 system: its communes, the former districts and the legacy communes all count
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "package.toml").write_text(
        'name = "x"\nprovince_code = "11"\nprovince_name = "Điện Biên"\nadmin_system = "2025"\nas_of = 2025-08-01\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("DXMAP_PACKAGE", str(package))
    assert accounts.known_province(url) == "Điện Biên (11)"
    legacy_commune = sorted(set(crosswalk["legacy_commune_code"]) - set(crosswalk["commune_code_2025"]))[0]
    code_2025 = sorted(crosswalk["commune_code_2025"])[0]
    lead = accounts.add_account(
        "lead", PASSWORD, "district_lead", area=[code_2025, "094", legacy_commune], actor="t", url=url
    )
    assert lead.area == (code_2025, "094", legacy_commune)


def test_reading_an_absent_store_finds_no_account_and_creates_nothing(tmp_path, hasher):
    path = tmp_path / "none.sqlite"
    url = f"sqlite:///{path}"
    assert not accounts.any_accounts(url)
    assert accounts.get_account("lan", url) is None
    assert accounts.list_accounts(url) == [] and audit.entries(url=url) == []
    assert sign_in("lan", PASSWORD, url=url) == accounts.SignIn(None, 0.0)
    assert len(hasher.verified) == 1  # checked against the dummy hash all the same
    assert not path.exists()


def test_a_blank_name_is_refused_and_counts_nothing(tmp_path, hasher):
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    accounts.add_account("lan", PASSWORD, "viewer", actor="t", url=url)
    for i in range(12):
        assert sign_in("  ", PASSWORD, url=url, now=T0 + timedelta(seconds=i)) == accounts.SignIn(None, 0.0)
    assert [e.action for e in audit.entries(url=url)] == ["account_add"]


def test_roles_may_what_the_table_says():
    table = {role: {a for a in accounts.ACTIONS if may(role, a)} for role in accounts.ROLES}
    assert table == {
        "admin": {"read", "plan", "export", "import", "restore", "accounts", "audit"},
        "planner": {"read", "plan", "export", "import"},
        "district_lead": {"read", "plan", "export", "import"},
        "viewer": {"read"},
    }
    assert not may("owner", "read") and not may("", "read")
    with pytest.raises(ValueError):
        may("admin", "delete")


REPLICA = """
import sys
from datetime import datetime
from argon2 import PasswordHasher
from core import accounts
accounts._HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
url, now = sys.argv[1], datetime.fromisoformat(sys.argv[2])
print(max(accounts.sign_in("lan", f"wrong {i}", url=url, now=now).wait_seconds for i in range(5)))
"""


def test_two_replicas_guessing_at_once_share_one_count(store_url, hasher):
    """Two app processes, five wrong passwords each, at the same time: together they lock the name."""
    accounts.add_account("lan", PASSWORD, "viewer", actor="t", url=store_url)
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", REPLICA, store_url, T0.isoformat()],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outs = [p.communicate(timeout=120) for p in procs]
    assert all(p.returncode == 0 for p in procs), [err for _out, err in outs]
    assert sorted(float(out) for out, _err in outs) == [0.0, 15 * 60.0]  # the tenth, in whichever process, locked
    assert sign_in("lan", PASSWORD, url=store_url, now=T0 + timedelta(minutes=1)).wait_seconds == 14 * 60
    failed = [e for e in audit.entries(url=store_url) if e.action == "signin_failed"]
    assert len(failed) == 11 and sum(e.detail.get("locked", False) for e in failed) == 1


def test_a_hash_made_with_weaker_parameters_is_renewed_at_the_next_sign_in(tmp_path, hasher, monkeypatch):
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    accounts.add_account("lan", PASSWORD, "viewer", actor="t", url=url)

    def stored() -> str:
        with create_engine(url).connect() as conn:
            return conn.execute(text("SELECT password_hash FROM accounts")).scalar()

    assert "m=1024,t=1,p=1" in stored()
    monkeypatch.setattr(accounts, "_HASHER", PasswordHasher())
    assert sign_in("lan", PASSWORD, url=url).account is not None
    assert "m=65536,t=3,p=4" in stored()
    assert sign_in("lan", PASSWORD, url=url).account is not None


def test_the_session_timeout_reads_hours_minutes_or_seconds_and_defaults_to_8_hours():
    from core.settings import setting

    read = lambda value: setting("session_timeout", {"DXMAP_SESSION_TIMEOUT": value})  # noqa: E731
    assert read("") == 8 * 3600 and read("8") == read("8h") == read("8 H") == 8 * 3600
    assert (read("90m"), read("90min"), read("45s"), read("1.5")) == (5400, 5400, 45, 5400)
    for bad in ("0", "-2h", "soon", "inf", "nan", "8d"):
        assert read(bad) == 8 * 3600, bad
