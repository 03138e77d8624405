"""Hostile and broken input: every file attack ends in a readable problem list (never a traceback, never a
partial import), and user text reaches HTML, markdown, spreadsheets, KML and PDF as text, never as code."""

from __future__ import annotations

import csv
import io
import json
import os
import random
import re
import resource
import string
import struct
import subprocess
import sys
import zipfile
from pathlib import Path
from types import SimpleNamespace

import openpyxl
import pandas as pd
import pytest

from cli import main as cli  # cli.main(argv): the entry point of cli.py
from core.ingest import importer, safe_zip, sheet_worker
from core.ingest.reader import read_package, read_table_file
from core.ingest.validation import MAX_CELL_CHARS, format_problems, problem
from core.storage import store
from tests.fixtures.hostile import (
    FORMULAS,
    MARKDOWN,
    XSS_IMG,
    XSS_SCRIPT,
    csv_with_bad_bytes,
    distinct_shared_strings_xlsx,
    merged_everywhere_xlsx,
    one_long_string_everywhere_xlsx,
    square,
    villages_xlsx,
    write_hostile_package,
)
from tests.fixtures.packages import (
    TEAMS,
    VILLAGES,
    csv_bytes,
    write_csv,
    write_package,
    zip_folder,
)


@pytest.fixture
def base_package(tmp_path, units_stub):
    dataset, problems = read_package(write_package(tmp_path / "pkg"))
    assert dataset is not None, [p.message("en") for p in problems]
    return dataset


@pytest.fixture
def hostile(tmp_path, units_stub):
    dataset, problems = read_package(write_hostile_package(tmp_path / "hostile"))
    assert dataset is not None, [p.message("en") for p in problems]
    return dataset


def validate(capsys, path: Path) -> tuple[int, str]:
    """`cli.py --lang en validate PATH` in-process: exit code and everything printed."""
    code = cli.main(["--lang", "en", "validate", str(path)])
    out = capsys.readouterr()
    return code, out.out + out.err


# --- archives ---------------------------------------------------------------------------------------------


def _forge_declared_size(archive: Path, size: int = 0xFFFFFFF0) -> None:
    """Rewrite every member's uncompressed size in the central directory (a bomb announces itself there)."""
    data = bytearray(archive.read_bytes())
    pos = data.find(b"PK\x01\x02")
    while pos != -1:
        struct.pack_into("<I", data, pos + 24, size)
        pos = data.find(b"PK\x01\x02", pos + 4)
    archive.write_bytes(bytes(data))


def test_zip_slip_members_are_skipped_with_a_warning_and_nothing_lands_outside(tmp_path, units_stub, capsys):
    package = write_package(tmp_path / "pkg")
    archive = tmp_path / "slip.zip"
    outside = tmp_path / "escaped.csv"
    with zipfile.ZipFile(archive, "w") as zf:
        for path in sorted(package.iterdir()):
            zf.write(path, path.name)
        zf.writestr("../escaped.csv", "x")
        zf.writestr("sub/../../escaped.csv", "x")
        zf.writestr(str(outside), "x")  # an absolute path
        zf.writestr("..\\..\\escaped.csv", "x")
    code, text = validate(capsys, archive)
    assert code == 0 and "outside its folder" in text and "Traceback" not in text
    assert not outside.exists() and not (tmp_path.parent / "escaped.csv").exists()
    assert sum(p.code == "archive_unsafe_path" for p in safe_zip.check_archive(archive)) == 4


def test_a_loose_file_zip_with_escaping_paths_imports_only_the_safe_members(tmp_path, units_stub):
    base, _ = read_package(write_package(tmp_path / "pkg"))
    archive = tmp_path / "reports.zip"
    villages = csv_bytes(
        [VILLAGES[0], ["CC09", "Bản Mới", "03166", "103", "21.95", "102.78", "10", "50", "30", "0.5", "yes", "4g"]]
    )
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("huyen/villages.csv", villages)
        zf.writestr("../../villages.csv", villages)
    plan = importer.dry_run([archive], base, None)
    assert plan.ok and plan.changes["villages"].added == 1
    assert [p.code for p in plan.problems] == ["archive_unsafe_path"]
    assert not (tmp_path.parent / "villages.csv").exists()


def test_a_zip_bomb_is_refused_from_its_declared_size_without_unpacking(tmp_path, units_stub, capsys):
    archive = zip_folder(write_package(tmp_path / "pkg"), tmp_path / "bomb.zip")
    _forge_declared_size(archive)
    code, text = validate(capsys, archive)
    assert code == 1 and "unpack to too much data" in text and "Traceback" not in text
    base, _ = read_package(write_package(tmp_path / "base"))
    plan = importer.dry_run([archive], base, None)
    assert not plan.ok and {p.code for p in plan.problems} == {"archive_too_large"}


