"""A monthly trend as a picture (no Streamlit, no chart library): bars of what was reported each month and a line
of the running total on its own axis, as an SVG document, its legend as HTML and its description in words.

The Overview shows it instead of a Plotly chart, so the page draws without the chart library's bundle. Lengths
are pixels at the picture's natural size (about the width of a half-page column at 1366 px, or of the projector's
column with `large`), so its text reads at the page's own sizes; a wider column draws it larger.
"""

from __future__ import annotations

import html
import math

import pandas as pd

from core import palette
from core.analysis.indicators import reported_label
from core.i18n import fmt_int, t

FONT = '"Source Sans", "Source Sans Pro", Arial, "DejaVu Sans", sans-serif'
_CHAR = 0.6  # a character's width as a share of the font size (digits and the month's slash: ≤ 0.56)
_STEPS = (1, 2, 3, 4, 6, 12)  # months between two labels of the month axis


def _nice_step(raw: float) -> int:
    """The smallest round step (1, 2 or 5 × 10ⁿ) at least `raw`, never below 1."""
    if raw <= 1:
        return 1
    magnitude = 10 ** math.floor(math.log10(raw))
    return next(int(m * magnitude) for m in (1, 2, 5, 10) if m * magnitude >= raw)


def _ticks(top: float, intervals: int = 4) -> list[int]:
    step = _nice_step(top / intervals)
    count = max(1, math.ceil(top / step))
    return [i * step for i in range(count + 1)]


def _month(value) -> str:
    return pd.Timestamp(value).strftime("%m/%Y")


def _values(column: pd.Series) -> list[float | None]:
    return [None if pd.isna(v) else float(v) for v in column]


