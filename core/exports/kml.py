"""KML placemarks of the ranked villages, for Google Earth, Organic Maps and OsmAnd (works offline)."""

from __future__ import annotations

import html
import xml.etree.ElementTree as ET

from core.exports.context import ExportInput
from core.exports.geojson import map_columns, map_records
from core.i18n import t
from core.palette import GAP_COLORS, kml_colour

KML_NS = "http://www.opengis.net/kml/2.2"
# KML colours are aabbggrr. No icon URLs: offline apps could not fetch them, each uses its own pin.
_STYLES = {
    "none": kml_colour(GAP_COLORS["no_signal"]),
    "weak": kml_colour(GAP_COLORS["weak_signal"]),
    "ok": kml_colour(GAP_COLORS[""]),
}


def to_kml(inp: ExportInput) -> bytes:
    """A KML 2.2 document: one Placemark per village, named "rank. village", with ExtendedData fields."""
    ET.register_namespace("", KML_NS)
    root = ET.Element(_q("kml"))
    doc = ET.SubElement(root, _q("Document"))
    ET.SubElement(doc, _q("name")).text = f"{t('ranked_heading', inp.lang)} — {inp.area}"
    ET.SubElement(doc, _q("description")).text = html.escape(_doc_description(inp))
    for key, colour in _STYLES.items():
        style = ET.SubElement(doc, _q("Style"), id=f"signal_{key}")
        ET.SubElement(ET.SubElement(style, _q("IconStyle")), _q("color")).text = colour
    signal = dict(zip(inp.villages["village_id"], inp.villages["mobile_signal"]))
    headers = {c.key: c.header(inp.lang) for c in map_columns(inp)}
    for record in map_records(inp):
        _placemark(doc, record, headers, signal.get(record["village_id"]))
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _placemark(doc: ET.Element, record: dict, headers: dict[str, str], signal: str | None) -> None:
    mark = ET.SubElement(doc, _q("Placemark"))
    ET.SubElement(mark, _q("name")).text = f"{record['rank']}. {record['name']}"
    lines = [
        f"{headers[key]}: {record[key]}"
        for key in headers
        if key not in ("name", "rank") and record.get(key) not in (None, "")
    ]
    # Google Earth and Organic Maps render <description> as HTML: a name such as `<img onerror=…>` must arrive
    # as text, so each line is HTML-escaped (then XML-escaped by ElementTree) and lines are joined by <br>.
    ET.SubElement(mark, _q("description")).text = "<br>\n".join(html.escape(line) for line in lines)
    style = "none" if signal == "none" else "weak" if signal == "weak" else "ok"
    ET.SubElement(mark, _q("styleUrl")).text = f"#signal_{style}"
    data = ET.SubElement(mark, _q("ExtendedData"))
    for key, label in headers.items():
        field = ET.SubElement(data, _q("Data"), name=key)
        ET.SubElement(field, _q("displayName")).text = label
        ET.SubElement(field, _q("value")).text = "" if record.get(key) is None else str(record[key])
    point = ET.SubElement(mark, _q("Point"))
    ET.SubElement(point, _q("coordinates")).text = f"{record['lon']},{record['lat']},0"


def _doc_description(inp: ExportInput) -> str:
    parts = [f"{t('data_date', inp.lang)}: {inp.view.meta.as_of:%d/%m/%Y}"]
    if inp.view.meta.synthetic:
        parts.append(t("exp_demo_note", inp.lang))
    return " · ".join(parts)


def _q(tag: str) -> str:
    return f"{{{KML_NS}}}{tag}"
