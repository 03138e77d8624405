"""The one filter of the whole app: area, period, gaps and team type, to and from a link.

A `Filter` is immutable. `Filter.from_query_params` reads the URL query parameters of the contract
(`district`, `commune`, `from`, `to`, `gap`, `team_type`), drops what it cannot use and says so in
`Notice`s; `to_query_params` writes it back; `apply` narrows a Dataset into a view.
"""

from __future__ import annotations

import calendar
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta

import pandas as pd

from core.i18n import fmt_date, t
from core.model.admin_units import is_national
from core.model.dataset import Dataset
from core.model.gaps import GAPS, gap_masks
from core.model.membership import isin

TEAM_TYPES = ("community_tech", "youth_volunteer", "shock_team")
FILTER_PARAMS = ("district", "commune", "from", "to", "gap", "team_type")
PERIOD_PRESETS = ("all", "last_month", "last_3_months", "custom")
_SHOWN_CHARS = 60  # a notice repeats at most this much of a link value


@dataclass(frozen=True)
class Notice:
    """A query parameter value that was ignored, and why (a key of the translation catalogue)."""

    param: str
    value: str
    reason: str

    @property
    def shown_value(self) -> str:
        """The value as a notice repeats it: cut after 60 characters, control and bidi characters as escapes
        (`\\x00`, `\\u202e`), so a crafted link can neither flood the page nor reorder its text."""
        value = self.value if len(self.value) <= _SHOWN_CHARS else self.value[:_SHOWN_CHARS] + "…"
        return "".join(_escaped(ch) for ch in value)


