"""`users add|list|disable|enable|set-password|set-area` and `audit`: accounts and the audit log of the store.

Passwords come only on standard input (`--password-stdin`, the first line), never as an argument (it would
show in `ps` and the shell history). Changes are recorded in the audit log as `cli:<operating-system user>`.
Bad input exits 2 with one line in the user's language; a store that cannot be read or written exits 1.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
import unicodedata
from datetime import datetime
from pathlib import Path
from typing import Any

from cli.common import LANG
from core.clock import PROVINCE_TIME, fmt_time, in_province
from core.i18n import fmt_date, t

BAD_INPUT = 2


def _db_parent() -> argparse.ArgumentParser:
    parent = argparse.ArgumentParser(add_help=False, parents=[LANG])
    parent.add_argument(
        "--db", metavar="URL", help="store URL, SQLite or PostgreSQL (default: DATABASE_URL, else data/store.sqlite)"
    )
    return parent


def register(sub: argparse._SubParsersAction) -> None:
    db = _db_parent()
    users = sub.add_parser("users", help="accounts of the store: add, list, disable, set a password or an area")
    commands = users.add_subparsers(dest="users_command", required=True)

    add = commands.add_parser("add", parents=[db], help="create an account (password on standard input)")
    add.add_argument("name", metavar="NAME", help="user name: lower-case letters, digits, . _ -")
    add.add_argument("--role", required=True, metavar="ROLE", help="admin, planner, district_lead or viewer")
    add.add_argument("--area", default="", metavar="CODE[,CODE…]", help="district/commune codes (default: province)")
    add.add_argument("--display-name", default="", metavar="TEXT", help="the person's name as shown in the app")
    _password_option(add)
    add.set_defaults(func=cmd_add)

    listing = commands.add_parser("list", parents=[db], help="every account (never a password)")
    listing.add_argument("--json", action="store_true", help="print a JSON list")
    listing.set_defaults(func=cmd_list)

    disable = commands.add_parser(
        "disable", parents=[db], help="the account can no longer sign in; browsers that stayed signed in are signed out"
    )
    disable.add_argument("name", metavar="NAME")
    disable.set_defaults(func=cmd_disable)

    enable = commands.add_parser("enable", parents=[db], help="a disabled account may sign in again")
    enable.add_argument("name", metavar="NAME")
    enable.set_defaults(func=cmd_enable)

    password = commands.add_parser(
        "set-password",
        parents=[db],
        help="a new password (on standard input); browsers that stayed signed in must sign in again",
    )
    password.add_argument("name", metavar="NAME")
    _password_option(password)
    password.set_defaults(func=cmd_set_password)

    area = commands.add_parser("set-area", parents=[db], help='a new area: CODE[,CODE…], or "" for the province')
    area.add_argument("name", metavar="NAME")
    area.add_argument("codes", metavar="CODES")
    area.set_defaults(func=cmd_set_area)

    log = sub.add_parser("audit", parents=[db], help="the audit log: sign-ins, imports, restores, exports, accounts")
    log.add_argument(
        "--since", metavar="DATE", help="entries from this day on (dd/mm/yyyy or yyyy-mm-dd, Vietnam time)"
    )
    log.add_argument("--json", action="store_true", help="print a JSON list")
    log.add_argument("--xlsx", action="store_true", help="write an Excel workbook to -o FILE")
    log.add_argument("-o", "--output", metavar="FILE", help="file of --xlsx")
    log.set_defaults(func=cmd_audit)


def _password_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--password-stdin", action="store_true", help="read the password from the first line of standard input"
    )


def actor() -> str:
    """Who runs the command, as the audit log names it: `cli:<operating-system user>`."""
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):  # no user name for this uid (some containers)
        return "cli"


# --- running a command: one line for each kind of failure, never a traceback ----------------------------


def _run(args: argparse.Namespace, work) -> int:
    from sqlalchemy.exc import ArgumentError, DBAPIError

    from services.accounts import AccountError
    from services.storage import open_store

    try:
        open_store(args.db)  # a server that is down is told here, before anything is asked of it
        return work()
    except AccountError as exc:
        print(t(exc.code, args.lang, **exc.params), file=sys.stderr)
        return BAD_INPUT
    except ArgumentError:
        print(t("acct_bad_db", args.lang), file=sys.stderr)
        return BAD_INPUT
    except DBAPIError:
        print(t("store_unavailable", args.lang, kind=_kind(args.db)), file=sys.stderr)
        return 1


def _kind(db: str | None) -> str:
    from services.storage import kind

    return kind(db)


def _read_password(args: argparse.Namespace) -> str:
    from services.accounts import AccountError

    if not args.password_stdin:
        raise AccountError("acct_password_missing")
    line = sys.stdin.readline()
    return line.removesuffix("\n").removesuffix("\r")


def cmd_add(args: argparse.Namespace) -> int:
    from services import accounts

    def work() -> int:
        password = _read_password(args)
        account = accounts.add_account(
            args.name, password, args.role, args.area, args.display_name, actor=actor(), url=args.db
        )
        role = t(f"acct_role_{account.role}", args.lang)
        print(t("acct_cli_added", args.lang, username=account.username, role=role, area=_area(account, args.lang)))
        return 0

    return _run(args, work)


def cmd_list(args: argparse.Namespace) -> int:
    from services import accounts

    def work() -> int:
        found = accounts.list_accounts(args.db)
        if args.json:
            print(_json([_account_json(a) for a in found]))
        elif not found:
            print(t("acct_cli_none", args.lang))
        else:
            print(_table(_account_rows(found, args.lang), args.lang))
        return 0

    return _run(args, work)


def cmd_disable(args: argparse.Namespace) -> int:
    from services import accounts

    def work() -> int:
        remembered = accounts.session_count(args.name, args.db)
        accounts.disable_account(args.name, actor=actor(), url=args.db)
        print(t("acct_cli_disabled", args.lang, username=args.name.strip().lower()))
        _ended(remembered, args.lang)
        return 0

    return _run(args, work)


def cmd_enable(args: argparse.Namespace) -> int:
    from services import accounts

    def work() -> int:
        accounts.enable_account(args.name, actor=actor(), url=args.db)
        print(t("acct_cli_enabled", args.lang, username=args.name.strip().lower()))
        return 0

    return _run(args, work)


def cmd_set_password(args: argparse.Namespace) -> int:
    from services import accounts

    def work() -> int:
        if accounts.get_account(args.name, args.db) is None:  # before reading a password for nobody
            raise accounts.AccountError("acct_unknown", username=args.name.strip().lower())
        remembered = accounts.session_count(args.name, args.db)
        accounts.set_password(args.name, _read_password(args), actor=actor(), url=args.db)
        print(t("acct_cli_password_set", args.lang, username=args.name.strip().lower()))
        _ended(remembered, args.lang)
        return 0

    return _run(args, work)


def _ended(remembered: int, lang: str) -> None:
    """Disabling and a new password end the account's remembered sign-ins (browsers that stayed signed in)."""
    if remembered:
        print(t("remember_cli_ended", lang, n=remembered))


