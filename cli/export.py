"""`export priorities|brief`: the Priorities page's downloads on the command line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cli.common import SOURCE, add_area_options, add_preset_option, load_view, setting_option
from core.i18n import fmt_int, t

FORMATS = ("xlsx", "csv", "geojson", "kml", "pdf")


def register(sub: argparse._SubParsersAction) -> None:
    export = sub.add_parser("export", help="export the priority list (xlsx, csv, geojson, kml, pdf) or a brief")
    kinds = export.add_subparsers(dest="export_kind", required=True)
    prio = kinds.add_parser("priorities", parents=[SOURCE],
                            help="ranked villages as XLSX (default), CSV, GeoJSON, KML or field-sheet PDF")
    prio.add_argument("--format", choices=FORMATS, default="xlsx", help="file format (pdf = printable field sheets)")
    prio.add_argument("--top", type=int, help="only the first N villages")
    prio.add_argument("--plan", action="store_true",
                      help="also build the deployment plan: third XLSX sheet, one field sheet per team")
    prio.set_defaults(func=cmd_priorities)
    brief = kinds.add_parser("brief", parents=[SOURCE], help="meeting brief PDF (A4 landscape) for the steering "
                                                              "committee")
    brief.add_argument("--no-plan", dest="plan", action="store_false", help="leave the proposed plan out")
    brief.set_defaults(func=cmd_brief, top=None)
    for sp in (prio, brief):
        add_area_options(sp)
        add_preset_option(sp)
        setting_option(sp, "--time-limit", "plan_time_limit", float)
        sp.add_argument("-o", "--output", required=True, help="file to write")


def _input(args: argparse.Namespace, with_plan: bool):
    from core.deployment import PlanSettings, make_plan, ranked_villages
    from core.exports.context import build_input
    from core.scoring import Weights

    view, flt = load_view(args)
    if view is None:
        return None
    weights = Weights.preset(args.preset)
    ranked = ranked_villages(view, weights)
    plan = None
    if with_plan and len(ranked):
        plan = make_plan(view, ranked, PlanSettings(time_limit=args.time_limit))
    return build_input(view, flt, weights, args.lang, ranked=ranked, top=args.top, plan=plan)


def cmd_priorities(args: argparse.Namespace) -> int:
    from core.exports import csv, field_sheet, geojson, kml, xlsx

    inp = _input(args, args.plan)
    if inp is None:
        return 1
    writer = {"xlsx": xlsx.to_xlsx, "csv": csv.to_csv, "geojson": geojson.to_geojson, "kml": kml.to_kml,
              "pdf": field_sheet.to_field_sheets}[args.format]
    Path(args.output).write_bytes(writer(inp))
    print(t("exp_cli_written", args.lang, path=args.output, n=fmt_int(len(inp.villages), args.lang)),
          file=sys.stderr)
    return 0


def cmd_brief(args: argparse.Namespace) -> int:
    from core.exports.brief import to_brief

    inp = _input(args, args.plan)
    if inp is None:
        return 1
    Path(args.output).write_bytes(to_brief(inp))
    print(t("exp_cli_brief_written", args.lang, path=args.output), file=sys.stderr)
    return 0
