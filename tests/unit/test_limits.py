"""Oversized and crafted files are refused with a clear problem before they can exhaust the server's memory.

The crafted workbooks are read in a child process whose address space is capped (RLIMIT_AS), so a regression
shows as a failed test (the child aborts, exit 134) instead of taking the whole test run down with it.
"""

from __future__ import annotations

import os
import re
import resource
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.styles import Font

from core import config
from core.ingest.reader import _read_grid, read_package, read_table_file
from tests.fixtures.packages import VILLAGES, write_csv, write_package, zip_folder

ROOT = Path(__file__).resolve().parents[2]
MEMORY_CAP = 1536 * 2**20  # far below what the crafted files ask for, far above what reading them needs


def _capped() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def run_capped(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    environment = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", **(env or {})}
    environment.pop("DXMAP_PACKAGE", None)
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        preexec_fn=_capped,
        capture_output=True,
        text=True,
        env=environment,
        timeout=300,
    )


def villages_workbook(path: Path, far_cell: str | None = None, styled_only: str | None = None) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Mã thôn", "Tên thôn", "Mã xã", "Số dân"])
    sheet.append(["V1", "Bản Nậm Pồ", "03166", 540])
    if far_cell:
        sheet[far_cell] = "x"
    if styled_only:
        sheet[styled_only].font = Font(bold=True)  # formatted, no value
    workbook.save(path)
    return path


