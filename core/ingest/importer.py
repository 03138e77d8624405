"""Imports: what a set of files would change in the current data (dry run), then an all-or-nothing commit.

Inputs are a whole package (folder or .zip with package.toml), single table files (CSV/XLSX, district
reports as they arrive, with team/village/commune names instead of ids), and boundary files (GeoJSON,
GeoPackage, zipped shapefile, any CRS). Single files merge into the current data:
- villages, teams, targets: rows are added or replaced by their key (columns the file lacks are kept);
- team_villages: the coverage of each team named in the file is replaced;
- activities: added, except rows already stored (a report imported twice adds nothing the second time); an
  edited phone submission replaces its earlier version (core.ingest.submissions); activities dated after the
  data's as_of move it on to the newest one's date;
- boundaries: replaced.
A package replaces everything.

`dry_run` and `commit` are the door; the inputs are read by core.ingest.inputs (team, village and commune names
matched to ids by core.ingest.names), what changed is measured by core.ingest.diff, and the plan a dry run
returns is core.ingest.plan's `ImportPlan`.
"""

from __future__ import annotations

import tempfile
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from core.ingest import reconcile, scope_check, submissions
from core.ingest.diff import KEYS, boundary_change, changed_villages, missing, paired_prints, row_keys, table_change
from core.ingest.inputs import Incoming, Progress, read_inputs
from core.ingest.names import Reconciling
from core.ingest.plan import (  # noqa: F401 - what a dry run returns, named here for its readers
    CELLS_KEPT,
    DUPLICATE,
    NEW,
    REJECTED,
    REPLACES,
    ROW_OUTCOMES,
    SUPERSEDED,
    FileRows,
    ImportPlan,
    RowOutcome,
    TableChange,
)
from core.ingest.validation import (
    WARNING,
    Context,
    Problem,
    SourceTable,
    check_references,
    has_errors,
    problem,
)
from core.model.dataset import Dataset
from core.model.schema import (
    ACTIVITIES,
    INSTANCE_ID,
    TABLES,
    TEXT_DTYPE,
    Kind,
    TableSpec,
)
from core.model.scope import PROVINCE, Area


def dry_run(
    paths: list[str | Path],
    base: Dataset,
    base_version: int | None,
    table: str | None = None,
    progress: Progress | None = None,
    options: reconcile.Options | None = None,
    area: Area = PROVINCE,
) -> ImportPlan:
    """What importing `paths` into `base` (the data in use, store version `base_version`) would do;
    `progress` hears of each file read and of the comparison (a province's package takes a while);
    `options` are the province's confirmed synonyms and whether name suggestions are applied. For an
    `area` smaller than the province, every row must lie inside it (core.ingest.scope_check)."""
    paths = [Path(p) for p in paths]
    files = tuple(p.name for p in paths)
    if table is not None and table not in TABLES:
        return ImportPlan(
            files, base_version, None, [problem("", None, "", table, "unknown_table", tables=", ".join(TABLES))]
        )
    incoming, rec = _read(paths, base, table, progress, options)
    problems = incoming.problems
    start = incoming.package or base
    problems += _check_against(incoming.tables, start) + _outside_area(incoming, start, area)
    unknowns = rec.found.items()
    if has_errors(problems):
        return ImportPlan(files, base_version, None, problems, unknowns=unknowns, province_code=base.meta.province_code)
    applied = _apply(start, incoming)
    result = applied.dataset
    if applied.newest is not None:  # reports dated after the data's as_of move it on
        result = replace(result, meta=result.meta.through(applied.newest))
    problems += applied.problems + scope_check.outside_changes(base, result, area, files)
    if has_errors(problems):
        return ImportPlan(files, base_version, None, problems, unknowns=unknowns, province_code=base.meta.province_code)
    changes, package_problems = _changes(base, result, applied, incoming)
    return ImportPlan(
        files,
        base_version,
        result,
        problems + package_problems,
        changes,
        changed_villages(base.villages, result.villages),
        replaced_package=incoming.package is not None,
        meta_changed=base.meta != result.meta,  # a package's package.toml, or the as_of moved on by activities
        unknowns=unknowns,
        province_code=base.meta.province_code,
        as_of_before=base.meta.as_of,
        row_files=tuple(applied.rows),
    )


