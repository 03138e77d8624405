"""The one colour scheme of dxmap: the map, the pictures, the charts and the exports (PDF brief, KML) all take
their colours from here, so a class has one colour wherever a reader meets it.

Chosen for the room: about one man in twelve has a red–green colour deficiency. Every group below holds classes
a reader must tell apart, and `tests/unit/test_palette.py` checks from these values alone that
- any two colours of a group differ by ΔE2000 ≥ 20 in normal vision and under deuteranopia and protanopia
  (Machado 2009 simulation), and
- every mark and swatch has ≥ 3:1 contrast against the white page and the map's background (WCAG 2.2 1.4.11).
Where classes sit side by side on the map they also differ in size (village dots by severity, uncovered
villages larger with a black ring, team bases largest with a white ring).

Hex strings; import the named constants rather than repeating hex codes elsewhere.
"""

from __future__ import annotations

PAGE = "#ffffff"
MAP_BACKGROUND = "#eef2f5"
INK = "#1b1f24"  # text, matches the Streamlit theme's textColor
GREY = "#555555"  # outlines, reference lines, secondary marks
LIGHT_GREY = "#d9d9d9"  # grid lines only (not a class)
SELECTED = "#0b5394"  # the selected area's outline, focus rings

# the seven classes a village dot can show (its worst gap, or none)
RED = "#bb0000"
BLACK = "#111111"
DARK_GREY = "#555555"
TAUPE = "#998877"
VIOLET = "#8833ee"
NAVY = "#003366"
LAVENDER_GREY = "#8888aa"

GAP_COLORS = {
    "no_signal": RED,
    "no_power": BLACK,
    "weak_signal": DARK_GREY,
    "partial_power": TAUPE,
    "low_smartphone": VIOLET,
    "unowned_sim": NAVY,
    "": LAVENDER_GREY,  # no gap
}

# team coverage: covered, not covered, where teams are based
BLUE = "#0072b2"
VERMILLION = "#d55e00"
COVERAGE = {"covered": BLUE, "not_covered": VERMILLION}
TEAM_BASE = BLACK

# the ring around a village that changed during the month the map shows (beside the black ring of villages no
# team covers)
CHANGED = "#d6007e"

# commune shading: four classes, light to dark (lightness orders them; hue alternates so that neighbours stay
# apart for colour-blind readers), and communes without data
SHADING = ("#a38900", "#4a6fb5", "#7f2704", "#1e1b4b")
NO_DATA = "#7c7c7c"

GOOD = BLUE  # reached, covered, on target
BAD = VERMILLION  # not reached, not covered, the worst area
TARGET = BLACK  # target lines

TEAM_TYPE_COLORS = {"community_tech": BLUE, "youth_volunteer": VERMILLION, "shock_team": BLACK}

QUADRANT_COLORS = {
    "high_need_low_effort": RED,  # send teams here first
    "high_need_high_effort": TAUPE,
    "low_need_high_effort": NAVY,
    "low_need_low_effort": DARK_GREY,
}

# chart series in order (the gap colours, darkest and most saturated first)
CATEGORICAL = (NAVY, RED, TAUPE, VIOLET, BLACK, LAVENDER_GREY, DARK_GREY)

# what the tests check: groups of classes told apart, and the backgrounds they are drawn on
GROUPS = {
    "village gaps": tuple(GAP_COLORS.values()),
    "coverage": (*COVERAGE.values(), TEAM_BASE),
    "commune shading": (*SHADING, NO_DATA),
    "team types": tuple(TEAM_TYPE_COLORS.values()),
    "quadrants": tuple(QUADRANT_COLORS.values()),
    "chart series": CATEGORICAL,
    "progress": (GOOD, BAD, TARGET),
    "village rings": (BLACK, CHANGED),
}
BACKGROUNDS = (PAGE, MAP_BACKGROUND)


def kml_colour(hex_colour: str, alpha: int = 255) -> str:
    """A colour as KML writes it: aabbggrr."""
    r, g, b = hex_colour[1:3], hex_colour[3:5], hex_colour[5:7]
    return f"{alpha:02x}{b}{g}{r}".lower()
