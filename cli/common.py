"""What every command shares: the parent parsers for `--lang` and the data source (`--package`, `--db`),
options whose default comes from core.settings, and reading the (filtered) data a command works on."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from core.i18n import t
from core.settings import BY_NAME, setting

LANGS = ("vi", "en")


def _lang_parent() -> argparse.ArgumentParser:
    parent = argparse.ArgumentParser(add_help=False)
    # SUPPRESS: `cli.py --lang en CMD` and `cli.py CMD --lang en` both work; the top-level default is "vi"
    parent.add_argument("--lang", choices=LANGS, default=argparse.SUPPRESS, help="language of messages (vi, en)")
    return parent


def _source_parent(lang: argparse.ArgumentParser) -> argparse.ArgumentParser:
    parent = argparse.ArgumentParser(add_help=False, parents=[lang])
    parent.add_argument(
        "--package",
        metavar="PATH",
        help=f"data package folder or .zip; wins over the store "
        f"(default: {BY_NAME['package'].env}, else the store "
        "when it holds data, else the demo package)",
    )
    parent.add_argument(
        "--db",
        metavar="URL",
        help=f"store URL, SQLite or PostgreSQL (default: {BY_NAME['database_url'].env}, else data/store.sqlite)",
    )
    return parent


LANG = _lang_parent()  # commands that print messages but read no data
SOURCE = _source_parent(LANG)  # commands that read data: --lang, --package, --db


def setting_option(parser: argparse.ArgumentParser, flag: str, name: str, kind: type) -> None:
    """`flag` whose default is setting `name` (its environment variable applies), shown in --help."""
    spec = BY_NAME[name]
    parser.add_argument(flag, type=kind, default=setting(name), help=f"{spec.help} (default: %(default)s; {spec.env})")


def load_view(args: argparse.Namespace, area: Any = None) -> tuple[Any, Any]:
    """The dataset of `--package`/`--db` (default as in ARCHITECTURE), narrowed by --district/--commune (and
    kept inside `area`, an account's, when given).

    Returns (view, filter) or prints the problems and returns (None, None).
    """
    import services

    dataset = open_dataset(args)
    if dataset is None:
        return None, None
    params = {
        k: v
        for k, v in (("district", getattr(args, "district", None)), ("commune", getattr(args, "commune", None)))
        if v
    }
    from core.model.scope import PROVINCE

    view, flt, notices = services.view_from_params(dataset, params, area or PROVINCE)
    for n in notices:
        print(f"{n.param}={n.value}: {t(n.reason, args.lang, value=n.value)}", file=sys.stderr)
    return (view, flt) if view is not None else (None, None)


def open_dataset(args: argparse.Namespace) -> Any:
    """The dataset of `--package`/`--db` by the data-source rule, or None after printing its problems."""
    import services
    from core.ingest.validation import format_problems

    source = services.open_source(args.package, args.db)
    if source.dataset is None:
        print(format_problems(source.problems, args.lang), file=sys.stderr)
    return source.dataset


def add_area_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--district", help="3-digit district code")
    parser.add_argument("--commune", help="5-digit commune code")


def add_preset_option(parser: argparse.ArgumentParser) -> None:
    from services.weights import DEFAULT_PRESET, PRESETS

    parser.add_argument(
        "--preset", default=DEFAULT_PRESET, choices=list(PRESETS), help="priority weights preset (default: %(default)s)"
    )