def _read(
    paths: list[Path], base: Dataset, table: str | None, progress: Progress | None, options: reconcile.Options | None
) -> tuple[Incoming, Reconciling]:
    """The inputs read against `base` (zips unpacked in a folder deleted after), and the names they reconciled."""
    with tempfile.TemporaryDirectory(prefix="dxmap-import-") as tmp:
        rec = Reconciling(options or reconcile.Options())
        incoming = read_inputs(paths, base, table, Path(tmp), progress, rec)
    if progress is not None:
        progress("dry_run_comparing", {})
    return incoming, rec


def _outside_area(incoming: Incoming, start: Dataset, area: Area) -> list[Problem]:
    """For an area smaller than the province: a package or boundary file (they replace the whole province) and
    every row outside the area are refused (core.ingest.scope_check)."""
    whole = [incoming.package_file or ""] if incoming.package is not None else []
    whole += [incoming.boundary_file or ""] if incoming.boundaries is not None else []
    return scope_check.refused_whole(whole, area) + scope_check.outside_rows(incoming.tables, start, area)


def _changes(base: Dataset, result: Dataset, applied: _Applied, incoming: Incoming) -> tuple[dict, list[Problem]]:
    """Each table's change from `base` to `result`; a package also reshapes the tables it replaces whole and
    says what it replaces (the problems)."""
    changes = {
        name: table_change(name, getattr(base, name), getattr(result, name), applied.duplicates.get(name, 0))
        for name in TABLES
    }
    changes["activities"] = _as_replaced(changes["activities"], applied.replaced)
    changes["boundaries"] = boundary_change(base.boundaries, result.boundaries)
    if incoming.package is None:
        return changes, []
    problems = _package_replaces(base, result, incoming.package_file or "")
    return {name: _reshaped(c, getattr(base, name), getattr(result, name)) for name, c in changes.items()}, problems


def _as_replaced(change: TableChange, replaced: int) -> TableChange:
    """Activities an edit replaced count as changed, not as one added and one removed."""
    both = min(replaced, change.added, change.removed)
    if not both:
        return change
    return replace(change, added=change.added - both, changed=change.changed + both, removed=change.removed - both)


def _reshaped(change: TableChange, before: Any, after: Any) -> TableChange:
    """A table a package replaces is unchanged only when it is the same frame: same columns (extra ones
    included), same order of rows, same values; otherwise it is rewritten even if no row counts as changed."""
    if change.any or change.table == "boundaries":
        return change
    same = list(before.columns) == list(after.columns) and before.reset_index(drop=True).equals(
        after.reset_index(drop=True)
    )
    return change if same else replace(change, reshaped=True)


def _package_replaces(base: Dataset, result: Dataset, file: str) -> list[Problem]:
    if base.meta.province_code != result.meta.province_code:
        return [
            problem(
                file,
                None,
                "province_code",
                result.meta.province_code,
                "other_province",
                WARNING,
                old=base.meta.province_name,
                new=result.meta.province_name,
            )
        ]
    return []


def _check_against(tables: list[SourceTable], data: Dataset) -> list[Problem]:
    """Reference checks of incoming tables against the data they land on (and each other)."""
    ctx = Context(
        as_of=data.meta.as_of,
        admin_system=data.meta.admin_system,
        province_code=data.meta.province_code,
        units=data.units if not data.units.empty else None,
        crosswalk=data.crosswalk,
    )
    out: list[Problem] = []
    teams = set(data.teams["team_id"].dropna())
    villages = set(data.villages["village_id"].dropna())
    for source in tables:
        if source.spec.name == "teams":
            teams |= set(source.frame["team_id"].dropna())
        if source.spec.name == "villages":
            villages |= set(source.frame["village_id"].dropna())
    for source in tables:
        out += check_references({source.spec.name: source}, ctx)
        if source.spec.name in ("team_villages", "activities"):
            for column, known, code in (
                ("team_id", teams, "unknown_team"),
                ("village_id", villages, "unknown_village"),
            ):
                out += [
                    source.at(i, column, code)
                    for i, v in enumerate(source.frame[column])
                    if pd.notna(v) and v not in known
                ]
    return out


