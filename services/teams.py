"""The Teams page's answers: every team's people and work, the idle teams of a period and the villages no team
covers, with their words in the reader's language."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from core.analysis import indicators as ind
from core.analysis.idle_teams import IdleAnswer, idle_answer, idle_sentence, period_words
from core.i18n import fmt_int, fmt_number, t
from core.model.dataset import Dataset
from core.model.filters import Filter


@dataclass(frozen=True)
class TeamFigures:
    """What the Teams page shows of one view, before words: computed once per data version, area and filter."""

    teams: pd.DataFrame  # one row per team (core.analysis.indicators.team_productivity)
    idle: IdleAnswer
    uncovered: pd.DataFrame  # villages without a team, with their gaps


@dataclass(frozen=True)
class TeamsPage:
    """The figures with their words: labelled tables, the tiles' figures and the sentences."""

    teams: pd.DataFrame  # + type_label, level_label
    idle: IdleAnswer
    idle_teams: pd.DataFrame  # + type_label
    idle_kind: str  # "month" (the last full month), "period" (the filter's) …
    idle_words: str
    idle_sentence: str
    uncovered: pd.DataFrame  # + gap_labels
    headline: dict  # the tiles' figures (teams_headline) and `idle`
    takeaway: str


def figures(flt: Filter, view: Dataset, dataset: Dataset) -> TeamFigures:
    """Teams, idle teams and uncovered villages of `view` (the idle period is read from `flt` on `dataset`)."""
    return TeamFigures(ind.team_productivity(view), idle_answer(flt, dataset), ind.uncovered_villages(view))


def _labels(column: pd.Series, key: str, lang: str) -> pd.Series:
    """Each code's words, looked up once per distinct code (a country has 15,000 teams of a few types)."""
    return column.map({code: t(f"{key}_{code}", lang) for code in column.dropna().unique()})


def page(found: TeamFigures, lang: str) -> TeamsPage:
    """The figures in `lang`'s words."""
    teams = found.teams.assign(
        type_label=_labels(found.teams["team_type"], "team_type", lang),
        level_label=_labels(found.teams["level"], "level", lang),
    )
    idle_teams = found.idle.teams.assign(type_label=_labels(found.idle.teams["team_type"], "team_type", lang))
    words, kind = period_words(found.idle, lang)
    uncovered = found.uncovered.assign(
        gap_labels=[", ".join(t(f"gap_{g}", lang) for g in gaps) for gaps in found.uncovered["gaps"]]
    )
    median = teams["people_per_night"].median()
    takeaway = t(
        "teams_takeaway",
        lang,
        idle=fmt_int(len(idle_teams), lang),
        total=fmt_int(found.idle.total, lang),
        when=t(f"teams_when_{kind}", lang, when=words),
        median=fmt_number(median, lang, 0) if median == median else "–",
    )
    return TeamsPage(
        teams=teams,
        idle=found.idle,
        idle_teams=idle_teams,
        idle_kind=kind,
        idle_words=words,
        idle_sentence=idle_sentence(found.idle, lang),
        uncovered=uncovered,
        headline={**ind.teams_headline(teams, len(uncovered)), "idle": len(idle_teams)},
        takeaway=takeaway,
    )


def team_villages(view: Dataset, team_id: str) -> pd.DataFrame:
    """The villages one team covers."""
    return ind.team_villages(view, team_id)


def where_villages(view: Dataset, village_ids: pd.Series, top: int = 3) -> list[str]:
    """The areas holding most of these villages (for a picture's words)."""
    return ind.where_most(view, view.villages["village_id"].isin(village_ids), top=top)
