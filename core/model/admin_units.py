"""Official names, codes and centroids of Vietnam's administrative units, legacy and July-2025.

Read from the MIT-licensed `vietnamadminunits` package (its bundled SQLite and crosswalk JSON), so any
province's package gets real unit names without shipping them. The library has points, not polygons.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pandas as pd

from core.model.collation import PROVINCE_TYPES, UNIT_TYPES, strip_unit_type, unit_type_prefix
from core.once import computed_once

UNIT_COLUMNS = ["level", "code", "name", "parent_code", "lat", "lon", "centroid_quality"]
CROSSWALK_COLUMNS = ["legacy_commune_code", "commune_code_2025", "commune_name_2025"]
# the legacy district of each legacy commune: lets a former district's team find its 2025 communes
CROSSWALK_EXTRA = ["legacy_district_code"]
_UNIT_TYPES = (*UNIT_TYPES, "Tỉnh")  # as official documents write them: only the first letter is a capital


def sentence_case_prefix(name: str) -> str:
    """ "Thị Xã Mường Lay" → "Thị xã Mường Lay": the unit-type prefix in sentence case, the proper name as
    written (the library capitalises every word of some prefixes)."""
    prefix = unit_type_prefix(name, _UNIT_TYPES, any_case=True)
    return prefix + name[len(prefix) :] if prefix else name


@computed_once(maxsize=1)
def _library_dir() -> Path:
    import importlib.util

    spec = importlib.util.find_spec("vietnamadminunits")  # found, not imported (its import takes seconds)
    return Path(spec.origin).parent / "data"


def _query(sql: str, params: tuple) -> list[tuple]:
    with sqlite3.connect(f"file:{_library_dir() / 'dataset.db'}?mode=ro", uri=True) as conn:
        return conn.execute(sql, params).fetchall()


NATIONAL_CODE = "00"  # the `province_code` of a whole-country package (no province has it)


def is_national(province_code: str | None) -> bool:
    """Whether a package with this `province_code` covers the whole country."""
    return province_code == NATIONAL_CODE


def units_for(province_code: str, admin_system: str = "legacy") -> tuple[pd.DataFrame, pd.DataFrame]:
    """The units of a package's province in its own admin system (`legacy` or `2025`), and the crosswalk;
    the whole country for `NATIONAL_CODE` (2025 system)."""
    if is_national(province_code) and admin_system == "2025":
        return load_national_units()
    if admin_system == "2025":
        return load_admin_units_2025(province_code)
    return load_admin_units(province_code)


@computed_once(maxsize=8)
def load_admin_units(province_code: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Units (province, districts, communes) of a legacy province code, and its legacy→2025 crosswalk.

    `centroid_quality` is `geocoded`, or `shared` when several communes carry the identical point (the
    library's fallback for communes it could not geocode); a shared point is replaced by the centroid of
    the 2025 commune that kept the same code when there is one (`from_2025`). Returns empty frames for an
    unknown province. Callers must not mutate the returned frames.
    """
    rows = _query(
        "select province, provinceLat, provinceLon, districtCode, district, wardCode, ward, wardLat, wardLon,"
        " provinceKey, districtKey, wardKey from admin_units_legacy where provinceCode = ? order by wardCode",
        (province_code,),
    )
    if not rows:
        return pd.DataFrame(columns=UNIT_COLUMNS), pd.DataFrame(columns=CROSSWALK_COLUMNS)
    new_units = _units_2025(rows[0][9])
    units = _legacy_units(province_code, rows, new_units)
    crosswalk = _crosswalk(rows, new_units)
    return units, crosswalk


