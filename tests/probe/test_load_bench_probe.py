"""bench/load.py against an app whose store has accounts: each session signs in through the form and keeps its
own cookie; a run that shows no figure (the sign-in form) is an error, never a timed page."""

from __future__ import annotations

import pytest

from bench.load import SESSION_COOKIE, Account, PageError, Plan, Session, drive
from tests.event_loop import run_apart
from tests.probe.conftest import PASSWORD


def test_a_session_signs_in_keeps_its_cookie_and_times_pages_with_figures(served):
    app, _log = served

    async def load():
        session = Session(app, timeout=90, account=Account("ke", PASSWORD))
        try:
            await session.open("district=103")
            first = (session.figures, list(session.metrics), session.cookies.get(SESSION_COOKIE))
            await session.close()  # the tab's connection drops: the next open reconnects with the cookie
            await session.open("district=103", "teams")
            return first, session.figures, len(session.runs)
        finally:
            await session.close()

    (figures, metrics, cookie), teams_figures, runs = run_apart(load())
    assert figures > 0 and metrics and cookie
    assert teams_figures > 0 and runs == 2


def test_without_an_account_or_with_a_wrong_password_a_run_is_an_error(served):
    app, _log = served

    async def refused(account):
        session = Session(app, timeout=90, account=account)
        try:
            with pytest.raises(PageError):
                await session.open("district=103")
            return session.runs
        finally:
            await session.close()

    assert run_apart(refused(None)) == []
    assert run_apart(refused(Account("ke", "not the password"))) == []


def test_the_load_report_counts_sessions_that_could_not_sign_in_as_errors(served):
    app, _log = served
    report = run_apart(drive(app, Plan(sessions=2, pages=("",), districts=("103",), timeout=90)))
    assert report["errors"] == 2 and report["page_runs"] == 0
    signed = Plan(sessions=2, pages=("", "map"), districts=("103",), timeout=90, account=Account("ke", PASSWORD))
    report = run_apart(drive(app, signed))
    assert report["errors"] == 0 and report["page_runs"] == 4
