"""The Vietnamese-capable font shipped in the repo (DejaVu Sans, see data/fonts/LICENSE-DejaVu.txt)."""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF

FONT_DIR = Path(__file__).resolve().parents[2] / "data" / "fonts"
REGULAR = FONT_DIR / "DejaVuSans.ttf"
BOLD = FONT_DIR / "DejaVuSans-Bold.ttf"
FAMILY = "DejaVu"


def add_fonts(pdf: FPDF) -> None:
    """Register regular and bold DejaVu Sans on `pdf` and select the regular face.

    Core PDF fonts (Helvetica…) have no Vietnamese glyphs: every PDF export writes with this family.
    """
    pdf.add_font(FAMILY, "", str(REGULAR))
    pdf.add_font(FAMILY, "B", str(BOLD))
    pdf.set_font(FAMILY, "", 10)