def test_a_highly_compressed_member_counts_as_a_bomb(tmp_path):
    archive = tmp_path / "zeros.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("villages.csv", b"0" * (8 * 2**20))  # 8 MB of one byte: ~1000× smaller packed
    assert [p.code for p in safe_zip.check_archive(archive)] == ["archive_too_large"]


def test_a_zip_inside_a_zip_is_explained(tmp_path, units_stub, capsys):
    inner = zip_folder(write_package(tmp_path / "pkg"), tmp_path / "inner.zip")
    outer = tmp_path / "outer.zip"
    with zipfile.ZipFile(outer, "w") as zf:
        zf.write(inner, "inner.zip")
    code, text = validate(capsys, outer)
    assert code == 1 and "zip inside a zip" in text
    base, _ = read_package(tmp_path / "pkg")
    mixed = tmp_path / "mixed.zip"
    with zipfile.ZipFile(mixed, "w") as zf:
        zf.write(inner, "inner.zip")
        zf.writestr("notes.txt", "x")
    assert "archive_nested" in {p.code for p in importer.dry_run([mixed], base, None).problems}


def test_two_reports_with_the_same_name_in_one_zip_both_arrive(tmp_path, units_stub):
    base, _ = read_package(write_package(tmp_path / "pkg"))
    archive = tmp_path / "reports.zip"
    rows = [VILLAGES[0], ["CC08", "Bản A", "03166", "103", "21.95", "102.78", "10", "50", "30", "0.5", "yes", "4g"]]
    rows2 = [VILLAGES[0], ["CC09", "Bản B", "03166", "103", "21.95", "102.78", "10", "50", "30", "0.5", "yes", "4g"]]
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("huyen1/villages.csv", csv_bytes(rows))
        zf.writestr("huyen2/villages.csv", csv_bytes(rows2))
    plan = importer.dry_run([archive], base, None)
    assert plan.ok and plan.changes["villages"].added == 2


def test_an_archive_with_too_many_members_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(safe_zip, "MAX_MEMBERS", 3)
    archive = tmp_path / "many.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for i in range(5):
            zf.writestr(f"f{i}.csv", "a")
    assert [p.code for p in safe_zip.check_archive(archive)] == ["archive_too_many_files"]


# --- broken table files -----------------------------------------------------------------------------------


def _package_with(tmp_path: Path, name: str, content: bytes, meta: dict | None = None) -> Path:
    folder = write_package(tmp_path / "pkg", meta=meta)
    for old in folder.glob("villages.*"):
        old.unlink()
    (folder / name).write_bytes(content)
    return folder