def trend_svg(monthly: pd.DataFrame, indicator: str, lang: str, large: bool = False) -> tuple[str, str]:
    """The picture of `core.analysis.indicators.monthly_outcome` (columns month, reported, cumulative) and its
    legend; months without a report have no bar and break the line. ("", a note) when there is no month."""
    title = t("ch_trend_title", lang, indicator=reported_label(indicator, lang))
    font = 22 if large else 14
    if monthly.empty:
        return "", f'<p style="font-size: {font}px">{html.escape(t("ch_no_data", lang))}</p>'
    months = list(monthly["month"])
    reported, cumulative = _values(monthly["reported"]), _values(monthly["cumulative"])
    left_ticks = _ticks(max([v for v in reported if v is not None] or [0]))
    step = _nice_step(max([v for v in cumulative if v is not None] or [0]) / (len(left_ticks) - 1))
    right_ticks = [i * step for i in range(len(left_ticks))]  # on the left axis' grid lines

    width, height = (640, 420) if large else (480, 320)
    left_label = max(len(fmt_int(v, lang)) for v in left_ticks) * _CHAR * font
    right_label = max(len(fmt_int(v, lang)) for v in right_ticks) * _CHAR * font
    x0 = round(1.6 * font + left_label + 0.5 * font)
    x1 = round(width - 1.6 * font - right_label - 0.5 * font)
    y0, y1 = round(0.8 * font), round(height - 2.4 * font)
    band = (x1 - x0) / len(months)

    def y_left(v: float) -> float:
        return y1 - (y1 - y0) * v / left_ticks[-1]

    def y_right(v: float) -> float:
        return y1 - (y1 - y0) * v / right_ticks[-1]

    parts = []
    for v, w in zip(left_ticks, right_ticks):
        y = y_left(v)
        colour = palette.INK if v == 0 else palette.LIGHT_GREY
        parts.append(f'<path d="M{x0} {y:.1f}H{x1}" stroke="{colour}" stroke-width="1"/>')
        parts.append(
            f'<text x="{x0 - 0.4 * font:.1f}" y="{y:.1f}" text-anchor="end" dy="0.35em">{fmt_int(v, lang)}</text>'
        )
        parts.append(f'<text x="{x1 + 0.4 * font:.1f}" y="{y:.1f}" dy="0.35em">{fmt_int(w, lang)}</text>')
    parts.append(f'<path d="M{x0} {y0}V{y1}M{x1} {y0}V{y1}" stroke="{palette.INK}" stroke-width="1"/>')
    bars = "".join(
        f"M{x0 + (i + 0.15) * band:.1f} {y1}V{y_left(v):.1f}h{0.7 * band:.1f}V{y1}z"
        for i, v in enumerate(reported)
        if v
    )
    parts.append(f'<path d="{bars}" fill="{palette.BLUE}"/>')
    line, pen_up = [], True
    for i, v in enumerate(cumulative):
        if v is None:
            pen_up = True
            continue
        line.append(f"{'M' if pen_up else 'L'}{x0 + (i + 0.5) * band:.1f} {y_right(v):.1f}")
        pen_up = False
    parts.append(
        f'<path d="{"".join(line)}" fill="none" stroke="{palette.VERMILLION}" stroke-width="{5 if large else 3}" '
        'stroke-linejoin="round" stroke-linecap="round"/>'
    )
    label_w = 7 * _CHAR * font * 1.15  # "06/2025" and a gap
    every = next((s for s in _STEPS if s * band >= label_w), _STEPS[-1])
    start = next((i for i, m in enumerate(months) if (pd.Timestamp(m).month - 1) % every == 0), 0)
    for i in range(start, len(months), every):
        x = x0 + (i + 0.5) * band
        parts.append(f'<path d="M{x:.1f} {y1}v{0.3 * font:.1f}" stroke="{palette.INK}" stroke-width="1"/>')
        parts.append(f'<text x="{x:.1f}" y="{y1 + 1.6 * font:.1f}" text-anchor="middle">{_month(months[i])}</text>')
    middle = (y0 + y1) / 2
    for x, angle, key in ((0.9 * font, -90, "ch_monthly"), (width - 0.9 * font, 90, "ch_cumulative")):
        parts.append(
            f'<text transform="translate({x:.1f} {middle:.1f}) rotate({angle})" text-anchor="middle" '
            f'dy="0.35em">{html.escape(t(key, lang))}</text>'
        )
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}">'
        f"<title>{html.escape(title)}</title>"
        f"<style>text {{font-family: {FONT}; font-size: {font}px; fill: {palette.INK}}}</style>"
        f'<rect width="{width}" height="{height}" fill="{palette.PAGE}"/>{"".join(parts)}</svg>'
    )
    swatch = font - 2
    legend = "".join(
        f'<span style="white-space: nowrap"><span style="display: inline-block; width: {swatch}px; '
        f'height: {height_}px; background: {colour}; margin-right: 0.35rem; vertical-align: middle"></span>'
        f"{html.escape(t(key, lang))}</span>"
        for key, colour, height_ in (
            ("ch_monthly", palette.BLUE, swatch),
            ("ch_cumulative", palette.VERMILLION, 5 if large else 3),
        )
    )
    legend_html = (
        f'<div style="font-family: {html.escape(FONT, quote=True)}; font-size: {font}px; color: {palette.INK}; '
        f'display: flex; flex-wrap: wrap; gap: 0.2rem 1.2rem">{legend}</div>'
    )
    return svg, legend_html


def trend_alt(monthly: pd.DataFrame, indicator: str, lang: str) -> str:
    """What the picture shows, in words: the months, the busiest month and the total at the end."""
    name = reported_label(indicator, lang)
    known = monthly.dropna(subset=["reported"])
    if known.empty:
        return t("tk_trend_none", lang, indicator=t(f"outcome_{indicator}", lang).lower())
    peak = known.loc[known["reported"].astype(float).idxmax()]
    total = monthly["cumulative"].dropna()
    return t(
        "alt_trend_chart",
        lang,
        indicator=name,
        first=_month(monthly["month"].iloc[0]),
        last=_month(monthly["month"].iloc[-1]),
        peak=fmt_int(peak["reported"], lang),
        peak_month=_month(peak["month"]),
        total=fmt_int(total.iloc[-1] if len(total) else 0, lang),
    )
