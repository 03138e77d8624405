"""Meeting brief for the steering committee: A4 landscape PDF, 3–4 pages, readable when printed or projected.

Page 1 headline figures and a static map of gaps and coverage; page 2 e-ID level 2 by area against target
and villages by gap; page 3 the top priority villages; then the proposed plan (when one exists); then the
follow-up page (core/exports/brief_followup.py: when a plan was adopted or the store has a history). Charts
and the map are drawn with matplotlib (Agg, object API: no global pyplot state, no internet).
"""

from __future__ import annotations

import io
import math
from datetime import date

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from core import palette
from core.analysis.kpis import GAPS, summary
from core.clock import fmt_time
from core.exports.columns import gap_labels, intervention_labels, plan_frame, village_labels
from core.exports.context import ExportInput
from core.exports.pdfbase import ALERT, MUTED, Document, nfc
from core.i18n import fmt_date, fmt_int, fmt_number, fmt_pct, t

TOP_N = 10  # fits page 3 with the plan summary below
DPI = 150
_SIGNAL_COLOURS = {"none": palette.GAP_COLORS["no_signal"], "weak": palette.GAP_COLORS["weak_signal"]}
_OK_COLOUR = palette.GAP_COLORS[""]
_FONT = "DejaVu Sans"  # matplotlib's bundled font: has Vietnamese glyphs


def to_brief(inp: ExportInput) -> bytes:
    lang = inp.lang
    stamp = f"{inp.area} · {t('data_date', lang)} {fmt_date(inp.view.meta.as_of, lang)} · "

    def footer(page: int) -> str:
        return stamp + t("exp_brief_page", lang, page=page, pages="{nb}")

    pdf = Document("landscape", footer, t("exp_brief_title", lang, area=inp.area))
    _page_overview(pdf, inp)
    _page_progress(pdf, inp)
    _page_top(pdf, inp)
    if inp.followup is not None:
        from core.exports.brief_followup import page

        page(pdf, inp.followup, lang, lambda heading: _title(pdf, inp, heading), lambda *a: _table(pdf, *a))
    return pdf.to_bytes()


def _title(pdf: Document, inp: ExportInput, heading: str) -> None:
    pdf.add_page()
    pdf.text_line(heading, 17, bold=True, h=8)
    sub = t(
        "exp_brief_subtitle",
        inp.lang,
        date=fmt_date(inp.view.meta.as_of, inp.lang),
        generated=fmt_time(inp.generated, inp.lang, zone=True),
    )
    if inp.view.meta.synthetic:
        sub += " · " + t("exp_demo_note", inp.lang)
    pdf.text_line(sub, 10, color=ALERT if inp.view.meta.synthetic else MUTED)
    pdf.ln(2)


def kpi_figures(inp: ExportInput) -> list[tuple[str, str, str]]:
    """(label, big number, small line) for the headline tiles."""
    lang, s = inp.lang, summary(inp.view)
    n = max(s["villages"], 1)
    share = lambda k: t("kpi_share_of_villages", lang, share=fmt_pct(k / n, lang))  # noqa: E731
    gaps = s["villages_by_gap"]
    eid = fmt_pct(s["eid_level2_share"], lang) if s["eid_level2_share"] is not None else "–"
    return [
        (t("kpi_villages", lang), fmt_int(s["villages"], lang), inp.area),
        (t("kpi_no_signal", lang), fmt_int(gaps["no_signal"], lang), share(gaps["no_signal"])),
        (t("kpi_no_power", lang), fmt_int(gaps["no_power"], lang), share(gaps["no_power"])),
        (t("kpi_not_covered", lang), fmt_int(s["villages_not_covered"], lang), share(s["villages_not_covered"])),
        (  # the count, as on the Overview's tile of the same title; the share in the line below it
            t("kpi_eid_level2", lang),
            fmt_int(s["eid_level2"], lang),
            t("kpi_eid_level2_of", lang, share=eid, eligible=fmt_int(s["eligible_citizens"], lang)),
        ),
        (t("exp_brief_remaining", lang), fmt_int(inp.ranked["remaining"].sum(), lang), ""),
        (t("kpi_teams", lang), fmt_int(s["teams"], lang), f"{fmt_int(s['members'], lang)} {t('members_word', lang)}"),
        (t("kpi_activities_30d", lang), fmt_int(s["activities_last_30_days"], lang), ""),
    ]


