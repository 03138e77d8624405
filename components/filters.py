"""The shared filter: sidebar widgets owned by the entrypoint, kept in session state and in the link.

The `Filter` in `st.session_state["filter"]` is the single truth. A link's query parameters set it when
they differ from what the app last wrote (someone opened a link); widgets set it through callbacks; after
each run the parameters are written back, so the address bar always reopens the view.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from core.collation import sorted_by_name, unit_short_name
from core.dataset import Dataset
from core.exports.safety import markdown_literal
from core.filters import (
    FILTER_PARAMS,
    TEAM_TYPES,
    Filter,
    commune_codes,
    commune_districts,
    has_districts,
    unit_names,
    village_district,
)
from core.filters import district_codes as filter_district_codes
from core.i18n import t
from core.kpis import GAPS

_KEYS = {"district": "flt_district", "commune": "flt_commune", "period": "flt_period", "gaps": "flt_gaps",
         "team_types": "flt_team_types"}
_EXTRA_PARAMS = ("lang", "present", "preset", "w")  # not filter values, but part of the view


def sync_from_link(dataset: Dataset) -> None:
    """Adopt the link's filter when it is new to this session (an opened or edited link).

    Streamlit clears the query parameters when the user switches page; then the session's filter (and the
    priority weights a page keeps in `_prio_params`) are written back, so the address bar still reopens
    exactly this view.
    """
    params = {k: v for k, v in st.query_params.to_dict().items() if k in FILTER_PARAMS}
    if "filter" in st.session_state and (not params or params == st.session_state.get("_written")):
        if not params:
            write_link(st.session_state["filter"])
            for key, value in (st.session_state.get("_prio_params") or {}).items():
                if value and key not in st.query_params:
                    st.query_params[key] = value
        return
    new, notices = Filter.from_query_params(params, dataset)
    st.session_state["filter_notices"] = notices
    _set(new)


def current_filter() -> Filter:
    return st.session_state.get("filter", Filter())


def set_filter(new: Filter) -> None:
    """Change the filter (e.g. from a map click); the widgets and the link follow."""
    st.session_state["filter_notices"] = []
    _set(new)


def _set(new: Filter) -> None:
    st.session_state["filter"] = new
    st.session_state[_KEYS["district"]] = new.district
    st.session_state[_KEYS["commune"]] = new.commune
    st.session_state[_KEYS["period"]] = tuple(d for d in (new.date_from, new.date_to) if d)
    st.session_state[_KEYS["gaps"]] = [g for g in GAPS if g in new.gaps]
    st.session_state[_KEYS["team_types"]] = [t_ for t_ in TEAM_TYPES if t_ in new.team_types]
    write_link(new)


def write_link(new: Filter) -> None:
    wanted = new.to_query_params()
    for key in list(st.query_params.keys()):
        if key not in wanted and key not in _EXTRA_PARAMS:
            del st.query_params[key]
    for key, value in wanted.items():
        if st.query_params.get(key) != value:
            st.query_params[key] = value
    st.session_state["_written"] = wanted


def _from_widgets() -> None:
    s = st.session_state
    district = s.get(_KEYS["district"])
    commune = s.get(_KEYS["commune"])
    old = current_filter()
    if district != old.district:
        commune = None  # a new district: its communes start unselected
    period = s.get(_KEYS["period"]) or ()
    date_from = period[0] if len(period) > 0 else None
    date_to = period[1] if len(period) > 1 else None
    new = Filter(district, commune, date_from, date_to, frozenset(s.get(_KEYS["gaps"]) or ()),
                 frozenset(s.get(_KEYS["team_types"]) or ()))
    set_filter(new)


def _reset() -> None:
    set_filter(Filter())


def filter_sidebar(dataset: Dataset, lang: str) -> None:
    """District → commune, period, gaps, team type, and a whole-province reset, in the sidebar.

    A 2025-system package has no districts: only the commune choice is shown, with the 2025 communes.
    Communes the villages name but the catalogue does not know (an unknown province) are offered by code.
    """
    current = current_filter()
    names = unit_names(dataset)
    label = lambda c: unit_short_name(names.get(c, c))  # noqa: E731
    st.subheader(t("filter_heading", lang))
    if has_districts(dataset):
        district_codes = [None] + sorted_by_name(sorted(filter_district_codes(dataset)), label, lang)
        st.selectbox(t("filter_district", lang), district_codes, key=_KEYS["district"], on_change=_from_widgets,
                     placeholder=t("filter_all_districts", lang),
                     format_func=lambda c: t("filter_all_districts", lang) if c is None else names.get(c, c))
    communes = set(commune_codes(dataset))
    if current.district:
        in_district = village_district(dataset).eq(current.district).fillna(False).astype(bool)
        communes = ({c for c, d in commune_districts(dataset).items() if d == current.district}
                    | set(dataset.villages.loc[in_district, "commune_code"].dropna()))
    commune_codes_ = [None] + sorted_by_name(sorted(communes), label, lang)
    if current.commune and current.commune not in commune_codes_:
        commune_codes_.append(current.commune)  # a code of the other admin system, from a link
    commune_label = "filter_commune" if has_districts(dataset) else "filter_commune_2025"
    st.selectbox(t(commune_label, lang), commune_codes_, key=_KEYS["commune"], on_change=_from_widgets,
                 placeholder=t("filter_all_communes", lang),
                 format_func=lambda c: t("filter_all_communes", lang) if c is None else names.get(c, c))
    st.date_input(t("filter_period", lang), key=_KEYS["period"], on_change=_from_widgets, format="DD/MM/YYYY",
                  min_value=date(2000, 1, 1), max_value=date(2100, 1, 1))
    st.multiselect(t("filter_gaps", lang), list(GAPS), key=_KEYS["gaps"], on_change=_from_widgets,
                   format_func=lambda g: t(f"gap_{g}", lang), placeholder=t("filter_choose_any", lang))
    st.multiselect(t("filter_team_types", lang), list(TEAM_TYPES), key=_KEYS["team_types"],
                   on_change=_from_widgets, format_func=lambda tt: t(f"team_type_{tt}", lang),
                   placeholder=t("filter_choose_any", lang))
    st.button(t("filter_reset", lang), on_click=_reset, icon=":material/public:", width="stretch")


def show_notices(lang: str) -> None:
    notices = st.session_state.get("filter_notices") or []
    if notices:
        items = "; ".join(f"{n.param}={n.value}: {t(n.reason, lang, value=n.value)}" for n in notices)
        st.warning(markdown_literal(t("notice_ignored", lang, items=items)), icon="⚠️")


def describe(flt: Filter, dataset: Dataset, lang: str) -> str:
    """The filter as one plain-text line (escape it before putting it into HTML)."""
    return flt.describe(dataset, lang)


def area_title(flt: Filter, dataset: Dataset, lang: str, page_key: str | None = None) -> str:
    """A page heading naming the filtered area, safe for markdown (unit and province names are user data)."""
    area = describe(flt, dataset, lang)
    return markdown_literal(f"{t(page_key, lang)} — {area}" if page_key else area)
