"""The shared filter: sidebar widgets owned by the entrypoint, kept in session state and in the link.

The `Filter` in session state (`FILTER_KEY`) is the single truth. A link's query parameters set it when
they differ from what the app last wrote (someone opened a link); widgets set it through callbacks; after
each run the parameters are written back, so the address bar always reopens the view.
"""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from components.state import (
    COMMUNE_KEY,
    DATE_FROM_KEY,
    DATE_TO_KEY,
    DISTRICT_KEY,
    FILTER_KEY,
    FILTER_NOTICES_KEY,
    GAPS_KEY,
    NOTICES_PAGE_KEY,
    PERIOD_PRESET_KEY,
    PERIOD_SHOWN_KEY,
    PRIO_PARAMS_KEY,
    TEAM_TYPES_KEY,
    WRITTEN_KEY,
)
from core.exports.safety import markdown_literal
from core.i18n import t
from core.model.admin_units import is_national
from core.model.collation import sorted_by_name, unit_short_name
from core.model.dataset import Dataset
from core.model.filters import (
    FILTER_PARAMS,
    PERIOD_PRESETS,
    TEAM_TYPES,
    Filter,
    commune_codes,
    commune_districts,
    data_period,
    has_districts,
    preset_of,
    preset_period,
    unit_names,
    village_district,
)
from core.model.filters import district_codes as filter_district_codes
from core.model.scope import PROVINCE, Area, area_name, clamp_filter, clamp_params, start_filter
from services.indicators import GAPS

_KEYS = {
    "district": DISTRICT_KEY,
    "commune": COMMUNE_KEY,
    "preset": PERIOD_PRESET_KEY,
    "from": DATE_FROM_KEY,
    "to": DATE_TO_KEY,
    "gaps": GAPS_KEY,
    "team_types": TEAM_TYPES_KEY,
}
_EXTRA_PARAMS = ("lang", "present", "preset", "w", "month")  # not filter values, but part of the view


def sync_from_link(dataset: Dataset, full: Dataset | None = None, area: Area = PROVINCE) -> None:
    """Adopt the link's filter when it is new to this session (an opened or edited link).

    Streamlit clears the query parameters when the user switches page; then the session's filter (and the
    priority weights a page keeps under `PRIO_PARAMS_KEY`) are written back, so the address bar still reopens
    exactly this view. With an area (`dataset` is then the area's data, `full` the province's), a link's
    district or commune outside it gives a notice and the area instead, and the filter never leaves it.
    """
    params = {k: v for k, v in st.query_params.to_dict().items() if k in FILTER_PARAMS}
    if FILTER_KEY in st.session_state and (not params or params == st.session_state.get(WRITTEN_KEY)):
        if not params:
            write_link(st.session_state[FILTER_KEY])
            for key, value in (st.session_state.get(PRIO_PARAMS_KEY) or {}).items():
                if value and key not in st.query_params:
                    st.query_params[key] = value
        _keep_inside(dataset, area)
        return
    kept, outside = clamp_params(params, area, full if full is not None else dataset)
    new, notices = Filter.from_query_params(kept if not area.province_wide else params, dataset)
    st.session_state[FILTER_NOTICES_KEY] = outside + notices
    st.session_state[NOTICES_PAGE_KEY] = None  # the page this link opens: known when the notices are shown
    _set(clamp_filter(new, area, dataset))


def _keep_inside(dataset: Dataset, area: Area) -> None:
    """The session's filter inside the area (a widget or an old session state cannot take it out)."""
    if area.province_wide:
        return
    current = current_filter()
    inside = clamp_filter(current, area, dataset)
    if inside != current:
        _set(inside)


def current_filter() -> Filter:
    return st.session_state.get(FILTER_KEY, Filter())


def set_filter(new: Filter) -> None:
    """Change the filter (e.g. from a map click); the widgets and the link follow."""
    st.session_state[FILTER_NOTICES_KEY] = []
    _set(new)


def _set(new: Filter) -> None:
    st.session_state[FILTER_KEY] = new
    st.session_state[_KEYS["district"]] = new.district
    st.session_state[_KEYS["commune"]] = new.commune
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
    st.session_state[WRITTEN_KEY] = wanted


