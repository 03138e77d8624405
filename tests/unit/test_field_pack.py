"""`cli.py export field-pack --team T -o F.zip`: a ZIP with the team's field sheet (PDF), its form (XLSForm for its
villages only), its villages as GPX 1.1 and KML 2.2 (read back with gpxpy and GDAL), and a README in Vietnamese;
user text arrives as text."""

from __future__ import annotations

import io
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import geopandas as gpd
import gpxpy
import openpyxl
import pytest
from pypdf import PdfReader

from cli.main import main
from core.config import DEMO_PACKAGE
from core.exports.field_pack import MEMBERS
from tests.fixtures.packages import TEAMS, VILLAGES, replace_cell, write_package

KML = "{http://www.opengis.net/kml/2.2}"
TEAM = "CT-03166"  # Tổ CNSCĐ Xã Chà Cang: covers 03166-01, -02, -04, -08, -09


def _pack(tmp_path: Path, *args: str) -> zipfile.ZipFile:
    out = tmp_path / "goi.zip"
    assert main(["export", "field-pack", *args, "-o", str(out)]) == 0
    return zipfile.ZipFile(out)


@pytest.fixture(scope="module")
def demo_pack(tmp_path_factory) -> zipfile.ZipFile:
    return _pack(tmp_path_factory.mktemp("pack"), "--package", str(DEMO_PACKAGE), "--team", TEAM)


def test_the_pack_holds_sheet_form_maps_and_readme(demo_pack):
    assert sorted(demo_pack.namelist()) == sorted(MEMBERS)
    assert demo_pack.testzip() is None
    readme = demo_pack.read("README.txt").decode("utf-8-sig")
    assert readme.startswith("GÓI THỰC ĐỊA — Tổ CNSCĐ Xã Chà Cang")
    for words in ("KoboCollect", "ODK Collect", "OsmAnd", "Organic Maps", "không cần mạng", "5 thôn, bản"):
        assert words in readme, words
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(demo_pack.read("phieu-thuc-dia.pdf"))).pages)
    assert "Phiếu thực địa — Tổ CNSCĐ Xã Chà Cang" in text
    for village in ("Bản Phiêng Khoang", "Bản Pắc Tống", "Bản Phiêng Lĩnh", "Bản Mường Sản", "Bản Ho Ló"):
        assert village in text
    assert "Bản Hua Van" not in text  # in the commune, not the team's


def test_the_form_lists_the_team_and_its_villages_only(demo_pack, tmp_path):
    pyxform = pytest.importorskip("pyxform.xls2xform")
    form = tmp_path / "form.xlsx"
    form.write_bytes(demo_pack.read("bieu-mau-bao-cao.xlsx"))
    assert pyxform.xls2xform_convert(xlsform_path=str(form), xform_path=str(tmp_path / "form.xml")) == []
    book = openpyxl.load_workbook(form)
    rows = list(book["choices"].iter_rows(values_only=True))[1:]
    by_list: dict[str, set] = {}
    for row in rows:
        by_list.setdefault(row[0], set()).add(str(row[1]))
    assert by_list["teams"] == {TEAM}
    assert by_list["villages"] == {"03166-01", "03166-02", "03166-04", "03166-08", "03166-09"}
    assert by_list["communes"] == {"03166"}


def test_the_gpx_is_gpx_1_1_that_gpxpy_and_gdal_read(demo_pack, tmp_path):
    data = demo_pack.read("thon-ban.gpx")
    root = ET.fromstring(data)
    assert root.tag == "{http://www.topografix.com/GPX/1/1}gpx" and root.get("version") == "1.1"
    gpx = gpxpy.parse(data.decode("utf-8"))
    assert gpx.version == "1.1"
    names = [w.name for w in gpx.waypoints]
    assert names[0] and set(names) == {
        "Bản Phiêng Khoang",
        "Bản Pắc Tống",
        "Bản Phiêng Lĩnh",
        "Bản Mường Sản",
        "Bản Ho Ló",
    }
    first = gpx.waypoints[0]
    assert 21 < first.latitude < 23 and 102 < first.longitude < 104
    assert first.comment == "Xã Chà Cang" and "Thiếu hụt:" in first.description
    path = tmp_path / "thon-ban.gpx"
    path.write_bytes(data)
    read = gpd.read_file(path, layer="waypoints")
    assert sorted(read["name"]) == sorted(names)


def test_the_kml_is_kml_2_2_that_gdal_reads(demo_pack, tmp_path):
    data = demo_pack.read("thon-ban.kml")
    root = ET.fromstring(data)
    assert root.tag == f"{KML}kml"
    marks = root.findall(f"{KML}Document/{KML}Placemark")
    assert len(marks) == 5
    assert all("Xã Chà Cang" in m.findtext(f"{KML}description") for m in marks)
    path = tmp_path / "thon-ban.kml"
    path.write_bytes(data)
    read = gpd.read_file(path)
    assert len(read) == 5 and "Bản Phiêng Khoang" in set(read["Name"] if "Name" in read else read["name"])


def test_hostile_names_arrive_as_text(tmp_path):
    villages = replace_cell(VILLAGES, 1, "village_name", '<img src=x onerror=alert(1)> & "Bản"')
    teams = replace_cell(TEAMS, 1, "team_name", '=HYPERLINK("http://x") Tổ Chà Cang')
    package = write_package(tmp_path / "pkg", tables={"villages": villages, "teams": teams})
    pack = _pack(tmp_path, "--package", str(package), "--team", "T01")
    kml = pack.read("thon-ban.kml").decode("utf-8")
    assert "<img" not in kml and "&lt;img" in kml  # XML-escaped (and HTML-escaped inside descriptions)
    (mark,) = [m for m in ET.fromstring(kml).iter(f"{KML}Placemark") if "img" in m.findtext(f"{KML}name")]
    assert mark.findtext(f"{KML}name") == '<img src=x onerror=alert(1)> & "Bản"'
    gpx = gpxpy.parse(pack.read("thon-ban.gpx").decode("utf-8"))
    assert '<img src=x onerror=alert(1)> & "Bản"' in [w.name for w in gpx.waypoints]
    book = openpyxl.load_workbook(io.BytesIO(pack.read("bieu-mau-bao-cao.xlsx")))
    team_cells = [c for row in book["choices"].iter_rows() for c in row if c.value and "HYPERLINK" in str(c.value)]
    assert team_cells and all(c.data_type == "s" for c in team_cells)  # text, never a formula


def test_an_unknown_team_is_refused_with_a_message(tmp_path, capsys):
    out = tmp_path / "x.zip"
    assert main(["export", "field-pack", "--package", str(DEMO_PACKAGE), "--team", "NOPE", "-o", str(out)]) == 1
    assert "NOPE" in capsys.readouterr().err and not out.exists()


def test_pdftotext_reads_the_vietnamese_of_the_sheet(demo_pack, tmp_path):
    path = tmp_path / "sheet.pdf"
    path.write_bytes(demo_pack.read("phieu-thuc-dia.pdf"))
    try:
        text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    except FileNotFoundError:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    assert "Bản Phiêng Khoang" in text


def test_the_pack_file_name_is_ascii_for_a_vietnamese_team_name():
    from core.exports.field_pack import pack_file_name

    assert pack_file_name("CT-03166", "Tổ CNSCĐ Xã Chà Cang") == "goi-thuc-dia_to-cnscd-xa-cha-cang_ct-03166.zip"