@computed_once(maxsize=8)
def load_admin_units_2025(province_code: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Units of a July-2025 province code, and the legacy→2025 crosswalk of every legacy province merged
    into it (Đồng Nai 75 took in Bình Phước 70, so its communes come from both).

    Units: the province; its communes (parent: the province, as the 2025 system has no districts); and the
    former districts of the merged legacy provinces (level `district`, parent: the province, no commune
    under them), so that teams and targets of before July 2025 still name a known unit. A commune the
    2025 catalogue has no point for gets the mean of its legacy parts (`derived`). Empty frames for an
    unknown province. Callers must not mutate the returned frames.
    """
    rows = _query(
        "select province, provinceLat, provinceLon, wardCode, ward, wardLat, wardLon, provinceKey"
        " from admin_units where provinceCode = ? order by wardCode",
        (province_code,),
    )
    if not rows:
        return pd.DataFrame(columns=UNIT_COLUMNS), pd.DataFrame(columns=CROSSWALK_COLUMNS)
    legacy_keys = _converter()["DICT_PROVINCE"].get(rows[0][7], [])
    legacy_codes = [
        c
        for key in legacy_keys
        for (c,) in _query("select distinct provinceCode from admin_units_legacy where provinceKey = ?", (key,))
    ]
    parts = [load_admin_units(code) for code in legacy_codes]
    legacy = pd.concat([u for u, _ in parts if not u.empty] or [pd.DataFrame(columns=UNIT_COLUMNS)], ignore_index=True)
    crosswalk = pd.concat(
        [cw for _, cw in parts if not cw.empty] or [pd.DataFrame(columns=CROSSWALK_COLUMNS)], ignore_index=True
    )
    crosswalk = crosswalk.drop_duplicates().sort_values("legacy_commune_code", kind="stable").reset_index(drop=True)
    point_counts = pd.Series([(r[5], r[6]) for r in rows]).value_counts()
    records = [("province", province_code, _short(rows[0][0]), None, rows[0][1], rows[0][2], "geocoded")]
    records += [
        (
            "commune",
            r[3],
            sentence_case_prefix(r[4]),
            province_code,
            r[5],
            r[6],
            "shared" if point_counts[(r[5], r[6])] > 1 else "geocoded",
        )
        for r in rows
    ]
    known = {r[3] for r in rows}
    old_points = legacy[legacy["level"] == "commune"].set_index("code")[["lat", "lon"]]
    extra = crosswalk[~crosswalk["commune_code_2025"].isin(known)]
    for code, group in extra.groupby("commune_code_2025", sort=True):
        points = old_points.reindex(group["legacy_commune_code"]).astype(float).mean()
        records.append(
            (
                "commune",
                code,
                group["commune_name_2025"].iloc[0],
                province_code,
                points["lat"],
                points["lon"],
                "derived",
            )
        )
    districts = legacy[legacy["level"] == "district"]
    records += [
        ("district", c, n, province_code, lat, lon, "former")
        for c, n, lat, lon in zip(districts["code"], districts["name"], districts["lat"], districts["lon"], strict=True)
    ]
    units = pd.DataFrame.from_records(records, columns=UNIT_COLUMNS)
    order = units["level"].map({"province": 0, "district": 1, "commune": 2})
    units = units.assign(_o=order).sort_values(["_o", "code"], kind="stable").drop(columns="_o")
    return units.reset_index(drop=True), crosswalk


@computed_once(maxsize=1)
def load_national_units() -> tuple[pd.DataFrame, pd.DataFrame]:
    """The whole country in the July-2025 system: the country (level `province`, `NATIONAL_CODE`), its 34
    provinces as the level between the country and the communes (level `district`, 2-digit codes, full
    names such as "Tỉnh Điện Biên"), and their 3,321 communes (parent: their province). The crosswalk is
    empty: a whole-country package names 2025 communes only. Callers must not mutate the returned frames."""
    rows = _query(
        "select provinceCode, province, provinceLat, provinceLon, wardCode, ward, wardLat, wardLon"
        " from admin_units order by provinceCode, wardCode",
        (),
    )
    point_counts = pd.Series([(r[6], r[7]) for r in rows]).value_counts()
    records = [("province", NATIONAL_CODE, "Việt Nam", None, 16.0, 106.0, "derived")]
    seen: set[str] = set()
    for r in rows:
        if r[0] not in seen:
            seen.add(r[0])
            records.append(("district", r[0], sentence_case_prefix(r[1]), NATIONAL_CODE, r[2], r[3], "geocoded"))
    records += [
        (
            "commune",
            r[4],
            sentence_case_prefix(r[5]),
            r[0],
            r[6],
            r[7],
            "shared" if point_counts[(r[6], r[7])] > 1 else "geocoded",
        )
        for r in rows
    ]
    units = pd.DataFrame.from_records(records, columns=UNIT_COLUMNS)
    order = units["level"].map({"province": 0, "district": 1, "commune": 2})
    units = units.assign(_o=order).sort_values(["_o", "code"], kind="stable").drop(columns="_o")
    return units.reset_index(drop=True), pd.DataFrame(columns=CROSSWALK_COLUMNS + CROSSWALK_EXTRA)


def _legacy_units(province_code: str, rows: list[tuple], new_units: dict[str, tuple]) -> pd.DataFrame:
    point_counts = pd.Series([(r[7], r[8]) for r in rows]).value_counts()
    new_by_code = {code: (lat, lon) for code, _name, lat, lon in new_units.values()}
    province = rows[0]
    records = [("province", province_code, _short(province[0]), None, province[1], province[2], "geocoded")]
    districts: dict[str, tuple] = {}
    for r in rows:
        districts.setdefault(r[3], r)
        if r[5] is None:  # an island district without communes (Bạch Long Vĩ, Cồn Cỏ, Hoàng Sa, Lý Sơn, Côn Đảo)
            continue
        lat, lon, quality = r[7], r[8], "geocoded"
        if point_counts[(lat, lon)] > 1:
            quality = "shared"
            if r[5] in new_by_code:
                (lat, lon), quality = new_by_code[r[5]], "from_2025"
        records.append(("commune", r[5], sentence_case_prefix(r[6]), r[3], lat, lon, quality))
    for code, r in districts.items():
        records.append(("district", code, sentence_case_prefix(r[4]), province_code, None, None, "derived"))
    units = pd.DataFrame.from_records(records, columns=UNIT_COLUMNS)
    communes = units[units["level"] == "commune"]
    centres = communes.groupby("parent_code")[["lat", "lon"]].mean()
    is_district = units["level"] == "district"
    units.loc[is_district, "lat"] = units.loc[is_district, "code"].map(centres["lat"])
    units.loc[is_district, "lon"] = units.loc[is_district, "code"].map(centres["lon"])
    order = units["level"].map({"province": 0, "district": 1, "commune": 2})
    return units.assign(_o=order).sort_values(["_o", "code"]).drop(columns="_o").reset_index(drop=True)


def _short(name: str) -> str:
    return strip_unit_type(name, PROVINCE_TYPES)


@computed_once(maxsize=4)
def _converter() -> dict:
    return json.loads((_library_dir() / "converter_2025.json").read_text(encoding="utf-8"))


def _units_2025(legacy_province_key: str) -> dict[str, tuple]:
    """New-commune key → (code, name, lat, lon) for the 2025 province that absorbed this legacy one."""
    new_province_key = next(
        (k for k, olds in _converter()["DICT_PROVINCE"].items() if legacy_province_key in olds), None
    )
    if new_province_key is None:
        return {}
    rows = _query(
        "select wardKey, wardCode, ward, wardLat, wardLon from admin_units where provinceKey = ?",
        (new_province_key,),
    )
    units = {r[0]: (r[1], sentence_case_prefix(r[2]), r[3], r[4]) for r in rows}
    units["__province__"] = ("", new_province_key, None, None)
    return units


def _crosswalk(rows: list[tuple], new_units: dict[str, tuple]) -> pd.DataFrame:
    new_province_key = new_units.get("__province__", ("", ""))[1]
    conv = _converter()
    undivided = conv["DICT_PROVINCE_WARD_NO_DIVIDED"].get(new_province_key, {})
    divided = conv["DICT_PROVINCE_WARD_DIVIDED"].get(new_province_key, {})
    old_to_new = {old: new for new, olds in undivided.items() for old in olds}
    records = []
    for r in rows:
        if r[5] is None:
            continue
        old_key = f"{r[9]}_{r[10]}_{r[11]}"
        new_key = old_to_new.get(old_key)
        if new_key is None and old_key in divided:
            new_key = next((w["newWardKey"] for w in divided[old_key] if w.get("isDefaultNewWard")), None)
        if new_key in new_units:
            code, name, _lat, _lon = new_units[new_key]
            records.append((r[5], code, name, r[3]))
    return pd.DataFrame.from_records(records, columns=CROSSWALK_COLUMNS + CROSSWALK_EXTRA)
