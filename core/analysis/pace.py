"""When targets are reached at the present pace.

The pace is the level-2 e-IDs reported per month over the last three calendar months of reports (the month of
the data's latest date and the two before it): their mean, and the slowest and fastest of the three for a
range. The value now is the villages' level-2 e-IDs (core/analysis/level2.py: baseline plus the level-2
activations reported after the baseline's date). The target is the area's level-2 target with the earliest end
on or after the latest date (else its latest one). The projected month adds ⌈(target − now) ÷ pace⌉ months to
the latest date's month; none when the pace is zero ("not at this pace"). Visiting every village without a
team: the villages no team covers,
divided by the distinct villages visited per month over the same three months (rounded up).
"""

from __future__ import annotations

import math
from datetime import date

import pandas as pd

from core.analysis import level2
from core.model.dataset import Dataset
from core.model.filters import village_district
from core.model.membership import isin

MONTHS = 3
INDICATOR = "eid_level2"


def latest_date(dataset: Dataset) -> date:
    """The data's latest date: its `as_of`, or a later report's date."""
    days = pd.to_datetime(dataset.activities["date"]).dropna()
    newest = days.max().date() if len(days) else dataset.meta.as_of
    return max(newest, dataset.meta.as_of)


def month_add(month: str, months: int) -> str:
    """YYYY-MM plus a number of months."""
    year, number = (int(p) for p in month.split("-"))
    index = year * 12 + number - 1 + months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def window(latest: date) -> list[str]:
    """The last three months, oldest first, ending with `latest`'s month."""
    end = f"{latest.year:04d}-{latest.month:02d}"
    return [month_add(end, -k) for k in range(MONTHS - 1, -1, -1)]


def _projected(target: float | None, now: int, pace: float, end: str) -> str | None:
    if target is None:
        return None
    if now >= target:
        return end
    if pace <= 0:
        return None
    return month_add(end, math.ceil((target - now) / pace))


def pace_table(dataset: Dataset, province: bool = True) -> pd.DataFrame:
    """One row per district and, with `province`, one for the province (`area_code` = its code, `level`
    province; leave it out for an area smaller than the province, whose villages are not the province's):
    target, target_period_end, now, monthly_pace, slowest_month, fastest_month, projected_month (None: not at
    this pace), projected_earliest, projected_latest, reached, villages_without_team, villages_per_month,
    months_to_visit (None when no village was visited)."""
    latest = latest_date(dataset)
    months = window(latest)
    figures = _district_figures(dataset, months)
    if province:
        whole = figures.sum().to_frame().T
        whole["visited"] = [_province_visits(dataset, months)]
        figures = pd.concat([whole.set_axis([dataset.meta.province_code]), figures])
    figures = figures.drop(index="", errors="ignore")
    rows = []
    for code, row in figures.iterrows():
        monthly = [float(row[m]) for m in months]
        now = int(row["now"])
        target, period_end = _target(dataset, code, latest)
        pace = sum(monthly) / MONTHS
        per_month = float(row["visited"]) / MONTHS
        without = int(row["without"])
        rows.append(
            {
                "area_code": code,
                "level": "province" if province and code == dataset.meta.province_code else "district",
                "target": target,
                "target_period_end": period_end,
                "now": now,
                "monthly_pace": pace,
                "slowest_month": min(monthly),
                "fastest_month": max(monthly),
                "projected_month": _projected(target, now, pace, months[-1]),
                "projected_earliest": _projected(target, now, max(monthly), months[-1]),
                "projected_latest": _projected(target, now, min(monthly), months[-1]),
                "reached": target is not None and now >= target,
                "villages_without_team": without,
                "villages_per_month": per_month,
                "months_to_visit": (math.ceil(without / per_month) if without else 0) if per_month > 0 else None,
            }
        )
    return pd.DataFrame(rows)


