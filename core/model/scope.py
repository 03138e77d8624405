"""An account's area: the province, or a list of district and/or commune codes (legacy or 2025; the crosswalk
applies as it does for the filter). What is inside it, the dataset narrowed to it, and filters and links kept
inside it. Pure: used by the services, the pages and the commands alike.

An `Area` with no codes is the whole province: every function then returns its input unchanged, so a session
without accounts sees exactly what it saw before areas existed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pandas as pd

from core.model.dataset import Dataset
from core.model.filters import (
    Filter,
    Notice,
    _commune_codes,
    _legacy_codes,
    _single,
    commune_codes,
    district_codes,
    unit_names,
    village_district,
)
from core.model.membership import isin

DISTRICT_WIDTH, COMMUNE_WIDTH = 3, 5
OUTSIDE_REASON = "scope_notice_outside"


@dataclass(frozen=True)
class Area:
    """The codes of an area, sorted and without repeats; `()` is the whole province. Hashable: cache keys
    carry it."""

    codes: tuple[str, ...] = ()

    @classmethod
    def of(cls, codes: Iterable[str] | str | None) -> Area:
        """From a list or a comma-separated text; digits only, district codes to 3 and commune codes to 5
        places (`3124` → `03124`)."""
        if codes is None:
            return cls()
        if isinstance(codes, str):
            codes = codes.split(",")
        cleaned = set()
        for code in codes:
            code = str(code).strip()
            if not code:
                continue
            if code.isdigit() and len(code) < COMMUNE_WIDTH and len(code) != DISTRICT_WIDTH:
                code = code.zfill(COMMUNE_WIDTH if len(code) == 4 else DISTRICT_WIDTH)
            cleaned.add(code)
        return cls(tuple(sorted(cleaned)))

    @property
    def province_wide(self) -> bool:
        return not self.codes

    @property
    def tag(self) -> str:
        """A short name for files made for this area (`province`, else a digest of its codes): a folder name,
        never a secret — whoever fetches such a file is checked against it (components.map_files)."""
        if self.province_wide:
            return "province"
        return "area-" + hashlib.sha256(",".join(self.codes).encode()).hexdigest()[:16]

    @property
    def districts(self) -> tuple[str, ...]:
        return tuple(c for c in self.codes if len(c) == DISTRICT_WIDTH)

    @property
    def communes(self) -> tuple[str, ...]:
        return tuple(c for c in self.codes if len(c) != DISTRICT_WIDTH)


PROVINCE = Area()


# --- what is inside ---------------------------------------------------------------------------------------


def _district_communes(district: str, dataset: Dataset) -> set[str]:
    """The communes (own system) of a district: the catalogue's children, else (a 2025 package, whose communes
    have no district) the 2025 communes its legacy communes went into."""
    communes = dataset.communes()
    found = set(communes.loc[communes["parent_code"] == district, "code"])
    cw = dataset.crosswalk
    if dataset.meta.admin_system == "2025" and "legacy_district_code" in cw:
        found |= set(cw.loc[cw["legacy_district_code"] == district, "commune_code_2025"])
    return found


def commune_codes_in(area: Area, dataset: Dataset) -> set[str]:
    """Commune codes of the package's own system inside the area (a village with one of these is inside)."""
    if area.province_wide:
        return commune_codes(dataset)
    found: set[str] = set()
    for district in area.districts:
        found |= _district_communes(district, dataset)
    for commune in area.communes:
        found |= _legacy_codes(commune, dataset)
    return found


def district_codes_in(area: Area, dataset: Dataset) -> set[str]:
    """The districts the area holds whole (none for an area of communes only)."""
    if area.province_wide:
        return set(dataset.districts()["code"]) | district_codes(dataset)
    return set(area.districts)


def unit_codes_in(area: Area, dataset: Dataset) -> set[str]:
    """Every district and commune code inside the area, as written in either admin system."""
    if area.province_wide:
        return set(dataset.units["code"]) | _commune_codes(dataset)
    communes = commune_codes_in(area, dataset)
    return set(area.codes) | district_codes_in(area, dataset) | communes | _whole_other_codes(communes, dataset)


def _whole_other_codes(communes: set[str], dataset: Dataset) -> set[str]:
    """Codes of the other admin system all of whose parts are among `communes` (a 2025 commune made only of
    legacy communes inside the area is inside it; one that also took in a commune elsewhere is not)."""
    cw = dataset.crosswalk
    if cw.empty:
        return set()
    own = commune_codes(dataset)
    if dataset.meta.admin_system == "2025":
        parts = cw.groupby("legacy_commune_code")["commune_code_2025"].agg(set)
    else:
        parts = cw.groupby("commune_code_2025")["legacy_commune_code"].agg(set)
    return {code for code, inside in parts.items() if code not in own and inside and inside <= communes}


def village_mask(area: Area, dataset: Dataset) -> pd.Series:
    """True for each village inside the area (index as the villages')."""
    v = dataset.villages
    if area.province_wide:
        return pd.Series(True, index=v.index)
    mask = v["commune_code"].isin(commune_codes_in(area, dataset))
    if area.districts:
        mask |= village_district(dataset).isin(area.districts).fillna(False).astype(bool)
    return mask.fillna(False).astype(bool)