def _from_widgets() -> None:
    s = st.session_state
    district = s.get(_KEYS["district"])
    commune = s.get(_KEYS["commune"])
    old = current_filter()
    if district != old.district:
        commune = None  # a new district: its communes start unselected
    new = Filter(
        district,
        commune,
        old.date_from,
        old.date_to,
        frozenset(g for g in s.get(_KEYS["gaps"]) or () if g in GAPS),  # only what the widget offers: a hand-
        frozenset(tt for tt in s.get(_KEYS["team_types"]) or () if tt in TEAM_TYPES),  # made client may send more
    )
    set_filter(new)


def _from_preset(dataset: Dataset) -> None:
    """A preset sets both dates; "custom" keeps them and leaves the date fields to the user."""
    preset = st.session_state.get(_KEYS["preset"])
    if preset != "custom":
        date_from, date_to = preset_period(preset, dataset)
        set_filter(replace(current_filter(), date_from=date_from, date_to=date_to))


def _from_dates(dataset: Dataset) -> None:
    """A typed or picked date: the period is exactly what the two fields show (a cleared field means the
    data's first or last day; dates typed in the wrong order are swapped)."""
    start, end = data_period(dataset)
    date_from = st.session_state.get(_KEYS["from"]) or start
    date_to = st.session_state.get(_KEYS["to"]) or end
    if date_from > date_to:
        date_from, date_to = date_to, date_from
    set_filter(replace(current_filter(), date_from=date_from, date_to=date_to))


def _show_period(flt: Filter, dataset: Dataset) -> None:
    """Make the period widgets show the filter's period when it changed elsewhere (a link, a preset, the
    reset) or when Streamlit dropped their state; the fields always hold dates of the data, so the calendar
    opens on the data's months."""
    s = st.session_state
    shown = (flt.date_from, flt.date_to)
    if s.get(PERIOD_SHOWN_KEY) == shown and all(_KEYS[k] in s for k in ("preset", "from", "to")):
        return
    start, end = data_period(dataset)
    clamp = lambda d, default: min(max(d or default, start), end)  # noqa: E731
    s[_KEYS["preset"]] = preset_of(flt, dataset)
    s[_KEYS["from"]] = clamp(flt.date_from, start)
    s[_KEYS["to"]] = clamp(flt.date_to, end)
    s[PERIOD_SHOWN_KEY] = shown


def _period_widgets(dataset: Dataset, lang: str) -> None:
    _show_period(current_filter(), dataset)
    start, end = data_period(dataset)
    labels = _preset_labels(dataset, lang)
    st.selectbox(
        t("filter_period", lang),
        PERIOD_PRESETS,
        key=_KEYS["preset"],
        format_func=labels.get,
        on_change=_from_preset,
        args=(dataset,),
    )
    # one under the other (side by side, the sidebar cuts the year); no help icon, so Tab goes from one
    # date straight to the next
    for which in ("from", "to"):
        st.date_input(
            t(f"filter_date_{which}", lang),
            key=_KEYS[which],
            min_value=start,
            max_value=end,
            format="DD/MM/YYYY",
            on_change=_from_dates,
            args=(dataset,),
        )


def _preset_labels(dataset: Dataset, lang: str) -> dict[str, str]:
    month_start, month_end = preset_period("last_month", dataset)
    three_start, _ = preset_period("last_3_months", dataset)
    return {
        "all": t("period_all", lang),
        "custom": t("period_custom", lang),
        "last_month": t("period_last_month", lang, month=month_end.strftime("%m/%Y")),
        "last_3_months": t(
            "period_last_3_months", lang, months=f"{three_start.strftime('%m')}–{month_end.strftime('%m/%Y')}"
        ),
    }


def _reset(start: Filter = Filter()) -> None:  # noqa: B008 - Filter is immutable
    set_filter(start)


_NATIONAL_KEYS = {
    "filter_district": "national_filter_province",
    "filter_all_districts": "national_filter_all",
    "filter_reset": "national_filter_reset",
}


def _national_or(key: str, national: bool) -> str:
    """The string key for a whole-country package, where provinces take the districts' place."""
    return _NATIONAL_KEYS[key] if national else key


