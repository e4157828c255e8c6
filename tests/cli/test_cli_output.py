"""Issue 20: one gate for every text that enters, one for every text that leaves to a terminal.

Every subcommand the parser knows (taken from the parser itself, so a new one is walked too) is run with hostile
texts: a workbook planted by hand whose names hold terminal escapes (refused on open: the refusal itself must emit
nothing raw), a sound workbook whose FILE NAME holds them and arguments that hold them (quoted back in messages),
and, in-process with the schema switched off, a workbook that holds them anyway (every line a subcommand prints
about stored names: rm's list, mv, undo, import --dry-run, rekap's Berkas column). Nothing but newline and tab may
reach stdout or stderr raw."""

from __future__ import annotations

import argparse
import re
import subprocess
from pathlib import Path

import openpyxl
import orjson
import pytest

from store.demo import demo_document
from store.exchange.interchange import export_document
from store.edits.workbook import Workbook
from tui.cli import main as cli, parser as cli_parser
from tests.support.cli import lkjip as run_lkjip

ROOT = Path(__file__).resolve().parents[2]
ESCAPES = "\x1b]2;x\x07\x9b31m\r\u202e\x07"  # retitle, C1 CSI, CR, RLO, BEL
NAME = f"Nama{ESCAPES}jahat"
# What must never reach a terminal raw: C0 but newline and tab, DEL, C1, direction and format controls.
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\ufeff\u202a-\u202e\u2066-\u2069]")


@pytest.fixture(autouse=True)
def _in_a_temporary_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A subcommand walked without -o (template) writes its default name into the current folder: never the repo."""
    monkeypatch.chdir(tmp_path)


def lkjip(*args: object) -> subprocess.CompletedProcess:
    return run_lkjip(*args, text=False)


def clean(data: bytes | str, what: str) -> str:
    text = data.decode("utf-8") if isinstance(data, bytes) else data
    found = sorted({hex(ord(c)) for c in RAW.findall(text)})
    assert not found, (what, found, text[:300])
    assert "Traceback" not in text and "Kesalahan tak terduga" not in text, (what, text[:500])
    return text


def subcommands() -> dict[str, argparse.ArgumentParser]:
    return cli_parser.subcommands(cli_parser.build_parser())


# A value for every positional argument and required option, by its dest: a new subcommand built of these is walked
# without being named here; one with a new argument fails below, saying which.
def _values(paths: dict[str, Path]) -> dict[str, str]:
    return {"workbook": str(paths["workbook"]), "workbooks": str(paths["workbook"]), "document": str(paths["document"]),
            "ref": "S1", "field": "nama", "value": NAME, "level": "tujuan", "name": NAME, "output": str(paths["output"]),
            "year": "2022", "reason": NAME, "parent": "T1"}


CREATES = {"init", "import"}  # these make a new workbook: they get a path that does not exist yet


def argv_for(command: str, parser: argparse.ArgumentParser, paths: dict[str, Path]) -> list[str]:
    values = _values(paths)
    if command in CREATES:
        values = {**values, "workbook": str(paths["new"])}
    positionals, options = [], []
    grouped = {a for g in parser._mutually_exclusive_groups for a in g._group_actions}
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction) or action.dest == argparse.SUPPRESS or action in grouped:
            continue
        if not action.option_strings:
            assert action.dest in values, f"lkjip {command}: give the positional {action.dest!r} a hostile value here"
            positionals.append(values[action.dest])
        elif action.required:
            if action.choices:
                options += [action.option_strings[0], str(next(iter(action.choices)))]
            else:
                assert action.dest in values, f"lkjip {command}: give the option {action.dest!r} a value here"
                options += [action.option_strings[0], values[action.dest]]
    for group in parser._mutually_exclusive_groups:
        if group.required:
            flag = next((a for a in group._group_actions if a.nargs == 0), group._group_actions[0])
            options += [flag.option_strings[0]] + ([] if flag.nargs == 0 else [values[flag.dest]])
    if command == "init":
        options += ["--instansi", NAME, "--pemda", "Kabupaten", "--periode", "2021-2026"]
    return [command, *positionals, *options]


@pytest.fixture
def paths(tmp_path: Path) -> dict[str, Path]:
    document = tmp_path / f"dokumen{ESCAPES}.json"
    document.write_bytes(export_document(demo_document()))
    return {"workbook": tmp_path / f"wb{ESCAPES}.json", "document": document, "new": tmp_path / f"baru{ESCAPES}.json",
            "output": tmp_path / f"keluar{ESCAPES}.xlsx"}


def hostile_document() -> dict:
    doc = demo_document()
    for node in doc["nodes"].values():
        node["name"] = f"{node['name']} {ESCAPES}"
        for ind in node["indicators"]:
            ind["name"] = f"{ind['name']} {ESCAPES}"
    next(iter(doc["meta"].values()))["profile"]["instansi"] = f"Kecamatan {ESCAPES}"
    return doc


def test_every_subcommand_is_walked() -> None:
    """The walk below covers the parser's subcommands, whatever they are: the list is not kept by hand."""
    assert set(subcommands()) >= {"init", "tables", "set", "rm", "mv", "undo", "rekap", "import", "add"}
    for command, parser in subcommands().items():
        argv_for(command, parser, {k: Path(k) for k in ("workbook", "document", "new", "output")})


