"""`backup`, `restore-backup`: a consistent copy of the store while the app runs, and its all-or-nothing restore."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cli.common import LANG
from core.i18n import fmt_number, t


def register(sub: argparse._SubParsersAction) -> None:
    db_help = "store URL, SQLite or PostgreSQL (default: DATABASE_URL, else data/store.sqlite)"
    take = sub.add_parser("backup", parents=[LANG], help="copy the store consistently (SQLite backup API, pg_dump)")
    where = take.add_mutually_exclusive_group(required=True)
    where.add_argument("-o", "--out", metavar="FILE", help="the backup file (replaced whole when it is complete)")
    where.add_argument("--dir", metavar="DIR", help="a dated backup in DIR (dxmap-YYYYMMDD-HHMMSS.sqlite|.pgdump)")
    take.add_argument("--keep", type=int, default=14, help="with --dir: dated backups to keep (default: %(default)s)")
    take.add_argument("--db", metavar="URL", help=db_help)
    take.set_defaults(func=cmd_backup)

    back = sub.add_parser(
        "restore-backup", parents=[LANG], help="restore a backup file into the store (all-or-nothing)"
    )
    back.add_argument("file", metavar="FILE", help="a file written by `cli.py backup` (SQLite or pg_dump)")
    back.add_argument("--db", metavar="URL", help=db_help)
    back.add_argument("--replace", action="store_true", help="replace a store that already holds versions")
    back.add_argument(
        "--check",
        action="store_true",
        help="only check that the file restores and holds what was backed up (a pg_dump archive: restored into "
        "a scratch schema of the PostgreSQL store, compared with its recorded counts and checksums, dropped)",
    )
    back.add_argument("--who", default="", help="who restores (kept in the history when a version is added)")
    back.set_defaults(func=cmd_restore)


def _size(n: int, lang: str) -> str:
    return f"{fmt_number(n / 1_048_576, lang, 1)} MB"


def cmd_backup(args: argparse.Namespace) -> int:
    from services import backups as backup
    from services import storage as store

    if args.dir:
        info = backup.nightly(Path(args.dir), args.keep, args.db)
    else:
        info = backup.backup(Path(args.out), args.db)
    print(
        t(
            "backup_done",
            args.lang,
            store=store.store_name(args.db),
            file=str(info.path),
            versions=info.versions,
            current=info.current,
            size=_size(info.bytes, args.lang),
        )
    )
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from services import backups as backup
    from services import storage as store

    path = Path(args.file)
    if args.check:
        try:
            result = backup.check(path, args.db)
        except backup.BackupError as exc:
            print(t(exc.code, args.lang, **exc.params), file=sys.stderr)
            return 1
        info = result.info
        if result.restored:
            name = store.store_name(args.db)
            print(
                t(
                    "backup_checked_restored",
                    args.lang,
                    file=path.name,
                    store=name,
                    versions=info.versions,
                    current=info.current,
                    tables=result.tables,
                )
            )
        else:
            print(t("backup_checked", args.lang, file=path.name, kind="SQLite" if info.kind == "sqlite" else "pg_dump"))
        if result.verified is not None:
            print(t("backup_checked_verified", args.lang, verified=result.verified))
        elif result.restored or info.kind == "sqlite":
            print(t("backup_checked_unverified", args.lang))
        return 0
    try:
        note = t("backup_history_note", args.lang, file=path.name)
        info = backup.restore(path, args.db, replace=args.replace, who=args.who, note=note)
    except backup.BackupError as exc:
        print(t(exc.code, args.lang, **exc.params), file=sys.stderr)
        return 1
    print(
        t(
            "backup_restored",
            args.lang,
            file=path.name,
            store=store.store_name(args.db),
            versions=info.versions,
            current=info.current,
        )
    )
    return 0
