"""The one immutable Dataset the whole app reads."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from types import MappingProxyType
from typing import Any, TypeVar

import pandas as pd

ADMIN_SYSTEMS = ("legacy", "2025")
# what set a dataset's `as_of`: the package's own date (package.toml), or the newest activity an import added
AS_OF_PACKAGE = "package"
AS_OF_ACTIVITIES = "activities"
T = TypeVar("T")


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
    # "Số liệu đến ngày": `as_of` is the package's date until a committed import adds activities dated after it;
    # then it is the newest such activity's date (`as_of_source` = "activities") and the package's own date
    # stays in `package_as_of`, the date the villages' figures (e-ID baselines) describe
    as_of_source: str = AS_OF_PACKAGE
    package_as_of: date | None = None

    @property
    def baseline_date(self) -> date:
        """The date the villages' own figures describe (their e-ID level-2 baseline): the package's `as_of`,
        whatever later activity reports moved the data's `as_of` to."""
        return self.package_as_of or self.as_of

    def through(self, day: date) -> PackageMeta:
        """This meta with the data running through `day` (an imported activity's date), if that is later."""
        if day <= self.as_of:
            return self
        return replace(self, as_of=day, as_of_source=AS_OF_ACTIVITIES, package_as_of=self.baseline_date)


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
    # the whole province's dataset a narrowed one (an area, a filter's view) was cut from; None: this is it
    whole: Dataset | None = field(default=None, compare=False, repr=False)

    def province(self) -> Dataset:
        """The whole province's dataset this one was narrowed from (itself when it is the whole)."""
        return self if self.whole is None else self.whole

    def narrowed(self, **frames: Any) -> Dataset:
        """This dataset with some frames replaced by narrower ones, remembering the whole province."""
        return replace(self, whole=self.province(), **frames)

    def boundary_credit(self) -> str | None:
        """The credit line the package gives for its boundaries (`boundaries_attribution` in package.toml)."""
        if self.boundaries is None:
            return None
        return str(self.meta.extra.get("boundaries_attribution") or "").strip() or None

    def derived(self, name: str, compute: Callable[[Dataset], T]) -> T:
        """`compute(self)`, once per dataset object: a dataset's frames never change, so what is derived from
        them alone (a code's district, the codes a link may name) holds as long as the dataset does. The
        caller hands out a copy of what it may change; a narrowed dataset derives its own."""
        memo = self.__dict__.get("_derived")
        if memo is None:
            memo = {}
            object.__setattr__(self, "_derived", memo)  # not a field: equality, `replace` and repr ignore it
        if name not in memo:
            memo[name] = compute(self)
        return memo[name]

    def districts(self) -> pd.DataFrame:
        return self.units[self.units["level"] == "district"]

    def communes(self) -> pd.DataFrame:
        return self.units[self.units["level"] == "commune"]

    def own_unit_names(self) -> dict[str, str]:
        """Code → name of every unit of the package's own system (`core.model.filters.unit_names` adds the 2025
        communes of the crosswalk)."""
        return dict(zip(self.units["code"], self.units["name"]))
