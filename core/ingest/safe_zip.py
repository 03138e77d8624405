"""Zip archives from users, opened defensively: sizes checked before anything is unpacked.

A data package or a bundle of reports arrives as a .zip from e-mail or a USB stick. Such a file may be a
"zip bomb" (a few megabytes that unpack to gigabytes), hold thousands of members, hide paths that climb out of
the unpack folder (`../`, `/etc/...`, `C:\\...`), or wrap the real package in another zip. `check_archive`
reports all of that as problems from the central directory alone (nothing is decompressed), and
`extract_member` copies one member in chunks, never more bytes than it declared (Python's zipfile stops there
and refuses a member whose data does not match its declared size and CRC).
"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path, PurePosixPath

from core.ingest.validation import WARNING, Problem, problem

MAX_MEMBERS = 2_000
MAX_MEMBER_BYTES = 256 * 2**20  # one unpacked file: far above any province's villages or boundaries
MAX_TOTAL_BYTES = 512 * 2**20  # everything unpacked
MAX_RATIO = 200  # unpacked / packed size of a member above 1 MB: text compresses ~10×, a bomb ~1000×
_RATIO_FLOOR = 2**20
_CHUNK = 2**20


def member_name(info: zipfile.ZipInfo) -> str:
    """The member name; Windows zips without the UTF-8 flag store names in cp437."""
    if info.flag_bits & 0x800:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("utf-8")
    except UnicodeError:
        return info.filename


def is_unsafe_name(name: str) -> bool:
    """A member path that would land outside the unpack folder: absolute, a drive, or climbing with `..`."""
    text = name.replace("\\", "/")
    if text.startswith("/") or (len(text) > 1 and text[1] == ":") or "\x00" in text:
        return True
    return ".." in PurePosixPath(text).parts


def _ignored(name: str) -> bool:
    return name.startswith("__MACOSX/") or name.endswith("/")


def check_archive(path: Path, display: str | None = None) -> list[Problem]:
    """Problems of a zip archive found without unpacking it: errors when it is unreadable, too large, has too
    many files or is only zips inside a zip; a warning for each member whose path would escape (skipped)."""
    file = display or path.name
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        return [problem(file, None, "", "", "unreadable_file", detail=f"{type(exc).__name__}: {exc}")]
    if len(infos) > MAX_MEMBERS:
        return [problem(file, None, "", str(len(infos)), "archive_too_many_files", limit=MAX_MEMBERS)]
    problems: list[Problem] = []
    total = 0
    for info in infos:
        name = member_name(info)
        if _ignored(name):
            continue
        if is_unsafe_name(name):
            problems.append(problem(file, None, "", name, "archive_unsafe_path", WARNING))
            continue
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > MAX_MEMBER_BYTES or (info.file_size > _RATIO_FLOOR and ratio > MAX_RATIO):
            problems.append(
                problem(
                    file,
                    None,
                    "",
                    name,
                    "archive_too_large",
                    size=_megabytes(info.file_size),
                    limit=_megabytes(MAX_MEMBER_BYTES),
                )
            )
    if total > MAX_TOTAL_BYTES:
        problems.append(
            problem(file, None, "", "", "archive_too_large", size=_megabytes(total), limit=_megabytes(MAX_TOTAL_BYTES))
        )
    names = [member_name(i) for i in infos if not _ignored(member_name(i))]
    if names and all(n.lower().endswith(".zip") for n in names):
        problems.append(problem(file, None, "", ", ".join(names[:3]), "archive_nested"))
    if not names:
        problems.append(problem(file, None, "", "", "archive_empty"))
    return problems


def extract_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, dest: Path) -> None:
    """Copy one member to `dest` in chunks (never the whole member in memory)."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    with zf.open(info) as src, open(dest, "wb") as out:
        shutil.copyfileobj(src, out, _CHUNK)


def safe_members(zf: zipfile.ZipFile) -> list[tuple[str, zipfile.ZipInfo]]:
    """(name, info) of the files worth unpacking: no folders, no macOS metadata, no escaping paths."""
    out = []
    for info in zf.infolist():
        name = member_name(info)
        if not _ignored(name) and not info.is_dir() and not is_unsafe_name(name):
            out.append((name, info))
    return out


def _megabytes(n: int) -> str:
    return f"{n / 2**20:,.0f} MB"
