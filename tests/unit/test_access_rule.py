"""The one access rule (services.access.allowed), as a table: no accounts, then each role, a disabled account and
nobody signed in, for reading, planning, exporting, writing and the audit log."""

from datetime import UTC, datetime

import pytest

from services.access import Account, allowed


def _account(role: str, active: bool = True) -> Account:
    return Account("x", "", role, (), active, datetime(2026, 1, 1, tzinfo=UTC), None)


@pytest.mark.parametrize(
    ("action", "write_authorized", "expected"),
    [
        ("read", None, True),
        ("plan", None, True),
        ("export", None, True),
        ("import", False, False),  # a write without the write token or editor password
        ("import", True, True),
        ("restore", False, False),
        ("plan", False, False),  # adopting a plan writes to the store
        ("audit", None, False),  # the audit log has no reader without accounts
    ],
)
def test_without_accounts_writes_need_the_token_and_the_rest_is_open(action, write_authorized, expected):
    assert allowed(None, action, accounts_on=False, write_authorized=write_authorized) is expected


@pytest.mark.parametrize(
    ("role", "action", "expected"),
    [
        ("admin", "restore", True),
        ("admin", "audit", True),
        ("planner", "import", True),
        ("planner", "restore", False),
        ("district_lead", "plan", True),
        ("district_lead", "audit", False),
        ("viewer", "read", True),
        ("viewer", "plan", False),
        ("viewer", "export", False),
    ],
)
def test_with_accounts_the_role_decides_and_the_write_token_counts_for_nothing(role, action, expected):
    assert allowed(_account(role), action, accounts_on=True) is expected
    assert allowed(_account(role), action, accounts_on=True, write_authorized=True) is expected


def test_with_accounts_nobody_signed_in_and_a_disabled_account_may_nothing():
    assert not allowed(None, "read", accounts_on=True)
    assert not allowed(_account("admin", active=False), "read", accounts_on=True)
