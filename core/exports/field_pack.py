"""A team's offline field pack: one ZIP to copy onto a phone or a laptop before leaving coverage.

It holds the team's field sheet (PDF), the activity report form limited to the team (XLSForm for KoboCollect /
ODK Collect), its villages as GPX 1.1 waypoints and as KML 2.2 placemarks (OsmAnd, Organic Maps: names,
commune and gaps in the descriptions), and a short README saying how to load each offline.

User text (team, village and commune names) reaches GPX and KML only as XML text (ElementTree escapes it);
KML descriptions, which map apps render as HTML, are HTML-escaped first. Member names are ASCII.
"""

from __future__ import annotations

import html
import io
import re
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime

import pandas as pd

from core.clock import fmt_time, in_province
from core.exports.columns import gap_labels
from core.exports.context import ExportInput, slug
from core.exports.field_sheet import team_sheet
from core.i18n import fmt_date, fmt_int, t

GPX_NS = "http://www.topografix.com/GPX/1/1"
KML_NS = "http://www.opengis.net/kml/2.2"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # not allowed in XML 1.0, never meant in a name
# KML colours are aabbggrr; no icon URLs (offline apps could not fetch them)
_STYLES = {"gap": "ff2020d0", "ok": "ff3c9a3c"}
MEMBERS = ("README.txt", "phieu-thuc-dia.pdf", "bieu-mau-bao-cao.xlsx", "thon-ban.gpx", "thon-ban.kml")


@dataclass(frozen=True)
class Waypoint:
    """One village on a phone map."""

    name: str
    commune: str
    description: str  # commune, gaps, people still to reach: plain text
    lat: float
    lon: float
    has_gap: bool


def team_village_rows(inp: ExportInput, team_id: str) -> pd.DataFrame:
    """The ranked rows of the villages the team covers; a team covering none gets the villages of its base area."""
    ranked = inp.ranked
    covered = set(inp.view.team_villages.loc[inp.view.team_villages["team_id"] == team_id, "village_id"])
    rows = ranked[ranked["village_id"].isin(covered)]
    if rows.empty:
        base = inp.view.teams.loc[inp.view.teams["team_id"] == team_id, "base_code"]
        code = str(base.iloc[0]) if len(base) else ""
        rows = ranked[(ranked["commune_code"] == code) | (ranked["district_code"] == code)]
    return rows.sort_values("rank").reset_index(drop=True)


def waypoints(rows: pd.DataFrame, lang: str) -> list[Waypoint]:
    gaps = gap_labels(rows, lang)
    out = []
    for i, row in enumerate(rows.itertuples(index=False)):
        if pd.isna(row.lat) or pd.isna(row.lon):
            continue
        commune = _text(row.commune_name)
        lines = [t("exp_fp_commune", lang, commune=commune)]
        lines.append(t("exp_fp_gaps", lang, gaps=gaps.iloc[i] or t("exp_fs_no_gaps", lang)))
        lines.append(t("exp_fs_remaining", lang, n=fmt_int(row.remaining, lang)))
        name, lat, lon = _text(row.village_name), float(row.lat), float(row.lon)
        out.append(Waypoint(name, commune, "\n".join(lines), lat, lon, bool(gaps.iloc[i])))
    return out


def to_gpx(points: list[Waypoint], title: str, generated: datetime) -> bytes:
    """GPX 1.1: metadata, then one <wpt> per village (name, cmt = commune, desc, type = gap or not)."""
    ET.register_namespace("", GPX_NS)
    root = ET.Element(_g("gpx"), version="1.1", creator="dxmap")
    meta = ET.SubElement(root, _g("metadata"))
    ET.SubElement(meta, _g("name")).text = _text(title)
    ET.SubElement(meta, _g("time")).text = generated.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    for p in points:
        wpt = ET.SubElement(root, _g("wpt"), lat=f"{p.lat:.6f}", lon=f"{p.lon:.6f}")
        ET.SubElement(wpt, _g("name")).text = p.name
        ET.SubElement(wpt, _g("cmt")).text = p.commune
        ET.SubElement(wpt, _g("desc")).text = p.description
        ET.SubElement(wpt, _g("type")).text = "gap" if p.has_gap else "ok"
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def to_kml(points: list[Waypoint], title: str) -> bytes:
    """KML 2.2: a Document with two styles and one Placemark per village."""
    ET.register_namespace("", KML_NS)
    root = ET.Element(_k("kml"))
    doc = ET.SubElement(root, _k("Document"))
    ET.SubElement(doc, _k("name")).text = _text(title)
    for key, colour in _STYLES.items():
        style = ET.SubElement(doc, _k("Style"), id=key)
        ET.SubElement(ET.SubElement(style, _k("IconStyle")), _k("color")).text = colour
    for p in points:
        mark = ET.SubElement(doc, _k("Placemark"))
        ET.SubElement(mark, _k("name")).text = p.name
        # rendered as HTML by Organic Maps and Google Earth: a name like `<img onerror=…>` arrives as text
        ET.SubElement(mark, _k("description")).text = "<br>".join(html.escape(x) for x in p.description.split("\n"))
        ET.SubElement(mark, _k("styleUrl")).text = "#gap" if p.has_gap else "#ok"
        point = ET.SubElement(mark, _k("Point"))
        ET.SubElement(point, _k("coordinates")).text = f"{p.lon:.6f},{p.lat:.6f},0"
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def readme(inp: ExportInput, team_name: str, villages: int) -> str:
    lang = inp.lang
    return t(
        "exp_fp_readme",
        lang,
        team=_text(team_name),
        area=_text(inp.area),
        villages=fmt_int(villages, lang),
        date=fmt_date(inp.view.meta.as_of, lang),
        made=fmt_time(inp.generated, lang, zone=True),
    ).replace("\n", "\r\n")  # Windows Notepad shows it as written


def to_field_pack(inp: ExportInput, team_id: str, form: bytes) -> bytes:
    """The ZIP (bytes) of a team's field pack; `form` is its XLSForm (core.ingest.xlsform)."""
    team_name = str(inp.view.teams.loc[inp.view.teams["team_id"] == team_id, "team_name"].iloc[0])
    rows = team_village_rows(inp, team_id)
    points = waypoints(rows, inp.lang)
    title = t("exp_fp_map_title", inp.lang, team=team_name)
    files = {
        "README.txt": b"\xef\xbb\xbf" + readme(inp, team_name, len(rows)).encode("utf-8"),
        "phieu-thuc-dia.pdf": team_sheet(inp, team_id, rows),
        "bieu-mau-bao-cao.xlsx": form,
        "thon-ban.gpx": to_gpx(points, title, inp.generated),
        "thon-ban.kml": to_kml(points, title),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            if not data:
                continue  # a team with no village has no form
            zf.writestr(
                zipfile.ZipInfo(name, date_time=in_province(inp.generated).timetuple()[:6]), data, zipfile.ZIP_DEFLATED
            )
    return buffer.getvalue()


def pack_file_name(team_id: str, team_name: str) -> str:
    """`goi-thuc-dia_to-cnscd-xa-cha-cang_CT-03166.zip`: ASCII, survives Zalo, email and old Windows."""
    return f"goi-thuc-dia_{slug(team_name)}_{slug(team_id)}.zip"


def _text(value: object) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else _CONTROL.sub("", str(value))


def _g(tag: str) -> str:
    return f"{{{GPX_NS}}}{tag}"


def _k(tag: str) -> str:
    return f"{{{KML_NS}}}{tag}"
