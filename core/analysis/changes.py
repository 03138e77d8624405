"""What changed between two dates: villages that gained or lost signal, power or a team, level-2 e-IDs by
district before and after, and the activities reported in between.

A village *has signal* when its `mobile_signal` is weak, 3G or 4G (not `none`, not blank), and *has power* when
its `grid_electricity` is `yes` or `partial`. A village is compared only when both dates' data hold it.
Level-2 e-IDs at a date: the villages' baseline of the data describing that date, plus the level-2 activations
of the reports dated after that baseline's date, up to and including the date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from core.analysis.level2 import by_village as level2_of_villages
from core.model.dataset import Dataset
from core.model.filters import village_district
from core.model.membership import isin

SIGNAL = frozenset({"weak", "3g", "4g"})
POWER = frozenset({"yes", "partial"})
FLAGS = ("signal", "power", "team")


def village_status(dataset: Dataset) -> pd.DataFrame:
    """One row per village id: `signal`, `power`, `team` (covered by at least one team), `district_code`."""
    v = dataset.villages
    return pd.DataFrame(
        {
            "signal": isin(v["mobile_signal"], SIGNAL).to_numpy(),
            "power": isin(v["grid_electricity"], POWER).to_numpy(),
            "team": isin(v["village_id"], dataset.team_villages["village_id"]).to_numpy(),
            "district_code": village_district(dataset).astype(object).to_numpy(),
        },
        index=pd.Index(v["village_id"].astype(str), name="village_id"),
    )


def level2_by_village(dataset: Dataset, activities: pd.DataFrame, day: date) -> pd.Series:
    """Level-2 e-IDs per village id on `day`: the dataset's baseline plus the activations in `activities`
    dated after the baseline's date and on or before `day` (a blank baseline counts as 0)."""
    level = level2_of_villages(dataset, activities, day).fillna(0).astype(float)
    return level.set_axis(dataset.villages["village_id"])


def level2_by_district(dataset: Dataset, activities: pd.DataFrame, day: date) -> pd.Series:
    """Level-2 e-IDs per district code on `day` (the villages' figures of `level2_by_village`, added up)."""
    districts = village_district(dataset).set_axis(dataset.villages["village_id"])
    total = level2_by_village(dataset, activities, day)
    return total.groupby(districts.reindex(total.index).fillna("")).sum().astype(int)


def village_moves(before: Dataset, after: Dataset, day_from: date, day_to: date) -> pd.DataFrame:
    """How each village both dates' data hold changed, indexed by village id: `signal`, `power` and `team` are
    1 (gained), -1 (lost) or 0 (as before), by the rules of `village_status`; `level2` is its level-2 e-IDs on
    `day_to` less those on `day_from` (reports read from `after`, the newer data)."""
    old, new = village_status(before), village_status(after)
    both = old.index.intersection(new.index)
    moves = pd.DataFrame(index=both)
    for flag in FLAGS:
        moves[flag] = new.loc[both, flag].astype(int).to_numpy() - old.loc[both, flag].astype(int).to_numpy()
    level_before = level2_by_village(before, after.activities, day_from).set_axis(old.index)
    level_after = level2_by_village(after, after.activities, day_to).set_axis(new.index)
    moves["level2"] = (level_after.reindex(both).fillna(0) - level_before.reindex(both).fillna(0)).round().astype(int)
    return moves


@dataclass(frozen=True)
class Changes:
    """Between `day_from` and `day_to` (the data describing each: `versions`, `as_of`)."""

    day_from: date
    day_to: date
    villages: pd.DataFrame  # village_id, district_code, and before_/after_ of FLAGS, for villages that changed
    level2: pd.DataFrame  # district_code, before, after, change
    by_team_type: pd.DataFrame  # team_type, activities, participants (reports dated after day_from, to day_to)
    versions: tuple[int | None, int | None] = (None, None)
    as_of: tuple[date | None, date | None] = (None, None)

    def ids(self, flag: str, gained: bool) -> list[str]:
        """Village ids that gained (or lost) `flag` (signal, power, team), sorted."""
        rows = self.villages
        mask = (
            (~rows[f"before_{flag}"] & rows[f"after_{flag}"])
            if gained
            else (rows[f"before_{flag}"] & ~rows[f"after_{flag}"])
        )
        return sorted(rows.loc[mask, "village_id"].astype(str))

    def to_json(self) -> dict:
        province = {c: int(self.level2[c].sum()) for c in ("before", "after", "change")}
        return {
            "from": self.day_from.isoformat(),
            "to": self.day_to.isoformat(),
            "from_version": self.versions[0],
            "to_version": self.versions[1],
            "from_as_of": None if self.as_of[0] is None else self.as_of[0].isoformat(),
            "to_as_of": None if self.as_of[1] is None else self.as_of[1].isoformat(),
            **{f"{word}_{flag}": self.ids(flag, word == "gained") for flag in FLAGS for word in ("gained", "lost")},
            "eid_level2": [
                {
                    "district_code": r.district_code or None,
                    "before": int(r.before),
                    "after": int(r.after),
                    "change": int(r.change),
                }
                for r in self.level2.itertuples()
            ],
            "eid_level2_province": province,
            "activities_by_team_type": [
                {"team_type": r.team_type, "activities": int(r.activities), "participants": int(r.participants)}
                for r in self.by_team_type.itertuples()
            ],
        }


def compare(before: Dataset, after: Dataset, day_from: date, day_to: date) -> Changes:
    """The changes from `before` (the data describing `day_from`) to `after` (describing `day_to`); reports
    are read from `after`, the newer data."""
    old, new = village_status(before), village_status(after)
    both = old.index.intersection(new.index)
    joined = pd.DataFrame({"village_id": both, "district_code": new.loc[both, "district_code"].to_numpy()})
    for flag in FLAGS:
        joined[f"before_{flag}"] = old.loc[both, flag].to_numpy()
        joined[f"after_{flag}"] = new.loc[both, flag].to_numpy()
    moved = pd.concat([joined[f"before_{f}"] != joined[f"after_{f}"] for f in FLAGS], axis=1).any(axis=1)
    level_before = level2_by_district(before, after.activities, day_from)
    level_after = level2_by_district(after, after.activities, day_to)
    codes = sorted(set(level_before.index) | set(level_after.index))
    level2 = pd.DataFrame(
        {
            "district_code": codes,
            "before": level_before.reindex(codes).fillna(0).astype(int).to_numpy(),
            "after": level_after.reindex(codes).fillna(0).astype(int).to_numpy(),
        }
    )
    level2["change"] = level2["after"] - level2["before"]
    return Changes(
        day_from, day_to, joined[moved].reset_index(drop=True), level2, _by_team_type(after, day_from, day_to)
    )


def _by_team_type(dataset: Dataset, day_from: date, day_to: date) -> pd.DataFrame:
    acts = dataset.activities
    days = pd.to_datetime(acts["date"])
    acts = acts[(days > pd.Timestamp(day_from)) & (days <= pd.Timestamp(day_to))]
    kinds = acts["team_id"].map(dict(zip(dataset.teams["team_id"], dataset.teams["team_type"])))
    frame = pd.DataFrame(
        {
            "team_type": kinds.fillna("").astype(str).to_numpy(),
            "participants": pd.to_numeric(acts["participants"], errors="coerce").fillna(0).to_numpy(),
        }
    )
    out = frame.groupby("team_type", sort=True).agg(
        activities=("participants", "size"), participants=("participants", "sum")
    )
    return out.reset_index()
