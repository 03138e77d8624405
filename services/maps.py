"""What the maps show, computed: each commune's indicators, the side panel's figures, the village rows, a click's
area and the filter it leads to, a Leaflet centre and zoom for an area, the credit line and the villages'
priority scores. The Map page and the plan map read these; drawing is presentation's."""

from __future__ import annotations

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
from core.analysis.scoring import score_villages

__all__ = [
    "GAP_SEVERITY",
    "INDICATORS",
    "clicked_unit",
    "commune_indicators",
    "district_of_communes",
    "filter_after_click",
    "map_credit",
    "panel_counts",
    "score_villages",
    "team_links",
    "unit_names",
    "view_for_bounds",
    "village_rows",
]
