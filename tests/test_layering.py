"""tui → reports → store, one way: the core never imports Textual, so it serves the CLI, the exporters and tests."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORE = ("store", "reports")
# What each core package must never import (top-level module names).
FORBIDDEN = {"store": {"textual", "tui", "reports"}, "reports": {"textual", "tui"}}


def imported_modules(path: Path) -> set[str]:
    """Top-level names of every module a file imports, at any depth (also inside functions)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) in (
                "import_module", "__import__") and node.args and isinstance(node.args[0], ast.Constant):
            names.add(str(node.args[0].value).split(".")[0])
    return names


def core_files() -> list[Path]:
    return sorted(p for package in CORE for p in (ROOT / package).rglob("*.py"))


def test_the_core_packages_have_modules_to_check():
    files = core_files()
    assert ROOT / "store" / "text" / "numbers.py" in files and ROOT / "reports" / "engine.py" in files


@pytest.mark.parametrize("path", core_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_core_module_imports_textual_or_a_higher_layer(path):
    package = path.relative_to(ROOT).parts[0]
    assert not imported_modules(path) & FORBIDDEN[package]


def test_the_static_check_does_see_an_import_of_textual(tmp_path):
    probe = tmp_path / "probe.py"
    probe.write_text("def later():\n    from textual.app import App\n    import tui.app.app\n")
    assert {"textual", "tui"} <= imported_modules(probe)


def test_importing_every_core_module_loads_no_textual():
    script = """
import importlib, json, pkgutil, sys
loaded = []
for package in ("store", "reports"):
    pkg = importlib.import_module(package)
    for info in pkgutil.walk_packages(pkg.__path__, package + "."):
        importlib.import_module(info.name)
        loaded.append(info.name)
print(json.dumps({"loaded": loaded, "textual": sorted(m for m in sys.modules if m.split(".")[0] in ("textual", "tui"))}))
"""
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert {"store.text.numbers", "store.edits.workbook", "reports.engine", "reports.tables", "reports.checks"} <= set(
        report["loaded"])
    assert report["textual"] == []