def test_a_planted_hostile_workbook_is_refused_by_every_subcommand_and_the_refusal_emits_nothing_raw(
        paths: dict[str, Path]) -> None:
    paths["workbook"].write_bytes(orjson.dumps(hostile_document()))
    before = paths["workbook"].read_bytes()
    for command, parser in subcommands().items():
        argv = argv_for(command, parser, paths)
        result = lkjip(*argv)
        clean(result.stdout, f"{command} stdout")
        message = clean(result.stderr, f"{command} stderr")
        if command not in CREATES | {"template", "backups"}:  # these three do not read the workbook
            assert result.returncode != 0 and message, command
    assert paths["workbook"].read_bytes() == before


def test_a_file_name_and_arguments_with_escapes_are_shown_never_emitted_by_every_subcommand(
        paths: dict[str, Path]) -> None:
    Workbook.create(paths["workbook"], demo_document())
    for command, parser in subcommands().items():
        argv = argv_for(command, parser, paths)
        result = lkjip(*argv)
        clean(result.stdout, f"{command} stdout")
        clean(result.stderr, f"{command} stderr")
    rekap = lkjip("rekap", paths["workbook"]).stdout.decode()
    assert "wb\u241b]2;x\u2407" in rekap  # the Berkas column names the file, visibly


@pytest.fixture
def unguarded(monkeypatch: pytest.MonkeyPatch) -> None:
    """The schema switched off, as if a workbook held escapes from before the gate: the output gate alone."""
    import store.document.read
    import store.disk.storage

    monkeypatch.setattr(store.document.read, "check", lambda *a, **k: None)
    monkeypatch.setattr(store.disk.storage, "check", lambda *a, **k: None)


def test_stored_escapes_reach_no_terminal_from_any_subcommand(paths: dict[str, Path], unguarded: None,
                                                                 capsys: pytest.CaptureFixture) -> None:
    Workbook.create(paths["workbook"], hostile_document())
    hostile_json = paths["document"].with_name(f"serangan{ESCAPES}.json")
    hostile_json.write_bytes(export_document(hostile_document()))
    wb = str(paths["workbook"])
    extra = [
        ["rm", wb, "S1"],  # refused: the list of what would go, names and all
        ["mv", wb, "S1", "--down"], ["mv", wb, "S1", "--up"],
        ["add", wb, "tujuan", "Tujuan baru"], ["undo", wb], ["undo", wb],
        ["import", str(hostile_json), str(paths["new"]), "--dry-run"],
        ["tables", wb, "--format", "md"], ["tables", wb, "--format", "json"],
        ["export", wb, "--format", "md"], ["export", wb, "--format", "json"],
        ["rekap", wb, "--format", "md"], ["rekap", wb, "--format", "json"], ["check", wb], ["log", wb],
        ["set", wb, "Nama", "nama", "x"],  # several candidates, each named
    ]
    walked = [argv_for(c, p, paths) for c, p in subcommands().items()]
    shown = ""
    for argv in [*walked, *extra]:
        code = cli.main(argv)
        got = capsys.readouterr()
        shown += clean(got.out, f"{argv[0]} stdout {code}") + clean(got.err, f"{argv[0]} stderr {code}")
    assert "\u241b]2;x\u2407" in shown  # the names were printed, visibly


