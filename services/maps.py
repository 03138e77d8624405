"""What the maps show, computed: each commune's indicators, the side panel's figures, the village rows, a click's
area and the filter it leads to, a Leaflet centre and zoom for an area, the credit line, the villages' priority
scores, and the months of a store's history with the villages that changed in each. The Map page and the plan map
read these; drawing is presentation's."""

from __future__ import annotations

from core.analysis.changes import FLAGS
from core.analysis.level2 import by_village as level2_by_village
from core.analysis.map_logic import (
    GAP_SEVERITY,
    INDICATORS,
    clicked_unit,
    commune_indicators,
    district_of_communes,
    filter_after_click,
    map_credit,
    panel_counts,
    team_links,
    unit_names,
    view_for_bounds,
    village_rows,
)
from core.analysis.month_map import Dated, month_versions, months_of, village_changes
from core.analysis.month_map import valid_month as valid_map_month
from core.analysis.scoring import score_villages

__all__ = [
    "FLAGS",
    "Dated",
    "month_versions",
    "months_of",
    "valid_map_month",
    "village_changes",
    "GAP_SEVERITY",
    "INDICATORS",
    "clicked_unit",
    "commune_indicators",
    "district_of_communes",
    "level2_by_village",
    "filter_after_click",
    "map_credit",
    "panel_counts",
    "score_villages",
    "team_links",
    "unit_names",
    "view_for_bounds",
    "village_rows",
]
