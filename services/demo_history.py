"""A demo store with a history: four monthly versions of the demo province, an adopted plan for July 2025 and
that month's field reports, so the follow-up page and commands have something to show. Everything is synthetic
(the demo's own data, taken back in time by fixed rules) and the package stays labelled a demo.

The versions: the end of April and of May 2025 (the demo's reports up to that day; each village's level-2
baseline less the activations reported after it; a few villages still without signal or grid power and a few
team–village pairs not yet formed), then the demo itself (30/06/2025). Then the plan for July 2025 is adopted,
dated 01/07/2025 08:00 Vietnam time (`ADOPTED_AT`, not the time the store is built), and a fourth version
(31/07/2025) adds July reports (about three planned pairs in four visited, a few visits the plan did not name)
and a few villages that got signal or grid power, or a team, in July. The same choices every run (by village and
team ids, no random numbers).
"""

from __future__ import annotations

import hashlib
import os
import zlib
from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pandas as pd

from core.model.dataset import Dataset

MONTH_ENDS = (date(2025, 4, 30), date(2025, 5, 31))
PLAN_MONTH = "2025-07"
JULY_END = date(2025, 7, 31)
ADOPTED_AT = datetime(2025, 7, 1, 8, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))  # the July plan's adoption
WHO = "Ban chỉ đạo (minh họa)"  # who committed and adopted: a name, shown as it is in either language


def _pick(key: str, every: int) -> bool:
    """A fixed choice of about one key in `every` (CRC32 of the key: the same on every machine)."""
    return zlib.crc32(key.encode("utf-8")) % every == 0


def back_to(dataset: Dataset, day: date) -> Dataset:
    """The demo as it stood on `day` (before its as of): reports up to `day`, baselines less the level-2
    activations reported after it, villages that got signal or power and teams formed after it undone."""
    acts = dataset.activities
    later = acts[pd.to_datetime(acts["date"]) > pd.Timestamp(day)]
    after = pd.to_numeric(later["eid_level2"], errors="coerce").fillna(0).groupby(later["village_id"]).sum()
    v = dataset.villages.copy()
    baseline = pd.to_numeric(v["eid_level2_baseline"], errors="coerce")
    earlier = (baseline - v["village_id"].map(after).fillna(0)).clip(lower=0).round()
    v["eid_level2_baseline"] = earlier.astype(v["eid_level2_baseline"].dtype)
    months_back = (dataset.meta.as_of.year - day.year) * 12 + dataset.meta.as_of.month - day.month
    for vid_index, vid in v["village_id"].items():
        for step in range(months_back):
            if v.at[vid_index, "mobile_signal"] in ("3g", "4g") and _pick(f"signal:{step}:{vid}", 80):
                v.at[vid_index, "mobile_signal"] = "none"
            if v.at[vid_index, "grid_electricity"] == "yes" and _pick(f"power:{step}:{vid}", 100):
                v.at[vid_index, "grid_electricity"] = "no"
    tv = dataset.team_villages
    formed_later = [_pick(f"team:{months_back}:{t}:{w}", 25) for t, w in zip(tv["team_id"], tv["village_id"])]
    tv = tv[[not f for f in formed_later]].reset_index(drop=True)
    meta = replace(dataset.meta, as_of=day)
    return replace(
        dataset,
        meta=meta,
        villages=v,
        team_villages=tv,
        activities=acts[pd.to_datetime(acts["date"]) <= pd.Timestamp(day)].reset_index(drop=True),
    )


