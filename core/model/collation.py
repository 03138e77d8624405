"""Vietnamese alphabetical order (D before Đ, Ảng before Chà), through ICU's Vietnamese collation, and unit
names without their type word ("Huyện Nậm Pồ" → "Nậm Pồ"), by which units are sorted and shown."""

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


# unit-type words, as official documents write them (only the first letter a capital): the one list the
# name strippers and core.model.admin_units' sentence-casing share
UNIT_TYPES = ("Thành phố", "Thị xã", "Thị trấn", "Đặc khu", "Huyện", "Quận", "Phường", "Xã")  # below a province
PROVINCE_TYPES = ("Tỉnh", "Thành phố")


def unit_type_prefix(name: str, types: tuple[str, ...] = UNIT_TYPES, any_case: bool = False) -> str | None:
    """The unit-type word `name` starts with (followed by a space), as listed in `types`; None when none."""
    for prefix in types:
        head = name[: len(prefix)]
        if (head.lower() == prefix.lower() if any_case else head == prefix) and name[len(prefix) :][:1] == " ":
            return prefix
    return None


def strip_unit_type(name: str, types: tuple[str, ...] = UNIT_TYPES, any_case: bool = False) -> str:
    """ "Huyện Nậm Pồ" → "Nậm Pồ"; with `any_case` also "Thị Xã Mường Lay" → "Mường Lay"."""
    prefix = unit_type_prefix(name, types, any_case)
    return name[len(prefix) + 1 :] if prefix else name


def unit_short_name(name: str) -> str:
    """ "Huyện Nậm Pồ" → "Nậm Pồ": units are sorted and searched by their proper name."""
    return strip_unit_type(name)
