"""The follow-up page (/followup) without a browser: plan against done of the adopted month, what changed since
the last meeting, pace; in Vietnamese and English, and a district lead's area only. The expected counts are
worked out here from the plan CSV the command wrote and the reports the test added."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import date

import pandas as pd
import pytest
from argon2 import PasswordHasher
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

from cli.main import main
from components import write_access
from core import accounts, audit, auth
from core.i18n import fmt_int
from core.storage import plans, store
from services import followup
from tests.app.conftest import APP
from tests.fixtures.four_villages import activity

PASSWORD = "mật khẩu đủ dài 2026"
PAGE = "views/followup.py"


@pytest.fixture(scope="module")
def adopted(tmp_path_factory, demo_dataset):
    """A store: the demo (data of 30/06/2025), Nậm Pồ's plan adopted for July, then a version of 31/07/2025 with
    July reports for three planned pairs and one pair the plan did not name, and one village given 4G."""
    folder = tmp_path_factory.mktemp("followup")
    url = f"sqlite:///{folder / 'store.sqlite'}"
    store.commit(demo_dataset, url=url)
    out = folder / "plan.csv"
    assert main(["plan", "--db", url, "-o", str(out), "--adopt", "--month", "2025-07", "--district", "103"]) == 0
    with open(out, encoding="utf-8-sig", newline="") as f:
        plan = [(r["team_id"], r["village_id"], int(r["expected_people"])) for r in csv.DictReader(f)]
    planned = {(t, v) for t, v, _ in plan}
    visits = [(t, v, 20 + i) for i, (t, v, _) in enumerate(plan[:3])]
    team, village = plan[0][0], next(v for v in demo_dataset.villages["village_id"] if (plan[0][0], v) not in planned)
    reports = [("2025-07-10", t, v, p) for t, v, p in visits] + [("2025-07-11", team, village, 5)]
    rows = [activity(d, t, v, "session", p) for d, t, v, p in reports]
    acts = demo_dataset.activities
    added = pd.DataFrame(rows).astype({c: acts[c].dtype for c in rows[0]})
    villages = demo_dataset.villages.copy()
    dark = villages.index[villages["mobile_signal"] == "none"][0]
    villages.loc[dark, "mobile_signal"] = "4g"
    july = replace(
        demo_dataset,
        meta=replace(demo_dataset.meta, as_of=date(2025, 7, 31)),
        villages=villages,
        activities=pd.concat([acts, added], ignore_index=True),
    )
    store.commit(july, url=url)
    return {"url": url, "plan": plan, "visits": visits, "gained": villages.loc[dark, "village_id"]}


@pytest.fixture
def env(adopted, monkeypatch):
    for var in ("DXMAP_PACKAGE", auth.ENV_VAR, auth.TOKEN_VAR, auth.HOSTS_VAR):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("DATABASE_URL", adopted["url"])
    monkeypatch.setattr(accounts, "_HASHER", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    monkeypatch.setattr(write_access, "request_host", lambda: "localhost:8501")
    return adopted


def _open(params=None, user=None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params.update(params or {})
    at.run()
    if user:
        at.text_input(key="dx_signin_user").input(user)
        at.text_input(key="dx_signin_password").input(PASSWORD)
        next(b for b in at.button if b.label == "Đăng nhập").click()
        at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_the_page_counts_done_and_missed_pairs_and_what_changed_since_the_last_meeting(env):
    at = _open()
    metrics = _metrics(at)
    assert metrics["Cặp tổ–thôn theo kế hoạch"] == fmt_int(len(env["plan"]))
    assert metrics["Đã thực hiện"] == fmt_int(len(env["visits"]))
    assert metrics["Chưa thực hiện"] == fmt_int(len(env["plan"]) - len(env["visits"]))
    assert metrics["Số người đã tiếp cận"] == fmt_int(sum(p for _, _, p in env["visits"]))
    missed = next(d.value for d in at.dataframe if "Thôn, bản" in d.value.columns and "Tổ, đội" in d.value.columns)
    assert len(missed) == len(env["plan"]) - len(env["visits"])
    assert "ngoài kế hoạch (1)" in " ".join(c.value for c in at.caption)
    # since the last meeting: 30/06 to 31/07 by default, two versions
    assert metrics["Thôn có sóng mới"] == "1"
    assert at.date_input(key="followup_from").value == date(2025, 6, 30)
    assert len(at.get("image")) == 1  # the changed village on a picture map
    assert "followup_xlsx" in {d.key for d in at.get("download_button")}


def test_the_page_in_english(env):
    at = _open({"lang": "en"})
    metrics = _metrics(at)
    assert metrics["Planned team–village pairs"] == fmt_int(len(env["plan"]), "en")
    assert metrics["Villages that gained signal"] == "1"
    assert any(s.value == "Since the last meeting" for s in at.subheader)


def test_a_district_lead_sees_the_pairs_of_the_area_only(env, demo_dataset):
    url = env["url"]
    commune = demo_dataset.villages.set_index("village_id").loc[env["plan"][0][1], "commune_code"]
    if accounts.get_account("lan", url) is None:
        accounts.add_account("lan", PASSWORD, "district_lead", area=[commune], actor="cli:test", url=url)
    inside = set(demo_dataset.villages.loc[demo_dataset.villages["commune_code"] == commune, "village_id"])
    try:
        at = _open(user="lan")
    finally:
        with store.write_transaction(url) as conn:  # the other tests run without accounts
            conn.execute(store.accounts.delete())
    metrics = _metrics(at)
    assert metrics["Cặp tổ–thôn theo kế hoạch"] == fmt_int(sum(1 for _, v, _ in env["plan"] if v in inside))
    assert metrics["Đã thực hiện"] == fmt_int(sum(1 for _, v, _ in env["visits"] if v in inside))
    assert metrics["Thôn có sóng mới"] == ("1" if env["gained"] in inside else "0")
    assert "Điện Biên" not in [r for d in at.dataframe for r in d.value.iloc[:, 0]]  # no province row in pace


def test_the_workbook_lists_the_summary_the_teams_and_the_missed_villages(env, demo_dataset):
    view = store.load_dataset(url=env["url"])
    found = followup.progress(view, "2025-07", env["url"])
    tables = followup.progress_tables(found, view, "vi")
    book = load_workbook(io.BytesIO(followup.progress_xlsx(tables, "2025-07", "vi")))
    summary, teams, missed = book.worksheets
    assert [c.value for c in summary[1]][:3] == ["Địa bàn", "Theo kế hoạch", "Đã thực hiện"]
    assert [c.value for c in summary[2]][1:3] == [len(env["plan"]), len(env["visits"])]
    assert missed.max_row - 1 == len(env["plan"]) - len(env["visits"])
    assert teams.max_row - 1 == len({t for t, _, _ in env["plan"]})


TOKEN = "thu-nghiem-token-ghi-0123456789"


@pytest.fixture
def empty_store(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    for var in ("DXMAP_PACKAGE", auth.ENV_VAR, auth.TOKEN_VAR, auth.HOSTS_VAR):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv(auth.TOKEN_VAR, TOKEN)
    monkeypatch.setattr(write_access, "request_host", lambda: "localhost:8501")
    return url


def _planned(params: dict[str, str]) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=180)
    at.query_params.update(params)
    at.run()
    at.switch_page("views/priorities.py").run()
    at.button(key="plan_run").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_the_plan_made_on_the_priorities_page_is_adopted_for_a_month(empty_store):
    at = _planned({"district": "103", "token": TOKEN})
    shown = at.session_state["plan"][1].rows
    assert at.selectbox(key="followup_adopt_month").value == "2025-07"
    at.button(key="followup_adopt").click().run()
    adopted = plans.current("2025-07", empty_store)
    assert sorted(zip(adopted.rows["team_id"], adopted.rows["village_id"])) == sorted(
        zip(shown["team_id"], shown["village_id"])
    )
    assert adopted.settings["nights"] == at.number_input(key="plan_nights").value
    assert any(e.action == "plan_adopt" for e in audit.entries(url=empty_store))


def test_without_write_access_the_plan_is_not_adopted(empty_store):
    at = _planned({"district": "103"})
    assert not [b for b in at.button if b.key == "followup_adopt"]
    assert any("cần quyền ghi" in c.value for c in at.caption)
    assert plans.months(empty_store) == []


def test_two_plans_are_compared_side_by_side(empty_store):
    at = _planned({"district": "103"})
    a = at.session_state["plan"][1].rows
    at.button(key="compare_pin").click().run()
    at.number_input(key="plan_travel").set_value(60).run()
    at.button(key="plan_run").click().run()
    assert not at.exception, [e.value for e in at.exception]
    b = at.session_state["plan"][1].rows
    summary = next(d.value for d in at.dataframe if "Phương án A" in d.value.columns).set_index("Chỉ số")
    assert summary.loc["Số đêm làm việc của các tổ", "Phương án A"] == fmt_int(int(a["nights"].sum()))
    assert summary.loc["Số đêm làm việc của các tổ", "Phương án B"] == fmt_int(int(b["nights"].sum()))
    assert summary.loc["Số thôn", "Phương án B"] == fmt_int(b["village_id"].nunique())
    villages = next(d.value for d in at.dataframe if "Số đêm (A)" in d.value.columns)
    leaving, entering = set(a["village_id"]) - set(b["village_id"]), set(b["village_id"]) - set(a["village_id"])
    assert (villages["Thay đổi"] == "Ra khỏi kế hoạch (chỉ có ở A)").sum() == len(leaving)
    assert (villages["Thay đổi"] == "Vào kế hoạch (chỉ có ở B)").sum() == len(entering)
    assert len(villages) == len(leaving) + len(entering) > 0
    assert "compare_xlsx" in {d.key for d in at.get("download_button")}


def test_on_the_projector_the_follow_up_is_a_slide_of_tiles_without_tables(env):
    at = _open({"present": "1"})
    metrics = _metrics(at)
    assert metrics["Cặp tổ–thôn theo kế hoạch"] == fmt_int(len(env["plan"]))
    assert metrics["Thôn có sóng mới"] == "1"
    assert not at.dataframe and "followup_from" not in {d.key for d in at.date_input}
    assert any("Từ 30/06/2025 đến 31/07/2025" == s.value for s in at.subheader)