def with_dimension(source: Path, target: Path, ref: str) -> Path:
    """`source` with its sheet's <dimension ref> rewritten (raw zip surgery: openpyxl recomputes it)."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename.startswith("xl/worksheets/sheet"):
                data, n = re.subn(rb'<dimension ref="[^"]*"\s*/>', f'<dimension ref="{ref}"/>'.encode(), data)
                assert n == 1
            zout.writestr(info, data)
    return target


def ods_file(path: Path, repeat_rows: int, repeat_columns: int) -> Path:
    """An .ods whose second row (one value) is repeated down and across."""
    ns = (
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
    )
    cell = '<table:table-cell office:value-type="string"><text:p>{}</text:p></table:table-cell>'
    header = "".join(cell.format(h) for h in ("Mã thôn", "Tên thôn", "Mã xã"))
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns} office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="Sheet1">'
        f"<table:table-row>{header}</table:table-row>"
        f'<table:table-row table:number-rows-repeated="{repeat_rows}">'
        f'<table:table-cell office:value-type="string" table:number-columns-repeated="{repeat_columns}">'
        "<text:p>V1</text:p></table:table-cell>"
        '<table:table-cell table:number-columns-repeated="1000"/></table:table-row>'
        '<table:table-row table:number-rows-repeated="1048000"><table:table-cell '
        'table:number-columns-repeated="1024"/></table:table-row>'
        "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        zf.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
    return path


# --- crafted workbooks, in a memory-capped child process ----------------------------------------------------


@pytest.mark.parametrize("far_cell", ["XFD1048576", "ZZ100000"])
def test_a_workbook_with_one_far_cell_is_refused_by_validate_not_fatal(tmp_path, far_cell):
    path = villages_workbook(tmp_path / "villages.xlsx", far_cell=far_cell)
    assert path.stat().st_size < 10_000  # a tiny file: the danger is the area it declares
    result = run_capped("cli.py", "validate", str(path), "--lang", "en")
    assert result.returncode == 1, result.stderr[-2000:]
    assert "villages.xlsx" in result.stdout
    assert f"up to cell {far_cell}" in result.stdout
    assert "Traceback" not in result.stderr


def test_a_far_cell_in_a_dry_run_is_a_problem_in_vietnamese(tmp_path):
    path = villages_workbook(tmp_path / "bao-cao.xlsx", far_cell="XFD1048576")
    store = f"sqlite:///{tmp_path / 'store.sqlite'}"
    result = run_capped("cli.py", "import", str(path), "--dry-run", "--db", store, "--table", "villages")
    assert result.returncode == 1, result.stderr[-2000:]
    assert "bao-cao.xlsx" in result.stdout
    assert "Trang tính có dữ liệu tới ô XFD1048576 (1.048.576 dòng × 16.384 cột)" in result.stdout


def test_a_huge_declared_dimension_and_far_formatting_alone_are_harmless(tmp_path):
    """Only cells with content count: a <dimension ref> of the whole sheet and a formatted empty cell at
    XFD1048576 (both common in files saved by other programs) read as the two rows they hold."""
    styled = villages_workbook(tmp_path / "styled.xlsx", styled_only="XFD1048576")
    path = with_dimension(styled, tmp_path / "villages.xlsx", "A1:XFD1048576")
    code = (
        "import sys; from core.ingest.reader import read_table_file; "
        "frame, problems = read_table_file(sys.argv[1], 'villages'); "
        "print(len(frame), [p.code for p in problems if p.is_error])"
    )
    result = run_capped("-c", code, str(path))
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "1 []"


def test_an_ods_row_repeated_across_the_sheet_is_refused_not_fatal(tmp_path):
    path = ods_file(tmp_path / "villages.ods", repeat_rows=99_000, repeat_columns=1000)
    result = run_capped("cli.py", "validate", str(path), "--lang", "en")
    assert result.returncode == 1, result.stderr[-2000:]
    assert "villages.ods" in result.stdout and "beyond the reading limit" in result.stdout


def test_an_ods_with_its_usual_empty_padding_reads(tmp_path):
    path = ods_file(tmp_path / "villages.ods", repeat_rows=1, repeat_columns=1)
    grid, problems = _read_grid(path, "villages")
    assert problems == [] and grid == [["Mã thôn", "Tên thôn", "Mã xã"], ["V1", "", ""]]


# --- rows, cells and bytes: configurable limits -------------------------------------------------------------


def test_limits_have_province_sized_defaults_and_env_overrides(monkeypatch):
    defaults = config.limits()
    assert defaults.max_rows["villages"] == 200_000 and defaults.max_rows["activities"] == 2_000_000
    assert defaults.max_upload_bytes == 200 * 2**20
    monkeypatch.setenv("DXMAP_MAX_ROWS_VILLAGES", "5")
    monkeypatch.setenv("DXMAP_MAX_UPLOAD_MB", "0.5")
    monkeypatch.setenv("DXMAP_MAX_CELLS", "not a number")
    limits = config.limits()
    assert limits.max_rows["villages"] == 5 and limits.max_upload_bytes == 2**19
    assert limits.max_cells == config.DEFAULT_MAX_CELLS


def _villages(n: int) -> list[list[str]]:
    rows = [VILLAGES[0]]
    template = VILLAGES[1]
    for i in range(n):
        rows.append([f"V{i:06d}", f"Bản {i}", *template[2:]])
    return rows


@pytest.mark.usefixtures("units_stub")
def test_a_package_with_too_many_villages_is_refused_before_reading_them_all(tmp_path, monkeypatch):
    monkeypatch.setenv("DXMAP_MAX_ROWS_VILLAGES", "100")
    folder = write_package(tmp_path / "pkg")
    write_csv(folder / "villages.csv", _villages(100_000))
    archive = zip_folder(folder, tmp_path / "tinh.zip")
    dataset, problems = read_package(archive)
    assert dataset is None
    too_many = [p for p in problems if p.code == "too_many_rows"]
    assert [p.file for p in too_many] == ["villages.csv"]
    assert too_many[0].message("vi").startswith("Bảng có hơn 100 dòng dữ liệu")
    assert "more than 100 data rows" in too_many[0].message("en")


@pytest.mark.usefixtures("units_stub")
def test_within_the_limit_the_same_table_reads(tmp_path, monkeypatch):
    monkeypatch.setenv("DXMAP_MAX_ROWS_VILLAGES", "100")
    path = write_csv(tmp_path / "villages.csv", _villages(100))
    frame, problems = read_table_file(path)
    assert frame is not None and len(frame) == 100, [p.code for p in problems]


def test_a_csv_of_unknown_table_stops_at_the_largest_limit(tmp_path, monkeypatch):
    for table in config.DEFAULT_MAX_ROWS:
        monkeypatch.setenv(f"DXMAP_MAX_ROWS_{table.upper()}", "50")
    path = tmp_path / "bang.csv"
    path.write_text("a,b,c\n" + "1,2,3\n" * 5000, encoding="utf-8")
    frame, problems = read_table_file(path)
    assert frame is None and [p.code for p in problems] == ["too_many_rows"]


def test_a_file_over_the_byte_limit_is_refused_unread(tmp_path, monkeypatch):
    monkeypatch.setenv("DXMAP_MAX_UPLOAD_MB", "0.01")
    path = write_csv(tmp_path / "villages.csv", _villages(1000))
    frame, problems = read_table_file(path)
    assert frame is None and [p.code for p in problems] == ["file_too_large"]
    assert re.match(r"The file is too large \(\d+ KB, at most 11 KB\)", problems[0].message("en"))
    assert problems[0].message("vi").startswith("Tệp quá lớn (")


def test_a_cell_count_beyond_the_limit_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("DXMAP_MAX_CELLS", "1000")
    path = tmp_path / "villages.xlsx"
    workbook = openpyxl.Workbook()
    for i in range(60):
        workbook.active.append([f"v{i}-{j}" for j in range(20)])
    workbook.save(path)
    frame, problems = read_table_file(path, "villages")
    assert frame is None and [p.code for p in problems] == ["sheet_too_large"]
    assert "1,000 cells)" in problems[0].message("en")
