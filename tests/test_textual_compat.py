"""Textual's private names are used in tui/textual_compat.py and nowhere else, so that an
upgrade of Textual has one module to check (pyproject.toml bounds it below 9)."""

from __future__ import annotations

import ast
from pathlib import Path

import textual

ROOT = Path(__file__).resolve().parent.parent
COMPAT = ROOT / "tui" / "textual_compat.py"
OUR_CODE = ["tui", "store", "tests", "bench"]


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def private_names_defined_in(files: list[Path]) -> set[str]:
    """Private methods, and attributes assigned as ``x._name = ...``, in these files."""
    names: set[str] = set()
    for path in files:
        for node in ast.walk(ast.parse(path.read_bytes())):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and _private(node.name):
                names.add(node.name)
            elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
                if _private(node.attr):
                    names.add(node.attr)
    return names


def our_files() -> list[Path]:
    return sorted(p for folder in OUR_CODE for p in (ROOT / folder).rglob("*.py"))


def test_textuals_private_names_are_used_only_in_the_compat_module() -> None:
    textual_files = sorted(Path(textual.__file__).parent.rglob("*.py"))
    ours = [p for p in our_files() if p != COMPAT]
    # A name our own code defines is ours, even if Textual happens to use it too.
    textual_only = private_names_defined_in(textual_files) - private_names_defined_in(ours)
    used = {
        f"{path.relative_to(ROOT)}:{node.lineno} .{node.attr}"
        for path in ours
        for node in ast.walk(ast.parse(path.read_bytes()))
        if isinstance(node, ast.Attribute) and node.attr in textual_only
    }
    assert not used, "use tui/textual_compat.py for these:\n" + "\n".join(sorted(used))
