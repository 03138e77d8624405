"""The Map page's month control: with a store holding data dated in more than one month, the reader picks a month
(the latest by default, kept in the link as `month=YYYY-MM`) and the map shows the area's data as it stood at that
month's end, with the villages that changed during it (core.analysis.month_map).

Every answer here is cached per data version and area (components.caching) and also by the version ids it was
read from, so one month's or one account's data never stands in for another's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
import streamlit as st

import services
from components.caching import scoped_cache
from components.context import data_version, load_version
from components.session import current_area
from components.state import MONTH_KEY, MONTH_LINKED_KEY
from core.exports.safety import markdown_literal
from core.i18n import t
from core.model.dataset import Dataset
from core.model.filters import Notice
from services import storage as store
from services.followup import month_text
from services.maps import FLAGS, Dated, month_versions, months_of, village_changes
from services.maps import valid_map_month as valid_month
from services.source import store_version

MONTH_PARAM = "month"


@dataclass(frozen=True)
class MapMonth:
    """The month the map shows: the area's data at its end, and how villages changed during it."""

    month: str
    tag: str  # "" for the data in use, else "v<version id>": part of the key of every map cache
    dataset: Dataset
    moves: pd.DataFrame  # rows of village_changes (none for the first month)
    first: bool  # no month before it to compare with

    @property
    def label(self) -> str:
        return month_text(self.month)


@scoped_cache(max_entries=4)
def _dated() -> tuple[Dated, ...]:
    """The store's versions with the date of their data (none when a package is read)."""
    version = data_version()
    if version.kind != "store":
        return ()
    return tuple(Dated(v.id, v.as_of) for v in store.list_versions(version.where))


@scoped_cache(max_entries=4)
def _month_data(version_id: int) -> Dataset:
    """A store version's data narrowed to the session's area."""
    whole = load_version(store_version(data_version().where, version_id))[0]
    area = current_area()
    return whole if area.province_wide else services.scoped(whole, area)


@scoped_cache(max_entries=8)
def _moves(shown: int, before: int | None, _after: Dataset) -> pd.DataFrame:
    """The area's villages that changed from version `before` to `shown` (`_after`: the area's data of `shown`)."""
    if before is None or before == shown:
        return pd.DataFrame({flag: pd.Series(dtype=int) for flag in FLAGS})
    return village_changes(_month_data(before), _after)


def _ignored(value: str, lang: str) -> None:
    shown = Notice(MONTH_PARAM, value, "notice_unknown_month").shown_value
    items = f"{MONTH_PARAM}={shown}: {t('notice_unknown_month', lang, value=shown)}"
    st.warning(markdown_literal(t("notice_ignored", lang, items=items)), icon=":material/warning:")


def _wanted(months: list[str]) -> tuple[str, str | None]:
    """(the month this run shows, the link's month when it is new to the control and not a month of the data):
    a link's month when it changed (opened or edited by hand), else the control's."""
    asked = st.query_params.get(MONTH_PARAM)
    if st.session_state.get(MONTH_LINKED_KEY) != asked or st.session_state.get(MONTH_KEY) not in months:
        chosen = valid_month(asked, months)
        return chosen or months[-1], asked if asked and chosen is None else None
    return st.session_state[MONTH_KEY], None


def shown_as_of() -> date | None:
    """The date of the data the Map page shows in this run (for the slide title, made before the page), or None
    without a month control."""
    versions = _dated()
    months = months_of(versions)
    if len(months) < 2:
        return None
    shown, _ = month_versions(versions, _wanted(months)[0])
    return next((v.as_of for v in versions if v.id == shown), None)


def month_choice(dataset: Dataset, lang: str) -> MapMonth | None:
    """The month control and the month it shows; None (no control) unless the data is dated in two months or
    more. A link's `month` sets the control; the control writes it back, so a saved link reopens that month."""
    versions = _dated()
    months = months_of(versions)
    asked = st.query_params.get(MONTH_PARAM)
    if len(months) < 2:
        if asked is not None:
            _ignored(asked, lang)
            del st.query_params[MONTH_PARAM]
        return None
    wanted, ignored = _wanted(months)
    if ignored is not None:
        _ignored(ignored, lang)
    if st.session_state.get(MONTH_KEY) != wanted:
        st.session_state[MONTH_KEY] = wanted
    month = st.select_slider(
        t("map_month", lang),
        options=months,
        key=MONTH_KEY,
        format_func=lambda m: t("map_month_label", lang, month=month_text(m)),
        help=t("map_month_help", lang),
    )
    st.query_params[MONTH_PARAM] = month
    st.session_state[MONTH_LINKED_KEY] = month
    shown, before = month_versions(versions, month)
    if shown == data_version().store_version:
        data, tag = dataset, ""
    else:
        data, tag = _month_data(shown), f"v{shown}"
    return MapMonth(month, tag, data, _moves(shown, before, data), before is None)
