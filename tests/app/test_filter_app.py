"""The shared filter in the sidebar without a browser (AppTest): period presets, dates from links, notices."""

from __future__ import annotations

import re
from datetime import date

from tests.app.conftest import run_app


def _warnings(at) -> str:
    """The warnings as a reader sees them (the markdown escapes removed)."""
    return re.sub(r"\\(.)", r"\1", " ".join(w.value for w in at.warning))


def test_out_of_range_link_dates_show_a_notice_and_every_page_still_works():
    at = run_app({"from": "1999-12-31", "to": "2100-01-02"})
    assert "1999-12-31" in _warnings(at) and "2100-01-02" in _warnings(at)
    assert "from" not in at.query_params and "to" not in at.query_params
    for page in ("views/teams.py", "views/indicators.py", "views/overview.py"):
        at.switch_page(page).run()
        assert not at.exception, (page, [e.value for e in at.exception])


def test_a_huge_link_value_is_cut_and_control_characters_are_escaped_in_the_notice():
    at = run_app({"gap": "x" * 100_000 + ",a\u202eb\x1bc"})
    text = _warnings(at)
    assert "x" * 60 + "…" in text and "x" * 61 not in text
    assert "\u202e" not in text and "\x1b" not in text
    assert "\\u202e" in text and "\\x1b" in text


def test_the_period_fields_open_on_the_data_and_a_preset_sets_the_link():
    at = run_app()
    assert at.date_input(key="flt_from").value == date(2023, 1, 1)
    assert at.date_input(key="flt_to").value == date(2025, 6, 30)
    at.selectbox(key="flt_preset").set_value("last_month").run()
    assert at.query_params["from"] == "2025-06-01" and at.query_params["to"] == "2025-06-30"
    assert at.date_input(key="flt_from").value == date(2025, 6, 1)


def test_typed_dates_set_both_ends_and_the_preset_follows():
    at = run_app()
    at.date_input(key="flt_from").set_value(date(2025, 4, 1)).run()
    at.date_input(key="flt_to").set_value(date(2025, 6, 30)).run()
    assert at.query_params["from"] == "2025-04-01" and at.query_params["to"] == "2025-06-30"
    assert at.selectbox(key="flt_preset").value == "last_3_months"
    at.date_input(key="flt_to").set_value(date(2025, 5, 15)).run()
    assert at.query_params["to"] == "2025-05-15" and at.selectbox(key="flt_preset").value == "custom"


def test_a_period_link_shows_its_dates_in_the_fields():
    at = run_app({"from": "2025-02-01", "to": "2025-02-28"})
    assert at.date_input(key="flt_from").value == date(2025, 2, 1)
    assert at.date_input(key="flt_to").value == date(2025, 2, 28)
    assert at.selectbox(key="flt_preset").value == "custom"


def test_the_gap_choice_has_no_english_select_all_row():
    at = run_app()
    assert at.multiselect(key="flt_gaps").proto.select_all == 0
