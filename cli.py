"""dxmap on the command line: `python cli.py --help`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from cli_export import add_export_parser
from cli_import import add_import_parser
from cli_serve import add_serve_parser
from core import config
from core.i18n import t
from core.store import StoreError


def _cmd_demo_data(args: argparse.Namespace) -> int:
    from core.demo import write_demo_package

    out = write_demo_package(Path(args.out))
    print(t("cli_demo_written", args.lang, path=str(out)))
    return 0


def _cmd_validate(args: argparse.Namespace) -> int:
    from core.reader import read_package, read_table_file
    from core.validation import format_problems

    path = Path(args.path)
    if path.is_file() and path.suffix.lower() != ".zip":
        _table, problems = read_table_file(path)
    else:
        _dataset, problems = read_package(path)
    errors = [p for p in problems if p.severity == "error"]
    if problems:
        print(format_problems(problems, args.lang))
    if errors:
        print(t("cli_invalid", args.lang, n=len(errors)), file=sys.stderr)
        return 1
    print(t("cli_valid", args.lang, path=str(path)))
    return 0


def _cmd_summary(args: argparse.Namespace) -> int:
    from core.kpis import summary
    from core.store import load_source
    from core.validation import format_problems

    dataset, problems, _source = load_source(args.package, args.db)
    if dataset is None:
        print(format_problems(problems, args.lang), file=sys.stderr)
        return 1
    figures = summary(dataset)
    if args.json:
        print(json.dumps(figures, ensure_ascii=False, indent=2))
    else:
        print(_summary_text(figures, args.lang))
    return 0


def _summary_text(figures: dict, lang: str) -> str:
    from core.i18n import fmt_int

    lines = [f"{figures['province']} — {t('data_date', lang)} {figures['as_of']}"]
    lines.append(f"{t('kpi_villages', lang)}: {fmt_int(figures['villages'], lang)}")
    for gap, n in figures["villages_by_gap"].items():
        lines.append(f"  {t('gap_' + gap, lang)}: {fmt_int(n, lang)}")
    lines.append(f"{t('kpi_teams', lang)}: {fmt_int(figures['teams'], lang)}"
                 f" ({fmt_int(figures['members'], lang)} {t('members_word', lang)})")
    for key, value in figures["teams_by_type_level"].items():
        lines.append(f"  {key}: {fmt_int(value['teams'], lang)} / {fmt_int(value['members'], lang)}")
    lines.append(f"{t('kpi_activities', lang)}: {fmt_int(figures['activities'], lang)}")
    for key, value in figures["outcomes"].items():
        lines.append(f"  {t('outcome_' + key, lang)}: {fmt_int(value, lang)}")
    return "\n".join(lines)


def load_view(args: argparse.Namespace):
    """The dataset of `--package` (default: DXMAP_PACKAGE or the demo), narrowed by --district/--commune.

    Returns (view, filter) or prints the problems and returns (None, None).
    """
    from core.filters import Filter
    from core.store import load_source
    from core.validation import format_problems

    dataset, problems, _source = load_source(args.package, getattr(args, "db", None))
    if dataset is None:
        print(format_problems(problems, args.lang), file=sys.stderr)
        return None, None
    params = {k: v for k, v in (("district", getattr(args, "district", None)),
                                ("commune", getattr(args, "commune", None))) if v}
    flt, notices = Filter.from_query_params(params, dataset)
    if notices:
        for n in notices:
            print(f"{n.param}={n.value}: {t(n.reason, args.lang, value=n.value)}", file=sys.stderr)
        return None, None
    return flt.apply(dataset), flt


def _weights(args: argparse.Namespace):
    from core.scoring import Weights

    return Weights.preset(args.preset)


def _cmd_plan(args: argparse.Namespace) -> int:
    import pandas as pd

    from core.deployment import PlanSettings, make_plan, ranked_villages

    view, _flt = load_view(args)
    if view is None:
        return 1
    matrix = None
    if args.travel_matrix:
        matrix = pd.read_csv(args.travel_matrix, dtype={"team_id": str, "village_id": str})
        missing = {"team_id", "village_id", "minutes"} - set(matrix.columns)
        if missing:
            print(t("cli_matrix_columns", args.lang, columns=", ".join(sorted(missing))), file=sys.stderr)
            return 1
    ranked = ranked_villages(view, _weights(args))
    settings = PlanSettings(nights=args.nights, capacity=args.capacity, max_travel_minutes=args.max_travel_minutes,
                            stay_in_area=not args.anywhere, time_limit=args.time_limit)
    result = make_plan(view, ranked, settings, matrix)
    rows = result.rows.merge(ranked[["village_id", "interventions"]], on="village_id", how="left")
    rows["intervention"] = rows.pop("interventions").map(lambda keys: "; ".join(t(f"intervention_{k}", args.lang)
                                                                                 for k in keys))
    rows["score"] = rows["score"].round(2)
    rows.to_csv(args.output, index=False, encoding="utf-8-sig")
    print(json.dumps(result.summary(), ensure_ascii=False, indent=2))
    if rows.empty:  # say why, not just "empty"
        nobody_left = int(ranked["remaining"].sum()) == 0
        print(t("plan_empty_no_remaining" if nobody_left else "plan_empty", args.lang), file=sys.stderr)
    return 0


def _cmd_bench(args: argparse.Namespace) -> int:
    from bench import map_bench, plan_bench

    figures = {"map": map_bench.run(args.scale)}
    if args.scale == "province":
        figures["plan"] = plan_bench.run()
    print(json.dumps(figures, ensure_ascii=False, indent=2))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cli.py", description="dxmap: where to send DX volunteers next")
    parser.add_argument("--lang", choices=["vi", "en"], default="vi", help="language of messages (vi, en)")
    sub = parser.add_subparsers(dest="command", required=True)

    demo = sub.add_parser("demo-data", help="regenerate the demo package (deterministic)")
    demo.add_argument("--out", default=str(config.DEMO_PACKAGE), help="output folder")
    demo.set_defaults(func=_cmd_demo_data)

    validate = sub.add_parser("validate", help="check a package folder/zip or one file; exit 1 if invalid")
    validate.add_argument("path")
    validate.set_defaults(func=_cmd_validate)

    summ = sub.add_parser("summary", help="print the headline totals")
    summ.add_argument("--package", help="data package folder or zip (default: DXMAP_PACKAGE or the demo)")
    summ.add_argument("--db", help="store URL (default: DATABASE_URL, else the store file if it holds data)")
    summ.add_argument("--json", action="store_true", help="print one JSON object")
    summ.set_defaults(func=_cmd_summary)
    plan = sub.add_parser("plan", help="optimal deployment plan for the next period (CSV), summary as JSON")
    plan.add_argument("--package", help="data package folder or zip (default: DXMAP_PACKAGE or the demo)")
    plan.add_argument("--db", help="store URL (default: DATABASE_URL, else the store file if it holds data)")
    plan.add_argument("--district", help="3-digit district code")
    plan.add_argument("--commune", help="5-digit commune code")
    plan.add_argument("--nights", type=int, default=8, help="nights a team has when its row does not say")
    plan.add_argument("--capacity", type=int, default=30, help="people a team reaches per night when not given")
    plan.add_argument("--max-travel-minutes", type=float, default=90.0, help="one-way travel limit")
    plan.add_argument("--travel-matrix", help="CSV with team_id, village_id, minutes")
    plan.add_argument("--preset", default="balanced", choices=["balanced", "reach_most", "hardest_first",
                                                               "no_one_left_behind"])
    plan.add_argument("--anywhere", action="store_true", help="let teams leave their own commune/district")
    plan.add_argument("--time-limit", type=float, default=10.0, help="solver time limit in seconds")
    plan.add_argument("-o", "--output", required=True, help="plan CSV to write")
    plan.set_defaults(func=_cmd_plan)

    bench = sub.add_parser("bench", help="print performance figures as JSON")
    bench.add_argument("--scale", choices=["province", "national"], default="province")
    bench.set_defaults(func=_cmd_bench)

    add_export_parser(sub)
    add_import_parser(sub)
    add_serve_parser(sub)
    for sp in (validate, summ, plan):
        sp.add_argument("--lang", choices=["vi", "en"], default=argparse.SUPPRESS)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except StoreError as exc:  # the store is down, damaged or read-only: one clear line, no traceback
        print(t(exc.code, getattr(args, "lang", None) or "vi", **exc.params), file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