BROKEN = {
    "empty file": ("villages.csv", b"", "village_id"),
    "binary named .csv": ("villages.csv", bytes(range(256)) * 64, "cannot be read"),
    "html named .xlsx": (
        "villages.xlsx",
        b"<html><table><tr><td>village_id</td></tr></table></html>",
        "cannot be read",
    ),
    "duplicated header": ("villages.csv", csv_bytes([r + [r[1]] for r in VILLAGES]), "Two columns both mean"),
    "headers only": ("villages.csv", csv_bytes(VILLAGES[:1]), "not in the villages table"),
    "million-character cell": (
        "villages.csv",
        csv_bytes([VILLAGES[0], ["CC01", "A" * 1_000_000, *VILLAGES[1][2:]]]),
        "cannot be read",
    ),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_a_broken_table_file_gives_a_problem_table_and_exit_1(tmp_path, units_stub, capsys, case):
    name, content, expected = BROKEN[case]
    code, text = validate(capsys, _package_with(tmp_path, name, content))
    assert code == 1
    assert text.splitlines()[0].split() == ["File", "Row", "Column", "Value", "Reason"]
    assert expected in text and "Traceback" not in text


def test_bom_and_semicolons_read_as_a_normal_csv(tmp_path, units_stub, capsys):
    content = csv_bytes(VILLAGES, encoding="utf-8-sig", delimiter=";")
    assert validate(capsys, _package_with(tmp_path, "villages.csv", content))[0] == 0


@pytest.mark.parametrize(
    "toml_text, column",
    [
        ('as_of = "hôm qua"', "as_of"),
        ('synthetic = "yes"', "synthetic"),
    ],
)
def test_wrong_types_in_package_toml_are_named(tmp_path, units_stub, capsys, toml_text, column):
    folder = write_package(tmp_path / "pkg")
    key = toml_text.split(" = ")[0]
    meta = folder / "package.toml"
    meta.write_text(re.sub(rf"^{key} = .*$", toml_text, meta.read_text(encoding="utf-8"), flags=re.M), encoding="utf-8")
    code, text = validate(capsys, folder)
    assert code == 1 and re.search(rf"package\.toml\s+{column}\s", text)


def test_a_long_cell_is_refused_at_its_row_and_column_and_not_repeated_whole(tmp_path, units_stub):
    rows = [VILLAGES[0], ["CC01", "B" * (MAX_CELL_CHARS + 1), *VILLAGES[1][2:]]]
    frame, problems = read_table_file(write_csv(tmp_path / "villages.csv", rows))
    assert frame is None
    [p] = [p for p in problems if p.code == "value_too_long"]
    assert (p.row, p.column) == (2, "village_name") and len(p.value) <= 200
    assert len(problem("f", 1, "c", "x" * 10_000, "bad_date").value) == 200


def test_a_table_at_the_village_row_limit_is_read_whole(tmp_path):
    # the largest table the limits admit is read, not refused (its speed is a figure for bench/, not a test);
    # the row limit is the point, so the rows hold only the required columns (every cell costs a parse)
    rows = [VILLAGES[0][:3]] + [[f"V{i:06d}", f"Bản {i}", "03166"] for i in range(200_000)]
    path = write_csv(tmp_path / "villages.csv", rows)
    frame, problems = read_table_file(path)
    assert frame is not None and len(frame) == 200_000, problems[:3]


# --- boundaries -------------------------------------------------------------------------------------------


def _boundary_package(tmp_path: Path, geojson: object) -> Path:
    folder = write_package(tmp_path / "pkg")
    text = geojson if isinstance(geojson, str) else json.dumps(geojson)
    (folder / "boundaries.geojson").write_text(text, encoding="utf-8")
    return folder


FEATURE = {
    "type": "Feature",
    "properties": {"level": "commune", "code": "03166", "name": "Chà Cang", "parent_code": "103"},
    "geometry": {"type": "Polygon", "coordinates": square(102.72, 21.88)},
}


def test_a_single_feature_instead_of_a_collection_is_read(tmp_path, units_stub):
    dataset, problems = read_package(_boundary_package(tmp_path, FEATURE))
    assert dataset is not None and list(dataset.boundaries["code"]) == ["03166"], problems


@pytest.mark.parametrize("bad", ["NaN", "Infinity"])
def test_nan_or_infinite_coordinates_are_named(tmp_path, units_stub, capsys, bad):
    text = json.dumps({"type": "FeatureCollection", "features": [FEATURE]}).replace("102.72, 21.88", f"102.72, {bad}")
    code, out = validate(capsys, _boundary_package(tmp_path, text))
    # NaN ≠ NaN, so GDAL may already refuse the ring as unclosed: either way a named, readable problem
    assert code == 1 and ("invalid coordinates (NaN or infinite)" in out or "boundary file cannot be read" in out)
    assert "boundaries.geojson" in out and "Traceback" not in out


@pytest.mark.parametrize(
    "geojson, reason",
    [
        ({"type": "FeatureCollection", "features": []}, "no features"),
        (
            {
                "type": "FeatureCollection",
                "features": [{**FEATURE, "geometry": {"type": "Point", "coordinates": [102.7, 21.9]}}],
            },
            "not an area",
        ),
        ({"type": "Point", "coordinates": [102.7, 21.9]}, "may be headed: level, cap"),
    ],
)
def test_boundary_files_that_are_not_areas_are_explained(tmp_path, units_stub, capsys, geojson, reason):
    code, out = validate(capsys, _boundary_package(tmp_path, geojson))
    assert code == 1 and reason in out


# --- imports stay all-or-nothing ------------------------------------------------------------------------


def test_a_hostile_import_with_one_bad_row_changes_nothing(tmp_path, hostile, capsys):
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    rows = [
        VILLAGES[0],
        ["V90", XSS_IMG, "03166", "103", "21.95", "102.78", "10", "50", "30", "0.5", "yes", "4g"],
        ["V91", FORMULAS[0], "03166", "103", "21.95", "102.78", "ten", "50", "30", "0.5", "yes", "4g"],
    ]
    bad = write_csv(tmp_path / "villages.csv", rows)
    plan = importer.dry_run([bad], hostile, None)
    assert not plan.ok and [(p.row, p.column, p.value) for p in plan.problems] == [(3, "households", "ten")]
    with pytest.raises(ValueError):
        importer.commit(plan, url=url)
    assert store.current_version_id(url) is None
    code = cli.main(["--lang", "en", "import", str(bad), "--db", url, "--package", str(tmp_path / "hostile")])
    assert code == 1 and store.current_version_id(url) is None
    assert "households" in capsys.readouterr().out


# --- what the problem lists print -------------------------------------------------------------------------


def test_the_cli_problem_table_never_replays_terminal_escapes():
    p = problem("a.csv", 2, "village_name", "\x1b[2J\x1b]0;pwned\x07ok\rX\u202egnp", "bad_date")
    text = format_problems([p], "en")
    assert "\x1b" not in text and "\r" not in text and "\u202e" not in text and "\x07" not in text


def test_the_problem_download_neutralises_formulas():
    from components.data_import import _xlsx
    from core.ingest.validation import problems_table

    table = problems_table(
        [problem(f, 2, c, v, "bad_date") for f, c, v in (("=a.csv", "+c", FORMULAS[0]), ("b.csv", "@c", "-1+1"))], "en"
    )
    sheet = openpyxl.load_workbook(io.BytesIO(_xlsx(table))).active
    cells = [c for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert all(c.data_type == "s" and not c.value.startswith(("=", "+", "-", "@")) for c in cells)
    assert "'" + FORMULAS[0] in [c.value for c in cells]


def test_uploaded_file_names_cannot_leave_the_upload_folder_or_overwrite_each_other():
    from components.uploads import _save_uploads

    uploads = [
        SimpleNamespace(name=n, getvalue=lambda n=n: n.encode())
        for n in ("../../evil.csv", "..", "a.csv", "a.csv", "..\\x.csv")
    ]
    paths = _save_uploads(uploads)
    root = paths[0].parents[1]
    assert all(root in p.parents for p in paths) and len({p for p in paths}) == 5
    assert [p.name for p in paths] == ["evil.csv", "upload-2", "a.csv", "a.csv", "x.csv"]


# --- exports of hostile text ------------------------------------------------------------------------------


@pytest.fixture
def hostile_export(hostile):
    from core.analysis.scoring import Weights
    from core.exports.context import build_input
    from core.model.filters import Filter

    return build_input(hostile, Filter(), Weights.preset("balanced"), "en")


def test_xlsx_and_csv_exports_neutralise_every_formula(hostile_export):
    from core.exports.csv import to_csv
    from core.exports.xlsx import to_xlsx

    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(hostile_export)))
    texts = [c for ws in book.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert all(not c.value.startswith(("=", "+", "-", "@", "\t", "\r")) for c in texts)
    assert all(c.data_type == "s" for c in texts)
    assert {"'" + f for f in FORMULAS} <= {c.value for c in texts}
    rows = list(csv.reader(io.StringIO(to_csv(hostile_export).decode("utf-8-sig"))))
    cells = [v for row in rows for v in row]
    assert not [v for v in cells if v.startswith(("=", "+", "@", "\t", "\r"))]
    assert {"'" + f for f in FORMULAS} <= set(cells) and XSS_IMG in cells


def test_kml_description_is_escaped_html_and_geojson_keeps_the_text(hostile_export):
    import xml.etree.ElementTree as ET

    from core.exports.geojson import to_geojson
    from core.exports.kml import to_kml

    root = ET.fromstring(to_kml(hostile_export))
    ns = {"k": "http://www.opengis.net/kml/2.2"}
    descriptions = [d.text for d in root.iterfind(".//k:Placemark/k:description", ns)]
    assert descriptions and all("<img" not in d and "<svg" not in d and "<script" not in d for d in descriptions)
    assert any("&lt;img src=x onerror=alert(1)&gt;" in d for d in descriptions)
    names = [n.text for n in root.iterfind(".//k:Placemark/k:name", ns)]
    assert any(n.endswith(XSS_IMG) for n in names)  # <name> is plain text: kept as written
    features = json.loads(to_geojson(hostile_export))["features"]
    assert {XSS_IMG, XSS_SCRIPT, MARKDOWN} <= {f["properties"]["name"] for f in features}


def test_pdf_exports_print_hostile_names_literally(hostile_export):
    from pypdf import PdfReader

    from core.exports.brief import plain, to_brief
    from core.exports.field_sheet import to_field_sheets

    for data in (to_field_sheets(hostile_export), to_brief(hostile_export)):
        text = re.sub(r"\s+", "", "".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages))
        assert re.sub(r"\s+", "", XSS_SCRIPT) in text
    assert plain("$\\frac$ 5$") == "\\$\\frac\\$ 5\\$"


