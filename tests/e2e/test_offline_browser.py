"""The browser the browser tests use reaches nothing but this machine, whatever way an address is written, and says
what a page asked of anywhere else."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import OfflinePage

OUTSIDE = ("http://example.com/tile.png", "https://203.0.113.7/font.woff2", "http://[2001:db8::1]/x.js")


@pytest.fixture
def blank(browser):
    context = browser.new_context()
    yield OfflinePage(context)
    context.close()


def test_outside_addresses_fail_and_are_recorded_while_this_machine_answers(app_url, blank):
    page = blank.page
    reasons = []
    page.on("requestfailed", lambda r: reasons.append(r.failure))
    page.goto(app_url + "/_stcore/health")
    assert page.content().count("ok") >= 1
    outcomes = page.evaluate(
        """async (urls) => Promise.all(urls.map(u => fetch(u, {mode: 'no-cors'})
            .then(() => 'answered', () => 'failed')))""",
        list(OUTSIDE),
    )
    assert outcomes == ["failed"] * len(OUTSIDE)
    assert sorted(blank.blocked) == sorted(OUTSIDE)
    assert all(app_url not in url for url in blank.blocked)
    assert sorted(blank.failed) == sorted(OUTSIDE)
    # refused by the browser itself, not left to a network that happens to be missing here
    assert reasons == ["net::ERR_PROXY_CONNECTION_FAILED"] * len(OUTSIDE)
