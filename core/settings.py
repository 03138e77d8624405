"""Every setting of dxmap in one table: its name, default, environment variable and help.

The app, the command line, the planner and the importer read their defaults from here (`setting(name)`),
and the Settings table in docs/settings.md is checked against this one, so a default is written once. Each setting
is read from its environment variable on every call (cheap), so a changed environment applies at once; a
value that cannot be read (a typo, a negative number) falls back to the default rather than stop the app.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any


def _text(value: str) -> str | None:
    return value.strip() or None


def _secret(value: str) -> str | None:
    return value or None  # a password is taken as typed: spaces may be part of it


def _names(value: str) -> tuple[str, ...]:
    return tuple(name.strip() for name in value.split(",") if name.strip())


def _addresses(value: str) -> tuple[str, ...]:
    """`ADDRESS:PORT` items, comma-separated (an IPv6 address in brackets: `[fd00::2]:8601`); one that is not an IP
    address with a port makes the whole value unreadable."""
    import ipaddress

    found = []
    for item in _names(value):
        host, sep, port = item.rpartition(":")
        if not sep:
            raise ValueError(item)
        ipaddress.ip_address(host[1:-1] if host.startswith("[") and host.endswith("]") else host)
        if ":" in host and not host.startswith("["):
            raise ValueError(item)  # an IPv6 address without its brackets: where its port starts is unclear
        found.append(f"{host}:{_port(port)}")
    return tuple(found)


def _positive(value: str) -> float:
    number = float(value.strip().replace("_", ""))  # "200_000" reads as written in the code
    if not number > 0:  # also refuses NaN
        raise ValueError(value)
    return number


def _positive_int(value: str) -> int:
    return int(_positive(value))


def _port(value: str) -> int:
    number = int(value.strip())
    if not 0 < number < 65536:
        raise ValueError(value)
    return number


def _time_of_day(value: str) -> str:
    """`HH:MM` (24 h) as written, `2:30` read as `02:30`."""
    hours, minutes = (int(part) for part in value.strip().split(":"))
    if not (0 <= hours < 24 and 0 <= minutes < 60):
        raise ValueError(value)
    return f"{hours:02d}:{minutes:02d}"


_DURATION_UNITS = {"s": 1.0, "m": 60.0, "min": 60.0, "h": 3600.0}


def _hours(value: str) -> float:
    """A duration in seconds from `8`, `8h`, `90m`, `90min` or `45s` (a bare number is hours)."""
    text = value.strip().lower().replace(" ", "")
    unit = next((u for u in sorted(_DURATION_UNITS, key=len, reverse=True) if text.endswith(u)), "h")
    number = _positive(text.removesuffix(unit) if text.endswith(unit) else text)
    seconds = number * _DURATION_UNITS[unit]
    if seconds == float("inf"):
        raise ValueError(value)
    return seconds


@dataclass(frozen=True)
class Setting:
    name: str  # the key of `setting(name)`
    default: Any  # the value when the environment does not set it (None: not set)
    env: str  # the environment variable that overrides it
    help: str  # one line for the README
    parse: Callable[[str], Any] = _text  # text of the variable → value; raises ValueError when unusable
    shown: str | None = None  # the default as the README shows it, when `default` alone does not say it

    @property
    def default_text(self) -> str:
        """The default as written in the README and `--help`."""
        if self.shown is not None:
            return self.shown
        return f"{self.default:_}" if isinstance(self.default, int) else str(self.default)  # 200_000, as the code


_TABLE_ROWS = {
    "villages": 200_000,
    "teams": 50_000,
    "team_villages": 1_000_000,
    "activities": 2_000_000,
    "targets": 200_000,
}

SETTINGS: tuple[Setting, ...] = (
    # --- which data ---------------------------------------------------------------------------------------
    Setting(
        "package",
        None,
        "DXMAP_PACKAGE",
        "data package folder or .zip the app and commands read; when set it wins over the store",
        shown="the demo package `data/demo/dien-bien`",
    ),
    Setting(
        "database_url",
        None,
        "DATABASE_URL",
        "store URL, SQLite or PostgreSQL",
        shown="`data/store.sqlite` (read when it holds data)",
    ),
    # --- who may write --------------------------------------------------------------------------------------
    Setting(
        "write_token",
        None,
        "DXMAP_WRITE_TOKEN",
        "fixed write token (the link printed by `cli.py serve`)",
        shown="a new random token each start",
    ),
    Setting(
        "editor_password",
        None,
        "DXMAP_EDITOR_PASSWORD",
        "legacy editor password (also read from `.streamlit/secrets.toml`)",
        parse=_secret,
        shown="none",
    ),
    Setting(
        "session_timeout",
        8 * 3600.0,
        "DXMAP_SESSION_TIMEOUT",
        "a signed-in session ends after this long without use (`8`, `8h`, `90m`, `45s`; a bare number is hours)",
        parse=_hours,
        shown="8 h",
    ),
    Setting(
        "allowed_hosts",
        (),
        "DXMAP_ALLOWED_HOSTS",
        "host names besides localhost that may write, comma-separated",
        parse=_names,
        shown="none (localhost only)",
    ),
    # --- plan defaults (a team's own columns win) ------------------------------------------------------------
    Setting("plan_nights", 8, "DXMAP_PLAN_NIGHTS", "nights a team has when its row does not say", parse=_positive_int),
    Setting(
        "plan_capacity",
        30,
        "DXMAP_PLAN_CAPACITY",
        "people a team reaches per night when its row does not say",
        parse=_positive_int,
    ),
    Setting(
        "plan_max_travel_minutes",
        90,
        "DXMAP_PLAN_MAX_TRAVEL_MINUTES",
        "one-way travel limit in minutes",
        parse=_positive_int,
    ),
    Setting("plan_time_limit", 10.0, "DXMAP_PLAN_TIME_LIMIT", "plan solver time limit in seconds", parse=_positive),
    # --- limits of one import: files beyond them are refused before their cells are parsed ------------------
    *(
        Setting(
            f"max_rows_{table}",
            rows,
            f"DXMAP_MAX_ROWS_{table.upper()}",
            f"most data rows of `{table}` in one import",
            parse=_positive_int,
        )
        for table, rows in _TABLE_ROWS.items()
    ),
    Setting(
        "max_cells",
        30_000_000,
        "DXMAP_MAX_CELLS",
        "most cells of one sheet's used area or one CSV (rows × columns)",
        parse=_positive_int,
    ),
    Setting(
        "max_upload_mb",
        200,
        "DXMAP_MAX_UPLOAD_MB",
        "largest file in MB (a .zip, a workbook, a CSV); matches Streamlit's server.maxUploadSize",
        parse=_positive,
    ),
    Setting(
        "session_upload_mb",
        400,
        "DXMAP_SESSION_UPLOAD_MB",
        "most MB one browser tab's uploads may hold on the server at once (the files of one dry run)",
        parse=_positive,
    ),
    # --- serving a province (`make serve`, `cli.py serve-province`) ----------------------------------------------
    Setting(
        "replicas",
        2,
        "DXMAP_REPLICAS",
        "app processes `make serve` starts (about one per core; each holds the data, ~320 MB)",
        parse=_positive_int,
    ),
    Setting("port", 8080, "PORT", "the port nginx listens on for `make serve`", parse=_port, shown="8080"),
    Setting(
        "app_host",
        "127.0.0.1",
        "DXMAP_APP_HOST",
        "the address `make serve`'s app processes listen on (a private address when another server's nginx uses them)",
    ),
    Setting(
        "app_port",
        None,
        "DXMAP_APP_PORT",
        "the first app process's port (then one more each), fixed so another server's nginx can list them",
        parse=_port,
        shown="free ports",
    ),
    Setting(
        "upstreams",
        (),
        "DXMAP_UPSTREAMS",
        "app processes on other servers that nginx also sends sessions to: `ADDRESS:PORT`, comma-separated",
        parse=_addresses,
        shown="none (this server's only)",
    ),
    Setting(
        "tls_cert",
        None,
        "DXMAP_TLS_CERT",
        "certificate (full chain) for `make serve`: with the key, nginx speaks HTTPS and HTTP/2 on `PORT`",
        shown="none (plain HTTP)",
    ),
    Setting("tls_key", None, "DXMAP_TLS_KEY", "the certificate's private key", shown="none"),
    Setting(
        "backup_dir",
        None,
        "DXMAP_BACKUP_DIR",
        "`make serve` takes the nightly backup (`cli.py backup --dir`) into this folder",
        shown="none (no nightly backup)",
    ),
    Setting(
        "backup_at",
        "02:30",
        "DXMAP_BACKUP_AT",
        "when the nightly backup runs (`HH:MM`, the server's time)",
        parse=_time_of_day,
    ),
    Setting("backup_keep", 14, "DXMAP_BACKUP_KEEP", "dated nightly backups kept in the folder", parse=_positive_int),
)

BY_NAME: dict[str, Setting] = {s.name: s for s in SETTINGS}


def setting(name: str, environ: Mapping[str, str] | None = None) -> Any:
    """The value of setting `name`: its environment variable when set and readable, else its default."""
    spec = BY_NAME[name]  # a misspelt name is a programming error: KeyError
    raw = (os.environ if environ is None else environ).get(spec.env, "")
    if not raw.strip():
        return spec.default
    try:
        value = spec.parse(raw)
    except (ValueError, OverflowError):
        return spec.default  # a typo in a setting must not stop the app; the default is safe
    return spec.default if value is None else value
