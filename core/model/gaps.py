"""A village's gaps: no or weak mobile signal, no or partial grid power, few smartphones, SIMs not registered to
their owner; what the filter narrows by and the figures count."""

from __future__ import annotations

import pandas as pd

GAPS = ("no_signal", "weak_signal", "no_power", "partial_power", "low_smartphone", "unowned_sim")
LOW_SMARTPHONE = 0.5  # below half of households with a smartphone
LOW_OWNER_SIM = 0.7  # below 70 % of SIMs registered to their owner


def gap_masks(villages: pd.DataFrame) -> dict[str, pd.Series]:
    """One boolean mask per gap; a blank value is not a gap (unknown is reported separately)."""
    return {
        "no_signal": villages["mobile_signal"].eq("none").fillna(False),
        "weak_signal": villages["mobile_signal"].eq("weak").fillna(False),
        "no_power": villages["grid_electricity"].eq("no").fillna(False),
        "partial_power": villages["grid_electricity"].eq("partial").fillna(False),
        "low_smartphone": villages["smartphone_share"].lt(LOW_SMARTPHONE).fillna(False),
        "unowned_sim": villages["owner_sim_share"].lt(LOW_OWNER_SIM).fillna(False),
    }