# -- what enters ------------------------------------------------------------------------------------------------
def _import_refused(tmp_path: Path, document: dict, *expected: str) -> str:
    source = tmp_path / "masuk.json"
    source.write_bytes(export_document(document))
    target = tmp_path / "wb.json"
    result = lkjip("import", source, target)
    message = clean(result.stderr, "import")
    assert result.returncode == 1, message
    for text in expected:
        assert text in message, message
    assert sorted(p.name for p in tmp_path.iterdir()) == ["masuk.json"]  # nothing written, no lock left
    return message


def test_a_600_character_name_from_json_is_refused_and_not_quoted_whole(tmp_path: Path) -> None:
    doc = demo_document()
    rid = next(iter(doc["nodes"]))
    doc["nodes"][rid]["name"] = "n" * 600
    message = _import_refused(tmp_path, doc, f"nodes.{rid}.name", "600 karakter", "500")
    assert "n" * 61 not in message


def test_a_32767_character_rumus_is_refused(tmp_path: Path) -> None:
    doc = demo_document()
    rid, node = next((rid, n) for rid, n in doc["nodes"].items() if n["indicators"])
    node["indicators"][0]["rumus"] = "r" * 32767
    _import_refused(tmp_path, doc, f"nodes.{rid}.indicators.0.rumus", "32767 karakter")


def test_a_revision_of_1e20_is_refused_on_import(tmp_path: Path) -> None:
    doc = demo_document()
    raw = export_document(doc).replace(b'"revision": 0', b'"revision": 1e+20')
    assert b"1e+20" in raw
    (tmp_path / "masuk.json").write_bytes(raw)
    result = lkjip("import", tmp_path / "masuk.json", tmp_path / "wb.json")
    message = clean(result.stderr, "import")
    assert result.returncode == 1 and "meta.1.revision" in message and "terlalu besar" in message, message
    assert sorted(p.name for p in tmp_path.iterdir()) == ["masuk.json"]


@pytest.mark.parametrize("name", ["Kec\x85amatan", "Kec\x9b31mamatan", "Kec\ramatan", "Kec\u202eamatan",
                                  "n" * 600, "n" * 1999], ids=["nel", "csi", "cr", "rlo", "600", "1999"])
def test_an_xlsx_name_the_gate_refuses_builds_no_workbook(tmp_path: Path, name: str) -> None:
    demo = tmp_path / "demo.json"
    Workbook.create(demo, demo_document())
    sheet = tmp_path / "isi.xlsx"
    assert lkjip("export", demo, "--format", "xlsx", "--year", 2022, "-o", sheet).returncode == 0
    book = openpyxl.load_workbook(sheet)
    ws = book["Kaskade"]
    col = next(c.column for c in ws[1] if c.value == "Nama")
    ws.cell(2, col, name)
    book.save(sheet)
    result = lkjip("import", sheet, tmp_path / "baru.json")
    message = clean(result.stderr, "import xlsx")
    assert result.returncode == 1 and ("karakter kendali" in message or "batas 500" in message), message
    assert not (tmp_path / "baru.json").exists() and not (tmp_path / "baru.json.lock").exists()
    assert name[:61] not in message


def _master(tmp_path: Path, line: str) -> Path:
    wb = tmp_path / "wb.json"
    Workbook.create(wb, demo_document())
    (tmp_path / "kode.csv").write_text("kode,nama\n7.01.02.2.02.0009,Sub yang baik\n" + line + "\n")
    return wb