def july_reports(dataset: Dataset, plan_rows: pd.DataFrame) -> pd.DataFrame:
    """July reports: one visit for about three planned pairs in four (participants 80 % of the expected
    people, level-2 activations 10 % of them), and one visit the plan did not name for one team in ten."""
    rows = []
    for r in plan_rows.itertuples(index=False):
        if _pick(f"missed:{r.team_id}:{r.village_id}", 4):
            continue
        people = max(1, round(0.8 * int(r.expected_people)))
        day = 3 + zlib.crc32(f"{r.team_id}{r.village_id}".encode()) % 25
        rows.append((date(2025, 7, day), r.team_id, r.village_id, "session", people, round(0.1 * people)))
    planned = set(zip(plan_rows["team_id"], plan_rows["village_id"]))
    for t, w in zip(dataset.team_villages["team_id"], dataset.team_villages["village_id"]):
        if (t, w) not in planned and _pick(f"unplanned:{t}", 10) and _pick(f"unplanned:{t}:{w}", 3):
            rows.append((date(2025, 7, 28), t, w, "meeting", 25, 2))
            planned.add((t, w))
    acts = dataset.activities
    frame = pd.DataFrame(rows, columns=["date", "team_id", "village_id", "kind", "participants", "eid_level2"])
    frame["date"] = pd.to_datetime(frame["date"])
    frame = frame.reindex(columns=acts.columns)
    return frame.astype({c: acts[c].dtype for c in acts.columns})


def july_villages(villages: pd.DataFrame) -> pd.DataFrame:
    """The villages at the end of July: about one in ten without signal got 3G, one in ten without grid power
    got it."""
    v = villages.copy()
    ids = v["village_id"].astype(str)
    signal = (v["mobile_signal"] == "none").fillna(False) & ids.map(lambda i: _pick(f"july-signal:{i}", 10))
    power = (v["grid_electricity"] == "no").fillna(False) & ids.map(lambda i: _pick(f"july-power:{i}", 10))
    v.loc[signal.astype(bool), "mobile_signal"] = "3g"
    v.loc[power.astype(bool), "grid_electricity"] = "yes"
    return v


def july_team_villages(dataset: Dataset) -> pd.DataFrame:
    """The team–village pairs at the end of July: about one village in six without a team got its commune's
    technology team, and about one pair in two hundred and fifty ended."""
    tv = dataset.team_villages
    ended = [_pick(f"july-ended:{t}:{w}", 250) for t, w in zip(tv["team_id"], tv["village_id"])]
    kept = tv[[not e for e in ended]]
    teams = set(dataset.teams["team_id"])
    v = dataset.villages
    uncovered = v[~v["village_id"].isin(tv["village_id"])]
    new = [
        (f"CT-{commune}", village)
        for village, commune in zip(uncovered["village_id"], uncovered["commune_code"])
        if f"CT-{commune}" in teams and _pick(f"july-team:{village}", 6)
    ]
    added = pd.DataFrame(new, columns=["team_id", "village_id"]).reindex(columns=tv.columns)
    return pd.concat([kept, added.astype({c: tv[c].dtype for c in tv.columns})], ignore_index=True)


def build(dataset: Dataset, url: str) -> dict:
    """Write the history into the empty store at `url`; returns the versions, the plan's id and the July
    reports' count."""
    import services
    from core.analysis.scoring import Weights
    from core.planning.deployment import PlanSettings
    from core.storage import plans, store

    if store.has_data(url):
        raise ValueError("store_not_empty")
    note = "dữ liệu minh họa / demo"
    ids = [store.commit(back_to(dataset, day), who=WHO, note=note, url=url) for day in MONTH_ENDS]
    ids.append(store.commit(dataset, who=WHO, note=note, url=url))
    ranked = services.ranked(dataset, Weights.preset("balanced"))
    result = services.plan(dataset, ranked, PlanSettings())
    plan_id = plans.adopt(  # as the follow-up page adopts it, dated inside the history
        PLAN_MONTH,
        result.rows[list(plans.ROW_COLUMNS)],
        who=WHO,
        villages=set(dataset.villages["village_id"]),
        settings={"preset": "balanced"},
        summary=result.summary(),
        data_version=ids[-1],
        url=url,
        at=ADOPTED_AT,
    )
    reports = july_reports(dataset, result.rows)
    july = replace(
        dataset,
        villages=july_villages(dataset.villages),
        team_villages=july_team_villages(dataset),
        meta=dataset.meta.through(JULY_END),  # the villages' baseline keeps its date: July's activations count
        activities=pd.concat([dataset.activities, reports], ignore_index=True),
    )
    ids.append(store.commit(july, who=WHO, note=note, url=url))
    return {"versions": ids, "plan": plan_id, "july_reports": len(reports)}


# --- the store a fresh `make run` serves ----------------------------------------------------------------------

