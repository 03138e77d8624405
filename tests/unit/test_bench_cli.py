"""`cli.py bench` runs every bench module with `bench(scale)`, gathers their targets, lists the stand-alone ones,
and survives a module that is missing or fails (real module files in a temporary folder on the `bench` package's
path)."""

from __future__ import annotations

import json

import pytest

import bench
from bench.targets import target
from cli.bench import bench_modules, collect, run_module, standalone_modules
from cli.main import main


@pytest.fixture
def extra_modules(tmp_path, monkeypatch):
    (tmp_path / "zz_good_bench.py").write_text(
        "from bench.targets import target\n"
        "def bench(scale):\n"
        "    return {'scale': scale, 'targets': [target('thing (s)', 1.5, 2.0, 's', 3.0)]}\n",
        encoding="utf-8",
    )
    (tmp_path / "zz_broken_bench.py").write_text("def bench(scale):\n    raise RuntimeError('no browser')\n")
    (tmp_path / "zz_unimportable_bench.py").write_text("import a_module_nobody_installed\n")
    (tmp_path / "zz_province_only_bench.py").write_text(
        "def bench(scale):\n    return {'n': 1} if scale == 'province' else None\n"
    )
    (tmp_path / "zz_own_options_bench.py").write_text(
        '"""A bench with options of its own.\n\nMore text."""\ndef run(args):\n    return {}\ndef main():\n    pass\n'
    )
    monkeypatch.setattr(bench, "__path__", [*bench.__path__, str(tmp_path)])
    yield {"zz_good_bench", "zz_broken_bench", "zz_unimportable_bench", "zz_province_only_bench"}


def test_target_rows_give_ratios_to_target_and_reference():
    row = target("plan (s)", 1.0, 2.0, "s", 5.0)
    assert row["ratio_to_target"] == 0.5 and row["ratio_to_reference"] == 0.2 and row["met"] is True
    assert target("gap", 0.02, 0.01, "share")["met"] is False
    assert target("not measured", None, 1.0, "s")["met"] is None


def test_every_module_with_bench_is_found_and_helpers_are_skipped(extra_modules):
    names = bench_modules()
    assert names[:4] == ["plan_bench", "map_bench", "map_browser_bench", "pages_bench"]
    assert extra_modules <= set(names)
    assert run_module("targets", "province") is None  # a helper, no bench()
    assert run_module("zz_own_options_bench", "province") is None  # stand-alone: `run(args)` is not called
    assert run_module("zz_province_only_bench", "national") is None


def test_the_repository_s_bench_modules_are_either_in_make_bench_or_listed_as_stand_alone():
    import importlib

    standalone = standalone_modules()
    for name in bench_modules():
        module = importlib.import_module(f"bench.{name}")
        if name in standalone:
            assert not hasattr(module, "bench") and standalone[name].endswith(f"python -m bench.{name} --help)")
        elif hasattr(module, "run"):  # a bench module: `make bench` runs it
            assert callable(module.bench), name
    assert "postgis_bench" in standalone
    assert not {"load", "slow_link", "page_profile"} & set(standalone)  # the capacity figures: in `make bench`


def test_a_failing_or_missing_module_is_reported_and_the_others_still_run(extra_modules, capsys):
    figures = collect(["province", "national"], only=extra_modules | {"not_written_yet"})
    assert figures["province"]["zz_good_bench"]["scale"] == "province"
    assert figures["national"]["zz_good_bench"]["scale"] == "national"
    assert "no browser" in figures["province"]["zz_broken_bench"]["error"]
    assert "import failed" in figures["province"]["zz_unimportable_bench"]["error"]
    assert figures["missing_modules"] == ["not_written_yet"]
    assert figures["province"]["zz_province_only_bench"] == {"n": 1}
    assert "zz_province_only_bench" not in figures["national"]
    rows = [r for r in figures["targets"] if r["module"] == "zz_good_bench"]
    assert [(r["scale"], r["ratio_to_reference"]) for r in rows] == [("province", 0.5), ("national", 0.5)]


def test_the_command_prints_one_json_document(extra_modules, capsys):
    assert main(["bench", "--only", "zz_good_bench", "--scale", "province"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["targets"][0]["figure"] == "thing (s)" and "zz_good_bench" in out["province"]


def test_stand_alone_benches_are_named_with_their_first_line(extra_modules):
    listed = standalone_modules()
    assert (
        listed["zz_own_options_bench"]
        == "A bench with options of its own. (python -m bench.zz_own_options_bench --help)"
    )