def filter_sidebar(dataset: Dataset, lang: str, area: Area = PROVINCE) -> None:
    """District → commune, period, gaps, team type, and a whole-province reset, in the sidebar.

    A 2025-system package has no districts: only the commune choice is shown, with the 2025 communes.
    Communes the villages name but the catalogue does not know (an unknown province) are offered by code.
    With an area (`dataset` is then its data), only its districts and communes are offered, and the reset
    goes back to the area.
    """
    current = current_filter()
    names = unit_names(dataset)
    label = lambda c: unit_short_name(names.get(c, c))  # noqa: E731
    scoped = not area.province_wide
    national = is_national(dataset.meta.province_code)  # the country's provinces stand where districts do
    whole = t("scope_whole_area", lang) if scoped else t(_national_or("filter_all_districts", national), lang)
    st.subheader(t("filter_heading", lang))
    if has_districts(dataset) and (not scoped or area.districts):
        offered = sorted(area.districts) if scoped else sorted(filter_district_codes(dataset))
        district_codes = ([None] if not scoped or len(area.codes) > 1 else []) + sorted_by_name(offered, label, lang)
        st.selectbox(
            t(_national_or("filter_district", national), lang),
            district_codes,
            key=_KEYS["district"],
            on_change=_from_widgets,
            placeholder=whole,
            format_func=lambda c: whole if c is None else names.get(c, c),
        )
    communes = set(commune_codes(dataset))
    if current.district:
        in_district = village_district(dataset).eq(current.district).fillna(False).astype(bool)
        communes = {c for c, d in commune_districts(dataset).items() if d == current.district} | set(
            dataset.villages.loc[in_district, "commune_code"].dropna()
        )
    one_commune = scoped and not area.districts and len(area.codes) == 1
    commune_codes_ = ([] if one_commune else [None]) + sorted_by_name(sorted(communes), label, lang)
    if current.commune and current.commune not in commune_codes_:
        commune_codes_.append(current.commune)  # a code of the other admin system, from a link
    commune_label = "filter_commune" if has_districts(dataset) else "filter_commune_2025"
    all_communes = whole if scoped and not current.district else t("filter_all_communes", lang)
    st.selectbox(
        t(commune_label, lang),
        commune_codes_,
        key=_KEYS["commune"],
        on_change=_from_widgets,
        placeholder=all_communes,
        format_func=lambda c: all_communes if c is None else names.get(c, c),
    )
    _period_widgets(dataset, lang)
    # no "Select all" row: Streamlit writes it in English, and "none chosen" already means all
    st.multiselect(
        t("filter_gaps", lang),
        list(GAPS),
        key=_KEYS["gaps"],
        on_change=_from_widgets,
        format_func=lambda g: t(f"gap_{g}", lang) if g in GAPS else str(g),
        placeholder=t("filter_choose_any", lang),
        select_all=False,
    )
    st.multiselect(
        t("filter_team_types", lang),
        list(TEAM_TYPES),
        key=_KEYS["team_types"],
        on_change=_from_widgets,
        format_func=lambda tt: t(f"team_type_{tt}", lang) if tt in TEAM_TYPES else str(tt),
        placeholder=t("filter_choose_any", lang),
        select_all=False,
    )
    st.button(
        whole if scoped else t(_national_or("filter_reset", national), lang),
        on_click=_reset,
        args=(start_filter(area, dataset),),
        icon=":material/public:",
        width="stretch",
    )


def show_notices(lang: str, page: str = "") -> None:
    """The values the opened link's filter ignored, on the page that link opened (`page`: its url path) and its
    reruns; a page reached afterwards, by clicking, is not about that link and shows none."""
    notices = st.session_state.get(FILTER_NOTICES_KEY) or []
    if notices and st.session_state.get(NOTICES_PAGE_KEY) is None:
        st.session_state[NOTICES_PAGE_KEY] = page
    elif notices and st.session_state.get(NOTICES_PAGE_KEY) != page:
        st.session_state[FILTER_NOTICES_KEY] = notices = []
    if notices:
        items = "; ".join(f"{n.param}={n.shown_value}: {t(n.reason, lang, value=n.shown_value)}" for n in notices)
        st.warning(markdown_literal(t("notice_ignored", lang, items=items)), icon="⚠️")


def describe(flt: Filter, dataset: Dataset, lang: str) -> str:
    """The filter as one plain-text line (escape it before putting it into HTML); a whole-area filter of an
    account's area is named by the area, not the province."""
    from components.session import current_area

    text = flt.describe(dataset, lang)
    area = current_area()
    if flt.is_whole_province and not area.province_wide:
        text = text.replace(dataset.meta.province_name, area_name(area, dataset), 1)
    return text


def area_title(flt: Filter, dataset: Dataset, lang: str, page_key: str | None = None) -> str:
    """A page heading naming the filtered area, safe for markdown (unit and province names are user data)."""
    area = describe(flt, dataset, lang)
    return markdown_literal(f"{t(page_key, lang)} — {area}" if page_key else area)
