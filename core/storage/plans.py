"""The adopted deployment plan of each month, in the store beside the data.

Adopting writes a new record (with its settings, author, time and area) and its (team, village) rows in one
write transaction, together with its audit entry. The newest record of a month is that month's plan; the
earlier ones stay as its history. An adoption for an area (a district lead's) replaces the month's pairs of
villages inside that area and keeps the rest of the month's plan as it was.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pandas as pd
from sqlalchemy import func, insert, select

from core.storage import store

MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
ROW_COLUMNS = ("team_id", "village_id", "nights", "expected_people")


@dataclass(frozen=True)
class AdoptedPlan:
    """One adoption: `rows` holds ROW_COLUMNS, one row per (team, village) pair the month's plan sends."""

    id: int
    month: str
    adopted_at: datetime
    who: str
    area: tuple[str, ...]
    settings: Mapping[str, Any]
    summary: Mapping[str, Any]
    data_version: int | None
    rows: pd.DataFrame


def valid_month(month: str) -> bool:
    """True for a month written YYYY-MM."""
    return bool(MONTH.match(month or ""))


def adopt(
    month: str,
    rows: pd.DataFrame,
    *,
    who: str,
    area: Collection[str] = (),
    villages: Collection[str] | None = None,
    settings: Mapping[str, Any] | None = None,
    summary: Mapping[str, Any] | None = None,
    data_version: int | None = None,
    url: str | None = None,
    at: datetime | None = None,
) -> int:
    """Store `rows` as the month's plan; returns the new record's id. With `villages` (the villages the plan was
    made for: an area's), the month's current pairs in other villages are kept beside `rows`, read inside the
    write transaction (two areas adopting at once both keep theirs). The audit entry is written in the same
    transaction. `at`: when the plan was adopted, on the record and its audit entry (default now; a naive time
    is UTC)."""
    from core.storage import audit

    if not valid_month(month):
        raise ValueError(f"month {month!r} is not YYYY-MM")
    when = datetime.now(UTC) if at is None else (at.replace(tzinfo=UTC) if at.tzinfo is None else at.astimezone(UTC))
    with store.write_transaction(url) as conn:
        new_id = (conn.execute(select(func.max(store.adopted_plans.c.id))).scalar() or 0) + 1
        previous = _newest_id(conn, month)
        kept = rows
        if villages is not None and previous is not None:
            others = _rows(conn, previous)
            others = others[~others["village_id"].isin(set(villages))]
            kept = pd.concat([others, rows[list(ROW_COLUMNS)]], ignore_index=True)
        kept = kept.drop_duplicates(["team_id", "village_id"], keep="last")
        conn.execute(
            insert(store.adopted_plans).values(
                id=new_id,
                month=month,
                adopted_at=when.isoformat(timespec="seconds"),
                who=who,
                area=json.dumps(sorted(area)),
                settings=json.dumps(dict(settings or {}), ensure_ascii=False, default=str, sort_keys=True),
                summary=json.dumps(dict(summary or {}), ensure_ascii=False, default=str, sort_keys=True),
                data_version=data_version,
            )
        )
        records = [
            {
                "plan_id": new_id,
                "team_id": str(r.team_id),
                "village_id": str(r.village_id),
                "nights": int(r.nights),
                "expected_people": int(r.expected_people),
            }
            for r in kept.itertuples(index=False)
        ]
        if records:
            conn.execute(insert(store.adopted_plan_rows), records)
        detail = {"month": month, "plan_id": new_id, "replaces": previous, "pairs": len(records), "area": sorted(area)}
        audit.write(conn, who, "plan_adopt", detail, at=when)
    return new_id


def current(month: str, url: str | None = None) -> AdoptedPlan | None:
    """The month's adopted plan (its newest adoption), or None."""
    found = history(month, url)
    return found[0] if found else None


def history(month: str, url: str | None = None) -> list[AdoptedPlan]:
    """Every adoption of the month, newest first; none for an absent or empty store."""
    if store.open_store(url) is None:
        return []
    with store.engine(url).connect() as conn:
        heads = conn.execute(
            select(store.adopted_plans)
            .where(store.adopted_plans.c.month == month)
            .order_by(store.adopted_plans.c.id.desc())
        ).all()
        return [_plan(head, _rows(conn, head.id)) for head in heads]


def months(url: str | None = None) -> list[str]:
    """The months that have an adopted plan, newest first."""
    if store.open_store(url) is None:
        return []
    with store.engine(url).connect() as conn:
        found = conn.execute(select(store.adopted_plans.c.month).distinct()).scalars().all()
    return sorted(found, reverse=True)


def _newest_id(conn: Any, month: str) -> int | None:
    return conn.execute(select(func.max(store.adopted_plans.c.id)).where(store.adopted_plans.c.month == month)).scalar()


def _rows(conn: Any, plan_id: int) -> pd.DataFrame:
    """An adoption's (team, village) rows, ROW_COLUMNS, by team and village."""
    found = conn.execute(
        select(*(store.adopted_plan_rows.c[c] for c in ROW_COLUMNS))
        .where(store.adopted_plan_rows.c.plan_id == plan_id)
        .order_by(store.adopted_plan_rows.c.team_id, store.adopted_plan_rows.c.village_id)
    ).all()
    frame = pd.DataFrame([tuple(r) for r in found], columns=list(ROW_COLUMNS))
    return frame.astype({"team_id": "string", "village_id": "string", "nights": "int64", "expected_people": "int64"})


def _plan(head: Any, frame: pd.DataFrame) -> AdoptedPlan:
    return AdoptedPlan(
        id=head.id,
        month=head.month,
        adopted_at=datetime.fromisoformat(head.adopted_at),
        who=head.who or "",
        area=tuple(json.loads(head.area or "[]")),
        settings=json.loads(head.settings or "{}"),
        summary=json.loads(head.summary or "{}"),
        data_version=head.data_version,
        rows=frame,
    )
