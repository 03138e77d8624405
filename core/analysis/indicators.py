"""Campaign indicators of a (filtered) dataset: trends, progress to target, coverage, effort and teams.

Pure functions of a `Dataset` view; every result is a small DataFrame with canonical English column names.
Blank outcome counts mean "not reported": they are left out of sums (a sum of nothing reported is <NA>,
never 0) and counted separately in `not_reported` columns. Shares are 0–1 floats.
A *team-night* is one team working on one date (two visits on the same day are one night).
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from core.analysis import level2
from core.analysis.kpis import GAPS, OUTCOMES, gap_masks
from core.i18n import fmt_int, fmt_pct, t
from core.model.collation import strip_unit_type
from core.model.dataset import Dataset
from core.model.filters import village_district
from core.model.membership import isin

STOCK_INDICATOR = "eid_level2"  # a level (baseline + later activations, core/analysis/level2.py), not a flow
QUADRANTS = ("high_need_low_effort", "high_need_high_effort", "low_need_high_effort", "low_need_low_effort")
BREAKDOWNS = ("district", "commune", "team_type", "kind")


# --- shared helpers -------------------------------------------------------------------------------------


def _check_indicator(indicator: str) -> None:
    if indicator not in OUTCOMES:
        raise ValueError(f"unknown indicator {indicator!r}; expected one of {OUTCOMES}")


def _reported_sum(values: pd.Series):
    """Sum of the reported values; <NA> when none was reported."""
    total = values.sum(min_count=1)
    return pd.NA if pd.isna(total) else int(total)


def _int_or_zero(value) -> int:
    """A total of a nullable column: 0 when nothing was reported (`bool(pd.NA)` raises, so no `or 0`)."""
    return 0 if pd.isna(value) else int(value)


def _village_area(ds: Dataset, level: str) -> pd.Series:
    """Each village's district (from its own column, else its commune's district; <NA> in the 2025
    system) or commune code."""
    if level == "commune":
        return ds.villages["commune_code"]
    return village_district(ds)


def _activities_with(ds: Dataset, *columns: str) -> pd.DataFrame:
    """The view's activities joined with village area columns (`district`, `commune`) and `team_type`."""
    acts = ds.activities
    areas = pd.DataFrame(
        {
            "village_id": ds.villages["village_id"],
            "district": _village_area(ds, "district"),
            "commune": ds.villages["commune_code"],
        }
    )
    out = acts.merge(areas, on="village_id", how="left")
    if "team_type" in columns:
        out = out.merge(ds.teams[["team_id", "team_type"]], on="team_id", how="left")
    return out


def team_nights(activities: pd.DataFrame) -> int:
    """Distinct (team, date) pairs: how many nights teams spent in the field."""
    if activities.empty:
        return 0
    return int(activities[["team_id", "date"]].drop_duplicates().shape[0])


# --- trend ----------------------------------------------------------------------------------------------


def monthly_outcome(ds: Dataset, indicator: str) -> pd.DataFrame:
    """One row per calendar month from the first to the last activity of the view.

    Columns: `month` (first day), `activities`, `reported_activities`, `not_reported` (activities that left
    the count blank), `reported` (sum of reported counts, <NA> if none), `cumulative` (running sum of
    reported counts, <NA> until the first report) and `share_of_eligible` (cumulative / eligible citizens of
    the view's villages, NaN when unknown).
    """
    _check_indicator(indicator)
    acts = ds.activities
    columns = [
        "month",
        "activities",
        "reported_activities",
        "not_reported",
        "reported",
        "cumulative",
        "share_of_eligible",
    ]
    if acts.empty:
        return pd.DataFrame(columns=columns)
    month = acts["date"].dt.to_period("M").dt.to_timestamp()
    grouped = acts.groupby(month)[indicator]
    frame = pd.DataFrame(
        {
            "activities": grouped.size(),
            "reported_activities": grouped.count(),
            "reported": grouped.sum(min_count=1).astype("Int64"),
        }
    )
    months = pd.date_range(frame.index.min(), frame.index.max(), freq="MS")
    frame = frame.reindex(months)
    frame["activities"] = frame["activities"].fillna(0).astype(int)
    frame["reported_activities"] = frame["reported_activities"].fillna(0).astype(int)
    frame["not_reported"] = frame["activities"] - frame["reported_activities"]
    running = frame["reported"].fillna(0).cumsum().astype("Int64")
    frame["cumulative"] = running.where(frame["reported_activities"].cumsum() > 0, pd.NA)
    eligible = ds.villages["eligible_citizens"].sum(min_count=1)
    frame["share_of_eligible"] = (
        (frame["cumulative"].astype("Float64") / eligible).astype(float)
        if not pd.isna(eligible) and eligible
        else float("nan")
    )
    frame = frame.rename_axis("month").reset_index()
    return frame[columns]


