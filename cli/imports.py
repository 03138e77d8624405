"""`import PATH...`: all-or-nothing import into the store, with a dry run first."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cli.common import SOURCE
from core.i18n import fmt_int, t
from core.model.schema import TABLES

_RETRIES = 3  # another import committed meanwhile: compute the changes again on the new version


def register(sub: argparse._SubParsersAction) -> None:
    # --package here: the data the first import builds on while the store is empty
    parser = sub.add_parser(
        "import", parents=[SOURCE], help="import files into the store (all-or-nothing); exit 1 on errors"
    )
    parser.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="package folder/.zip, table files (.csv/.xlsx), boundaries (.geojson/.gpkg/.zip)",
    )
    parser.add_argument("--dry-run", action="store_true", help="show what would change; write nothing")
    parser.add_argument("--table", choices=list(TABLES), help="table of single files (default: from headers)")
    parser.add_argument("--who", default="", help="who imports (kept in the history)")
    parser.add_argument("--note", default="", help="a note kept in the history")
    parser.add_argument(
        "--accept-suggestions",
        action="store_true",
        help="apply the one clear candidate of an unknown team, village or commune name (printed); when the "
        "import commits, every value a clear candidate settled is kept as the province's synonym (listed; the "
        "next import needs no flag)",
    )
    parser.add_argument(
        "--as",
        dest="as_account",
        metavar="NAME",
        help="import with this account's rights and area (a viewer is refused; rows outside the area are errors)",
    )
    parser.set_defaults(func=cmd_import)


def change_lines(plan, lang: str) -> list[str]:
    return [
        t(
            "change_line",
            lang,
            table=t(f"table_{name}", lang),
            added=c.added,
            changed=c.changed,
            removed=c.removed,
            duplicates=c.duplicates,
            rows=c.rows_after,
        )
        for name, c in plan.changes.items()
        if c.any or c.duplicates
    ]


def as_of_line(plan, lang: str) -> str:
    """The data's "as of" after the import, and what set it (the newest activity, or the package)."""
    from core.i18n import fmt_date
    from core.model.dataset import AS_OF_ACTIVITIES

    meta = plan.dataset.meta
    if meta.as_of_source == AS_OF_ACTIVITIES:
        return t(
            "import_as_of_activities", lang, date=fmt_date(meta.as_of, lang), package=fmt_date(meta.baseline_date, lang)
        )
    return t("import_as_of_package", lang, date=fmt_date(meta.as_of, lang))


def applied_lines(plan, lang: str) -> list[str]:
    """One line per unknown value a suggestion or a confirmed synonym settled."""
    from core.ingest.validation import printable

    return [
        t(
            "rc_cli_applied",
            lang,
            field=u.column,
            value=printable(u.value),
            target=printable(u.label_of(u.applied)),
            rows=u.rows,
            how=t(f"rc_how_{u.how}", lang),
        )
        for u in plan.applied
    ]


def cmd_import(args: argparse.Namespace) -> int:
    import services
    from core.ingest import reconcile
    from core.ingest.validation import format_problems
    from services import storage as store

    lang, url = args.lang, store.resolve_url(args.db)
    area = _account_area(args.as_account, url, lang)
    if area is None:
        return 1
    actor = services.audit_trail.cli_actor(args.as_account)
    for _attempt in range(_RETRIES):
        # the base (store version, else the package in use) is chosen as on the Data page
        plan = services.import_dry_run(
            [Path(p) for p in args.paths],
            url,
            args.table,
            package=args.package,
            accept_suggestions=args.accept_suggestions,
            area=area,
            actor=actor,
        )
        if plan.problems:
            print(format_problems(plan.problems, lang))
        for line in applied_lines(plan, lang):
            print(line)
        errors = [p for p in plan.problems if p.is_error]
        if errors:
            print(t("cli_import_errors", lang, n=len(errors)), file=sys.stderr)
            return 1
        if plan.has_changes or plan.base_version is None:
            print("\n".join(change_lines(plan, lang)))
            print(as_of_line(plan, lang))
        elif args.dry_run:
            print(t("dry_run_nothing", lang))
        accepted = reconcile.accepted(plan.unknowns) if args.accept_suggestions else {}
        if args.dry_run:
            if accepted:
                print("\n".join(synonym_lines(plan, accepted, actor, lang, saved=False)))
            print(t("cli_import_dry", lang))
            return 0
        try:
            new_version = services.import_commit(
                plan, url, who=args.who or args.as_account or "", note=args.note, actor=actor
            )
        except store.StoreError as exc:
            if exc.code == "store_changed":
                continue
            print(t(exc.code, lang, **exc.params), file=sys.stderr)
            return 1
        if new_version is None:
            print(t("cli_import_nothing", lang))
        else:
            print(t("cli_import_done", lang, version=new_version, url=_safe_url(url)))
        return _keep_accepted(plan, accepted, url, actor, new_version, lang)
    print(t("store_busy", lang), file=sys.stderr)
    return 1


def synonym_lines(plan, accepted: dict[tuple[str, str], str], who: str, lang: str, *, saved: bool) -> list[str]:
    """What accepting the suggestions keeps as the province's synonyms (`saved`), or would keep (a dry run)."""
    from core.ingest.validation import printable

    head = "syn_cli_saved" if saved else "syn_cli_would_save"
    lines = [t(head, lang, n=fmt_int(len(accepted), lang), who=printable(who))]
    for u in plan.unknowns:
        if (u.field, u.value) in accepted:
            target = u.label_of(accepted[(u.field, u.value)])
            lines.append(t("syn_cli_line", lang, field=u.column, value=printable(u.value), target=printable(target)))
    return lines


def _keep_accepted(plan, accepted, url: str, actor: str, version: int | None, lang: str) -> int:
    """After the import committed (or found nothing to change): the accepted suggestions become the province's
    synonyms under `actor`, recorded in the audit log, as a confirmation on the Data page is."""
    import services
    from services import storage as store

    if not accepted:
        return 0
    try:
        services.confirm_synonyms(url, plan.province_code, accepted, actor, via="import", version=version)
    except store.StoreError as exc:
        print(t("syn_cli_not_saved", lang, reason=t(exc.code, lang, **exc.params)), file=sys.stderr)
        return 1
    print("\n".join(synonym_lines(plan, accepted, actor, lang, saved=True)))
    return 0


def _account_area(name: str | None, url: str, lang: str):
    """The area `--as NAME` imports into (the province without --as: the operator); None after printing why
    the account may not import (unknown, disabled and refused alike, by role)."""
    from services.access import account_area

    area = account_area(name, "import", url)
    if area is None:
        print(t("scope_cli_refused", lang, name=name), file=sys.stderr)
    return area


def _safe_url(url: str) -> str:
    """The URL without its password (it may be printed in CI logs)."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)
