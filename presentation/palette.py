"""One colour scheme for charts, maps and exports: Okabe–Ito, safe for colour-blind readers and projectors.

Yellow and sky blue wash out on a projector, so the categorical order puts the dark, saturated hues first.
Colours are hex strings; import the named constants rather than repeating hex codes elsewhere.
"""

from __future__ import annotations

BLUE = "#0072B2"
VERMILLION = "#D55E00"
GREEN = "#009E73"
ORANGE = "#E69F00"
PURPLE = "#CC79A7"
SKY = "#56B4E9"
YELLOW = "#F0E442"
BLACK = "#000000"
GREY = "#6E6E6E"
LIGHT_GREY = "#D9D9D9"
INK = "#1B1F24"  # text, matches the Streamlit theme's textColor

CATEGORICAL = (BLUE, VERMILLION, GREEN, ORANGE, PURPLE, SKY, BLACK)

GOOD = BLUE  # reached, covered, on target
BAD = VERMILLION  # not reached, not covered, the worst area
NEUTRAL = GREY
TARGET = BLACK  # target lines

COVERAGE = {"covered": BLUE, "not_covered": VERMILLION}

GAP_COLORS = {
    "no_signal": VERMILLION,
    "weak_signal": ORANGE,
    "no_power": BLACK,
    "partial_power": GREY,
    "low_smartphone": PURPLE,
    "unowned_sim": GREEN,
}

TEAM_TYPE_COLORS = {"community_tech": BLUE, "youth_volunteer": ORANGE, "shock_team": GREEN}

QUADRANT_COLORS = {
    "high_need_low_effort": VERMILLION,  # send teams here first
    "high_need_high_effort": ORANGE,
    "low_need_high_effort": BLUE,
    "low_need_low_effort": GREY,
}

# Sequential scale for choropleths (light → dark blue), readable in grey scale too.
SEQUENTIAL = ("#F7FBFF", "#C6DBEF", "#6BAED6", "#2171B5", "#08306B")
