"""`form activities`: the activity report as an XLSForm for phones (ODK Collect, KoboToolbox)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cli.common import SOURCE, add_area_options, load_view
from core.clock import province_now
from core.i18n import fmt_int, t


def register(sub: argparse._SubParsersAction) -> None:
    form = sub.add_parser("form", help="phone forms (XLSForm for ODK Collect / KoboToolbox)")
    kinds = form.add_subparsers(dest="form_kind", required=True)
    acts = kinds.add_parser(
        "activities",
        parents=[SOURCE],
        help="activity report form: the area's teams, communes and villages as choice lists",
    )
    add_area_options(acts)
    acts.add_argument("--team", help="only this team (team_id), chosen by default")
    acts.add_argument("-o", "--output", required=True, help="XLSForm file to write (.xlsx)")
    acts.set_defaults(func=cmd_activities)


def cmd_activities(args: argparse.Namespace) -> int:
    from core.ingest import xlsform
    from core.model.filters import unit_names

    view, flt = load_view(args)
    if view is None:
        return 1
    choices = xlsform.area_choices(view, unit_names(view), args.team)
    if args.team and not choices.teams:
        print(t("form_cli_no_team", args.lang, team=args.team), file=sys.stderr)
        return 1
    if not choices.villages:
        print(t("form_cli_no_villages", args.lang), file=sys.stderr)
        return 1
    form_id = xlsform.form_id(view.meta.province_code, args.commune or args.district)
    version = province_now().strftime("%Y%m%d%H%M")  # later versions sort higher, as ODK servers expect
    Path(args.output).write_bytes(xlsform.activity_form(choices, flt.describe(view, "vi"), form_id, version))
    counts = {
        k: fmt_int(len(v), args.lang)
        for k, v in (("communes", choices.communes), ("villages", choices.villages), ("teams", choices.teams))
    }
    print(t("form_cli_written", args.lang, path=args.output, **counts), file=sys.stderr)
    return 0