def _page_overview(pdf: Document, inp: ExportInput) -> None:
    _title(pdf, inp, t("exp_brief_title", inp.lang, area=inp.area))
    top = pdf.get_y()
    tile_w, tile_h, gap = 58, 33, 4
    for i, (label, value, note) in enumerate(kpi_figures(inp)):
        x = pdf.l_margin + (i % 2) * (tile_w + gap)
        y = top + (i // 2) * (tile_h + gap)
        pdf.set_fill_color(241, 245, 249)
        pdf.rect(x, y, tile_w, tile_h, style="F")
        pdf.set_xy(x + 3, y + 2.5)
        pdf.font(8.5, color=MUTED)
        pdf.multi_cell(tile_w - 6, 3.8, nfc(label), align="L", new_x="LEFT", new_y="NEXT")
        pdf.set_xy(x + 3, y + 11)
        pdf.font(20, bold=True)
        pdf.cell(tile_w - 6, 10, nfc(value))
        pdf.set_xy(x + 3, y + 23)
        pdf.font(7.5, color=MUTED)
        pdf.multi_cell(tile_w - 6, 3.4, nfc(note), align="L", new_x="LEFT", new_y="NEXT")
    map_x = pdf.l_margin + 2 * tile_w + gap + 6
    pdf.set_xy(map_x, top)
    pdf.font(11, bold=True)
    pdf.cell(0, 6, nfc(t("exp_brief_map", inp.lang)))
    width = pdf.w - pdf.r_margin - map_x
    pdf.image(map_png(inp, width / 25.4, (pdf.h - pdf.b_margin - top - 10) / 25.4), x=map_x, y=top + 7, w=width)


def map_png(inp: ExportInput, width_in: float, height_in: float) -> io.BytesIO:
    """Boundaries (districts, the filtered area darker) with villages coloured by signal; uncovered ringed."""
    lang, view = inp.lang, inp.view
    fig = Figure(figsize=(width_in, height_in), dpi=DPI)
    ax = fig.add_axes((0, 0, 1, 1))
    bounds = view.boundaries
    if bounds is None or not len(bounds):  # no boundaries file: the same estimated areas as the map
        from geo.areas import derived_boundaries

        bounds = derived_boundaries(view.units, view.villages, view.meta.province_code, view.meta.admin_system)
    if bounds is not None and len(bounds):
        level, code_column = "district", "district_code"
        if not (bounds["level"] == "district").any():  # the 2025 system has no districts: outline communes
            level, code_column = "commune", "commune_code"
        areas = bounds[bounds["level"] == level]
        areas.plot(ax=ax, facecolor="#f4f1ea", edgecolor="#9a9a9a", linewidth=0.6)
        inside = areas[areas["code"].isin(set(inp.ranked[code_column].dropna()))]
        if len(inside) < len(areas):
            inside.plot(ax=ax, facecolor="#e9e2d0", edgecolor="#555555", linewidth=1.0)
    v = inp.ranked.dropna(subset=["lat", "lon"])
    colours = v["mobile_signal"].map(_SIGNAL_COLOURS).fillna(_OK_COLOUR)
    uncovered = v["contrib_uncovered"] > 0 if "contrib_uncovered" in v else pd.Series(False, index=v.index)
    ax.scatter(v["lon"], v["lat"], s=9, c=colours, linewidths=0, zorder=3)
    ax.scatter(
        v.loc[uncovered, "lon"],
        v.loc[uncovered, "lat"],
        s=22,
        facecolors="none",
        edgecolors=palette.BLACK,
        linewidths=0.6,
        zorder=4,
    )
    if len(v):
        pad_x = max((v["lon"].max() - v["lon"].min()) * 0.08, 0.03)
        pad_y = max((v["lat"].max() - v["lat"].min()) * 0.08, 0.03)
        ax.set_xlim(v["lon"].min() - pad_x, v["lon"].max() + pad_x)
        ax.set_ylim(v["lat"].min() - pad_y, v["lat"].max() + pad_y)
    mid_lat = float(v["lat"].mean()) if len(v) else 21.0
    ax.set_aspect(1 / math.cos(math.radians(mid_lat)), adjustable="box")  # a degree of lon is shorter
    ax.set_axis_off()
    legend = [
        _dot(_SIGNAL_COLOURS["none"], t("gap_no_signal", lang)),
        _dot(_SIGNAL_COLOURS["weak"], t("gap_weak_signal", lang)),
        _dot(_OK_COLOUR, t("exp_brief_map_ok", lang)),
        Line2D(
            [],
            [],
            marker="o",
            linestyle="",
            markerfacecolor="none",
            markeredgecolor=palette.BLACK,
            label=t("exp_brief_map_uncovered", lang),
        ),
    ]
    ax.legend(handles=legend, loc="lower left", fontsize=8, frameon=True, prop={"family": _FONT, "size": 8})
    return _save(fig)


def plain(text: object) -> str:
    """A name as matplotlib must draw it: literally (`$…$` would be parsed as mathematics, and `$\\frac$`
    would stop the export)."""
    return str(text).replace("$", r"\$")


def _dot(colour: str, label: str) -> Line2D:
    return Line2D([], [], marker="o", linestyle="", markerfacecolor=colour, markeredgewidth=0, label=label)


def _save(fig: Figure) -> io.BytesIO:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI)
    buffer.seek(0)
    return buffer


