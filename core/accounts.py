"""Accounts, roles and areas, kept in the store (the same SQLite file or PostgreSQL database as the data).

A role says what an account may do (`may`), its area where: a list of district and/or commune codes (legacy or
July-2025; the crosswalk applies), or `()` for the whole province. Passwords are hashed with argon2id
(argon2-cffi) and are never logged, printed or written to the audit log.

Signing in: 10 wrong passwords for one user name lock it for 15 minutes. The count lives in the store, so it
holds across app replicas and restarts, and it is kept for any typed name, known or not: a lock, its message and
the time a check takes say nothing about whether an account exists (an unknown name is checked against a dummy
hash). A disabled account is refused with the same answer as a wrong password. Every sign-in is recorded in the
audit log (core/audit.py), and every account change with the actor that made it.

Staying signed in: a successful sign-in may ask for a session token (`sign_in(..., remember=seconds)`), a random
`secrets.token_urlsafe(32)` the browser keeps in a cookie. The store keeps only its SHA-256, with the account, when
it was issued and last seen, when it expires (last seen + the inactivity timeout, sliding with use) and a mark of
the password hash it was issued under, so a copy of the database signs nobody in. `resume_session` turns a token
back into its account (read fresh: role, area, active) or None; disabling an account or setting its password
deletes its tokens, and a password changed any other way makes them stale.

Writes go through the store's write transaction (its lock); the password check itself runs outside it, so a
slow hash never holds other writers up. Reading an absent store finds no account and creates nothing.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import delete, func, insert, select, update

from core import audit
from core.storage import store

ROLES = ("admin", "planner", "district_lead", "viewer")
ACTIONS = ("read", "plan", "export", "import", "restore", "accounts", "audit")
_RIGHTS: dict[str, frozenset[str]] = {
    "admin": frozenset(ACTIONS),
    "planner": frozenset({"read", "plan", "export", "import"}),
    "district_lead": frozenset({"read", "plan", "export", "import"}),
    "viewer": frozenset({"read"}),
}
PROVINCE_ROLES = frozenset({"admin", "planner"})  # always the whole province: they take no area
AREA_ROLES = frozenset({"district_lead"})  # always an area: at least one code

MAX_FAILURES = 10  # wrong passwords in a row before a user name is locked
LOCK_SECONDS = 15 * 60.0
USERNAME_MIN, USERNAME_MAX = 2, 32
PASSWORD_MIN, PASSWORD_MAX = 8, 256
_USERNAME = re.compile(rf"[a-z0-9][a-z0-9._-]{{{USERNAME_MIN - 1},{USERNAME_MAX - 1}}}")
_ATTEMPT_KEY_MAX = 64  # a typed name is kept for the lock (and the audit) at most this long
DISPLAY_NAME_MAX = 120

# argon2id with argon2-cffi's defaults (RFC 9106 low-memory profile); tests may swap in cheaper parameters
_HASHER = PasswordHasher()


class AccountError(Exception):
    """A refused account operation; `code` is a key of core/locale/accounts.py, shown with `t(code, lang,
    **params)`."""

    def __init__(self, code: str, /, **params: Any):
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class Account:
    username: str
    display_name: str
    role: str
    area: tuple[str, ...]  # district and/or commune codes (legacy or 2025); () = the whole province
    active: bool
    created: datetime
    last_signin: datetime | None

    @property
    def province_wide(self) -> bool:
        return not self.area


@dataclass(frozen=True)
class SignIn:
    account: Account | None  # None = refused
    wait_seconds: float = 0.0  # > 0: locked ("try again later"; never whether the account exists)
    token: str | None = None  # the session token of a sign-in asked to be remembered (never stored as it is)


def may(role: str, action: str) -> bool:
    """Whether `role` may do `action` (one of ACTIONS); an unknown role may do nothing. Where (the area) is
    the account's `area`, checked by the caller."""
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}; one of {ACTIONS}")
    return action in _RIGHTS.get(role, frozenset())


# --- reading -------------------------------------------------------------------------------------------


def _readable(url: str | None) -> bool:
    """True when the store holds the account tables (upgraded first when it is older); an absent or empty
    store has no account. StoreUnavailable when it is there but cannot be read: never "no account"."""
    return store.open_store(url) is not None


