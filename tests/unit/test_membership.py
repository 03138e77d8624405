"""`core.model.membership.isin`: the same answers as pandas for id columns, on Arrow strings and on the rest."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from core.model.membership import isin


@pytest.mark.parametrize(
    "values",
    [pd.Series(["a", "c", "a"]), ["c", "a"], {"a", "c"}, pd.Index(["a", "c"]), np.array(["a", "c"], dtype=object)],
)
def test_members_are_found_whatever_holds_the_values(values):
    series = pd.Series(["a", "b", "c", "a"], index=[10, 11, 12, 13], name="village_id")
    got = isin(series, values)
    assert got.tolist() == [True, False, True, True]
    assert list(got.index) == [10, 11, 12, 13] and got.name == "village_id" and got.dtype == bool
    assert got.tolist() == series.isin(list(values)).tolist()


def test_missing_ids_are_never_members_even_when_the_values_hold_a_missing_one():
    series = pd.Series(["a", None, "b"])
    assert isin(series, pd.Series(["a", None])).tolist() == [True, False, False]
    assert isin(series, []).tolist() == [False, False, False]
    assert isin(series, [1, 2.5]).tolist() == [False, False, False]  # not strings: nothing matches


def test_other_dtypes_go_to_pandas():
    assert isin(pd.Series([1, 2, 3]), [2, 3]).tolist() == [False, True, True]
    assert isin(pd.Series(["a", "b"], dtype=object), ["b"]).tolist() == [False, True]


def test_a_country_of_links_gives_the_same_answer_as_pandas():
    rng = np.random.default_rng(5)
    villages = pd.Series([f"V{i:06d}" for i in range(20_000)])
    links = pd.Series([f"V{i:06d}" for i in rng.integers(0, 25_000, 40_000)])
    assert isin(villages, links).equals(villages.isin(links))
