"""Leaflet served by the app itself: no CDN, so the map draws on a machine with no network.

The files come from the `xstatic-leaflet` wheel (Leaflet 1.9.3, BSD-2-Clause) and are kept under
`static/leaflet/`, which Streamlit serves at `/app/static/leaflet/...` (`server.enableStaticServing`).
A map of GeoJson layers, circle markers and tooltips needs only Leaflet itself: folium's default jQuery,
Bootstrap and Font Awesome links are dropped.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import folium

from core.config import STATIC_DIR

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
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source / name, target / name)
    return target


def offline_map(**kwargs) -> folium.Map:
    """A folium Map whose only script and stylesheet are the app's own Leaflet copy."""
    m = folium.Map(**kwargs)
    m.default_js = list(LEAFLET_JS)
    m.default_css = list(LEAFLET_CSS)
    return m