STORE_PREFIX = "history-"  # var/demo/history-<fingerprint>.sqlite


def fingerprint(package: Path) -> str:
    """A digest of the demo package's files (names and bytes) and of this module: a changed demo, or a changed way
    of building its history, gives another store."""
    digest = hashlib.sha256(Path(__file__).read_bytes())
    for path in sorted(p for p in package.rglob("*") if p.is_file()):
        digest.update(path.relative_to(package).as_posix().encode("utf-8") + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def no_source_given(environ: Mapping[str, str], default_store: Path) -> bool:
    """True when the data-source rule has nothing to read but the demo and nothing was ever written here: no
    DXMAP_PACKAGE, no DATABASE_URL, and no store file `default_store` (which holds the user's own data and
    accounts once anything was imported, adopted or added)."""
    from core.settings import BY_NAME

    named = (BY_NAME["package"].env, BY_NAME["database_url"].env)
    return not any(environ.get(var, "").strip() for var in named) and not default_store.exists()


def ensure_store(folder: Path, package: Path, before_build: Callable[[], None] | None = None) -> tuple[str, bool]:
    """The demo-history store of `package` under `folder` as a SQLite URL, and whether it was built now.

    Built once per fingerprint: into a file of its own, renamed into place when complete (a stopped build leaves
    no half store), and the stores of earlier fingerprints are deleted."""
    from core.ingest.reader import read_package
    from core.storage import store

    folder.mkdir(parents=True, exist_ok=True)
    _sweep_stopped_builds(folder)
    target = folder / f"{STORE_PREFIX}{fingerprint(package)}.sqlite"
    url = f"sqlite:///{target}"
    if target.exists() and store.has_data(url):
        return url, False
    if before_build is not None:
        before_build()
    dataset, problems = read_package(package)
    if dataset is None:
        raise ValueError(f"the demo package cannot be read: {problems[:1]}")
    partial = folder / f".building-{os.getpid()}-{target.name}"
    _remove(partial)
    partial_url = f"sqlite:///{partial}"
    build(dataset, partial_url)
    store.engine(partial_url).dispose()  # the last connection folds the write-ahead log into the file
    _remove(target)
    os.replace(partial, target)
    for old in folder.glob(f"{STORE_PREFIX}*.sqlite*"):
        if not old.name.startswith(target.name):
            old.unlink(missing_ok=True)
    return url, True


def serve_store(
    environ: Mapping[str, str], lang: str, folder: Path | None = None, default_store: Path | None = None
) -> str | None:
    """What `cli.py serve` (`make run`) serves when no source is given: the URL of the demo-history store under
    `folder` (built now when missing or out of date, saying so on stderr), else None (a source is given, or the
    build failed: the rule applies as it is, so the demo package is served). `default_store` is the user's store
    file (data/store.sqlite)."""
    import sys
    import time

    from core import config
    from core.i18n import t
    from core.storage import engine

    if not no_source_given(environ, default_store or engine.DEFAULT_STORE):
        return None
    started = time.monotonic()

    def say_building() -> None:
        print(t("demo_history_building", lang), file=sys.stderr, flush=True)

    try:
        url, built = ensure_store(folder or config.DEMO_STORE_DIR, config.DEMO_PACKAGE, say_building)
    except Exception as exc:  # noqa: BLE001 - without its history the demo is still served, as the rule says
        print(t("demo_history_failed", lang, reason=f"{type(exc).__name__}: {exc}"), file=sys.stderr, flush=True)
        return None
    if built:
        seconds = f"{time.monotonic() - started:.0f}"
        print(t("demo_history_built", lang, seconds=seconds), file=sys.stderr, flush=True)
    return url


def _sweep_stopped_builds(folder: Path, older_than: float = 3600.0) -> None:
    """Delete what a build stopped long ago left (a running build takes seconds, not an hour)."""
    import time

    for leftover in folder.glob(".building-*"):
        try:
            if time.time() - leftover.stat().st_mtime > older_than:
                leftover.unlink(missing_ok=True)
        except OSError:
            continue


def _remove(database: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        database.with_name(database.name + suffix).unlink(missing_ok=True)
