"""The province's clock: every time a person reads is Vietnam time (Asia/Ho_Chi_Minh, UTC+7 all year round).

The store keeps instants in UTC; pages, files and commands show them here, in one zone. A file that may
travel (a brief, a workbook, a field pack) says which zone its times are in.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from core.i18n import DEFAULT_LANG, fmt_date, t

PROVINCE_ZONE = "Asia/Ho_Chi_Minh"
PROVINCE_TIME = timezone(timedelta(hours=7), PROVINCE_ZONE)  # Vietnam keeps no summer time


def province_now() -> datetime:
    """Now, in Vietnam time (aware, whole seconds)."""
    return datetime.now(PROVINCE_TIME).replace(microsecond=0)


def in_province(value: datetime) -> datetime:
    """`value` in Vietnam time; a naive value is taken as UTC, as the store keeps instants."""
    return (value.replace(tzinfo=UTC) if value.tzinfo is None else value).astimezone(PROVINCE_TIME)


def fmt_time(value: datetime, lang: str = DEFAULT_LANG, *, zone: bool = False) -> str:
    """`dd/mm/yyyy HH:MM` in Vietnam time; with `zone`, followed by the zone's name (for files that travel)."""
    local = in_province(value)
    text = f"{fmt_date(local.date(), lang)} {local:%H:%M}"
    return f"{text} ({t('time_zone_label', lang)})" if zone else text
