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
    clock, process = FakeClock(), auth.Backoff(*auth.PROCESS_POLICY)
    session = auth.Backoff(*auth.SESSION_POLICY)
    results = [auth.try_secret(auth.check_password, "sai", session, "password", clock, process) for _ in range(5)]
    assert not any(r.ok for r in results)
    locked = auth.try_secret(auth.check_password, "mật-khẩu-2025", session, "password", clock, process)
    assert not locked.ok and locked.wait_seconds >= 14 * 60
    clock.now += 15 * 60 + 1
    assert auth.try_secret(auth.check_password, "mật-khẩu-2025", session, "password", clock, process).ok


def test_guessing_from_many_sessions_is_slowed_for_the_whole_process(monkeypatch):
    monkeypatch.setenv(auth.ENV_VAR, "mật-khẩu-2025")
    clock, process = FakeClock(), auth.Backoff(*auth.PROCESS_POLICY)
    refused_unchecked = 0
    for _ in range(200):  # a fresh session for every guess: only the process-wide brake applies
        before = process.failures
        auth.try_secret(auth.check_password, "sai", auth.Backoff(*auth.SESSION_POLICY), "password", clock, process)
        refused_unchecked += process.failures == before
        clock.now += 0.35  # 200 guesses in 70 s
    assert process.failures < 40 and refused_unchecked > 160  # most guesses were never compared
    right = auth.try_secret(
        auth.check_password, "mật-khẩu-2025", auth.Backoff(*auth.SESSION_POLICY), "password", clock, process
    )
    assert not right.ok and right.wait_seconds > 0


def test_failures_are_logged_without_the_secret(monkeypatch, caplog):
    monkeypatch.setenv(auth.ENV_VAR, "mật-khẩu-2025")
    clock, process = FakeClock(), auth.Backoff(*auth.PROCESS_POLICY)
    session = auth.Backoff(*auth.SESSION_POLICY)
    with caplog.at_level(logging.WARNING, logger="dxmap.auth"):
        for guess in ("đoán-thử-1", "đoán-thử-2"):
            auth.try_secret(auth.check_password, guess, session, "password", clock, process)
    assert len(caplog.records) == 2
    assert all("password" in r.getMessage() for r in caplog.records)
    assert not any("đoán" in r.getMessage() or "mật-khẩu" in r.getMessage() for r in caplog.records)


def test_a_right_secret_clears_the_session_count(monkeypatch):
    monkeypatch.setenv(auth.ENV_VAR, "mật-khẩu-2025")
    clock, process = FakeClock(), auth.Backoff(*auth.PROCESS_POLICY)
    session = auth.Backoff(*auth.SESSION_POLICY)
    for _ in range(4):
        auth.try_secret(auth.check_password, "sai", session, "password", clock, process)
    assert auth.try_secret(auth.check_password, "mật-khẩu-2025", session, "password", clock, process).ok
    assert session.failures == 0
