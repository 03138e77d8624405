"""Who may write: the write token printed when the server starts (DXMAP_WRITE_TOKEN), or the legacy editor
password (DXMAP_EDITOR_PASSWORD or .streamlit/secrets.toml); both checked in constant time and never logged.
Every write also needs a request Host on the allow-list (localhost, or DXMAP_ALLOWED_HOSTS): a page on another
name that resolves to this machine (DNS rebinding) may not write. Guessing is slowed per session and per client
address, never for everybody at once: one client's wrong guesses never lock another client out.
This guards a store without accounts; once the store holds accounts, the signed-in account's role decides
(services.access.allowed) and the token and password count for nothing.
"""

from __future__ import annotations

import hmac
import ipaddress
import logging
import math
import threading
import time
import tomllib
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from core import config
from core.config import ROOT

ENV_VAR = config.EDITOR_PASSWORD_VAR
TOKEN_VAR = config.WRITE_TOKEN_VAR
HOSTS_VAR = config.ALLOWED_HOSTS_VAR
SECRETS_FILE = ROOT / ".streamlit" / "secrets.toml"
SECRET_KEYS = ("editor_password", ENV_VAR)
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "[::1]"})
# (failures before a lock, first lock in seconds, longest lock in seconds); each failure past the limit doubles it
SESSION_POLICY = (5, 15 * 60.0, 15 * 60.0)  # one browser tab: 5 tries, then 15 minutes
CLIENT_POLICY = (20, 2.0, 15 * 60.0)  # one client address (a new tab per guess): 20 tries, then 2 s, 4 s … 15 min
CLIENTS_REMEMBERED = 10_000  # client addresses with a count at once; the least recently failing are forgotten first

_LOG = logging.getLogger("dxmap.auth")


def editor_password(secrets_file: Path = SECRETS_FILE) -> str | None:
    """The configured editor password, or None when there is none."""
    value = config.setting("editor_password")
    if value:
        return value
    try:
        data = tomllib.loads(secrets_file.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        return None
    for key in SECRET_KEYS:
        found = data.get(key) or (data.get("dxmap") or {}).get(key)
        if isinstance(found, str) and found:
            return found
    return None


def password_required(secrets_file: Path = SECRETS_FILE) -> bool:
    return editor_password(secrets_file) is not None


def _same(given: str, expected: str | None) -> bool:
    if expected is None or not given:
        return False
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def check_password(given: str, secrets_file: Path = SECRETS_FILE) -> bool:
    """True when `given` is the editor password (constant-time comparison); False when none is configured."""
    return _same(given, editor_password(secrets_file))


def write_token() -> str | None:
    """The token the serving command generated (or the operator fixed) for this server, or None."""
    return config.write_token()


def check_token(given: str) -> bool:
    """True when `given` is this server's write token (constant-time comparison); False when there is none."""
    return _same(given.strip() if given else "", write_token())


def host_name(header: str | None) -> str | None:
    """The name part of a Host header, lower-case: `[::1]:8501` → `[::1]`, `localhost:8501` → `localhost`."""
    value = (header or "").strip().lower()
    if not value:
        return None
    if value.startswith("["):  # an IPv6 literal
        end = value.find("]")
        name, rest = (value[: end + 1], value[end + 1 :]) if end > 0 else ("", "")
        port = rest.removeprefix(":")
    else:
        name, _, port = value.partition(":")
        rest = ":" + port if port else ""
    if not name or (rest and (not rest.startswith(":") or not port.isdigit())):
        return None
    return name


def allowed_hosts() -> frozenset[str]:
    extra = {h for h in (host_name(part) for part in config.extra_allowed_hosts()) if h}
    return LOCAL_HOSTS | extra


def host_allowed(header: str | None) -> bool:
    """True when a request with this Host header may write (a missing header may not)."""
    name = host_name(header)
    return name is not None and name in allowed_hosts()


def may_write(authorized: bool, host_header: str | None) -> bool:
    """Committing and restoring: a session that gave the write token or the editor password, on an allowed host."""
    return authorized and host_allowed(host_header)


# --- the brake on guessing -----------------------------------------------------------------------------


@dataclass
class Backoff:
    """Failures counted against one session or the whole process, and until when they lock it (monotonic s)."""

    threshold: int
    first_lock: float
    max_lock: float
    failures: int = 0
    locked_until: float = 0.0

    def wait(self, now: float) -> float:
        """Seconds left before another try is checked; 0 when not locked. Rounded to the microsecond: `(now +
        900) - now` is 900.0000000000005 for some clock values, and a lock of 15 minutes must not read as 16."""
        return max(0.0, round(self.locked_until - now, 6))

    def fail(self, now: float) -> None:
        self.failures += 1
        if self.failures >= self.threshold:
            lock = min(self.max_lock, self.first_lock * 2 ** (self.failures - self.threshold))
            self.locked_until = now + lock

    def reset(self) -> None:
        self.failures, self.locked_until = 0, 0.0


@dataclass(frozen=True)
class Attempt:
    ok: bool
    wait_seconds: float = 0.0  # > 0: locked, try again after this many seconds


_LOCK = threading.Lock()  # sessions run in threads of one process
_TABLE_LOCK = threading.Lock()


class ClientBrakes:
    """A Backoff for each client address (`client_key`), made on its first failure. At most `size` addresses
    are kept: a flood of new addresses forgets the ones that failed longest ago, never anybody's right to try."""

    def __init__(self, policy: tuple[int, float, float] = CLIENT_POLICY, size: int = CLIENTS_REMEMBERED) -> None:
        self.policy = policy
        self.size = size
        self._brakes: OrderedDict[str, Backoff] = OrderedDict()

    def get(self, client: str) -> Backoff:
        with _TABLE_LOCK:
            brake = self._brakes.get(client)
            if brake is None:
                brake = self._brakes[client] = Backoff(*self.policy)
                while len(self._brakes) > self.size:
                    self._brakes.popitem(last=False)
            self._brakes.move_to_end(client)
            return brake

    def clear(self) -> None:
        with _TABLE_LOCK:
            self._brakes.clear()


_CLIENTS = ClientBrakes()  # the write token and the editor password


def client_key(peer: str | None, real_ip: str | None) -> str:
    """Who is guessing, as far as the server can tell: the connection's address, or, for a connection from this
    machine (the proxy, or a local browser), the address the proxy names in X-Real-IP. An IPv6 client counts by
    its /64 network (one household or host picks freely among its addresses)."""
    text = (peer or "").strip() or (real_ip or "").strip() or "local"
    try:
        address = ipaddress.ip_address(text.strip("[]"))
    except ValueError:
        return text[:64]
    if address.version == 6:
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


def new_session_backoff() -> Backoff:
    return Backoff(*SESSION_POLICY)


def client_backoff(client: str) -> Backoff:
    """The brake on the write token and editor password for one client address."""
    return _CLIENTS.get(client)


def try_secret(
    check: Callable[[str], bool],
    given: str,
    session: Backoff,
    what: str,
    clock: Callable[[], float] = time.monotonic,
    client: Backoff | None = None,
) -> Attempt:
    """Check `given` with `check` unless this session or this client is locked; count and log failures. A right
    secret clears both counts. Without a client brake only the session's applies.

    `what` names the secret in the log ("password", "write token"); the given text is never logged.
    """
    client = Backoff(*CLIENT_POLICY) if client is None else client
    with _LOCK:
        now = clock()
        wait = max(session.wait(now), client.wait(now))
    if wait > 0:
        _LOG.warning("%s attempt refused unchecked: locked for %d s more", what, math.ceil(wait))
        return Attempt(False, wait)
    right = check(given)  # outside the lock: a slow check (argon2, the store) holds up nobody else's
    with _LOCK:
        if right:
            session.reset()
            client.reset()
            _LOG.info("%s accepted", what)
            return Attempt(True)
        session.fail(now)
        client.fail(now)
        wait = max(session.wait(now), client.wait(now))
        _LOG.warning(
            "wrong %s (%d in this session, %d from this client); locked for %d s",
            what,
            session.failures,
            client.failures,
            math.ceil(wait),
        )
        return Attempt(False, wait)
