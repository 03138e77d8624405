"""The brief's follow-up page: the adopted month's plan against the reports, what changed since the last
meeting, and when each level-2 target is reached at the present pace."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from core.i18n import fmt_date, fmt_int, fmt_pct, t


@dataclass(frozen=True)
class FollowupBrief:
    """What the page shows: `progress` (None without an adopted plan) holds `month`, `province` (one row) and
    `districts` (services.followup.progress_tables); `changes` the JSON of the changes with `days`; `pace` the
    pace table in words (services.followup.pace_rows)."""

    progress: Mapping[str, Any] | None
    changes: Mapping[str, Any] | None
    pace: pd.DataFrame | None


def page(pdf: Any, brief: FollowupBrief, lang: str, title: Any, table: Any) -> None:
    """Draw the page with the brief's `title(heading)` and `table(head, rows, widths, size)` helpers."""
    title(t("followup_brief_heading", lang))
    if brief.progress is None:
        pdf.text_line(t("followup_no_plans_brief", lang), 10)
    else:
        _progress(pdf, brief.progress, lang, table)
    if brief.changes is not None:
        _changes(pdf, brief.changes, lang)
    if brief.pace is not None and not brief.pace.empty:
        pdf.ln(2)
        pdf.text_line(t("followup_pace_heading", lang), 11, bold=True)
        keys = ("district", "target", "now", "pace", "projected", "months_to_visit")
        head = [t(f"followup_col_{k}", lang) for k in keys]
        rows = [
            [r.name, r.target, r.now, r.monthly_pace, r.projected, r.months_to_visit] for r in brief.pace.itertuples()
        ]
        table(head, rows, (55, 45, 28, 28, 60, 50), 7)
        pdf.text_line(t("followup_pace_how", lang), 7)


def _progress(pdf: Any, found: Mapping[str, Any], lang: str, table: Any) -> None:
    whole = found["province"].iloc[0]
    pdf.text_line(
        t(
            "followup_brief_line",
            lang,
            month=found["month"],
            planned=fmt_int(whole["planned"], lang),
            done=fmt_int(whole["done"], lang),
            share=fmt_pct(whole["share_done"], lang),
            missed=fmt_int(whole["missed"], lang),
            unplanned=fmt_int(whole["unplanned"], lang),
            reached=fmt_int(whole["people_reached"], lang),
            planned_people=fmt_int(whole["people_planned"], lang),
        ),
        10,
    )
    keys = ("planned", "done", "missed", "unplanned", "share_done", "people_planned", "people_reached")
    head = [t("followup_col_district", lang), *(t(f"followup_col_{k}", lang) for k in keys)]
    rows = [
        [r["name"], *(fmt_pct(r[k], lang) if k == "share_done" else fmt_int(r[k], lang) for k in keys)]
        for _, r in found["districts"].iterrows()
    ]
    table(head, rows, (60, 25, 25, 25, 25, 25, 30, 30), 7)


def _changes(pdf: Any, found: Mapping[str, Any], lang: str) -> None:
    pdf.ln(2)
    pdf.text_line(t("followup_changes_heading", lang), 11, bold=True)
    level = found["eid_level2_province"]
    pdf.text_line(
        t(
            "followup_brief_changes",
            lang,
            since=fmt_date(found["day_from"], lang),
            to=fmt_date(found["day_to"], lang),
            signal=fmt_int(len(found["gained_signal"]), lang),
            power=fmt_int(len(found["gained_power"]), lang),
            gained=fmt_int(len(found["gained_team"]), lang),
            lost=fmt_int(len(found["lost_team"]), lang),
            level2=fmt_int(level["change"], lang),
        ),
        10,
    )
