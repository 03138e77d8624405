"""The services layer: one data-source rule with one data version, cache keys that carry it, and the same
answers for the pages and the command line."""

from __future__ import annotations

import io
import os
from dataclasses import replace

import pandas as pd
import pytest

import services
from cli.main import main
from core import config
from core.analysis.scoring import Weights
from core.model.filters import Filter
from core.storage import engine, store


@pytest.fixture
def clean_env(monkeypatch, tmp_path):
    """No DXMAP_PACKAGE or DATABASE_URL, and a default store file that does not exist."""
    monkeypatch.delenv("DXMAP_PACKAGE", raising=False)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setattr(engine, "DEFAULT_STORE", tmp_path / "absent" / "store.sqlite")
    return tmp_path


def test_summary_is_the_same_from_the_package_and_from_a_store_holding_it(clean_env, demo_dataset):
    url = f"sqlite:///{clean_env / 's.sqlite'}"
    store.commit(demo_dataset, url=url)
    from_package = services.open_source(package=config.DEMO_PACKAGE)
    from_store = services.open_source(db=url)
    assert (from_package.version.kind, from_store.version.kind) == ("package", "store")
    assert from_store.version.store_version == 1
    assert services.summary(from_store.dataset) == services.summary(from_package.dataset)


def test_the_data_source_rule_package_then_store_then_demo(clean_env, demo_dataset, monkeypatch):
    url = f"sqlite:///{clean_env / 's.sqlite'}"
    monkeypatch.setenv("DATABASE_URL", url)
    assert services.data_version() == services.data_version(package=config.DEMO_PACKAGE)  # empty store: the demo
    store.commit(replace(demo_dataset, activities=demo_dataset.activities.iloc[:10]), url=url)
    source = services.open_source()
    assert source.version.kind == "store" and len(source.dataset.activities) == 10 and source.problems == []
    assert services.describe(source.version).id == 1
    monkeypatch.setenv("DXMAP_PACKAGE", str(clean_env / "other"))  # a package named wins over the store
    assert services.data_version() == services.data_version(package=clean_env / "other")
    assert services.data_version(db=url).kind == "store"  # … and --db over DXMAP_PACKAGE
    assert services.data_version(package=config.DEMO_PACKAGE).kind == "package"


def test_a_missing_package_is_read_to_report_it_not_raised(clean_env):
    source = services.open_source(package=clean_env / "nowhere")
    assert source.dataset is None and [p.code for p in source.problems] == ["package_not_found"]


def test_the_cache_key_changes_when_the_store_gets_a_new_version(clean_env, demo_dataset):
    url = f"sqlite:///{clean_env / 's.sqlite'}"
    store.commit(demo_dataset, url=url)
    flt, weights = Filter(district="096"), Weights.preset()
    before = services.data_version(db=url)
    key = services.plan_key(before, flt, weights, "settings")
    assert services.plan_fits(key, before, flt, weights)
    store.commit(replace(demo_dataset, activities=demo_dataset.activities.iloc[:10]), url=url)
    after = services.data_version(db=url)
    assert after != before
    assert services.view_key(after, flt) != services.view_key(before, flt)
    assert services.ranking_key(after, flt, weights) != services.ranking_key(before, flt, weights)
    assert not services.plan_fits(key, after, flt, weights)  # a plan of the old version is not exported
    assert not services.plan_fits(key, before, flt, Weights.preset("reach_most"))


def test_the_cache_key_changes_when_a_package_file_changes(tmp_path):
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "villages.csv").write_text("a\n1\n")
    before = services.data_version(package=package)
    os.utime(package / "villages.csv", ns=(1, 1))
    assert services.cache_key(services.data_version(package=package), "x") != services.cache_key(before, "x")


def test_a_cache_key_without_a_data_version_is_refused():
    with pytest.raises(TypeError):
        services.cache_key(("store", "sqlite:///x", 1), Filter())


def test_the_command_line_exports_the_ranked_list_the_service_gives(clean_env, tmp_path):
    out = tmp_path / "p.csv"
    assert (
        main(
            [
                "export",
                "priorities",
                "--format",
                "csv",
                "--district",
                "096",
                "--package",
                str(config.DEMO_PACKAGE),
                "-o",
                str(out),
            ]
        )
        == 0
    )
    source = services.open_source(package=config.DEMO_PACKAGE)
    view, flt, notices = services.view_from_params(source.dataset, {"district": "096"})
    ranked = services.ranked(view, Weights.preset())
    assert notices == [] and len(ranked) > 10
    inp = services.export_input(view, flt, Weights.preset(), "vi", ranked=ranked)
    assert out.read_bytes() == services.export_bytes("csv", inp)
    frame = pd.read_csv(io.BytesIO(out.read_bytes()), encoding="utf-8-sig", dtype=str)
    assert list(frame.iloc[:, 0].astype(int)) == list(ranked["rank"])


def test_an_area_that_is_not_there_gives_no_view(demo_dataset):
    view, _flt, notices = services.view_from_params(demo_dataset, {"district": "999"})
    assert view is None and notices


def test_an_import_lands_on_the_store_version_else_on_the_package_in_use(clean_env, demo_dataset, tmp_path):
    url = f"sqlite:///{clean_env / 's.sqlite'}"
    assert services.import_base(url) == services.data_version(package=config.DEMO_PACKAGE)
    villages = tmp_path / "villages.csv"
    demo_dataset.villages.iloc[:2].assign(population=lambda f: f["population"] + 5).to_csv(villages, index=False)
    plan = services.import_dry_run([villages], url, "villages")
    assert plan.base_version is None and plan.ok
    assert services.import_commit(plan, url, who="A") == 1
    assert services.import_base(url).store_version == 1
    again = services.import_dry_run([villages], url, "villages")
    assert again.base_version == 1 and not again.has_changes


def test_a_base_that_cannot_be_read_gives_a_plan_with_its_problems(clean_env, tmp_path):
    url = f"sqlite:///{clean_env / 's.sqlite'}"
    plan = services.import_dry_run([tmp_path / "x.csv"], url, package=tmp_path / "nowhere")
    assert not plan.ok and [p.code for p in plan.problems] == ["package_not_found"]


def test_the_domain_does_not_reach_up_into_the_services():
    offenders = [
        path.name
        for path in (config.ROOT / "core").rglob("*.py")
        if "import services" in path.read_text(encoding="utf-8") or "from services" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []
