"""Who may write: the start-up write token, the Host allow-list, and the brake on guessing secrets."""

from __future__ import annotations

import logging

import pytest

from core import auth


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch):
    for var in (auth.ENV_VAR, auth.TOKEN_VAR, auth.HOSTS_VAR):
        monkeypatch.delenv(var, raising=False)


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_the_right_write_token_authorizes_and_a_wrong_or_empty_one_does_not(monkeypatch):
    monkeypatch.setenv(auth.TOKEN_VAR, "k3Yq-Zx_9")
    assert auth.check_token("k3Yq-Zx_9")
    assert not auth.check_token("k3Yq-Zx_8")
    assert not auth.check_token("")


def test_no_token_is_configured_when_the_server_was_not_started_with_one():
    assert auth.write_token() is None
    assert not auth.check_token("anything")


@pytest.mark.parametrize("host", ["localhost:8501", "127.0.0.1:8501", "[::1]:8501", "LOCALHOST", "localhost"])
def test_local_host_headers_may_write(host):
    assert auth.host_allowed(host)


@pytest.mark.parametrize(
    "host",
    [
        "evil.example:8501",
        "evil.example",
        "localhost.evil.example:8501",
        "127.0.0.1.nip.io:8501",
        "",
        None,
        "[::2]:8501",
        "localhost:8501@evil",
    ],
)
def test_other_host_headers_may_not_write(host):
    assert not auth.host_allowed(host)


def test_an_operator_may_allow_more_host_names(monkeypatch):
    monkeypatch.setenv(auth.HOSTS_VAR, "dxmap.dienbien.gov.vn, 10.0.0.5")
    assert auth.host_allowed("dxmap.dienbien.gov.vn")
    assert auth.host_allowed("10.0.0.5:8501")
    assert not auth.host_allowed("evil.example:8501")


def test_after_five_wrong_passwords_the_session_is_locked_even_for_the_right_one(monkeypatch):
    monkeypatch.setenv(auth.ENV_VAR, "mật-khẩu-2025")
    clock, client = FakeClock(), auth.Backoff(*auth.CLIENT_POLICY)
    session = auth.Backoff(*auth.SESSION_POLICY)
    results = [auth.try_secret(auth.check_password, "sai", session, "password", clock, client) for _ in range(5)]
    assert not any(r.ok for r in results)
    locked = auth.try_secret(auth.check_password, "mật-khẩu-2025", session, "password", clock, client)
    assert not locked.ok and locked.wait_seconds >= 14 * 60
    clock.now += 15 * 60 + 1
    assert auth.try_secret(auth.check_password, "mật-khẩu-2025", session, "password", clock, client).ok


def test_guessing_from_many_sessions_is_slowed_for_that_client_only(monkeypatch):
    monkeypatch.setenv(auth.ENV_VAR, "mật-khẩu-2025")
    clock, brakes = FakeClock(), auth.ClientBrakes(auth.CLIENT_POLICY)
    guesser = brakes.get(auth.client_key(None, "203.0.113.5"))
    refused_unchecked = 0
    for _ in range(200):  # a fresh session for every guess: only the client's brake applies
        before = guesser.failures
        auth.try_secret(auth.check_password, "sai", auth.Backoff(*auth.SESSION_POLICY), "password", clock, guesser)
        refused_unchecked += guesser.failures == before
        clock.now += 0.35  # 200 guesses in 70 s
    assert guesser.failures < 40 and refused_unchecked > 160  # most guesses were never compared
    right = auth.try_secret(
        auth.check_password, "mật-khẩu-2025", auth.Backoff(*auth.SESSION_POLICY), "password", clock, guesser
    )
    assert not right.ok and right.wait_seconds > 0
    other = brakes.get(auth.client_key(None, "198.51.100.7"))  # the operator, at another address, at that moment
    fresh = auth.Backoff(*auth.SESSION_POLICY)
    assert auth.try_secret(auth.check_password, "mật-khẩu-2025", fresh, "password", clock, other).ok


def test_a_client_is_its_connection_address_or_the_proxys_x_real_ip_and_an_ipv6_network():
    assert auth.client_key("198.51.100.7", "203.0.113.5") == "198.51.100.7"  # a direct connection: its own
    assert auth.client_key(None, "203.0.113.5") == "203.0.113.5"  # through the proxy on this machine
    assert auth.client_key(None, None) == "local"
    first = auth.client_key("2001:db8:1:2::10", None)
    assert first == auth.client_key("2001:db8:1:2:ffff::1", None) == "2001:db8:1:2::/64"
    assert auth.client_key("::ffff:203.0.113.5", None) == "203.0.113.5"


def test_the_table_of_clients_stays_bounded():
    brakes = auth.ClientBrakes(auth.CLIENT_POLICY, size=100)
    for i in range(1000):
        brakes.get(f"10.0.{i // 256}.{i % 256}").fail(0.0)
    assert len(brakes._brakes) == 100


def test_failures_are_logged_without_the_secret(monkeypatch, caplog):
    monkeypatch.setenv(auth.ENV_VAR, "mật-khẩu-2025")
    clock, client = FakeClock(), auth.Backoff(*auth.CLIENT_POLICY)
    session = auth.Backoff(*auth.SESSION_POLICY)
    with caplog.at_level(logging.WARNING, logger="dxmap.auth"):
        for guess in ("đoán-thử-1", "đoán-thử-2"):
            auth.try_secret(auth.check_password, guess, session, "password", clock, client)
    assert len(caplog.records) == 2
    assert all("password" in r.getMessage() for r in caplog.records)
    assert not any("đoán" in r.getMessage() or "mật-khẩu" in r.getMessage() for r in caplog.records)


def test_a_right_secret_clears_the_session_count(monkeypatch):
    monkeypatch.setenv(auth.ENV_VAR, "mật-khẩu-2025")
    clock, client = FakeClock(), auth.Backoff(*auth.CLIENT_POLICY)
    session = auth.Backoff(*auth.SESSION_POLICY)
    for _ in range(4):
        auth.try_secret(auth.check_password, "sai", session, "password", clock, client)
    assert auth.try_secret(auth.check_password, "mật-khẩu-2025", session, "password", clock, client).ok
    assert session.failures == 0


def test_a_fifteen_minute_lock_reads_fifteen_minutes_whatever_the_clock_reads():
    """`(now + 900) - now` is not exactly 900 for every clock value; the wait must not round up to a 16th minute."""
    for now in (3688.8405063464756, 32534.257652512908, 5123.456789123):  # the first two give 900.0000000000x
        session = auth.Backoff(*auth.SESSION_POLICY)
        for _ in range(auth.SESSION_POLICY[0]):
            session.fail(now)
        assert session.wait(now) == 15 * 60.0