@pytest.mark.parametrize("name, reason", [
    ("Nama\x1b]2;x\x07jahat", "karakter kendali"), ("Nama\x07", "karakter kendali"),
    ("Nama \u202ejahat", "karakter kendali U+202E"), ("Nama\x85", "karakter kendali U+0085"),
    ("n" * 700, "700 karakter"), ("x" * 200_000, "KB"),
], ids=["osc", "bel", "rlo", "nel", "700", "200kb"])  # short ids: pytest puts the id in the environment of every subprocess
def test_a_master_list_name_the_gate_refuses_is_refused_by_add_with_its_line(tmp_path: Path, name: str,
                                                                                reason: str) -> None:
    wb = _master(tmp_path, f"7.01.02.2.02.0010,{name}")
    before = wb.read_bytes()
    result = lkjip("add", wb, "subkegiatan", "-", "--parent", "7.01.02.2.02", "--code", "7.01.02.2.02.0010")
    message = clean(result.stderr, "add")
    assert result.returncode == 1 and "baris 3" in message and "kolom 2" in message and reason in message, message
    assert len(message) < 300 and wb.read_bytes() == before


def test_a_sound_master_list_still_names_the_code(tmp_path: Path) -> None:
    wb = _master(tmp_path, "7.01.02.2.02.0010,Sub kedua")
    result = lkjip("add", wb, "subkegiatan", "-", "--parent", "7.01.02.2.02", "--code", "7.01.02.2.02.0009")
    assert result.returncode == 0 and "Sub yang baik" in result.stdout.decode(), result.stderr


def test_a_csv_field_over_the_limit_is_refused_in_indonesian_with_its_place(tmp_path: Path) -> None:
    source = tmp_path / "isi.csv"
    source.write_text("Tingkat;Kode;Nama\nTujuan;;" + "x" * 200_000 + "\n")
    result = lkjip("import", source, tmp_path / "wb.json")
    message = clean(result.stderr, "import csv")
    assert result.returncode == 1 and "baris 2, kolom 3" in message and "field larger" not in message, message


# -- messages in Indonesian ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("suffix", [".xlsx", ".csv", ".json"])
def test_a_missing_document_is_said_in_indonesian(tmp_path: Path, suffix: str) -> None:
    result = lkjip("import", tmp_path / f"tidak-ada{suffix}", tmp_path / "wb.json")
    message = clean(result.stderr, "import")
    assert result.returncode == 1 and "berkas tidak ada" in message and "No such" not in message, message


def test_a_required_argument_is_named_in_indonesian() -> None:
    result = lkjip("rekap")
    message = clean(result.stderr, "rekap")
    assert result.returncode == 2 and "wajib diisi: BUKU-KERJA" in message and "workbooks" not in message, message
    for command, parser in subcommands().items():  # every positional has its Indonesian name
        for action in parser._actions:
            if not action.option_strings and action.dest != argparse.SUPPRESS:
                assert action.metavar and action.metavar.upper() == action.metavar, (command, action.dest)


def test_a_refused_create_leaves_no_lock_file(tmp_path: Path) -> None:
    from store.text.errors import WorkbookError

    doc = demo_document()
    next(iter(doc["nodes"].values()))["name"] = "  "  # refused by the schema before and after the gate
    with pytest.raises(WorkbookError) as refused:
        Workbook.create(tmp_path / "wb.json", doc)
    assert list(tmp_path.iterdir()) == []
    assert "tidak dibuat, nodes.1.name" in refused.value.message


def test_an_os_refusal_anywhere_is_said_in_indonesian(monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture) -> None:
    """Root passes every permission check, so the refusal is raised where a command would meet it."""
    import errno

    from tui.cli import commands

    def refused(args):
        raise PermissionError(errno.EACCES, "Permission denied", f"/data/kantor{ESCAPES}.json")

    monkeypatch.setattr(commands, "cmd_tables", refused)
    assert cli.main(["tables", "x.json"]) == 1
    message = clean(capsys.readouterr().err, "tables")
    assert "izin" in message and "Permission" not in message and "kantor" in message, message
