"""One settings table: the Settings table (docs/settings.md, linked from the README) and `cli.py --help` say
what core/settings.py says, the environment overrides a default, and a value that cannot be read falls back to it."""

from __future__ import annotations

import argparse
import re

import pandas as pd
import pytest

from cli.main import build_parser
from cli.serve import source_environment
from core import config
from core.planning.deployment import PlanSettings
from core.planning.planner import team_capacities
from core.settings import BY_NAME, SETTINGS, setting

SETTINGS_DOC = config.ROOT / "docs" / "settings.md"
COMMANDS_DOC = config.ROOT / "docs" / "command-line.md"
# the CLI options whose default is a setting, per command: a new one must be added here and to the table
SETTING_OPTIONS = {
    "plan": {
        "--nights": "plan_nights",
        "--capacity": "plan_capacity",
        "--max-travel-minutes": "plan_max_travel_minutes",
        "--time-limit": "plan_time_limit",
    },
    "export priorities": {"--time-limit": "plan_time_limit"},
    "export brief": {"--time-limit": "plan_time_limit"},
}


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch):
    for spec in SETTINGS:
        monkeypatch.delenv(spec.env, raising=False)


def _readme_settings() -> dict[str, tuple[str, str]]:
    """Environment variable → (default, name in code) of each row of the Settings table (docs/settings.md)."""
    rows = {}
    for line in SETTINGS_DOC.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("| `") and len(cells) == 4:
            rows[cells[0].strip("`")] = (cells[1], cells[3].strip("`"))
    return rows


def _commands(parser: argparse.ArgumentParser, prefix: str = ""):
    """(name, parser) of every command, sub-commands of `export` as "export priorities"."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                full = f"{prefix} {name}".strip()
                nested = list(_commands(sub, full))
                yield from nested or [(full, sub)]


def _help(sub: argparse.ArgumentParser) -> str:
    return " ".join(sub.format_help().split())  # argparse wraps lines anywhere


def test_every_setting_is_in_the_readme_table_with_its_variable_and_default():
    rows = _readme_settings()
    for spec in SETTINGS:
        assert spec.env in rows, f"{spec.env} is missing from the README's Settings table"
        assert rows[spec.env] == (spec.default_text, spec.name)


def test_every_readme_row_is_a_real_setting():
    envs = {spec.env for spec in SETTINGS}
    assert set(_readme_settings()) <= envs
    assert len(envs) == len(SETTINGS) == len(BY_NAME)  # one variable, one name per setting


def test_help_shows_the_table_default_of_every_option_that_is_a_setting():
    commands = dict(_commands(build_parser()))
    for command, options in SETTING_OPTIONS.items():
        text = _help(commands[command])
        for flag, name in options.items():
            spec = BY_NAME[name]
            assert re.search(
                rf"{re.escape(flag)} \S+ .*?\(default: {re.escape(spec.default_text)}; {spec.env}\)", text
            ), (command, flag)
            assert commands[command].get_default(flag.lstrip("-").replace("-", "_")) == spec.default


def test_the_commands_the_readme_names_take_package_and_db_and_every_command_takes_lang():
    text = " ".join(COMMANDS_DOC.read_text(encoding="utf-8").split())
    sentence = re.search(r"The commands that read data, (.*?), take `--package PATH` and `--db URL`", text)
    named = set(re.findall(r"`([a-z -]+)`", sentence.group(1)))
    commands = dict(_commands(build_parser()))
    with_source = {
        name
        for name, sub in commands.items()
        if "--package" in sub._option_string_actions and "--db" in sub._option_string_actions
    }
    assert (
        named
        == with_source
        == {
            "summary",
            "plan",
            "progress",
            "changes",
            "pace",
            "export priorities",
            "export brief",
            "export field-pack",
            "form activities",
            "import",
            "serve",
        }
    )
    assert all("--lang" in sub._option_string_actions for sub in commands.values())


def test_lang_and_the_source_work_before_or_after_the_command():
    parser = build_parser()
    assert parser.parse_args(["plan", "-o", "x.csv"]).lang == "vi"
    assert parser.parse_args(["--lang", "en", "plan", "-o", "x.csv"]).lang == "en"
    args = parser.parse_args(["export", "brief", "--lang", "en", "--db", "sqlite:///s.sqlite", "-o", "b.pdf"])
    assert (args.lang, args.db, args.package) == ("en", "sqlite:///s.sqlite", None)


def test_the_environment_overrides_a_default_and_an_unreadable_value_falls_back(monkeypatch):
    monkeypatch.setenv("DXMAP_PLAN_NIGHTS", "12")
    monkeypatch.setenv("DXMAP_PLAN_TIME_LIMIT", "2.5")
    monkeypatch.setenv("DXMAP_MAX_ROWS_VILLAGES", "1_500")
    assert (setting("plan_nights"), setting("plan_time_limit"), setting("max_rows_villages")) == (12, 2.5, 1500)
    assert PlanSettings().nights == 12 and PlanSettings().time_limit == 2.5
    assert build_parser().parse_args(["plan", "-o", "x.csv"]).nights == 12
    for bad in ("douze", "-3", "0", "nan", "inf"):
        monkeypatch.setenv("DXMAP_PLAN_NIGHTS", bad)
        assert setting("plan_nights") == 8, bad
    monkeypatch.setenv("DXMAP_ALLOWED_HOSTS", " a.vn, ,b.vn ")
    assert setting("allowed_hosts") == ("a.vn", "b.vn")
    monkeypatch.setenv("DXMAP_EDITOR_PASSWORD", " with spaces ")
    assert setting("editor_password") == " with spaces "  # a password is taken as typed


def test_a_team_without_its_own_figures_gets_the_plan_defaults(monkeypatch):
    teams = pd.DataFrame({"team_id": ["T1", "T2"], "nights_available": [3, None]})
    assert team_capacities(teams)[["capacity", "nights"]].values.tolist() == [[30, 3], [30, 8]]
    monkeypatch.setenv("DXMAP_PLAN_CAPACITY", "45")
    assert team_capacities(teams)["capacity"].tolist() == [45, 45]


def test_serve_passes_package_and_db_to_the_app(tmp_path):
    parser = build_parser()
    inherited = {"DXMAP_PACKAGE": "/srv/other", "PATH": "/bin"}
    env = source_environment(parser.parse_args(["serve", "--db", "sqlite:///s.sqlite"]), inherited)
    assert env == {"DATABASE_URL": "sqlite:///s.sqlite", "PATH": "/bin"}  # --db wins over an inherited package
    env = source_environment(parser.parse_args(["serve", "--package", str(tmp_path / "p")]), inherited)
    assert env["DXMAP_PACKAGE"] == str(tmp_path / "p") and "DATABASE_URL" not in env
    assert source_environment(parser.parse_args(["serve"]), inherited) == inherited
