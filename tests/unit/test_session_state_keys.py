"""Session-state keys are named once, in components/state.py: no product file writes a key as a string.

A key is a string literal when it is read or written through `session_state` (subscript, `del`, `.get`,
`.pop`, `.setdefault`, `in`), directly or through a local alias (`s = st.session_state`), or when a widget's
`key=` is the very string a state.py constant names. A key made per item starts with a prefix constant of
`state.KEY_PREFIXES` (`f"{PRIO_WEIGHT_PREFIX}{comp}"`), never with literal text.
"""

from __future__ import annotations

import ast
from pathlib import Path

from components import state

ROOT = Path(__file__).resolve().parents[2]
PRODUCT_PACKAGES = ("components", "views", "services", "presentation", "core", "geo", "cli", "ops")
PRODUCT_SCRIPTS = ("app.py", "asgi.py", "cli.py")
STATE_MODULE = ROOT / "components" / "state.py"
_KEY_METHODS = {"get", "pop", "setdefault", "__getitem__", "__setitem__", "__delitem__", "__contains__"}


def product_files() -> list[Path]:
    files = [ROOT / name for name in PRODUCT_SCRIPTS if (ROOT / name).exists()]
    for package in PRODUCT_PACKAGES:
        files += sorted((ROOT / package).rglob("*.py"))
    return [f for f in files if f != STATE_MODULE]


def declared_keys() -> dict[str, str]:
    """Every key and prefix state.py names: its value → its constant's name."""
    return {
        value: name
        for name, value in vars(state).items()
        if name.isupper() and isinstance(value, str) and (name.endswith("_KEY") or name.endswith("_PREFIX"))
    }


def _is_session_state(node: ast.AST, aliases: set[str]) -> bool:
    if isinstance(node, ast.Attribute):
        return node.attr == "session_state"
    return isinstance(node, ast.Name) and node.id in aliases


def _aliases(tree: ast.AST) -> set[str]:
    """Names bound to a `session_state` (`s = st.session_state`, `state = session.session_state`)."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and _is_session_state(node.value, set()):
            names |= {target.id for target in node.targets if isinstance(target, ast.Name)}
    return names


def _literal_text(key: ast.AST) -> str | None:
    """The literal text a key starts with ("" when it starts with a name), None when it is no string."""
    if isinstance(key, ast.Constant) and isinstance(key.value, str):
        return key.value
    if isinstance(key, ast.JoinedStr):
        first = key.values[0] if key.values else None
        return first.value if isinstance(first, ast.Constant) else ""
    if isinstance(key, ast.BinOp) and isinstance(key.op, ast.Add):
        return _literal_text(key.left)
    if isinstance(key, ast.Call) and isinstance(key.func, ast.Attribute) and key.func.attr == "format":
        return _literal_text(key.func.value)
    return None


def _state_keys_used(tree: ast.AST) -> list[ast.AST]:
    """Every expression used as a session-state key in the module."""
    aliases = _aliases(tree)
    keys = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Subscript) and _is_session_state(node.value, aliases):
            keys.append(node.slice)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.args:
            if node.func.attr in _KEY_METHODS and _is_session_state(node.func.value, aliases):
                keys.append(node.args[0])
        elif isinstance(node, ast.Compare):
            operands = [node.left, *node.comparators]
            for op, left, right in zip(node.ops, operands, operands[1:]):
                if isinstance(op, ast.In | ast.NotIn) and _is_session_state(right, aliases):
                    keys.append(left)
    return keys


def literal_keys(source: str, declared: dict[str, str]) -> list[tuple[int, str]]:
    """(line, text) of each key written as a string: a session-state key with literal text, or a widget key
    whose literal text is a key or prefix state.py declares."""
    tree = ast.parse(source)
    found = []
    for key in _state_keys_used(tree):
        text = _literal_text(key)
        if text:
            found.append((key.lineno, text))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            for keyword in node.keywords:
                text = _literal_text(keyword.value) if keyword.arg == "key" else None
                if text and (text in declared or any(text.startswith(p) for p in state.KEY_PREFIXES)):
                    found.append((keyword.value.lineno, text))
    return sorted(found)


def test_no_product_file_writes_a_session_state_key_as_a_string():
    declared = declared_keys()
    offenders = []
    for path in product_files():
        for line, text in literal_keys(path.read_text(encoding="utf-8"), declared):
            hint = f" (use state.{declared[text]})" if text in declared else ""
            offenders.append(f"{path.relative_to(ROOT)}:{line}: {text!r}{hint}")
    assert not offenders, "session-state keys belong in components/state.py:\n" + "\n".join(offenders)


def test_the_guard_finds_a_literal_key_in_every_form_of_access():
    source = """
import streamlit as st
st.session_state["a"] = 1
st.session_state.get("b")
st.session_state.pop("c", None)
st.session_state.setdefault("d", 0)
if "e" in st.session_state: pass
if "f" not in st.session_state: pass
del st.session_state["g"]
s = st.session_state
s["h"] = 2
st.session_state[f"i_{1}"] = 3
st.text_input("label", key="dx_token")
st.selectbox("label", [], key=f"prio_w_{2}")
"""
    found = [text for _line, text in literal_keys(source, declared_keys())]
    assert found == ["a", "b", "c", "d", "e", "f", "g", "h", "i_", "dx_token", "prio_w_"]


def test_keys_from_constants_and_prefixes_pass_the_guard():
    source = """
import streamlit as st
from components.state import FILTER_KEY, PRIO_WEIGHT_PREFIX
st.session_state[FILTER_KEY] = 1
st.session_state.get(FILTER_KEY)
st.session_state[f"{PRIO_WEIGHT_PREFIX}{3}"] = 2
st.button("label", key="a_widget_nobody_reads_back")
"""
    assert literal_keys(source, declared_keys()) == []


def test_every_key_is_named_once():
    values = [v for v in vars(state).values() if isinstance(v, str) and v.isidentifier()]
    assert len(values) == len(set(values))


def test_what_an_account_leaves_behind_is_made_of_declared_keys():
    assert set(state.ACCOUNT_VIEW_KEYS) <= set(declared_keys())
    assert {state.FILTER_KEY, state.PLAN_KEY, state.IMPORT_PLAN_KEY} <= set(state.ACCOUNT_VIEW_KEYS)


def test_every_key_says_what_it_holds_and_who_writes_it():
    lines = STATE_MODULE.read_text(encoding="utf-8").splitlines()
    bare = [line for line in lines if line.split(" = ")[0].isupper() and '= "' in line and "  # " not in line]
    assert not bare
