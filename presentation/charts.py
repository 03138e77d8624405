"""Plotly figure builders for the indicator frames of `core.analysis.indicators` (no Streamlit).

Every builder takes the frame, the language and `large` (projector: bigger fonts, thicker marks) and returns
a `go.Figure` with the shared palette, labels from the translation table and numbers in the user's forms.
No geo traces: plotly's geo maps fetch outlines from a CDN, so maps here are plain lon/lat scatter plots.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from core import palette
from core.analysis.indicators import reported_label, short_name
from core.i18n import fmt_int, fmt_pct, t

# Streamlit's own face (already loaded by the page): plotly measures text with the page's font, so a family the
# page lacks, or an invalid one (an unquoted name with a digit, like Source Sans 3, drops the whole declaration),
# draws text wider than it was measured and legends, ticks and titles get cut or overlap.
FONT = '"Source Sans", "Source Sans Pro", Arial, sans-serif'


NEAR_TARGET = 0.75  # a value label (≈ 0.16 of the axis at 1366 px) after a bar this long would reach 100 %


def _style(fig: go.Figure, title: str, large: bool, height: int | None = None) -> go.Figure:
    size = 22 if large else 14
    fig.update_layout(
        title={
            "text": title,
            "font": {"size": size + 6 if large else size + 3},
            "x": 0,
            "xanchor": "left",
            "y": 1.0,
            "yanchor": "top",
            "yref": "container",
            "pad": {"t": 8},
        },
        font={"family": FONT, "size": size, "color": palette.INK},
        colorway=list(palette.CATEGORICAL),
        plot_bgcolor="white",
        paper_bgcolor="white",
        margin={"l": 10, "r": 20, "t": (110 if large else 80) if title else 30, "b": 10},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.01, "x": 0, "font": {"size": size}},
        height=height or (560 if large else 420),
    )
    fig.update_xaxes(showline=True, linecolor=palette.INK, gridcolor=palette.LIGHT_GREY, automargin=True)
    fig.update_yaxes(showline=True, linecolor=palette.INK, gridcolor=palette.LIGHT_GREY, automargin=True)
    return fig


def split_title(fig: go.Figure, large: bool = False, copy: bool = True) -> tuple[go.Figure, str]:
    """A copy of the figure without its title, and the title.

    Pages show the title as HTML over the chart: a plotly title never wraps, so on a half-width column at
    1366 px it runs out of its box, and a legend that wraps to more rows grows up into it. Without the title the
    legend pushes the top margin as far as it needs (plotly's autoexpand). `copy=False` takes the title off the
    figure itself, for a figure made to be drawn once (copying a figure checks it all again).
    """
    title = fig.layout.title.text or ""
    if not title:
        return fig, ""
    out = go.Figure(fig) if copy else fig
    top = 44 if large else 34  # room for the target line's label above the plot
    removed = max(0, (out.layout.margin.t or 0) - top)
    out.update_layout(title_text="", margin_t=top, height=(out.layout.height or 420) - removed)
    return out, title


def _separators(lang: str) -> str:
    """Plotly's decimal and thousands characters: `,.` in Vietnamese (1.459 / 28,6), `.,` in English."""
    return ",." if lang == "vi" else ".,"


def empty_figure(lang: str, large: bool = False) -> go.Figure:
    fig = go.Figure()
    fig.add_annotation(text=t("ch_no_data", lang), showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper")
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return _style(fig, "", large, height=200)


def progress_chart(progress: pd.DataFrame, lang: str, large: bool = False, title: str = "") -> go.Figure:
    """Horizontal bars of each area's share of target (or of eligible citizens), lowest on top, target at 100 %."""
    if progress.empty:
        return empty_figure(lang, large)
    has_target = progress["share_of_target"].notna().any()
    column = "share_of_target" if has_target else "share_of_eligible"
    frame = progress[progress[column].notna()]
    names = [short_name(str(n)) for n in frame["name"]]
    colors = [palette.BAD if i == 0 else palette.GOOD for i in range(len(frame))]
    fig = go.Figure(
        go.Bar(
            x=frame[column],
            y=names,
            orientation="h",
            marker_color=colors,
            text=[fmt_pct(v, lang) for v in frame[column]],
            cliponaxis=False,
            textposition=[_label_position(v, has_target) for v in frame[column]],
            insidetextanchor="end",
            insidetextfont={"color": "white"},
            customdata=[[fmt_int(a, lang), fmt_int(tg, lang)] for a, tg in zip(frame["achieved"], frame["target"])],
            hovertemplate="%{y}: %{text} (%{customdata[0]} / %{customdata[1]})<extra></extra>",
        )
    )
    if has_target:
        fig.add_vline(
            x=1.0,
            line_color=palette.TARGET,
            line_width=4 if large else 2,
            line_dash="dash",
            annotation_text=t("ch_target_line", lang),
            annotation_position="top",
        )
    top = max(1.0, float(frame[column].max()) if len(frame) else 1.0) * 1.15
    fig.update_xaxes(
        range=[0, top], tickformat=".0%", title=t("ch_share_of_target" if has_target else "ch_share_of_eligible", lang)
    )
    fig.update_yaxes(autorange="reversed", title=None)
    fig.update_layout(separators=_separators(lang), showlegend=False)
    height = min(620, max(300, 52 * len(frame) + 150)) if large else max(260, 34 * len(frame) + 120)
    return _style(fig, title, large, height=height)


def _label_position(share: float, has_target: bool) -> str:
    """Inside the bar when a label drawn after the bar's end would cross the target line at 100 %."""
    return "inside" if has_target and NEAR_TARGET <= share < 1.0 else "outside"


def trend_chart(monthly: pd.DataFrame, indicator: str, lang: str, large: bool = False) -> go.Figure:
    """Bars of what was reported each month and a line of the running total (months with no report stay empty)."""
    title = t("ch_trend_title", lang, indicator=reported_label(indicator, lang))
    if monthly.empty:
        return _style(empty_figure(lang, large), title, large, height=200)
    reported = monthly["reported"].astype("Float64").astype(float)
    cumulative = monthly["cumulative"].astype("Float64").astype(float)
    missing = [fmt_int(n, lang) for n in monthly["not_reported"]]
    fig = go.Figure()
    fig.add_bar(
        x=monthly["month"],
        y=reported,
        name=t("ch_monthly", lang),
        marker_color=palette.BLUE,
        customdata=missing,
        hovertemplate="%{x|%m/%Y}: %{y:,.0f} · " + t("ind_col_not_reported", lang) + ": %{customdata}<extra></extra>",
    )
    fig.add_scatter(
        x=monthly["month"],
        y=cumulative,
        name=t("ch_cumulative", lang),
        yaxis="y2",
        mode="lines",
        line={"color": palette.VERMILLION, "width": 5 if large else 3},
        hovertemplate="%{x|%m/%Y}: %{y:,.0f}<extra></extra>",
    )
    fig.update_layout(
        separators=_separators(lang),
        yaxis={"title": t("ch_monthly", lang), "rangemode": "tozero", "tickformat": ",.0f"},
        # plotly.js 3 defaults an overlaying axis to tickmode "sync" (ticks at the main axis' grid lines, so
        # 12.976 / 25.951): auto gives round steps of its own.
        yaxis2={
            "title": t("ch_cumulative", lang),
            "overlaying": "y",
            "side": "right",
            "rangemode": "tozero",
            "showgrid": False,
            "tickformat": ",.0f",
            "tickmode": "auto",
        },
    )
    # The first month's label reaches left of the y axis: dropped below the "0" of the y axis, not on it.
    fig.update_xaxes(
        tickformat="%m/%Y", title=None, ticklabelstandoff=14 if large else 9, **_month_ticks(monthly["month"])
    )
    return _style(fig, title, large)


def _month_ticks(months: pd.Series) -> dict:
    """Whole-month ticks (1, 3 or 6 months apart): plotly's own choice repeats a month label on short spans."""
    span = len(pd.Series(months).dropna().unique())
    step = 1 if span <= 12 else 3 if span <= 24 else 6
    return {"dtick": f"M{step}", "tick0": pd.Timestamp(pd.Series(months).min()).strftime("%Y-%m-01")}


def breakdown_chart(
    frame: pd.DataFrame, indicator: str, by_label: str, lang: str, labels: list[str], large: bool = False
) -> go.Figure:
    """Reported totals per group, largest first; groups that reported nothing are left out of the bars."""
    title = t("ch_breakdown_title", lang, indicator=reported_label(indicator, lang), by=by_label.lower())
    shown = frame["reported"].notna().to_numpy()
    if not shown.any():
        return _style(empty_figure(lang, large), title, large, height=200)
    values = frame["reported"].astype("Float64").astype(float)[shown]
    names = [lbl for lbl, keep in zip(labels, shown) if keep]
    fig = go.Figure(
        go.Bar(
            x=values,
            y=names,
            orientation="h",
            marker_color=palette.GOOD,
            text=[fmt_int(v, lang) for v in values],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{text}<extra></extra>",
        )
    )
    fig.update_yaxes(autorange="reversed", title=None)
    fig.update_xaxes(title=t("ch_reported", lang), range=[0, float(values.max()) * 1.2 or 1], tickformat=",.0f")
    fig.update_layout(separators=_separators(lang), showlegend=False)
    height = max(260, (60 if large else 28) * len(names) + 120)
    return _style(fig, title, large, height=min(height, 1400))


def gap_coverage_chart(coverage: pd.DataFrame, lang: str, large: bool = False) -> go.Figure:
    """Per gap, stacked bars of the villages a team covers (blue) and those none covers (vermillion)."""
    title = t("ch_gap_title", lang)
    if coverage.empty or coverage["villages"].sum() == 0:
        return _style(empty_figure(lang, large), title, large, height=200)
    names = [t(f"gap_{g}", lang) for g in coverage["gap"]]
    fig = go.Figure()
    for column, key in (("covered", "ch_covered"), ("not_covered", "ch_not_covered")):
        fig.add_bar(
            x=coverage[column],
            y=names,
            orientation="h",
            name=t(key, lang),
            marker_color=palette.COVERAGE[column],
            text=[fmt_int(v, lang) for v in coverage[column]],
            textposition="inside",
            insidetextanchor="middle",
            hovertemplate="%{y}: %{text}<extra>" + t(key, lang) + "</extra>",
        )
    # A count that does not fit its segment is hidden (the table has it) rather than shrunk to an unreadable size.
    fig.update_layout(
        barmode="stack",
        separators=_separators(lang),
        legend_traceorder="normal",
        uniformtext={"minsize": 16 if large else 11, "mode": "hide"},
    )
    fig.update_yaxes(autorange="reversed", title=None)
    fig.update_xaxes(title=t("ch_villages", lang))
    fig.update_xaxes(tickformat=",.0f")
    return _style(fig, title, large, height=(520 if large else 380))


def quadrant_chart(frame: pd.DataFrame, lang: str, large: bool = False) -> go.Figure:
    """Communes by team-nights (x) and unreached citizens (y), split at the medians, one colour per quadrant."""
    title = t("ch_quadrant_title", lang)
    if frame.empty:
        return _style(empty_figure(lang, large), title, large, height=200)
    fig = go.Figure()
    for quadrant, color in palette.QUADRANT_COLORS.items():
        part = frame[frame["quadrant"] == quadrant]
        if part.empty:
            continue
        fig.add_scatter(
            x=part["team_nights"],
            y=part["unreached"].astype("Float64").astype(float),
            mode="markers",
            name=t(f"ind_quadrant_{quadrant}", lang),
            marker={"color": color, "size": 16 if large else 10, "line": {"color": "white", "width": 1}},
            text=[short_name(str(n)) for n in part["name"]],
            customdata=[fmt_int(v, lang) for v in part["unreached"]],
            hovertemplate="%{text}: %{customdata} · %{x}<extra></extra>",
        )
    width = 3 if large else 1.5
    fig.add_vline(x=float(frame["team_nights"].median()), line_dash="dot", line_color=palette.GREY, line_width=width)
    fig.add_hline(
        y=float(frame["unreached"].astype("Float64").median()),
        line_dash="dot",
        line_color=palette.GREY,
        line_width=width,
    )
    fig.update_xaxes(title=t("ch_team_nights", lang), rangemode="tozero", tickformat=",.0f")
    fig.update_yaxes(title=t("ch_unreached", lang), rangemode="tozero", tickformat=",.0f")
    fig.update_layout(separators=_separators(lang))
    return _style(fig, title, large)


BOX_POINTS_MAX = 500  # above this many teams of one type, the box is sent as its five figures plus its outliers


def productivity_chart(teams: pd.DataFrame, lang: str, large: bool = False) -> go.Figure:
    """Box plots of people reached per team-night, one per team type (teams without a rate left out).

    Each team is a point while a type has at most BOX_POINTS_MAX teams; a country's thousands are drawn as
    the box's quartiles and whiskers, worked out here, and only the teams outside the whiskers, by name."""
    title = t("ch_productivity_title", lang)
    rated = teams[teams["people_per_night"].notna()]
    if rated.empty:
        return _style(empty_figure(lang, large), title, large, height=200)
    fig = go.Figure()
    for team_type, color in palette.TEAM_TYPE_COLORS.items():
        part = rated[rated["team_type"] == team_type]
        if part.empty:
            continue
        name = t(f"team_type_{team_type}", lang)
        if len(part) > BOX_POINTS_MAX:
            _summary_box(fig, part, name, color)
            continue
        fig.add_box(
            y=part["people_per_night"],
            x=[name] * len(part),
            name=name,
            marker_color=color,
            boxpoints="all",
            jitter=0.4,
            pointpos=0,
            text=list(part["team_name"]),
            hovertemplate="%{text}: %{y:.1f}<extra></extra>",
        )
    fig.update_yaxes(title=t("ch_people_per_night", lang), rangemode="tozero")
    fig.update_layout(showlegend=False, separators=_separators(lang))
    return _style(fig, title, large)


def _summary_box(fig: go.Figure, part: pd.DataFrame, name: str, color: str) -> None:
    """One team type's box from its quartiles (linear, as plotly computes them) and whiskers (the furthest
    values within 1.5 × the interquartile range), and its outliers as named points."""
    y = part["people_per_night"].to_numpy(float)
    q1, median, q3 = np.percentile(y, [25, 50, 75])
    reach = 1.5 * (q3 - q1)
    inside = y[(y >= q1 - reach) & (y <= q3 + reach)]
    low, high = float(inside.min()), float(inside.max())
    fig.add_box(
        x=[name],
        q1=[q1],
        median=[median],
        q3=[q3],
        lowerfence=[low],
        upperfence=[high],
        name=name,
        marker_color=color,
        boxpoints=False,
    )
    out = part[(y < low) | (y > high)]
    fig.add_scatter(
        x=[name] * len(out),
        y=out["people_per_night"],
        mode="markers",
        marker_color=color,
        name=name,
        text=list(out["team_name"]),
        hovertemplate="%{text}: %{y:.1f}<extra></extra>",
    )


def _outline_xy(boundaries, level: str) -> tuple[list, list]:
    """Polygon rings of one admin level as x/y lists separated by None (one trace draws them all)."""
    xs: list = []
    ys: list = []
    if boundaries is None or len(boundaries) == 0:
        return xs, ys
    for geom in boundaries[boundaries["level"] == level].geometry:
        if geom is None:
            continue
        geom = geom.simplify(0.003)  # ≈300 m: outlines only, keeps the payload small
        for poly in getattr(geom, "geoms", [geom]):
            x, y = poly.exterior.xy
            xs.extend(list(x) + [None])
            ys.extend(list(y) + [None])
    return xs, ys


def _pixel_dots(villages: pd.DataFrame, west, north, scale, stretch, pad, cell) -> list[tuple[float, float]]:
    """The villages' positions in the picture, snapped to a grid of `cell` units (two pixels as shown, under half
    a dot) and one dot per grid point: villages there would draw the same dot, and a whole country's 80,000 would
    otherwise make a picture of megabytes."""
    x = (villages["lon"].to_numpy(float) - west) * scale + pad
    y = (north - villages["lat"].to_numpy(float)) * stretch * scale + pad
    pixels = np.unique(np.column_stack([np.round(x / cell), np.round(y / cell)]), axis=0)
    return [(px * cell, py * cell) for px, py in pixels]


def village_map_svg(
    villages: pd.DataFrame,
    covered: pd.Series,
    lang: str,
    boundaries=None,
    title: str = "",
    large: bool = False,
    height: int | None = None,
    covered_label: str | None = None,
    around_villages: bool = False,
) -> tuple[str, str]:
    """Villages as dots (blue covered by a team, vermillion not) over district outlines, as a picture: an SVG
    document and its legend as HTML, for a thumbnail where zooming and hovering add nothing.

    A browser draws it at once, without the charting library. Lon/lat at true scale (1/cos(latitude)); dots
    and lines keep their pixel width whatever size the picture is shown at; its natural size is `height`
    pixels high (a narrower column shrinks it in proportion). `around_villages` frames the villages (with some
    room around them) instead of the whole area, as a picture cannot be zoomed."""
    import html

    xs, ys = _outline_xy(boundaries, "district")
    lons = [x for x in xs if x is not None] or list(villages["lon"].dropna())
    lats = [y for y in ys if y is not None] or list(villages["lat"].dropna())
    if not lons or not lats:
        return "", f"<p>{html.escape(t('ch_no_data', lang))}</p>"
    west, east, south, north = min(lons), max(lons), min(lats), max(lats)
    if around_villages and villages["lon"].notna().any():
        lon, lat = villages["lon"].dropna(), villages["lat"].dropna()
        margin = max(0.08, 0.15 * max(lon.max() - lon.min(), lat.max() - lat.min()))  # ≥ ~9 km around
        west, east = max(west, lon.min() - margin), min(east, lon.max() + margin)
        south, north = max(south, lat.min() - margin), min(north, lat.max() + margin)
    stretch = 1 / math.cos(math.radians((south + north) / 2))
    scale = 1000.0 / max(east - west, 1e-6)
    pad = 8.0

    def point(lon: float, lat: float) -> str:
        return f"{(lon - west) * scale + pad:.1f} {(north - lat) * stretch * scale + pad:.1f}"

    outline = []
    pen_up = True
    for x, y in zip(xs, ys):
        if x is None:
            pen_up = True
            continue
        outline.append(("M" if pen_up else "L") + point(x, y))
        pen_up = False
    parts = [f'<path d="{"".join(outline)}" fill="none" stroke="{palette.GREY}" stroke-width="1"/>']
    flags = covered.to_numpy()
    dot = 9 if large else 5
    box_w = 1000.0 + 2 * pad
    box_h = (north - south) * stretch * scale + 2 * pad
    shown_h = height or (520 if large else 360)
    cell = 2 * box_h / shown_h  # two pixels of the picture as shown (a dot is 5 wide), in its own units
    legend = []
    for flag, key in ((True, "covered"), (False, "not_covered")):
        part = villages[flags == flag]
        part = part[part["lon"].notna() & part["lat"].notna()]
        if part.empty:
            continue
        colour = palette.COVERAGE[key]
        path = "".join(f"M{x:.1f} {y:.1f}h0" for x, y in _pixel_dots(part, west, north, scale, stretch, pad, cell))
        parts.append(f'<path d="{path}" stroke="{colour}" stroke-width="{dot}" stroke-linecap="round"/>')
        label = covered_label if (flag and covered_label) else t(f"ch_{key}", lang)
        legend.append(
            f'<span style="white-space: nowrap"><span style="display: inline-block; width: {dot + 6}px; '
            f"height: {dot + 6}px; border-radius: 50%; background: {colour}; margin-right: 0.35rem; "
            f'vertical-align: middle"></span>{html.escape(label)} ({fmt_int(len(part), lang)})</span>'
        )
    shown_w = shown_h * box_w / max(box_h, 1.0)
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{shown_w:.0f}" height="{shown_h}" '
        f'viewBox="0 0 {box_w:.0f} {box_h:.0f}"><title>{html.escape(title)}</title>'
        "<style>path {vector-effect: non-scaling-stroke}</style>"
        f"{''.join(parts)}</svg>"
    )
    legend_html = (
        f'<div style="font-family: {html.escape(FONT, quote=True)}; font-size: {22 if large else 14}px; '
        f'color: {palette.INK}; display: flex; flex-wrap: wrap; gap: 0.2rem 1.2rem">{"".join(legend)}</div>'
    )
    return svg, legend_html