# --- breakdown ------------------------------------------------------------------------------------------


def outcome_by(ds: Dataset, indicator: str, by: str) -> pd.DataFrame:
    """Reported totals of one indicator per district, commune, team type or activity kind.

    Columns: `key`, `name` (unit name for areas, else the key), `reported` (<NA> if none reported),
    `activities`, `not_reported`; sorted by `reported` descending, unreported last.
    """
    _check_indicator(indicator)
    if by not in BREAKDOWNS:
        raise ValueError(f"unknown breakdown {by!r}; expected one of {BREAKDOWNS}")
    acts = _activities_with(ds, "team_type")
    columns = ["key", "name", "reported", "activities", "not_reported"]
    if acts.empty:
        return pd.DataFrame(columns=columns)
    grouped = acts.groupby(by, dropna=False)[indicator]
    frame = pd.DataFrame(
        {
            "reported": grouped.sum(min_count=1).astype("Int64"),
            "activities": grouped.size(),
            "reported_activities": grouped.count(),
        }
    )
    frame["not_reported"] = frame["activities"] - frame["reported_activities"]
    frame = frame.rename_axis("key").reset_index()
    names = ds.own_unit_names()
    frame["name"] = frame["key"].map(lambda k: names.get(k, k)) if by in ("district", "commune") else frame["key"]
    frame = frame.sort_values("reported", ascending=False, na_position="last", kind="stable")
    return frame[columns].reset_index(drop=True)


# --- targets --------------------------------------------------------------------------------------------


def target_period(ds: Dataset, indicator: str) -> date | None:
    """The target date a meeting compares against: the first on or after the data date, else the last."""
    rows = ds.targets[ds.targets["indicator"] == indicator]
    if rows.empty:
        return None
    ends = sorted(pd.to_datetime(rows["period_end"]).dt.date.unique())
    upcoming = [d for d in ends if d >= ds.meta.as_of]
    return upcoming[0] if upcoming else ends[-1]


def _targets_at(ds: Dataset, indicator: str, period_end: date | None) -> dict[str, float]:
    if period_end is None:
        return {}
    rows = ds.targets[
        (ds.targets["indicator"] == indicator) & (pd.to_datetime(ds.targets["period_end"]).dt.date == period_end)
    ]
    return dict(zip(rows["area_code"], rows["target"].astype(float)))


def _achieved_by_area(ds: Dataset, indicator: str, level: str) -> pd.Series:
    """Level at the data date: the villages' level-2 e-IDs (core/analysis/level2.py) for e-ID level 2, reported
    activity totals otherwise."""
    if indicator == STOCK_INDICATOR:
        return level2.by_village(ds).groupby(_village_area(ds, level)).sum(min_count=1)
    acts = _activities_with(ds)
    return acts.groupby(level)[indicator].sum(min_count=1)


