"""Phone submissions (KoboToolbox XLSX/CSV, ODK Central CSV exports of the activity XLSForm) go through the same
dry run and commit as any report: recognised from their headers, rejected submissions skipped and counted, and
each submission's instance id kept so that importing it again, from either platform, adds nothing."""

from __future__ import annotations

import csv
from datetime import date, datetime
from pathlib import Path

import pandas as pd

from core.ingest import importer
from core.storage import store
from tests.fixtures.packages import write_xlsx

UUIDS = (
    "uuid:5b1f2c4e-9a1d-4f7e-8c3b-2d6e1a0f9b11",
    "uuid:7c2e3d5f-0b2e-4a8f-9d4c-3e7f2b1a0c22",
    "uuid:9d3f4e6a-1c3f-4b9a-ae5d-4f8a3c2b1d33",
)
# (date, team, commune, village, kind, participants, vneid_installs, eid_level2) of the three visits
VISITS = (
    (date(2025, 6, 2), "CT-03124", "03124", "03124-01", "door_to_door", 14, 6, 3),
    (date(2025, 6, 3), "CT-03124", "03124", "03124-02", "meeting", 40, 12, 5),
    (date(2025, 6, 4), "CT-03124", "03124", "03124-03", "session", 25, 9, 4),
)
REJECTED = 2  # the third submission was rejected by the reviewer

KOBO_HEADER = [
    "start",
    "end",
    "visit/date",
    "visit/team_id",
    "visit/commune_code",
    "visit/village_id",
    "visit/kind",
    "results/participants",
    "results/vneid_installs",
    "results/eid_level2",
    "meta/instanceID",
    "_id",
    "_uuid",
    "_submission_time",
    "_validation_status",
    "_notes",
    "_status",
    "_submitted_by",
    "__version__",
    "_tags",
    "_index",
]
ODK_HEADER = [
    "SubmissionDate",
    "start",
    "end",
    "visit-date",
    "visit-team_id",
    "visit-commune_code",
    "visit-village_id",
    "visit-kind",
    "results-participants",
    "results-vneid_installs",
    "results-eid_level2",
    "meta-instanceID",
    "KEY",
    "SubmitterID",
    "SubmitterName",
    "AttachmentsPresent",
    "AttachmentsExpected",
    "Status",
    "ReviewState",
    "DeviceID",
    "Edits",
    "FormVersion",
]


def kobo_xlsx(path: Path) -> Path:
    rows = []
    for i, (day, team, commune, village, kind, people, vneid, eid2) in enumerate(VISITS):
        status = "validation_status_not_approved" if i == REJECTED else "validation_status_approved"
        stamp = datetime(day.year, day.month, day.day, 8, 30)
        rows.append(
            [
                stamp.isoformat() + ".000+07:00",
                stamp.replace(hour=9).isoformat() + ".000+07:00",
                day,
                team,
                commune,
                village,
                kind,
                people,
                vneid,
                eid2,
                UUIDS[i],
                418000 + i,
                UUIDS[i].removeprefix("uuid:"),
                stamp.replace(hour=10).isoformat(),
                status,
                "",
                "submitted_via_web",
                "ct03124",
                "vQ7xk2mN3pL",
                "",
                i + 1,
            ]
        )
    return write_xlsx(path, [KOBO_HEADER, *rows])


def odk_csv(path: Path) -> Path:
    rows = []
    for i, (day, team, commune, village, kind, people, vneid, eid2) in enumerate(VISITS):
        stamp = f"{day.isoformat()}T03:00:00.000Z"
        review = "rejected" if i == REJECTED else ("approved" if i == 0 else "")
        rows.append(
            [
                stamp,
                f"{day.isoformat()}T08:30:00.000+07:00",
                f"{day.isoformat()}T09:00:00.000+07:00",
                day.isoformat(),
                team,
                commune,
                village,
                kind,
                str(people),
                str(vneid),
                str(eid2),
                UUIDS[i],
                UUIDS[i],
                "12",
                "Tổ CNSCĐ Mường Phăng",
                "0",
                "0",
                "",
                review,
                "collect:Xy12AbCd",
                "0",
                "2025060101",
            ]
        )
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([ODK_HEADER, *rows])
    return path


def _skipped(plan) -> list:
    return [p for p in plan.problems if p.code == "submissions_rejected"]


def test_a_kobo_export_adds_the_accepted_submissions_and_counts_the_rejected_one(tmp_path, demo_dataset):
    plan = importer.dry_run([kobo_xlsx(tmp_path / "dxmap_activities_11_2025-06-05.xlsx")], demo_dataset, 1)
    assert plan.ok, [p.message("en") for p in plan.problems if p.is_error]
    assert plan.changes["activities"].added == 2
    (warning,) = _skipped(plan)
    assert not warning.is_error and dict(warning.params)["n"] == 1
    assert "1" in warning.message("vi") and "bị từ chối" in warning.message("vi")
    added = plan.dataset.activities.iloc[-2:]
    assert list(added["village_id"]) == ["03124-01", "03124-02"]
    assert list(added["kind"]) == ["door_to_door", "meeting"]
    assert list(added["participants"]) == [14, 40]
    assert list(added["instance_id"]) == list(UUIDS[:2])
    for bookkeeping in ("_id", "_uuid", "_submission_time", "_validation_status", "start", "end", "__version__"):
        assert bookkeeping not in plan.dataset.activities.columns