def any_accounts(url: str | None = None) -> bool:
    """True once the store holds at least one account (active or not): then every page asks to sign in."""
    if not _readable(url):
        return False
    with store.engine(url).connect() as conn:
        return conn.execute(select(store.accounts.c.username).limit(1)).first() is not None


def get_account(username: str, url: str | None = None) -> Account | None:
    name = _clean_name(username)
    if not name or not _readable(url):
        return None
    with store.engine(url).connect() as conn:
        row = conn.execute(select(store.accounts).where(store.accounts.c.username == name)).first()
    return None if row is None else _account(row)


def list_accounts(url: str | None = None) -> list[Account]:
    """Every account, by user name."""
    if not _readable(url):
        return []
    with store.engine(url).connect() as conn:
        rows = conn.execute(select(store.accounts).order_by(store.accounts.c.username)).all()
    return [_account(r) for r in rows]


def _account(row: Any) -> Account:
    return Account(
        username=row.username,
        display_name=row.display_name or "",
        role=row.role,
        area=tuple(json.loads(row.area or "[]")),
        active=bool(row.active),
        created=_parse_time(row.created_at),
        last_signin=_parse_time(row.last_signin) if row.last_signin else None,
    )


# --- changing accounts ---------------------------------------------------------------------------------


def add_account(
    username: str,
    password: str,
    role: str,
    area: Iterable[str] = (),
    display_name: str = "",
    *,
    actor: str,
    url: str | None = None,
) -> Account:
    """A new active account. Works on an empty store (the store's tables are created first)."""
    name = validate_username(username)
    role = validate_role(role)
    codes = validate_area(role, area, url)
    display = _clean_display_name(display_name)
    validate_password(password)
    hashed = _HASHER.hash(password)
    created = _now()
    with store._write(url) as conn:
        if conn.execute(select(store.accounts.c.username).where(store.accounts.c.username == name)).first():
            raise AccountError("acct_exists", username=name)
        conn.execute(
            insert(store.accounts).values(
                username=name,
                display_name=display,
                role=role,
                area=json.dumps(list(codes)),
                active=True,
                password_hash=hashed,
                created_at=_iso(created),
                last_signin=None,
            )
        )
        conn.execute(delete(store.signin_attempts).where(store.signin_attempts.c.username == name))
        audit.write(conn, actor, "account_add", {"username": name, "role": role, "area": list(codes)})
    return Account(name, display, role, codes, True, created, None)


def disable_account(username: str, *, actor: str, url: str | None = None) -> None:
    """The account can no longer sign in (it stays, with its history). The last active admin cannot be
    disabled (nobody could manage accounts in the app any more)."""
    _set_active(username, False, actor=actor, url=url)


def enable_account(username: str, *, actor: str, url: str | None = None) -> None:
    """A disabled account may sign in again."""
    _set_active(username, True, actor=actor, url=url)


def _set_active(username: str, active: bool, *, actor: str, url: str | None) -> None:
    name = _clean_name(username)
    with store._write(url) as conn:
        row = _existing(conn, name)
        if not active and row.role == "admin" and row.active:
            others = conn.execute(
                select(func.count())
                .select_from(store.accounts)
                .where(store.accounts.c.role == "admin", store.accounts.c.active.is_(True))
                .where(store.accounts.c.username != name)
            ).scalar()
            if not others:
                raise AccountError("acct_last_admin", username=name)
        conn.execute(update(store.accounts).where(store.accounts.c.username == name).values(active=active))
        if not active:
            _drop_tokens(conn, name)
        audit.write(conn, actor, "account_disable", {"username": name, "active": active})


def set_password(username: str, password: str, *, actor: str, url: str | None = None) -> None:
    """A new password; it also lifts a lock on the user name and ends every remembered sign-in of the account."""
    name = _clean_name(username)
    validate_password(password)
    hashed = _HASHER.hash(password)
    with store._write(url) as conn:
        _existing(conn, name)
        conn.execute(update(store.accounts).where(store.accounts.c.username == name).values(password_hash=hashed))
        conn.execute(delete(store.signin_attempts).where(store.signin_attempts.c.username == name))
        _drop_tokens(conn, name)  # every browser that stayed signed in signs in again
        audit.write(conn, actor, "account_password", {"username": name})


