"""KoboToolbox exports as KoboToolbox writes them (tests/fixtures/kobo_exports.py: formpack's columns, no
`meta/instanceID`): a submission is known by `meta/rootUuid` (else `_uuid`), a submission received twice counts
once, an edit made on the server replaces its first version across imports, in XLSX and CSV, values and labels,
with and without group headers; ODK Central's edits (`KEY` and `meta-instanceID`) likewise."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from core.ingest import importer
from core.ingest.importer import DUPLICATE, NEW, REJECTED, REPLACES, SUPERSEDED
from core.storage import store
from tests.fixtures import kobo_exports as kobo

VARIANTS = (
    "values_groups.xlsx",
    "values_plain.xlsx",
    "values_groups.csv",
    "values_plain.csv",
    "labels_groups.xlsx",
    "labels_plain.xlsx",
    "labels_groups.csv",
    "typed_values_groups.xlsx",
    "typed_labels_plain.xlsx",
)


def _errors(plan) -> list[str]:
    return [p.message("en") for p in plan.problems if p.is_error]


def _added(plan, base):
    return plan.dataset.activities.iloc[len(base.activities) :].reset_index(drop=True)


@pytest.mark.parametrize("name", VARIANTS)
def test_every_kind_of_kobo_export_reads_the_submissions_and_their_identity(tmp_path, demo_dataset, name):
    path = kobo.write(tmp_path, name, kobo.WITH_DUPLICATE, demo_dataset)
    plan = importer.dry_run([path], demo_dataset, 1)
    assert plan.ok, _errors(plan)
    change = plan.changes["activities"]
    assert (change.added, change.duplicates) == (2, 1)  # the submission received twice counts once
    added = _added(plan, demo_dataset)
    assert list(added["village_id"]) == ["03156-01", "03156-02"]
    assert list(added["team_id"]) == ["YV-103-01"] * 2
    assert list(added["participants"]) == [30, 12]
    assert list(added["instance_id"]) == [f"uuid:{s.uuid}" for s in kobo.NOVEMBER[:2]]
    assert list(added["root_id"]) == [f"uuid:{s.root}" for s in kobo.NOVEMBER[:2]]
    for bookkeeping in ("_uuid", "rootUuid", "meta/rootUuid", "submitted_at", "_submission_time", "__version__"):
        assert bookkeeping not in plan.dataset.activities.columns
    outcomes = [(r.row, r.outcome) for r in plan.rows]
    assert outcomes == [(2, NEW), (3, NEW), (4, DUPLICATE), (5, REJECTED)]


def test_a_commune_code_kobo_wrote_as_a_number_gets_its_zero_back(tmp_path, demo_dataset):
    path = kobo.write(tmp_path, "typed_values_plain.xlsx", kobo.NOVEMBER, demo_dataset)
    import openpyxl

    sheet = openpyxl.load_workbook(path).active
    header = [c.value for c in sheet[1]]
    assert sheet.cell(2, header.index("commune_code") + 1).value == 3156  # as Kobo writes it
    plan = importer.dry_run([path], demo_dataset, 1)
    assert plan.ok, _errors(plan)
    assert list(_added(plan, demo_dataset)["village_id"]) == ["03156-01", "03156-02"]


def test_the_dry_run_shows_each_row_as_the_file_shows_it(tmp_path, demo_dataset):
    path = kobo.write(tmp_path, "values_groups.csv", kobo.WITH_DUPLICATE, demo_dataset)
    plan = importer.dry_run([path], demo_dataset, 1)
    first, _, duplicate, rejected = plan.rows
    cells = dict(first.cells)
    assert (first.file, cells["visit/date"], cells["visit/village_id"], cells["results/participants"]) == (
        "values_groups.csv",
        "2025-11-10",
        "03156-01",
        "30",
    )
    assert dict(duplicate.cells)["instance_id"] == f"uuid:{kobo.NOVEMBER[1].uuid}" and duplicate.skipped
    shown = dict(rejected.cells)  # left out before reading: its whole row under the export's own headers
    assert shown["_validation_status"] == kobo.NOT_APPROVED and shown["visit/village_id"] == "03156-03"
    assert plan.rows_by_outcome(NEW) == plan.rows[:2]


@pytest.fixture
def demo_url(tmp_path, demo_dataset, store_copies) -> str:
    """A SQLite store holding the demo as version 1 (committed once per session, then copied)."""
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    return store_copies("demo", url, lambda made: store.commit(demo_dataset, url=made))


def _import(url: str, path: Path):
    stored = store.load_dataset(url=url)
    plan = importer.dry_run([path], stored, store.current_version_id(url))
    assert plan.ok, _errors(plan)
    return plan, stored


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_an_edit_made_on_the_server_replaces_its_first_version_across_imports(tmp_path, demo_dataset, demo_url, suffix):
    url = demo_url
    first, _ = _import(url, kobo.write(tmp_path, f"values_groups_11{suffix}", kobo.NOVEMBER))
    assert importer.commit(first, url=url) == 2
    later, before = _import(url, kobo.write(tmp_path, f"values_groups_12{suffix}", kobo.DECEMBER))
    change = later.changes["activities"]
    assert (change.added, change.changed, change.removed, change.duplicates) == (1, 1, 0, 1)
    assert [(r.row, r.outcome) for r in later.rows] == [(2, REPLACES), (3, DUPLICATE), (4, REJECTED), (5, NEW)]
    assert importer.commit(later, url=url) == 3
    acts = store.load_dataset(url=url).activities
    assert len(acts) == len(demo_dataset.activities) + 3  # the edit took its first version's place
    edit = acts[acts["root_id"] == f"uuid:{kobo.EDITED_FIRST.root}"]
    assert list(edit["instance_id"]) == [f"uuid:{kobo.EDITED_FIRST.uuid}"]
    assert list(edit["participants"]) == [35] and list(edit["eid_level2"]) == [3]
    # the November export once more: its first version is older than the stored edit, the rest is stored
    again, _ = _import(url, kobo.write(tmp_path, f"values_plain_11{suffix}", kobo.NOVEMBER))
    assert not again.has_changes
    assert [(r.row, r.outcome) for r in again.rows] == [(2, SUPERSEDED), (3, DUPLICATE), (4, REJECTED)]
    same, _ = _import(url, kobo.write(tmp_path, f"labels_groups_12{suffix}", kobo.DECEMBER, demo_dataset))
    assert not same.has_changes


def test_two_versions_in_one_file_keep_the_one_received_last(tmp_path, demo_dataset):
    from dataclasses import replace
    from datetime import timedelta

    newer = replace(kobo.EDITED_FIRST, received=kobo.EDITED_FIRST.received + timedelta(days=20))
    path = kobo.write(tmp_path, "values_groups.csv", (newer, kobo.NOVEMBER[0]))  # the newer version first
    plan = importer.dry_run([path], demo_dataset, 1)
    assert plan.ok, _errors(plan)
    assert plan.changes["activities"].added == 1
    assert [(r.row, r.outcome) for r in plan.rows] == [(2, REPLACES), (3, SUPERSEDED)]  # the older, in the file
    assert list(_added(plan, demo_dataset)["participants"]) == [35]


ODK_HEADER = ["SubmissionDate", "date", "team_id", "village_id", "kind", "participants", "eid_level2"]
ODK_TAIL = ["meta-instanceID", "KEY", "SubmitterID", "SubmitterName", "AttachmentsPresent", "AttachmentsExpected"]
ODK_TAIL += ["Status", "ReviewState", "DeviceID", "Edits", "FormVersion"]
ODK_FIRST = "uuid:0b5e7f10-3c2d-4e8f-9a1b-2c3d4e5f6a70"
ODK_EDIT = "uuid:0b5e7f10-3c2d-4e8f-9a1b-2c3d4e5f6a71"


def _odk_csv(path: Path, instance: str, participants: int, edits: int) -> Path:
    """ODK Central's CSV: `KEY` is the submission's id (its first version's), `meta-instanceID` the current
    version's, `Edits` how many times it was edited."""
    row = ["2025-11-20T03:00:00.000Z", "2025-11-20", "YV-103-01", "03156-02", "meeting", str(participants), "2"]
    row += [instance, ODK_FIRST, "12", "Lò Thị Lan", "0", "0", "", "edited" if edits else "", "", str(edits), "3"]
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([ODK_HEADER + ODK_TAIL, row])
    return path


def test_an_odk_central_edit_replaces_its_first_version_and_reads_as_before(tmp_path, demo_dataset, demo_url):
    url = demo_url
    first, _ = _import(url, _odk_csv(tmp_path / "odk_11.csv", ODK_FIRST, 20, 0))
    assert first.changes["activities"].added == 1
    assert importer.commit(first, url=url) == 2
    stored = store.load_dataset(url=url).activities
    assert list(stored["instance_id"].dropna()) == [ODK_FIRST]
    edit, _ = _import(url, _odk_csv(tmp_path / "odk_12.csv", ODK_EDIT, 24, 1))
    assert (edit.changes["activities"].added, edit.changes["activities"].changed) == (0, 1)
    assert [(r.row, r.outcome) for r in edit.rows] == [(2, REPLACES)]
    assert importer.commit(edit, url=url) == 3
    acts = store.load_dataset(url=url).activities
    assert list(acts.loc[acts["instance_id"].notna(), "participants"]) == [24]
    old, _ = _import(url, _odk_csv(tmp_path / "odk_11_again.csv", ODK_FIRST, 20, 0))
    assert not old.has_changes and [(r.row, r.outcome) for r in old.rows] == [(2, SUPERSEDED)]


def test_every_rows_outcome_is_counted_and_the_first_rows_of_each_keep_their_cells(tmp_path, demo_dataset, monkeypatch):
    monkeypatch.setattr(importer, "CELLS_KEPT", 1)  # a report may hold millions of rows: cells of the first ones
    plan = importer.dry_run([kobo.write(tmp_path, "values_groups.csv", kobo.WITH_DUPLICATE)], demo_dataset, 1)
    assert plan.outcome_counts() == {NEW: 2, REPLACES: 0, DUPLICATE: 1, SUPERSEDED: 0, REJECTED: 1}
    first, second = plan.rows_by_outcome(NEW)
    assert (first.row, second.row) == (2, 3) and first.cells and second.cells == ()
    assert [r.row for r in plan.rows_by_outcome(None, limit=3)] == [2, 3, 4]


def test_a_problem_in_an_export_names_the_column_as_the_export_writes_it(tmp_path, demo_dataset):
    from dataclasses import replace
    from datetime import timedelta

    from core.ingest.validation import province_today

    future = replace(kobo.NOVEMBER[0], day=province_today() + timedelta(days=2))
    for name, column in (("values_groups.xlsx", "visit/date"), ("labels_groups.csv", "Chuyến thăm/Ngày thực hiện")):
        plan = importer.dry_run([kobo.write(tmp_path, name, (future, kobo.NOVEMBER[1]), demo_dataset)], demo_dataset, 1)
        (error,) = [p for p in plan.problems if p.is_error]
        assert (error.file, error.row, error.column, error.code) == (name, 2, column, "date_in_future")
        assert error.value.startswith(f"{future.day:%Y-%m-%d}")


def test_without_meta_root_uuid_a_submission_is_known_by_its_uuid(tmp_path, demo_dataset, demo_url):
    url = demo_url
    path = kobo.write(tmp_path, "values_groups_noroot.csv", kobo.WITH_DUPLICATE)
    assert "meta/rootUuid" not in path.read_text(encoding="utf-8")
    first, _ = _import(url, path)
    assert (first.changes["activities"].added, first.changes["activities"].duplicates) == (2, 1)
    assert importer.commit(first, url=url) == 2
    again, _ = _import(url, path)
    assert not again.has_changes and again.outcome_counts()[DUPLICATE] == 3


def test_a_title_row_above_the_export_keeps_the_row_numbers_excel_shows(tmp_path, demo_dataset):
    from tests.fixtures.packages import write_xlsx

    path = write_xlsx(tmp_path / "kobo_titled.xlsx", kobo.grid(kobo.NOVEMBER), above=[["Báo cáo tháng 11/2025"]])
    plan = importer.dry_run([path], demo_dataset, 1)
    assert plan.ok, _errors(plan)
    assert [(r.row, r.outcome) for r in plan.rows] == [(3, NEW), (4, NEW), (5, REJECTED)]
