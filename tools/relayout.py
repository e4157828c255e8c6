#!/usr/bin/env python3
"""One-off (issue 19, points 3 and 6): packages that show the house, and tests in folders by layer.

Run once, by the lead, on the merged main, from the repository root, with a clean work tree:

    python3 tools/relayout.py            # checks, moves, rewrites; leaves everything staged, nothing committed
    python3 tools/relayout.py --dry-run  # checks only: says what it would move and what it does not know

What it does, in order:
1. Refuses to run twice (a destination of the map exists already) or on a dirty tree.
2. Refuses, loudly, when it finds a module or a test file the map below does not place (made by another helper
   after the map was drawn): add it to MOVES, STAYS or TEST_FOLDERS and run again.
3. Rewrites every reference to a moved module or file, before moving anything: imports (absolute and relative,
   `from pkg import module` split when the modules now live in different packages), dotted names in code and text
   (`mock.patch("store.storage.os.replace")`, `importlib.import_module("tui.palette")`, `-m tui.cli`, docstrings,
   `lkjip = "tui.cli:main"`), file paths in text (`store/gate.py`) and in `Path` joins (`ROOT / "store" / "x.py"`),
   imports between test modules (`from test_burst_pty import Tui` becomes `from tests.pty.test_burst_pty import Tui`),
   and, in a moved test, `Path(__file__)` one level deeper and the `sys.path.insert` lines it no longer needs.
4. `git mv` per the map; the snapshot folders follow their test module (tests/<layer>/__snapshots__/<module>/).
5. Writes each new package's `__init__.py`: what the package is, its modules, and `__all__` = the modules imported
   from outside it (its face). `tui/cli/__main__.py` keeps `python -m tui.cli` working. tests/ and its folders become
   packages (two test files may then share a basename; the tests import each other as tests.<layer>.<module>).
6. pyproject.toml: package-data for tui/app/app.tcss, import-linter in the test extras (the contracts are in
   .importlinter, run by tests/test_import_contracts.py). README.md's Layout section becomes tools/LAYOUT.md.

Import routes after the move: a name is imported from a module (`from store.disk.storage import AtomicJSONStorage`),
never through a package `__init__` (which imports nothing: start-up stays as lazy as today, and import-linter sees
every module-to-module edge). Inside a package, siblings are imported relatively (`from .storage import ...`); across
packages, absolutely. A name one module re-exports from another (Edit through store.workbook on main) is left as the
code wrote it.
"""

from __future__ import annotations

import argparse
import ast
import io
import re
import subprocess
import sys
import tokenize
from pathlib import Path

# ---------------------------------------------------------------------------------------------------------------------
# THE MAP. Old path -> new path. Every .py file directly in store/, reports/ and tui/ must be in MOVES or STAYS.
# ---------------------------------------------------------------------------------------------------------------------

MOVES: dict[str, str] = {}


def _place(package: str, *names: str) -> None:
    """names are `old` (same basename) or `old=new`: store/<old>.py -> <package>/<new>.py."""
    top = package.split("/")[0]
    for name in names:
        old, _, new = name.partition("=")
        MOVES[f"{top}/{old}.py"] = f"{package}/{new or old}.py"


# store: text <- domain <- document <- disk <- edits <- exchange <- demo (each may import only those to its left)
_place("store/text", "errors", "sanitize", "gate", "numbers", "csv_rows")
_place("store/domain", "model", "cascade", "fields", "pejabat", "codes", "refs", "tw_rule", "identity", "log_names")
_place("store/document", "schema", "schema_compiled", "schema_rules", "schema_messages", "migrate", "document=read")
_place("store/disk", "safefile", "serialize", "storage", "backups", "lock", "precheck", "drafts", "output")
_place("store/edits", "workbook", "structure", "freeze", "year_locks", "recovery", "history", "plans")
_place("store/exchange", "interchange", "sheet_layout", "sheet_cells", "sheet_read", "sheet_parsed", "sheet_counts",
       "sheet_import", "sheet_export", "sheet_fill", "xlsx_io", "xlsx_formulas", "xlsx_guard", "xlsx_write")
# reports: the figures (engine, tables and friends, at reports/) <- outline <- docx <- documents | rekap
_place("reports/outline", "document", "sentences", "md_render=markdown")
_place("reports/docx", "docx_doc=doc", "docx_fields=fields", "docx_pages=pages", "docx_render=render",
       "docx_sign=sign", "docx_stamp=stamp", "docx_tables=tables", "md_to_docx=narrative", "paginate")
_place("reports/documents", "export=lkjip", "pk", "pk_pejabat", "triwulan", "iku", "pohon", "renaksi", "renja_eval",
       "renja_xlsx", "year_docs")
_place("reports/rekap", "rekap", "rekap_files=files")
# tui: the ground (keys, session, shown) <- widgets <- views <- app <- cli
_place("tui/cli", "cli=main", "commands", "commands_cascade=cascade", "commands_sheet=sheets",
       "commands_rekap=rekap", "commands_pejabat=pejabat")
_place("tui/app", "app", "app_parts=parts", "app_writes=writes", "palette", "draft", "lean_output")
# Made by the other helpers of this round (issue 19), as their branches stood at 21:50; a name not here is reported.
_place("store/domain", "edits=edit")  # writepath: Edit, Batch, Target, Applied: plain values, a leaf (refs uses Target)
_place("store/edits", "writer")       # writepath: the handle the transaction gives the code that changes the document
_place("tui/cli", "cli_parser=parser", "cli_messages=messages")  # cli: the one parser, argparse in Indonesian
_place("tui/app", "app_state=state")                     # types: the app's state, the base of its parts
_place("tui/views", "rows", "paste")
MOVES["tui/app.tcss"] = "tui/app/app.tcss"