def test_chart_csv_downloads_neutralise_formulas():
    from components.charts import csv_bytes as chart_csv

    frame = pd.DataFrame({"Tổ": [FORMULAS[0], "Tổ A"], "n": [-3, 4]})
    rows = list(csv.reader(io.StringIO(chart_csv(frame).decode("utf-8-sig"))))
    assert rows[1] == ["'" + FORMULAS[0], "-3"] and rows[2] == ["Tổ A", "4"]


def test_markdown_literal_shows_text_as_written():
    from core.exports.safety import markdown_literal

    assert markdown_literal("**x** [a](javascript:alert(1))") == r"\*\*x\*\* \[a\]\(javascript\:alert\(1\)\)"
    assert markdown_literal("$x$ :red[r]\nb") == r"\$x\$ \:red\[r\] b"


def test_tiles_show_a_dash_for_missing_figures_instead_of_crashing():
    from components.charts import indicator_tiles

    figures = {
        "target_period": None,
        "activated": pd.NA,
        "target": None,
        "level2_share": float("nan"),
        "eligible": pd.NA,
        "target_share": None,
        "reported": pd.NA,
        "not_reported": 0,
        "activities": 3,
        "team_nights": pd.NA,
    }
    tiles = indicator_tiles(figures, "eid_level2", "vi")
    assert tiles[0][2] == "– / –"


