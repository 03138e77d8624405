"""A process-wide cache that computes each answer once, however many sessions ask for it at the same moment.

`functools.lru_cache` does not hold callers back while it computes: fifty sessions opening a fresh app process
together each miss, each compute the same answer (a store's engine, a province's units) and each keep their own
copy. `computed_once` keeps a lock per key: the first caller computes, the others wait for it and are handed the
very same object; callers of other keys are not held back.
"""

from __future__ import annotations

import functools
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])


def _key(args: tuple, kwargs: dict) -> Hashable:
    return (args, tuple(sorted(kwargs.items()))) if kwargs else args


def computed_once(maxsize: int) -> Callable[[F], F]:
    """Like `functools.lru_cache(maxsize)` (the least recently used answer is dropped first, `cache_clear()`
    forgets every answer), but a key's answer is computed by one caller at a time. An answer that raised is not
    kept: the next caller computes it again."""

    def decorate(fn: F) -> F:
        answers: OrderedDict[Hashable, Any] = OrderedDict()
        computing: dict[Hashable, threading.Lock] = {}
        guard = threading.Lock()  # held only to look up or store, never while computing

        def kept(key: Hashable) -> tuple[bool, Any]:
            if key in answers:
                answers.move_to_end(key)
                return True, answers[key]
            return False, None

        @functools.wraps(fn)
        def call(*args: Any, **kwargs: Any) -> Any:
            key = _key(args, kwargs)
            with guard:
                found, value = kept(key)
                if found:
                    return value
                lock = computing.setdefault(key, threading.Lock())
            with lock:
                with guard:
                    found, value = kept(key)
                if found:
                    return value  # another caller computed it while this one waited
                value = fn(*args, **kwargs)
                with guard:
                    answers[key] = value
                    while len(answers) > maxsize:
                        answers.popitem(last=False)
                    computing.pop(key, None)
            return value

        def cache_clear() -> None:
            with guard:
                answers.clear()

        call.cache_clear = cache_clear
        return call  # type: ignore[return-value]

    return decorate
