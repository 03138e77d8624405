"""Field reports dated after the data's "as of": accepted from the Data page's dry run and commit, from
`cli.py import --as` a district lead and from a KoboToolbox export; the data's "as of" moves on to the newest
activity when the import commits (and says so), a date still to come in Vietnam is refused, and importing the
same report again adds nothing."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import pytest
from argon2 import PasswordHasher

import services
from cli.main import main
from core import accounts
from core.analysis import kpis, scoring
from core.ingest.validation import province_today
from core.model.dataset import AS_OF_ACTIVITIES, AS_OF_PACKAGE
from core.model.filters import data_period
from core.storage import store
from tests.fixtures import kobo_exports

PASSWORD = "mật khẩu đủ dài 2026"
HEADER = "date,team_id,village_id,kind,participants,eid_level2"
NOVEMBER = date(2025, 11, 14)
# two visits of a November report, in district 103 (the lead's area)
NOVEMBER_ROWS = (
    f"{NOVEMBER:%Y-%m-%d},YV-103-01,03156-01,meeting,30,2",
    f"{NOVEMBER - timedelta(days=3):%Y-%m-%d},YV-103-01,03156-02,door_to_door,12,5",
)


@pytest.fixture
def url(tmp_path, monkeypatch, demo_dataset, store_copies):
    """The demo as version 1 and `lan`, district lead of 103 (made once per session, then copied)."""
    monkeypatch.delenv("DXMAP_PACKAGE", raising=False)
    monkeypatch.setattr(accounts, "_HASHER", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    assert demo_dataset.meta.as_of < NOVEMBER - timedelta(days=3)  # the report comes after the package

    def build(url: str) -> None:
        store.commit(demo_dataset, url=url)
        accounts.add_account("lan", PASSWORD, "district_lead", area=["103"], actor="cli:test", url=url)

    return store_copies("demo_and_lan", f"sqlite:///{tmp_path / 'store.sqlite'}", build)


def _report(tmp_path, *rows: str, name: str = "bao_cao_thang_11.csv") -> str:
    path = tmp_path / name
    path.write_text("\n".join([HEADER, *rows]) + "\n", "utf-8")
    return str(path)


def test_a_report_after_as_of_imports_from_the_data_page_and_moves_the_data_date(tmp_path, url, demo_dataset):
    package_date = demo_dataset.meta.as_of
    plan = services.import_dry_run([_report(tmp_path, *NOVEMBER_ROWS)], url)
    assert plan.ok, [p.message("en") for p in plan.problems if p.is_error]
    assert plan.changes["activities"].added == 2
    assert (plan.as_of_before, plan.as_of, plan.as_of_source) == (package_date, NOVEMBER, AS_OF_ACTIVITIES)
    assert plan.as_of_moved
    assert services.import_commit(plan, url) == 2
    stored = store.load_dataset(url=url)
    assert stored.meta.as_of == NOVEMBER and stored.meta.as_of_source == AS_OF_ACTIVITIES
    assert stored.meta.package_as_of == package_date and stored.meta.baseline_date == package_date
    latest, first = store.list_versions(url)  # the history's "Số liệu đến ngày", and what set it
    assert (latest.as_of, latest.as_of_source) == (NOVEMBER, AS_OF_ACTIVITIES)
    assert (first.as_of, first.as_of_source) == (package_date, AS_OF_PACKAGE)
    again = services.import_dry_run([_report(tmp_path, *NOVEMBER_ROWS)], url)
    assert again.ok and not again.has_changes and again.changes["activities"].duplicates == 2
    assert again.as_of == NOVEMBER and not again.as_of_moved
    assert again.outcome_counts()["duplicate"] == 2 and all(r.skipped for r in again.rows)
    assert services.import_commit(again, url) is None


def test_an_earlier_report_keeps_the_data_date_and_its_source(tmp_path, url, demo_dataset):
    inside = f"{demo_dataset.meta.as_of - timedelta(days=1):%Y-%m-%d},YV-103-01,03156-01,meeting,31,1"
    plan = services.import_dry_run([_report(tmp_path, inside)], url)
    assert plan.ok and plan.changes["activities"].added == 1
    assert (plan.as_of, plan.as_of_source, plan.as_of_moved) == (demo_dataset.meta.as_of, AS_OF_PACKAGE, False)


def test_a_district_lead_imports_the_november_report_from_the_command_line(tmp_path, url, capsys):
    path = _report(tmp_path, *NOVEMBER_ROWS)
    assert main(["import", path, "--db", url, "--as", "lan"]) == 0
    out = capsys.readouterr().out
    assert "Số liệu đến ngày 14/11/2025" in out and "hoạt động mới nhất" in out
    assert store.current_version_id(url) == 2 and store.load_dataset(url=url).meta.as_of == NOVEMBER
    assert main(["import", path, "--db", url, "--as", "lan"]) == 0
    assert store.current_version_id(url) == 2  # the same report again: no new version


def test_a_date_still_to_come_in_vietnam_is_refused_with_a_clear_message(tmp_path, url, capsys):
    tomorrow = province_today() + timedelta(days=1)
    row = f"{tomorrow:%d/%m/%Y},YV-103-01,03156-01,meeting,30,2"
    path = _report(tmp_path, NOVEMBER_ROWS[0], row, name="bao_cao.csv")
    assert main(["import", path, "--db", url, "--as", "lan", "--lang", "en"]) == 1
    out = capsys.readouterr().out
    assert "bao_cao.csv" in out and f"{tomorrow:%d/%m/%Y}" in out
    assert f"after today ({province_today():%d/%m/%Y}, Vietnam time)" in out
    assert store.current_version_id(url) == 1  # nothing imported, the November row neither
    plan = services.import_dry_run([path], url)
    (error,) = [p for p in plan.problems if p.is_error]
    assert (error.row, error.column, error.code) == (3, "date", "date_in_future")
    assert "sau hôm nay" in error.message("vi")


def test_a_kobo_export_of_november_imports_and_moves_the_data_date(tmp_path, url):
    path = kobo_exports.write(tmp_path, "values_groups.xlsx", kobo_exports.NOVEMBER)
    plan = services.import_dry_run([path], url)
    assert plan.ok, [p.message("en") for p in plan.problems if p.is_error]
    newest = max(v.day for v in kobo_exports.NOVEMBER if v.status != kobo_exports.NOT_APPROVED)
    assert plan.as_of == newest and plan.as_of_source == AS_OF_ACTIVITIES
    assert services.import_commit(plan, url) == 2
    assert store.load_dataset(url=url).meta.as_of == newest
    again = services.import_dry_run([path], url)
    assert again.ok and not again.has_changes


def test_pages_follow_the_new_date_but_the_villages_baseline_keeps_the_packages(tmp_path, url, demo_dataset):
    """The last 30 days, the period and the data date follow the newest report; the e-ID level 2 still to
    reach subtracts every activation reported after the villages' baseline (the package's date)."""
    plan = services.import_dry_run([_report(tmp_path, *NOVEMBER_ROWS)], url)
    services.import_commit(plan, url)
    stored = store.load_dataset(url=url)
    figures = kpis.summary(stored)
    assert figures["as_of"] == NOVEMBER.isoformat()
    assert figures["activities_last_30_days"] == 2  # only November's visits are within 30 days of it
    assert data_period(stored)[1] == NOVEMBER
    before = scoring.remaining_citizens(demo_dataset)
    after = scoring.remaining_citizens(stored)
    for village, activated in (("03156-01", 2), ("03156-02", 5)):
        expected = max(0, before[village] - activated)
        assert after[village] == expected, village
    unchanged = [v for v in before.index if v not in ("03156-01", "03156-02")]
    pd.testing.assert_series_equal(after[unchanged], before[unchanged])


def test_a_district_lead_imports_a_kobo_export_of_november_from_the_command_line(tmp_path, url, demo_dataset, capsys):
    path = str(kobo_exports.write(tmp_path, "labels_plain.csv", kobo_exports.WITH_DUPLICATE, demo_dataset))
    assert main(["import", path, "--db", url, "--as", "lan"]) == 0
    out = capsys.readouterr().out
    newest = max(v.day for v in kobo_exports.NOVEMBER if v.status != kobo_exports.NOT_APPROVED)
    assert f"Số liệu đến ngày {newest:%d/%m/%Y}" in out
    stored = store.load_dataset(url=url)
    assert len(stored.activities) == len(demo_dataset.activities) + 2  # the duplicate once, the rejected not
    assert main(["import", path, "--db", url, "--as", "lan"]) == 0
    assert store.current_version_id(url) == 2


def test_a_report_by_names_shows_each_row_under_its_own_headers_once(tmp_path, url, demo_dataset):
    team = demo_dataset.teams.set_index("team_id").at["YV-103-01", "team_name"]
    village = demo_dataset.villages.set_index("village_id").at["03156-01", "village_name"]
    path = tmp_path / "bao_cao_theo_ten.csv"
    header = "STT,Ngày,Tổ/đội,Mã xã,Thôn/bản,Hình thức,Số người tham dự"
    path.write_text(f"{header}\n1,14/11/2025,{team},03156,{village},Họp thôn/bản,14\n", encoding="utf-8")
    plan = services.import_dry_run([path], url)
    assert plan.ok, [p.message("en") for p in plan.problems if p.is_error]
    (row,) = plan.rows  # its cells under the file's headers, once each, in the contract's order (STT is layout)
    assert (row.file, row.row, row.outcome) == ("bao_cao_theo_ten.csv", 2, "new")
    assert row.cells == (
        ("Ngày", "14/11/2025"),
        ("Tổ/đội", team),
        ("Thôn/bản", village),
        ("Mã xã", "03156"),
        ("Hình thức", "Họp thôn/bản"),
        ("Số người tham dự", "14"),
    )