# --- no server path in what users see ------------------------------------------------------------------------


def _shown(problems) -> str:
    return "\n".join(f"{p.file} {p.value} {p.message('vi')} {p.message('en')}" for p in problems)


@pytest.mark.parametrize(
    "name, content",
    [
        ("villages.xlsx", b"PK\x03\x04 not really a workbook"),
        ("boundaries.geojson", b'{"type": "FeatureCollection", "features": [{"type": '),
        ("villages.csv", None),
    ],
)
def test_problems_name_the_file_never_the_server_folder_it_sits_in(tmp_path, demo_dataset, name, content):
    folder = tmp_path / "dxmap-upload-secret" / "0"
    folder.mkdir(parents=True)
    path = folder / name
    if content is not None:
        path.write_bytes(content)
    plan = importer.dry_run([path], demo_dataset, None)
    assert plan.problems and name in _shown(plan.problems)
    assert "dxmap-upload-secret" not in _shown(plan.problems)


def test_a_missing_package_is_named_without_its_path(tmp_path):
    _dataset, problems = read_package(tmp_path / "srv" / "goi-du-lieu")
    assert "srv" not in _shown(problems) and "goi-du-lieu" in _shown(problems)


def test_safe_detail_keeps_dates_and_file_names():
    from core.ingest.validation import safe_detail

    exc = OSError("/var/lib/dxmap/tmp/x/bao cao.xlsx: bad header on 05/03/2025 in C:\\Users\\cb\\a.csv")
    assert safe_detail(exc) == "OSError: bao cao.xlsx: bad header on 05/03/2025 in a.csv"


# --- bytes that are not text ------------------------------------------------------------------------------


def _errors(problems) -> list[tuple]:
    return [(p.file, p.row, p.column, p.value, p.code) for p in problems if p.is_error]


def test_one_invalid_byte_in_a_utf8_csv_is_an_error_on_its_row_and_never_garbles_the_names(
    tmp_path, units_stub, capsys
):
    content = csv_with_bad_bytes(VILLAGES, 3, 1, b"\xff")  # "B?ản Nậm Tin" on row 4 as Excel shows it
    folder = _package_with(tmp_path, "villages.csv", content)
    dataset, problems = read_package(folder)
    assert dataset is None
    assert _errors(problems) == [("villages.csv", 4, "village_name", "B\ufffdản Nậm Tin", "invalid_bytes")]
    assert not any("Ã" in p.value or "º" in p.value for p in problems)  # no Windows-1258 reading of UTF-8
    code, text = validate(capsys, folder)
    assert code == 1 and re.search(
        r"villages\.csv\s+4\s+village_name\s+B\ufffdản Nậm Tin\s+The cell has a character", text
    )
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    assert cli.main(["import", str(folder / "villages.csv"), "--db", url, "--package", str(folder)]) == 1
    assert store.current_version_id(url) is None
    assert "byte không hợp lệ" in capsys.readouterr().out


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig"])  # as LibreOffice saves it; Excel's "CSV UTF-8"
@pytest.mark.parametrize("bad", [b"\xc3", b"\xe1\xba", b"\x80\x80\x80"])
def test_a_truncated_or_stray_utf8_sequence_in_a_report_is_named_at_its_cell(tmp_path, base_package, bad, encoding):
    rows = [VILLAGES[0], ["CC09", "Bản Mới", "03166", "103", "21.95", "102.78", "10", "50", "30", "0.5", "yes", "4g"]]
    report = tmp_path / "bao-cao.csv"
    report.write_bytes(csv_with_bad_bytes(rows, 1, 1, bad, encoding))
    plan = importer.dry_run([report], base_package, None)
    assert not plan.ok
    assert [(p.row, p.column, p.code) for p in plan.problems if p.is_error] == [(2, "village_name", "invalid_bytes")]


