"""Field downloads without a browser: /teams offers the chosen team's field pack and phone form, /data the phone
form of the filtered area; the files behind them are what the command line writes."""

from __future__ import annotations

import io
import zipfile

import openpyxl

from core.exports.field_pack import MEMBERS
from core.model.filters import Filter
from services.fieldwork import activity_form, field_pack, team_form
from tests.app.conftest import run_app


def _downloads(at) -> dict[str, str]:
    return {d.key: d.proto.label for d in at.get("download_button")}


def test_the_teams_page_offers_the_chosen_teams_field_pack_and_form(demo_dataset):
    at = run_app(page="views/teams.py")
    buttons = _downloads(at)
    assert buttons["teams_field_pack"] == "Tải gói thực địa (ZIP)"
    assert buttons["teams_form"] == "Tải biểu mẫu điện thoại của tổ (XLSForm)"
    team = at.selectbox(key="teams_selected").value
    data, name, villages = field_pack(demo_dataset, Filter(), team, "vi")
    assert name.startswith("goi-thuc-dia_") and name.isascii()
    assert set(zipfile.ZipFile(io.BytesIO(data)).namelist()) == set(MEMBERS)
    form = openpyxl.load_workbook(io.BytesIO(team_form(demo_dataset, Filter(), team).data))
    teams = [r[1] for r in form["choices"].iter_rows(values_only=True) if r[0] == "teams"]
    assert teams == [team]
    assert villages == sum(1 for r in form["choices"].iter_rows(values_only=True) if r[0] == "villages")


def test_the_data_page_offers_the_form_of_the_filtered_district(demo_dataset):
    at = run_app({"district": "103"}, page="views/data.py")
    assert _downloads(at)["dx_form_download"].startswith("Tải biểu mẫu báo cáo cho điện thoại")
    flt = Filter(district="103")
    form = activity_form(flt.apply(demo_dataset), flt)
    communes = {
        r[1]
        for r in openpyxl.load_workbook(io.BytesIO(form.data))["choices"].iter_rows(values_only=True)
        if r[0] == "communes"
    }
    assert communes == set(demo_dataset.villages.loc[demo_dataset.villages["district_code"] == "103", "commune_code"])
