"""Activity rows compared as a multiset (what an import adds, what counts as already stored): the hashed prints
of frames with the same plain dtypes count exactly as the rows' value tuples do, and frames that differ in a
dtype or hold Python objects are compared by their values."""

from __future__ import annotations

from collections import Counter

import pandas as pd

from core.ingest.diff import fingerprints, paired_prints, table_change
from core.ingest.importer import add_activities


def _month(demo_dataset) -> pd.DataFrame:
    return demo_dataset.activities.iloc[:400].reset_index(drop=True)


def test_hashed_prints_count_the_same_rows_as_value_tuples(demo_dataset):
    base = _month(demo_dataset)
    other = base.copy()
    other.loc[3, "participants"] = pd.NA  # a blank count
    other.loc[5, "kind"] = other.loc[5, "kind"] + " "  # a text one space longer
    other.loc[7, "date"] = other.loc[7, "date"] + pd.Timedelta(days=1)  # the next day
    other = pd.concat([other, other.iloc[[10, 10]]], ignore_index=True)  # one row twice more
    hashed = paired_prints(base, other)
    assert all(isinstance(p, int) for p in hashed[0] + hashed[1])  # the fast way was taken
    by_values = (fingerprints(base), fingerprints(other))
    for first, second in (hashed, by_values):
        old, new = Counter(first), Counter(second)
        assert sum((new - old).values()) == 5 and sum((old - new).values()) == 3
    change = table_change("activities", base, other, 0)
    assert (change.added, change.removed, change.rows_after) == (5, 3, len(other))


def test_a_dtype_that_differs_or_holds_objects_is_compared_by_value(demo_dataset):
    base = _month(demo_dataset)
    as_objects = base.astype({"participants": object})
    first, second = paired_prints(base, as_objects)
    assert first == second and isinstance(first[0], tuple)  # 12 and 12 are equal whatever their dtype
    mixed = as_objects.copy()
    mixed.loc[0, "participants"] = str(mixed.loc[0, "participants"])  # "12" is not 12
    first, second = paired_prints(as_objects, mixed)
    assert sum((Counter(second) - Counter(first)).values()) == 1


def test_a_report_sent_twice_adds_its_rows_once(demo_dataset):
    base = _month(demo_dataset)
    report = demo_dataset.activities.iloc[400:420].reset_index(drop=True)
    once, duplicates = add_activities(base, report)
    assert len(once) == 420 and duplicates == []
    twice, duplicates = add_activities(once, report)
    assert len(twice) == 420 and duplicates == list(range(20))
