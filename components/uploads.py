"""Uploads as files for the length of a dry run: each in a folder of its own under its own base name, deleted
when the run ends; copies left by a killed process are swept once a day old."""

from __future__ import annotations

import shutil
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path


def base_name(name: object) -> str:
    """The file name of an upload, whichever system's separators it came with (never a client's folders)."""
    return Path(str(name).replace("\\", "/")).name.strip()


def _save_uploads(files) -> list[Path]:
    """Each upload in its own folder under its own base name (two `baocao.xlsx` both arrive; a name such as
    `../x` or `..` cannot leave the folder)."""
    root = Path(tempfile.mkdtemp(prefix="dxmap-upload-"))
    paths = []
    for i, f in enumerate(files):
        name = base_name(f.name)
        if name in ("", ".", ".."):
            name = f"upload-{i + 1}"
        path = root / str(i) / name
        path.parent.mkdir()
        path.write_bytes(f.getvalue())
        paths.append(path)
    return paths


@contextmanager
def saved_uploads(files):
    """The uploads saved as files (`_save_uploads`) for as long as the block runs; then deleted, whatever
    happens in it (a dry run reads them once; its plan keeps what it read). Files given as paths are read where
    they are. Copies left by a process that was killed mid dry run are deleted once a day old."""
    if all(isinstance(f, Path) for f in files):
        yield list(files)
        return
    _sweep_leftovers()
    paths = _save_uploads(files)
    try:
        yield paths
    finally:
        if paths:
            shutil.rmtree(paths[0].parent.parent, ignore_errors=True)


def _sweep_leftovers(older_than: float = 24 * 3600.0) -> None:
    for folder in Path(tempfile.gettempdir()).glob("dxmap-upload-*"):
        try:
            if time.time() - folder.stat().st_mtime > older_than:
                shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            continue
