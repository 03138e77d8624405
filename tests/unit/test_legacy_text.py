"""TCVN3 (ABC) and VNI files from district offices read as Unicode, with a warning naming the encoding;
UTF-8 and genuine Windows-1258 files are never mistaken for them."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata

import pytest

from core.ingest import legacy_text
from core.ingest.legacy_text import TCVN3, VNI, decode, detect_legacy, encode
from core.ingest.reader import read_package, read_table_file
from tests.fixtures.packages import csv_bytes, write_package

_TONES = ("", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323")
LOWER = sorted({unicodedata.normalize("NFC", v + t) for v in "aăâeêioôơuưy" for t in _TONES} - set("aeiouy") | {"đ"})
ALPHABET = LOWER + [ch.upper() for ch in LOWER]

REPORT = [
    ["UBND HUYỆN ĐIỆN BIÊN ĐÔNG", "", "", "", "", "", "", ""],
    ["BÁO CÁO DANH SÁCH THÔN, BẢN NĂM 2025", "", "", "", "", "", "", ""],
    ["Mã thôn", "Tên thôn/bản", "Mã xã", "Mã huyện", "Vĩ độ", "Kinh độ", "Số dân", "Điện lưới"],
    ["NP01", "Bản Nậm Pồ", "03166", "103", "21,9612", "102,7901", "401", "Không"],
    ["MC01", "Mường Chà", "03166", "103", "21,9500", "102,7825", "1.154", "Một phần"],
    ["DB01", "Điện Biên Đông", "03156", "103", "21,9227", "102,7791", "540", "Có"],
    ["Tổng cộng", "", "", "", "", "", "2.095", ""],
]
NAMES = ["Bản Nậm Pồ", "Mường Chà", "Điện Biên Đông"]


def _report_bytes(encoding: str) -> bytes:
    text = "\r\n".join(";".join(row) for row in REPORT) + "\r\n"  # Excel with a Vietnamese locale: ";"
    return encode(text, encoding)


def test_the_alphabet_has_all_134_vietnamese_letters():
    assert len(ALPHABET) == len(set(ALPHABET)) == 134


@pytest.mark.parametrize("encoding", [TCVN3, VNI])
def test_every_vietnamese_letter_survives_a_round_trip(encoding):
    for letter in ALPHABET:
        assert decode(encode(letter, encoding), encoding) == letter, letter
    assert decode(encode(" ".join(ALPHABET), encoding), encoding) == " ".join(ALPHABET)


def test_tcvn3_letters_sit_where_the_standard_puts_them():
    assert bytes(legacy_text.TCVN3_ENCODE[ch] for ch in "ảậồ") == b"\xb6\xcb\xe5"
    assert encode("Điện Biên Đông", TCVN3) == b"\xa7i\xd6n Bi\xaan \xa7\xabng"
    assert decode(b"B\xb8o c\xb8o t\xb5i ch\xddnh", TCVN3) == "Báo cáo tài chính"


@pytest.mark.skipif(shutil.which("iconv") is None, reason="no iconv")
def test_tcvn3_table_agrees_with_the_c_library_tcvn5712_converter():
    probe = subprocess.run(["iconv", "-f", "TCVN5712-1", "-t", "UTF-8"], input=b"a", capture_output=True)
    if probe.returncode != 0:
        pytest.skip("iconv has no TCVN5712-1")
    for letter, code in legacy_text.TCVN3_ENCODE.items():
        out = subprocess.run(["iconv", "-f", "TCVN5712-1", "-t", "UTF-8"], input=bytes([code]), capture_output=True)
        assert out.stdout.decode() == letter, hex(code)


@pytest.mark.parametrize(
    ("vni", "text"),
    [
        ("Tieáng Vieät", "Tiếng Việt"),
        ("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
        ("Ñoäc laäp - Töï do - Haïnh phuùc", "Độc lập - Tự do - Hạnh phúc"),
        ("ñöôïc nhöõng Chæ thò Myõ", "được những Chỉ thị Mỹ"),
        ("Ñaø Naüng", "Đà Nẵng"),
        ("VIEÄT NAM", "VIỆT NAM"),
    ],
)
def test_vni_reads_as_published_examples_spell_it(vni, text):
    assert decode(vni.encode("latin-1"), VNI) == text
    assert encode(text, VNI) == vni.encode("latin-1")


@pytest.mark.parametrize("encoding", [TCVN3, VNI])
def test_a_report_in_a_legacy_encoding_is_detected(encoding):
    assert detect_legacy(_report_bytes(encoding)) == encoding


def _read_names(tmp_path, data: bytes) -> tuple[list[str], list[str]]:
    """The village names a report file with these bytes reads as, and the codes of its problems."""
    path = tmp_path / "villages.csv"
    path.write_bytes(data)
    frame, problems = read_table_file(path)
    return (frame["village_name"].tolist() if frame is not None else []), [p.code for p in problems]


def test_genuine_windows_1258_text_is_never_taken_for_a_legacy_encoding(tmp_path):
    rows = [["Tên thôn/bản", "Ghi chú"]] + [[n, "Hướng dẫn cài đặt VNeID, kích hoạt mức 2"] for n in NAMES]
    data = csv_bytes(REPORT + rows, encoding="cp1258")
    assert detect_legacy(data) is None
    assert _read_names(tmp_path, data) == (NAMES, [])


def test_utf8_text_is_read_as_utf8(tmp_path):
    data = "\n".join(";".join(r) for r in REPORT).encode("utf-8")
    assert _read_names(tmp_path, data) == (NAMES, [])


@pytest.mark.parametrize(("encoding", "name"), [(TCVN3, "TCVN3"), (VNI, "VNI")])
def test_district_report_csv_in_legacy_encoding_reads_with_correct_names_and_a_warning(tmp_path, encoding, name):
    path = tmp_path / "villages.csv"
    path.write_bytes(_report_bytes(encoding))
    frame, problems = read_table_file(path)
    assert frame is not None, [p.message("en") for p in problems]
    assert frame["village_name"].tolist() == NAMES
    assert frame["population"].tolist() == [401, 1154, 540]
    warnings = [p for p in problems if p.code == "legacy_encoding"]
    assert len(warnings) == 1 and not warnings[0].is_error
    assert name in warnings[0].message("vi") and "bảng mã cũ" in warnings[0].message("vi")
    assert name in warnings[0].message("en")


def test_package_with_a_tcvn3_teams_file_reads_with_a_warning(tmp_path):
    folder = write_package(tmp_path / "pkg")
    teams = folder / "teams.csv"
    teams.write_bytes(encode(teams.read_bytes().decode("utf-8-sig"), TCVN3))
    dataset, problems = read_package(folder)
    assert dataset is not None, problems
    assert dataset.teams["team_name"].iloc[0] == "Tổ CNSCĐ xã Chà Cang"
    assert [p.file for p in problems if p.code == "legacy_encoding"] == ["teams.csv"]


def test_cp1258_package_reads_without_a_legacy_warning(tmp_path):
    dataset, problems = read_package(write_package(tmp_path / "pkg", encoding="cp1258"))
    assert dataset is not None
    assert not [p for p in problems if p.code == "legacy_encoding"]
