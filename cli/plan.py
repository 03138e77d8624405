"""`plan`: the deployment plan for the next period as CSV, its summary as JSON."""

from __future__ import annotations

import argparse
import json
import sys

from cli.common import SOURCE, add_area_options, add_preset_option, load_view, setting_option
from core.i18n import t


def register(sub: argparse._SubParsersAction) -> None:
    plan = sub.add_parser(
        "plan", parents=[SOURCE], help="optimal deployment plan for the next period (CSV), summary as JSON"
    )
    add_area_options(plan)
    setting_option(plan, "--nights", "plan_nights", int)
    setting_option(plan, "--capacity", "plan_capacity", int)
    setting_option(plan, "--max-travel-minutes", "plan_max_travel_minutes", float)
    plan.add_argument("--travel-matrix", help="CSV with team_id, village_id, minutes")
    add_preset_option(plan)
    plan.add_argument("--anywhere", action="store_true", help="let teams leave their own commune/district")
    setting_option(plan, "--time-limit", "plan_time_limit", float)
    plan.add_argument(
        "--scale",
        choices=["province", "national"],
        default="province",
        help="national: a whole-country package, one plan per province solved on every core (rows carry "
        "province_code; the JSON gives total time, worst gap and each province's time)",
    )
    plan.add_argument("--workers", type=int, help="with --scale national: processes at once (default: every core)")
    plan.add_argument("-o", "--output", required=True, help="plan CSV to write")
    plan.add_argument(
        "--adopt",
        action="store_true",
        help="store the plan as the adopted plan of --month (in --db, else the default store); adopting again "
        "replaces it and keeps the earlier one in the history; audited",
    )
    plan.add_argument("--month", help="with --adopt: the month the plan is for, YYYY-MM")
    plan.add_argument(
        "--carry-missed",
        metavar="YYYY-MM",
        help="send teams first to the villages whose pairs in that month's adopted plan were missed (their score "
        "is raised by 100, above every other village)",
    )
    plan.add_argument(
        "--as",
        dest="as_account",
        metavar="NAME",
        help="plan with this account's rights and area (a viewer is refused)",
    )
    plan.set_defaults(func=cmd_plan)


def cmd_plan(args: argparse.Namespace) -> int:
    import pandas as pd

    import services
    from cli.followup import account_area, check_month
    from services.weights import Weights

    if args.scale == "national":
        return _national(args)
    if args.adopt and not check_month(args.month, args.lang):
        return 1
    area = account_area(args.as_account, args.db, "plan", args.lang)
    if area is None:
        return 1
    view, _flt = load_view(args, area)
    if view is None:
        return 1
    matrix = None
    if args.travel_matrix:
        matrix = pd.read_csv(args.travel_matrix, dtype={"team_id": str, "village_id": str})
        missing = {"team_id", "village_id", "minutes"} - set(matrix.columns)
        if missing:
            print(t("cli_matrix_columns", args.lang, columns=", ".join(sorted(missing))), file=sys.stderr)
            return 1
    ranked = services.ranked(view, Weights.preset(args.preset))
    if args.carry_missed:
        ranked = _carried(args, view, ranked)
        if ranked is None:
            return 1
    settings = _settings(args)
    result = services.plan(view, ranked, settings, matrix, area=area)
    rows = result.rows.merge(ranked[["village_id", "interventions"]], on="village_id", how="left")
    rows["intervention"] = rows.pop("interventions").map(
        lambda keys: "; ".join(t(f"intervention_{k}", args.lang) for k in keys)
    )
    rows["score"] = rows["score"].round(2)
    rows.to_csv(args.output, index=False, encoding="utf-8-sig")
    summary = result.summary()
    if args.adopt:
        from cli.followup import adopt

        summary["adopted"] = adopt(args, view, result, area)
    print(json.dumps(summary, ensure_ascii=False, indent=2))
    if rows.empty:  # say why, not just "empty"
        nobody_left = int(ranked["remaining"].sum()) == 0
        print(t("plan_empty_no_remaining" if nobody_left else "plan_empty", args.lang), file=sys.stderr)
    return 0


def _carried(args: argparse.Namespace, view, ranked):
    """The ranked villages with the missed ones of --carry-missed's month first; None after saying why not."""
    from cli.followup import check_month
    from services import followup
    from services.storage import resolve_url

    if not check_month(args.carry_missed, args.lang):
        return None
    url = resolve_url(args.db)
    if followup.adopted_plan(args.carry_missed, url) is None:
        print(t("followup_no_plan", args.lang, month=args.carry_missed), file=sys.stderr)
        return None
    missed = followup.missed_villages(view, args.carry_missed, url, view.province().activities)
    print(t("followup_carried", args.lang, n=len(missed), month=args.carry_missed), file=sys.stderr)
    return followup.carry_missed(ranked, missed)


def _national(args: argparse.Namespace) -> int:
    from cli.common import open_dataset
    from core.model.admin_units import is_national
    from core.planning.national import plan_country
    from services.weights import Weights

    if args.district or args.commune or args.travel_matrix:
        print(t("national_plan_with_area", args.lang), file=sys.stderr)
        return 1
    dataset = open_dataset(args)
    if dataset is None:
        return 1
    if not is_national(dataset.meta.province_code):
        print(t("national_plan_not_national", args.lang), file=sys.stderr)
        return 1
    settings = _settings(args)
    result = plan_country(dataset, Weights.preset(args.preset), settings, workers=args.workers)
    rows = result.rows
    rows["score"] = rows["score"].round(2)
    rows.to_csv(args.output, index=False, encoding="utf-8-sig")
    print(json.dumps(result.summary(), ensure_ascii=False, indent=2))
    return 0


def _settings(args: argparse.Namespace):
    """The plan's settings from the command line (the same options for a province and the country)."""
    from core.planning.deployment import PlanSettings

    return PlanSettings(
        nights=args.nights,
        capacity=args.capacity,
        max_travel_minutes=args.max_travel_minutes,
        stay_in_area=not args.anywhere,
        time_limit=args.time_limit,
    )
