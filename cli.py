"""dxmap on the command line: `python cli.py --help`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from core import config
from core.i18n import t


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
    from core.reader import read_package
    from core.validation import format_problems

    dataset, problems = read_package(Path(args.package) if args.package else config.package_path())
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


def _cmd_bench(args: argparse.Namespace) -> int:
    from bench.map_bench import run

    print(json.dumps(run(args.scale), ensure_ascii=False, indent=2))
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
    summ.add_argument("--json", action="store_true", help="print one JSON object")
    summ.set_defaults(func=_cmd_summary)
    bench = sub.add_parser("bench", help="print performance figures as JSON")
    bench.add_argument("--scale", choices=["province", "national"], default="province")
    bench.set_defaults(func=_cmd_bench)

    for sp in (validate, summ):
        sp.add_argument("--lang", choices=["vi", "en"], default=argparse.SUPPRESS)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
