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


class OnceCache:
    """Answers by key, the least recently used dropped first beyond `maxsize`; `get(key, compute)` computes a
    missing answer with one caller at a time per key (the others wait and are handed the same object). `valid`
    tells a kept answer that no longer holds (e.g. one made for an object that is gone): it is computed again."""

    def __init__(self, maxsize: int) -> None:
        self.maxsize = maxsize
        self._answers: OrderedDict[Hashable, Any] = OrderedDict()
        self._computing: dict[Hashable, threading.Lock] = {}
        self._guard = threading.Lock()  # held only to look up or store, never while computing

    def _kept(self, key: Hashable, valid: Callable[[Any], bool] | None) -> tuple[bool, Any]:
        with self._guard:
            if key in self._answers and (valid is None or valid(self._answers[key])):
                self._answers.move_to_end(key)
                return True, self._answers[key]
            return False, None

    def get(self, key: Hashable, compute: Callable[[], Any], valid: Callable[[Any], bool] | None = None) -> Any:
        found, value = self._kept(key, valid)
        if found:
            return value
        with self._guard:
            lock = self._computing.setdefault(key, threading.Lock())
        with lock:
            found, value = self._kept(key, valid)
            if found:
                return value  # another caller computed it while this one waited
            value = compute()  # an answer that raised is not kept: the next caller computes it again
            with self._guard:
                self._answers[key] = value
                self._answers.move_to_end(key)
                while len(self._answers) > self.maxsize:
                    self._answers.popitem(last=False)
                self._computing.pop(key, None)
        return value

    def clear(self) -> None:
        with self._guard:
            self._answers.clear()


def _key(args: tuple, kwargs: dict) -> Hashable:
    return (args, tuple(sorted(kwargs.items()))) if kwargs else args


def computed_once(maxsize: int) -> Callable[[F], F]:
    """Like `functools.lru_cache(maxsize)` (the least recently used answer is dropped first, `cache_clear()`
    forgets every answer), but a key's answer is computed by one caller at a time (`OnceCache`). An answer that
    raised is not kept: the next caller computes it again."""

    def decorate(fn: F) -> F:
        answers = OnceCache(maxsize)

        @functools.wraps(fn)
        def call(*args: Any, **kwargs: Any) -> Any:
            return answers.get(_key(args, kwargs), lambda: fn(*args, **kwargs))

        call.cache_clear = answers.clear
        return call  # type: ignore[return-value]

    return decorate