def progress_to_target(
    ds: Dataset,
    indicator: str = STOCK_INDICATOR,
    level: str = "district",
    period_end: date | None = None,
    use_targets: bool = True,
) -> pd.DataFrame:
    """Progress of each district (or commune) of the view towards its target.

    Columns: `code`, `name`, `achieved` (<NA> if not reported), `target` (NaN without one), `share_of_target`,
    `eligible`, `share_of_eligible`, `unreached` (eligible − activated level 2, ≥ 0). Sorted lowest share of
    target first (areas without a target after them, by share of eligible).
    For `eid_level2`, `achieved` is the villages' activated level-2 count at the data date; other indicators
    count what the view's activities reported. Pass `use_targets=False` when the view holds only some of an
    area's villages (e.g. filtered by gap): a whole-area target would then understate progress.
    """
    _check_indicator(indicator)
    period_end = period_end or target_period(ds, indicator)
    area = _village_area(ds, level)
    grouped = ds.villages.groupby(area)
    frame = pd.DataFrame(
        {
            "eligible": grouped["eligible_citizens"].sum(min_count=1),
            "activated": level2.by_village(ds).groupby(area).sum(min_count=1),
        }
    )
    frame["achieved"] = _achieved_by_area(ds, indicator, level).reindex(frame.index).astype("Int64")
    targets = _targets_at(ds, indicator, period_end) if use_targets else {}
    frame["target"] = [targets.get(code, float("nan")) for code in frame.index]
    achieved = frame["achieved"].astype("Float64").astype(float)
    frame["share_of_target"] = achieved / frame["target"]
    frame["share_of_eligible"] = achieved / frame["eligible"].astype("Float64").astype(float)
    frame["unreached"] = (frame["eligible"] - frame["activated"]).clip(lower=0)
    frame = frame.rename_axis("code").reset_index()
    names = ds.own_unit_names()
    frame["name"] = frame["code"].map(lambda c: names.get(c, c))
    frame = frame.sort_values(["share_of_target", "share_of_eligible"], na_position="last", kind="stable")
    return frame[
        ["code", "name", "achieved", "target", "share_of_target", "eligible", "share_of_eligible", "unreached"]
    ].reset_index(drop=True)


def province_progress(ds: Dataset) -> pd.DataFrame:
    """Each indicator with a province target: `indicator`, `period_end`, `achieved`, `target`, `share`.

    Meaningful for the whole province: on a narrower view `achieved` covers only the view.
    """
    rows = []
    province = ds.meta.province_code
    for indicator in OUTCOMES:
        period_end = target_period(ds, indicator)
        target = _targets_at(ds, indicator, period_end).get(province)
        if target is None:
            continue
        if indicator == STOCK_INDICATOR:
            achieved = _reported_sum(level2.by_village(ds))
        else:
            achieved = _reported_sum(ds.activities[indicator])
        share = float(achieved) / target if achieved is not pd.NA and target else float("nan")
        rows.append(
            {"indicator": indicator, "period_end": period_end, "achieved": achieved, "target": target, "share": share}
        )
    frame = pd.DataFrame(rows, columns=["indicator", "period_end", "achieved", "target", "share"])
    frame["achieved"] = frame["achieved"].astype("Int64")
    return frame


# --- gaps and coverage ----------------------------------------------------------------------------------


def covered_mask(ds: Dataset) -> pd.Series:
    """True for the view's villages that at least one (filtered) team covers."""
    return isin(ds.villages["village_id"], ds.team_villages["village_id"])


def gap_coverage(ds: Dataset) -> pd.DataFrame:
    """Per gap: `gap`, `villages` with it, `covered` by a team, `not_covered`, `share_covered` (NaN if none)."""
    covered = covered_mask(ds)
    rows = []
    for gap, mask in gap_masks(ds.villages).items():
        n = int(mask.sum())
        n_covered = int((mask & covered).sum())
        rows.append(
            {
                "gap": gap,
                "villages": n,
                "covered": n_covered,
                "not_covered": n - n_covered,
                "share_covered": n_covered / n if n else float("nan"),
            }
        )
    return pd.DataFrame(rows, columns=["gap", "villages", "covered", "not_covered", "share_covered"])


def uncovered_villages(ds: Dataset) -> pd.DataFrame:
    """Villages of the view that no team covers, largest unreached population first.

    Columns: `village_id`, `village_name`, `commune`, `district`, `eligible`, `unreached`, `gaps` (tuple).
    """
    v = ds.villages[~covered_mask(ds)]
    names = ds.own_unit_names()
    masks = gap_masks(v)
    gaps = [tuple(g for g in GAPS if masks[g].loc[i]) for i in v.index]
    frame = pd.DataFrame(
        {
            "village_id": v["village_id"],
            "village_name": v["village_name"],
            "commune": v["commune_code"].map(lambda c: names.get(c, c)),
            "district": _village_area(ds, "district").loc[v.index].map(lambda c: names.get(c, c)),
            "eligible": v["eligible_citizens"],
            "unreached": (v["eligible_citizens"] - level2.by_village(ds).loc[v.index]).clip(lower=0),
            "gaps": gaps,
        }
    )
    return frame.sort_values("unreached", ascending=False, na_position="last", kind="stable").reset_index(drop=True)