def set_area(username: str, codes: Iterable[str], *, actor: str, url: str | None = None) -> None:
    """A new area (codes as in `add_account`; empty = the whole province, where the role allows it)."""
    name = _clean_name(username)
    account = get_account(name, url)
    if account is None:
        raise AccountError("acct_unknown", username=name)
    area = validate_area(account.role, codes, url)
    with store._write(url) as conn:
        _existing(conn, name)
        conn.execute(
            update(store.accounts).where(store.accounts.c.username == name).values(area=json.dumps(list(area)))
        )
        audit.write(conn, actor, "account_area", {"username": name, "area": list(area)})


def _existing(conn: Any, name: str) -> Any:
    row = conn.execute(select(store.accounts).where(store.accounts.c.username == name)).first() if name else None
    if row is None:
        raise AccountError("acct_unknown", username=name)
    return row


# --- signing in ----------------------------------------------------------------------------------------


def sign_in(
    username: str, password: str, *, url: str | None = None, now: datetime | None = None, remember: float = 0.0
) -> SignIn:
    """Check a user name and password. Refused (account None) for a wrong password, an unknown name or a
    disabled account alike; `wait_seconds` > 0 while the name is locked (then the password is not checked).
    Records signin_ok / signin_failed in the audit log; a success sets the account's last sign-in. With
    `remember` > 0 (seconds of inactivity it may last) a success also issues a session token (`token`)."""
    now = _aware(now) if now is not None else _now()
    key = _attempt_key(username)
    readable = bool(key) and _readable(url)  # a blank name, or no store yet: nothing to count, nothing written
    row, attempts = _signin_rows(key, url) if readable else (None, None)
    wait = _lock_wait(attempts, now)
    if wait > 0:
        with store._write(url) as conn:
            audit.write(conn, key, "signin_failed", {"reason": "locked"}, at=now)
        return SignIn(None, wait)
    dummy = _dummy_hash()  # made on the first sign-in of either kind, so the first unknown name is not slower
    stored_hash = row.password_hash if row is not None else dummy
    matches = _verify(stored_hash, password) and row is not None
    ok = matches and bool(row.active)
    if not readable:
        return SignIn(None)
    with store._write(url) as conn:
        attempts = conn.execute(select(store.signin_attempts).where(store.signin_attempts.c.username == key)).first()
        wait = _lock_wait(attempts, now)
        if wait > 0:  # another try locked it while this one was being checked
            audit.write(conn, key, "signin_failed", {"reason": "locked"}, at=now)
            return SignIn(None, wait)
        if ok:  # unless the account was disabled or its password changed while the password was being checked
            fresh = conn.execute(select(store.accounts).where(store.accounts.c.username == key)).first()
            ok = fresh is not None and bool(fresh.active) and fresh.password_hash == row.password_hash
        if ok:
            values: dict[str, Any] = {"last_signin": _iso(now)}
            if _HASHER.check_needs_rehash(row.password_hash):
                values["password_hash"] = _HASHER.hash(password)
            conn.execute(update(store.accounts).where(store.accounts.c.username == key).values(**values))
            conn.execute(delete(store.signin_attempts).where(store.signin_attempts.c.username == key))
            audit.write(conn, key, "signin_ok", {}, at=now)
            password_hash = values.get("password_hash", fresh.password_hash)
            token = _issue_token(conn, key, password_hash, remember, now) if remember > 0 else None
            return SignIn(replace(_account(fresh), last_signin=now), token=token)
        wait = _count_failure(conn, key, attempts, now)
        reason = "disabled" if matches else ("unknown_user" if row is None else "wrong_password")
        audit.write(conn, key, "signin_failed", {"reason": reason, "locked": wait > 0}, at=now)
    return SignIn(None, wait)


def _signin_rows(key: str, url: str | None) -> tuple[Any, Any]:
    with store.engine(url).connect() as conn:
        row = conn.execute(select(store.accounts).where(store.accounts.c.username == key)).first()
        attempts = conn.execute(select(store.signin_attempts).where(store.signin_attempts.c.username == key)).first()
    return row, attempts


def _lock_wait(attempts: Any, now: datetime) -> float:
    if attempts is None or not attempts.locked_until:
        return 0.0
    return max(0.0, (_parse_time(attempts.locked_until) - now).total_seconds())


