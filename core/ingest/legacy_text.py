"""Vietnamese text in the two pre-Unicode encodings district offices still send: TCVN3 and VNI.

**TCVN3 ("ABC", fonts .VnTime, .VnArial…)** is the 8-bit character set of the national standard
TCVN 5712:1993 "Công nghệ thông tin — Bộ mã chuẩn 8-bit kí tự Việt dùng trong trao đổi thông tin".
Every letter is one byte: ASCII stays ASCII, the 67 lowercase Vietnamese letters and the 7 toneless
uppercase ones (Ă Â Ê Ô Ơ Ư Đ) sit in 0xA1–0xFE (the VN3 repertoire that .VnTime fonts use). The
standard's full set (VN1) also places the uppercase toned letters: in 0x80–0x9F, in a few gaps of
0xAF–0xFF, and in control positions 0x01–0x17 that are not tab, line feed or carriage return. Text typed
with the uppercase fonts (.VnTimeH) reuses the lowercase codes, so it reads back in lowercase: plain text
keeps no font.

**VNI (VNI Windows, fonts VNI-Times, VNI-Helve…)** is the encoding of the VNI typing software: a toned
letter is its ASCII base letter followed by one "mark" byte that the VNI fonts draw as a diacritic
(`Vieät` = V, i, e, 0xE4 = "circumflex + dot below", t). The marks are bytes of the Windows-1252 layout:
tones ù ø û õ ï (acute, grave, hook, tilde, dot below), circumflex â, breve ê, circumflex + tone á à å ã ä,
breve + tone é è ú ü ë; ơ, ư, đ are the single bytes ô, ö, ñ, and the i-letters í ì æ ó ò are single
bytes. Uppercase uses the uppercase form of each byte (`VIEÄT`).

Both encodings keep ASCII unchanged and never use the bytes of a line break, so a file can be converted
line by line. Nothing here guesses: `detect_legacy` says which reading of a non-UTF-8 file gives the most
real Vietnamese syllables, against the Windows-1258 reading the reader used before.
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

TCVN3, VNI = "tcvn3", "vni"
ENCODING_NAMES = {TCVN3: "TCVN3 (ABC, .VnTime)", VNI: "VNI (VNI-Times)"}
SAMPLE_BYTES = 256 * 1024  # enough words of any real report to tell the encodings apart

_VOWELS = "aăâeêioôơuưy"
_TONES = ("", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323")  # none, grave, hook, tilde, acute, dot below

# --- TCVN 5712:1993 --------------------------------------------------------------------------------
# Each vowel's bytes in the tone order of _TONES: (toneless, grave, hook, tilde, acute, dot below).
# `None` toneless = plain ASCII. Lowercase is the VN3 repertoire; uppercase toned letters are VN1.
_TCVN3_LOWER = {
    "a": (None, 0xB5, 0xB6, 0xB7, 0xB8, 0xB9),
    "ă": (0xA8, 0xBB, 0xBC, 0xBD, 0xBE, 0xC6),
    "â": (0xA9, 0xC7, 0xC8, 0xC9, 0xCA, 0xCB),
    "e": (None, 0xCC, 0xCE, 0xCF, 0xD0, 0xD1),
    "ê": (0xAA, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6),
    "i": (None, 0xD7, 0xD8, 0xDC, 0xDD, 0xDE),
    "o": (None, 0xDF, 0xE1, 0xE2, 0xE3, 0xE4),
    "ô": (0xAB, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9),
    "ơ": (0xAC, 0xEA, 0xEB, 0xEC, 0xED, 0xEE),
    "u": (None, 0xEF, 0xF1, 0xF2, 0xF3, 0xF4),
    "ư": (0xAD, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9),
    "y": (None, 0xFA, 0xFB, 0xFC, 0xFD, 0xFE),
}
_TCVN3_UPPER = {
    "A": (None, 0x80, 0x81, 0x82, 0x83, 0x84),
    "Ă": (0xA1, 0xAF, 0xBA, 0xBF, 0xC0, 0x85),
    "Â": (0xA2, 0xC1, 0xC2, 0xC3, 0xC4, 0x86),
    "E": (None, 0x87, 0x88, 0x89, 0x8A, 0x8B),
    "Ê": (0xA3, 0xC5, 0xCD, 0xD9, 0xDA, 0x8C),
    "I": (None, 0x8D, 0x8E, 0x8F, 0x90, 0x91),
    "O": (None, 0x92, 0x93, 0x94, 0x95, 0x96),
    "Ô": (0xA4, 0xDB, 0xE0, 0xF0, 0xFF, 0x97),
    "Ơ": (0xA5, 0x98, 0x99, 0x9A, 0x9B, 0x9C),
    "U": (None, 0x9D, 0x9E, 0x9F, 0x01, 0x02),
    "Ư": (0xA6, 0x04, 0x05, 0x06, 0x11, 0x12),
    "Y": (None, 0x13, 0x14, 0x15, 0x16, 0x17),
}
_TCVN3_OTHER = {"đ": 0xAE, "Đ": 0xA7}

# --- VNI Windows -----------------------------------------------------------------------------------
_VNI_TONE = ("", "ø", "û", "õ", "ù", "ï")  # after a base letter, in the order of _TONES
_VNI_CIRCUMFLEX = ("â", "à", "å", "ã", "á", "ä")  # a, e, o + circumflex (+ tone) in one byte
_VNI_BREVE = ("ê", "è", "ú", "ü", "é", "ë")  # a + breve (+ tone) in one byte
_VNI_I = ("i", "ì", "æ", "ó", "í", "ò")  # the i-letters are single bytes
_VNI_BASE = {"ơ": "ô", "ư": "ö"}  # single-byte bases that then take a tone byte


def _letter(base: str, tone: int) -> str:
    return unicodedata.normalize("NFC", base + _TONES[tone])


def _tcvn3_table() -> dict[str, int]:
    table = dict(_TCVN3_OTHER)
    for rows in (_TCVN3_LOWER, _TCVN3_UPPER):
        for base, codes in rows.items():
            table.update({_letter(base, tone): code for tone, code in enumerate(codes) if code is not None})
    return table


def _vni_lower(base: str, tone: int) -> str:
    if base == "i":
        return _VNI_I[tone]
    if base in "âêô":
        return unicodedata.normalize("NFD", base)[0] + _VNI_CIRCUMFLEX[tone]
    if base == "ă":
        return "a" + _VNI_BREVE[tone]
    return _VNI_BASE.get(base, base) + _VNI_TONE[tone]


def _vni_table() -> dict[str, str]:
    table = {"đ": "ñ", "Đ": "Ñ"}
    for base in _VOWELS:
        for tone in range(len(_TONES)):
            letter, spelled = _letter(base, tone), _vni_lower(base, tone)
            if letter != spelled:
                table[letter] = spelled
                table[letter.upper()] = spelled.upper()
    return table


TCVN3_ENCODE: dict[str, int] = _tcvn3_table()
TCVN3_DECODE: dict[int, str] = {code: letter for letter, code in TCVN3_ENCODE.items()}
VNI_ENCODE: dict[str, str] = _vni_table()
# A mark byte typed in the other case than its base ("VIEäT") still belongs to it: the base decides the case.
VNI_DECODE: dict[str, str] = {
    **{spelled: letter for letter, spelled in VNI_ENCODE.items()},
    **{
        spelled[0] + spelled[1:].swapcase(): letter
        for letter, spelled in VNI_ENCODE.items()
        if len(spelled) == 2 and spelled[0].isascii()
    },
}
_VNI_PAIR = re.compile("|".join(sorted(map(re.escape, VNI_DECODE), key=len, reverse=True)))
_TCVN3_TRANSLATE = {code: letter for code, letter in TCVN3_DECODE.items()}


# --- conversion ------------------------------------------------------------------------------------


def encode(text: str, encoding: str) -> bytes:
    """Unicode text in TCVN3 or VNI bytes (what an old office PC would save); for tests and fixtures."""
    text = unicodedata.normalize("NFC", text)
    if encoding == TCVN3:
        return bytes(TCVN3_ENCODE.get(ch, None) or ord(ch) for ch in text)
    return "".join(VNI_ENCODE.get(ch, ch) for ch in text).encode("latin-1")


def decode_line(raw: str, encoding: str) -> str:
    """`raw`: the file's bytes read as Latin-1 (one character per byte). Returns NFC Unicode."""
    if encoding == TCVN3:
        text = raw.translate(_TCVN3_TRANSLATE)
    else:
        text = _VNI_PAIR.sub(lambda m: VNI_DECODE[m.group()], raw)
    return unicodedata.normalize("NFC", text)