def test_an_odk_central_export_is_read_the_same_way(tmp_path, demo_dataset):
    plan = importer.dry_run([odk_csv(tmp_path / "dxmap_activities_11.csv")], demo_dataset, 1)
    assert plan.ok, [p.message("en") for p in plan.problems if p.is_error]
    assert plan.changes["activities"].added == 2
    (warning,) = _skipped(plan)
    assert dict(warning.params)["n"] == 1
    added = plan.dataset.activities.iloc[-2:]
    assert list(added["instance_id"]) == list(UUIDS[:2])
    assert list(added["eid_level2"]) == [3, 5]
    for bookkeeping in ("SubmissionDate", "KEY", "ReviewState", "SubmitterName", "DeviceID", "FormVersion"):
        assert bookkeeping not in plan.dataset.activities.columns


def _commit_then(first: Path, second: Path, demo_dataset, tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    store.commit(demo_dataset, url=url)
    plan = importer.dry_run([first], store.load_dataset(url=url), 1)
    assert importer.commit(plan, url=url) == 2
    stored = store.load_dataset(url=url)
    assert list(stored.activities["instance_id"].dropna()) == list(UUIDS[:2])  # kept through the store
    return importer.dry_run([second], stored, 2)


def test_the_same_submissions_exported_by_odk_after_kobo_add_nothing(tmp_path, demo_dataset):
    again = _commit_then(kobo_xlsx(tmp_path / "kobo.xlsx"), odk_csv(tmp_path / "odk.csv"), demo_dataset, tmp_path)
    assert again.ok and not again.has_changes
    assert again.changes["activities"].added == 0
    assert again.changes["activities"].duplicates == 2


def test_the_same_submissions_exported_by_kobo_after_odk_add_nothing(tmp_path, demo_dataset):
    again = _commit_then(odk_csv(tmp_path / "odk.csv"), kobo_xlsx(tmp_path / "kobo.xlsx"), demo_dataset, tmp_path)
    assert again.ok and not again.has_changes
    assert again.changes["activities"].duplicates == 2


def test_an_edited_answer_of_a_stored_submission_is_still_the_same_submission(tmp_path, demo_dataset):
    """De-duplication is on the instance id, not on the answers: a count corrected on the server later does
    not make the visit count twice."""
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    store.commit(demo_dataset, url=url)
    importer.commit(importer.dry_run([kobo_xlsx(tmp_path / "kobo.xlsx")], store.load_dataset(url=url), 1), url=url)
    path = odk_csv(tmp_path / "odk.csv")
    text = path.read_text(encoding="utf-8").replace(",door_to_door,14,", ",door_to_door,15,")
    path.write_text(text, encoding="utf-8")
    again = importer.dry_run([path], store.load_dataset(url=url), 2)
    assert again.changes["activities"].added == 0


def test_a_kobo_csv_export_with_semicolons_is_recognised(tmp_path, demo_dataset):
    frame = pd.read_excel(kobo_xlsx(tmp_path / "kobo.xlsx"), dtype=str, engine="openpyxl")
    frame["visit/date"] = frame["visit/date"].str.slice(0, 10)
    path = tmp_path / "kobo.csv"
    frame.to_csv(path, sep=";", index=False)
    plan = importer.dry_run([path], demo_dataset, 1)
    assert plan.ok, [p.message("en") for p in plan.problems if p.is_error]
    assert plan.changes["activities"].added == 2
    assert dict(_skipped(plan)[0].params)["n"] == 1


def test_a_plain_report_without_instance_ids_still_imports_as_before(tmp_path, demo_dataset):
    path = tmp_path / "activities.csv"
    path.write_text(
        "Ngày,Mã tổ,Mã thôn,Hình thức,Số người tham dự\n"
        "02/06/2025,CT-03124,03124-01,Đến từng hộ,14\n"
        "02/06/2025,CT-03124,03124-01,Đến từng hộ,14\n",
        encoding="utf-8",
    )
    first = importer.dry_run([path], demo_dataset, 1)
    assert first.ok and first.changes["activities"].added == 2  # the same visit listed twice counts twice
    assert not _skipped(first)
    assert first.dataset.activities["instance_id"].iloc[-2:].isna().all()
    second = importer.dry_run([path], first.dataset, 2)
    assert second.ok and not second.has_changes and second.changes["activities"].duplicates == 2


def test_validating_an_export_alone_reads_it_as_activities(tmp_path):
    from core.ingest.reader import read_table_file

    frame, problems = read_table_file(kobo_xlsx(tmp_path / "kobo.xlsx"))
    assert frame is not None, [p.message("en") for p in problems]
    assert list(frame["instance_id"]) == list(UUIDS[:2])
    assert [p.code for p in problems] == ["submissions_rejected"]


def test_the_activities_template_has_no_instance_id_column_to_type():
    from core.ingest.templates import template_workbook

    headers = [c.value for c in template_workbook("activities").active[1]]
    assert "Mã bản ghi" not in headers and "instance_id" not in headers and "Ngày" in headers
