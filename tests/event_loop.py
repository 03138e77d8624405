"""`asyncio.run` in a thread of its own: the browser tests' Playwright (sync API) keeps an event loop running in
the main thread for the whole test session, so a test that runs after them cannot start another there."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Coroutine
from typing import Any


def run_apart(coro: Coroutine[Any, Any, Any]) -> Any:
    """The coroutine's result (or its exception), run to the end on a fresh event loop in another thread."""
    return call_apart(asyncio.run, coro)


def call_apart(fn: Callable[..., Any], *args: Any) -> Any:
    """`fn(*args)` in another thread: for code that calls `asyncio.run` itself (a bench's `main`)."""
    outcome: dict[str, Any] = {}

    def target() -> None:
        try:
            outcome["value"] = fn(*args)
        except BaseException as exc:  # noqa: BLE001 - handed back to the caller as it was raised
            outcome["error"] = exc

    worker = threading.Thread(target=target, name="call-apart")
    worker.start()
    worker.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]
