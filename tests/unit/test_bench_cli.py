"""`cli.py bench` runs every bench module with `run(scale)`, gathers their targets, and survives a module that
is missing or fails (real module files in a temporary folder on the `bench` package's path)."""

from __future__ import annotations

import json

import pytest

import bench
from bench.targets import target
from cli.bench import bench_modules, collect, run_module
from cli.main import main


@pytest.fixture
def extra_modules(tmp_path, monkeypatch):
    (tmp_path / "zz_good_bench.py").write_text(
        "from bench.targets import target\n"
        "def run(scale):\n"
        "    return {'scale': scale, 'targets': [target('thing (s)', 1.5, 2.0, 's', 3.0)]}\n",
        encoding="utf-8",
    )
    (tmp_path / "zz_broken_bench.py").write_text("def run(scale):\n    raise RuntimeError('no browser')\n")
    (tmp_path / "zz_unimportable_bench.py").write_text("import a_module_nobody_installed\n")
    monkeypatch.setattr(bench, "__path__", [*bench.__path__, str(tmp_path)])
    yield {"zz_good_bench", "zz_broken_bench", "zz_unimportable_bench"}


def test_target_rows_give_ratios_to_target_and_reference():
    row = target("plan (s)", 1.0, 2.0, "s", 5.0)
    assert row["ratio_to_target"] == 0.5 and row["ratio_to_reference"] == 0.2 and row["met"] is True
    assert target("gap", 0.02, 0.01, "share")["met"] is False
    assert target("not measured", None, 1.0, "s")["met"] is None


def test_every_module_with_run_is_found_and_helpers_are_skipped(extra_modules):
    names = bench_modules()
    assert names[:2] == ["plan_bench", "map_bench"] and extra_modules <= set(names)
    assert run_module("targets", "province") is None  # a helper, no run()


def test_a_failing_or_missing_module_is_reported_and_the_others_still_run(extra_modules, capsys):
    figures = collect(["province", "national"], only=extra_modules | {"not_written_yet"})
    assert figures["province"]["zz_good_bench"]["scale"] == "province"
    assert figures["national"]["zz_good_bench"]["scale"] == "national"
    assert "no browser" in figures["province"]["zz_broken_bench"]["error"]
    assert "import failed" in figures["province"]["zz_unimportable_bench"]["error"]
    assert figures["missing_modules"] == ["not_written_yet"]
    rows = [r for r in figures["targets"] if r["module"] == "zz_good_bench"]
    assert [(r["scale"], r["ratio_to_reference"]) for r in rows] == [("province", 0.5), ("national", 0.5)]


def test_the_command_prints_one_json_document(extra_modules, capsys):
    assert main(["bench", "--only", "zz_good_bench", "--scale", "province"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["targets"][0]["figure"] == "thing (s)" and "zz_good_bench" in out["province"]