@pytest.mark.parametrize("encoding", ["cp1258", "tcvn3", "vni"])
def test_a_report_really_written_in_an_old_encoding_still_reads(tmp_path, units_stub, encoding):
    from core.ingest import legacy_text

    if encoding == "cp1258":
        content = csv_bytes(VILLAGES, encoding="cp1258")
    else:
        content = legacy_text.encode(csv_bytes(VILLAGES, encoding="utf-8").decode("utf-8"), encoding)
    frame, problems = read_table_file(_package_with(tmp_path, "villages.csv", content) / "villages.csv")
    assert frame is not None, _errors(problems)
    assert list(frame["village_name"]) == ["Bản Chà Cang", "Bản Nậm Pồ", "Bản Nậm Tin"]


def test_a_nul_character_in_a_csv_is_an_error_on_its_row_in_validate_dry_run_and_import(
    tmp_path, units_stub, base_package, capsys
):
    rows = [
        VILLAGES[0],
        ["CC09", "Bản\x00 Mới", "03166", "103", "21.95", "102.78", "10", "50", "30", "0.5", "yes", "4g"],
    ]
    report = write_csv(tmp_path / "villages.csv", rows)
    frame, problems = read_table_file(report)
    assert frame is None and _errors(problems) == [
        ("villages.csv", 2, "village_name", "Bản\u2400 Mới", "nul_character")
    ]
    plan = importer.dry_run([report], base_package, None)
    assert not plan.ok and [(p.row, p.column, p.code) for p in plan.problems] == [(2, "village_name", "nul_character")]
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    code = cli.main(["--lang", "en", "import", str(report), "--db", url, "--package", str(tmp_path / "pkg")])
    out = capsys.readouterr()
    assert code == 1 and store.current_version_id(url) is None
    assert "NUL character" in out.out and "Traceback" not in out.out + out.err


def test_a_nul_character_in_a_workbook_cell_is_an_error_on_its_row(tmp_path):
    path = villages_xlsx(tmp_path / "villages.xlsx", shared_text="Bản_x0000_Nậm")  # Excel's escape for NUL
    frame, problems = read_table_file(path, "villages")
    assert frame is None
    assert [(p.row, p.column, p.value, p.code) for p in problems] == [(2, "Tên thôn", "Bản\u2400Nậm", "nul_character")]


def test_a_binary_file_named_csv_is_not_read_as_text(tmp_path):
    path = tmp_path / "villages.csv"
    path.write_bytes(bytes(range(256)) * 64)
    frame, problems = read_table_file(path)
    assert frame is None and [p.code for p in problems] == ["not_text_file"]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_an_unknown_team_type_is_an_error_naming_the_accepted_values(tmp_path, units_stub, capsys, suffix):
    rows = [list(r) for r in TEAMS]
    rows[2][2] = "Đội phản ứng nhanh"
    folder = write_package(tmp_path / "pkg", tables={"teams": rows}, xlsx=("teams",) if suffix == ".xlsx" else ())
    dataset, problems = read_package(folder)
    assert dataset is None
    [error] = [p for p in problems if p.is_error]
    assert (error.file, error.row, error.column, error.value) == (f"teams{suffix}", 3, "team_type", rows[2][2])
    assert error.message("vi") == (
        "Giá trị không nằm trong danh mục. Giá trị được chấp nhận: Tổ CNSCĐ (community_tech), "
        "Đội TNTN (youth_volunteer), Đội xung kích (shock_team)."
    )
    base = write_package(tmp_path / "base")
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    report = folder / f"teams{suffix}"
    assert cli.main(["import", str(report), "--db", url, "--package", str(base)]) == 1
    assert store.current_version_id(url) is None
    assert re.search(
        rf"teams\{suffix}\s+3\s+team_type\s+Đội phản ứng nhanh\s+Giá trị không nằm", capsys.readouterr().out
    )


