"""Plan against done: how a month's adopted plan was carried out, from the activity reports dated in that month.

A planned (team, village) pair is **done** when at least one activity of that team in that village is dated
within the month, else **missed**. A (team, village) pair with an activity dated within the month that the
plan did not name is **unplanned**. Each is counted once per pair, however many activities it has.
`people_reached` sums the participants (blank = 0) of the month's activities in the plan's pairs;
`people_planned` sums the plan's expected people. Only the villages given (an area, a district) count.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

import pandas as pd

COUNTS = ("planned", "done", "missed", "unplanned")
PAIR = ["team_id", "village_id"]


def month_bounds(month: str) -> tuple[date, date]:
    """First and last day of a YYYY-MM month."""
    year, number = (int(part) for part in month.split("-"))
    return date(year, number, 1), date(year, number, calendar.monthrange(year, number)[1])


def month_activities(activities: pd.DataFrame, month: str) -> pd.DataFrame:
    """The activities dated within the month (first to last day, both included)."""
    first, last = month_bounds(month)
    days = pd.to_datetime(activities["date"])
    return activities[(days >= pd.Timestamp(first)) & (days <= pd.Timestamp(last))]


@dataclass(frozen=True)
class Progress:
    """A month's plan against done. `pairs` has one row per (team, village) pair with `district_code`,
    `status` (done, missed or unplanned), `expected_people` (0 for unplanned) and `people_reached`."""

    month: str
    pairs: pd.DataFrame

    def _count(self, status: str) -> int:
        return int((self.pairs["status"] == status).sum())

    @property
    def planned(self) -> int:
        return self._count("done") + self._count("missed")

    @property
    def share_done(self) -> float | None:
        """Done pairs over planned pairs (0–1); None without planned pairs."""
        return self._count("done") / self.planned if self.planned else None

    @property
    def people_planned(self) -> int:
        return int(self.pairs["expected_people"].sum())

    @property
    def people_reached(self) -> int:
        planned = self.pairs["status"] != "unplanned"
        return int(self.pairs.loc[planned, "people_reached"].sum())

    def by(self, column: str) -> pd.DataFrame:
        """Counts per team (`team_id`) or per district (`district_code`): planned, done, missed, unplanned,
        share_done, people_planned, people_reached; sorted by the key."""
        frame = self.pairs.assign(
            planned=self.pairs["status"].ne("unplanned").astype(int),
            done=self.pairs["status"].eq("done").astype(int),
            missed=self.pairs["status"].eq("missed").astype(int),
            unplanned=self.pairs["status"].eq("unplanned").astype(int),
            reached_in_plan=self.pairs["people_reached"].where(self.pairs["status"].ne("unplanned"), 0),
        )
        grouped = frame.groupby(frame[column].fillna(""), sort=True)
        out = grouped[[*COUNTS, "expected_people", "reached_in_plan"]].sum().reset_index()
        out = out.rename(columns={"expected_people": "people_planned", "reached_in_plan": "people_reached"})
        out["share_done"] = (out["done"] / out["planned"].where(out["planned"] > 0)).astype(float)
        return out

    def missed(self) -> pd.DataFrame:
        """The missed pairs (team, village, district, expected people): villages to carry into the next plan."""
        rows = self.pairs[self.pairs["status"] == "missed"]
        return rows[[*PAIR, "district_code", "expected_people"]].reset_index(drop=True)

    def to_json(self) -> dict:
        """The contract of `cli.py progress --json`."""
        teams = self.by("team_id")
        districts = self.by("district_code")
        return {
            "month": self.month,
            "planned_pairs": self.planned,
            "done_pairs": self._count("done"),
            "missed_pairs": self._count("missed"),
            "unplanned_pairs": self._count("unplanned"),
            "share_done": self.share_done,
            "people_planned": self.people_planned,
            "people_reached": self.people_reached,
            "teams": [{"team_id": r.team_id, **{c: int(getattr(r, c)) for c in COUNTS}} for r in teams.itertuples()],
            "districts": [
                {"district_code": r.district_code or None, **{c: int(getattr(r, c)) for c in COUNTS}}
                for r in districts.itertuples()
            ],
        }


def plan_progress(plan_rows: pd.DataFrame, activities: pd.DataFrame, districts: pd.Series, month: str) -> Progress:
    """The month's plan (`plan_rows`: team_id, village_id, expected_people) against the activities dated in
    it. `districts` maps each village id that counts (its index) to its district code (<NA> when unknown)."""
    villages = set(districts.index)
    plan = plan_rows[plan_rows["village_id"].isin(villages)]
    planned = plan.groupby(PAIR, as_index=False)["expected_people"].sum()
    acts = month_activities(activities, month)
    acts = acts[acts["village_id"].isin(villages)]
    reached = (
        acts.assign(people=pd.to_numeric(acts["participants"], errors="coerce").fillna(0))
        .groupby(PAIR, as_index=False)["people"]
        .sum()
        .rename(columns={"people": "people_reached"})
        .assign(reported=True)
    )
    pairs = planned.merge(reached, on=PAIR, how="outer")
    in_plan = pairs["expected_people"].notna()
    reported = pairs["reported"].eq(True)
    pairs["status"] = "unplanned"
    pairs.loc[in_plan & reported, "status"] = "done"
    pairs.loc[in_plan & ~reported, "status"] = "missed"
    pairs["expected_people"] = pairs["expected_people"].fillna(0).astype(int)
    pairs["people_reached"] = pairs["people_reached"].fillna(0).astype(int)
    pairs["district_code"] = pairs["village_id"].map(districts.astype(object).where(districts.notna(), None))
    pairs = pairs.drop(columns="reported").astype({"team_id": str, "village_id": str})
    return Progress(month, pairs.sort_values(PAIR).reset_index(drop=True))