def _recent(dataset: Dataset, months: list[str]) -> pd.DataFrame:
    """The view's activities of the window's months, with `month`, `district` and `level2` (blank = 0)."""
    v = dataset.villages
    acts = dataset.activities[isin(dataset.activities["village_id"], v["village_id"])]
    month = pd.to_datetime(acts["date"]).dt.strftime("%Y-%m")
    districts = village_district(dataset).set_axis(v["village_id"]).fillna("")
    frame = pd.DataFrame(
        {
            "village_id": acts["village_id"].to_numpy(),
            "month": month.to_numpy(),
            "district": acts["village_id"].map(districts).to_numpy(),
            "level2": pd.to_numeric(acts[INDICATOR], errors="coerce").fillna(0).to_numpy(),
            "date": pd.to_datetime(acts["date"]).to_numpy(),
        }
    )
    return frame


def _district_figures(dataset: Dataset, months: list[str]) -> pd.DataFrame:
    """Per district: level-2 reported in each of `months`, villages visited (summed over the months), `now`
    and villages `without` a team."""
    v = dataset.villages
    districts = village_district(dataset).fillna("").to_numpy()
    acts = _recent(dataset, months)
    recent = acts[acts["month"].isin(months)]
    monthly = recent.pivot_table(index="district", columns="month", values="level2", aggfunc="sum", fill_value=0)
    visited = recent.groupby(["district", "month"])["village_id"].nunique().groupby("district").sum()
    level = level2.by_village(dataset).fillna(0).astype(float).groupby(districts).sum()
    without = pd.Series(~isin(v["village_id"], dataset.team_villages["village_id"]).to_numpy()).groupby(districts).sum()
    codes = sorted(set(districts))  # "" (no district: the 2025 system) counts for the province only
    out = monthly.reindex(index=codes, columns=months, fill_value=0).astype(float)
    out["visited"] = visited.reindex(codes).fillna(0).to_numpy()
    out["now"] = level.reindex(codes).fillna(0).round().to_numpy()
    out["without"] = without.reindex(codes).fillna(0).to_numpy()
    return out


def _province_visits(dataset: Dataset, months: list[str]) -> int:
    """Villages visited in each month, summed over the months (a village visited by teams of two districts'
    reports once)."""
    acts = _recent(dataset, months)
    return int(acts[acts["month"].isin(months)].groupby("month")["village_id"].nunique().sum())


def _target(dataset: Dataset, code: str, latest: date) -> tuple[float | None, date | None]:
    targets = dataset.targets
    rows = targets[(targets["indicator"] == INDICATOR) & (targets["area_code"] == code)]
    if rows.empty:
        return None, None
    ends = pd.to_datetime(rows["period_end"]).dt.date
    later = rows[ends >= latest]
    pick = (
        later.loc[pd.to_datetime(later["period_end"]).idxmin()]
        if len(later)
        else rows.loc[pd.to_datetime(rows["period_end"]).idxmax()]
    )
    return float(pick["target"]), pd.Timestamp(pick["period_end"]).date()


def pace_json(dataset: Dataset, province: bool = True) -> dict:
    """The contract of `cli.py pace --json` (`province` None for an area smaller than the province)."""
    table = pace_table(dataset, province)
    latest = latest_date(dataset)

    def entry(row: pd.Series) -> dict:
        out = {k: (None if _blank(row[k]) else row[k]) for k in table.columns if k not in ("area_code", "level")}
        out["target_period_end"] = None if out["target_period_end"] is None else out["target_period_end"].isoformat()
        out["now"] = int(row["now"])
        out["reached"] = bool(row["reached"])
        out["villages_without_team"] = int(row["villages_without_team"])
        if out["months_to_visit"] is not None:
            out["months_to_visit"] = int(out["months_to_visit"])
        return out

    whole = table[table["level"] == "province"]
    return {
        "latest_date": latest.isoformat(),
        "months": window(latest),
        "indicator": INDICATOR,
        "province": {"province_code": whole.iloc[0]["area_code"], **entry(whole.iloc[0])} if len(whole) else None,
        "districts": [
            {"district_code": r["area_code"], **entry(r)} for _, r in table[table["level"] == "district"].iterrows()
        ],
    }


def _blank(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))
