"""Fifty sessions asking for the same cold answer at the same moment compute it once.

A province meeting opens one link fifty times within a minute. Every process-wide cache a page run goes through
holds the later callers back while the first computes: Streamlit's caches behind `scoped_cache` (a lock per
value key), the store's engine, the units and words read once (core.once.computed_once), a province's village
needs, a plan, and the Map page's data files. Each test lets fifty threads loose together on a cold key."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from components import caching
from core.analysis import scoring
from core.analysis.scoring import Weights
from core.model.filters import Filter
from core.once import computed_once
from core.planning import deployment
from core.planning.deployment import PlanSettings, forget_plans, make_plan, ranked_villages
from core.storage import store
from presentation.assets import publish_json

SESSIONS = 50


def all_at_once(ask: Callable[[], object], sessions: int = SESSIONS) -> list:
    """What each of `sessions` threads got when they all called `ask` at the same moment."""
    start = threading.Barrier(sessions)
    answers: list = [None] * sessions
    errors: list[BaseException] = []

    def session(i: int) -> None:
        start.wait()
        try:
            answers[i] = ask()
        except BaseException as exc:  # noqa: BLE001 - reported by the test below
            errors.append(exc)

    threads = [threading.Thread(target=session, args=(i,)) for i in range(sessions)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    return answers


def slow_counter(calls: list, lock: threading.Lock):
    """A body that takes long enough for every caller to arrive while it computes."""

    def body(x):
        with lock:
            calls.append(x)
        time.sleep(0.05)  # the computation being waited for (not a wait for a condition)
        return [x]

    return body


@pytest.mark.parametrize("shared", [True, False])
def test_a_scoped_cache_computes_a_cold_key_once_for_fifty_sessions_and_again_for_another_scope(shared):
    box = [("v-stampede", "province")]
    calls: list = []
    body = slow_counter(calls, threading.Lock())

    @caching.scoped_cache(max_entries=4, shared=shared, scope=lambda: box[0])
    def figures(flt: str) -> list:
        return body(flt)

    figures.clear()
    answers = all_at_once(lambda: figures("all"))
    assert calls == ["all"]
    assert all(a == ["all"] for a in answers)
    if shared:  # one object handed to every session
        assert len({id(a) for a in answers}) == 1
    box[0] = ("v-stampede", "area-103")
    all_at_once(lambda: figures("all"))
    assert calls == ["all", "all"]  # another area: computed again, once
    figures.clear()


def test_computed_once_hands_fifty_sessions_one_answer_and_keys_apart():
    calls: list = []

    @computed_once(maxsize=2)
    def units(code: str) -> list:
        return slow_counter(calls, threading.Lock())(code)

    answers = all_at_once(lambda: units("11"))
    assert calls == ["11"] and len({id(a) for a in answers}) == 1
    assert units("11") is answers[0]
    all_at_once(lambda: units("12"))
    assert calls == ["11", "12"]
    units("13")  # the least recently used ("11") is dropped
    units("11")
    assert calls == ["11", "12", "13", "11"]
    units.cache_clear()
    units("12")
    assert calls[-1] == "12"


def test_computed_once_keeps_no_failed_answer():
    tries: list = []

    @computed_once(maxsize=1)
    def flaky() -> str:
        tries.append(1)
        if len(tries) == 1:
            raise OSError("store down")
        return "read"

    with pytest.raises(OSError):
        flaky()
    assert flaky() == "read" and len(tries) == 2


def test_fifty_sessions_on_a_fresh_process_share_one_store_engine(tmp_path):
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    engines = all_at_once(lambda: store.engine(url))
    try:
        assert len({id(e) for e in engines}) == 1  # one connection pool, not fifty
        assert store.engine(url) is engines[0]
    finally:
        engines[0].dispose()
        store.engine.cache_clear()


def test_fifty_sessions_scoring_a_fresh_province_share_its_needs(demo_dataset):
    province = demo_dataset.province()
    needs = all_at_once(lambda: scoring._province_needs(province))
    assert len({id(n[0]) for n in needs}) == 1 and len({id(n[1]) for n in needs}) == 1


def test_sessions_asking_for_the_same_plan_at_once_share_one_solve(demo_dataset, monkeypatch):
    forget_plans()
    solves = []
    real_solve = deployment.solve

    def counted(*args, **kwargs):  # the real solver, counted
        solves.append(1)
        return real_solve(*args, **kwargs)

    monkeypatch.setattr(deployment, "solve", counted)
    district = demo_dataset.units.query("level == 'district'")["code"].iloc[0]
    view = Filter(district=district).apply(demo_dataset)
    ranked = ranked_villages(view, Weights.preset())
    plans = all_at_once(lambda: make_plan(view, ranked, PlanSettings(time_limit=5)), sessions=8)
    assert len(solves) == 1  # one solve, its answer handed to every session
    assert all(p.rows.equals(plans[0].rows) for p in plans)
    assert len({id(p.rows) for p in plans}) == len(plans)  # each session its own copy of the rows
    forget_plans()


def test_fifty_sessions_publishing_the_same_map_file_all_get_its_address(tmp_path: Path):
    text = '{"villages": "' + "x" * 2_000_000 + '"}'
    urls = all_at_once(lambda: publish_json(text, "villages", "province", tmp_path))
    assert urls[0] is not None and set(urls) == {urls[0]}  # none falls back to sending the data itself
    files = list((tmp_path / "province").iterdir())
    assert [f.name for f in files] == [urls[0].rsplit("/", 1)[-1]]  # no half-written file left behind
    assert files[0].read_text(encoding="utf-8") == text
