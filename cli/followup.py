"""`progress`, `changes`, `pace`, and adopting a plan (`plan --adopt`): following the plan up."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from cli.common import LANG, SOURCE, open_dataset
from core.i18n import t


def register(sub: argparse._SubParsersAction) -> None:
    progress = sub.add_parser(
        "progress", parents=[SOURCE], help="plan vs done of a month's adopted plan: planned, done, missed pairs"
    )
    progress.add_argument("--month", required=True, help="the plan's month, YYYY-MM")
    progress.add_argument("--district", help="3-digit district code")
    progress.add_argument("--json", action="store_true", help="print JSON")
    progress.add_argument("--as", dest="as_account", metavar="NAME", help="read with this account's area")
    progress.set_defaults(func=cmd_progress)
    changes = sub.add_parser(
        "changes",
        parents=[SOURCE],
        help="what changed between two dates: villages that gained or lost signal, power or a team; level-2 "
        "e-IDs by district at both dates",
    )
    changes.add_argument("--from", dest="day_from", required=True, metavar="DATE", help="dd/mm/yyyy or yyyy-mm-dd")
    changes.add_argument("--to", dest="day_to", required=True, metavar="DATE", help="dd/mm/yyyy or yyyy-mm-dd")
    changes.add_argument("--json", action="store_true", help="print JSON")
    changes.add_argument("--as", dest="as_account", metavar="NAME", help="read with this account's area")
    changes.set_defaults(func=cmd_changes)
    pace = sub.add_parser(
        "pace", parents=[SOURCE], help="per district and province: level-2 e-ID target, now, monthly pace, month"
    )
    pace.add_argument("--json", action="store_true", help="print JSON")
    pace.add_argument("--as", dest="as_account", metavar="NAME", help="read with this account's area")
    pace.set_defaults(func=cmd_pace)
    said = (
        "write the demo with a history into an empty store (--db): four monthly versions (the ends of April, May, "
        "June and July 2025), July's plan adopted on 01/07/2025 and July's reports (synthetic)"
    )
    history = sub.add_parser("demo-history", parents=[LANG], help=said, description=said)
    history.add_argument("--db", metavar="URL", help="the empty store to write (default: data/store.sqlite)")
    history.set_defaults(func=cmd_demo_history)


def check_month(month: str | None, lang: str) -> bool:
    """True for a YYYY-MM month; else prints why and returns False."""
    from services.followup import valid_month

    if month and valid_month(month):
        return True
    print(t("followup_bad_month", lang, value=month or ""), file=sys.stderr)
    return False


def account_area(name: str | None, db: str | None, action: str, lang: str) -> Any:
    """The area of `--as NAME` (the province without it); None after printing why the account may not."""
    from services.access import account_area as area_of
    from services.storage import resolve_url

    area = area_of(name, action, resolve_url(db))
    if area is None:
        print(t("followup_account_refused", lang, name=name), file=sys.stderr)
    return area


def adopt(args: argparse.Namespace, view: Any, result: Any, area: Any) -> int:
    """Store the plan as the adopted plan of --month; returns the adoption's id."""
    import services
    from services import followup
    from services import storage as store

    settings = {
        "nights": args.nights,
        "capacity": args.capacity,
        "max_travel_minutes": args.max_travel_minutes,
        "preset": args.preset,
        "district": args.district,
        "commune": args.commune,
        "anywhere": bool(args.anywhere),
    }
    version = services.data_version(args.package, args.db)
    plan_id = followup.adopt(
        view,
        result,
        args.month,
        who=services.audit_trail.cli_actor(args.as_account),
        area=area,
        settings=settings,
        data_version=version.store_version,
        url=store.resolve_url(args.db),
    )
    print(t("followup_adopted", args.lang, month=args.month, id=plan_id), file=sys.stderr)
    return plan_id


def cmd_progress(args: argparse.Namespace) -> int:
    import services
    from core.model.scope import restrict
    from services import followup
    from services import storage as store

    if not check_month(args.month, args.lang):
        return 1
    area = account_area(args.as_account, args.db, "read", args.lang)
    if area is None:
        return 1
    dataset = open_dataset(args)
    if dataset is None:
        return 1
    params = {"district": args.district} if args.district else {}
    view, _flt, notices = services.view_from_params(dataset, params, area)
    for n in notices:
        print(f"{n.param}={n.value}: {t(n.reason, args.lang, value=n.value)}", file=sys.stderr)
    if view is None:
        return 1
    found = followup.progress(view, args.month, store.resolve_url(args.db), restrict(dataset, area).activities)
    if found is None:
        print(t("followup_no_plan", args.lang, month=args.month), file=sys.stderr)
        return 1
    figures = found.to_json()
    if args.json:
        print(json.dumps(figures, ensure_ascii=False, indent=2))
        return 0
    for key in ("planned_pairs", "done_pairs", "missed_pairs", "unplanned_pairs", "people_planned", "people_reached"):
        print(f"{t('followup_' + key, args.lang)}: {figures[key]}")
    return 0


def _day(text: str, lang: str) -> Any:
    """dd/mm/yyyy or yyyy-mm-dd as a date; None after printing why it cannot be read."""
    from datetime import datetime

    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
    print(t("followup_bad_date", lang, value=text), file=sys.stderr)
    return None


def cmd_changes(args: argparse.Namespace) -> int:
    import services
    from services import followup

    day_from, day_to = _day(args.day_from, args.lang), _day(args.day_to, args.lang)
    if day_from is None or day_to is None:
        return 1
    area = account_area(args.as_account, args.db, "read", args.lang)
    if area is None:
        return 1
    version = services.data_version(args.package, args.db)
    dataset = None if version.kind == "store" else open_dataset(args)
    url = version.where if version.kind == "store" else None
    found = followup.changes(day_from, day_to, url, dataset, area)
    if found is None:
        return 1
    figures = found.to_json()
    if args.json:
        print(json.dumps(figures, ensure_ascii=False, indent=2))
        return 0
    for key in ("gained_signal", "lost_signal", "gained_power", "lost_power", "gained_team", "lost_team"):
        print(f"{t('followup_' + key, args.lang)}: {', '.join(figures[key]) or '–'}")
    return 0


def cmd_pace(args: argparse.Namespace) -> int:
    from core.model.scope import restrict
    from services.followup import pace_json

    area = account_area(args.as_account, args.db, "read", args.lang)
    if area is None:
        return 1
    dataset = open_dataset(args)
    if dataset is None:
        return 1
    figures = pace_json(restrict(dataset, area), province=area.province_wide)
    if args.json:
        print(json.dumps(figures, ensure_ascii=False, indent=2))
        return 0
    for row in [figures["province"] or {}, *figures["districts"]]:
        if not row:
            continue
        code = row.get("district_code") or row.get("province_code")
        print(
            f"{code}: {row['now']} / {row['target']} → {row['projected_month'] or t('followup_not_at_pace', args.lang)}"
        )
    return 0


def cmd_demo_history(args: argparse.Namespace) -> int:
    from core.config import DEMO_PACKAGE
    from core.ingest.reader import read_package
    from services import demo_history
    from services import storage as store

    url = store.resolve_url(args.db)
    if store.has_data(url):
        print(t("followup_store_not_empty", args.lang), file=sys.stderr)
        return 1
    dataset, problems = read_package(DEMO_PACKAGE)
    if dataset is None:
        from core.ingest.validation import format_problems

        print(format_problems(problems, args.lang), file=sys.stderr)
        return 1
    print(json.dumps(demo_history.build(dataset, url), ensure_ascii=False, indent=2))
    return 0
