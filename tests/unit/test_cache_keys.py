"""The app's key types (data version, area, filter, weights) are hashed for Streamlit's caches as the text of
every field: equal keys find the same answer, keys that differ in any field do not."""

from __future__ import annotations

from datetime import date

from components import caching
from core.model.filters import Filter
from core.model.scope import Area
from services import DataVersion
from services.weights import Weights


def test_equal_keys_give_equal_text_whatever_order_their_sets_were_built_in():
    one = Filter(district="103", gaps=frozenset(["no_signal", "no_power", "few_smartphones"]))
    two = Filter(district="103", gaps=frozenset(["few_smartphones", "no_power", "no_signal"]))
    assert caching.key_text(one) == caching.key_text(two)


def test_keys_that_differ_in_any_field_give_different_text():
    base = Filter(district="103", date_from=date(2025, 1, 1))
    others = [
        Filter(district="104", date_from=date(2025, 1, 1)),
        Filter(district="103", date_from=date(2025, 1, 2)),
        Filter(district="103", date_from=date(2025, 1, 1), team_types=frozenset(["youth_volunteer"])),
        Filter(district="103", commune="03166", date_from=date(2025, 1, 1)),
    ]
    assert len({caching.key_text(k) for k in [base, *others]}) == 5
    versions = [DataVersion("store", "sqlite:///a", (3,)), DataVersion("store", "sqlite:///a", (4,))]
    versions.append(DataVersion("package", "sqlite:///a", (3,)))
    assert len({caching.key_text(v) for v in versions}) == 3
    assert caching.key_text(Area.of("103")) != caching.key_text(Area.of("104"))
    assert caching.key_text(Weights.preset()) != caching.key_text(Weights.preset("reach_most"))
    assert caching.key_text(Area()) != caching.key_text(Filter())  # the type is part of the text


def test_a_scoped_cache_finds_an_equal_filter_s_answer_and_computes_another_s():
    box = [(DataVersion("store", "sqlite:///k", (1,)), Area())]
    calls = []

    @caching.scoped_cache(max_entries=4, scope=lambda: box[0])
    def view(flt: Filter) -> str:
        calls.append(flt)
        return f"view of {flt.district}"

    view.clear()
    assert view(Filter(district="103", gaps=frozenset(["a", "b"]))) == "view of 103"
    assert view(Filter(district="103", gaps=frozenset(["b", "a"]))) == "view of 103"
    assert view(Filter(district="104")) == "view of 104"
    box[0] = (DataVersion("store", "sqlite:///k", (2,)), Area())
    view(Filter(district="104"))
    assert len(calls) == 3
    view.clear()