def progress(inp: ExportInput) -> tuple[pd.DataFrame, date | None]:
    """Per district (per commune when one commune is shown): name, achieved level-2 e-IDs, target (NaN = none).

    Achieved = eligible − still remaining. The target is the first `eid_level2` target ending on or after
    the data date (else the latest one).
    """
    r = inp.ranked
    level = "commune" if r["commune_code"].nunique() == 1 and inp.link.get("commune") else "district"
    eligible = pd.to_numeric(r["eligible_citizens"], errors="coerce").fillna(0)
    achieved = (eligible - r["remaining"]).clip(lower=0)
    frame = pd.DataFrame({"code": r[f"{level}_code"], "name": r[f"{level}_name"], "achieved": achieved})
    out = frame.groupby(["code", "name"], as_index=False)["achieved"].sum()
    targets = inp.view.targets
    targets = targets[targets["indicator"] == "eid_level2"] if len(targets) else targets
    period = _target_period(targets, inp.view.meta.as_of)
    if period is not None:
        current = targets[targets["period_end"] == pd.Timestamp(period)]
        out["target"] = out["code"].map(dict(zip(current["area_code"], current["target"]))).astype(float)
    else:
        out["target"] = float("nan")
    return out.sort_values("achieved", ascending=True).reset_index(drop=True), period


def _target_period(targets: pd.DataFrame, as_of: date) -> date | None:
    if targets is None or not len(targets):
        return None
    ends = sorted(pd.to_datetime(targets["period_end"]).dt.date.unique())
    later = [d for d in ends if d >= as_of]
    return later[0] if later else ends[-1]


