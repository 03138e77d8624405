"""Which teams are idle? Asked for the filter's period, or by default for the last full month of data."""

from __future__ import annotations

import calendar
from dataclasses import dataclass, replace
from datetime import date

import pandas as pd

from core.analysis import indicators as ind
from core.i18n import fmt_date, fmt_int, t
from core.model.dataset import Dataset
from core.model.filters import Filter, idle_period


@dataclass(frozen=True)
class IdleAnswer:
    """The idle teams of a period: rows of `team_productivity` (with `last_activity` over the whole
    campaign, so the list says since when a team is silent), out of `total` teams of the area."""

    start: date
    end: date
    is_default: bool
    teams: pd.DataFrame
    total: int


def idle_answer(flt: Filter, dataset: Dataset) -> IdleAnswer:
    start, end, is_default = idle_period(flt, dataset)
    in_period = ind.team_productivity(replace(flt, date_from=start, date_to=end).apply(dataset))
    idle_ids = set(in_period.loc[~in_period["active"], "team_id"])
    ever = ind.team_productivity(replace(flt, date_from=None, date_to=None).apply(dataset))
    idle = ever[ever["team_id"].isin(idle_ids)].sort_values(
        ["last_activity", "team_name"], kind="stable", na_position="first"
    )
    return IdleAnswer(start, end, is_default, idle.reset_index(drop=True), len(in_period))


def is_calendar_month(start: date, end: date) -> bool:
    """Whether the period is exactly one calendar month (1 June to 30 June)."""
    last_day = calendar.monthrange(start.year, start.month)[1]
    return start.day == 1 and (end.year, end.month, end.day) == (start.year, start.month, last_day)


def period_words(answer: IdleAnswer, lang: str) -> tuple[str, str]:
    """("tháng 06/2025" or "01/04/2025 – 15/04/2025", and which sentence key fits it)."""
    if is_calendar_month(answer.start, answer.end):
        return answer.start.strftime("%m/%Y"), "month"
    return f"{fmt_date(answer.start, lang)} – {fmt_date(answer.end, lang)}", "period"


def idle_sentence(answer: IdleAnswer, lang: str) -> str:
    """ "Trong tháng 06/2025: 87 trong 287 tổ, đội không có hoạt động nào." (plain text)."""
    words, kind = period_words(answer, lang)
    return t(
        f"teams_idle_in_{kind}",
        lang,
        month=words,
        period=words,
        idle=fmt_int(len(answer.teams), lang),
        total=fmt_int(answer.total, lang),
    )
