"""Submissions of the activity XLSForm exported by KoboToolbox (XLSX or CSV) or ODK Central (CSV).

Both exports name each column after its question, behind the path of the groups it sits in (`visit/date` at
Kobo, `visit-date` at ODK Central), and add the platform's bookkeeping columns. A file recognised as such an
export is rewritten, before it is read as the activities table, to what a typed report looks like: question
names only, the bookkeeping left out, the submissions a reviewer rejected taken out (and counted), and each
submission's identity kept:
- `instance_id`: the id of this version of the submission, written `uuid:…` whatever the platform wrote.
  KoboToolbox exports it as `_uuid` (no `uuid:` prefix; a new one at every edit made on the server) and, in
  older exports or when the form's meta is exported, as `meta/instanceID`; ODK Central as `meta-instanceID`,
  else only as `KEY`. The same submission exported by both platforms has the same id.
- `root_id`: the id of its first version, kept across edits: Kobo's `meta/rootUuid` (formpack's copy field,
  with or without the prefix), ODK Central's `KEY` (the submission's own id; its current version's id is
  `meta-instanceID`). A version whose root is not its own id is an edit that replaces the stored versions of
  the same root (`supersede`).
- `submitted_at`: when the server received it (Kobo `_submission_time`, ODK `SubmissionDate`), which orders two
  versions of one submission found in the same file; it is not stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from core.ingest.parsing import cell_text, fold
from core.ingest.validation import WARNING, Problem, problem
from core.model.schema import ACTIVITY_KIND, INSTANCE_ID, OUTCOMES

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
_TIMESTAMPS = frozenset({"start", "end", "today", "deviceid", "instanceName"})  # form metadata
# an edited submission gets a new instance id and names the one it replaces here (ODK `meta/deprecatedID`); kept,
# as every instance id it replaced (space-separated), so an older version imported later is known as such
DEPRECATED_ID = "deprecated_id"
ROOT_ID = "root_id"  # the first version's instance id: the same for every edit of one submission
SUBMITTED_AT = "submitted_at"  # when the server received the version (orders two versions in one file)
_UUID_PREFIX = "uuid:"
_ROOT_NAMES = frozenset({"rootUuid"})
_SUBMITTED_AT_COLUMN = {KOBO: "_submission_time", ODK: "SubmissionDate"}
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
    labels: bool = False  # exported with labels (Kobo's "Labels"): choices are names, read as by-name columns
    header: tuple[str, ...] = ()  # the export's header row, as written
    written: tuple[tuple[str, str], ...] = ()  # (question's column in the rewritten grid, its header in the export)
    rejected_cells: tuple[tuple[str, ...], ...] = ()  # each rejected row's cells as text, beside `rejected_rows`


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
    labels = platform == KOBO and any(_is_label(h) for h in header)
    if labels:
        keep = [(j, _LABEL_NAMES.get(name, name)) for j, name in keep]
    kind = next((j for j, name in keep if name == "kind"), None) if labels else None
    status = header.index(_STATUS_COLUMN[platform]) if _STATUS_COLUMN[platform] in header else None
    rejected = _REJECTED[platform]
    ids = _identity_columns(header, platform, keep)
    keep = [(j, name) for j, name in keep if name not in (INSTANCE_ID, ROOT_ID)]
    # rows keep their place (rows above the header and rejected rows become blank rows, which the reader
    # skips), so every row is named by the number Excel shows for it
    out: list[list[Any]] = [[] for _ in range(r)] + [[name for _, name in keep] + [name for name, _ in ids]]
    rejected_rows: list[int] = []
    rejected_cells: list[tuple[str, ...]] = []
    for i in range(r + 1, len(grid)):
        row = grid[i]
        if status is not None and status < len(row) and fold(cell_text(row[status])) in rejected:
            rejected_rows.append(i + 1)
            rejected_cells.append(tuple(cell_text(c) for c in row))
            out.append([])
            continue
        cells = [row[j] if j < len(row) else None for j, _ in keep]
        if kind is not None:
            cells = [_kind_value(c) if j == kind else c for (j, _), c in zip(keep, cells, strict=True)]
        out.append(cells + [read(row) for _, read in ids])
    written = tuple((name, header[j]) for j, name in keep)
    return out, Submissions(
        platform,
        tuple(rejected_rows),
        labels,
        header=tuple(header),
        written=written,
        rejected_cells=tuple(rejected_cells),
    )


def instance_key(value: Any) -> str | None:
    """A submission id as stored: `uuid:` and the id, whether the platform wrote the prefix or not."""
    text = cell_text(value).strip() if value is not None else ""
    if not text:
        return None
    bare = text[len(_UUID_PREFIX) :] if text.lower().startswith(_UUID_PREFIX) else text
    return _UUID_PREFIX + bare.strip() if bare.strip() else None


def _identity_columns(header: list[str], platform: str, keep: list[tuple[int, str]]) -> list[tuple[str, Any]]:
    """(column, reader of a grid row) for `instance_id`, `root_id` and `submitted_at`, from whichever of the
    platform's columns the export has (see the module's docstring)."""

    def first(*candidates: int | None) -> int | None:
        return next((j for j in candidates if j is not None), None)

    def cell(j: int | None):
        return lambda row: instance_key(row[j]) if j is not None and j < len(row) else None

    instance = next((j for j, name in keep if name == INSTANCE_ID), None)
    kept_root = next((j for j, name in keep if name == ROOT_ID), None)
    if platform == KOBO:
        instance = first(instance, _index(header, "_uuid"))
        root = first(kept_root, next((j for j, h in enumerate(header) if _last(h, "/") in _ROOT_NAMES), None))
    else:
        key = _index(header, "KEY")
        root = key if instance is not None and instance != key else None
        instance = first(instance, key)
    out: list[tuple[str, Any]] = []
    if instance is not None:
        out.append((INSTANCE_ID, cell(instance)))
    if root is not None:
        out.append((ROOT_ID, cell(root)))
    stamp = _index(header, _SUBMITTED_AT_COLUMN[platform])
    if stamp is not None and (instance is not None or root is not None):
        out.append((SUBMITTED_AT, lambda row: _stamp(row[stamp]) if stamp < len(row) else None))
    return out


def _index(header: list[str], name: str) -> int | None:
    return header.index(name) if name in header else None


def _last(header: str, separator: str) -> str:
    return header.rsplit(separator, 1)[-1]


def _stamp(value: Any) -> str | None:
    """A submission time as sortable text (ISO): a date cell of an XLSX export or the text of a CSV one."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return cell_text(value).strip() or None


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
        elif name == "deprecatedID":
            keep.append((j, DEPRECATED_ID))
        elif platform == KOBO and _last(written, "/") in _ROOT_NAMES:
            keep.append((j, ROOT_ID))
        elif written and written not in bookkeeping and name not in _TIMESTAMPS and not _kobo_own(written, platform):
            keep.append((j, name))
    return keep