# Modules that stay where they are (beside the packages: the figures of reports, the ground of tui).
STAYS = {
    "store/__init__.py", "reports/__init__.py", "tui/__init__.py",
    "reports/engine.py", "reports/tables.py", "reports/checks.py", "reports/plausibility.py",
    "reports/cascade_grid.py", "reports/profile.py", "reports/signing.py", "reports/stamp.py", "reports/text.py",
    "reports/renaksi_figures.py", "reports/renja_figures.py",
    "tui/keys.py", "tui/session.py", "tui/shown.py",
    "tui/printer.py",  # the one printer: the command line's, and the app's lines after it leaves the screen
    "tui/screen_roles.py",  # types: what the app may ask of a screen (imports nothing at run time)
}
# Packages that stay whole: a module another helper adds inside them stays with them.
WHOLE = ("store/demo/", "tui/views/", "tui/widgets/")

# Tests by layer: the folder says what the test drives, its name what the operator sees.
TEST_FOLDERS: dict[str, list[str]] = {
    "store": ["test_backups", "test_batch", "test_demo", "test_history", "test_migrate", "test_numbers",
              "test_precheck", "test_recovery", "test_schema", "test_serialize", "test_store_conflicts",
              "test_store_faults", "test_store_hostile", "test_torture", "test_workbook_rules", "test_xlsx",
              "test_xlsx_bombs", "test_xlsx_cells", "test_xlsx_formulas", "test_xlsx_texts", "test_write_path"],
    "reports": ["test_checks", "test_engine", "test_export_docx", "test_export_md", "test_final_copy",
                "test_final_layout", "test_iku_pohon", "test_md_to_docx", "test_pk_budget", "test_pk_pejabat",
                "test_pk_triwulan", "test_plausibility", "test_rekap", "test_rekap_hostile", "test_rekap_totals",
                "test_renaksi", "test_renja_eval", "test_tables", "test_year_and_quarters"],
    "cli": ["test_cli_parser", "test_cli_runner", "test_cli", "test_cli_output", "test_cli_store", "test_cli_width",
            "test_cascade_cli",
            "test_hostile_files", "test_make_run", "test_terminal_safety", "test_two_operators"],
    "tui": ["test_analysis_sections", "test_burst_refusal", "test_cascade_tui", "test_codes_are_names",
            "test_draft_ownership", "test_export_replace", "test_fits_the_screen", "test_form_keys",
            "test_grid_headers", "test_grid_paste", "test_operator_follows", "test_operator_hits",
            "test_profile_form", "test_removed_while_typing", "test_sheet", "test_snapshots", "test_start_screen",
            "test_tui", "test_tui_safety", "test_cell_editing"],
    "pty": ["test_burst_pty", "test_burst_forms_pty", "test_burst_refusal_pty", "test_draft_pty",
            "test_fits_the_screen_pty", "test_lean_output", "test_new_operator_pty", "test_paste_pty"],
    "property": ["test_schema_property", "test_serialize_property", "test_structure_property"],
    "support": ["f7_export"],
}
# Stay in tests/: the fixtures every folder shares, and the tests of the house itself.
TEST_ROOT = {"conftest.py", "__init__.py", "test_layering.py", "test_import_contracts.py", "test_types.py",
             "test_repo_docs.py"}
TEST_DIRS = {"bench", "fixtures", "__snapshots__", "support", "__pycache__", *TEST_FOLDERS}

PACKAGE_DOCS = {
    "store": "The workbook on disk and every way it changes; never imports textual, reports or tui.\n\n"
             "Layers, each importing only those below it: demo, exchange, edits, disk, document, domain, text.",
    "store/text": "Text and numbers at the door: the one gate for text coming in, the one sanitiser for text going "
                  "out,\nthe one number parser and formatter, the one CSV reader, and the errors an operator reads.",
    "store/domain": "The workbook as plain data and its rules: records, the cascade index, the editable fields, "
                    "codes,\nreferences, officials, the quarter rule, and the values of an edit (Edit, Batch, "
                    "Applied). No files.",
    "store/document": "The workbook document as a whole: its one declared schema (and the validators generated from "
                      "it),\nthe rules between records, migration of older schemas, and reading a document's bytes.",
    "store/disk": "Bytes on disk: the one safe writer, the serialised form, TinyDB's storage, backups, the file "
                  "lock,\nthe schema check on a second core, recovery drafts, where an export may land.",
    "store/edits": "The workbook and the one path every edit takes: structure, frozen years, closing a year, "
                   "restore,\nthe one history (undo, redo) and the planners of structural edits.",
    "store/exchange": "The workbook in and out of other files: the JSON interchange document and the spreadsheet "
                      "(layout,\ncells, reading, importing, exporting, filling, and the xlsx/csv files themselves).",
    "reports": "Every figure and every document a workbook gives; never imports textual or tui.\n\n"
               "Here beside the packages: the capaian engine (engine), the LKjIP tables (tables), checks and "
               "plausibility,\nthe figures of the Rencana Aksi and the Renja evaluation, signing and stamps.\n"
               "Layers: documents | rekap, then docx, then outline, then the modules here.",
    "reports/outline": "The LKjIP as a format-neutral outline, its generated sentences, and the outline as Markdown.",
    "reports/docx": "Word: the outline as a .docx, short documents on the LKjIP's page, tables, signatures, stamps, "
                    "an\noperator's Markdown as Word formatting, and page numbers from LibreOffice's layout.",
    "reports/documents": "The documents of a year, one module each: the LKjIP export, PK, triwulan, IKU, pohon "
                         "kinerja,\nRencana Aksi, Renja evaluation.",
    "reports/rekap": "The rekap of many workbooks for a kabupaten's Bagian Organisasi, and its files.",
    "tui": "What the operator sees: the lkjip command line (cli) and the Textual app (app, views, widgets).\n\n"
           "Layers: cli, app, views, widgets, then the ground here (keys, session, shown, printer).",
    "tui/cli": "The lkjip command line: the parser and the commands (every line they print goes through tui.printer).",
    "tui/app": "The Textual app: the app and its parts, the writes it makes, the palette, recovery drafts, and "
               "its lean\nterminal output.",
    "tui/views": "The screens of the app, one module each, with the rows and the paste they share.",
    "tui/widgets": "The widgets the screens are built of: grids, the cascade tree, the edit bar, the key bar, the "
                   "status line.",
}

# Files written for the layout this script makes: never rewritten (an old name inside one is a new name already).
WRITTEN_FOR_THE_NEW_LAYOUT = {".importlinter", "tests/test_import_contracts.py"}

# Added to .importlinter when writepath's store/edits.py (Edit, Batch, Target, Applied) is moved: it stays a leaf.
LEAF_CONTRACT = """
[importlinter:contract:edit-is-a-leaf]
name = The values of an edit (store.domain.edit) import nothing of lkjip
type = forbidden
source_modules =
    store.domain.edit
forbidden_modules =
    store.text
    store.document
    store.disk
    store.edits
    store.exchange
    store.demo
    store.domain.model
    store.domain.cascade
    store.domain.fields
    store.domain.pejabat
    store.domain.codes
    store.domain.refs
    store.domain.tw_rule
    store.domain.identity
    store.domain.log_names
    reports
    tui
"""

# Known code that reads the old flat layout, replaced once the files are moved (old text -> new text, in the moved
# file); a text not found is reported. writepath's circle test read store/*.py flat: it now reads every module of
# the package by its path under it (`domain.edit`), so the circle it looks for may cross the new packages.
SPECIAL_EDITS: list[tuple[str, str, str]] = [
    ("tests/store/test_write_path.py",
     """    folder = ROOT / package
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
""",
     """    folder = ROOT / package
    files = {".".join(p.relative_to(folder).with_suffix("").parts): p for p in folder.rglob("*.py")
             if p.name != "__init__.py" and "__pycache__" not in p.parts}  # `domain.edit`: its path in the package
    edges: dict[str, set[str]] = {m: set() for m in files}
    for name, path in files.items():
        here = name.split(".")[:-1]
        for node in ast.walk(ast.parse(path.read_text())):
            targets: list[str] = []
            if isinstance(node, ast.ImportFrom) and node.level:
                base = ".".join(here[: len(here) - node.level + 1] + ([node.module] if node.module else []))
                targets = [base] + [f"{base}.{a.name}".strip(".") for a in node.names]
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith(package + "."):
                base = (node.module or "")[len(package) + 1:]
                targets = [base] + [f"{base}.{a.name}" for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module == package:
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.Import):
                targets = [a.name[len(package) + 1:] for a in node.names if a.name.startswith(package + ".")]
            edges[name] |= {t for t in targets if t in files and t != name}
    return edges
"""),
    ("tests/store/test_write_path.py", 'assert _imports("store")["edits"] == set()',
     'assert _imports("store")["domain.edit"] == set()'),
]

IDENT = r"[A-Za-z_]\w*"


def sh(*args: str, check: bool = True) -> str:
    result = subprocess.run(args, capture_output=True, text=True)
    if check and result.returncode:
        sys.exit(f"relayout: {' '.join(args)} failed:\n{result.stderr}")
    return result.stdout


def dotted(path: str) -> str:
    """store/edits/workbook.py -> store.edits.workbook; store/demo/__init__.py -> store.demo."""
    parts = path[:-3].split("/")
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


