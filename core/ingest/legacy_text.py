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
line by line. Nothing here guesses: `choose_encoding` reads bytes that are not all valid UTF-8 in each
encoding and keeps the one giving the most real Vietnamese syllables, UTF-8 on a tie, so one stray bad byte
in a UTF-8 file never turns every name into Windows-1258 mojibake ("Báº£n" for "Bản"); `detect_legacy`
weighs TCVN3 and VNI against Windows-1258.
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
# Each vowel's bytes in the tone order of _TONES (toneless, grave, hook, tilde, acute, dot below), the
# lowercase letter (the VN3 repertoire) beside its uppercase one (VN1); `--` toneless = plain ASCII.
_TCVN3_ROWS = """
a  -- B5 B6 B7 B8 B9    A  -- 80 81 82 83 84
ă  A8 BB BC BD BE C6    Ă  A1 AF BA BF C0 85
â  A9 C7 C8 C9 CA CB    Â  A2 C1 C2 C3 C4 86
e  -- CC CE CF D0 D1    E  -- 87 88 89 8A 8B
ê  AA D2 D3 D4 D5 D6    Ê  A3 C5 CD D9 DA 8C
i  -- D7 D8 DC DD DE    I  -- 8D 8E 8F 90 91
o  -- DF E1 E2 E3 E4    O  -- 92 93 94 95 96
ô  AB E5 E6 E7 E8 E9    Ô  A4 DB E0 F0 FF 97
ơ  AC EA EB EC ED EE    Ơ  A5 98 99 9A 9B 9C
u  -- EF F1 F2 F3 F4    U  -- 9D 9E 9F 01 02
ư  AD F5 F6 F7 F8 F9    Ư  A6 04 05 06 11 12
y  -- FA FB FC FD FE    Y  -- 13 14 15 16 17
"""
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
    for line in _TCVN3_ROWS.strip().splitlines():
        cells = line.split()  # lowercase letter, its 6 bytes, uppercase letter, its 6 bytes
        for base, codes in ((cells[0], cells[1:7]), (cells[7], cells[8:])):
            table.update({_letter(base, tone): int(code, 16) for tone, code in enumerate(codes) if code != "--"})
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


# --- UTF-8 or a legacy encoding --------------------------------------------------------------------

UTF8, CP1258 = "utf-8", "cp1258"


class Reading(NamedTuple):
    encoding: str  # "utf-8", TCVN3, VNI or "cp1258"
    bad_bytes: int  # bytes of the sample that are not UTF-8 (0 unless `encoding` is UTF-8)
    good_characters: int  # characters beyond ASCII the UTF-8 reading of the sample decodes


def choose_encoding(data: bytes) -> Reading:
    """How to read bytes that are not all valid UTF-8: by what reads as Vietnamese.

    UTF-8 unless TCVN3, VNI or Windows-1258 gives more Vietnamese syllables: a file saved as UTF-8 with a
    stray bad byte stays UTF-8 (the byte reads as U+FFFD, for the reader to report where it is), and a file
    really written in an old encoding still reads in it."""
    sample = data[:SAMPLE_BYTES]
    utf8_text = unicodedata.normalize("NFC", sample.decode(UTF8, errors="replace"))
    bad = utf8_text.count("\ufffd")
    good = sum(1 for ch in utf8_text if ord(ch) > 127) - bad
    legacy = detect_legacy(sample)
    legacy_text = decode(sample, legacy) if legacy else sample.decode(CP1258, errors="replace")
    if score(unicodedata.normalize("NFC", legacy_text)).valid > score(utf8_text).valid:
        return Reading(legacy or CP1258, 0, good)
    return Reading(UTF8, bad, good)