def _page_progress(pdf: Document, inp: ExportInput) -> None:
    lang = inp.lang
    _title(pdf, inp, t("exp_brief_progress", lang))
    table, period = progress(inp)
    top = pdf.get_y()
    width = pdf.epw * 0.62
    height = min(150.0, 30.0 + 12.0 * len(table))  # one district: one short bar, not a wall of blue
    pdf.image(_progress_png(table, period, lang, width / 25.4, height / 25.4), x=pdf.l_margin, y=top, w=width)
    gaps_x = pdf.l_margin + width + 6
    pdf.set_xy(gaps_x, top)
    pdf.font(11, bold=True)
    pdf.cell(0, 6, nfc(t("filter_gaps", lang)))
    pdf.image(_gaps_png(inp, (pdf.epw - width - 6) / 25.4, 120 / 25.4), x=gaps_x, y=top + 8, w=pdf.epw - width - 6)
    if table["target"].isna().all():
        pdf.set_xy(pdf.l_margin, top + height + 2)
        pdf.text_line(t("exp_brief_no_target", lang), 9, color=MUTED)


def _progress_png(table: pd.DataFrame, period: date | None, lang: str, w: float, h: float) -> io.BytesIO:
    fig = Figure(figsize=(w, h), dpi=DPI)
    ax = fig.add_subplot()
    y = range(len(table))
    ax.barh(
        y,
        table["target"].fillna(0),
        color="#d9dee4",
        label=t("exp_brief_target", lang) + (f" ({fmt_date(period, lang)})" if period else ""),
    )
    ax.barh(y, table["achieved"], height=0.5, color=palette.GOOD, label=t("exp_brief_achieved", lang))
    for i, row in table.iterrows():
        share = fmt_pct(row["achieved"] / row["target"], lang) if row["target"] > 0 else ""
        ax.text(
            max(row["achieved"], row["target"] if row["target"] == row["target"] else 0),
            i,
            f"  {fmt_int(row['achieved'], lang)} {share}",
            va="center",
            fontsize=8,
            family=_FONT,
        )
    ax.set_yticks(list(y), [plain(n) for n in table["name"]], fontsize=8.5, family=_FONT)
    ax.xaxis.set_major_formatter(lambda value, _pos: fmt_int(value, lang))
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(loc="lower right", fontsize=8, prop={"family": _FONT, "size": 8})
    ax.margins(x=0.18)
    fig.tight_layout()
    return _save(fig)


def _gaps_png(inp: ExportInput, w: float, h: float) -> io.BytesIO:
    from core.analysis.kpis import gap_masks

    masks = gap_masks(inp.ranked)
    counts = [int(masks[g].sum()) for g in GAPS][::-1]
    labels = [t(f"gap_{g}", inp.lang) for g in GAPS][::-1]
    fig = Figure(figsize=(w, h), dpi=DPI)
    ax = fig.add_subplot()
    ax.barh(range(len(counts)), counts, color=palette.BAD)
    for i, n in enumerate(counts):
        ax.text(n, i, f" {fmt_int(n, inp.lang)}", va="center", fontsize=8, family=_FONT)
    ax.set_yticks(range(len(counts)), labels, fontsize=8.5, family=_FONT)
    ax.set_xticks([])
    ax.spines[["top", "right", "bottom"]].set_visible(False)
    ax.margins(x=0.2)
    fig.tight_layout()
    return _save(fig)


def _page_top(pdf: Document, inp: ExportInput) -> None:
    lang = inp.lang
    top = inp.ranked.head(TOP_N)
    _title(pdf, inp, t("exp_brief_top", lang, n=len(top)))
    gaps = gap_labels(top, lang)
    what = intervention_labels(top["interventions"], lang)
    head = [
        t("col_rank", lang),
        t("prio_col_village", lang),
        t("prio_col_commune", lang),
        t("prio_col_district", lang),
        t("col_score", lang),
        t("col_remaining", lang),
        t("exp_col_gaps", lang),
        t("col_intervention", lang),
    ]
    rows = [
        [
            str(r.rank),
            r.village_name,
            r.commune_name,
            r.district_name,
            fmt_number(r.score, lang),
            fmt_int(r.remaining, lang),
            gaps.iloc[i],
            what.iloc[i],
        ]
        for i, r in enumerate(top.itertuples())
    ]
    # the rank column fits its bold header ("Hạng" broke as "Hạn/g" at 9 mm)
    _table(pdf, head, rows, (12, 30, 28, 28, 13, 16, 46, 100), size=7)
    _plan(pdf, inp)


