"""One translation catalogue (Vietnamese first, English second) and locale-aware formatting.

Strings live in `core/locale/*.py`, each module a `STRINGS = {key: {"vi": ..., "en": ...}}` table, so both
languages of a string sit side by side. Keys are unique across modules.
"""

from __future__ import annotations

import importlib
import pkgutil
from datetime import date, datetime
from typing import Any

from babel.dates import format_date
from babel.numbers import format_decimal

import core.locale as _locale_pkg
from core.once import computed_once

LANGS = ("vi", "en")
DEFAULT_LANG = "vi"
_PERCENT_PATTERN = {"vi": "#,##0.0 %", "en": "#,##0.0%"}


@computed_once(maxsize=1)
def catalogue() -> dict[str, dict[str, str]]:
    """All strings of all locale modules; a key defined twice is a programming error."""
    merged: dict[str, dict[str, str]] = {}
    for info in pkgutil.iter_modules(_locale_pkg.__path__):
        module = importlib.import_module(f"core.locale.{info.name}")
        for key, texts in module.STRINGS.items():
            if key in merged:
                raise KeyError(f"translation key {key!r} defined twice (core/locale/{info.name}.py)")
            merged[key] = texts
    return merged


def normalise_lang(lang: str | None) -> str:
    return lang if lang in LANGS else DEFAULT_LANG


def t(key: str, lang: str = DEFAULT_LANG, /, **params: Any) -> str:
    """The text of `key` in `lang`, with `{name}` placeholders filled from `params`."""
    texts = catalogue()[key]
    text = texts.get(normalise_lang(lang)) or texts[DEFAULT_LANG]
    return text.format(**params) if params else text


def _missing(value: Any) -> bool:
    """None, NaN, pandas' NA or NaT: shown as a dash, never as 0."""
    import pandas as pd

    return value is None or bool(pd.isna(value))


def fmt_int(value: float | int | None, lang: str = DEFAULT_LANG) -> str:
    """`1.459` in Vietnamese, `1,459` in English; blank for a missing value."""
    if _missing(value):
        return "–"
    return format_decimal(round(value), locale=normalise_lang(lang))


def fmt_number(value: float | None, lang: str = DEFAULT_LANG, decimals: int = 1) -> str:
    if _missing(value):
        return "–"
    pattern = "#,##0." + "0" * decimals if decimals else "#,##0"
    return format_decimal(value, format=pattern, locale=normalise_lang(lang))


def fmt_pct(share: float | None, lang: str = DEFAULT_LANG) -> str:
    """A 0–1 share as `28,6 %` (vi) or `28.6%` (en)."""
    if _missing(share):
        return "–"
    from babel.numbers import format_percent

    lang = normalise_lang(lang)
    return format_percent(share, format=_PERCENT_PATTERN[lang], locale=lang)


def fmt_date(value: date | datetime | None, lang: str = DEFAULT_LANG) -> str:
    """`31/03/2025` in both languages (the format Vietnamese officials use)."""
    if _missing(value):
        return "–"
    return format_date(value, "dd/MM/yyyy", locale=normalise_lang(lang))
