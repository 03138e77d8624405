"""`python cli.py export …`: the same files from the command line, filtered and in either language."""

from __future__ import annotations

import io
import subprocess
import sys

import openpyxl
import pandas as pd
from pypdf import PdfReader

from cli.main import main
from tests.conftest import ROOT


def test_export_priorities_xlsx_for_one_district_in_english(tmp_path, capsys):
    out = tmp_path / "p.xlsx"
    assert main(["export", "priorities", "--district", "096", "--top", "7", "--lang", "en", "-o", str(out)]) == 0
    rows = list(openpyxl.load_workbook(out).worksheets[0].iter_rows(values_only=True))
    assert rows[0][0] == "Rank" and len(rows) == 8
    assert {r[5] for r in rows[1:]} == {"096"}
    assert "7 villages" in capsys.readouterr().err


def test_export_priorities_csv_defaults_to_vietnamese(tmp_path):
    out = tmp_path / "p.csv"
    assert main(["export", "priorities", "--format", "csv", "--commune", "03158", "-o", str(out)]) == 0
    frame = pd.read_csv(out, encoding="utf-8-sig", dtype=str)
    assert frame.columns[0] == "Hạng" and set(frame["Mã xã"]) == {"03158"}


def test_export_priorities_pdf_with_plan_gives_team_sheets(tmp_path):
    out = tmp_path / "f.pdf"
    assert (
        main(
            [
                "export",
                "priorities",
                "--format",
                "pdf",
                "--commune",
                "03158",
                "--plan",
                "--time-limit",
                "2",
                "-o",
                str(out),
            ]
        )
        == 0
    )
    text = PdfReader(out).pages[0].extract_text()
    assert "Phiếu thực địa — " in text


def test_export_brief_from_a_real_shell(tmp_path):
    out = tmp_path / "b.pdf"
    done = subprocess.run(
        [sys.executable, "cli.py", "export", "brief", "--district", "096", "--no-plan", "-o", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert 2 <= len(PdfReader(io.BytesIO(out.read_bytes())).pages) <= 4


def test_unknown_district_fails_with_a_message(tmp_path, capsys):
    assert main(["export", "priorities", "--district", "999", "-o", str(tmp_path / "x.xlsx")]) == 1
    assert "999" in capsys.readouterr().err
    assert not (tmp_path / "x.xlsx").exists()
