"""What a team should bring to a village, from its gaps: one readable rule table.

Each rule: (intervention key, condition on a village row). Keys are translated in core/locale/plan.py
(`intervention_<key>`). Order is the order a field sheet lists them.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from core.analysis.kpis import LOW_OWNER_SIM, LOW_SMARTPHONE

MINORITY_BILINGUAL = 0.5  # half the village from ethnic minorities: bring someone who speaks the language

Rule = tuple[str, Callable[[pd.DataFrame], pd.Series]]

RULES: tuple[Rule, ...] = (
    ("offline_visit", lambda v: v["mobile_signal"].eq("none")),
    ("signal_point", lambda v: v["mobile_signal"].eq("weak")),
    ("daytime_power_banks", lambda v: v["grid_electricity"].eq("no")),
    ("daytime_session", lambda v: v["grid_electricity"].eq("partial")),
    ("team_devices", lambda v: v["smartphone_share"].lt(LOW_SMARTPHONE)),
    ("sim_drive", lambda v: v["owner_sim_share"].lt(LOW_OWNER_SIM)),
    ("bilingual_member", lambda v: v["ethnic_minority_share"].ge(MINORITY_BILINGUAL)),
    ("evening_session", lambda v: v["grid_electricity"].eq("yes") & v["ethnic_minority_share"].ge(MINORITY_BILINGUAL)),
)
DEFAULT = "door_to_door"


def interventions(villages: pd.DataFrame) -> pd.Series:
    """Per village row, the tuple of intervention keys its gaps call for (at least the default visit)."""
    flags = pd.DataFrame({key: cond(villages).fillna(False).astype(bool) for key, cond in RULES}, index=villages.index)
    keys = [key for key, _ in RULES]
    return flags.apply(lambda row: tuple(k for k in keys if row[k]) or (DEFAULT,), axis=1)
