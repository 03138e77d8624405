"""Every time a person reads is Vietnam time (Asia/Ho_Chi_Minh), and a file that may travel says so."""

from __future__ import annotations

import io
import json
import sys
import unicodedata
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

import openpyxl
import pytest
from argon2 import PasswordHasher
from pypdf import PdfReader

from cli.main import main
from core import accounts, audit
from core.analysis.scoring import Weights
from core.exports.audit_xlsx import to_xlsx as audit_xlsx
from core.exports.brief import to_brief
from core.exports.field_pack import readme
from core.exports.xlsx import to_xlsx
from core.model.filters import Filter
from services.priorities import export_input, view

PROVINCE_TIME = timezone(timedelta(hours=7))  # Asia/Ho_Chi_Minh keeps no summer time
# 01:30 UTC is 08:30 in Vietnam, the same day; 20:15 UTC is 03:15 the next day there
MORNING = datetime(2025, 7, 1, 1, 30, tzinfo=UTC)
LATE = datetime(2025, 7, 1, 20, 15, tzinfo=UTC)


@pytest.fixture(scope="module")
def made_at_morning(demo_dataset):
    flt = Filter(district="103")
    return replace(export_input(view(demo_dataset, flt), flt, Weights.preset(), "vi", top=5), generated=MORNING)


def test_an_export_is_stamped_in_vietnam_time(demo_dataset):
    inp = export_input(view(demo_dataset, Filter()), Filter(), Weights.preset(), "vi", top=1)
    assert inp.generated.utcoffset() == timedelta(hours=7)
    assert abs(inp.generated - datetime.now(UTC)) < timedelta(minutes=5)


def test_the_workbook_says_when_it_was_made_in_vietnam_time(made_at_morning):
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(made_at_morning)))
    about = {row[0]: row[1] for row in book.worksheets[1].iter_rows(values_only=True)}
    assert about["Thời điểm xuất"] == "01/07/2025 08:30 (giờ Việt Nam, UTC+7)"
    english = replace(made_at_morning, lang="en", generated=LATE)
    about = {
        r[0]: r[1]
        for r in openpyxl.load_workbook(io.BytesIO(to_xlsx(english))).worksheets[1].iter_rows(values_only=True)
    }
    assert about["Exported at"] == "02/07/2025 03:15 (Vietnam time, UTC+7)"


def test_the_brief_says_when_it_was_printed_in_vietnam_time(made_at_morning):
    first = PdfReader(io.BytesIO(to_brief(made_at_morning))).pages[0].extract_text()
    assert "in lúc 01/07/2025 08:30 (giờ Việt Nam, UTC+7)" in unicodedata.normalize("NFC", first)


def test_the_field_pack_readme_says_when_it_was_made_in_vietnam_time(made_at_morning):
    text = readme(replace(made_at_morning, generated=LATE), "Tổ CNSCĐ xã Nà Hỳ", 12)
    assert "Tạo lúc 02/07/2025 03:15 (giờ Việt Nam, UTC+7)" in text


@pytest.fixture
def store(tmp_path, monkeypatch):
    monkeypatch.setattr(accounts, "_HASHER", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    accounts.add_account("boss", "a long password", "admin", actor="t", url=url)
    return url


def _run(argv, monkeypatch, capsys) -> str:
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert main(argv) == 0
    return capsys.readouterr().out


def test_users_list_shows_the_last_sign_in_in_vietnam_time(store, monkeypatch, capsys):
    before = datetime.now(PROVINCE_TIME)
    accounts.sign_in("boss", "a long password", url=store)
    after = datetime.now(PROVINCE_TIME)
    header, row = [line for line in _run(["users", "list", "--db", store], monkeypatch, capsys).splitlines() if line][
        :2
    ]
    assert header.rstrip().endswith("Đăng nhập gần nhất (giờ Việt Nam, UTC+7)")
    assert any(f"{when:%d/%m/%Y %H:%M}" in row for when in (before, after)), row
    (boss,) = json.loads(_run(["users", "list", "--json", "--db", store], monkeypatch, capsys))
    assert datetime.fromisoformat(boss["last_signin"]).utcoffset() == timedelta(hours=7)


def test_the_audit_log_is_in_vietnam_time_in_the_terminal_the_json_and_the_workbook(store, monkeypatch, capsys):
    from core.storage import store as stores

    with stores.write_transaction(store) as conn:
        audit.write(conn, "boss", "export", {"kind": "csv"}, at=LATE)
    lines = _run(["audit", "--db", store], monkeypatch, capsys).splitlines()
    assert lines[0].startswith("Thời điểm (giờ Việt Nam, UTC+7)")
    assert any(line.startswith("02/07/2025 03:15") and "Xuất tệp" in line for line in lines), lines
    entries = json.loads(_run(["audit", "--json", "--db", store], monkeypatch, capsys))
    assert [e["at"] for e in entries if e["action"] == "export"] == ["2025-07-02T03:15:00+07:00"]
    assert _run(["audit", "--since", "02/07/2025", "--json", "--db", store], monkeypatch, capsys).count('"export"') == 1
    sheet = openpyxl.load_workbook(io.BytesIO(audit_xlsx(audit.entries(url=store), "en"))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Time (Vietnam time, UTC+7)" and rows[1][0] == datetime(2025, 7, 2, 3, 15)
