"""`demo-data`, `validate`, `summary`: the data package itself."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from cli.common import LANG, SOURCE, open_dataset
from core import config
from core.i18n import fmt_int, t

NATIONAL_DEFAULT = "data/national"  # generated on demand, never committed (.gitignore)


def register(sub: argparse._SubParsersAction) -> None:
    demo = sub.add_parser("demo-data", parents=[LANG], help="regenerate the demo package (deterministic)")
    demo.add_argument(
        "--out", "-o", default=None, help=f"output folder (default {config.DEMO_PACKAGE}, or {NATIONAL_DEFAULT})"
    )
    demo.add_argument(
        "--national",
        action="store_true",
        help="the synthetic whole-country package instead: 34 provinces, ~80,000 villages, ~15,000 teams",
    )
    demo.add_argument("--provinces", help="with --national: only these 2025 province codes, comma-separated")
    demo.set_defaults(func=cmd_demo_data)

    validate = sub.add_parser(
        "validate", parents=[LANG], help="check a package folder/zip or one file; exit 1 if invalid"
    )
    validate.add_argument("path")
    validate.set_defaults(func=cmd_validate)

    summ = sub.add_parser("summary", parents=[SOURCE], help="print the headline totals")
    summ.add_argument("--json", action="store_true", help="print one JSON object")
    summ.set_defaults(func=cmd_summary)


def cmd_demo_data(args: argparse.Namespace) -> int:
    from core.ingest.demo import write_demo_package, write_national_package

    if not args.national:
        out = write_demo_package(Path(args.out or config.DEMO_PACKAGE))
        print(t("cli_demo_written", args.lang, path=str(out)))
        return 0
    provinces = None
    if args.provinces:
        from core.model.admin_units import load_national_units

        units, _ = load_national_units()
        known = set(units.loc[units["level"] == "district", "code"])
        provinces = sorted({p.strip().zfill(2) for p in args.provinces.split(",") if p.strip()})
        unknown = [p for p in provinces if p not in known]
        if unknown or not provinces:
            codes = ", ".join(unknown) or args.provinces
            print(t("national_unknown_provinces", args.lang, codes=codes), file=sys.stderr)
            return 1
    out = write_national_package(Path(args.out or NATIONAL_DEFAULT), provinces=provinces)
    counts = {name: sum(1 for _ in (out / f"{name}.csv").open(encoding="utf-8")) - 1 for name in ("villages", "teams")}
    print(t("national_demo_written", args.lang, path=str(out), **{k: fmt_int(v, args.lang) for k, v in counts.items()}))
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from core.ingest.reader import read_package, read_table_file
    from core.ingest.validation import format_problems

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


def cmd_summary(args: argparse.Namespace) -> int:
    import services

    if args.db and not args.package and _store_is_empty(args.db):
        from services.storage import store_name

        print(t("summary_store_empty", args.lang, store=store_name(args.db)), file=sys.stderr)
        return 1
    dataset = open_dataset(args)
    if dataset is None:
        return 1
    figures = services.summary(dataset)
    if args.json:
        print(json.dumps(figures, ensure_ascii=False, indent=2))
    else:
        print(summary_text(figures, args.lang))
    return 0


def _store_is_empty(db: str) -> bool:
    """True when the store named with --db holds no data version: its summary is not the demo's figures."""
    from services.storage import current_version_id

    return current_version_id(db) is None


def summary_text(figures: dict, lang: str) -> str:
    from core.i18n import fmt_int

    lines = [f"{figures['province']} — {t('data_date', lang)} {figures['as_of']}"]
    lines.append(f"{t('kpi_villages', lang)}: {fmt_int(figures['villages'], lang)}")
    for gap, n in figures["villages_by_gap"].items():
        lines.append(f"  {t('gap_' + gap, lang)}: {fmt_int(n, lang)}")
    lines.append(
        f"{t('kpi_teams', lang)}: {fmt_int(figures['teams'], lang)}"
        f" ({fmt_int(figures['members'], lang)} {t('members_word', lang)})"
    )
    for key, value in figures["teams_by_type_level"].items():
        lines.append(f"  {key}: {fmt_int(value['teams'], lang)} / {fmt_int(value['members'], lang)}")
    lines.append(f"{t('kpi_activities', lang)}: {fmt_int(figures['activities'], lang)}")
    for key, value in figures["outcomes"].items():
        lines.append(f"  {t('outcome_' + key, lang)}: {fmt_int(value, lang)}")
    return "\n".join(lines)
