"""Vietnamese alphabetical order (D before Đ, Ảng before Chà), through ICU's Vietnamese collation."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import TypeVar

T = TypeVar("T")


@lru_cache(maxsize=2)
def _collator(lang: str):
    import icu

    return icu.Collator.createInstance(icu.Locale("vi" if lang == "vi" else "en"))


def sort_key(lang: str = "vi") -> Callable[[str], bytes]:
    collator = _collator(lang)
    return lambda text: collator.getSortKey(text or "")


def sorted_by_name(items: Iterable[T], name: Callable[[T], str], lang: str = "vi") -> list[T]:
    key = sort_key(lang)
    return sorted(items, key=lambda item: key(name(item)))


_UNIT_PREFIXES = ("Thành phố ", "Thị xã ", "Thị trấn ", "Huyện ", "Quận ", "Phường ", "Xã ", "Đặc khu ")


def unit_short_name(name: str) -> str:
    """"Huyện Nậm Pồ" → "Nậm Pồ": units are sorted and searched by their proper name."""
    for prefix in _UNIT_PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix):]
    return name