# --- effectiveness quadrant -----------------------------------------------------------------------------


def effectiveness(ds: Dataset) -> pd.DataFrame:
    """Communes by remaining need (unreached eligible citizens) against team effort (team-nights) in the view.

    Columns: `code`, `name`, `district`, `unreached`, `team_nights`, `activities`, `quadrant`. A commune is
    *high need* when its unreached count is above the median of the view's communes, *high effort* when its
    team-nights are above the median (so with no activity at all, every commune is low effort). Communes
    whose need is unknown (no village reports both eligible citizens and level-2 e-IDs) are left out: they
    have no place on the need axis.
    """
    v = ds.villages
    unreached = (v["eligible_citizens"] - level2.by_village(ds)).clip(lower=0)
    frame = pd.DataFrame({"unreached": unreached.groupby(v["commune_code"]).sum(min_count=1)})
    frame = frame[frame["unreached"].notna()]
    acts = _activities_with(ds)
    nights = acts[["team_id", "date", "commune"]].drop_duplicates().groupby("commune").size()
    frame["team_nights"] = nights.reindex(frame.index).fillna(0).astype(int)
    frame["activities"] = acts.groupby("commune").size().reindex(frame.index).fillna(0).astype(int)
    names = ds.own_unit_names()
    district = _village_area(ds, "district").groupby(v["commune_code"]).first()
    frame = frame.rename_axis("code").reset_index()
    frame["name"] = frame["code"].map(lambda c: names.get(c, c))
    frame["district"] = frame["code"].map(district).map(lambda c: names.get(c, c))
    need_cut, effort_cut = frame["unreached"].median(), frame["team_nights"].median()
    high_need = frame["unreached"].astype("Float64").gt(need_cut).fillna(False).astype(bool)
    high_effort = frame["team_nights"].gt(effort_cut)
    frame["quadrant"] = [
        f"{'high' if n else 'low'}_need_{'high' if e else 'low'}_effort" for n, e in zip(high_need, high_effort)
    ]
    return frame[["code", "name", "district", "unreached", "team_nights", "activities", "quadrant"]]


# --- teams ----------------------------------------------------------------------------------------------


def _per_night(acts: pd.DataFrame, column: str) -> pd.DataFrame:
    """Per team: reported sum of `column` and the nights on which it was reported."""
    reported = acts[acts[column].notna()]
    total = reported.groupby("team_id")[column].sum()
    nights = reported[["team_id", "date"]].drop_duplicates().groupby("team_id").size()
    return pd.DataFrame({"total": total, "nights": nights})


def team_productivity(ds: Dataset) -> pd.DataFrame:
    """Every team of the view with its members, coverage and activity in the view's period.

    Columns: `team_id`, `team_name`, `team_type`, `level`, `base_code`, `base_name`, `members`,
    `youth_members`, `women_members`, `trained_members`, `villages_covered`, `activities`, `team_nights`,
    `people_reached` (reported participants, <NA> if none), `people_per_night` (reported participants ÷ the
    nights on which participants were reported), `eid_level2` (reported), `eid_level2_per_night` (same rule),
    `last_activity`, `active` (any activity in the period).
    """
    teams = ds.teams
    acts = ds.activities
    names = ds.own_unit_names()
    out = teams[
        [
            "team_id",
            "team_name",
            "team_type",
            "level",
            "base_code",
            "members",
            "youth_members",
            "women_members",
            "trained_members",
        ]
    ].copy()
    out["base_name"] = out["base_code"].map(lambda c: names.get(c, c))
    ids = out["team_id"]
    out["villages_covered"] = ids.map(ds.team_villages.groupby("team_id").size()).fillna(0).astype(int)
    out["activities"] = ids.map(acts.groupby("team_id").size()).fillna(0).astype(int)
    out["team_nights"] = (
        ids.map(acts[["team_id", "date"]].drop_duplicates().groupby("team_id").size()).fillna(0).astype(int)
    )
    for column, total_col, rate_col in (
        ("participants", "people_reached", "people_per_night"),
        ("eid_level2", "eid_level2", "eid_level2_per_night"),
    ):
        rates = _per_night(acts, column)
        out[total_col] = ids.map(rates["total"]).astype("Int64")
        out[rate_col] = ids.map(rates["total"]).astype(float) / ids.map(rates["nights"]).astype(float)
    last = acts.groupby("team_id")["date"].max()
    out["last_activity"] = pd.to_datetime(ids.map(last) if len(last) else pd.Series(pd.NaT, index=ids.index))
    out["active"] = out["activities"] > 0
    return out.reset_index(drop=True)