def cmd_set_area(args: argparse.Namespace) -> int:
    from services import accounts

    def work() -> int:
        accounts.set_area(args.name, args.codes, actor=actor(), url=args.db)
        account = accounts.get_account(args.name, args.db)
        print(t("acct_cli_area_set", args.lang, username=account.username, area=_area(account, args.lang)))
        return 0

    return _run(args, work)


def cmd_audit(args: argparse.Namespace) -> int:
    from core import audit

    def work() -> int:
        since = parse_day(args.since, args.lang) if args.since else None
        if since is False:
            return BAD_INPUT
        if args.xlsx and not args.output:
            print(t("audit_xlsx_needs_output", args.lang), file=sys.stderr)
            return BAD_INPUT
        found = audit.entries(since, url=args.db)
        if args.xlsx:
            from core.exports.audit_xlsx import to_xlsx

            Path(args.output).write_bytes(to_xlsx(found, args.lang))
            print(t("audit_written", args.lang, n=len(found), path=args.output), file=sys.stderr)
        elif args.json:
            print(_json([_entry_json(e) for e in found]))
        elif not found:
            print(t("audit_none", args.lang))
        else:
            print(_audit_lines(found, args.lang))
        return 0

    return _run(args, work)


# --- formatting ----------------------------------------------------------------------------------------


