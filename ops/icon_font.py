"""The icon font nginx sends: Streamlit's Material Symbols cut down to the icons the app can draw.

Streamlit draws its own and the app's `:material/NAME:` icons with one font of every Material Symbol (about
4,300 icons, 0.37 MB). A page asks for it as soon as it draws its first icon, so on a slow link it shares the
first visit's bandwidth with the scripts: at 1.6 Mbit/s it alone is about two seconds. An icon is a ligature
(the letters of its name become one glyph), so a font that keeps the letters and the icons named anywhere in
Streamlit's front end, in Streamlit's Python and in this product draws every icon the app shows, in about 4 % of
the bytes.

`make icon-font` writes that copy to data/fonts/ (it is kept in the repository: cutting takes seconds, and the
app sends it from its first start); `components.icon_font` answers the font's address with it.
`tests/unit/test_icon_font.py` fails when Streamlit or the product names an icon the copy lacks.
"""

from __future__ import annotations

import importlib.util
import io
import re
from collections.abc import Iterable
from pathlib import Path

from core.config import ICON_FONT, ROOT

STREAMLIT_DIR = Path(importlib.util.find_spec("streamlit").origin).resolve().parent  # found, not loaded
MEDIA_DIR = STREAMLIT_DIR / "static" / "static" / "media"
FONT_GLOB = "MaterialSymbols-*.woff2"
# the product's own code: every `:material/NAME:` it passes to Streamlit
PRODUCT_DIRS = ("app.py", "views", "components", "services", "presentation", "core")

_MATERIAL = re.compile(r":material/([a-z0-9_]+):")
_QUOTED = re.compile(r"""["'`]([a-z0-9_]+)["'`]""")


def streamlit_fonts(media_dir: Path = MEDIA_DIR) -> list[Path]:
    """The Material Symbols files of the installed Streamlit (one, under a hashed name)."""
    return sorted(media_dir.glob(FONT_GLOB))


def _texts(paths: Iterable[Path]) -> Iterable[str]:
    for path in paths:
        try:
            yield path.read_text(encoding="utf-8", errors="ignore")
        except OSError:
            continue


def _source_files() -> tuple[list[Path], list[Path]]:
    """(Streamlit's front-end scripts, Python files of Streamlit and of the product)."""
    scripts = sorted((STREAMLIT_DIR / "static").rglob("*.js"))
    python = sorted(STREAMLIT_DIR.rglob("*.py"))
    for name in PRODUCT_DIRS:
        path = ROOT / name
        python += [path] if path.is_file() else sorted(path.rglob("*.py"))
    return scripts, python


def ligatures(font) -> dict[str, str]:
    """Icon name (the text typed) → its glyph, from the font's ligature table."""
    letters: dict[str, str] = {}
    for code, glyph in sorted(font.getBestCmap().items()):
        if code < 128:
            letters[glyph] = chr(code)  # lower case wins over the upper case that shares its glyph
    found: dict[str, str] = {}
    for lookup in font["GSUB"].table.LookupList.Lookup:
        for table in lookup.SubTable:
            table = getattr(table, "ExtSubTable", table)
            for first, rules in getattr(table, "ligatures", {}).items():
                for rule in rules:
                    parts = [first, *rule.Component]
                    if all(p in letters for p in parts):
                        found["".join(letters[p] for p in parts)] = rule.LigGlyph
    return found


def wanted_icons(known: set[str], scripts: Iterable[str], python: Iterable[str]) -> set[str]:
    """The icon names the app can draw: every `:material/NAME:` in the scripts and the Python, and, to be safe
    with the front end's own icons, every quoted word of its scripts that is an icon's name."""
    names: set[str] = set()
    for text in scripts:
        names |= set(_MATERIAL.findall(text)) | (set(_QUOTED.findall(text)) & known)
    for text in python:
        names |= set(_MATERIAL.findall(text))
    return names & known


def cut(source: Path) -> tuple[bytes, set[str]]:
    """The font with only the wanted icons (and the letters that spell them); (its bytes, the icon names)."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(source, recalcTimestamp=False)  # the same input gives the same bytes: no diff from a rerun
    by_name = ligatures(font)
    scripts, python = _source_files()
    names = wanted_icons(set(by_name), _texts(scripts), _texts(python))
    letters = [glyph for code, glyph in font.getBestCmap().items() if code < 128]
    options = subset.Options()
    options.layout_closure = False  # keep the ligatures of the icons asked for, not of every icon
    options.layout_features = ["*"]
    options.flavor = "woff2"
    options.glyph_names = True
    options.name_IDs = ["*"]  # its name and licence stay with it
    subsetter = subset.Subsetter(options)
    subsetter.populate(glyphs=sorted({by_name[n] for n in names} | set(letters) | {".notdef"}))
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue(), names


def write(target: Path = ICON_FONT, media_dir: Path = MEDIA_DIR) -> set[str]:
    """Cut the installed Streamlit's icon font into `target`; the icon names it keeps."""
    (source,) = streamlit_fonts(media_dir)
    data, names = cut(source)
    partial = target.with_suffix(".part")
    partial.write_bytes(data)
    partial.replace(target)
    return names


if __name__ == "__main__":  # `make icon-font`, after a Streamlit upgrade or a new icon in the code
    kept = write()
    print(f"{ICON_FONT.relative_to(ROOT)}: {ICON_FONT.stat().st_size:,} bytes, {len(kept)} icons")
