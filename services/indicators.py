"""The campaign's indicators as the Indicators page and the Overview show them: each figure's rows with their
takeaway sentence, and the indicators' words in the reader's language."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import pandas as pd

from core.analysis import indicators as ind
from core.analysis.kpis import GAPS, OUTCOMES
from core.analysis.kpis import summary as summary_figures
from core.i18n import t
from core.model.dataset import Dataset
from core.model.filters import Filter, has_districts

STOCK_INDICATOR = ind.STOCK_INDICATOR
reported_label = ind.reported_label
total_label = ind.total_label

__all__ = [
    "GAPS",
    "OUTCOMES",
    "STOCK_INDICATOR",
    "Figure",
    "Headline",
    "breakdown",
    "breakdowns",
    "coverage",
    "effectiveness",
    "gap_coverage",
    "headline",
    "province_targets",
    "reported_label",
    "summary",
    "total_label",
]


@dataclass(frozen=True)
class Figure:
    """A chart's rows and the sentence that says what they show."""

    rows: pd.DataFrame
    takeaway: str


@dataclass(frozen=True)
class Headline:
    """The Indicators page's top: the tiles' figures, progress to target (by district, or by commune inside a
    district), the target's period and the monthly trend of the chosen indicator."""

    tiles: dict
    progress: pd.DataFrame
    period: date | None
    monthly: pd.DataFrame

    def progress_takeaway(self, lang: str) -> str:
        return ind.takeaway_progress(self.progress, lang)

    def trend_takeaway(self, indicator: str, lang: str) -> str:
        return ind.takeaway_trend(self.monthly, indicator, lang)


def summary(view: Dataset) -> dict:
    """The headline figures of a view (what the Overview's tiles and `cli.py summary` show)."""
    return summary_figures(view)


def area_level(flt: Filter, dataset: Dataset) -> str:
    """Progress is shown by district for the province, by commune inside a district (or without districts)."""
    return "commune" if (flt.district or flt.commune or not has_districts(dataset)) else "district"


def target_area(flt: Filter, dataset: Dataset) -> str | None:
    """The area whose target the tiles compare with: none for a commune or a gap filter (targets are set for
    districts and the province)."""
    return None if (flt.commune or flt.gaps) else (flt.district or dataset.meta.province_code)


def breakdowns(dataset: Dataset) -> list[str]:
    """What an indicator can be broken down by (no district breakdown for a province without districts)."""
    return [b for b in ind.BREAKDOWNS if b != "district" or has_districts(dataset)]


def headline(view: Dataset, indicator: str, level: str, target: str | None, use_targets: bool) -> Headline:
    return Headline(
        ind.headline(view, indicator, target),
        ind.progress_to_target(view, STOCK_INDICATOR, level=level, use_targets=use_targets),
        ind.target_period(view, STOCK_INDICATOR),
        ind.monthly_outcome(view, indicator),
    )


def breakdown(view: Dataset, indicator: str, by: str) -> pd.DataFrame:
    """The indicator by district, commune, team type or activity kind (`key`, `name` and the figures)."""
    return ind.outcome_by(view, indicator, by)


def breakdown_figure(rows: pd.DataFrame, label: Callable[[str, str], str], lang: str) -> Figure:
    """A breakdown's rows with each group's words (`label(key, name)`) and its takeaway."""
    rows = rows.assign(label=[label(k, n) for k, n in zip(rows["key"], rows["name"])])
    return Figure(rows, ind.takeaway_breakdown(rows, lang, label))


def gap_coverage(view: Dataset, lang: str) -> Figure:
    """Per gap: villages, those a team covers and those it does not."""
    rows = ind.gap_coverage(view)
    rows = rows.assign(label=[t(f"gap_{g}", lang) for g in rows["gap"]])
    return Figure(rows, ind.takeaway_gap_coverage(rows, lang))


def effectiveness(view: Dataset, lang: str) -> Figure:
    """Communes by need (people not reached) and effort (team-nights), in four quadrants."""
    rows = ind.effectiveness(view)
    rows = rows.assign(label=[t(f"ind_quadrant_{q}", lang) for q in rows["quadrant"]])
    return Figure(rows, ind.takeaway_quadrant(rows, lang))


def province_targets(view: Dataset, lang: str) -> pd.DataFrame:
    """Every indicator against the province's target of its period."""
    rows = ind.province_progress(view)
    return rows.assign(label=[ind.total_label(k, lang) for k in rows["indicator"]])


@dataclass(frozen=True)
class Coverage:
    """The Overview's two pictures: which villages a team covers, where most uncovered ones are, and the level-2
    e-ID trend with its takeaway."""

    covered: pd.Series  # bool per village of the view
    uncovered_where: list[str]
    monthly: pd.DataFrame
    trend_takeaway: str


def coverage(view: Dataset, lang: str) -> Coverage:
    covered = ind.covered_mask(view)
    monthly = ind.monthly_outcome(view, STOCK_INDICATOR)
    return Coverage(
        covered,
        ind.where_most(view, ~covered),
        monthly,
        ind.takeaway_trend(monthly, STOCK_INDICATOR, lang),
    )
