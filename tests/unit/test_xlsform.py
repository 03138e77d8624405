"""`cli.py form activities`: an XLSForm that pyxform turns into a valid XForm whose questions are the data
contract's activity columns, with the chosen area's lists only, sane constraints and user names escaped."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import openpyxl
import pytest

pytest.importorskip("pyxform")
from pyxform.xls2xform import xls2xform_convert  # noqa: E402

from cli.main import main  # noqa: E402
from core.config import DEMO_PACKAGE  # noqa: E402
from core.ingest.reader import read_package  # noqa: E402
from core.model.schema import ACTIVITIES, INSTANCE_ID  # noqa: E402
from tests.fixtures.packages import TEAMS, VILLAGES, write_package  # noqa: E402

NS = {"h": "http://www.w3.org/1999/xhtml", "x": "http://www.w3.org/2002/xforms", "jr": "http://openrosa.org/javarosa"}
JR = "{http://openrosa.org/javarosa}"


def _form(tmp_path: Path, *args: str) -> tuple[str, ET.Element, Path]:
    out = tmp_path / "form.xlsx"
    assert main(["form", "activities", *args, "-o", str(out)]) == 0
    xform = tmp_path / "form.xml"
    assert xls2xform_convert(xlsform_path=str(out), xform_path=str(xform)) == []  # no pyxform warnings
    text = xform.read_text(encoding="utf-8")
    return text, ET.fromstring(text), out


def _binds(root: ET.Element) -> dict[str, dict[str, str]]:
    return {b.get("nodeset").removeprefix("/data/"): b.attrib for b in root.iter("{http://www.w3.org/2002/xforms}bind")}


def _items(root: ET.Element, list_name: str) -> list[dict[str, str]]:
    instance = next(i for i in root.iter("{http://www.w3.org/2002/xforms}instance") if i.get("id") == list_name)
    return [
        {child.tag.split("}")[1]: child.text for child in item}
        for item in instance.iter("{http://www.w3.org/2002/xforms}item")
    ]


def _itext(root: ET.Element, lang: str) -> dict[str, str]:
    translation = next(tr for tr in root.iter("{http://www.w3.org/2002/xforms}translation") if tr.get("lang") == lang)
    return {text.get("id"): "".join(text.itertext()).strip() for text in translation}


@pytest.fixture(scope="module")
def demo():
    dataset, _ = read_package(DEMO_PACKAGE)
    return dataset


@pytest.fixture(scope="module")
def nam_po(tmp_path_factory):
    return _form(tmp_path_factory.mktemp("form"), "--package", str(DEMO_PACKAGE), "--district", "103")


def test_questions_are_exactly_the_activity_columns_plus_the_commune_and_meta(nam_po):
    _, root, _ = nam_po
    binds = _binds(root)
    contract = [c.name for c in ACTIVITIES.columns if c.name != INSTANCE_ID]  # the phone fills meta/instanceID
    assert contract[:5] == ["date", "team_id", "village_id", "kind", "participants"] and len(contract) == 15
    assert set(binds) == {*contract, "commune_code", "start", "end", "meta/instanceID", "meta/instanceName"}
    assert binds["meta/instanceID"][f"{JR}preload"] == "uid"
    assert all(binds[n]["required"] == "true()" for n in ("date", "team_id", "village_id", "kind"))


def test_constraints_keep_numbers_non_negative_dates_past_and_ids_below_participants(nam_po):
    binds = _binds(nam_po[1])
    assert ". <= today()" in binds["date"]["constraint"]
    for name in [c.name for c in ACTIVITIES.columns if c.name != INSTANCE_ID][4:]:
        assert binds[name]["type"] == "int" and binds[name]["constraint"].startswith(". >= 0"), name
    for name in ("vneid_installs", "eid_level1", "eid_level2"):
        assert ". <=  /data/participants" in binds[name]["constraint"]
    assert "participants" not in binds["online_dossiers"]["constraint"]


def test_labels_are_vietnamese_first_with_english_second(nam_po):
    _, root, out = nam_po
    header = [c.value for c in openpyxl.load_workbook(out)["survey"][1]]
    assert header[2:4] == ["label::Tiếng Việt (vi)", "label::English (en)"]
    vi, en = _itext(root, "Tiếng Việt (vi)"), _itext(root, "English (en)")
    assert vi["/data/date:label"] == "Ngày thực hiện" and en["/data/date:label"] == "Date"
    assert vi["/data/eid_level2:label"] == "Kích hoạt định danh mức 2"
    assert "tương lai" in vi["/data/date:jr:constraintMsg"]


def test_kind_choices_are_the_contract_values(nam_po):
    assert [i["name"] for i in _items(nam_po[1], "kinds")] == ["door_to_door", "session", "meeting", "training"]


def test_district_form_lists_only_nam_po_communes_and_villages_with_a_cascade(nam_po, demo):
    text, root, _ = nam_po
    in_103 = demo.villages[demo.villages["district_code"] == "103"]
    communes, villages = _items(root, "communes"), _items(root, "villages")
    assert {c["name"] for c in communes} == set(in_103["commune_code"]) and len(communes) == 15
    assert sorted(v["name"] for v in villages) == sorted(in_103["village_id"])
    by_id = dict(zip(in_103["village_id"], in_103["commune_code"], strict=True))
    assert all(v["commune_code"] == by_id[v["name"]] for v in villages)
    assert "instance('villages')/root/item[commune_code= /data/commune_code ]" in text
    team_names = _itext(root, "Tiếng Việt (vi)")
    teams = [team_names[t["itextId"]] for t in _items(root, "teams")]
    assert "Tổ CNSCĐ Xã Chà Cang" in teams and not any("Mường Nhé" in name for name in teams)
    assert teams.index("Đội TNTN số 2 huyện Nậm Pồ") < teams.index("Đội TNTN số 10 huyện Nậm Pồ")


def test_settings_name_an_ascii_form_id_a_version_and_vietnamese_by_default(nam_po):
    _, root, out = nam_po
    settings = dict(zip(*openpyxl.load_workbook(out)["settings"].iter_rows(values_only=True), strict=True))
    assert settings["form_id"] == "dxmap_activities_11_103" and settings["form_id"].isascii()
    assert settings["default_language"] == "Tiếng Việt (vi)" and settings["version"].isdigit()
    assert settings["form_title"] == "Báo cáo hoạt động chuyển đổi số – Huyện Nậm Pồ"
    data = root.find("h:head/x:model/x:instance/x:data", NS)
    assert data.get("id") == "dxmap_activities_11_103" and data.get("version") == settings["version"]


def test_one_team_form_offers_that_team_by_default(tmp_path):
    _, root, _ = _form(tmp_path, "--package", str(DEMO_PACKAGE), "--commune", "03166", "--team", "CT-03166")
    assert [t["name"] for t in _items(root, "teams")] == ["CT-03166"]
    assert root.find("h:head/x:model/x:instance/x:data/x:team_id", NS).text == "CT-03166"
    assert {c["name"] for c in _items(root, "communes")} == {"03166"}


def test_unknown_team_writes_no_form_and_says_why(tmp_path, capsys):
    out = tmp_path / "f.xlsx"
    assert (
        main(
            [
                "--lang",
                "en",
                "form",
                "activities",
                "--package",
                str(DEMO_PACKAGE),
                "--district",
                "103",
                "--team",
                "NOPE",
                "-o",
                str(out),
            ]
        )
        == 1
    )
    assert not out.exists() and "no team NOPE" in capsys.readouterr().err


def test_names_with_markup_characters_are_escaped_and_read_back_exactly(tmp_path):
    village = 'Bản <Nậm> & "Pồ"'
    team = "Tổ ${x} & <b>A</b>"
    villages = [
        VILLAGES[0],
        [VILLAGES[1][0], village, *VILLAGES[1][2:]],
        VILLAGES[2],
        [VILLAGES[3][0], "=HYPERLINK(1)", *VILLAGES[3][2:]],
    ]
    teams = [TEAMS[0], [TEAMS[1][0], team, *TEAMS[1][2:]], TEAMS[2]]
    package = write_package(tmp_path / "pkg", tables={"villages": villages, "teams": teams})
    text, root, _ = _form(tmp_path, "--package", str(package))
    assert "&lt;Nậm&gt; &amp;" in text and "<Nậm>" not in text
    labels = set(_itext(root, "Tiếng Việt (vi)").values())
    assert {village, "=HYPERLINK(1)", "Tổ $ {x} & <b>A</b>"} <= labels
