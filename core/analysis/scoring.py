"""Explainable village priority scores (0–100): a weighted sum of normalised components.

Each component is a 0–1 value per village (1 = most in need); the score is 100 × Σ wᵢcᵢ / Σ wᵢ, so each
village's score is exactly the sum of its per-component contributions — the "why" a committee can defend.
"""

from __future__ import annotations

import weakref
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np
import pandas as pd

from core.analysis import level2
from core.model.dataset import Dataset
from core.once import OnceCache

COMPONENTS = ("remaining", "signal", "power", "smartphone", "sim", "minority", "uncovered", "travel")
SIGNAL_NEED = {"none": 1.0, "weak": 0.6, "3g": 0.2, "4g": 0.0}
POWER_NEED = {"no": 1.0, "partial": 0.5, "yes": 0.0}
TRAVEL_SCALE_MINUTES = 120.0  # two hours from the commune centre counts as fully remote

PRESETS: Mapping[str, Mapping[str, float]] = MappingProxyType(
    {
        "balanced": MappingProxyType(
            {
                "remaining": 3,
                "signal": 2,
                "power": 2,
                "smartphone": 1,
                "sim": 1,
                "minority": 1,
                "uncovered": 2,
                "travel": 1,
            }
        ),
        "reach_most": MappingProxyType(
            {
                "remaining": 6,
                "signal": 0,
                "power": 0,
                "smartphone": 1,
                "sim": 1,
                "minority": 0,
                "uncovered": 1,
                "travel": 0,
            }
        ),
        "hardest_first": MappingProxyType(
            {
                "remaining": 1,
                "signal": 3,
                "power": 3,
                "smartphone": 1,
                "sim": 1,
                "minority": 1,
                "uncovered": 1,
                "travel": 2,
            }
        ),
        "no_one_left_behind": MappingProxyType(
            {
                "remaining": 2,
                "signal": 1,
                "power": 1,
                "smartphone": 1,
                "sim": 1,
                "minority": 2,
                "uncovered": 4,
                "travel": 1,
            }
        ),
    }
)
DEFAULT_PRESET = "balanced"


@dataclass(frozen=True)
class Weights:
    """Non-negative weights per component; at least one must be positive."""

    values: tuple[tuple[str, float], ...]

    @classmethod
    def of(cls, mapping: Mapping[str, float]) -> Weights:
        clean = {c: max(0.0, float(mapping.get(c, 0.0))) for c in COMPONENTS}
        if sum(clean.values()) <= 0:
            raise ValueError("at least one weight must be positive")
        return cls(tuple(clean.items()))

    @classmethod
    def preset(cls, name: str = DEFAULT_PRESET) -> Weights:
        return cls.of(PRESETS[name])

    def as_dict(self) -> dict[str, float]:
        return dict(self.values)

    def to_param(self) -> str:
        """`remaining:3,signal:2,…` for the link (the `w` parameter)."""
        return ",".join(f"{k}:{_compact(v)}" for k, v in self.values)

    @classmethod
    def from_param(cls, text: str) -> Weights:
        """Parse `remaining:3,signal:2`; unknown names or bad numbers raise ValueError."""
        mapping: dict[str, float] = {}
        for part in filter(None, (p.strip() for p in text.split(","))):
            name, _, value = part.partition(":")
            if name not in COMPONENTS:
                raise ValueError(name)
            mapping[name] = float(value)
            if not np.isfinite(mapping[name]) or mapping[name] < 0:
                raise ValueError(part)
        return cls.of(mapping)

    def preset_name(self) -> str | None:
        return next((name for name in PRESETS if Weights.preset(name) == self), None)


