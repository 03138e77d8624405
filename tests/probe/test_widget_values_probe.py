"""Values no page offered, sent over Streamlit's websocket as a hand-made client would (a browser sends an
option's label; anything else is taken as a value of its own): the filter keeps only what it offers, the page
runs without an error box and shows its figures — and the next runs too."""

from __future__ import annotations

import pytest

from bench.local_app import start_app, stop_app
from tests.event_loop import run_apart
from tests.probe.client import Probe, choices


@pytest.fixture(scope="module")
def open_app():
    """The demo without accounts: nobody signs in, so nothing narrows the filter before the page reads it."""
    proc, app = start_app({"DXMAP_PACKAGE": "", "DATABASE_URL": ""})
    try:
        yield app
    finally:
        stop_app(proc)


def test_gap_and_team_type_values_no_page_offered_are_dropped_without_an_error(open_app):
    async def session():
        probe = Probe(open_app)
        await probe.connect()
        try:
            first = await probe.run()
            gaps, teams = first.widget("multiselect", "flt_gaps"), first.widget("multiselect", "flt_team_types")
            runs = [
                await probe.run(widgets=[choices(gaps, ["Không có sóng di động", "not_a_gap"]), choices(teams, [])]),
                await probe.run(widgets=[choices(gaps, ["Không có sóng di động"]), choices(teams, ["alien_team"])]),
                await probe.run(),
            ]
            return first, runs
        finally:
            await probe.close()

    first, runs = run_apart(session())
    for run in runs:
        assert run.exceptions == []
        assert run.metrics and run.metrics[0] != first.metrics[0]  # the offered gap applies: fewer villages