def villages_in(area: Area, dataset: Dataset) -> pd.DataFrame:
    return dataset.villages[village_mask(area, dataset)]


def team_based_mask(area: Area, teams: pd.DataFrame, dataset: Dataset, inside: set[str] | None = None) -> pd.Series:
    """True for each team based in the area (its `base_code` is a district or commune inside; `inside` is
    `unit_codes_in(area, dataset)` when the caller has it)."""
    if area.province_wide:
        return pd.Series(True, index=teams.index)
    inside = unit_codes_in(area, dataset) if inside is None else inside
    return teams["base_code"].isin(inside).fillna(False).astype(bool)


def contains(area: Area, code: str, dataset: Dataset) -> bool:
    """Whether a district or commune code (either admin system) lies inside the area."""
    if area.province_wide:
        return True
    if code in unit_codes_in(area, dataset):
        return True
    parts = _legacy_codes(code, dataset) if len(code) != DISTRICT_WIDTH else set()
    return bool(parts) and parts <= commune_codes_in(area, dataset)


# --- the dataset narrowed to the area ---------------------------------------------------------------------


def restrict(dataset: Dataset, area: Area) -> Dataset:
    """The data of the area only: its villages, the teams based in it or covering its villages (with their
    coverage and activities there only), the targets of its units, its units and boundaries (the province
    outline kept). The dataset itself for the whole province."""
    if area.province_wide:
        return dataset
    villages = villages_in(area, dataset)
    inside = unit_codes_in(area, dataset)
    tv = dataset.team_villages[isin(dataset.team_villages["village_id"], villages["village_id"])]
    teams = dataset.teams
    teams = teams[isin(teams["team_id"], tv["team_id"]) | team_based_mask(area, teams, dataset, inside)]
    tv = tv[isin(tv["team_id"], teams["team_id"])]
    acts = dataset.activities
    acts = acts[isin(acts["village_id"], villages["village_id"]) & isin(acts["team_id"], teams["team_id"])]
    targets = dataset.targets
    if "area_code" in targets:
        targets = targets[targets["area_code"].isin(inside)]
    units = dataset.units
    units = units[(units["level"] == "province") | units["code"].isin(inside | set(villages["commune_code"]))]
    boundaries = dataset.boundaries
    if boundaries is not None and not boundaries.empty and "code" in boundaries:
        boundaries = boundaries[(boundaries["level"] == "province") | boundaries["code"].isin(inside)]
    return dataset.narrowed(
        villages=villages,
        teams=teams,
        team_villages=tv,
        activities=acts,
        targets=targets,
        units=units,
        boundaries=boundaries,
    )


# --- filters and links --------------------------------------------------------------------------------------


def start_filter(area: Area, dataset: Dataset) -> Filter:
    """Where a session of this area starts: the province; the area's one district or commune; else the whole
    area (no unit chosen, on the narrowed data)."""
    if len(area.codes) != 1:
        return Filter()
    code = area.codes[0]
    if len(code) == DISTRICT_WIDTH:
        return Filter(district=code)
    return Filter(commune=code)


def clamp_params(
    params: Mapping[str, str | list[str]], area: Area, dataset: Dataset
) -> tuple[dict[str, str], list[Notice]]:
    """A link's filter parameters kept inside the area: a district or commune outside it is dropped with a
    notice (the area is shown instead). Codes the data does not know are left for the filter to report."""
    out = {k: v for k, v in ((k, _single(v)) for k, v in params.items()) if v is not None}
    if area.province_wide:
        return out, []
    notices: list[Notice] = []
    known = district_codes(dataset) | set(dataset.districts()["code"]) | _commune_codes(dataset)
    for param, width in (("district", DISTRICT_WIDTH), ("commune", COMMUNE_WIDTH)):
        value = out.get(param)
        if value is None:
            continue
        code = value.zfill(width) if value.isdigit() and value.zfill(width) in known else value
        if code in known and not contains(area, code, dataset):
            notices.append(Notice(param, value, OUTSIDE_REASON))
            del out[param]
    if notices and not ("district" in out or "commune" in out):
        out.update(start_filter(area, dataset).to_query_params())
    return out, notices


def clamp_filter(flt: Filter, area: Area, dataset: Dataset) -> Filter:
    """The filter with its district and commune inside the area (else the area's start)."""
    if area.province_wide:
        return flt
    start = start_filter(area, dataset)
    district = flt.district if flt.district and contains(area, flt.district, dataset) else None
    commune = flt.commune if flt.commune and contains(area, flt.commune, dataset) else None
    if district is None and commune is None:
        district, commune = start.district, start.commune
    elif district is None and flt.district:
        district = start.district
    return flt.with_area(district, commune)


def area_name(area: Area, dataset: Dataset) -> str:
    """The area in words: the province's name, or its units' names joined (plain text)."""
    if area.province_wide:
        return dataset.meta.province_name
    names = unit_names(dataset)
    return ", ".join(names.get(c, c) for c in area.codes)
