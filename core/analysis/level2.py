"""Level-2 e-IDs: the one rule every page, command and export counts them by.

A village's level-2 e-IDs are its baseline (`eid_level2_baseline`, the figure of the package's date,
`meta.baseline_date`) plus the level-2 activations reported for it dated after that date (and on or before a
given day, when one is given). The baseline's date is the package's own, not the later date that imported
activity reports move the data's `as_of` to, so their activations count. A blank baseline counts as 0 beside
reported activations; a village with neither a baseline nor a reported activation stays blank.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from core.model.dataset import Dataset

INDICATOR = "eid_level2"


def added_after_baseline(
    dataset: Dataset, activities: pd.DataFrame | None = None, day: date | None = None
) -> pd.Series:
    """Level-2 activations reported after the baseline's date (up to `day`) for each of the dataset's villages,
    in the villages' row order (NaN: none reported). `activities`: the reports to read (default the dataset's)."""
    acts = dataset.activities if activities is None else activities
    days = pd.to_datetime(acts["date"])
    keep = days > pd.Timestamp(dataset.meta.baseline_date)
    if day is not None:
        keep &= days <= pd.Timestamp(day)
    later = acts[keep]
    reported = pd.to_numeric(later[INDICATOR], errors="coerce").groupby(later["village_id"]).sum(min_count=1)
    return dataset.villages["village_id"].map(reported).astype(float)


def by_village(dataset: Dataset, activities: pd.DataFrame | None = None, day: date | None = None) -> pd.Series:
    """Level-2 e-IDs of each of the dataset's villages (on `day`, else with every later report), in the
    villages' row order and index (`Float64`, <NA> when the village reports neither)."""
    baseline = pd.to_numeric(dataset.villages["eid_level2_baseline"], errors="coerce").astype(float)
    added = added_after_baseline(dataset, activities, day)
    level = (baseline.fillna(0) + added.fillna(0)).where(baseline.notna() | added.notna())
    return level.astype("Float64")


def total(dataset: Dataset) -> int | None:
    """The dataset's level-2 e-IDs (the villages' figures of `by_village`, added up); None when no village
    reports any."""
    value = by_village(dataset).sum(min_count=1)
    return None if pd.isna(value) else int(round(float(value)))
