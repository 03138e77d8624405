"""No import cycle among the product's modules: each module can be read, tested and moved knowing only what it
imports. An import inside a function counts too (grimp reads every import statement).

The import-linter contract "No cycle" keeps the modules and subpackages of each package acyclic; this test
covers the whole product at once, module by module, modules of different packages included.
"""

from __future__ import annotations

import sys
import tomllib

import grimp

from tests.conftest import ROOT


def _root_packages() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return config["tool"]["importlinter"]["root_packages"]


def _cycles(imports: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for start in sorted(imports):
        if start in index:
            continue
        work = [(start, iter(sorted(imports[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            module, targets = work[-1]
            target = next(targets, None)
            if target is not None:
                if target not in index:
                    index[target] = low[target] = len(index)
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, iter(sorted(imports[target]))))
                elif target in on_stack:
                    low[module] = min(low[module], index[target])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[module])
            if low[module] == index[module]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == module:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_cycles_are_found_when_there_are_some():
    imports = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": {"e"}}
    assert _cycles(imports) == [["a", "b", "c"]]


def test_no_product_module_imports_itself_back():
    packages = _root_packages()
    sys.path.insert(0, str(ROOT))
    try:
        graph = grimp.build_graph(*packages, cache_dir=None)
    finally:
        sys.path.remove(str(ROOT))
    imports = {
        module: {m for m in graph.find_modules_directly_imported_by(module) if m.split(".")[0] in packages}
        for module in graph.modules
    }
    assert _cycles(imports) == [], "modules that import each other, directly or round a loop"
