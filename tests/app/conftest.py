"""AppTest helpers: run the real entrypoint with query parameters; share a run between tests only while clean."""

from __future__ import annotations

from collections.abc import Callable, Iterator
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


class SharedRun:
    """One AppTest run shared by the read-only tests of a module, always handed out clean.

    A test that ran the script again, or changed a widget, the link or the session state (even without running),
    spoils the run; the next test then gets a fresh one. So tests cannot depend on each other's clicks, and a
    module of read-only tests still costs a single run."""

    def __init__(self, make: Callable[[], AppTest]):
        self._make = make
        self._at: AppTest | None = None
        self._mark: tuple | None = None

    @staticmethod
    def _fingerprint(at: AppTest) -> tuple:
        widgets = at._tree.get_widget_states().SerializeToString(deterministic=True)
        state = repr(sorted(at._session_state.filtered_state.items(), key=lambda kv: kv[0]))
        return id(at._tree), widgets, repr(sorted(at.query_params.items())), at._page_hash, state

    def take(self) -> AppTest:
        if self._at is None or self._fingerprint(self._at) != self._mark:
            self._at = self._make()
            self._mark = self._fingerprint(self._at)
        return self._at

    def give_back(self, at: AppTest) -> None:
        if self._fingerprint(at) != self._mark:
            self._at = None

    def lend(self) -> Iterator[AppTest]:
        """For a function-scoped fixture: `yield from shared.lend()`."""
        at = self.take()
        yield at
        self.give_back(at)