def _count_failure(conn: Any, key: str, attempts: Any, now: datetime) -> float:
    """One more wrong password for `key`; returns the lock in seconds it brought (0 when none). A failure
    after a lock ran out starts counting again; names whose last failure is older than a lock are forgotten."""
    table = store.signin_attempts
    conn.execute(delete(table).where(table.c.last_failure < _iso(now - timedelta(seconds=LOCK_SECONDS))))
    conn.execute(delete(table).where(table.c.username == key))
    expired = attempts is not None and attempts.locked_until is not None
    previous = 0 if attempts is None or expired else int(attempts.failures)
    failures = previous + 1
    locked_until = now + timedelta(seconds=LOCK_SECONDS) if failures >= MAX_FAILURES else None
    conn.execute(
        insert(table).values(
            username=key,
            failures=failures,
            last_failure=_iso(now),
            locked_until=_iso(locked_until) if locked_until else None,
        )
    )
    return LOCK_SECONDS if locked_until else 0.0


def _verify(stored_hash: str, password: str) -> bool:
    """The argon2 check, run for every attempt (a blank or oversized password is checked as a blank one and
    fails, taking the same time)."""
    usable = isinstance(password, str) and bool(password) and len(password) <= PASSWORD_MAX
    try:
        matches = _HASHER.verify(stored_hash, password if usable else "")
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False
    return usable and matches


@lru_cache(maxsize=4)
def _dummy_hash_for(params: tuple) -> str:
    return _HASHER.hash(secrets.token_urlsafe(24))


def _dummy_hash() -> str:
    """A hash of a random password with the hasher's parameters: an unknown name costs what a known one does."""
    h = _HASHER
    return _dummy_hash_for((h.time_cost, h.memory_cost, h.parallelism, h.hash_len, h.salt_len, h.type))


# --- remembered sign-ins (session tokens) --------------------------------------------------------------

TOKEN_BYTES = 32  # secrets.token_urlsafe(32): 43 characters, 256 random bits
TOKEN_MAX = 128  # a cookie value longer than this is not one of ours: not even looked up


