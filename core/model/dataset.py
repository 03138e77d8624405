"""The one immutable Dataset the whole app reads."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType
from typing import Any

import pandas as pd

ADMIN_SYSTEMS = ("legacy", "2025")


@dataclass(frozen=True)
class PackageMeta:
    """The `package.toml` of a data package."""

    name: str
    province_code: str
    province_name: str
    admin_system: str  # "legacy" or "2025"
    as_of: date
    source: str = ""
    license: str = ""
    synthetic: bool = False
    extra: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))


@dataclass(frozen=True)
class Dataset:
    """Everything one data package says, in canonical columns.

    Tables are pandas DataFrames with the canonical column names of DATA_SPEC.md (extra columns kept):
    - `units`: admin units known for the province: `level` (province/district/commune), `code`, `name`,
      `parent_code`, `lat`, `lon`, `centroid_quality` (`geocoded`, `placeholder`, `derived`);
    - `villages`, `teams`, `team_villages`, `activities`, `targets` as in the data contract; codes are text,
      counts are nullable integers (`Int64`: blank means "not reported", never 0), shares are 0–1 floats,
      dates are `datetime64`;
    - `crosswalk`: `legacy_commune_code`, `commune_code_2025`, `commune_name_2025` (may be empty);
    - `boundaries`: a GeoDataFrame (EPSG:4326) with `level`, `code`, `name`, `parent_code`, `approximate`,
      or None when the package has none.
    Never mutate a Dataset's frames: derive new ones.
    """

    meta: PackageMeta
    units: pd.DataFrame
    villages: pd.DataFrame
    teams: pd.DataFrame
    team_villages: pd.DataFrame
    activities: pd.DataFrame
    targets: pd.DataFrame
    crosswalk: pd.DataFrame
    boundaries: Any = None  # geopandas.GeoDataFrame | None

    def boundary_credit(self) -> str | None:
        """The credit line the package gives for its boundaries (`boundaries_attribution` in package.toml)."""
        if self.boundaries is None:
            return None
        return str(self.meta.extra.get("boundaries_attribution") or "").strip() or None

    def districts(self) -> pd.DataFrame:
        return self.units[self.units["level"] == "district"]

    def communes(self) -> pd.DataFrame:
        return self.units[self.units["level"] == "commune"]

    def own_unit_names(self) -> dict[str, str]:
        """Code → name of every unit of the package's own system (`core.model.filters.unit_names` adds the 2025
        communes of the crosswalk)."""
        return dict(zip(self.units["code"], self.units["name"]))