def _compact(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def remaining_citizens(dataset: Dataset) -> pd.Series:
    """Eligible citizens still without level-2 e-ID, per village id.

    max(0, eligible − baseline − level-2 activations reported after the baseline's date); blank eligible → 0.
    The baseline's date is the package's `as_of` (`meta.baseline_date`), not the later date that imported
    activity reports move the data's `as_of` to: their activations still count.
    """
    v = dataset.villages
    eligible = v["eligible_citizens"].astype("Float64").fillna(0)
    remaining = (eligible - level2.by_village(dataset).fillna(0)).clip(lower=0).astype(float).round().astype(int)
    return pd.Series(remaining.to_numpy(), index=v["village_id"].to_numpy())


def components(dataset: Dataset) -> pd.DataFrame:
    """The 0–1 need components per village (index: village_id). Unknown values count as no need."""
    v = dataset.villages.set_index("village_id")
    remaining = remaining_citizens(dataset)
    scale = max(float(remaining.quantile(0.95)) if len(remaining) else 0.0, 1.0)
    covered = v.index.isin(dataset.team_villages["village_id"])
    return pd.DataFrame(
        {
            "remaining": (remaining.reindex(v.index) / scale).clip(0, 1),
            "signal": v["mobile_signal"].map(SIGNAL_NEED).astype(float).fillna(0.0),
            "power": v["grid_electricity"].map(POWER_NEED).astype(float).fillna(0.0),
            "smartphone": (1 - v["smartphone_share"].astype(float)).fillna(0.0).clip(0, 1),
            "sim": (1 - v["owner_sim_share"].astype(float)).fillna(0.0).clip(0, 1),
            "minority": v["ethnic_minority_share"].astype(float).fillna(0.0).clip(0, 1),
            "uncovered": np.where(covered, 0.0, 1.0),
            "travel": (v["travel_minutes"].astype(float) / TRAVEL_SCALE_MINUTES).fillna(0.0).clip(0, 1),
        },
        index=v.index,
    )


def score_villages(dataset: Dataset, weights: Weights) -> pd.DataFrame:
    """One row per village of `dataset`, best first: `rank`, `score`, `remaining`, `contrib_<component>` columns.

    A village's score is a property of the village in the province: its components are measured on the whole
    province's data (`Dataset.province()`: every team's coverage, every activity, the province's scale of
    remaining citizens), so an area, a filter or a page never changes it; only the ranks are within `dataset`.
    Contributions add up to the score. Ties are broken by remaining citizens, then village id, so the
    ranking is stable.
    """
    comp, remaining = _province_needs(dataset.province())
    comp = comp[comp.index.isin(dataset.villages["village_id"])]
    w = weights.as_dict()
    total = sum(w.values())
    contrib = pd.DataFrame({f"contrib_{c}": 100.0 * w[c] * comp[c] / total for c in COMPONENTS}, index=comp.index)
    out = contrib.assign(score=contrib.sum(axis=1), remaining=remaining.reindex(comp.index))
    out.index.name = "village_id"
    out = out.reset_index().sort_values(["score", "remaining", "village_id"], ascending=[False, False, True])
    out.insert(0, "rank", np.arange(1, len(out) + 1))
    return out.reset_index(drop=True)


_NEEDS = OnceCache(4)  # provinces whose components are remembered (a data version or two, a package, a test)


def _province_needs(province: Dataset) -> tuple[pd.DataFrame, pd.Series]:
    """The components and remaining citizens of the whole province's villages, once per province dataset (a
    page's views and exports all score against the same one; a whole country has 80,000 villages). The sessions
    that ask at the same moment wait for the first one's answer."""
    _, found, remaining = _NEEDS.get(
        id(province),
        lambda: (weakref.ref(province), components(province), remaining_citizens(province)),
        valid=lambda kept: kept[0]() is province,  # an id outlives its dataset: a later one may reuse it
    )
    return found, remaining


def weights_from_params(params: Mapping[str, str]) -> tuple[Weights, list[tuple[str, str, str]]]:
    """Weights from the link: `w=remaining:3,…` wins over `preset=NAME`; bad values → default + notice.

    Notices are (param, value, reason key) triples.
    """
    notices: list[tuple[str, str, str]] = []
    preset = (params.get("preset") or "").strip()
    weights = Weights.preset()
    if preset:
        if preset in PRESETS:
            weights = Weights.preset(preset)
        else:
            notices.append(("preset", preset, "notice_unknown_preset"))
    text = (params.get("w") or "").strip()
    if text:
        try:
            weights = Weights.from_param(text)
        except ValueError:
            notices.append(("w", text, "notice_bad_weights"))
    return weights, notices


def weights_to_params(weights: Weights) -> dict[str, str]:
    """`preset=NAME` when the weights are a preset, else `w=…`."""
    name = weights.preset_name()
    if name == DEFAULT_PRESET:
        return {}
    return {"preset": name} if name else {"w": weights.to_param()}
