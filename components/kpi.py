"""KPI tiles and small summary tables."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.i18n import fmt_int, fmt_pct, t
from services.indicators import reported_label

# Streamlit cuts a metric label to one line with an ellipsis ("Tổ, đội không hoạt động t…"); a tile title is
# the only thing saying what its number counts, so it wraps instead. So does a switch's or a check box's label
# ("Tổ, đội chỉ đi trong địa …" in a narrow column at 1366 px). Streamlit's test ids are its styling hooks.
TILE_CSS = """
<style>
[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] * {white-space: normal !important;
  overflow: visible !important; text-overflow: clip !important; height: auto !important;}
[data-testid="stCheckbox"] label, [data-testid="stCheckbox"] label * {white-space: normal !important;
  overflow: visible !important; text-overflow: clip !important;}
</style>
"""


def tile_styles() -> None:
    """Lets every tile title and switch label wrap to show whole (the entrypoint calls it once for every page)."""
    st.html(TILE_CSS)


def headline_tiles(figures: dict, lang: str) -> list[tuple[str, str, str]]:
    """(label, value, note) of the Overview's six headline figures (`core.analysis.kpis.summary`), in reading order."""
    from components.charts import known

    figures = known(figures)
    gaps = known(figures["villages_by_gap"])
    return [
        (
            t("kpi_villages", lang),
            fmt_int(figures["villages"], lang),
            t("kpi_not_covered", lang) + f": {fmt_int(figures['villages_not_covered'], lang)}",
        ),
        (
            t("kpi_no_signal", lang),
            fmt_int(gaps["no_signal"], lang),
            t("kpi_weak_partial", lang, weak=fmt_int(gaps["weak_signal"], lang)),
        ),
        (
            t("kpi_no_power", lang),
            fmt_int(gaps["no_power"], lang),
            t("kpi_partial_power", lang, partial=fmt_int(gaps["partial_power"], lang)),
        ),
        (
            t("kpi_eid_level2", lang),
            fmt_int(figures["eid_level2"], lang),
            t(
                "kpi_eid_level2_of",
                lang,
                share=fmt_pct(figures["eid_level2_share"], lang),
                eligible=fmt_int(figures["eligible_citizens"], lang),
            ),
        ),
        (
            t("kpi_teams", lang),
            fmt_int(figures["teams"], lang),
            f"{fmt_int(figures['members'], lang)} {t('members_word', lang)}",
        ),
        (
            t("kpi_activities_30d", lang),
            fmt_int(figures["activities_last_30_days"], lang),
            f"{t('kpi_activities', lang)}: {fmt_int(figures['activities'], lang)}",
        ),
    ]


def projector_tiles(figures: dict, lang: str) -> list[tuple[str, str, str]]:
    """Four of the headline figures for a projector slide: villages, no signal, e-ID level 2, teams."""
    tiles = headline_tiles(figures, lang)
    return [tiles[0], tiles[1], tiles[3], tiles[4]]


def kpi_row(figures: dict, lang: str) -> None:
    tiles = headline_tiles(figures, lang)
    for row in (tiles[:3], tiles[3:]):
        for col, (label, value, note) in zip(st.columns(len(row)), row):
            with col:
                st.metric(label, value, border=True)
                st.caption(note)


def teams_table(figures: dict, lang: str) -> None:
    st.subheader(t("teams_by_type", lang))
    rows = []
    for key, value in figures["teams_by_type_level"].items():
        team_type, level = key.split("/")
        rows.append(
            {
                t("col_team_type", lang): t(f"team_type_{team_type}", lang),
                t("col_level", lang): t(f"level_{level}", lang),
                t("col_teams", lang): fmt_int(value["teams"], lang),
                t("col_members", lang): fmt_int(value["members"], lang),
            }
        )
    _small_table(pd.DataFrame(rows))


def _small_table(frame: pd.DataFrame) -> None:
    """A table of a few rows as plain HTML: no data-grid to load and draw for six lines."""
    st.table(frame, hide_index=True, width="stretch")


def outcomes_table(figures: dict, lang: str) -> None:
    st.subheader(t("outcomes_heading", lang))
    rows = [
        {
            t("ind_col_indicator", lang): reported_label(key, lang),
            t("col_total", lang): fmt_int(value, lang) if value is not None else t("not_reported", lang),
        }
        for key, value in figures["outcomes"].items()
    ]
    _small_table(pd.DataFrame(rows))
