"""Printable field sheets for places without signal: one page per team of the plan, or one per village.

Each village block: name and place, a QR code of `geo:lat,lon` (any map app opens it offline), travel
time, gaps, what to bring, and blank tally boxes for the people the team enrols.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import segno

from core.exports.columns import gap_labels, plan_frame
from core.exports.context import ExportInput
from core.exports.pdfbase import ALERT, MUTED, Document, nfc
from core.i18n import fmt_date, fmt_int, fmt_number, t

MAX_VILLAGE_PAGES = 50  # without a plan: a sheet for the first N villages, not a 1,500-page book
TALLY_OUTCOMES = ("eid_level1", "eid_level2", "public_service_accounts", "digital_signatures")
QR_MM = 30
_BLOCK_GAP = 4


def geo_uri(lat: float, lon: float) -> str:
    """The QR payload: an RFC 5870 `geo:` URI, 5 decimals ≈ 1 m."""
    return f"geo:{lat:.5f},{lon:.5f}"


def qr_png(payload: str, scale: int = 8) -> io.BytesIO:
    """A PNG of the QR code (black modules on white, 2-module quiet zone), in memory."""
    buffer = io.BytesIO()
    segno.make(payload, error="m").save(buffer, kind="png", scale=scale, border=2)
    buffer.seek(0)
    return buffer


@dataclass(frozen=True)
class Sheet:
    """One team's (or one village's) sheet: a title, a line under it, and its village rows."""

    title: str
    subtitle: str
    villages: pd.DataFrame  # ranked-village columns, plus nights/expected_people/plan travel in team mode


def sheets(inp: ExportInput) -> list[Sheet]:
    """The plan's teams when there is a plan, else the first villages of the list."""
    lang = inp.lang
    if inp.has_plan:
        frame = plan_frame(inp.plan.rows, inp.ranked, inp.view.teams)
        teams = inp.view.teams.drop_duplicates("team_id").set_index("team_id")
        out = []
        for team_id, rows in frame.groupby("team_id", sort=True):
            team = teams.loc[team_id] if team_id in teams.index else None
            kind = t(f"team_type_{team['team_type']}", lang) if team is not None else ""
            members = fmt_int(team["members"], lang) if team is not None else "–"
            line = t(
                "exp_fs_team_line",
                lang,
                kind=kind,
                members=members,
                villages=len(rows),
                nights=fmt_int(rows["nights"].sum(), lang),
            )
            out.append(Sheet(t("exp_fs_title_team", lang, team=rows["team_name"].iloc[0]), line, rows))
        return out
    villages = inp.villages.head(MAX_VILLAGE_PAGES)
    return [
        Sheet(
            t("exp_fs_title_village", lang, village=row.village_name),
            t("exp_fs_rank", lang, rank=row.rank, score=fmt_number(row.score, lang)),
            villages.iloc[[i]],
        )
        for i, row in enumerate(villages.itertuples())
    ]


def team_sheet(inp: ExportInput, team_id: str, villages: pd.DataFrame) -> bytes:
    """One team's sheet (A4 portrait PDF) over `villages` (ranked-village rows), for its field pack."""
    lang = inp.lang
    teams = inp.view.teams.drop_duplicates("team_id").set_index("team_id")
    team = teams.loc[team_id]
    line = t(
        "exp_fp_sheet_line",
        lang,
        kind=t(f"team_type_{team['team_type']}", lang),
        members=fmt_int(team["members"], lang),
        villages=fmt_int(len(villages), lang),
    )
    as_of = fmt_date(inp.view.meta.as_of, lang)
    pdf = Document(
        "portrait",
        lambda page: t("exp_fs_footer", lang, area=inp.area, date=as_of, page=f"{page}/{{nb}}"),
        t("exp_btn_field_sheet", lang),
    )
    if villages.empty:
        pdf.add_page()
        pdf.text_line(t("exp_fs_empty", lang), 12)
    else:
        _sheet(pdf, Sheet(t("exp_fs_title_team", lang, team=team["team_name"]), line, villages), inp)
    return pdf.to_bytes()


