"""Imports (dry run, then commit), restore and the version history: one path for the Data page and the CLI."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from core import config
from core.ingest import importer, reconcile
from core.ingest.validation import Problem
from core.model.dataset import Dataset
from core.model.filters import unit_names
from core.model.membership import isin
from core.model.scope import PROVINCE, Area, area_name, team_based_mask, unit_codes_in, villages_in
from core.storage import store, synonyms
from services import audit_trail
from services.source import DataVersion, load, package_version, store_version

Loader = Callable[[DataVersion], tuple[Dataset | None, list[Problem]]]


def import_base(url: str, package: str | Path | None = None) -> DataVersion:
    """The data an import lands on: the store's current version, else (an empty store) the package in use."""
    version_id = store.current_version_id(url)
    if version_id is not None:
        return store_version(url, version_id)
    return package_version(Path(package) if package else config.package_path())


def import_dry_run(
    paths: Sequence[str | Path],
    url: str,
    table: str | None = None,
    *,
    package: str | Path | None = None,
    progress: importer.Progress | None = None,
    loader: Loader = load,
    accept_suggestions: bool = False,
    area: Area = PROVINCE,
    actor: str | None = None,
) -> importer.ImportPlan:
    """What importing `paths` into the store at `url` would do. `loader` reads the base (the app passes its
    cached reader); a base that cannot be read gives a plan holding its problems, never a half import.
    The province's confirmed synonyms apply; `accept_suggestions` also applies one clear candidate for an
    unknown team, village or commune name. For an account's `area`, a row outside it is an error naming the
    row, and nothing is imported."""
    base = import_base(url, package)
    dataset, problems = loader(base)
    if dataset is None:
        plan = importer.ImportPlan(tuple(Path(p).name for p in paths), base.store_version, None, list(problems))
    else:
        options = reconcile.Options.of(synonyms.load(dataset.meta.province_code, url), accept_suggestions)
        plan = importer.dry_run(
            [Path(p) for p in paths],
            dataset,
            base.store_version,
            table,
            progress=progress,
            options=options,
            area=area,
        )
    if actor is not None:
        errors = sum(p.is_error for p in plan.problems)
        detail = {"files": list(plan.files), "errors": errors, "area": list(area.codes), "table": table}
        audit_trail.record(actor, "import_dry_run", detail, url)
    return plan


class SynonymOutsideArea(store.StoreError):
    """A confirmation naming a village, commune or team outside the account's area: nothing was kept. `code`
    (a key of core/locale/synonym_scope.py) and `params` describe the first such choice; `outside` lists
    every one as (field, value as written, target)."""

    def __init__(self, code: str, outside: list[tuple[str, str, str]], **params):
        super().__init__(code, **params)
        self.outside = outside


OUTSIDE_CODES = {
    "village": "synscope_village_outside",
    "commune": "synscope_commune_outside",
    "team": "synscope_team_outside",
}


def confirm_synonyms(
    url: str,
    province_code: str,
    choices: Mapping[tuple[str, str], str],
    actor: str | None = None,
    *,
    via: str = "data_page",
    version: int | None = None,
    area: Area | None = None,
    dataset: Dataset | None = None,
) -> int:
    """Keep a person's answers {(field, value as written): meaning} as the province's synonyms, for every later
    import; `actor` is who confirmed (None: "operator"). Recorded in the audit log (`synonyms_confirmed`, with
    `via`: the Data page's table, or `import` for suggestions accepted by an import that committed `version`).
    Returns how many were kept.

    A synonym is read by every district's imports, so for an account's `area` (None or the province: no
    limit) a village, commune or team chosen outside it refuses the whole confirmation (SynonymOutsideArea;
    nothing kept, nothing logged). `dataset` is the data the import lands on (the dry run's base; read here
    when not given). Category words (activity kinds) are not places and are never limited."""
    entries = [synonyms.Synonym(f, value, target) for (f, value), target in choices.items() if target]
    if area is not None and not area.province_wide and any(e.field in OUTSIDE_CODES for e in entries):
        if dataset is None:
            dataset, _ = load(import_base(url))
        _refuse_outside(entries, area, dataset)
    kept = synonyms.save(province_code, entries, actor, url)
    if kept:
        detail = {
            "province": province_code,
            "via": via,
            "synonyms": [{"field": e.field, "value": e.value, "target": e.target} for e in entries if e.value_key],
        }
        if version is not None:
            detail["version"] = version
        audit_trail.record(actor, "synonyms_confirmed", detail, url)
    return kept


