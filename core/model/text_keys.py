"""Matching keys of typed text: what makes two spellings of a header, a category word or a place or team name
the same (no diacritics, `đ` → `d`, lower case, punctuation and spaces collapsed; names also without their
leading Bản/Thôn/Xã words)."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


def fold(text: Any) -> str:
    """A matching key: no diacritics, `đ`→`d`, lower case, punctuation and spaces collapsed to one space.

    `"Tên thôn/bản"`, `"TEN THON / BAN"` and the NFD spelling all fold to `"ten thon ban"`.
    """
    text = str(text)
    if text.isascii():  # most cells (codes, numbers, dates): nothing to take off
        bare = text.lower()
    else:
        decomposed = unicodedata.normalize("NFD", text)
        bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
        bare = bare.replace("đ", "d").replace("Đ", "d").lower()
    return _NOT_ALNUM.sub(" ", bare).strip()


def match_key(text: Any) -> str:
    """`fold` without any spaces: `"Mã  thôn"`, `"Mãthôn"` and `"ma_thon"` all match."""
    return fold(text).replace(" ", "")


NAME_FIELDS = ("team", "village", "commune")  # the fields whose values are place or team names
# words that lead a place or team name ("Bản Nậm Pồ", "Xã Chà Cang", "Tổ dân phố 3"), folded
PREFIXES = ("to dan pho", "thi tran", "to", "doi", "ban", "thon", "xa", "phuong", "xom", "ap", "lang", "khu", "tdp")


def strip_leading(key: str) -> str:
    """A folded name without its leading Bản/Thôn/Xã/… words (`ban na sang 1` → `na sang 1`)."""
    changed = True
    while changed:
        changed = False
        for word in PREFIXES:
            if key.startswith(word + " "):
                key, changed = key[len(word) + 1 :], True
    return key


def value_key(field_name: str, value: str) -> str:
    """What makes two written values the same value: folded; names also without their leading words."""
    key = fold(value)
    return strip_leading(key) if field_name in NAME_FIELDS else key