def _kobo_own(header: str, platform: str) -> bool:
    """Kobo names its own columns with a leading underscore (`_attachments`, `_geolocation`, …)."""
    return platform == KOBO and header.startswith("_")


def _question_name(header: str, platform: str) -> str:
    """`visit/date` → `date` (Kobo), `visit-date` → `date` (ODK Central); the contract's names hold neither.
    A Kobo export with labels has the questions' labels instead (`Ngày thực hiện`, `Kết quả/Số người tham dự`):
    those of the activity form, in either language, give the question's name."""
    if not header:
        return header
    if platform == KOBO:
        for text in (header, header.rsplit("/", 1)[-1]):
            if fold(text) in _BY_LABEL:
                return _BY_LABEL[fold(text)]
    return header.rsplit(_SEPARATOR[platform], 1)[-1]


def _form_labels() -> dict[str, str]:
    """Folded label (vi and en) of each question of the activity form → its name."""
    from core.i18n import LANGS, t

    keys = {
        "form_q_date": "date",
        "form_q_team": "team_id",
        "form_q_commune": "commune_code",
        "form_q_village": "village_id",
        "form_q_kind": "kind",
        "form_q_participants": "participants",
    } | {f"outcome_{name}": name for name in OUTCOMES}
    return {fold(t(key, lang)): name for key, name in keys.items() for lang in LANGS}


def _kind_labels() -> dict[str, str]:
    from core.i18n import LANGS, t

    return {fold(t(f"ind_kind_{kind}", lang)): kind for kind, _ in ACTIVITY_KIND for lang in LANGS}


def _is_label(header: str) -> bool:
    """A header that is one of the form's labels, not a question's name (`Tổ, đội thực hiện`, `Team`)."""
    for text in (header, header.rsplit("/", 1)[-1]):
        key = fold(text)
        if key in _BY_LABEL and key != fold(_BY_LABEL[key]):
            return True
    return False


def _kind_value(cell: Any) -> Any:
    """A kind exported as its label (`Hướng dẫn tập trung`, `Group session`) → its name (`session`)."""
    return _KIND_BY_LABEL.get(fold(cell_text(cell)), cell)


_BY_LABEL = _form_labels()
_KIND_BY_LABEL = _kind_labels()
# with labels, the team, commune and village cells hold the choices' labels: their names
_LABEL_NAMES = {"team_id": "team_name", "village_id": "village_name", "commune_code": "commune_name"}


# --- edited submissions ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Edits:
    """Activities after edited submissions are settled: `base` without the stored versions an incoming edit
    replaces, `rows` the incoming rows to add (positions `kept` of the file's rows); `replacing` are the file
    rows that replace a version, `superseded` the file rows a newer version (in the file or stored) replaces."""

    base: pd.DataFrame
    rows: pd.DataFrame
    kept: tuple[int, ...]
    replacing: tuple[int, ...] = ()
    superseded: tuple[int, ...] = ()


