"""The priority weights a planner chooses: the presets, the score's components and the link's form of them."""

from __future__ import annotations

from core.analysis.scoring import (
    COMPONENTS,
    DEFAULT_PRESET,
    PRESETS,
    Weights,
    weights_from_params,
    weights_to_params,
)

__all__ = ["COMPONENTS", "DEFAULT_PRESET", "PRESETS", "Weights", "weights_from_params", "weights_to_params"]