def _refuse_outside(entries: list[synonyms.Synonym], area: Area, dataset: Dataset | None) -> None:
    """Raise SynonymOutsideArea when a place chosen lies outside the area (core.model.scope decides what is
    inside: its villages; its district and commune codes; the teams based in it or covering its villages)."""
    places = [e for e in entries if e.field in OUTSIDE_CODES]
    inside = _inside(area, dataset, {e.field for e in places}) if dataset is not None else {}
    outside = [(e.field, e.value, e.target) for e in places if e.target not in inside.get(e.field, ())]
    if not outside:
        return
    field, value, target = outside[0]
    where, label = ", ".join(area.codes), target
    if dataset is not None:
        where, label = area_name(area, dataset), _label(field, target, dataset)
    raise SynonymOutsideArea(OUTSIDE_CODES[field], outside, value=value, target=label, area=where, n=len(outside))


def _inside(area: Area, dataset: Dataset, fields: set[str]) -> dict[str, set[str]]:
    """{field: the ids or codes inside the area} for the place fields asked."""
    area_villages = villages_in(area, dataset)["village_id"]
    inside: dict[str, set[str]] = {"village": set(area_villages)}
    if "commune" in fields:
        inside["commune"] = unit_codes_in(area, dataset)
    if "team" in fields:
        teams, tv = dataset.teams, dataset.team_villages
        covering = tv.loc[isin(tv["village_id"], area_villages), "team_id"]
        inside["team"] = set(
            teams.loc[team_based_mask(area, teams, dataset) | isin(teams["team_id"], covering), "team_id"]
        )
    return inside


def _label(field: str, target: str, dataset: Dataset) -> str:
    """A target as the Data page's choices show it (name, the village's commune, id); the id alone when the
    data lacks it."""
    units = unit_names(dataset)
    if field == "commune":
        return f"{units[target]} ({target})" if target in units else target
    frame, id_col, name_col = (
        (dataset.villages, "village_id", "village_name")
        if field == "village"
        else (dataset.teams, "team_id", "team_name")
    )
    rows = frame[frame[id_col] == target]
    if rows.empty or not isinstance(rows[name_col].iloc[0], str):
        return target
    if field == "village" and (commune := rows["commune_code"].iloc[0]) in units:
        return f"{rows[name_col].iloc[0]} ({units[commune]}, {target})"
    return f"{rows[name_col].iloc[0]} ({target})"


def import_commit(
    plan: importer.ImportPlan, url: str, *, who: str = "", note: str = "", actor: str | None = None
) -> int | None:
    """Write a clean plan as a new version; None when it changes nothing. Raises store.StoreError
    (`store_changed` when another import committed since the dry run: dry-run again). With an `actor`, the
    commit is recorded in the audit log."""
    version = importer.commit(plan, who=who, note=note, url=url)
    if actor is not None:
        detail = {"files": list(plan.files), "version": version, "base_version": plan.base_version}
        audit_trail.record(actor, "import_commit", detail, url)
    return version


def restore(version_id: int, url: str, *, who: str = "", actor: str | None = None) -> int:
    """Make an old version current again (as a new version); returns the new version's id. With an `actor`,
    recorded in the audit log."""
    new = store.restore(int(version_id), who=who, url=url)
    if actor is not None:
        audit_trail.record(actor, "restore", {"restored": int(version_id), "version": new}, url)
    return new


def history(url: str) -> list[store.Version]:
    """Every version, newest first."""
    return store.list_versions(url)