def parse_day(text: str, lang: str) -> datetime | bool:
    """dd/mm/yyyy or yyyy-mm-dd → that day's start in Vietnam; False after printing why it cannot be read."""
    value = text.strip()
    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            day = datetime.strptime(value, pattern).date()
        except ValueError:
            continue
        return datetime(day.year, day.month, day.day, tzinfo=PROVINCE_TIME)
    print(t("audit_bad_date", lang, value=_printable(value)), file=sys.stderr)
    return False


def _area(account: Any, lang: str) -> str:
    return ", ".join(account.area) if account.area else t("acct_province_wide", lang)


def _when(value: datetime | None, lang: str) -> str:
    if value is None:
        return "–"
    return fmt_time(value, lang)  # Vietnam time, as the column header says


def _account_json(account: Any) -> dict[str, Any]:
    return {
        "username": account.username,
        "display_name": account.display_name,
        "role": account.role,
        "area": list(account.area),
        "active": account.active,
        "created": in_province(account.created).isoformat(),
        "last_signin": in_province(account.last_signin).isoformat() if account.last_signin else None,
    }


def _account_rows(found: list[Any], lang: str) -> list[list[str]]:
    heads = ["username", "display_name", "role", "area", "active", "created", "last_signin"]
    rows = [[t(f"acct_col_{h}", lang) for h in heads]]
    rows[0][-1] += f" ({t('time_zone_label', lang)})"
    for a in found:
        rows.append(
            [
                a.username,
                a.display_name or "–",
                t(f"acct_role_{a.role}", lang),
                _area(a, lang),
                t("acct_yes" if a.active else "acct_no", lang),
                fmt_date(in_province(a.created).date(), lang),
                _when(a.last_signin, lang),
            ]
        )
    return rows


def _entry_json(entry: Any) -> dict[str, Any]:
    return {
        "at": in_province(entry.at).isoformat(),
        "actor": entry.actor,
        "action": entry.action,
        "detail": entry.detail,
    }


def _audit_lines(found: list[Any], lang: str) -> str:
    from core.exports.audit_xlsx import action_label, detail_words

    rows = [[t(k, lang) for k in ("audit_col_at", "audit_col_actor", "audit_col_action", "audit_col_detail")]]
    for e in found:
        rows.append(
            [
                _when(e.at, lang),
                e.actor or t("audit_nobody", lang),
                action_label(e.action, lang),
                detail_words(e.detail, lang),
            ]
        )
    return _table(rows, lang)


def _table(rows: list[list[str]], lang: str) -> str:
    """Columns padded to their widest cell; user text shown with its control characters made visible."""
    rows = [[_printable(c) for c in row] for row in rows]
    widths = [max(len(r[j]) for r in rows) for j in range(len(rows[0]))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows)


def _printable(text: str) -> str:
    """Text for a terminal: a control character (an escape sequence typed as a user name) is shown as \\uXXXX."""
    return "".join(f"\\u{ord(ch):04x}" if unicodedata.category(ch) in ("Cc", "Cf") else ch for ch in str(text))


def _json(value: Any) -> str:
    """JSON with Vietnamese letters as they are and every control character escaped (safe in a terminal)."""
    text = json.dumps(value, ensure_ascii=False, indent=2)
    return "".join(
        f"\\u{ord(ch):04x}" if unicodedata.category(ch) in ("Cc", "Cf") and ch != "\n" else ch for ch in text
    )
