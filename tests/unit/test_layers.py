"""The layers of the code hold: `lint-imports` keeps the contracts in pyproject.toml (the domain draws nothing,
presentation never touches Streamlit, nothing imports upwards), and the domain really loads without the
drawing and page libraries."""

from __future__ import annotations

import subprocess
import sys
import tomllib

from tests.conftest import ROOT

# Folders that hold no application code of their own.
_NOT_CODE = {"tests", "data", "docs", "static", "test-artifacts"}
_LINT = "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())"


def _settings() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]


def _run(code: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_import_contracts_are_kept():
    done = _run(_LINT, "--no-cache")
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert "0 broken" in done.stdout


def test_every_top_level_package_is_checked():
    """A new top-level package (say `services/` or `cli/`) left out of root_packages would go unchecked."""
    packages = {
        p.name
        for p in ROOT.iterdir()
        if p.is_dir() and not p.name.startswith((".", "_")) and p.name not in _NOT_CODE and any(p.glob("*.py"))
    }
    assert packages <= set(_settings()["root_packages"]), "add to [tool.importlinter] root_packages"


def test_the_contracts_cover_each_layer():
    contracts = {c["type"]: c for c in _settings()["contracts"]}
    layers = " ".join(contracts["layers"]["layers"])
    for name in ("views", "components", "presentation", "services", "core", "geo"):
        assert name in layers
    forbidden = [c for c in _settings()["contracts"] if c["type"] == "forbidden"]
    by_source = {src: set(c["forbidden_modules"]) for c in forbidden for src in c["source_modules"]}
    assert {"streamlit", "plotly", "folium", "presentation", "components"} <= by_source["core"]
    assert {"streamlit", "plotly", "folium"} <= by_source["geo"]
    assert "streamlit" in by_source["presentation"]
    assert {"streamlit", "plotly", "folium"} <= by_source["services"]
    for adapter in ("views", "components", "cli"):  # services are the one door into the domain
        assert {"core.analysis", "core.storage", "core.accounts"} <= by_source[adapter]


def _modules(package: str) -> list[str]:
    return sorted(
        f"{package}.{'.'.join(p.relative_to(ROOT / package).with_suffix('').parts)}"
        for p in (ROOT / package).rglob("*.py")
        if p.name != "__init__.py"
    )


def test_the_domain_loads_without_page_or_drawing_libraries_and_presentation_without_streamlit():
    """What the contracts cannot see (imports made at run time): every module of core, geo and services loads
    without Streamlit, plotly or folium; then every module of presentation loads without Streamlit. One process."""
    below = _modules("core") + _modules("geo") + _modules("services")
    code = (
        "import importlib, sys\n"
        f"for name in {below!r}: importlib.import_module(name)\n"
        "drawing = ('streamlit', 'plotly', 'folium', 'branca', 'streamlit_folium')\n"
        "print(sorted(m for m in drawing if m in sys.modules))\n"
        f"for name in {_modules('presentation')!r}: importlib.import_module(name)\n"
        "print('streamlit' in sys.modules)"
    )
    done = _run(code)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["[]", "False"]


def test_every_page_script_is_a_short_list_of_its_sections():
    """A page decides nothing: its script names its sections (≤ 40 lines); the work is in components/ and
    services/."""
    long = {p.name: n for p in (ROOT / "views").glob("*.py") if (n := len(p.read_text().splitlines())) > 40}
    assert not long, long
