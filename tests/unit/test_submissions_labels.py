"""Kobo exports with label headers (the export option "Labels": the form's question labels as headers and the
choices' labels as values), from the form `cli.py form activities` writes; and edited submissions (ODK
`meta/deprecatedID`): the newer version replaces the one it deprecates, whichever order they arrive in."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest

from cli.main import main
from core.config import DEMO_PACKAGE
from core.ingest import importer
from core.storage import store
from tests.fixtures.packages import write_xlsx

KOBO_TAIL = ["_id", "_uuid", "_submission_time", "_validation_status", "_notes", "_status", "_index"]
LANG_COLUMN = {"vi": "label::Tiếng Việt (vi)", "en": "label::English (en)"}
# (date, team, commune, village, kind, participants, eid_level2) by their codes in the demo package
VISITS = (
    ("2025-06-10", "CT-03166", "03166", "03166-01", "session", 31, 6),
    ("2025-06-11", "CT-03166", "03166", "03166-04", "door_to_door", 9, 4),
    ("2025-06-12", "CT-03166", "03166", "03166-08", "training", 18, 2),
)
UUID = "uuid:1a2b3c4d-0000-4000-8000-00000000000{}"


@pytest.fixture(scope="module")
def form(tmp_path_factory) -> dict:
    """The XLSForm our command writes for commune 03166: {question name: labels}, {(list, name): labels}."""
    out = tmp_path_factory.mktemp("form") / "form.xlsx"
    assert main(["form", "activities", "--package", str(DEMO_PACKAGE), "--commune", "03166", "-o", str(out)]) == 0
    book = openpyxl.load_workbook(out)
    survey = _records(book["survey"])
    choices = _records(book["choices"])
    return {
        "questions": {r["name"]: r for r in survey},
        "choices": {(r["list_name"], str(r["name"])): r for r in choices},
    }


def _records(sheet) -> list[dict]:
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]


def _label_export(form: dict, lang: str, group: str = "") -> list[list]:
    """A Kobo "Labels" export of the visits: headers and choices as the form labels them in `lang`."""
    col = LANG_COLUMN[lang]
    q = form["questions"]
    names = ["date", "team_id", "commune_code", "village_id", "kind", "participants", "eid_level2"]
    lists = {"team_id": "teams", "commune_code": "communes", "village_id": "villages", "kind": "kinds"}
    header = ["start", "end", *(group + q[n][col] for n in names), "meta/instanceID", *KOBO_TAIL]
    rows = []
    for i, visit in enumerate(VISITS):
        values = [
            form["choices"][(lists[n], str(v))][col] if n in lists else v for n, v in zip(names, visit, strict=True)
        ]
        stamp = f"{visit[0]}T08:00:00.000+07:00"
        status = "Not Approved" if i == 2 else "Approved"
        tail = [500 + i, UUID.format(i)[5:], f"{visit[0]}T10:00:00", status, "", "submitted_via_web", i + 1]
        rows.append([stamp, stamp, *values, UUID.format(i), *tail])
    return [header, *rows]


def _added(plan):
    return plan.dataset.activities.iloc[-plan.changes["activities"].added :]


def test_a_kobo_labels_xlsx_of_our_form_is_read_as_the_visits(tmp_path, demo_dataset, form):
    grid = _label_export(form, "vi", group="")
    assert grid[0][2:8] == ["Ngày thực hiện", "Tổ, đội thực hiện", "Xã", "Thôn, bản", "Hình thức", "Số người tham dự"]
    assert grid[1][3:7] == ["Tổ CNSCĐ Xã Chà Cang", "Xã Chà Cang", "Bản Phiêng Khoang", "Hướng dẫn tập trung"]
    plan = importer.dry_run([write_xlsx(tmp_path / "kobo_nhan.xlsx", grid)], demo_dataset, 1)
    assert plan.ok, [p.message("en") for p in plan.problems if p.is_error]
    added = _added(plan)
    assert list(added["village_id"]) == ["03166-01", "03166-04"]  # the third was not approved
    assert list(added["team_id"]) == ["CT-03166"] * 2
    assert list(added["kind"]) == ["session", "door_to_door"]
    assert list(added["participants"]) == [31, 9] and list(added["eid_level2"]) == [6, 4]
    assert list(added["instance_id"]) == [UUID.format(0), UUID.format(1)]
    assert [p.code for p in plan.problems] == ["submissions_rejected"]


def test_a_kobo_labels_csv_in_english_with_group_paths_is_read_the_same_way(tmp_path, demo_dataset, form):
    grid = _label_export(form, "en", group="Visit/")
    path = tmp_path / "kobo_labels.csv"
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f, delimiter=";").writerows(grid)  # Kobo's CSV separates with semicolons
    plan = importer.dry_run([path], demo_dataset, 1)
    assert plan.ok, [p.message("en") for p in plan.problems if p.is_error]
    assert list(_added(plan)["kind"]) == ["session", "door_to_door"]
    assert list(_added(plan)["village_id"]) == ["03166-01", "03166-04"]


def _xml_export(rows: list[tuple[int, str | None]]) -> list[list]:
    """A Kobo export (XML values) of visits by (index in VISITS, deprecated id), instance ids by index."""
    header = ["date", "team_id", "village_id", "kind", "participants", "meta/instanceID", "meta/deprecatedID"]
    grid = [[*header, *KOBO_TAIL[:4]]]
    for n, (visit, instance, deprecated) in enumerate(rows):
        day, team, _commune, village, kind, people, _eid = VISITS[visit]
        grid.append([day, team, village, kind, people + n, instance, deprecated or "", 9 + n, instance[5:], day, ""])
    return grid


def test_an_edited_submission_replaces_the_version_it_deprecates_in_any_order(tmp_path, demo_dataset):
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    store.commit(demo_dataset, url=url)
    start = len(demo_dataset.activities)
    a, b, c = (f"uuid:edit-{x}" for x in "abc")

    def load(name: str, rows):
        base = store.load_dataset(url=url)
        plan = importer.dry_run([write_xlsx(tmp_path / name, _xml_export(rows))], base, store.current_version_id(url))
        assert plan.ok, [p.message("en") for p in plan.problems if p.is_error]
        importer.commit(plan, url=url)
        return plan

    load("first.xlsx", [(0, a, None)])
    edited = load("edited.xlsx", [(0, b, a)])  # B edits A: A goes, B counts
    assert [p.code for p in edited.problems] == ["submissions_replaced"]
    stored = store.load_dataset(url=url).activities
    assert len(stored) == start + 1 and list(stored["instance_id"].dropna()) == [b]
    chain = load("chain.xlsx", [(0, c, b), (0, b, a)])  # C edits B, both in one export: only C
    assert {p.code for p in chain.problems} == {"submissions_replaced", "submissions_superseded"}
    stored = store.load_dataset(url=url).activities
    assert len(stored) == start + 1 and list(stored["instance_id"].dropna()) == [c]
    assert stored["participants"].iloc[-1] == VISITS[0][5]  # C's answers (first row of its file)
    late = importer.dry_run([write_xlsx(tmp_path / "old.xlsx", _xml_export([(0, a, None)]))], stored_ds(url), 4)
    assert late.ok and not late.has_changes  # A arriving late is known as replaced (via C's history)
    assert [p.code for p in late.problems] == ["submissions_superseded"]


def stored_ds(url: str):
    return store.load_dataset(url=url)


def test_an_odk_central_export_with_an_edit_counts_the_visit_once(tmp_path, demo_dataset):
    header = ["SubmissionDate", "date", "team_id", "village_id", "kind", "participants"]
    header += ["meta-instanceID", "meta-deprecatedID", "KEY", "ReviewState", "FormVersion"]
    rows = [
        ["2025-06-10T03:00:00Z", "2025-06-10", "CT-03166", "03166-01", "session", "20", "uuid:o1", "", "uuid:o1"],
        ["2025-06-11T03:00:00Z", "2025-06-10", "CT-03166", "03166-01", "session", "22", "uuid:o2", "uuid:o1"],
    ]
    rows[0] += ["", "1"]
    rows[1] += ["uuid:o2", "edited", "1"]
    path = tmp_path / "odk.csv"
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([header, *rows])
    plan = importer.dry_run([path], demo_dataset, 1)
    assert plan.ok, [p.message("en") for p in plan.problems if p.is_error]
    assert plan.changes["activities"].added == 1
    assert list(_added(plan)["participants"]) == [22]


def test_a_report_typed_by_hand_is_not_taken_for_a_label_export(tmp_path, demo_dataset):
    grid = [["Ngày thực hiện", "Mã tổ", "Mã thôn", "Hình thức", "Số người tham dự"]]
    grid.append(["10/06/2025", "CT-03166", "03166-01", "Tập huấn", "12"])
    plan = importer.dry_run([write_xlsx(Path(tmp_path) / "bao_cao.xlsx", grid)], demo_dataset, 1)
    assert plan.ok and plan.changes["activities"].added == 1