def to_field_sheets(inp: ExportInput, progress: Callable[[int, int], None] | None = None) -> bytes:
    """The PDF (A4 portrait). Each sheet starts on a new page; long team lists continue on the next.

    `progress(done, total)` is called after each sheet (a province plan is ~400 pages and ~10 s)."""
    lang = inp.lang
    as_of = fmt_date(inp.view.meta.as_of, lang)

    def footer(page: int) -> str:
        return t("exp_fs_footer", lang, area=inp.area, date=as_of, page=f"{page}/{{nb}}")

    pdf = Document("portrait", footer, t("exp_btn_field_sheet", lang))
    all_sheets = sheets(inp)
    if not all_sheets:
        pdf.add_page()
        pdf.text_line(t("exp_fs_empty", lang), 12)
    for done, sheet in enumerate(all_sheets, start=1):
        _sheet(pdf, sheet, inp)
        if progress is not None:
            progress(done, len(all_sheets))
    return pdf.to_bytes()


def _sheet(pdf: Document, sheet: Sheet, inp: ExportInput) -> None:
    _page_header(pdf, sheet, inp)
    gaps = gap_labels(sheet.villages, inp.lang)
    rows = list(sheet.villages.itertuples(index=False))
    heights = [_block_height(pdf, row, inp.lang) for row in rows]
    # a sheet that fits on one page gives its spare room to the tally boxes: more space to tick
    free = pdf.h - pdf.b_margin - pdf.get_y() - sum(heights) - _SIGNATURE_H
    tally_h = min(_TALLY_H + free / len(rows), _TALLY_MAX_H) if free > 0 else _TALLY_H
    for i, row in enumerate(rows):
        if pdf.get_y() + heights[i] > pdf.h - pdf.b_margin:
            _page_header(pdf, sheet, inp)
        _village_block(pdf, row, gaps.iloc[i], inp.lang, tally_h)
    _signatures(pdf, inp.lang)


def _page_header(pdf: Document, sheet: Sheet, inp: ExportInput) -> None:
    pdf.add_page()
    pdf.text_line(sheet.title, 15, bold=True, h=7)
    pdf.text_line(sheet.subtitle, 9.5, color=MUTED)
    if inp.view.meta.synthetic:
        pdf.text_line(t("exp_demo_note", inp.lang), 8.5, bold=True, color=ALERT)
    pdf.ln(1)
    pdf.rule()
    pdf.ln(2)


def _details(row, gaps: str, lang: str) -> list[tuple[str, str]]:
    """(label, text) lines of a village block."""
    lines = [(t("exp_fs_coords", lang), f"{row.lat:.5f}, {row.lon:.5f}")]
    travel = getattr(row, "travel_minutes", None)
    if hasattr(row, "nights"):  # team mode: the plan's travel time from the team's base
        lines.append((t("exp_fs_travel", lang), t("exp_fs_travel_value", lang, minutes=fmt_int(travel, lang))))
        lines.append(
            (
                t("exp_fs_stay", lang),
                t(
                    "exp_fs_stay_value",
                    lang,
                    nights=fmt_int(row.nights, lang),
                    people=fmt_int(row.expected_people, lang),
                ),
            )
        )
    elif travel == travel and travel is not None:
        lines.append((t("exp_fs_travel", lang), t("exp_fs_travel_centre", lang, minutes=fmt_int(travel, lang))))
    if hasattr(row, "remaining"):
        lines.append(("", t("exp_fs_remaining", lang, n=fmt_int(row.remaining, lang))))
    lines.append((t("exp_fs_gaps", lang), gaps or t("exp_fs_no_gaps", lang)))
    bring = "".join(f"\n• {t(f'intervention_{k}', lang)}" for k in row.interventions)
    lines.append((t("exp_fs_bring", lang), bring))
    return lines


