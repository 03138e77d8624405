"""Which data to read, and its version: the one rule the app and every command follow (docs/command-line.md).

`--package` wins; else `--db`; else DXMAP_PACKAGE; else DATABASE_URL (while that store is empty: the demo);
else data/store.sqlite when it holds data; else the demo (an option typed on the command line wins over the
environment; core.storage.store.source_version decides the store part). The DataVersion names what is read; derived data
is cached under it (see services.keys). `cli.py serve` with no source at all (`make run` on a fresh checkout) names
the demo-history store in the app's DATABASE_URL (services.demo_history.serve_store): the rule then reads that.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from core import config
from core.ingest.validation import Problem
from core.model.dataset import Dataset
from core.storage import store


@dataclass(frozen=True)
class DataVersion:
    """What data is read: a store version (`where` = URL, `stamp` = version id) or a package (`where` = path,
    `stamp` = its files' names, times and sizes). Equal versions hold equal data; a commit or an edited file
    gives a new one."""

    kind: Literal["store", "package"]
    where: str
    stamp: tuple

    @property
    def store_version(self) -> int | None:
        """The store version id, or None for a package."""
        return self.stamp[0] if self.kind == "store" else None


@dataclass(frozen=True)
class Source:
    """The data a use case works on: None with the problems when it cannot be read."""

    dataset: Dataset | None
    problems: list[Problem]
    version: DataVersion


def store_version(url: str, version_id: int) -> DataVersion:
    return DataVersion("store", url, (version_id,))


def package_version(path: Path) -> DataVersion:
    """A package's version from its files' names, times and sizes (a missing path: read, to report it)."""
    if path.is_file():
        stat = path.stat()
        return DataVersion("package", str(path), (stat.st_mtime_ns, stat.st_size))
    if not path.is_dir():
        return DataVersion("package", str(path), ("missing",))
    return DataVersion(
        "package",
        str(path),
        tuple(sorted((f.name, f.stat().st_mtime_ns, f.stat().st_size) for f in path.iterdir() if f.is_file())),
    )


def data_version(package: str | Path | None = None, db: str | None = None) -> DataVersion:
    """The version of the data to read. Cheap (one indexed query or a folder listing), so it is asked every run.

    Raises store.StoreUnavailable when the store to read cannot be read: never other data instead.
    """
    found = None if package else store.source_version(db)
    if found is not None:
        return store_version(*found)
    return package_version(Path(package) if package else config.package_path())


def load(version: DataVersion) -> tuple[Dataset | None, list[Problem]]:
    """The dataset of `version` and its problems (what callers cache under the version)."""
    if version.kind == "store":
        return store.load_dataset(version.store_version, version.where), []
    from core.ingest.reader import read_package

    return read_package(Path(version.where))


def open_source(package: str | Path | None = None, db: str | None = None) -> Source:
    """The data to read by the rule, read."""
    version = data_version(package, db)
    dataset, problems = load(version)
    return Source(dataset, problems, version)


def describe(version: DataVersion) -> store.Version | Path:
    """Where the data came from: the store's Version record, or the package path."""
    if version.kind == "store":
        found = store.get_version(version.store_version, version.where)
        if found is not None:
            return found
    return Path(version.where)


def summary(dataset: Dataset) -> dict[str, Any]:
    """The headline figures (what `cli.py summary --json` prints)."""
    from core.analysis.kpis import summary as figures

    return figures(dataset)
