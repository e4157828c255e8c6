"""The write path stays one path: only the workbook (store/workbook.py) and its storage (store/storage.py) reach the
workbook's private state, every other module changes the document through the transaction's Writer
(store/writer.py), and the store's modules import one another without a circle.

Both read the source (ast), so a deferred import inside a function counts as much as one at the top: a deferred
import that exists only to break a circle is still a circle.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OWNERS = {ROOT / "store" / "workbook.py", ROOT / "store" / "storage.py"}
# TinyDB's table cache, and what the workbook and its storage keep to themselves.
ALWAYS_PRIVATE = {"_bump_revision", "_log", "_cascade", "_tables", "_storage", "_db", "_writer", "changed_in_place",
                  "replace_whole"}


def _workbook_privates() -> set[str]:
    """The private methods and attributes of class Workbook, read from its source."""
    tree = ast.parse((ROOT / "store" / "workbook.py").read_text())
    cls = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "Workbook")
    names = {n.name for n in cls.body if isinstance(n, ast.FunctionDef) and n.name.startswith("_")
             and not n.name.startswith("__")}
    names |= {n.attr for n in ast.walk(cls) if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name)
              and n.value.id == "self" and n.attr.startswith("_") and not n.attr.startswith("__")}
    return names


def _sources() -> list[Path]:
    return sorted(p for package in ("store", "reports", "tui") for p in (ROOT / package).rglob("*.py")
                  if p not in OWNERS)


def test_no_module_but_the_workbook_and_its_storage_touches_the_workbooks_private_state() -> None:
    private = ALWAYS_PRIVATE | _workbook_privates()
    found = []
    for path in _sources():
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr in private:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno} .{node.attr}")
    assert found == []


def test_tinydb_is_imported_by_the_storage_alone() -> None:
    found = []
    for path in _sources():
        for node in ast.walk(ast.parse(path.read_text())):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            found += [f"{path.relative_to(ROOT)}:{node.lineno}" for n in names if n.split(".")[0] == "tinydb"]
    assert found == []


def _imports(package: str) -> dict[str, set[str]]:
    """Module → the modules of the same package it imports, anywhere in its source (top, function, TYPE_CHECKING)."""
    folder = ROOT / package
    modules = {p.stem for p in folder.glob("*.py")}
    edges: dict[str, set[str]] = {m: set() for m in modules}
    for name in modules:
        for node in ast.walk(ast.parse((folder / f"{name}.py").read_text())):
            targets: list[str] = []
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                targets = [node.module.split(".")[0]] if node.module else [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").startswith(package + "."):
                targets = [node.module.split(".")[1]]  # type: ignore[union-attr]
            elif isinstance(node, ast.Import):
                targets = [a.name.split(".")[1] for a in node.names if a.name.startswith(package + ".")]
            edges[name] |= {t for t in targets if t in modules and t != name}
    return edges


def _circles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(edges[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                out.append(sorted(group))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return out


def test_the_circle_finder_finds_a_circle_made_by_a_deferred_import() -> None:
    assert _circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_the_stores_modules_import_one_another_without_a_circle() -> None:
    assert _circles(_imports("store")) == []


def test_the_edit_value_objects_live_in_a_leaf_of_the_store() -> None:
    assert _imports("store")["edits"] == set()


def test_a_change_made_through_tinydb_inside_a_transaction_is_written_whole(demo_path: Path) -> None:
    """lkjip changes the document through its Writer alone; a script that still goes through TinyDB (the file is a
    TinyDB document and the storage answers TinyDB) marks nothing, so its change must not be lost to reused bytes."""
    from tinydb import TinyDB

    from store.workbook import Workbook

    wb = Workbook.open(demo_path)
    wb.set("kepuasan", "realisasi", "80", 2022)  # the writer now holds every record's bytes
    with wb.transaction() as w:
        rid = next(r for r, n in w.document["nodes"].items() if n["id"] == "S1")
        TinyDB(storage=lambda: wb.storage).table("nodes").update({"name": "Sasaran lewat TinyDB"}, doc_ids=[int(rid)])
    assert Workbook.open(demo_path).cascade().nodes["S1"]["name"] == "Sasaran lewat TinyDB"