@dataclass
class _Applied:
    """What applying the incoming tables did: the data after, warnings, duplicates per table, the activity
    rows' outcomes, the edits that replaced a version, and the newest date of the activities added."""

    dataset: Dataset
    problems: list[Problem]
    duplicates: dict[str, int]
    rows: list[FileRows]
    replaced: int = 0
    newest: date | None = None


def _apply(start: Dataset, incoming: Incoming) -> _Applied:
    frames = {name: getattr(start, name) for name in TABLES}
    problems: list[Problem] = []
    duplicates: Counter[str] = Counter()
    outcomes: list[FileRows] = list(incoming.rejected)
    replaced, newest = 0, None
    for source in incoming.tables:
        name = source.spec.name
        present = incoming.present.get(id(source), set(source.frame.columns))
        if name in KEYS:
            frames[name] = upsert(frames[name], source.frame, KEYS[name], present, TABLES[name])
        elif name == "team_villages":
            frames[name] = replace_coverage(frames[name], source.frame)
        elif name == "activities":
            edits = submissions.supersede(frames[name], source.frame)
            problems += _edit_warnings(source, edits)
            frames[name], dup_rows = add_activities(edits.base, edits.rows)
            duplicates[name] += len(dup_rows)
            outcomes.append(_row_outcomes(source, edits, dup_rows))
            added = edits.rows.drop(index=edits.rows.index[dup_rows]) if dup_rows else edits.rows
            replaced += len(set(edits.replacing) - {edits.kept[i] for i in dup_rows})
            dates = added["date"].dropna() if "date" in added.columns else []
            if len(dates):
                newest = max(newest or date.min, pd.Timestamp(dates.max()).date())
            if dup_rows:
                rows = [source.rows[edits.kept[i]] for i in dup_rows]
                problems.append(
                    problem(
                        source.file, rows[0], "", "", "duplicate_activities", WARNING, n=len(rows), rows=_row_list(rows)
                    )
                )
    boundaries = incoming.boundaries if incoming.boundaries is not None else start.boundaries
    result = replace(start, boundaries=boundaries, **frames)
    return _Applied(result, problems, dict(duplicates), outcomes, replaced, newest)


def _row_outcomes(source: SourceTable, edits: submissions.Edits, dup_rows: list[int]) -> FileRows:
    """Each row of an activities table: new, replacing an earlier version, duplicate, or superseded."""
    outcomes = np.full(len(source.frame), NEW, dtype=object)
    outcomes[list(edits.replacing)] = REPLACES
    outcomes[[edits.kept[i] for i in dup_rows]] = DUPLICATE
    outcomes[list(edits.superseded)] = SUPERSEDED
    raw = source.raw if source.raw is not None else source.frame
    # the file's own columns, once each (a by-name report's team and village ids are read from its name columns)
    shown: dict[str, str] = {}
    for column in raw.columns:
        if column in source.headers and source.header(column) not in shown.values():
            shown[column] = source.header(column)
    headers = list(shown.values())

    def text(kept: list[int]) -> list[tuple[str, ...]]:
        part = raw.iloc[kept][list(shown)].astype(object)
        return [tuple("" if missing(v) else str(v) for v in row) for row in part.itertuples(index=False, name=None)]

    return FileRows.of(source.file, headers, source.rows, outcomes.tolist(), text, keep=CELLS_KEPT)


def _edit_warnings(source: SourceTable, edits: submissions.Edits) -> list[Problem]:
    """Edited phone submissions: the ones that replace an older version, the ones a newer version replaced."""
    out = []
    for code, positions in (("submissions_replaced", edits.replacing), ("submissions_superseded", edits.superseded)):
        if positions:
            rows = [source.rows[i] for i in positions]
            out.append(problem(source.file, rows[0], "", "", code, WARNING, n=len(rows), rows=_row_list(rows)))
    return out


def _row_list(rows: list[int], limit: int = 10) -> str:
    text = ", ".join(str(r) for r in rows[:limit])
    return text + (" …" if len(rows) > limit else "")