def _ids(value: Any) -> set[str]:
    return set() if value is None or pd.isna(value) else set(str(value).split())


def _column(frame: pd.DataFrame, name: str) -> list[Any]:
    return list(frame[name]) if name in frame.columns else [None] * len(frame)


def supersede(base: pd.DataFrame, rows: pd.DataFrame) -> Edits:
    """The newer version of an edited submission wins, whichever order the versions arrive in: an incoming
    edit removes the stored version it replaces (and carries that version's own history on), and an incoming
    version that a stored or incoming edit replaced is left out. Nothing is counted twice.

    An edit names what it replaces by its history (ODK `meta/deprecatedID`) or by its root (Kobo
    `meta/rootUuid`, ODK Central `KEY`): versions of one root in the same file keep the one received last
    (`submitted_at`, else the later row), and that one replaces the stored versions of its root unless a
    stored version already replaced it (then it is left out). Between imports, the later import wins."""
    everything = range(len(rows))
    rooted = ROOT_ID in rows.columns
    if DEPRECATED_ID not in rows.columns and DEPRECATED_ID not in base.columns and not rooted:
        return Edits(base, rows, tuple(everything))
    instance = [None if v is None or pd.isna(v) else str(v) for v in _column(rows, INSTANCE_ID)]
    history = [_ids(v) for v in _column(rows, DEPRECATED_ID)]
    stored_history = {
        str(i): _ids(d)
        for i, d in zip(_column(base, INSTANCE_ID), _column(base, DEPRECATED_ID), strict=True)
        if i is not None and not pd.isna(i)
    }
    if rooted:
        _by_root(rows, base, instance, history, stored_history)
    _follow(history, instance, stored_history)
    replaced_in_file = set().union(*history) if history else set()
    replaced_in_store = set().union(*stored_history.values()) if stored_history else set()
    superseded = [i for i in everything if instance[i] and instance[i] in replaced_in_file | replaced_in_store]
    kept = [i for i in everything if i not in set(superseded)]
    replacing = [i for i in kept if history[i] and history[i] & (set(stored_history) | set(instance))]
    drop = [j for j, v in enumerate(_column(base, INSTANCE_ID)) if v is not None and not pd.isna(v)]
    drop = [j for j in drop if str(base[INSTANCE_ID].iat[j]) in replaced_in_file]
    new_base = base.drop(index=base.index[drop]).reset_index(drop=True) if drop else base
    out = rows.iloc[kept].reset_index(drop=True).copy()
    if DEPRECATED_ID in out.columns or any(history):
        out[DEPRECATED_ID] = pd.Series([" ".join(sorted(history[i])) or None for i in kept], dtype="str")
    out = out.drop(columns=[SUBMITTED_AT], errors="ignore")
    return Edits(new_base, out, tuple(kept), tuple(replacing), tuple(superseded))


def _by_root(
    rows: pd.DataFrame,
    base: pd.DataFrame,
    instance: list[str | None],
    history: list[set[str]],
    stored_history: dict[str, set[str]],
) -> None:
    """Histories (in place) from roots: the newest version of each root in the file names the root itself and
    every other version of it, in the file and stored, as replaced."""
    roots = [None if v is None or pd.isna(v) else str(v) for v in _column(rows, ROOT_ID)]
    stamps = [None if v is None or pd.isna(v) else str(v) for v in _column(rows, SUBMITTED_AT)]
    stored_by_root: dict[str, set[str]] = {}
    for i, r in zip(_column(base, INSTANCE_ID), _column(base, ROOT_ID), strict=True):
        if i is not None and not pd.isna(i):
            stored_by_root.setdefault(str(r) if r is not None and not pd.isna(r) else str(i), set()).add(str(i))
    replaced_in_store = set().union(*stored_history.values()) if stored_history else set()
    groups: dict[str, list[int]] = {}
    for k, root in enumerate(roots):
        if root and instance[k]:
            groups.setdefault(root, []).append(k)
    for root, members in groups.items():
        # the newest version: received last, else the later row (a version keeps its first row's place)
        newest = max(members, key=lambda k: (stamps[k] or "", k))
        own = instance[newest]
        if own in replaced_in_store:
            continue  # a stored edit already replaced it: `supersede` leaves it out
        older = {instance[k] for k in members} | {root} | stored_by_root.get(root, set())
        history[newest] |= {x for x in older if x and x != own}


def _follow(history: list[set[str]], instance: list[str | None], stored: dict[str, set[str]]) -> None:
    """Each row's history grows by the histories of the versions it replaces (in the file or stored), until
    nothing changes: C replacing B replacing A names both B and A."""
    known = {i: h for i, h in stored.items()}
    known.update({x: history[k] for k, x in enumerate(instance) if x})
    changed = True
    while changed:
        changed = False
        for h in history:
            extra = set().union(*(known.get(x, set()) for x in h)) - h if h else set()
            if extra:
                h |= extra
                changed = True