class Relayout:
    def __init__(self, dry_run: bool):
        self.dry_run = dry_run
        self.tracked = sh("git", "ls-files").split()
        self.done: list[str] = []
        self.warnings: list[str] = []

    # ---- 1, 2: refuse what it must ------------------------------------------------------------------------------
    def check(self) -> None:
        fresh = {str(Path(new).parent) for new in MOVES.values()} - {w.rstrip("/") for w in WHOLE}
        def holds_something(path: Path) -> bool:  # a folder left with only __pycache__ by an earlier try is empty
            return path.is_file() or (path.is_dir() and any(
                holds_something(c) for c in path.iterdir() if c.name != "__pycache__"))

        for new in [*MOVES.values(), *fresh]:
            if holds_something(Path(new)):
                sys.exit(f"relayout: {new} exists already: the relayout has run (or the map is stale). Nothing done.")
        if not self.dry_run and sh("git", "status", "--porcelain").strip():
            sys.exit("relayout: the work tree has uncommitted changes; commit them first. Nothing done.")
        moves = {old: new for old, new in MOVES.items() if Path(old).exists()}
        missing = [old for old in MOVES if old not in moves]
        unknown = []
        for top in ("store", "reports", "tui"):
            for p in sorted(Path(top).rglob("*")):
                s = p.as_posix()
                if "__pycache__" in s or p.is_dir() or not (s.endswith(".py") or s.endswith(".tcss")):
                    continue
                if s in moves or s in STAYS or s.startswith(WHOLE):
                    continue
                unknown.append(s)
        self.test_moves: dict[str, str] = {}
        for folder, names in TEST_FOLDERS.items():
            for name in names:
                if Path(f"tests/{name}.py").exists():
                    self.test_moves[f"tests/{name}.py"] = f"tests/{folder}/{name}.py"
                else:
                    missing.append(f"tests/{name}.py")  # removed or renamed by another helper: said below
        for p in sorted(Path("tests").iterdir()):
            if p.is_dir():
                if p.name not in TEST_DIRS:
                    unknown.append(p.as_posix() + "/")
            elif p.suffix == ".py" and p.as_posix() not in self.test_moves and p.name not in TEST_ROOT:
                unknown.append(p.as_posix())
        self.snapshot_moves: dict[str, str] = {}
        snaps = Path("tests/__snapshots__")
        if snaps.is_dir():
            for d in sorted(snaps.iterdir()):
                target = self.test_moves.get(f"tests/{d.name}.py")
                if target is None:
                    unknown.append(d.as_posix() + "/ (a snapshot folder of no moved test module)")
                else:
                    self.snapshot_moves[d.as_posix()] = f"{Path(target).parent}/__snapshots__/{d.name}"
        basenames: dict[str, str] = {}
        for p in [*Path("tests").rglob("test_*.py")]:
            if "bench" not in p.parts and p.name in basenames:
                self.warnings.append(f"two test modules named {p.name}: {basenames[p.name]} and {p} (fine: packages)")
            basenames[p.name] = p.as_posix()
        for m in missing:
            self.warnings.append(f"the map names {m}, which is not here (removed? renamed? then map the new name)")
        if unknown:
            print("relayout: UNKNOWN FILES: the map does not say where these go. Add each to MOVES, STAYS or "
                  "TEST_FOLDERS\nat the top of tools/relayout.py, then run again. Nothing was moved.")
            for u in unknown:
                print(f"    {u}")
        if unknown:
            sys.exit(1)
        self.code_moves = moves

    # ---- the maps ------------------------------------------------------------------------------------------------
    def build_maps(self) -> None:
        self.modmap: dict[str, str] = {}  # old dotted module -> new dotted module
        self.pathmap: dict[str, str] = {}  # old path -> new path (files and snapshot folders)
        for old, new in self.code_moves.items():
            self.pathmap[old] = new
            if old.endswith(".py"):
                self.modmap[dotted(old)] = dotted(new)
        for old, new in {**self.test_moves, **self.snapshot_moves}.items():
            self.pathmap[old] = new
        # Modules of tests/ imported by their basename (pytest put their folder on sys.path, or a sys.path.insert).
        self.testmods = {Path(old).stem: dotted(new) for old, new in self.test_moves.items()}
        self.benchmods = {p.stem: f"tests.bench.{p.stem}" for p in Path("tests/bench").glob("*.py")
                          if p.stem not in ("conftest", "__init__")}
        self.new_packages = sorted({str(Path(new).parent) for new in self.code_moves.values()})
        # Folders of tests/ that were packages already (fasttests' support/): their tests imported them as
        # `from support.cli import lkjip`, from tests/ on sys.path; tests/ now a package, they are tests.support.
        self.testpkgs = {d.name for d in Path("tests").iterdir() if (d / "__init__.py").is_file()}

    def map_module(self, name: str) -> str:
        """The new name of a dotted module name, or of a name inside a module (longest old prefix wins)."""
        parts = name.split(".")
        for i in range(len(parts), 0, -1):
            head = ".".join(parts[:i])
            if head in self.modmap:
                return ".".join([self.modmap[head], *parts[i:]])
        return name

    def map_path(self, path: str) -> str:
        parts = path.split("/")
        for i in range(len(parts), 0, -1):
            head = "/".join(parts[:i])
            if head in self.pathmap:
                return "/".join([self.pathmap[head], *parts[i:]])
        return path

    # ---- 3: rewriting --------------------------------------------------------------------------------------------
    def rewrite_all(self) -> None:
        for path in self.tracked:
            p = Path(path)
            if (not p.exists() or path.startswith(("tools/", "tests/fixtures/")) or path in WRITTEN_FOR_THE_NEW_LAYOUT
                    or "__snapshots__" in path):
                continue
            if not (p.suffix in (".py", ".md", ".toml", ".cfg", ".ini", ".txt", ".tcss")
                    or p.name in ("Makefile", "run")):
                continue
            old = p.read_text(encoding="utf-8")
            new = self.rewrite_py(path, old) if p.suffix == ".py" else self.rewrite_text(old)
            if path in self.test_moves:
                new = self.deepen_test(path, new)
            if new != old:
                if not self.dry_run:
                    p.write_text(new, encoding="utf-8")
                self.done.append(f"rewrote {path}")

    def rewrite_text(self, text: str, dotted_names: bool = True) -> str:
        """Dotted module names and file paths in any text."""
        def in_skip(pos: int) -> bool:
            return False

        def dotted_sub(m: re.Match) -> str:
            return m.group(0) if in_skip(m.start()) else self.map_module(m.group(0))

        def path_sub(m: re.Match) -> str:
            if in_skip(m.start()):
                return m.group(0)
            whole = m.group(0)
            core = whole.rstrip(".-")
            return self.map_path(core) + whole[len(core):]

        def join_sub(m: re.Match) -> str:
            if in_skip(m.start()):
                return m.group(0)
            parts = re.findall(r'"([\w.-]+)"', m.group(0))
            new = self.map_path("/".join(parts))
            if new == "/".join(parts):
                return m.group(0)
            return " / ".join(f'"{x}"' for x in new.split("/"))

        if dotted_names:
            text = re.sub(rf"(?<![\w.])(?:store|reports|tui)(?:\.{IDENT})+", dotted_sub, text)
        text = re.sub(r"(?<![\w./-])(?:store|reports|tui|tests)(?:/[\w.-]+)+", path_sub, text)
        text = re.sub(r'"(?:store|reports|tui|tests)"(?:\s*/\s*"[\w.-]+")+', join_sub, text)
        return text

    def rewrite_py(self, path: str, text: str) -> str:
        try:
            tree = ast.parse(text, filename=path)
        except SyntaxError as e:
            self.warnings.append(f"{path} does not parse ({e}); only its text was rewritten")
            return self.rewrite_text(text)
        # Lines as Python counts them: ended by \n only (str.splitlines also splits at \x0c, \u2028, … in strings).
        lines = re.findall(r"[^\n]*\n|[^\n]+\Z", text)
        starts = [0]
        for line in lines:
            starts.append(starts[-1] + len(line))

        def offset_chars(pos: tuple[int, int]) -> int:  # tokenize counts columns in characters
            return starts[pos[0] - 1] + pos[1]

        def offset(lineno: int, col: int) -> int:  # ast counts them in UTF-8 bytes
            line = lines[lineno - 1] if lineno - 1 < len(lines) else ""
            return starts[lineno - 1] + len(line.encode("utf-8")[:col].decode("utf-8", "replace"))

        old_mod = dotted(path)
        is_pkg = path.endswith("__init__.py")
        old_pkg = old_mod if is_pkg else old_mod.rpartition(".")[0]
        new_path = self.pathmap.get(path, path)
        new_pkg = dotted(new_path) if new_path.endswith("__init__.py") else dotted(new_path).rpartition(".")[0]
        in_bench = path.startswith("tests/bench/")
        edits: list[tuple[int, int, str]] = []
        for node in ast.walk(tree):
            if not isinstance(node, (ast.Import, ast.ImportFrom)):
                continue
            a, b = offset(node.lineno, node.col_offset), offset(node.end_lineno, node.end_col_offset)
            seg = text[a:b]
            new = self.rewrite_import(node, seg, old_pkg, new_pkg, in_bench, path)
            if new is not None and new != seg:
                indent = lines[node.lineno - 1][: len(lines[node.lineno - 1]) - len(lines[node.lineno - 1].lstrip())]
                edits.append((a, b, new.replace("\n", "\n" + indent)))
            else:
                edits.append((a, b, seg))
        # A dotted name in a string or a comment is a module path (mock.patch, import_module, docstrings); in code
        # it is one only when the file binds the package by `import store…` (a pty test's variable `tui` is not).
        bound = {a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names
                 if a.asname is None}
        literal: list[tuple[int, int]] = []
        try:
            for tok in tokenize.generate_tokens(io.StringIO(text).readline):
                if tok.type in (tokenize.STRING, tokenize.COMMENT, getattr(tokenize, "FSTRING_MIDDLE", -1)):
                    literal.append((offset_chars(tok.start), offset_chars(tok.end)))
        except (tokenize.TokenError, SyntaxError):
            literal = [(0, len(text))]
        imports = sorted((a, b) for a, b, _ in edits)
        # Code in a string (`python -c "from tui import cli, commands; ..."`): `from package import modules` is split
        # as an import statement would be.
        for m in re.finditer(rf"\bfrom (store|reports|tui) import ({IDENT}(?:, *{IDENT})*)", text):
            if not any(a <= m.start() < b for a, b in literal):
                continue
            groups: dict[str, list[str]] = {}
            for name in re.split(r", *", m.group(2)):
                target = self.modmap.get(f"{m.group(1)}.{name}", f"{m.group(1)}.{name}")
                parent, _, base = target.rpartition(".")
                groups.setdefault(parent, []).append(base if base == name else f"{base} as {name}")
            new = "; ".join(f"from {parent} import {', '.join(names)}" for parent, names in groups.items())
            if new != m.group(0):
                edits.append((m.start(), m.end(), new))
                self.warnings.append(f"{path}: code in a string: `{m.group(0)}` became `{new}`")
        for m in re.finditer(rf"(?<![\w.])(?:store|reports|tui)(?:\.{IDENT})+", text):
            if any(a <= m.start() < b for a, b in imports):
                continue
            if any(a <= m.start() < b for a, b in literal) or m.group(0).split(".")[0] in bound:
                new = self.map_module(m.group(0))
                if new != m.group(0):
                    edits.append((m.start(), m.end(), new))
        out, pos = [], 0
        for a, b, new in sorted(edits):
            out.append(text[pos:a])
            out.append(new)
            pos = b
        out.append(text[pos:])
        return self.dynamic_handlers(path, self.rewrite_text("".join(out), dotted_names=False))

    def dynamic_handlers(self, path: str, text: str) -> str:
        """cli's parser names each handler "module:function" inside tui and imports f"tui.{module}" when the command
        runs: the handlers all move to tui/cli/, so the prefix becomes tui.cli and each module its new name."""
        if 'f"tui.{' not in text:
            return text
        moved = {Path(old).stem: Path(new).stem for old, new in self.code_moves.items()
                 if old.startswith("tui/") and old.count("/") == 1 and new.startswith("tui/cli/")}

        def handler(m: re.Match) -> str:
            if m.group(1) not in moved:
                if Path(f"tui/{m.group(1)}.py").exists() or m.group(1) in ("app", "keys", "session", "shown"):
                    self.warnings.append(f"{path}: handler \"{m.group(0)}\" is not in tui/cli/ after the move")
                return m.group(0)
            return f'"{moved[m.group(1)]}:{m.group(2)}"'

        text = re.sub(r'"(\w+):(\w+)"', handler, text)
        self.warnings.append(f"{path}: f\"tui.{{…}}\" (a handler's module) became f\"tui.cli.{{…}}\": check it")
        return text.replace('f"tui.{', 'f"tui.cli.{')

    def rewrite_import(self, node, seg: str, old_pkg: str, new_pkg: str, in_bench: bool, path: str) -> str | None:
        if isinstance(node, ast.Import):
            parts, changed = [], False
            for alias in node.names:
                new = self.map_module(alias.name)
                if path.startswith("tests/") and alias.name.split(".")[0] in self.testpkgs:
                    self.warnings.append(f"{path}: `import {alias.name}` binds a name tests/ no longer gives: "
                                         f"write `from tests.{alias.name.rpartition('.')[0] or alias.name} import …`")
                if not in_bench and alias.name in self.testmods:
                    new = self.testmods[alias.name]
                elif not in_bench and alias.name in self.benchmods and path.startswith("tests/"):
                    new = self.benchmods[alias.name]
                asname = alias.asname
                if new != alias.name:
                    changed = True
                    if asname is None and alias.name in {**self.testmods, **self.benchmods}:
                        asname = alias.name
                parts.append(new + (f" as {asname}" if asname else ""))
            return f"import {', '.join(parts)}" if changed else None
        # from X import names
        if node.level:
            base = old_pkg.split(".")
            base = base[: len(base) - (node.level - 1)]
            absmod = ".".join(base + ([node.module] if node.module else []))
        else:
            absmod = node.module or ""
            if path.startswith("tests/") and absmod.split(".")[0] in self.testpkgs:
                names = [a.name + (f" as {a.asname}" if a.asname else "") for a in node.names]
                return self._reflow(seg, self._head(seg, "tests." + absmod), "tests." + absmod, names)
            if not in_bench and path.startswith("tests/"):
                names = [a.name + (f" as {a.asname}" if a.asname else "") for a in node.names]
                if absmod in self.testmods:
                    return self._reflow(seg, self._head(seg, self.testmods[absmod]), self.testmods[absmod], names)
                if absmod in self.benchmods:
                    return self._reflow(seg, self._head(seg, self.benchmods[absmod]), self.benchmods[absmod], names)
        groups: dict[str, list[str]] = {}
        renamed = False
        for alias in node.names:
            sub = f"{absmod}.{alias.name}"
            if sub in self.modmap:  # `from pkg import module`: the module may now live in another package
                target = self.modmap[sub]
                parent, _, base = target.rpartition(".")
                asname = alias.asname or (alias.name if base != alias.name else None)
                groups.setdefault(parent, []).append(base + (f" as {asname}" if asname else ""))
                renamed = renamed or target != sub
            else:
                groups.setdefault(self.map_module(absmod), []).append(
                    alias.name + (f" as {alias.asname}" if alias.asname else ""))
        if not renamed and len(groups) == 1:
            (target,) = groups
            if node.level == 0 and target == absmod:
                return None
            return self._reflow(seg, self._head(seg, self._spell(target, node.level, new_pkg)),
                                self._spell(target, node.level, new_pkg), groups[target])
        if "#" in seg:
            self.warnings.append(f"{path}: a comment inside `{seg.splitlines()[0]}` was dropped when split")
        return "\n".join(self._format(self._spell(target, node.level, new_pkg), names)
                         for target, names in groups.items())

    @staticmethod
    def _spell(target: str, level: int, new_pkg: str) -> str:
        """Relative inside the file's own (new) package when the original was relative; absolute otherwise."""
        if level and target == new_pkg:
            return "."
        if level and target.startswith(new_pkg + ".") and new_pkg:
            return "." + target[len(new_pkg) + 1:]
        return target

    @staticmethod
    def _format(module: str, names: list[str], width: int = 116) -> str:
        """`from module import names`, wrapped as the code base wraps: under the parenthesis (room is left for the
        indent of an import inside a function)."""
        line = f"from {module} import {', '.join(names)}"
        if len(line) <= width:
            return line
        head = f"from {module} import ("
        pad = " " * len(head) if len(head) < 60 else "    "
        lines, current = [], head
        for i, name in enumerate(names):
            piece = name + (")" if i == len(names) - 1 else ",")
            if current not in (head, pad) and len(current) + 1 + len(piece) > width:
                lines.append(current)
                current = pad + piece
            else:
                current += ("" if current in (head, pad) else " ") + piece
        return "\n".join([*lines, current])

    @staticmethod
    def _all(names: list[str]) -> str:
        line = "__all__ = [" + ", ".join(f'"{m}"' for m in names) + "]"
        if len(line) <= 120:
            return line + "\n"
        return "__all__ = [\n" + "".join(f'    "{m}",\n' for m in names) + "]\n"

    def _reflow(self, seg: str, replaced: str, module: str, names: list[str]) -> str:
        """The head replaced keeps the names as written, unless the statement now needs another wrapping (a comment
        inside keeps it as it is)."""
        if "#" in seg or ("\n" not in replaced and len(replaced) <= 116):
            return replaced
        return self._format(module, names)

    @staticmethod
    def _head(seg: str, module: str) -> str:
        return re.sub(r"^from\s+[.\w]+\s+import", f"from {module} import", seg, count=1)

    def deepen_test(self, path: str, text: str) -> str:
        """A test moved one folder down: its own sys.path tricks go, its Path(__file__) climbs one more level."""
        kept = []
        for line in text.splitlines(keepends=True):
            if re.match(r"\s*sys\.path\.insert\(0, str\(.*(__file__|ROOT / \"tests\").*\)\)\s*$", line):
                self.done.append(f"  {path}: dropped `{line.strip()}`")
                continue
            kept.append(line)
        text = "".join(kept)
        here = r"Path\(__file__\)(?:\.resolve\(\))?"
        text = re.sub(rf"({here})\.parents\[(\d)\]", lambda m: f"{m.group(1)}.parents[{int(m.group(2)) + 1}]", text)
        text = re.sub(rf"({here})\.parent\.parent\b(?!\.parent)", r"\1.parents[2]", text)
        text = re.sub(rf"({here})\.parent\b(?!\.parent|s\[)", r"\1.parents[1]", text)
        for m in re.finditer(r".*__file__.*", text):
            if not re.search(rf"{here}\.parents\[\d\]", m.group(0)):
                self.warnings.append(f"{path}: check by hand: {m.group(0).strip()}")
        return text

    # ---- 4: moves ------------------------------------------------------------------------------------------------
    def move_all(self) -> None:
        for old, new in {**self.code_moves, **self.test_moves, **self.snapshot_moves}.items():
            self.done.append(f"git mv {old} {new}")
            if not self.dry_run:
                Path(new).parent.mkdir(parents=True, exist_ok=True)
                sh("git", "mv", old, new)
        if not self.dry_run and Path("tests/__snapshots__").is_dir() and not any(
                Path("tests/__snapshots__").iterdir()):
            Path("tests/__snapshots__").rmdir()

    # ---- 5: package faces ----------------------------------------------------------------------------------------
    def imports_of(self, path: Path) -> set[str]:
        """Every project module a file imports (relative ones resolved), at any depth."""
        mod = dotted(path.as_posix())
        pkg = mod if path.name == "__init__.py" else mod.rpartition(".")[0]
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {a.name for a in node.names}
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = pkg.split(".")[: len(pkg.split(".")) - (node.level - 1)]
                    absmod = ".".join(base + ([node.module] if node.module else []))
                else:
                    absmod = node.module or ""
                found.add(absmod)
                found |= {f"{absmod}.{a.name}" for a in node.names}
            elif isinstance(node, ast.Constant) and isinstance(node.value, str) and re.fullmatch(
                    rf"(?:store|reports|tui)(?:\.{IDENT})+", node.value):
                found.add(node.value)  # importlib.import_module("tui.app.palette"), VIEWS tables, patch targets
        return found

    def write_faces(self) -> None:
        files = [p for top in ("store", "reports", "tui", "tests") for p in Path(top).rglob("*.py")
                 if "__pycache__" not in p.parts]
        imported_from: dict[str, set[str]] = {}
        for f in files:
            importer = dotted(f.as_posix())
            for name in self.imports_of(f):
                imported_from.setdefault(name, set()).add(importer)
        for package in dict.fromkeys([*self.new_packages, "store", "reports", "tui", "tui/views", "tui/widgets"]):
            init = Path(package) / "__init__.py"
            if init.exists() and init.read_text().strip():
                self.warnings.append(f"{init} is not empty: left as it is (add its docstring by hand)")
                continue
            doc = PACKAGE_DOCS.get(package)
            if doc is None:
                self.warnings.append(f"{init}: no docstring in PACKAGE_DOCS")
                doc = "(say what this package is)"
            dotted_pkg = package.replace("/", ".")
            modules = sorted(p.stem for p in Path(package).glob("*.py") if p.stem != "__init__")
            subpackages = sorted(p.name for p in Path(package).iterdir() if (p / "__init__.py").exists())
            public = []
            for m in modules + subpackages:
                full = f"{dotted_pkg}.{m}"
                users = {u for name, us in imported_from.items() if name == full or name.startswith(full + ".")
                         for u in us}
                if any(not (u == dotted_pkg or u.startswith(dotted_pkg + ".")) for u in users):
                    public.append(m)
            width = max((len(m) for m in modules + subpackages), default=0)
            rows = []
            for m in subpackages + modules:
                target = Path(package) / m / "__init__.py" if m in subpackages else Path(package) / f"{m}.py"
                doc_of = ast.get_docstring(ast.parse(target.read_text(encoding="utf-8"))) or ""
                first = " ".join(doc_of.split("\n\n")[0].split())  # the first paragraph, on one line
                mark = "" if m in public else "  (inside)"
                room = 114 - width - len(mark)
                first = first if len(first) <= room else first[: room - 1] + "…"
                rows.append(f"    {m.ljust(width)}  {first}{mark}".rstrip())
            body = (f'"""{doc}\n\nEach name is imported from its module, never through a package: this '
                    f"file imports\nnothing, so importing one module loads no other. __all__ is the package's face: "
                    f"what is used from\noutside it; the rest is inside.\n\n" + "\n".join(rows) + '\n"""\n\n'
                    + self._all(public))
            if not self.dry_run:
                init.write_text(body, encoding="utf-8")
                sh("git", "add", str(init))
            self.done.append(f"wrote {init} (face: {', '.join(public) or 'nothing'})")
        main = Path("tui/cli/__main__.py")
        if not self.dry_run:
            main.write_text('"""`python -m tui.cli`: the lkjip command, as `lkjip` runs it."""\n\nimport sys\n\n'
                            "from tui.cli.main import main\n\nsys.exit(main())\n", encoding="utf-8")
            sh("git", "add", str(main))
        self.done.append(f"wrote {main}")
        for folder in ["", *TEST_FOLDERS, "bench"]:
            init = Path("tests", folder, "__init__.py")
            if not init.exists():
                if not self.dry_run:
                    init.parent.mkdir(parents=True, exist_ok=True)
                    init.write_text("", encoding="utf-8")
                    sh("git", "add", str(init))
                self.done.append(f"wrote {init} (empty: tests import each other as tests.<folder>.<module>)")

    # ---- 6: pyproject --------------------------------------------------------------------------------------------
    def pyproject(self) -> None:
        p = Path("pyproject.toml")
        text = p.read_text(encoding="utf-8")
        new = re.sub(r'(?m)^tui = \["\*\.tcss"\]', '"tui.app" = ["*.tcss"]', text)
        if new == text:
            self.warnings.append('pyproject.toml: `tui = ["*.tcss"]` not found: set package-data for tui.app by hand')
        if "import-linter" not in new:
            m = re.search(r"(?ms)^test = \[\n(.*?)^\]", new)
            if m:
                line = ('    "import-linter==2.17",  # the import contracts in .importlinter '
                        '(tests/test_import_contracts.py)\n')
                new = new[: m.end(1)] + line + new[m.end(1):]
            else:
                self.warnings.append("pyproject.toml: no `test = [` extras list: add import-linter==2.17 by hand")
        if new != text:
            if not self.dry_run:
                p.write_text(new, encoding="utf-8")
            self.done.append("pyproject.toml: package-data tui.app/*.tcss, import-linter in the test extras")

    # ---- the README's Layout section ------------------------------------------------------------------------------
    def readme(self) -> None:
        """README.md's `## Layout` section (to the next `## ` or the end) becomes tools/LAYOUT.md."""
        draft, readme = Path("tools/LAYOUT.md"), Path("README.md")
        text = readme.read_text(encoding="utf-8")
        section = draft.read_text(encoding="utf-8")
        m = re.search(r"(?ms)^## Layout\n.*?(?=^## |\Z)", text)
        if m is None:
            self.warnings.append("README.md has no `## Layout` section: tools/LAYOUT.md appended at the end")
            new = text.rstrip("\n") + "\n\n" + section
        else:
            tail = text[m.end():]
            new = text[: m.start()] + section + ("\n" + tail if tail else "")
        if not self.dry_run:
            readme.write_text(new, encoding="utf-8")
        self.done.append("README.md: the Layout section is tools/LAYOUT.md")

    # ---- after: what is left --------------------------------------------------------------------------------------
    def residue(self) -> None:
        """Old module names or paths still written somewhere (built at run time, or missed): listed, not fixed."""
        packages = {p.replace("/", ".") for p in self.new_packages}
        olds = sorted(set(self.modmap) - packages, key=len, reverse=True)  # `from tui.app import …` is new, too
        pattern = re.compile(r"(?<![\w.])(" + "|".join(re.escape(o) for o in olds) + r")(?![\w])(?!\.(?:py|tcss))")
        for path in sh("git", "ls-files").split():
            p = Path(path)
            if (not p.exists() or path == "tools/relayout.py" or p.suffix not in (".py", ".md", ".toml")
                    or "__snapshots__" in path or path.startswith("tests/fixtures/")):
                continue
            for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1):
                if path.startswith("tests/") and re.search(r'(?<!r)glob\("\*\.py"\)', line):
                    self.warnings.append(f"{path}:{i}: reads a folder flat; packages now have subfolders: "
                                         f"{line.strip()[:80]}")
                built = re.search(r'f"(?:store|reports|tui)\.\{|"(?:store|reports|tui)\." *\+', line)
                if built and "tui.cli.{" not in line:
                    self.warnings.append(f"{path}:{i}: a module name built at run time: {line.strip()[:100]}")
                for m in pattern.finditer(line):
                    # A new name may begin with an old one (store.document.schema): only a full old name counts.
                    if any(line.startswith(n, m.start()) for n in self.modmap.values()
                           if n.startswith(m.group(1) + ".")):
                        continue
                    self.warnings.append(f"{path}:{i}: still names {m.group(1)}: {line.strip()[:100]}")

    def special_edits(self) -> None:
        for path, old, new in SPECIAL_EDITS:
            p = Path(path)
            text = p.read_text(encoding="utf-8") if p.exists() else ""
            if old not in text:
                self.warnings.append(f"{path}: the known flat-layout code to replace is not there: look by hand")
                continue
            p.write_text(text.replace(old, new), encoding="utf-8")
            self.done.append(f"{path}: reads the package's modules in its subfolders")

    def contracts(self) -> None:
        if "store/edits.py" in self.code_moves:
            if not self.dry_run:
                with open(".importlinter", "a", encoding="utf-8") as f:
                    f.write(LEAF_CONTRACT)
            self.done.append(".importlinter: contract edit-is-a-leaf (store.domain.edit imports nothing of lkjip)")

    def run(self) -> None:
        self.check()
        self.build_maps()
        self.rewrite_all()
        self.pyproject()
        self.readme()
        self.contracts()
        self.move_all()
        if not self.dry_run:
            self.special_edits()
            self.write_faces()
            self.residue()
            bad = subprocess.run([sys.executable, "-m", "compileall", "-q", "store", "reports", "tui", "tests"],
                                 capture_output=True, text=True)
            if bad.returncode:
                self.warnings.append("compileall failed:\n" + bad.stdout + bad.stderr)
        for line in self.done:
            print(line)
        print(f"\nrelayout: {len(self.code_moves)} modules and {len(self.test_moves)} test files moved"
              + (" (dry run: nothing changed)" if self.dry_run else "; everything is staged, nothing committed."))
        if self.warnings:
            print("\nrelayout: LOOK AT THESE:")
            for w in self.warnings:
                print(f"  ! {w}")
        if not self.dry_run:
            print("\nNext: git add -A && git commit -m 'Packages that show the house; tests in folders by layer' ;\n"
                  "      make .venv/.installed (pyproject changed) ; .venv/bin/lint-imports ; make test\n"
                  "To start again: git reset --hard && git clean -fdx store reports tui tests")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dry-run", action="store_true", help="check and list, change nothing")
    args = parser.parse_args()
    root = Path(sh("git", "rev-parse", "--show-toplevel").strip())
    import os
    os.chdir(root)
    Relayout(args.dry_run).run()


if __name__ == "__main__":
    main()
