"""Shared PDF set-up for the field sheet and the brief: fpdf2 with the shipped DejaVu font, NFC text."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

from fpdf import FPDF

from core.exports.fonts import FAMILY, add_fonts

INK = (30, 35, 40)
MUTED = (95, 105, 115)
ALERT = (176, 0, 32)
RULE = (170, 180, 190)


def nfc(text: object) -> str:
    """Precomposed text: the font has "ậ" as one glyph, and PDF readers then extract it as one character."""
    return unicodedata.normalize("NFC", "" if text is None else str(text))


class Document(FPDF):
    """An FPDF whose footer is one line of text given by `footer_text(page_no)`."""

    def __init__(self, orientation: str, footer_text: Callable[[int], str], title: str) -> None:
        super().__init__(orientation=orientation, unit="mm", format="A4")
        self._footer_text = footer_text
        self.set_margins(12, 12, 12)
        self.set_auto_page_break(True, margin=14)
        add_fonts(self)
        self.set_title(nfc(title))
        self.set_creator("dxmap")
        self.set_text_color(*INK)

    def footer(self) -> None:
        self.set_y(-10)
        self.set_font(FAMILY, "", 7.5)
        self.set_text_color(*MUTED)
        self.cell(0, 4, nfc(self._footer_text(self.page_no())), align="C")
        self.set_text_color(*INK)

    def font(self, size: float, bold: bool = False, color: tuple[int, int, int] = INK) -> None:
        self.set_font(FAMILY, "B" if bold else "", size)
        self.set_text_color(*color)

    def text_line(
        self, text: str, size: float = 10, bold: bool = False, color=INK, h: float | None = None, w: float = 0
    ) -> None:
        """A paragraph at the current position (wrapped), then move to the next line."""
        self.font(size, bold, color)
        self.multi_cell(w, h or size * 0.5, nfc(text), new_x="LMARGIN" if w == 0 else "LEFT", new_y="NEXT")

    def rule(self) -> None:
        self.set_draw_color(*RULE)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.set_draw_color(0, 0, 0)

    def to_bytes(self) -> bytes:
        return bytes(self.output())
