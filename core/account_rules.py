"""What an account may be: its role and what the role may do, the rules for user names, passwords and display
names, and the district and commune codes an area may name (those of the province the data is about)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sqlalchemy import select

from core.once import computed_once
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
USERNAME_MIN, USERNAME_MAX = 2, 32
PASSWORD_MIN, PASSWORD_MAX = 8, 256
_USERNAME = re.compile(rf"[a-z0-9][a-z0-9._-]{{{USERNAME_MIN - 1},{USERNAME_MAX - 1}}}")
_ATTEMPT_KEY_MAX = 64  # a typed name is kept for the lock (and the audit) at most this long
DISPLAY_NAME_MAX = 120


class AccountError(Exception):
    """A refused account operation; `code` is a key of core/locale/accounts.py, shown with `t(code, lang,
    **params)`."""

    def __init__(self, code: str, /, **params: Any):
        super().__init__(code)
        self.code = code
        self.params = params


def may(role: str, action: str) -> bool:
    """Whether `role` may do `action` (one of ACTIONS); an unknown role may do nothing. Where (the area) is
    the account's `area`, checked by the caller."""
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}; one of {ACTIONS}")
    return action in _RIGHTS.get(role, frozenset())


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


@computed_once(maxsize=8)
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
