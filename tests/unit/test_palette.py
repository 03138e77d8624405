"""The one colour scheme is readable by colour-blind readers and on the page: computed from the palette itself.

For every group of classes a reader must tell apart (core.palette.GROUPS), any two colours differ by ΔE2000 ≥ 20
in normal vision and under deuteranopia and protanopia (Machado 2009, as coloraide simulates them), and every
colour has ≥ 3:1 contrast against the page and the map's background (WCAG 2.2, non-text contrast)."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from coloraide import Color

from core import palette

ROOT = Path(__file__).resolve().parents[2]
MIN_DELTA_E = 20.0
MIN_CONTRAST = 3.0
VISIONS = ("normal", "deutan", "protan")


def seen(colour: str, vision: str) -> Color:
    c = Color(colour)
    return c if vision == "normal" else c.filter(vision, method="machado")


def smallest_difference(colours: tuple[str, ...]) -> tuple[float, str, str, str]:
    return min(
        (seen(a, v).delta_e(seen(b, v), method="2000"), a, b, v)
        for a, b in itertools.combinations(colours, 2)
        for v in VISIONS
    )


@pytest.mark.parametrize("group", sorted(palette.GROUPS))
def test_every_two_classes_of_a_group_stay_apart_for_colour_blind_readers(group):
    colours = palette.GROUPS[group]
    assert len(set(colours)) == len(colours), f"{group}: a colour used twice"
    difference, a, b, vision = smallest_difference(colours)
    assert difference >= MIN_DELTA_E, f"{group}: {a} and {b} differ by {difference:.1f} ({vision})"


@pytest.mark.parametrize("group", sorted(palette.GROUPS))
def test_every_mark_stands_out_from_the_page_and_the_map(group):
    for colour in palette.GROUPS[group]:
        for background in palette.BACKGROUNDS:
            ratio = Color(colour).contrast(background, method="wcag21")
            assert ratio >= MIN_CONTRAST, f"{group}: {colour} on {background} is {ratio:.2f}:1"


def test_the_check_would_catch_the_old_map_colours():
    """The map's former colours: covered green and uncovered red merge for a deuteranope; yellow vanishes."""
    assert smallest_difference(("#2e7d32", "#d50000"))[0] < MIN_DELTA_E
    assert Color("#f9a825").contrast("#ffffff", method="wcag21") < MIN_CONTRAST


def test_no_colour_is_written_outside_the_palette_in_the_map_and_exports():
    """The map, its legend and the exports take their class colours from core.palette (outlines may be grey)."""
    allowed = {c.lower() for group in palette.GROUPS.values() for c in group}
    allowed |= {palette.PAGE, palette.MAP_BACKGROUND, palette.SELECTED, palette.INK, palette.LIGHT_GREY}
    outlines = {"#ffffff", "#000000", "#263238", "#37474f", "#78909c", "#90a4ae", "#e3e8ee", "#f4f1ea", "#e9e2d0"}
    outlines |= {"#9a9a9a", "#d9dee4"}
    for path in (
        "presentation/map_payload.py",
        "components/map_view.py",
        "components/plan_map.py",
        "core/exports/brief.py",
        "core/exports/kml.py",
    ):
        found = {c.lower() for c in re.findall(r"#[0-9a-fA-F]{6}\b", (ROOT / path).read_text(encoding="utf-8"))}
        assert found <= allowed | outlines, f"{path}: {sorted(found - allowed - outlines)}"
