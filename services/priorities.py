"""Views, ranked villages, the deployment plan and the exports: one function per use case, for pages and CLI."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from importlib import import_module

import pandas as pd

from core.analysis.scoring import Weights
from core.exports.context import ExportInput, build_input
from core.model.dataset import Dataset
from core.model.filters import Filter
from core.planning.deployment import PlanSettings, make_plan, ranked_villages
from core.planning.planner import PlanResult


def view(dataset: Dataset, flt: Filter) -> Dataset:
    """The dataset narrowed by the filter."""
    return flt.apply(dataset)


def view_from_params(dataset: Dataset, params: Mapping[str, str]) -> tuple[Dataset | None, Filter, list]:
    """The view a link's (or a command's) `district`/`commune`/… parameters ask for, with the notices of
    values that were ignored; no view (None) when a notice says the area asked for is not there."""
    flt, notices = Filter.from_query_params(dict(params), dataset)
    return (None if notices else view(dataset, flt)), flt, notices


def ranked(view_data: Dataset, weights: Weights) -> pd.DataFrame:
    """The view's villages scored with the weights, best first."""
    return ranked_villages(view_data, weights)


def plan(
    view_data: Dataset, ranked_list: pd.DataFrame, settings: PlanSettings, matrix: pd.DataFrame | None = None
) -> PlanResult:
    """The deployment plan for the view's ranked villages (travel from `matrix` when given, else estimated)."""
    return make_plan(view_data, ranked_list, settings, matrix)


@dataclass(frozen=True)
class Export:
    """One downloadable file: its kind in the file name, extension, MIME type and writer (`module:function`
    under core.exports, imported when a file is made: the PDF writers bring matplotlib and fonts along)."""

    kind: str
    ext: str
    mime: str
    writer: str

    def write(self, inp: ExportInput, progress: Callable[[int, int], None] | None = None) -> bytes:
        module, function = self.writer.split(":")
        write = getattr(import_module(f"core.exports.{module}"), function)
        return write(inp, progress) if progress is not None else write(inp)


EXPORTS: dict[str, Export] = {  # the page's buttons in this order
    "xlsx": Export(
        "priorities", "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx:to_xlsx"
    ),
    "csv": Export("priorities", "csv", "text/csv", "csv:to_csv"),
    "geojson": Export("priorities", "geojson", "application/geo+json", "geojson:to_geojson"),
    "kml": Export("priorities", "kml", "application/vnd.google-earth.kml+xml", "kml:to_kml"),
    "field_sheet": Export("field_sheet", "pdf", "application/pdf", "field_sheet:to_field_sheets"),
    "brief": Export("brief", "pdf", "application/pdf", "brief:to_brief"),
}


def export_input(
    view_data: Dataset,
    flt: Filter,
    weights: Weights,
    lang: str,
    *,
    ranked: pd.DataFrame | None = None,
    plan: PlanResult | None = None,
    top: int | None = None,
) -> ExportInput:
    """What every export of this view, weights and (when built) plan is made from (ranks when not given)."""
    return build_input(view_data, flt, weights, lang, ranked=ranked, top=top, plan=plan)


def export_bytes(name: str, inp: ExportInput, progress: Callable[[int, int], None] | None = None) -> bytes:
    """The file `name` (a key of EXPORTS) for the export input; `progress` hears of each field sheet."""
    return EXPORTS[name].write(inp, progress)
