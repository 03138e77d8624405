"""What every exporter needs, built once: the view, its ranked villages, weights, language and area."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import pandas as pd

from core.analysis.scoring import COMPONENTS, Weights
from core.clock import fmt_time, province_now
from core.i18n import catalogue, fmt_date, fmt_int, fmt_pct, normalise_lang, t
from core.model.dataset import Dataset
from core.model.filters import Filter
from core.planning.planner import MIP_REL_GAP, PlanResult

OPTIMAL_GAP = 5e-5  # a gap shown as 0,0 %: nothing left to gain


@dataclass(frozen=True)
class ExportInput:
    """One export request. `ranked` is `ranked_villages(view, weights)`, best first, for the whole view."""

    view: Dataset
    ranked: pd.DataFrame
    weights: Weights
    lang: str
    area: str  # readable description of the filter, e.g. "Huyện Mường Nhé"
    link: Mapping[str, str] = field(default_factory=dict)  # the filter as link parameters
    top: int | None = None  # only the first N villages in the village list (None = all)
    plan: PlanResult | None = None
    generated: datetime = field(default_factory=province_now)  # Vietnam time, as every file says
    followup: Any = None  # core.exports.brief_followup.FollowupBrief: the brief's follow-up page (None: no page)

    @property
    def villages(self) -> pd.DataFrame:
        """The ranked villages the list exports contain (the first `top` when set)."""
        return self.ranked if self.top is None else self.ranked.head(max(self.top, 0))

    @property
    def columns(self) -> tuple:
        """The village list's columns: without the district ones for a 2025 package (no districts there)."""
        from core.exports.columns import DISTRICT_KEYS, MOVE_SINCE, PRIORITY_COLUMNS, move_column
        from core.model.filters import has_districts

        columns = PRIORITY_COLUMNS
        if MOVE_SINCE in self.ranked.columns and len(self.ranked):  # the data has an earlier dated version
            at = [c.key for c in columns].index("covering_teams") + 1
            since = move_column(fmt_date(self.ranked[MOVE_SINCE].iloc[0], self.lang))
            columns = (*columns[:at], since, *columns[at:])
        if has_districts(self.view):
            return columns
        return tuple(c for c in columns if c.key not in DISTRICT_KEYS)

    @property
    def has_plan(self) -> bool:
        return self.plan is not None and not self.plan.rows.empty


def build_input(
    view: Dataset,
    flt: Filter,
    weights: Weights,
    lang: str,
    *,
    ranked: pd.DataFrame | None = None,
    top: int | None = None,
    plan: PlanResult | None = None,
) -> ExportInput:
    """An ExportInput for `view` (already narrowed by `flt`); ranks the villages when `ranked` is not given."""
    if ranked is None:
        from core.planning.deployment import ranked_villages

        ranked = ranked_villages(view, weights)
    lang = normalise_lang(lang)
    return ExportInput(
        view=view,
        ranked=ranked,
        weights=weights,
        lang=lang,
        area=flt.describe(view, lang),
        link=flt.to_query_params(),
        top=top,
        plan=plan,
    )


def about_rows(inp: ExportInput) -> list[tuple[str, Any]]:
    """(label, value) lines saying what the file covers: shared by the XLSX sheet and the PDF footers."""
    lang, meta = inp.lang, inp.view.meta
    rows: list[tuple[str, Any]] = []
    if meta.synthetic:
        rows += [(t("exp_demo_note", lang), t("demo_badge_help", lang))]
    link = "&".join(f"{k}={v}" for k, v in inp.link.items()) or t("filter_all_districts", lang)
    shown = len(inp.villages)
    rows += [
        (t("exp_info_title", lang), t("ranked_heading", lang)),
        (t("exp_info_area", lang), inp.area),
        (t("exp_info_link", lang), link),
        (
            t("exp_info_rows", lang),
            t("exp_info_rows_value", lang, shown=fmt_int(shown, lang), total=fmt_int(len(inp.ranked), lang)),
        ),
        (t("data_date", lang), fmt_date(meta.as_of, lang)),
        (t("exp_info_package", lang), meta.name),
        (t("exp_info_source", lang), meta.source),
        (t("exp_info_license", lang), meta.license),
        (t("exp_info_generated", lang), fmt_time(inp.generated, lang, zone=True)),
        (t("exp_info_score", lang), t("exp_info_score_note", lang)),
    ]
    preset = inp.weights.preset_name()
    rows.append((t("weights_preset", lang), t(f"preset_{preset or 'custom'}", lang)))
    weights = inp.weights.as_dict()
    rows += [(f"{t('weights_heading', lang)}: {t(f'component_{c}', lang)}", weights[c]) for c in COMPONENTS]
    if inp.has_plan:
        plan = inp.plan
        rows += [
            (t("plan_people", lang), plan.people_reached),
            (t("plan_gap", lang), fmt_pct(plan.gap, lang)),
            (t("exp_info_plan_status", lang), plan_status_label(plan, lang)),
        ]
    return rows


def plan_status_label(plan: PlanResult, lang: str) -> str:
    """The plan's status in words: "optimal" only when nothing is left to gain; a plan within the gap the
    solver allows says so, so its gap and its status never contradict each other."""
    if plan.status == "optimal" and plan.gap > OPTIMAL_GAP:
        return t("plan_status_optimal_within", lang, tolerance=fmt_pct(MIP_REL_GAP, lang))
    key = f"plan_status_{plan.status}"
    return t(key, lang) if key in catalogue() else t("plan_status_other", lang, status=plan.status)


def file_name(inp: ExportInput, kind: str, ext: str) -> str:
    """`uu-tien_huyen-muong-nhe_2025-06-30.xlsx`: ASCII, so it survives Zalo, email and old Windows."""
    return f"{slug(t(f'exp_file_{kind}', inp.lang))}_{slug(inp.area)}_{inp.view.meta.as_of.isoformat()}.{ext}"


def slug(text: str) -> str:
    text = text.replace("đ", "d").replace("Đ", "D")
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60] or "dxmap"