def token_hash(token: str) -> str:
    """What the store keeps of a token: its SHA-256, in hex."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _password_mark(password_hash: str) -> str:
    return hashlib.sha256(password_hash.encode("utf-8")).hexdigest()


def _issue_token(conn: Any, username: str, password_hash: str, lifetime: float, now: datetime) -> str:
    """A new token for `username`, valid `lifetime` seconds from now (inside the caller's write transaction);
    tokens of anybody that have run out are dropped on the way."""
    table = store.session_tokens
    conn.execute(delete(table).where(table.c.expires_at <= _iso(now)))
    token = secrets.token_urlsafe(TOKEN_BYTES)
    conn.execute(
        insert(table).values(
            token_hash=token_hash(token),
            username=username,
            created_at=_iso(now),
            last_seen=_iso(now),
            expires_at=_iso(now + timedelta(seconds=lifetime)),
            password_mark=_password_mark(password_hash),
        )
    )
    return token


def resume_session(
    token: str, *, lifetime: float, url: str | None = None, now: datetime | None = None, opening: bool = True
) -> Account | None:
    """The account a session token stands for, read fresh from the store, or None: an unknown or altered token,
    one past its expiry, one whose account is disabled or gone, or whose password changed since it was issued
    (such a token is deleted). A valid token's expiry slides to now + `lifetime`.

    `opening`: the token opens a new browser session (a reload, a saved link): the account's last sign-in is
    set and the audit log records `signin_ok` with `{"via": "cookie"}` (never the token). False for a session
    that keeps its own token alive."""
    now = _aware(now) if now is not None else _now()
    if not isinstance(token, str) or not token or len(token) > TOKEN_MAX or not _readable(url):
        return None
    digest = token_hash(token)
    table = store.session_tokens
    with store.engine(url).connect() as conn:  # a read first: an unknown token costs no write
        if conn.execute(select(table.c.token_hash).where(table.c.token_hash == digest)).first() is None:
            return None
    with store._write(url) as conn:
        found = conn.execute(select(table).where(table.c.token_hash == digest)).first()
        if found is None:  # signed out meanwhile
            return None
        row = conn.execute(select(store.accounts).where(store.accounts.c.username == found.username)).first()
        valid = (
            row is not None
            and bool(row.active)
            and _parse_time(found.expires_at) > now
            and hmac.compare_digest(found.password_mark, _password_mark(row.password_hash))
        )
        if not valid:
            conn.execute(delete(table).where(table.c.token_hash == digest))
            return None
        expires = now + timedelta(seconds=lifetime)
        conn.execute(
            update(table).where(table.c.token_hash == digest).values(last_seen=_iso(now), expires_at=_iso(expires))
        )
        account = _account(row)
        if opening:
            conn.execute(
                update(store.accounts).where(store.accounts.c.username == row.username).values(last_signin=_iso(now))
            )
            audit.write(conn, row.username, "signin_ok", {"via": "cookie"}, at=now)
            account = replace(account, last_signin=now)
    return account


def account_for_token(token: str, url: str | None = None, now: datetime | None = None) -> Account | None:
    """The account a session token stands for, or None, like `resume_session` but only reading: nothing slides,
    nothing is recorded (for checking who fetches a file, many times a page)."""
    now = _aware(now) if now is not None else _now()
    if not isinstance(token, str) or not token or len(token) > TOKEN_MAX or not _readable(url):
        return None
    table = store.session_tokens
    with store.engine(url).connect() as conn:
        found = conn.execute(select(table).where(table.c.token_hash == token_hash(token))).first()
        if found is None or _parse_time(found.expires_at) <= now:
            return None
        row = conn.execute(select(store.accounts).where(store.accounts.c.username == found.username)).first()
    if row is None or not row.active or not hmac.compare_digest(found.password_mark, _password_mark(row.password_hash)):
        return None
    return _account(row)


def end_session(token: str, url: str | None = None) -> None:
    """Sign-out: the token is deleted (a copy of the cookie no longer signs anybody in)."""
    if not isinstance(token, str) or not token or len(token) > TOKEN_MAX or not _readable(url):
        return
    table = store.session_tokens
    with store._write(url) as conn:
        conn.execute(delete(table).where(table.c.token_hash == token_hash(token)))


def session_count(username: str, url: str | None = None, now: datetime | None = None) -> int:
    """How many browsers `username` stays signed in on (unexpired tokens)."""
    now = _aware(now) if now is not None else _now()
    if not _readable(url):
        return 0
    table = store.session_tokens
    with store.engine(url).connect() as conn:
        return int(
            conn.execute(
                select(func.count())
                .select_from(table)
                .where(table.c.username == _clean_name(username), table.c.expires_at > _iso(now))
            ).scalar()
        )


def _drop_tokens(conn: Any, username: str) -> None:
    conn.execute(delete(store.session_tokens).where(store.session_tokens.c.username == username))


# --- validation ----------------------------------------------------------------------------------------


def _clean_name(username: str) -> str:
    return (username or "").strip().lower() if isinstance(username, str) else ""


def _attempt_key(username: str) -> str:
    return _clean_name(username)[:_ATTEMPT_KEY_MAX]


def validate_username(username: str) -> str:
    """The user name as stored (lower-case); AccountError when it breaks the rules."""
    name = _clean_name(username)
    if not _USERNAME.fullmatch(name):
        raise AccountError("acct_bad_username", username=name, min=USERNAME_MIN, max=USERNAME_MAX)
    return name


def validate_role(role: str) -> str:
    value = (role or "").strip().lower() if isinstance(role, str) else ""
    if value not in ROLES:
        raise AccountError("acct_bad_role", role=str(role), roles=", ".join(ROLES))
    return value


def validate_password(password: str) -> None:
    if not isinstance(password, str) or len(password) < PASSWORD_MIN:
        raise AccountError("acct_password_short", min=PASSWORD_MIN)
    if len(password) > PASSWORD_MAX:
        raise AccountError("acct_password_long", max=PASSWORD_MAX)


def _clean_display_name(text: str) -> str:
    value = " ".join((text or "").split())
    if len(value) > DISPLAY_NAME_MAX:
        raise AccountError("acct_display_name_long", max=DISPLAY_NAME_MAX)
    return value


def parse_codes(codes: Iterable[str] | str) -> tuple[str, ...]:
    """`"094, 03124"` or `["094", "03124"]` → ("094", "03124"): trimmed, blanks and repeats dropped."""
    parts = codes.split(",") if isinstance(codes, str) else [p for c in codes for p in str(c).split(",")]
    seen: dict[str, None] = {}
    for part in parts:
        if part.strip():
            seen.setdefault(part.strip(), None)
    return tuple(seen)


def validate_area(role: str, codes: Iterable[str] | str, url: str | None = None) -> tuple[str, ...]:
    """The area as stored: codes the data knows (a district's 3 digits or a commune's 5; a leading zero may be
    left out), in the order given. Province-wide roles take none; a district lead needs at least one."""
    given = parse_codes(codes)
    if role in PROVINCE_ROLES and given:
        raise AccountError("acct_area_not_allowed", role=role)
    if role in AREA_ROLES and not given:
        raise AccountError("acct_area_required", role=role)
    if not given:
        return ()
    known = area_catalogue(url)
    if not known:
        raise AccountError("acct_area_no_data")
    out: list[str] = []
    for code in given:
        found = _known_code(code, known)
        if found is None:
            raise AccountError("acct_area_unknown", code=code, province=known_province(url) or "?")
        if found not in out:
            out.append(found)
    return tuple(out)


def _known_code(code: str, known: dict[str, tuple[str, str]]) -> str | None:
    if not code.isdigit():
        return None
    for candidate in (code, code.zfill(3), code.zfill(5)):
        if candidate in known:
            return candidate
    return None


# --- the administrative units an area may name ---------------------------------------------------------


def area_catalogue(url: str | None = None) -> dict[str, tuple[str, str]]:
    """Every district and commune code an area may name → (level, name): the legacy districts and communes and
    the July-2025 communes of the province the data is about (the store's current version, else the package the
    app reads), across the crosswalk. Empty when no data says which province."""
    found = _province_of_data(url)
    if found is None:
        return {}
    return dict(_catalogue(*found))


def known_province(url: str | None = None) -> str | None:
    """The province whose units an area may name, as a message shows it: "Điện Biên (11)"."""
    found = _province_of_data(url)
    if found is None:
        return None
    from core.model.admin_units import units_for

    units, _crosswalk = units_for(*found)
    names = units.loc[units["level"] == "province", "name"]
    return f"{names.iloc[0]} ({found[0]})" if len(names) else found[0]


@lru_cache(maxsize=8)
def _catalogue(province_code: str, admin_system: str) -> tuple[tuple[str, tuple[str, str]], ...]:
    from core.model.admin_units import units_for

    units, crosswalk = units_for(province_code, admin_system)
    out: dict[str, tuple[str, str]] = {}
    for level, code, name in zip(units["level"], units["code"], units["name"]):
        if level in ("district", "commune") and isinstance(code, str):
            out.setdefault(code, (level, str(name)))
    if not crosswalk.empty:
        for old, new, new_name in zip(
            crosswalk["legacy_commune_code"], crosswalk["commune_code_2025"], crosswalk["commune_name_2025"]
        ):
            if isinstance(new, str):
                out.setdefault(new, ("commune", str(new_name)))
            if isinstance(old, str):
                out.setdefault(old, ("commune", ""))  # a legacy commune of a 2025 package: its name is not at hand
        if "legacy_district_code" in crosswalk.columns:
            for code in crosswalk["legacy_district_code"]:
                if isinstance(code, str):
                    out.setdefault(code, ("district", code))
    return tuple(sorted(out.items()))


def _province_of_data(url: str | None) -> tuple[str, str] | None:
    """(province code, admin system) of the store's current version, else of the package the app reads."""
    if store.open_store(url) is not None:
        with store.engine(url).connect() as conn:
            row = conn.execute(
                select(store.package_meta.c.province_code, store.package_meta.c.admin_system)
                .order_by(store.package_meta.c.version_id.desc())
                .limit(1)
            ).first()
        if row is not None:
            return row.province_code, row.admin_system
    return _package_province()


def _package_province() -> tuple[str, str] | None:
    from core import config
    from core.ingest import reader

    path = Path(config.package_path())
    if path.is_dir():
        meta, _problems = reader.read_meta(reader._package_root(path))
    elif path.is_file():
        dataset, _problems = reader.read_package(path)
        meta = dataset.meta if dataset is not None else None
    else:
        meta = None
    return (meta.province_code, meta.admin_system) if meta is not None else None


# --- time ----------------------------------------------------------------------------------------------


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def _aware(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _iso(value: datetime) -> str:
    return _aware(value).isoformat(timespec="seconds")


def _parse_time(text: str) -> datetime:
    return _aware(datetime.fromisoformat(text))
