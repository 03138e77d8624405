"""The Map page's month control without a browser, on the demo history store (`cli.py demo-history`: data at the
ends of April, May, June and July 2025): the months offered, the month in the link, the figures and the count of
changed villages of the chosen month, in vi and en, for the province and for a district lead's area; no control
with a single version. Expected figures are worked out here from the store's versions by the README's rules
(signal: weak/3G/4G; power: yes/partial; team: named in team_villages), not by the page's code."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date

import pandas as pd
import pytest
from argon2 import PasswordHasher
from streamlit.testing.v1 import AppTest

from components import write_access
from core import accounts, auth
from core.storage import store
from presentation.assets import published_path
from tests.app.conftest import APP

PAGE = "views/map.py"
PASSWORD = "mật khẩu đủ dài 2026"
SIGNAL = {"weak", "3g", "4g"}
POWER = {"yes", "partial"}
VERSION_OF = {"2025-04": 1, "2025-05": 2, "2025-06": 3, "2025-07": 4}  # the demo history's versions, by month


def changed_ids(before, after, district: str | None = None) -> set[str]:
    """Villages (of the district, when given) whose signal, power or team differ between the two versions."""

    def status(ds):
        teams = set(ds.team_villages["village_id"].astype(str))
        return {
            str(r.village_id): (r.mobile_signal in SIGNAL, r.grid_electricity in POWER, str(r.village_id) in teams)
            for r in ds.villages.itertuples()
            if district is None or str(r.district_code) == district
        }

    old, new = status(before), status(after)
    return {vid for vid in old.keys() & new.keys() if old[vid] != new[vid]}


@pytest.fixture(scope="module")
def history(tmp_path_factory, demo_history):
    url = demo_history(tmp_path_factory.mktemp("map-months"))
    return {"url": url, "data": {m: store.load_dataset(v, url) for m, v in VERSION_OF.items()}}


@pytest.fixture
def env(history, monkeypatch):
    for var in ("DXMAP_PACKAGE", auth.ENV_VAR, auth.TOKEN_VAR, auth.HOSTS_VAR):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("DATABASE_URL", history["url"])
    monkeypatch.setattr(accounts, "_HASHER", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    monkeypatch.setattr(write_access, "request_host", lambda: "localhost:8501")
    return history


def open_map(month: str | None = None, lang: str | None = None, user: str | None = None) -> AppTest:
    """Open the app (signed in as `user`), go to the map, then give the link `month` (as an opened link)."""
    at = AppTest.from_file(APP, default_timeout=120)
    if lang:
        at.query_params["lang"] = lang
    at.run()
    if user:
        at.text_input(key="dx_signin_user").input(user)
        at.text_input(key="dx_signin_password").input(PASSWORD)
        next(b for b in at.button if b.label == "Đăng nhập").click()
        at.run()
    at.switch_page(PAGE).run()
    if month:
        at.query_params["month"] = month
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def spec_of(at: AppTest) -> dict:
    """What this run sent to the browser map."""
    return json.loads(at.get("component_instance")[0].proto.json_args)["spec"]


def villages_file(spec: dict) -> dict:
    """The villages data file the browser map is told to fetch."""
    return json.loads(published_path(spec["villages"]["url"]).read_text(encoding="utf-8"))


def covered(ds) -> int:
    """Villages with a position that a team of the data covers."""
    teams = set(ds.teams["team_id"].astype(str))
    links = ds.team_villages[ds.team_villages["team_id"].astype(str).isin(teams)]
    mapped = ds.villages.dropna(subset=["lat", "lon"])
    return int(mapped["village_id"].isin(set(links["village_id"])).sum())


def html_of(at: AppTest, testid: str) -> str:
    found = [m.value for m in at.markdown if f'data-testid="{testid}"' in m.value]
    assert found, testid
    return found[0]


def panel_count(at: AppTest, key: str) -> int:
    match = re.search(
        rf'data-testid="dx-map-count-{key}"><span>[^<]*</span><b>([^<]*)</b>', html_of(at, "dx-map-panel")
    )
    return int(match.group(1).replace(".", "").replace(",", ""))


def test_the_latest_month_is_shown_first_and_the_link_carries_it(env):
    at = open_map()
    control = at.select_slider(key="map_month")
    assert control.options == ["Tháng 04/2025", "Tháng 05/2025", "Tháng 06/2025", "Tháng 07/2025"]
    assert control.value == "2025-07"
    assert at.query_params["month"] == "2025-07"
    n = len(changed_ids(env["data"]["2025-06"], env["data"]["2025-07"]))
    assert html_of(at, "dx-map-month-changes").endswith(f">{n} thôn thay đổi trong tháng 07/2025</p>")


def test_a_link_s_month_shows_the_villages_as_they_stood_at_its_end_and_its_changes(env):
    at = open_map("2025-05")
    assert at.select_slider(key="map_month").value == "2025-05"
    may, april = env["data"]["2025-05"], env["data"]["2025-04"]
    assert panel_count(at, "no_signal") == int((may.villages["mobile_signal"] == "none").sum())
    assert panel_count(at, "no_power") == int((may.villages["grid_electricity"] == "no").sum())
    n = len(changed_ids(april, may))
    assert n > 0
    assert f">{n} thôn thay đổi trong tháng 05/2025</p>" in html_of(at, "dx-map-month-changes")
    assert f"Vòng hồng: thôn thay đổi trong tháng 05/2025 ({n})" in html_of(at, "dx-map-legend")
    spec = spec_of(at)  # the browser gets May's villages and rings May's changes
    may_file = villages_file(spec)
    assert len(may_file["lat"]) == len(may.villages.dropna(subset=["lat", "lon"]))
    assert sum(1 for teams in may_file["t"] if teams) == covered(may)
    assert len(spec["changed"]["i"]) == n
    # moving the control is a new month in the link, with that month's figures
    at.select_slider(key="map_month").set_value("2025-06").run()
    june = env["data"]["2025-06"]
    assert at.query_params["month"] == "2025-06"
    assert panel_count(at, "no_signal") == int((june.villages["mobile_signal"] == "none").sum())
    assert f">{len(changed_ids(may, june))} thôn" in html_of(at, "dx-map-month-changes")
    june_file = villages_file(spec_of(at))
    assert sum(1 for teams in june_file["t"] if teams) == covered(june) != covered(may)


def test_the_first_month_has_nothing_to_compare_with(env):
    at = open_map("2025-04")
    assert "chưa có tháng trước để so sánh" in html_of(at, "dx-map-month-changes")
    assert "Vòng hồng" not in html_of(at, "dx-map-legend")


def test_in_english(env):
    at = open_map("2025-06", lang="en")
    control = at.select_slider(key="map_month")
    assert control.label == "Data as at the end of"
    assert control.options == ["04/2025", "05/2025", "06/2025", "07/2025"]
    n = len(changed_ids(env["data"]["2025-05"], env["data"]["2025-06"]))
    assert f">{n} villages changed in 06/2025</p>" in html_of(at, "dx-map-month-changes")


def test_a_month_the_data_does_not_hold_is_ignored_with_a_notice(env):
    at = open_map("2024-12")
    assert at.select_slider(key="map_month").value == "2025-07"
    assert any("month" in w.value and "2024" in w.value for w in at.warning)


def test_a_district_lead_sees_the_area_s_villages_at_every_month(env):
    url, data = env["url"], env["data"]
    district = "103"
    if accounts.get_account("lan", url) is None:
        accounts.add_account("lan", PASSWORD, "district_lead", area=[district], actor="cli:test", url=url)
    try:
        at = open_map(user="lan")  # the province's June was read before, in this process
        at.query_params["month"] = "2025-06"
        at.run()
    finally:
        with store.write_transaction(url) as conn:  # the other tests run without accounts
            conn.execute(store.accounts.delete())
    june = data["2025-06"].villages
    mine = june[june["district_code"].astype(str) == district]
    assert panel_count(at, "villages") == len(mine)
    assert panel_count(at, "no_signal") == int((mine["mobile_signal"] == "none").sum())
    n = len(changed_ids(data["2025-05"], data["2025-06"], district))
    assert n < len(changed_ids(data["2025-05"], data["2025-06"]))
    assert f">{n} thôn thay đổi trong tháng 06/2025</p>" in html_of(at, "dx-map-month-changes")
    spec = spec_of(at)  # the area's file of June, in the area's folder
    assert "/province/" not in spec["villages"]["url"]
    assert len(villages_file(spec)["lat"]) == len(mine.dropna(subset=["lat", "lon"]))
    assert len(spec["changed"]["i"]) == n


def test_a_store_with_one_version_has_no_month_control(tmp_path, monkeypatch, demo_dataset):
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    store.commit(demo_dataset, url=url)
    for var in ("DXMAP_PACKAGE", auth.ENV_VAR, auth.TOKEN_VAR, auth.HOSTS_VAR):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("DATABASE_URL", url)
    at = open_map("2025-06")  # a link made on a store with history
    assert not [s for s in at.select_slider if s.key == "map_month"]
    assert not [m for m in at.markdown if "dx-map-month-changes" in m.value]
    assert any("month" in w.value and "2025" in w.value for w in at.warning)
    assert "month" not in at.query_params


def test_the_month_stays_when_the_filter_changes(env):
    at = open_map("2025-05")
    at.selectbox(key="flt_district").set_value("103").run()
    assert at.query_params["district"] == "103"
    assert at.query_params["month"] == "2025-05"
    assert at.select_slider(key="map_month").value == "2025-05"
    may, april = env["data"]["2025-05"], env["data"]["2025-04"]
    mine = may.villages[may.villages["district_code"].astype(str) == "103"]
    assert panel_count(at, "villages") == len(mine)
    n = len(changed_ids(april, may, "103"))
    assert f">{n} thôn thay đổi trong tháng 05/2025</p>" in html_of(at, "dx-map-month-changes")


def test_on_the_projector_the_slide_title_gives_the_date_of_the_month_shown(env):
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["present"] = "1"
    at.run()
    at.switch_page(PAGE).run()
    at.query_params.update({"present": "1", "month": "2025-06"})
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    title = html_of(at, "dx-slide-title")
    assert "30/06/2025" in title and "31/07/2025" not in title
    assert at.select_slider(key="map_month").value == "2025-06"


def level2_of(ds) -> dict[str, float]:
    """Each village's baseline plus the level-2 activations reported for it dated after the baseline's date
    (30/06/2025, the demo's package date, in every version from June on)."""
    acts = ds.activities
    later = acts[acts["date"] > pd.Timestamp("2025-06-30")].dropna(subset=["eid_level2"])
    added: dict[str, float] = {}
    for vid, n in zip(later["village_id"].astype(str), later["eid_level2"]):
        added[vid] = added.get(vid, 0) + float(n)
    return {
        str(r.village_id): float(r.eid_level2_baseline) + added.get(str(r.village_id), 0)
        for r in ds.villages.itertuples()
    }


def pct(text: str) -> float:
    """`65,5 %` → 65.5"""
    return float(re.sub(r"[^\d,]", "", text).replace(",", "."))


def near(text: str, share: float) -> bool:
    """The text is the share as a percentage with one decimal."""
    return abs(pct(text) - share * 100) <= 0.05 + 1e-9


@pytest.mark.parametrize("month", ["2025-07", "2025-06"])
def test_every_level2_figure_of_the_map_is_the_baseline_plus_the_later_activations(env, month):
    ds = env["data"][month]
    added = sum(level2_of(ds).values()) - ds.villages["eid_level2_baseline"].astype(float).sum()
    assert added == (4018 if month == "2025-07" else 0)  # July's reports; none after June's own baselines
    check_level2(open_map(month), ds)


def test_a_past_month_shows_the_level2_of_its_own_data(history, demo_history, tmp_path, monkeypatch):
    """A store whose latest version (31/08/2025) adds August reports: July, now a past month, shows July's
    level 2, and August its own."""
    url = demo_history(tmp_path)
    july = history["data"]["2025-07"]
    some = july.villages["village_id"].astype(str).head(40).tolist()
    rows = pd.DataFrame(
        {"date": pd.Timestamp("2025-08-12"), "team_id": july.activities["team_id"].iloc[0], "village_id": some}
    ).assign(kind="session", participants=60, eid_level2=30)
    acts = july.activities
    rows = rows.reindex(columns=acts.columns).astype(acts.dtypes.to_dict())
    august = replace(
        july, meta=july.meta.through(date(2025, 8, 31)), activities=pd.concat([acts, rows], ignore_index=True)
    )
    store.commit(august, url=url)
    for var in ("DXMAP_PACKAGE", auth.ENV_VAR, auth.TOKEN_VAR, auth.HOSTS_VAR):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("DATABASE_URL", url)
    assert sum(level2_of(august).values()) - sum(level2_of(july).values()) == 40 * 30
    at = open_map("2025-08")
    check_level2(at, august)
    at.select_slider(key="map_month").set_value("2025-07").run()
    assert not at.exception, [e.value for e in at.exception]
    check_level2(at, july)


def check_level2(at: AppTest, ds) -> None:
    """The map of `ds`'s month shows, as the rule says: the side panel's level-2 share, each commune's shading
    class and value, each village's tooltip share and the village table's share."""
    level = level2_of(ds)
    v = ds.villages.assign(village_id=ds.villages["village_id"].astype(str))
    eligible = dict(zip(v["village_id"], v["eligible_citizens"].astype(float)))
    at.selectbox(key="map_indicator").set_value("eid_level2").run()
    assert not at.exception, [e.value for e in at.exception]

    # side panel: the villages on the map (the whole province)
    share = sum(level.values()) / sum(eligible.values())
    panel = re.search(r'dx-map-count-eid_level2"><span>[^<]*</span><b>([^<]*)</b>', html_of(at, "dx-map-panel"))
    assert near(panel.group(1), share), (panel.group(1), share)

    # commune shading: class and tooltip value of each commune, in the outlines' order
    spec = spec_of(at)
    codes = [str(c) for c in ds.boundaries.loc[ds.boundaries["level"] == "commune", "code"]]
    got = v.assign(level=v["village_id"].map(level)).groupby(v["commune_code"].astype(str))
    communes = (got["level"].sum() / got["eligible_citizens"].sum().astype(float)).clip(upper=1.0)
    classes = "".join(str(sum(communes[c] < limit for limit in (0.75, 0.50, 0.25))) for c in codes)
    assert spec["communes"]["classes"] == classes
    assert all(near(text, communes[c]) for text, c in zip(spec["communes"]["values"], codes))

    # each village's tooltip, from the villages file
    mapped = v.dropna(subset=["lat", "lon"])
    file = villages_file(spec)
    shares = [level[vid] / eligible[vid] for vid in mapped["village_id"]]
    assert len(file["eid"]) == len(shares)
    assert all(near(text, s) for text, s in zip(file["eid"], shares))

    # the village table
    table = at.dataframe[0].value
    names = dict(zip(ds.units["code"].astype(str), ds.units["name"].astype(str)))
    expected = {
        (name, names.get(str(c), str(c))): level[vid] / eligible[vid]
        for name, c, vid in zip(v["village_name"], v["commune_code"], v["village_id"])
    }
    rows = list(zip(table["Thôn, bản"], table["Xã"], table["Định danh mức 2"]))
    assert len(rows) == len(v)
    assert all(near(text, expected[(name, commune)]) for name, commune, text in rows)