# --- workbooks that unpack to far more than they weigh ----------------------------------------------------
# Read by `cli.py validate` in a child process whose address space and CPU time are capped (RLIMIT_AS,
# RLIMIT_CPU): a regression shows as a killed process (exit -6, -9, -24) or a missing message, never as a
# test run that takes the machine down. The spreadsheet reader's own worker inherits the caps.

ROOT = Path(__file__).resolve().parents[2]
MEMORY_CAP = 1536 * 2**20  # far below what the crafted files ask for, far above what reading them needs
CPU_CAP = 30  # CPU seconds for the whole command: the refusals below need a few


def validate_capped(path: Path, cpu_seconds: int = CPU_CAP, **env: str) -> subprocess.CompletedProcess:
    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds))

    environment = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", **env}
    environment.pop("DXMAP_PACKAGE", None)
    command = [sys.executable, "cli.py", "--lang", "en", "validate", str(path)]
    return subprocess.run(command, cwd=ROOT, preexec_fn=cap, capture_output=True, text=True, env=environment)


def test_a_shared_strings_bomb_is_refused_before_any_string_is_read(tmp_path):
    path = villages_xlsx(tmp_path / "villages.xlsx", shared_strings=60_000_000)  # one name, 60 million times
    assert path.stat().st_size < 6 * 2**20
    result = validate_capped(path)
    assert result.returncode == 1, result.stderr[-2000:]
    assert re.search(r"villages\.xlsx .*part xl/sharedStrings\.xml unpacks to 18\d\d MB", result.stdout)
    assert "Traceback" not in result.stderr


def test_more_shared_strings_than_the_cell_limit_are_refused_unread(tmp_path, monkeypatch):
    monkeypatch.setenv("DXMAP_MAX_CELLS", "200000")
    path = distinct_shared_strings_xlsx(tmp_path / "villages.xlsx", 200_001)  # real-looking names, no padding
    frame, problems = read_table_file(path, "villages")
    assert frame is None and [p.code for p in problems] == ["shared_strings_too_many"]
    assert "more than 200,000 shared strings" in problems[0].message("en")
    assert "hơn 200.000 chuỗi văn bản dùng chung" in problems[0].message("vi")
    monkeypatch.setenv("DXMAP_MAX_CELLS", "200001")
    frame, problems = read_table_file(path, "villages")
    assert frame is not None and list(frame["village_name"]) == ["Bản 0000000"], problems


def test_a_sheet_padded_with_gigabytes_of_spaces_is_refused_before_it_is_parsed(tmp_path):
    path = villages_xlsx(tmp_path / "villages.xlsx", padding=1536)  # 1.5 GB of spaces after the rows
    assert path.stat().st_size < 2 * 2**20
    result = validate_capped(path)
    assert result.returncode == 1, result.stderr[-2000:]
    assert "part xl/worksheets/sheet1.xml unpacks to 1536 MB" in result.stdout
    assert "Traceback" not in result.stderr


def test_a_tag_longer_than_any_real_cell_is_refused_without_holding_it(tmp_path):
    """Text that packs like real data (random letters) inside one endless tag: the sheet scan keeps at most a
    few megabytes of it, then refuses."""
    letters = random.Random(24).choices(string.ascii_lowercase, k=6 * 2**20)
    path = villages_xlsx(tmp_path / "villages.xlsx", more_rows=f'<row r="3" spans="{"".join(letters)}">')
    frame, problems = read_table_file(path, "villages")
    assert frame is None and [p.code for p in problems] == ["part_too_complex"]
    assert "xl/worksheets/sheet1.xml" in problems[0].message("en")


def test_a_part_that_unpacks_to_more_than_it_declares_is_refused_at_its_declared_size(tmp_path):
    """The shared-strings bomb with its central directory entry saying 8 MB: the size checks pass it, and
    reading stops at 8 MB with a CRC error (a reader trusting the entry would build 60 million strings)."""
    path = villages_xlsx(tmp_path / "villages.xlsx", shared_strings=60_000_000)
    data = bytearray(path.read_bytes())
    name = b"xl/sharedStrings.xml"
    entry = data.find(b"PK\x01\x02")
    while data[entry + 46 : entry + 46 + len(name)] != name:
        entry = data.find(b"PK\x01\x02", entry + 4)
    struct.pack_into("<I", data, entry + 24, 8 * 2**20)  # its uncompressed size
    path.write_bytes(bytes(data))
    result = validate_capped(path)
    assert result.returncode == 1, result.stderr[-2000:]
    assert "villages.xlsx" in result.stdout and "cannot be read" in result.stdout and "CRC" in result.stdout


