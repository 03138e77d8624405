"""Following the plan up: adopting a month's plan, plan against done, for pages and commands alike."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from core.model.dataset import Dataset
from core.model.filters import village_district
from core.model.scope import PROVINCE, Area
from core.planning.planner import PlanResult
from core.planning.progress import Progress, plan_progress
from core.storage import plans


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