def team_villages(ds: Dataset, team_id: str) -> pd.DataFrame:
    """The view's villages that one team covers (village rows, in village order)."""
    ids = ds.team_villages.loc[ds.team_villages["team_id"] == team_id, "village_id"]
    return ds.villages[isin(ds.villages["village_id"], ids)].reset_index(drop=True)


# --- names ---------------------------------------------------------------------------------------------


def reported_label(indicator: str, lang: str) -> str:
    """The name of what the teams' activities reported for an indicator.

    e-ID level 2 says "reported by teams": its total at the data date (core/analysis/level2.py) is shown beside
    it under `total_label`, and one name for two different numbers is what meetings misread.
    """
    return t("ind_eid_level2_reported", lang) if indicator == STOCK_INDICATOR else t(f"outcome_{indicator}", lang)


def total_label(indicator: str, lang: str) -> str:
    """The name of an indicator's level at the data date (what targets compare against)."""
    return t("kpi_eid_level2", lang) if indicator == STOCK_INDICATOR else t(f"outcome_{indicator}", lang)


# --- one-line takeaways ---------------------------------------------------------------------------------


def short_name(name: str) -> str:
    """ "Huyện Nậm Pồ" → "Nậm Pồ", also for prefixes written with other capitals ("Thị Xã Mường Lay")."""
    return strip_unit_type(str(name), any_case=True)


def takeaway_progress(progress: pd.DataFrame, lang: str) -> str:
    """ "Nậm Pồ: 41 % of target, lowest" (or of eligible citizens when there is no target)."""
    with_target = progress[progress["share_of_target"].notna()]
    if not with_target.empty:
        row = with_target.iloc[0]
        if len(with_target) == 1:
            return t("tk_progress_one", lang, name=short_name(row["name"]), share=fmt_pct(row["share_of_target"], lang))
        best = with_target.iloc[-1]
        return t(
            "tk_progress_lowest",
            lang,
            name=short_name(row["name"]),
            share=fmt_pct(row["share_of_target"], lang),
            best=short_name(best["name"]),
            best_share=fmt_pct(best["share_of_target"], lang),
        )
    known = progress[progress["share_of_eligible"].notna()]
    if known.empty:
        return t("tk_no_data", lang)
    row = known.sort_values("share_of_eligible", kind="stable").iloc[0]
    return t("tk_progress_no_target", lang, name=short_name(row["name"]), share=fmt_pct(row["share_of_eligible"], lang))


def takeaway_trend(monthly: pd.DataFrame, indicator: str, lang: str) -> str:
    """The last month's reported count, the running total, and how many activities did not report."""
    reported = monthly[monthly["reported"].notna()]
    if reported.empty:
        return t("tk_trend_none", lang, indicator=t(f"outcome_{indicator}", lang).lower())
    last = reported.iloc[-1]
    return t(
        "tk_trend",
        lang,
        indicator=reported_label(indicator, lang),
        month=last["month"].strftime("%m/%Y"),
        n=fmt_int(last["reported"], lang),
        total=fmt_int(last["cumulative"], lang),
        missing=fmt_int(int(monthly["not_reported"].sum()), lang),
        activities=fmt_int(int(monthly["activities"].sum()), lang),
    )


def takeaway_breakdown(frame: pd.DataFrame, lang: str, label=lambda key, name: name) -> str:
    """The largest contributor and its share of everything reported."""
    reported = frame[frame["reported"].notna()]
    if reported.empty:
        return t("tk_no_data", lang)
    total = float(reported["reported"].sum())
    top = reported.iloc[0]
    share = float(top["reported"]) / total if total else float("nan")
    return t(
        "tk_breakdown",
        lang,
        name=short_name(label(top["key"], top["name"])),
        n=fmt_int(top["reported"], lang),
        share=fmt_pct(share, lang),
    )


