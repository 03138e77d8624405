"""Following the plan up: adopting a month's plan, plan against done, for pages and commands alike."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import pandas as pd

from core.analysis.changes import Changes, compare
from core.model.dataset import Dataset
from core.model.filters import village_district
from core.model.scope import PROVINCE, Area
from core.planning.planner import PlanResult
from core.planning.progress import Progress, plan_progress
from core.storage import history, plans


def adopt(
    view_data: Dataset,
    result: PlanResult,
    month: str,
    *,
    who: str,
    area: Area = PROVINCE,
    settings: Mapping[str, Any] | None = None,
    data_version: int | None = None,
    url: str | None = None,
) -> int:
    """Store `result` as the month's adopted plan for the view's villages: the month's pairs of villages
    outside the view (another district's, adopted before) are kept. Returns the adoption's id."""
    previous = plans.current(month, url)
    outside = None
    if previous is not None:
        outside = previous.rows[~previous.rows["village_id"].isin(view_data.villages["village_id"])]
    return plans.adopt(
        month,
        result.rows[list(plans.ROW_COLUMNS)],
        who=who,
        area=area.codes,
        outside=outside,
        settings=settings,
        summary=result.summary(),
        data_version=data_version,
        url=url,
    )


def progress(
    view_data: Dataset, month: str, url: str | None = None, activities: pd.DataFrame | None = None
) -> Progress | None:
    """The month's adopted plan against the activities dated in it, for the view's villages; None when the
    month has no adopted plan. `activities`: the reports to read (default the view's; pass a wider set, such
    as the area's, so that a team the view leaves out still counts where it worked in the view's villages)."""
    adopted = plans.current(month, url)
    if adopted is None:
        return None
    return progress_of(adopted.rows, view_data, month, activities)


def progress_of(
    plan_rows: pd.DataFrame, view_data: Dataset, month: str, activities: pd.DataFrame | None = None
) -> Progress:
    """A plan's rows against the activities dated in the month, in the view's villages."""
    districts = village_district(view_data).set_axis(view_data.villages["village_id"])
    return plan_progress(plan_rows, view_data.activities if activities is None else activities, districts, month)


def changes(
    day_from: date, day_to: date, url: str | None, fallback: Dataset | None = None, area: Area = PROVINCE
) -> Changes | None:
    """What changed from `day_from` to `day_to`, from the store's versions describing each date (in `area`).
    Without a store (a package is read): `fallback` for both dates, so only the reports differ. None when
    there is no data at all."""
    from core.model.scope import restrict

    found = (history.dataset_at(day_from, url), history.dataset_at(day_to, url)) if url else (None, None)
    if found[0] is None or found[1] is None:
        if fallback is None:
            return None
        whole = fallback.province()
        result = compare(restrict(whole, area), restrict(whole, area), day_from, day_to)
        return replace(result, as_of=(whole.meta.as_of, whole.meta.as_of))
    (before, old), (after, new) = found
    result = compare(restrict(before, area), restrict(after, area), day_from, day_to)
    return replace(result, versions=(old.id, new.id), as_of=(old.as_of, new.as_of))


def default_dates(latest: date) -> tuple[date, date]:
    """The default span of "since the last meeting": the end of the month before `latest`'s, to `latest`."""
    return latest.replace(day=1) - timedelta(days=1), latest
