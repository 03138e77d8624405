"""Every cache in the app is keyed by the data version and the area, where Streamlit hashes it.

Streamlit skips arguments whose names start with `_` when it hashes a cached call. A cache whose version or area
sat in such an argument served one account's villages to another account's browser. These tests walk the code
for every use of Streamlit's caches and check the one way the app caches (components.caching)."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import pytest

from components import caching

ROOT = Path(__file__).resolve().parents[2]
PRODUCT = ("app.py", "asgi.py", "cli.py", "components", "views", "services", "presentation", "core", "geo", "cli")
STREAMLIT_CACHES = {"cache_data", "cache_resource", "cache", "experimental_memo", "experimental_singleton"}
VERSION_ONLY_USERS = {("components/context.py", "load_version")}  # the whole province of a version, never shown


def product_files() -> list[Path]:
    files = []
    for name in PRODUCT:
        path = ROOT / name
        files += sorted(path.rglob("*.py")) if path.is_dir() else [path]
    return files


def streamlit_cache_uses(tree: ast.AST) -> list[int]:
    """Lines that name one of Streamlit's caches (`st.cache_data`, `streamlit.cache_resource`, an imported name)."""
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in STREAMLIT_CACHES:
            base = node.value
            if isinstance(base, ast.Name) and base.id in ("st", "streamlit"):
                lines.append(node.lineno)
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("streamlit"):
            lines += [node.lineno for alias in node.names if alias.name in STREAMLIT_CACHES]
    return lines


def cached_functions(tree: ast.AST) -> list[tuple[str, str]]:
    """(function, decorator) for each function decorated by one of components.caching's decorators."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            for deco in node.decorator_list:
                call = deco.func if isinstance(deco, ast.Call) else deco
                name = call.attr if isinstance(call, ast.Attribute) else getattr(call, "id", "")
                if name in ("scoped_cache", "version_only_cache"):
                    found.append((node.name, name))
    return found


def test_no_page_or_component_calls_streamlits_caches_itself():
    offenders = []
    for path in product_files():
        if path == ROOT / "components" / "caching.py":
            continue
        for line in streamlit_cache_uses(ast.parse(path.read_text(encoding="utf-8"))):
            offenders.append(f"{path.relative_to(ROOT)}:{line}")
    assert not offenders, f"cache with components.caching.scoped_cache, not Streamlit's caches: {offenders}"


def test_only_the_version_loader_caches_without_the_area():
    users = set()
    for path in product_files():
        for name, deco in cached_functions(ast.parse(path.read_text(encoding="utf-8"))):
            if deco == "version_only_cache":
                users.add((str(path.relative_to(ROOT)), name))
    assert users == VERSION_ONLY_USERS


def test_the_version_loader_hashes_its_version():
    from components.context import load_version

    params = list(inspect.signature(load_version).parameters)
    assert params == ["version"]  # named without "_": Streamlit hashes it


def test_the_guard_finds_a_cache_keyed_by_an_unhashed_argument():
    bad = "import streamlit as st\n@st.cache_resource\ndef f(_key, _dataset):\n    return 1\n"
    assert streamlit_cache_uses(ast.parse(bad)) == [2]
    imported = "from streamlit import cache_data\n"
    assert streamlit_cache_uses(ast.parse(imported)) == [1]


def test_every_scoped_cache_is_the_scoped_wrapper():
    """The decorated functions found in the code are the wrapper that puts the scope in front."""
    from components import context, map_view, priorities

    for fn in (context._view, context._scoped, map_view.light_boundaries, map_view._points, priorities._ranked):
        assert getattr(fn, "dxmap_scoped", False), fn.__qualname__


# --- the scoped cache itself -----------------------------------------------------------------------------------


def _counting(scope_box: list, shared: bool):
    calls = []

    @caching.scoped_cache(max_entries=8, shared=shared, scope=lambda: scope_box[0])
    def figures(flt: str, _dataset: object) -> list:
        calls.append((flt, _dataset))
        return [flt, _dataset]

    return figures, calls


@pytest.mark.parametrize("shared", [True, False])
def test_an_answer_is_computed_again_for_another_version_or_area_even_with_the_same_arguments(shared):
    box = [("v1", "province")]
    figures, calls = _counting(box, shared)
    figures.clear()
    assert figures("all", "dataset-A") == ["all", "dataset-A"]
    assert figures("all", "dataset-B") == ["all", "dataset-A"]  # `_dataset` is not hashed: same scope, same answer
    box[0] = ("v1", "area-103")
    assert figures("all", "dataset-B") == ["all", "dataset-B"]  # another area: computed again
    box[0] = ("v2", "area-103")
    assert figures("all", "dataset-C") == ["all", "dataset-C"]  # another version: computed again
    box[0] = ("v1", "province")
    assert figures("all", "dataset-Z") == ["all", "dataset-A"]
    assert figures("one", "dataset-Z") == ["one", "dataset-Z"]  # hashed arguments still count
    assert len(calls) == 4
    figures.clear()


def test_two_scoped_functions_with_the_same_arguments_keep_apart():
    box = [("v1", "province")]

    @caching.scoped_cache(max_entries=4, scope=lambda: box[0])
    def first(x: int) -> str:
        return f"first {x}"

    @caching.scoped_cache(max_entries=4, scope=lambda: box[0])
    def second(x: int) -> str:
        return f"second {x}"

    assert (first(1), second(1)) == ("first 1", "second 1")


def test_a_function_may_not_name_an_argument_scope():
    with pytest.raises(TypeError):

        @caching.scoped_cache(max_entries=1)
        def f(scope):
            return scope


def test_streamlit_reads_the_scope_as_the_first_hashed_argument():
    """The signature Streamlit reads names the scope first (hashed: no leading underscore) and keeps the rest."""

    @caching.scoped_cache(max_entries=1)
    def f(flt, _dataset, *, lang="vi"):
        return None

    assert list(inspect.signature(f.keyed).parameters) == ["scope", "flt", "_dataset", "lang"]
