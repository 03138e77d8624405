"""The app's one way to cache: every cached answer is keyed by the data version and the session's area.

Streamlit hashes a cached function's arguments to find an answer, except those whose names start with `_`
(a dataset is too large to hash on every run). A function that took its data version and area in such an
argument would serve one version's or one account's answer to everyone after it. So no page or component
calls `st.cache_data` / `st.cache_resource` itself (a unit test walks the code for it): they decorate with
`scoped_cache`, whose wrapper computes the scope — `services.scoped_key(data_version, area)` — on every call
and hands it to Streamlit as the first, hashed argument. The decorated function never sees it; its own
arguments keep their names, so `_dataset` is still not hashed and `flt`, `lang`, `mode` still are.

    @scoped_cache(max_entries=8)
    def _points(flt: Filter, mode: str, _view: Dataset) -> dict: ...

Only `load_version` (components.context) caches by the data version alone: it reads the whole province of a
version, which no page shows before `current_dataset` narrows it to the area.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from dataclasses import fields
from typing import Any

import streamlit as st

import services
from components.state import DATA_VERSION_KEY, DATA_VERSION_RUN_KEY, RUN_KEY
from core.model.filters import Filter
from core.model.scope import Area
from services.weights import Weights

SCOPE_ARG = "scope"  # the hashed first argument of every cached function


def key_text(obj: Any) -> str:
    """What Streamlit hashes for the app's own key types (a data version, an area, a filter, weights): their type
    and every field as text, sets sorted, hashed in one step. Streamlit would otherwise walk each of them through
    its generic object hashing, about a millisecond per cached call. Equal keys give equal text; a field added
    to one of these types is part of its text without anything to change here."""

    def plain(value: Any) -> Any:
        return tuple(sorted(value, key=repr)) if isinstance(value, set | frozenset) else value

    return repr((type(obj).__qualname__, tuple((f.name, plain(getattr(obj, f.name))) for f in fields(obj))))


HASH_FUNCS = {services.DataVersion: key_text, Area: key_text, Filter: key_text, Weights: key_text}


def data_version() -> services.DataVersion:
    """The data version this run reads: asked of the store once a run (the first part of the run that needs it),
    so every part of a run reads the same version; cache keys start with it. A fragment's rerun reads the
    version of the run that drew it."""
    run = st.session_state.get(RUN_KEY, 0)
    if DATA_VERSION_KEY not in st.session_state or st.session_state.get(DATA_VERSION_RUN_KEY) != run:
        st.session_state[DATA_VERSION_KEY] = services.data_version()
        st.session_state[DATA_VERSION_RUN_KEY] = run
    return st.session_state[DATA_VERSION_KEY]


def version_key(*parts) -> tuple:
    """A cache key for data derived from this run's data version and the session's area (services.scoped_key):
    what one account's area derived is never served to another's."""
    from components.session import current_area

    return services.scoped_key(data_version(), current_area(), *parts)


def current_scope() -> tuple:
    """`(data version, area)` of this run: what every cached answer is keyed by."""
    return version_key()


def scoped_cache(
    *, max_entries: int, shared: bool = True, scope: Callable[[], tuple] = current_scope
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Cache a function's answers per data version and area (see the module's text).

    `shared`: the answer is one object handed to every session of that scope, never mutated
    (`st.cache_resource`); False copies it for each caller (`st.cache_data`, for what a page may change).
    `scope`: what keys the answers (for tests; the app always uses the run's version and area)."""
    cache = st.cache_resource if shared else st.cache_data

    def decorate(fn: Callable[..., Any]) -> Callable[..., Any]:
        own = inspect.signature(fn)
        if any(name == SCOPE_ARG for name in own.parameters):
            raise TypeError(f"{fn.__qualname__}: '{SCOPE_ARG}' is the cache's own argument")

        def keyed(scope_key: tuple, *args: Any, **kwargs: Any) -> Any:
            return fn(*args, **kwargs)

        # Streamlit names a cache by module, qualified name and source, and an argument by the signature's names:
        # the function's own, with the scope in front (hashed: its name has no leading underscore)
        keyed.__module__ = fn.__module__
        keyed.__qualname__ = f"{fn.__qualname__}.scoped"
        keyed.__wrapped__ = fn  # its source names the cache, so an edited function starts afresh
        scope_param = inspect.Parameter(SCOPE_ARG, inspect.Parameter.POSITIONAL_ONLY)
        keyed.__signature__ = own.replace(parameters=[scope_param, *own.parameters.values()])
        cached = cache(show_spinner=False, max_entries=max_entries, hash_funcs=HASH_FUNCS)(keyed)

        @functools.wraps(fn)
        def call(*args: Any, **kwargs: Any) -> Any:
            return cached(scope(), *args, **kwargs)

        call.clear = cached.clear
        call.keyed = keyed  # the function Streamlit caches, scope first
        call.dxmap_scoped = True  # what the cache guard test looks for
        return call

    return decorate


def version_only_cache(*, max_entries: int) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """For `load_version` alone: a whole version's data, keyed by the version it is given (hashed)."""
    return st.cache_resource(show_spinner=False, max_entries=max_entries, hash_funcs=HASH_FUNCS)
