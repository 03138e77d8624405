"""AppTest helpers: run the real entrypoint with query parameters."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def run_app(params: dict[str, str] | None = None, page: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    if params:
        at.query_params.update(params)
    at.run()
    if page:  # like a person: open the link, then go to the page (the filter must survive the switch)
        at.switch_page(page)
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at
