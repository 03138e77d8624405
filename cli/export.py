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
    prio = kinds.add_parser(
        "priorities", parents=[SOURCE], help="ranked villages as XLSX (default), CSV, GeoJSON, KML or field-sheet PDF"
    )
    prio.add_argument("--format", choices=FORMATS, default="xlsx", help="file format (pdf = printable field sheets)")
    prio.add_argument("--top", type=int, help="only the first N villages")
    prio.add_argument(
        "--plan", action="store_true", help="also build the deployment plan: third XLSX sheet, one field sheet per team"
    )
    prio.set_defaults(func=cmd_priorities)
    brief = kinds.add_parser(
        "brief", parents=[SOURCE], help="meeting brief PDF (A4 landscape) for the steering committee"
    )
    brief.add_argument("--no-plan", dest="plan", action="store_false", help="leave the proposed plan out")
    brief.set_defaults(func=cmd_brief, top=None)
    pack = kinds.add_parser(
        "field-pack",
        parents=[SOURCE],
        help="a team's offline field pack (ZIP): field sheet PDF, XLSForm, villages as GPX and KML, README",
    )
    pack.add_argument("--team", required=True, help="the team (team_id)")
    add_area_options(pack)
    pack.add_argument("-o", "--output", required=True, help="ZIP file to write")
    pack.set_defaults(func=cmd_field_pack)
    for sp in (prio, brief):
        add_area_options(sp)
        add_preset_option(sp)
        setting_option(sp, "--time-limit", "plan_time_limit", float)
        sp.add_argument("-o", "--output", required=True, help="file to write")


def _input(args: argparse.Namespace, with_plan: bool):
    import services
    from core.planning.deployment import PlanSettings
    from services.weights import Weights

    view, flt = load_view(args)
    if view is None:
        return None
    weights = Weights.preset(args.preset)
    ranked = services.ranked(view, weights)
    version = services.data_version(args.package, args.db)
    if version.kind == "store":  # the village list says how each village changed since the end of last month
        ranked = services.with_moves(ranked, services.village_moves(view, weights, version.where))
    plan = None
    if with_plan and len(ranked):
        plan = services.plan(view, ranked, PlanSettings(time_limit=args.time_limit))
    return services.export_input(view, flt, weights, args.lang, ranked=ranked, top=args.top, plan=plan)


def cmd_priorities(args: argparse.Namespace) -> int:
    import services

    inp = _input(args, args.plan)
    if inp is None:
        return 1
    name = "field_sheet" if args.format == "pdf" else args.format  # the page's button names
    Path(args.output).write_bytes(services.export_bytes(name, inp))
    _record(args, name, inp)
    print(t("exp_cli_written", args.lang, path=args.output, n=fmt_int(len(inp.villages), args.lang)), file=sys.stderr)
    return 0


def cmd_brief(args: argparse.Namespace) -> int:
    import services

    inp = _input(args, args.plan)
    if inp is None:
        return 1
    inp = _with_followup(args, inp)
    Path(args.output).write_bytes(services.export_bytes("brief", inp))
    _record(args, "brief", inp)
    print(t("exp_cli_brief_written", args.lang, path=args.output), file=sys.stderr)
    return 0


def _with_followup(args: argparse.Namespace, inp):
    """The brief's input with its follow-up page (the newest adopted month, since last month's end, pace)."""
    from dataclasses import replace

    import services
    from services import followup

    version = services.data_version(args.package, args.db)
    url = version.where if version.kind == "store" else None
    dataset = inp.view.province()
    return replace(inp, followup=followup.brief_material(dataset, inp.view, url, args.lang))


def cmd_field_pack(args: argparse.Namespace) -> int:
    from services.fieldwork import field_pack

    view, flt = load_view(args)
    if view is None:
        return 1
    made = field_pack(view, flt, args.team, args.lang)
    if made is None:
        print(t("exp_fp_cli_no_team", args.lang, team=args.team), file=sys.stderr)
        return 1
    data, _name, villages = made
    Path(args.output).write_bytes(data)
    print(t("exp_fp_cli_written", args.lang, path=args.output, villages=fmt_int(villages, args.lang)), file=sys.stderr)
    return 0


def _record(args: argparse.Namespace, kind: str, inp) -> None:
    """The export in the store's audit log (when the store is there), with its filter."""
    import services
    from core.model.filters import Filter
    from core.model.scope import PROVINCE
    from services.storage import resolve_url

    flt = Filter.from_query_params(inp.link, inp.view)[0] if inp.link else Filter()
    url = resolve_url(args.db)
    services.audit_trail.record_export(services.audit_trail.cli_actor(), kind, flt, PROVINCE, args.lang, url)