def decode(data: bytes, encoding: str) -> str:
    return decode_line(data.decode("latin-1"), encoding)


# --- detection -------------------------------------------------------------------------------------

_INITIAL = "ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|qu|b|c|d|đ|g|h|k|l|m|n|p|r|s|t|v|x"
_OPEN = "iêu yêu oai oay oao oeo uây uôi ươi ươu uya uyu ai ao au ay âu ây eo êu ia iu oi ôi ơi ui ưi ưu ưa ua"
_CLOSED = "uyê iê yê uô ươ oa oă oe uâ uê uơ uy a ă â e ê i o ô ơ u ư y"
_SYLLABLE = re.compile(
    rf"(?:{_INITIAL})?(?:(?:{'|'.join(_OPEN.split())})|(?:{'|'.join(_CLOSED.split())})(?:ch|ng|nh|c|m|n|p|t)?)"
)
_TONE_MARKS = frozenset(_TONES[1:])
_WORD_BREAK = re.compile(r"[\s!-@\[-`{-~]+")  # whitespace, ASCII punctuation and digits


class Score(NamedTuple):
    valid: int  # words with a letter beyond ASCII that are Vietnamese syllables
    total: int  # words with a character beyond ASCII


def is_syllable(word: str) -> bool:
    """A Vietnamese syllable: one case pattern, at most one tone, initial + vowel group + final."""
    if not (word.islower() or word.isupper() or word.istitle()):
        return False
    decomposed = unicodedata.normalize("NFD", word.lower())
    if sum(ch in _TONE_MARKS for ch in decomposed) > 1:
        return False
    toneless = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _TONE_MARKS))
    return _SYLLABLE.fullmatch(toneless) is not None


def score(text: str) -> Score:
    words = [w for w in _WORD_BREAK.split(text) if w and not w.isascii()]
    return Score(sum(map(is_syllable, words)), len(words))


def detect_legacy(data: bytes) -> str | None:
    """TCVN3 or VNI when that reading of non-UTF-8 bytes gives more Vietnamese syllables than Windows-1258
    (and most of its words are syllables); None keeps the Windows-1258 reading."""
    sample = data[:SAMPLE_BYTES]
    best, best_score = None, score(unicodedata.normalize("NFC", sample.decode("cp1258", errors="replace")))
    for encoding in (TCVN3, VNI):
        candidate = score(decode(sample, encoding))
        if candidate.valid > best_score.valid and candidate.valid * 2 > candidate.total:
            best, best_score = encoding, candidate
    return best