def _table(pdf: Document, head: list[str], rows: list[list[str]], widths: tuple[float, ...], size: float) -> None:
    pdf.font(size)
    with pdf.table(
        col_widths=widths,
        width=sum(widths),
        text_align="LEFT",
        line_height=size * 0.45,
        headings_style=_heading_style(),
        align="LEFT",
        first_row_as_headings=True,
        padding=1,
        v_align="TOP",
    ) as table:
        for values in [head, *rows]:
            row = table.row()
            for value in values:
                row.cell(nfc(value))


def _heading_style():
    from fpdf.fonts import FontFace

    return FontFace(emphasis="BOLD", fill_color=(221, 231, 240))


def _plan(pdf: Document, inp: ExportInput) -> None:
    lang = inp.lang
    if pdf.get_y() > pdf.h - 60:
        _title(pdf, inp, t("exp_brief_plan", lang))
    else:
        pdf.ln(4)
        pdf.text_line(t("exp_brief_plan", lang), 13, bold=True, h=7)
    if not inp.has_plan:
        pdf.text_line(t("exp_brief_no_plan", lang), 10, color=MUTED)
        return
    rows = inp.plan.rows
    pdf.text_line(
        t(
            "exp_brief_plan_line",
            lang,
            teams=fmt_int(rows["team_id"].nunique(), lang),
            villages=fmt_int(rows["village_id"].nunique(), lang),
            nights=fmt_int(rows["nights"].sum(), lang),
            people=fmt_int(inp.plan.people_reached, lang),
        ),
        10,
    )
    pdf.ln(1)
    frame = plan_frame(rows, inp.ranked, inp.view.teams)
    if frame["district_name"].nunique() > 1:
        by = frame.groupby("district_name", sort=True).agg(
            teams=("team_id", "nunique"),
            villages=("village_id", "nunique"),
            nights=("nights", "sum"),
            people=("expected_people", "sum"),
        )
        head = [
            t("prio_col_district", lang),
            t("kpi_teams", lang),
            t("kpi_villages", lang),
            t("col_nights", lang),
            t("col_expected_people", lang),
        ]
        table_rows = [
            [
                str(name),
                fmt_int(r.teams, lang),
                fmt_int(r.villages, lang),
                fmt_int(r.nights, lang),
                fmt_int(r.people, lang),
            ]
            for name, r in by.iterrows()
        ]
        _table(pdf, head, table_rows, (60, 30, 30, 30, 40), size=8.5)
        pdf.ln(3)
    _plan_teams(pdf, frame, lang)


PLAN_TEAMS = 12  # the biggest assignments; the full plan is in the XLSX and the field sheets


def _plan_teams(pdf: Document, frame: pd.DataFrame, lang: str) -> None:
    # "Tổ dân phố 1 (Phường Him Lam)": wards share village names, the commune tells them apart
    frame = frame.assign(village_label=village_labels(frame))
    by = (
        frame.groupby("team_name", sort=False)
        .agg(
            villages=("village_label", lambda s: ", ".join(s)),
            nights=("nights", "sum"),
            people=("expected_people", "sum"),
        )
        .sort_values("people", ascending=False)
        .head(PLAN_TEAMS)
    )
    head = [t("prio_col_team", lang), t("kpi_villages", lang), t("col_nights", lang), t("col_expected_people", lang)]
    rows = [[str(name), r.villages, fmt_int(r.nights, lang), fmt_int(r.people, lang)] for name, r in by.iterrows()]
    _table(pdf, head, rows, (70, 140, 25, 35), size=8)