def test_one_long_string_shown_in_every_cell_is_stopped_by_the_memory_limit(tmp_path):
    """Within every size and count limit, yet 100,000 copies of a 32,000-character name: the reader's worker
    runs out of its memory and is stopped; the command reports it and lives."""
    path = one_long_string_everywhere_xlsx(tmp_path / "villages.xlsx", cells=100_000, chars=32_000)
    assert path.stat().st_size < 2**20
    result = validate_capped(path)
    assert result.returncode == 1, result.stderr[-2000:]
    assert "villages.xlsx" in result.stdout and "too large or too complex to read" in result.stdout
    assert "Traceback" not in result.stderr


def test_merges_that_would_take_hours_to_fill_are_refused_before_filling(tmp_path):
    path = merged_everywhere_xlsx(tmp_path / "villages.xlsx", rows=100_000, ranges=2_000)
    assert path.stat().st_size < 100_000
    result = validate_capped(path)
    assert result.returncode == 1, result.stderr[-2000:]
    assert "merged cells cover more than 30,000,000 cells in all" in result.stdout


def test_a_parse_past_its_cpu_limit_is_stopped(tmp_path):
    """The same merges with no cell limit: the worker is stopped by its CPU limit (1 s here, 120 s by
    default), however long the work would take."""
    path = merged_everywhere_xlsx(tmp_path / "villages.xlsx", rows=100_000, ranges=2_000)
    with pytest.raises(sheet_worker.SheetTooComplex):
        sheet_worker.read_grid(path, 200_000, 10**12, memory_bytes=MEMORY_CAP, cpu_seconds=1)


def test_a_parse_stops_as_soon_as_the_run_that_asked_for_it_is_told_to_stop(tmp_path, monkeypatch):
    """The same endless merges, with a minute of CPU allowed: the parse is killed at the first check after its
    run is told to stop (its session ended), not at its CPU limit; a check that never fires lets parses be."""
    path = merged_everywhere_xlsx(tmp_path / "villages.xlsx", rows=100_000, ranges=2_000)
    asked = []

    def session_ended() -> bool:
        asked.append(1)
        return len(asked) >= 2  # the browser leaves half a second into the parse

    monkeypatch.setattr(sheet_worker, "_STOP_CHECKS", [])
    sheet_worker.stop_when(session_ended)
    with pytest.raises(sheet_worker.SheetParseStopped):  # not SheetTooComplex: its limit was never reached
        sheet_worker.read_grid(path, 200_000, 10**12, memory_bytes=MEMORY_CAP, cpu_seconds=60)
    assert len(asked) == 2  # killed at the check that said stop, asked no more

    monkeypatch.setattr(sheet_worker, "_STOP_CHECKS", [lambda: False])
    small = tmp_path / "small.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["village_id", "village_name"])
    book.active.append(["03124-01", "Bản Một"])
    book.save(small)
    assert sheet_worker.read_grid(small, 10, 100)[1] == ["03124-01", "Bản Một"]


def test_a_stopped_parse_is_a_problem_in_vietnamese(tmp_path, monkeypatch):
    path = one_long_string_everywhere_xlsx(tmp_path / "bao-cao.xlsx", cells=100_000, chars=32_000)
    monkeypatch.setattr(sheet_worker, "MEMORY_BYTES", 512 * 2**20)  # the worker's memory, lowered (3 GB default)
    frame, problems = read_table_file(path, "villages")
    assert frame is None and [p.code for p in problems] == ["sheet_too_complex"]
    shown = problems[0].message("vi")
    assert shown.startswith("Tệp quá lớn hoặc quá phức tạp để đọc: việc đọc vượt giới hạn 512 MB bộ nhớ")
    assert "hoặc 120 giây xử lý nên đã dừng." in shown


# --- an empty store ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["absent file", "accounts only"])
def test_the_summary_of_an_empty_store_says_it_is_empty_not_the_demo_figures(tmp_path, capsys, kind):
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    if kind == "accounts only":  # the first step of a new province: an admin account, no data yet
        from core import accounts

        accounts.add_account("quan.tri", "mat-khau-dai-1", "admin", actor="test", url=url)
    for args, code_expected in ((["summary", "--db", url], 1), (["summary", "--db", url, "--json"], 1)):
        code = cli.main(["--lang", "en", *args])
        out = capsys.readouterr()
        assert code == code_expected
        assert out.out == "" and "Điện Biên" not in out.err  # never the demo's figures
        assert (
            out.err.strip()
            == "The store store.sqlite holds no data yet (no version imported): there are no figures to summarise."
        )
    assert cli.main(["summary", "--db", url]) == 1
    assert "chưa có dữ liệu" in capsys.readouterr().err