_TEXT_X = QR_MM + 6
_TALLY_H = 17  # mm, the smallest tally box (+ its title)
_TALLY_MAX_H = 60
_SIGNATURE_H = 24


def _block_height(pdf: Document, row, lang: str) -> float:
    width = pdf.epw - _TEXT_X
    pdf.font(8.5)
    text = "\n".join(f"{label}: {value}" for label, value in _details(row, "x" * 60, lang))
    lines = pdf.multi_cell(width, 4.2, nfc(text), dry_run=True, output="LINES")
    return 8 + max(len(lines) * 4.2, QR_MM + 8) + 6 + _TALLY_H + _BLOCK_GAP


def _village_block(pdf: Document, row, gaps: str, lang: str, tally_h: float) -> None:
    x0 = pdf.l_margin
    pdf.font(11.5, bold=True)
    pdf.cell(pdf.epw * 0.55, 6.5, nfc(f"{row.rank}. {row.village_name}"))
    pdf.font(9, color=MUTED)
    pdf.cell(
        0,
        6.5,
        nfc(t("exp_fs_place", lang, commune=row.commune_name, district=row.district_name)),
        align="R",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    top = pdf.get_y() + 1
    pdf.image(qr_png(geo_uri(row.lat, row.lon)), x=x0, y=top, w=QR_MM, h=QR_MM)
    pdf.set_xy(x0, top + QR_MM)
    pdf.font(6.5, color=MUTED)
    pdf.multi_cell(QR_MM, 3, nfc(t("exp_fs_qr_hint", lang)), align="C")
    qr_bottom = pdf.get_y()
    pdf.set_xy(x0 + _TEXT_X, top)
    for label, value in _details(row, gaps, lang):
        pdf.set_x(x0 + _TEXT_X)
        pdf.font(8.5)
        text = f"**{label}:** {value}" if label else value
        pdf.multi_cell(pdf.epw - _TEXT_X, 4.2, nfc(text), markdown=True, new_x="LEFT", new_y="NEXT")
    pdf.set_xy(x0, max(pdf.get_y(), qr_bottom) + 1.5)
    _tally(pdf, lang, tally_h)
    pdf.set_y(pdf.get_y() + _BLOCK_GAP - 2)
    pdf.rule()
    pdf.ln(2)


def _tally(pdf: Document, lang: str, height: float) -> None:
    """Four empty boxes (e-ID L1, L2, public-service accounts, digital signatures) with a total field each."""
    pdf.font(8, bold=True)
    pdf.cell(0, 4, nfc(t("exp_fs_tally", lang)), new_x="LMARGIN", new_y="NEXT")
    y = pdf.get_y()
    gap = 3
    width = (pdf.epw - gap * (len(TALLY_OUTCOMES) - 1)) / len(TALLY_OUTCOMES)
    for i, key in enumerate(TALLY_OUTCOMES):
        x = pdf.l_margin + i * (width + gap)
        pdf.rect(x, y, width, height - 4)
        pdf.set_xy(x + 1, y + 0.8)
        pdf.font(6.8, color=MUTED)
        pdf.cell(width - 2, 3, nfc(t(f"outcome_{key}", lang)))
        pdf.set_xy(x + width - 17, y + height - 8.5)
        pdf.cell(16, 3.5, nfc(f"{t('exp_fs_total', lang)}: ____"), align="R")
    pdf.set_xy(pdf.l_margin, y + height - 2)


def _signatures(pdf: Document, lang: str) -> None:
    if pdf.get_y() + _SIGNATURE_H > pdf.h - pdf.b_margin:
        return  # no room left: the signature lines are a courtesy, not worth a page of their own
    pdf.ln(4)
    pdf.font(8.5)
    half = pdf.epw / 2
    pdf.cell(half, 5, nfc(t("exp_fs_sign_team", lang)), align="C")
    pdf.cell(half, 5, nfc(t("exp_fs_sign_village", lang)), align="C", new_x="LMARGIN", new_y="NEXT")