@dataclass(frozen=True)
class Filter:
    district: str | None = None
    commune: str | None = None  # a legacy or a 2025 commune code
    date_from: date | None = None
    date_to: date | None = None
    gaps: frozenset[str] = frozenset()
    team_types: frozenset[str] = frozenset()

    @property
    def is_whole_province(self) -> bool:
        return self.district is None and self.commune is None

    @classmethod
    def from_query_params(cls, params: Mapping[str, str | list[str]], dataset: Dataset) -> tuple[Filter, list[Notice]]:
        """Parse link parameters; unknown or invalid values are dropped with a notice, never raised."""
        get = lambda key: _single(params.get(key))  # noqa: E731
        notices: list[Notice] = []
        district = _known(get("district"), district_codes(dataset), "district", notices)
        commune = _own_system_code(_known(get("commune"), _commune_codes(dataset), "commune", notices), dataset)
        if district and commune and _district_of(commune, dataset) not in (None, district):
            notices.append(Notice("commune", commune, "notice_commune_outside_district"))
            commune = None
        bounds = data_period(dataset)
        date_from = _date(get("from"), "from", notices, bounds)
        date_to = _date(get("to"), "to", notices, bounds)
        if date_from and date_to and date_from > date_to:
            notices.append(Notice("to", get("to") or "", "notice_period_reversed"))
            date_to = None
        gaps = _enum_set(get("gap"), GAPS, "gap", notices)
        team_types = _enum_set(get("team_type"), TEAM_TYPES, "team_type", notices)
        return cls(district, commune, date_from, date_to, gaps, team_types), notices

    def to_query_params(self) -> dict[str, str]:
        """Only the set parameters, in the contract's names and forms (ISO dates, comma lists)."""
        out: dict[str, str] = {}
        if self.district:
            out["district"] = self.district
        if self.commune:
            out["commune"] = self.commune
        if self.date_from:
            out["from"] = self.date_from.isoformat()
        if self.date_to:
            out["to"] = self.date_to.isoformat()
        if self.gaps:
            out["gap"] = ",".join(g for g in GAPS if g in self.gaps)
        if self.team_types:
            out["team_type"] = ",".join(t for t in TEAM_TYPES if t in self.team_types)
        return out

    def describe(self, dataset: Dataset, lang: str) -> str:
        """One plain-text line: the area, period, gaps and team types kept (page titles, exports).

        Escape it before putting it into HTML.
        """
        parts = [unit_names(dataset).get(self.commune or self.district or "", dataset.meta.province_name)]
        if self.date_from or self.date_to:
            parts.append(f"{fmt_date(self.date_from, lang)} – {fmt_date(self.date_to, lang)}")
        if self.gaps:
            parts.append(", ".join(t(f"gap_{g}", lang) for g in GAPS if g in self.gaps))
        if self.team_types:
            parts.append(", ".join(t(f"team_type_{tt}", lang) for tt in TEAM_TYPES if tt in self.team_types))
        return " · ".join(parts)

    def with_area(self, district: str | None, commune: str | None = None) -> Filter:
        return replace(self, district=district, commune=commune)

    def apply(self, dataset: Dataset) -> Dataset:
        """The dataset narrowed to this filter (a new Dataset sharing unfiltered frames)."""
        villages = dataset.villages
        area = self.area_village_mask(dataset)
        villages = villages[area]
        if self.gaps:
            masks = gap_masks(villages)
            villages = villages[pd.concat([masks[g] for g in sorted(self.gaps)], axis=1).any(axis=1)]
        teams = dataset.teams
        if self.team_types:
            teams = teams[teams["team_type"].isin(self.team_types)]
        tv = dataset.team_villages
        tv = tv[isin(tv["village_id"], villages["village_id"]) & isin(tv["team_id"], teams["team_id"])]
        if not self.is_whole_province:
            teams = teams[isin(teams["team_id"], tv["team_id"]) | self._based_in_area(teams, dataset)]
        acts = dataset.activities
        acts = acts[isin(acts["village_id"], villages["village_id"]) & isin(acts["team_id"], teams["team_id"])]
        if self.date_from:
            acts = acts[acts["date"] >= pd.Timestamp(self.date_from)]
        if self.date_to:
            acts = acts[acts["date"] <= pd.Timestamp(self.date_to)]
        return dataset.narrowed(villages=villages, teams=teams, team_villages=tv, activities=acts)

    def area_village_mask(self, dataset: Dataset) -> pd.Series:
        v = dataset.villages
        mask = pd.Series(True, index=v.index)
        if self.district:
            mask &= village_district(dataset).eq(self.district).fillna(False).astype(bool)
        if self.commune:
            mask &= v["commune_code"].isin(_legacy_codes(self.commune, dataset))
        return mask

    def area_codes(self, dataset: Dataset) -> set[str]:
        """The unit codes inside the filtered area (the area itself and the communes in it)."""
        if self.commune:
            return {self.commune} | _legacy_codes(self.commune, dataset)
        if self.district:
            communes = dataset.communes()
            return {self.district} | set(communes[communes["parent_code"] == self.district]["code"])
        return set(dataset.units["code"])

    def _based_in_area(self, teams: pd.DataFrame, dataset: Dataset) -> pd.Series:
        return teams["base_code"].isin(self.area_codes(dataset))


def _single(value: str | list[str] | None) -> str | None:
    if isinstance(value, list):
        value = value[-1] if value else None
    value = (value or "").strip()
    return value or None


def _known(value: str | None, allowed: set[str], param: str, notices: list[Notice]) -> str | None:
    if value is None:
        return None
    if value.isdigit() and value not in allowed:
        width = {"district": 3, "commune": 5}[param]
        value = value.zfill(width) if value.zfill(width) in allowed else value
    if value in allowed:
        return value
    notices.append(Notice(param, value, f"notice_unknown_{param}"))
    return None


def _escaped(ch: str) -> str:
    """A control (Cc) or format (Cf: bidi overrides, zero-width) character as a Python-style escape."""
    if unicodedata.category(ch) not in ("Cc", "Cf"):
        return ch
    return f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}"


def _date(value: str | None, param: str, notices: list[Notice], bounds: tuple[date, date]) -> date | None:
    """An ISO date inside the data period; other values are dropped with a notice (the date pickers only
    take dates of that period)."""
    if value is None:
        return None
    try:
        parsed = date.fromisoformat(value)
    except ValueError:
        notices.append(Notice(param, value, "notice_bad_date"))
        return None
    if not bounds[0] <= parsed <= bounds[1]:
        notices.append(Notice(param, value, "notice_date_out_of_range"))
        return None
    return parsed


