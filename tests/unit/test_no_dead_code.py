"""No dead code: every top-level function of the product is used by the product, not only by tests.

Read from the source (AST), nothing imported. A function counts as used when the product names it: its module
loads it, a module imports that name, code reaches it as an attribute (`module.name`, any object:
generous on purpose), a string names it (whole, as getattr takes it, or as the end of a dotted path or of a
`module:function` entry point), a word of the scripts, the Makefile or the browser's files names it, or a
decorator registers it.
"""

from __future__ import annotations

import ast
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = ("app.py", "asgi.py", "cli.py")
OTHER_FILES = ("static/**/*.js", "static/**/*.html", "Makefile", "deploy/*", ".ci/*", "pyproject.toml")
WORD = re.compile(r"[A-Za-z_]\w*")
NAMED = re.compile(r"(?:[\w.]+[.:])?([A-Za-z_]\w*)")


def product_files() -> list[Path]:
    """The product's Python files: every package the layer contracts check, and the entry scripts."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    packages = config["tool"]["importlinter"]["root_packages"]
    files = [path for name in packages for path in sorted((ROOT / name).rglob("*.py"))]
    return files + [ROOT / name for name in SCRIPTS if (ROOT / name).exists()]


def _named(text: str) -> list[str]:
    """The function a string can name: the whole string as a name (getattr), or the last part of a dotted path
    or of an entry point (`module:function`); words inside prose name nothing."""
    found = NAMED.fullmatch(text.strip())
    return [found.group(1)] if found else []


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _docstrings(tree: ast.Module) -> set[int]:
    kinds = (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
    return {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, kinds) and node.body and isinstance(node.body[0], ast.Expr)
    }


@dataclass
class Uses:
    """Who names what, over the whole product."""

    functions: list[tuple[str, str, int]] = field(default_factory=list)  # (module, name, line), undecorated
    local: dict[str, set[str]] = field(default_factory=dict)  # module -> names it loads
    imported: set[str] = field(default_factory=set)  # names imported from some product module
    attributes: set[str] = field(default_factory=set)
    words: set[str] = field(default_factory=set)  # identifiers inside strings (not docstrings) and other files

    def add(self, path: Path) -> None:
        module, tree = module_name(path), ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in tree.body:
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and not node.decorator_list:
                self.functions.append((module, node.name, node.lineno))
        docstrings, names = _docstrings(tree), self.local.setdefault(module, set())
        for node in ast.walk(tree):
            if isinstance(node, ast.Name):
                names.add(node.id)
            elif isinstance(node, ast.Attribute):
                self.attributes.add(node.attr)
            elif isinstance(node, ast.ImportFrom):
                self.imported.update(alias.name for alias in node.names)
            elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                self.words.update(_named(node.value))

    def unused(self) -> list[str]:
        named = self.attributes | self.imported | self.words
        return [
            f"{module}.{name} (line {line})"
            for module, name, line in self.functions
            if not name.startswith("__") and name not in named and name not in self.local[module]
        ]


def test_every_top_level_function_is_used_by_the_product():
    uses = Uses()
    for path in product_files():
        uses.add(path)
    for pattern in OTHER_FILES:
        for path in ROOT.glob(pattern):
            if path.is_file():
                uses.words.update(WORD.findall(path.read_text(encoding="utf-8", errors="ignore")))
    assert uses.functions, "no product function found: is the layout what this test expects?"
    assert uses.unused() == [], "functions nothing in the product calls (delete them, or the code that should)"
