"""Leaflet served by the app itself: no CDN, so the map draws on a machine with no network.

The files come from the `xstatic-leaflet` wheel (Leaflet 1.9.3, BSD-2-Clause) and are kept under
`static/leaflet/`, which Streamlit serves at `/app/static/leaflet/...` (`server.enableStaticServing`).
A map of GeoJson layers, circle markers and tooltips needs only Leaflet itself: folium's default jQuery,
Bootstrap and Font Awesome links are dropped.
"""

from __future__ import annotations

import os
import re
import shutil
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from core.config import STATIC_DIR

if TYPE_CHECKING:
    import folium

LEAFLET_DIR = STATIC_DIR / "leaflet"
LEAFLET_URL = "/app/static/leaflet"  # root-relative: works from the streamlit-folium iframe too
LEAFLET_JS = [("leaflet", f"{LEAFLET_URL}/leaflet.js")]
LEAFLET_CSS = [("leaflet_css", f"{LEAFLET_URL}/leaflet.css")]
_FILES = (
    "leaflet.js",
    "leaflet.css",
    "images/layers.png",
    "images/layers-2x.png",
    "images/marker-icon.png",
    "images/marker-icon-2x.png",
    "images/marker-shadow.png",
)


def ensure_leaflet_assets(target: Path = LEAFLET_DIR) -> Path:
    """Copy Leaflet from the xstatic wheel into `static/leaflet/` when a file is missing; returns the folder."""
    missing = [name for name in _FILES if not (target / name).is_file()]
    if missing:
        import xstatic.pkg.leaflet as xleaflet

        source = Path(xleaflet.BASE_DIR)
        for name in missing:
            path = target / name
            with _writing(path):  # a browser never fetches a half-copied file
                if not path.is_file():
                    path.parent.mkdir(parents=True, exist_ok=True)
                    tmp = path.with_name(f"{path.name}.{os.getpid()}-{threading.get_ident()}.tmp")
                    shutil.copyfile(source / name, tmp)
                    os.replace(tmp, path)
    return target


def offline_map(**kwargs) -> folium.Map:
    """A folium Map whose only script and stylesheet are the app's own Leaflet copy. folium is loaded here, by
    the plan map that draws one, not when the server starts (0.3 s of every start)."""
    import folium

    m = folium.Map(**kwargs)
    m.default_js = list(LEAFLET_JS)
    m.default_css = list(LEAFLET_CSS)
    return m


MAP_COMPONENT_DIR = STATIC_DIR / "dxmap"  # the Map page's component: index.html and map.js
MAP_CACHE_DIR = MAP_COMPONENT_DIR / "cache"  # data files named by their content (browser-cacheable)
MAP_CACHE_URL = "/app/static/dxmap/cache"
MAX_CACHE_FILES = 64
_SAFE_TAG = re.compile(r"province|area-[0-9a-f]{16}")
_SAFE_NAME = re.compile(r"[a-z]+-[0-9a-f]{20}\.json")


def publish_json(text: str, stem: str, area_tag: str, folder: Path = MAP_CACHE_DIR) -> str | None:
    """Write `text` as `<area_tag>/<stem>-<hash>.json` under `static/dxmap/cache/` (once: the name is its
    content) and return its URL, or None when the folder cannot be written (the page then sends the data
    itself). The folder names the area the data is of (`core.model.scope.Area.tag`): with accounts in the store,
    only a signed-in account whose area it is may fetch it (components.map_files).

    A changed content gets a new name, so the browser may keep a file as long as it likes.
    """
    import hashlib

    if not _SAFE_TAG.fullmatch(area_tag):
        raise ValueError(f"not an area folder: {area_tag!r}")
    data = text.encode("utf-8")
    name = f"{stem}-{hashlib.sha256(data).hexdigest()[:20]}.json"
    where = folder / area_tag
    path = where / name
    try:
        if not path.is_file():
            with _writing(path):  # the sessions that publish the same file at once: one writes, the others wait
                if not path.is_file():
                    where.mkdir(parents=True, exist_ok=True)
                    tmp = path.with_suffix(f".{os.getpid()}-{threading.get_ident()}.tmp")
                    tmp.write_bytes(data)
                    os.replace(tmp, path)
                    _prune(where, keep=path)
    except OSError:
        return None
    return f"{MAP_CACHE_URL}/{area_tag}/{name}"


_WRITING: dict[Path, list] = {}  # a file being written: its lock and how many callers hold or wait for it
_WRITING_LOCK = threading.Lock()


@contextmanager
def _writing(path: Path):
    with _WRITING_LOCK:
        entry = _WRITING.setdefault(path, [threading.Lock(), 0])
        entry[1] += 1
    try:
        with entry[0]:
            yield
    finally:
        with _WRITING_LOCK:
            entry[1] -= 1
            if not entry[1]:
                del _WRITING[path]


def published_path(url: str, folder: Path = MAP_CACHE_DIR) -> Path | None:
    """The file behind a URL that `publish_json` returned, or None for anything else."""
    prefix = MAP_CACHE_URL + "/"
    if not url.startswith(prefix):
        return None
    tag, _, name = url[len(prefix) :].partition("/")
    if not _SAFE_TAG.fullmatch(tag) or not _SAFE_NAME.fullmatch(name):
        return None
    return folder / tag / name


def _prune(folder: Path, keep: Path) -> None:
    """Drop the oldest data files beyond MAX_CACHE_FILES (older data versions)."""
    files = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime)
    for old in files[: max(0, len(files) - MAX_CACHE_FILES)]:
        if old != keep:
            old.unlink(missing_ok=True)
