"""Submissions of the activity XLSForm exported by KoboToolbox (XLSX or CSV) or ODK Central (CSV).

Both exports name each column after its question, behind the path of the groups it sits in (`visit/date` at
Kobo, `visit-date` at ODK Central), and add the platform's bookkeeping columns. A file recognised as such an
export is rewritten, before it is read as the activities table, to what a typed report looks like: question
names only, the bookkeeping left out, the submission's instance id (`uuid:…`, the same on both platforms)
kept as `instance_id`, and the submissions a reviewer rejected taken out (and counted).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from core.ingest.parsing import cell_text, fold
from core.ingest.validation import WARNING, Problem, problem
from core.model.schema import INSTANCE_ID

KOBO = "kobo"
ODK = "odk"

# columns only the platform writes: a header row with these is an export, not a report typed by hand
_KOBO_MARKS = frozenset({"_uuid", "_submission_time", "_validation_status", "_submitted_by", "__version__"})
_ODK_MARKS = frozenset({"SubmissionDate", "ReviewState", "SubmitterID", "AttachmentsExpected", "FormVersion"})
_KOBO_BOOKKEEPING = frozenset(
    {"_id", "_uuid", "_submission_time", "_validation_status", "_index", "_status", "_submitted_by"}
    | {"__version__", "_tags", "_notes", "_parent_index", "_parent_table_name", "_attachments", "_geolocation"}
)
_ODK_BOOKKEEPING = frozenset(
    {"SubmissionDate", "KEY", "ReviewState", "SubmitterID", "SubmitterName", "AttachmentsPresent"}
    | {"AttachmentsExpected", "Status", "DeviceID", "Edits", "FormVersion"}
)
_TIMESTAMPS = frozenset({"start", "end", "today", "deviceid", "instanceName", "deprecatedID"})  # form metadata
_SEPARATOR = {KOBO: "/", ODK: "-"}
_STATUS_COLUMN = {KOBO: "_validation_status", ODK: "ReviewState"}
# Kobo writes the status uid, or its label when exported with labels
_REJECTED = {KOBO: {fold("validation_status_not_approved"), fold("Not Approved")}, ODK: {fold("rejected")}}
_HEADER_ROWS = 5  # exports put the header on the first row; a title row or two above it is tolerated


@dataclass(frozen=True)
class Submissions:
    """What was done to an export: its platform and the file rows (1-based) of the rejected submissions."""

    platform: str
    rejected_rows: tuple[int, ...]


def recognise(grid: list[list[Any]]) -> tuple[int, str] | None:
    """(header row index, platform) when the grid is a Kobo or ODK Central export, else None."""
    for r, row in enumerate(grid[:_HEADER_ROWS]):
        texts = {cell_text(c) for c in row}
        if len(texts & _KOBO_MARKS) >= 2:
            return r, KOBO
        if len(texts & _ODK_MARKS) >= 2:
            return r, ODK
    return None


def normalise(grid: list[list[Any]]) -> tuple[list[list[Any]], Submissions | None]:
    """The grid as a plain activities table when it is an export (unchanged otherwise)."""
    found = recognise(grid)
    if found is None:
        return grid, None
    r, platform = found
    header = [cell_text(c) for c in grid[r]]
    keep = _kept_columns(header, platform)
    status = header.index(_STATUS_COLUMN[platform]) if _STATUS_COLUMN[platform] in header else None
    rejected = _REJECTED[platform]
    out: list[list[Any]] = [[name for _, name in keep]]
    rejected_rows: list[int] = []
    for i in range(r + 1, len(grid)):
        row = grid[i]
        if status is not None and status < len(row) and fold(cell_text(row[status])) in rejected:
            rejected_rows.append(i + 1)
            continue
        out.append([row[j] if j < len(row) else None for j, _ in keep])
    return out, Submissions(platform, tuple(rejected_rows))


def rejected_warning(file: str, rows: tuple[int, ...], limit: int = 10) -> Problem:
    """Submissions a reviewer rejected are not data: left out, and said so with their rows."""
    listed = ", ".join(str(r) for r in rows[:limit]) + (" …" if len(rows) > limit else "")
    return problem(file, rows[0], "", "", "submissions_rejected", WARNING, n=len(rows), rows=listed)


def _kept_columns(header: list[str], platform: str) -> list[tuple[int, str]]:
    """(grid column, name) of the columns to read: questions by their own name, and the instance id."""
    bookkeeping = _KOBO_BOOKKEEPING if platform == KOBO else _ODK_BOOKKEEPING
    names = [_question_name(h, platform) for h in header]
    has_instance = "instanceID" in names
    keep: list[tuple[int, str]] = []
    for j, (written, name) in enumerate(zip(header, names, strict=True)):
        if written == "KEY" and not has_instance:
            keep.append((j, INSTANCE_ID))  # ODK Central's KEY is the instance id when meta is not exported
        elif name == "instanceID":
            keep.append((j, INSTANCE_ID))
        elif written and written not in bookkeeping and name not in _TIMESTAMPS and not _kobo_own(written, platform):
            keep.append((j, name))
    return keep


def _kobo_own(header: str, platform: str) -> bool:
    """Kobo names its own columns with a leading underscore (`_attachments`, `_geolocation`, …)."""
    return platform == KOBO and header.startswith("_")


def _question_name(header: str, platform: str) -> str:
    """`visit/date` → `date` (Kobo), `visit-date` → `date` (ODK Central); the contract's names hold neither."""
    return header.rsplit(_SEPARATOR[platform], 1)[-1] if header else header
