"""Headline figures of a dataset (or a filtered view of one). Pure functions; blank outcomes stay blank."""

from __future__ import annotations

from datetime import timedelta

import pandas as pd

from core.analysis.level2 import total as level2_total
from core.model.dataset import Dataset
from core.model.gaps import (  # noqa: F401 - the gaps, counted here and read from here by the figures' callers
    GAPS,
    LOW_OWNER_SIM,
    LOW_SMARTPHONE,
    gap_masks,
)
from core.model.membership import isin
from core.model.schema import OUTCOMES


def outcome_totals(activities: pd.DataFrame) -> dict[str, int | None]:
    """Sum of each outcome column; None when no row reported it (not 0)."""
    out: dict[str, int | None] = {}
    for col in OUTCOMES:
        if col not in activities:
            out[col] = None
            continue
        total = activities[col].sum(min_count=1)
        out[col] = None if pd.isna(total) else int(total)
    return out


def teams_by_type_level(teams: pd.DataFrame) -> dict[str, dict[str, int]]:
    grouped = teams.groupby(["team_type", "level"], sort=True)["members"]
    return {
        f"{team_type}/{level}": {"teams": int(s.size), "members": _int_or_zero(s.sum(min_count=1))}
        for (team_type, level), s in grouped
    }


def summary(ds: Dataset) -> dict:
    """The headline totals the Overview and `cli.py summary` show."""
    v = ds.villages
    eligible = v["eligible_citizens"].sum(min_count=1)
    level2 = level2_total(ds)  # baseline + activations reported after the baseline's date
    acts = ds.activities
    recent = acts[acts["date"] > pd.Timestamp(ds.meta.as_of) - timedelta(days=30)] if len(acts) else acts
    covered = isin(v["village_id"], ds.team_villages["village_id"])
    return {
        "province": ds.meta.province_name,
        "as_of": ds.meta.as_of.isoformat(),
        "synthetic": ds.meta.synthetic,
        "villages": int(len(v)),
        "villages_by_gap": {gap: int(mask.sum()) for gap, mask in gap_masks(v).items()},
        "villages_not_covered": int((~covered).sum()),
        "population": _int_or_none(v["population"].sum(min_count=1)),
        "eligible_citizens": _int_or_none(eligible),
        "eid_level2": level2,
        "eid_level2_share": _share(pd.NA if level2 is None else level2, eligible),
        "teams": int(len(ds.teams)),
        "members": _int_or_zero(ds.teams["members"].sum(min_count=1)),
        "teams_by_type_level": teams_by_type_level(ds.teams),
        "activities": int(len(acts)),
        "activities_last_30_days": int(len(recent)),
        "outcomes": outcome_totals(acts),
    }


def _int_or_none(value) -> int | None:
    return None if pd.isna(value) else int(value)


def _int_or_zero(value) -> int:
    """A total of a nullable column: 0 when nothing was reported (`bool(pd.NA)` raises, so no `or 0`)."""
    return 0 if pd.isna(value) else int(value)


def _share(part, whole) -> float | None:
    """part ÷ whole, None when either is unreported (<NA>) or the whole is 0."""
    if pd.isna(part) or pd.isna(whole) or not whole:
        return None
    return float(part) / float(whole)