def takeaway_gap_coverage(coverage: pd.DataFrame, lang: str) -> str:
    """The gap with the most villages no team covers."""
    if coverage.empty or coverage["not_covered"].max() == 0:
        return t("tk_gaps_all_covered", lang) if coverage["villages"].sum() else t("tk_no_data", lang)
    row = coverage.sort_values("not_covered", ascending=False, kind="stable").iloc[0]
    return t(
        "tk_gaps",
        lang,
        n=fmt_int(row["not_covered"], lang),
        total=fmt_int(row["villages"], lang),
        gap=t(f"gap_{row['gap']}", lang).lower(),
    )


def takeaway_quadrant(frame: pd.DataFrame, lang: str, top: int = 3) -> str:
    """How many communes have high need and little effort, naming the neediest."""
    urgent = frame[frame["quadrant"] == "high_need_low_effort"].sort_values("unreached", ascending=False, kind="stable")
    if urgent.empty:
        return t("tk_quadrant_none", lang) if len(frame) else t("tk_no_data", lang)
    names = ", ".join(short_name(n) for n in urgent["name"].head(top))
    return t("tk_quadrant", lang, n=fmt_int(len(urgent), lang), names=names)


# --- headline figures -----------------------------------------------------------------------------------


def headline(ds: Dataset, indicator: str, target_area: str | None = None) -> dict:
    """The four figures a screen leads with.

    `level2_share`: activated level 2 ÷ eligible citizens of the view; `target_share`: activated level 2 ÷ the
    level-2 target of `target_area` (the province or district the view is, None when it is narrower);
    `reported`: the indicator's reported total (<NA> if none); `not_reported`: activities that left it blank;
    `eligible` and `activated` are None when no village reports them.
    """
    _check_indicator(indicator)
    v, acts = ds.villages, ds.activities
    eligible = _reported_sum(v["eligible_citizens"])
    activated = _reported_sum(level2.by_village(ds))
    period_end = target_period(ds, STOCK_INDICATOR)
    target = _targets_at(ds, STOCK_INDICATOR, period_end).get(target_area) if target_area else None
    known = activated is not pd.NA
    has_eligible = eligible is not pd.NA and eligible > 0
    return {
        "eligible": None if eligible is pd.NA else eligible,
        "activated": activated if known else None,
        "level2_share": float(activated) / eligible if known and has_eligible else None,
        "target": target,
        "target_period": period_end,
        "target_share": float(activated) / target if known and target else None,
        "reported": _reported_sum(acts[indicator]) if len(acts) else pd.NA,
        "activities": int(len(acts)),
        "not_reported": int(acts[indicator].isna().sum()),
        "team_nights": team_nights(acts),
    }


def teams_headline(teams: pd.DataFrame, uncovered: int) -> dict:
    """Totals of a `team_productivity` frame: teams, members and their parts, idle teams, median rate."""
    median = teams["people_per_night"].median() if len(teams) else float("nan")
    return {
        "teams": int(len(teams)),
        "members": _int_or_zero(teams["members"].sum(min_count=1)) if len(teams) else 0,
        "youth": int(teams["youth_members"].sum()),
        "women": int(teams["women_members"].sum()),
        "trained": int(teams["trained_members"].sum()),
        "idle": int((~teams["active"]).sum()),
        "median_people_per_night": None if pd.isna(median) else float(median),
        "villages_not_covered": int(uncovered),
    }


def where_most(ds: Dataset, mask: pd.Series, top: int = 2) -> list[str]:
    """The names of the districts holding the most villages of `mask` (of the communes, when the view is one
    district or has no districts), most first, ties by name: where a picture's villages lie, in words."""
    from core.model.filters import unit_names

    villages = ds.villages.loc[mask.to_numpy(dtype=bool)]
    if villages.empty:
        return []
    by_district = "district_code" in villages and villages["district_code"].nunique() > 1
    column = "district_code" if by_district else "commune_code"
    names = unit_names(ds)
    counts = villages[column].astype(str).map(lambda code: names.get(code, code)).value_counts()
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [name for name, _n in ranked[:top]]
