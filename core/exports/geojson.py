"""GeoJSON points of the ranked villages, for QGIS and phone map apps (WGS84 lon/lat, RFC 7946)."""

from __future__ import annotations

import json
from typing import Any

from core.exports.columns import Column
from core.exports.context import ExportInput

COORD_DECIMALS = 5  # ≈ 1 m, plenty to find a village


def map_columns(inp: ExportInput) -> tuple[Column, ...]:
    """The columns a map point carries (GeoJSON properties, KML data)."""
    return tuple(c for c in inp.columns if c.on_map)


def map_records(inp: ExportInput) -> list[dict[str, Any]]:
    """One dict per village with coordinates: the map columns by English key, plus `lat`/`lon`."""
    frame = inp.villages
    values = {c.key: c.values(frame, inp.lang) for c in map_columns(inp)}
    records = []
    for i, (lat, lon) in enumerate(zip(frame["lat"], frame["lon"])):
        if lat != lat or lon != lon:  # no coordinates: nothing to put on a map
            continue
        record = {key: column[i] for key, column in values.items()}
        record["lat"], record["lon"] = round(float(lat), COORD_DECIMALS), round(float(lon), COORD_DECIMALS)
        records.append(record)
    return records


def to_geojson(inp: ExportInput) -> bytes:
    """A FeatureCollection; properties use stable English keys, values in the export language."""
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [r.pop("lon"), r.pop("lat")]},
            "properties": r,
        }
        for r in map_records(inp)
    ]
    collection = {"type": "FeatureCollection", "name": inp.area, "features": features}
    return json.dumps(collection, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