def _restore_dtypes(frame: pd.DataFrame, spec: TableSpec) -> pd.DataFrame:
    out = {}
    for c in frame.columns:
        if c in spec.names:
            column = spec.column(c)
            dtype = "datetime64[ns]" if column.kind == Kind.DATE else column.dtype
            out[c] = frame[c].astype(dtype)
        else:
            out[c] = frame[c].astype(TEXT_DTYPE)
    return pd.DataFrame(out).reset_index(drop=True)


def upsert(
    base: pd.DataFrame, rows: pd.DataFrame, key: tuple[str, ...], present: set[str], spec: TableSpec
) -> pd.DataFrame:
    """`base` with `rows` added or replacing the row of the same key in place; columns not in `present`
    (absent from the file) keep their stored values."""
    base_keys = row_keys(base, key)
    position = {k: i for i, k in enumerate(base_keys)}
    columns = list(base.columns) + [c for c in rows.columns if c not in base.columns and c in present | set(key)]
    merged = base.reindex(columns=columns).astype(object).to_numpy().tolist()
    for k, row in zip(row_keys(rows, key), rows.to_dict("records"), strict=True):
        if k in position:
            target = merged[position[k]]
            for j, c in enumerate(columns):
                if c in present and c in row:
                    target[j] = row[c]
        else:
            position[k] = len(merged)
            merged.append([row.get(c) if (c in present or c in key) else None for c in columns])
    frame = pd.DataFrame(merged, columns=columns) if merged else pd.DataFrame(columns=columns)
    return _restore_dtypes(frame, spec)


def replace_coverage(base: pd.DataFrame, rows: pd.DataFrame) -> pd.DataFrame:
    """Coverage with every team named in `rows` covering exactly the villages `rows` give it."""
    teams = set(rows["team_id"].dropna())
    kept = base[~base["team_id"].isin(teams)]
    new = rows.drop_duplicates(["team_id", "village_id"])
    frame = pd.concat([kept, new.reindex(columns=kept.columns)], ignore_index=True)
    return _restore_dtypes(frame, TABLES["team_villages"])


def _instance_ids(frame: pd.DataFrame) -> list[str | None]:
    if INSTANCE_ID not in frame.columns:
        return [None] * len(frame)
    return [None if pd.isna(v) or v == "" else str(v) for v in frame[INSTANCE_ID]]


def add_activities(base: pd.DataFrame, rows: pd.DataFrame) -> tuple[pd.DataFrame, list[int]]:
    """`base` plus the rows not already in it; returns the frame and the positions of duplicate rows.

    A row is a duplicate when every contract column equals a stored row's, counted as a multiset: a report
    that lists the same visit twice adds it twice the first time, and nothing the second time. A phone
    submission is a duplicate when its instance id is stored (or came earlier in the file): the same
    submission exported by KoboToolbox and by ODK Central, or edited on the server since, counts once.
    """
    base_prints, row_prints = paired_prints(base, rows)
    stored = Counter(base_prints)
    submitted = set(_instance_ids(base))
    keep, duplicates = [], []
    for i, (fp, instance) in enumerate(zip(row_prints, _instance_ids(rows), strict=True)):
        if instance is not None:  # a phone submission is the same visit whatever its answers say since
            if instance in submitted:
                duplicates.append(i)
            else:
                submitted.add(instance)
                keep.append(i)
        elif stored[fp] > 0:
            stored[fp] -= 1
            duplicates.append(i)
        else:
            keep.append(i)
    added = rows.iloc[keep].reindex(columns=list(base.columns) + [c for c in rows.columns if c not in base.columns])
    frame = pd.concat([base, added], ignore_index=True) if len(added) else base
    return _restore_dtypes(frame, ACTIVITIES), duplicates


# --- commit --------------------------------------------------------------------------------------------


def commit(plan: ImportPlan, who: str = "", note: str = "", url: str | None = None) -> int | None:
    """Write a clean plan as a new store version (one transaction); None when it changes nothing.

    Raises store.StoreError("store_changed") when another import committed since the dry run.
    """
    from core.storage import store

    if not plan.ok:
        raise ValueError("only a clean dry run can be committed")
    if not plan.has_changes and plan.base_version is not None:
        return None
    unchanged = plan.unchanged_tables if plan.base_version is not None else frozenset()
    return store.commit(
        plan.dataset, who=who, note=note, files=plan.files, base_version=plan.base_version, unchanged=unchanged, url=url
    )
