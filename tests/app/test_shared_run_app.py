"""A run shared by the tests of a module is handed out clean: after a test that changed it, the next one gets a
fresh run, so no test depends on what an earlier one clicked."""

from __future__ import annotations

from tests.app.conftest import SharedRun, run_app


def test_an_untouched_run_is_shared_and_a_changed_one_is_replaced():
    shared = SharedRun(run_app)
    first = shared.take()
    shared.give_back(first)
    assert shared.take() is first  # read-only tests cost one run for the whole module
    first.selectbox(key="flt_district").set_value("103").run()
    shared.give_back(first)
    fresh = shared.take()
    assert fresh is not first and fresh.selectbox(key="flt_district").value is None


def test_a_change_not_yet_run_also_spoils_the_run():
    shared = SharedRun(run_app)
    for change in (
        lambda at: at.selectbox(key="flt_district").set_value("103"),
        lambda at: at.query_params.update({"district": "103"}),
        lambda at: at.session_state.__setitem__("lang", "en"),
    ):
        at = shared.take()
        change(at)
        shared.give_back(at)
        assert shared.take() is not at