# --- the period: what the data covers, and the presets of the period choice -------------------------------


def data_period(dataset: Dataset) -> tuple[date, date]:
    """First and last day the data covers: the first activity, and the later of the last activity and the
    data date. Without activities, one year up to the data date (the date pickers need some range)."""
    if dataset.meta.as_of:
        return dataset.derived("data_period", _data_period)
    return _data_period(dataset)


def _data_period(dataset: Dataset) -> tuple[date, date]:
    dates = dataset.activities["date"].dropna() if "date" in dataset.activities else pd.Series(dtype=object)
    as_of = dataset.meta.as_of or date.today()
    if dates.empty:
        return as_of - timedelta(days=365), as_of
    return pd.Timestamp(dates.min()).date(), max(pd.Timestamp(dates.max()).date(), as_of)


def _month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def _months_before(first: date, months: int) -> date:
    index = first.year * 12 + first.month - 1 - months
    return date(index // 12, index % 12 + 1, 1)


def last_full_month(dataset: Dataset) -> tuple[date, date]:
    """The last calendar month the data covers to its end (the month of the data date when that is the
    month's last day, else the month before); the data's only month when it covers less than one."""
    start, end = data_period(dataset)
    if end != _month_end(end):
        end = end.replace(day=1) - timedelta(days=1)
    if end < start:
        end = data_period(dataset)[1]
    return end.replace(day=1), end


def preset_period(preset: str, dataset: Dataset) -> tuple[date | None, date | None]:
    """The dates of a period preset; `all` (the whole campaign) is no period at all."""
    if preset == "last_month":
        return last_full_month(dataset)
    if preset == "last_3_months":
        first, end = last_full_month(dataset)
        return max(_months_before(first, 2), data_period(dataset)[0]), end
    return None, None


def preset_of(flt: Filter, dataset: Dataset) -> str:
    """The preset whose dates the filter has, else `custom`."""
    dates = (flt.date_from, flt.date_to)
    return next((p for p in PERIOD_PRESETS[:-1] if preset_period(p, dataset) == dates), "custom")


def idle_period(flt: Filter, dataset: Dataset) -> tuple[date, date, bool]:
    """The period in which "which teams are idle?" is asked: the filter's own, else the last full month of
    data (over the whole campaign nearly every team did something once). The flag says it is the default."""
    if flt.date_from or flt.date_to:
        start, end = data_period(dataset)
        return flt.date_from or start, flt.date_to or end, False
    return (*last_full_month(dataset), True)


def _enum_set(value: str | None, allowed: tuple[str, ...], param: str, notices: list[Notice]) -> frozenset[str]:
    if value is None:
        return frozenset()
    chosen = set()
    for item in (part.strip() for part in value.split(",")):
        if item in allowed:
            chosen.add(item)
        elif item:
            notices.append(Notice(param, item, f"notice_unknown_{param}"))
    return frozenset(chosen)


def has_districts(dataset: Dataset) -> bool:
    """Whether the package's areas have a level between the package and its communes: the legacy system's
    districts; a whole-country package's provinces. A province's 2025 system has none (its units keep the
    former districts only so that older teams and targets still name a known unit)."""
    return dataset.meta.admin_system != "2025" or is_national(dataset.meta.province_code)


def unit_names(dataset: Dataset) -> dict[str, str]:
    """Code → name of every unit the package's system knows, then the 2025 communes of the crosswalk.

    The package's own system wins: a legacy commune and the 2025 commune that kept its code are different
    places (legacy 03724 Xã Phổng Lái is inside 2025 03724 Xã Bình Thuận), so a 2025 name must not
    replace the legacy name in a legacy package.
    """
    return dict(dataset.derived("unit_names", _unit_names))


def _unit_names(dataset: Dataset) -> dict[str, str]:
    names = dict(zip(dataset.crosswalk["commune_code_2025"], dataset.crosswalk["commune_name_2025"]))
    names.update(dataset.own_unit_names())
    return names


def district_codes(dataset: Dataset) -> set[str]:
    """The districts a filter may name: the catalogue's, and any the villages carry (unknown province)."""
    return set(dataset.derived("district_codes", _district_codes))


def _district_codes(dataset: Dataset) -> frozenset[str]:
    if not has_districts(dataset):
        return frozenset()
    return frozenset(dataset.districts()["code"]) | frozenset(dataset.villages["district_code"].dropna().unique())


def commune_codes(dataset: Dataset) -> set[str]:
    """The communes of the package's own system: the catalogue's and any the villages carry."""
    return set(dataset.derived("commune_codes", _own_commune_codes))


def _own_commune_codes(dataset: Dataset) -> frozenset[str]:
    return frozenset(dataset.communes()["code"]) | frozenset(dataset.villages["commune_code"].dropna().unique())


def _commune_codes(dataset: Dataset) -> set[str]:
    """Commune codes a link may carry: the package's own, and those of the other admin system."""
    return set(dataset.derived("link_commune_codes", _link_commune_codes))


def _link_commune_codes(dataset: Dataset) -> frozenset[str]:
    cw = dataset.crosswalk
    return (
        frozenset(commune_codes(dataset))
        | frozenset(cw["commune_code_2025"].unique())
        | frozenset(cw["legacy_commune_code"].unique())
    )


def _own_system_code(commune: str | None, dataset: Dataset) -> str | None:
    """A legacy code in a 2025 package's link becomes the 2025 commune that absorbed it (one commune, so
    the filter names a unit of the package's system); other codes are kept."""
    if commune is None or dataset.meta.admin_system != "2025" or commune in commune_codes(dataset):
        return commune
    cw = dataset.crosswalk
    new = set(cw.loc[cw["legacy_commune_code"] == commune, "commune_code_2025"])
    return new.pop() if len(new) == 1 else commune


def _legacy_codes(commune: str, dataset: Dataset) -> set[str]:
    """The village commune codes a commune code stands for, in the package's own admin system.

    A legacy package filtered by a 2025 code gets the legacy communes merged into it, and a 2025 package
    filtered by a legacy code gets the 2025 commune that absorbed it (codes can exist in both systems:
    the package's own system wins).
    """
    cw = dataset.crosswalk
    if dataset.meta.admin_system == "2025":
        if commune in set(cw["commune_code_2025"]):  # villages may still carry the legacy codes
            return {commune} | set(cw[cw["commune_code_2025"] == commune]["legacy_commune_code"])
        return set(cw[cw["legacy_commune_code"] == commune]["commune_code_2025"])
    if commune in set(dataset.communes()["code"]):
        return {commune}
    return set(cw[cw["commune_code_2025"] == commune]["legacy_commune_code"])


def _district_of(commune: str, dataset: Dataset) -> str | None:
    return commune_districts(dataset).get(commune)


def commune_districts(dataset: Dataset) -> pd.Series:
    """Commune code → district code, for communes whose parent is a district (none in the 2025 system,
    where a commune's parent is the province); the same Series for the dataset's lifetime, never changed."""
    return dataset.derived("commune_districts", _commune_districts)


def _commune_districts(dataset: Dataset) -> pd.Series:
    communes = dataset.communes()
    districts = set(dataset.districts()["code"])
    parents = communes[communes["parent_code"].isin(districts)]
    return parents.drop_duplicates("code").set_index("code")["parent_code"]


def village_district(dataset: Dataset) -> pd.Series:
    """Each village's district code (index as the villages'): its own `district_code`, else its commune's
    district; <NA> in the 2025 system and where neither is known. The same Series for the dataset's lifetime,
    never changed."""
    return dataset.derived("village_district", _village_district)


def _village_district(dataset: Dataset) -> pd.Series:
    v = dataset.villages
    derived = v["commune_code"].map(commune_districts(dataset)).astype("str")
    if "district_code" in v:
        return v["district_code"].astype("str").fillna(derived)
    return derived
