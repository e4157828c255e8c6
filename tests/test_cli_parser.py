"""The command line in one place: one parser module (tui/cli_parser.py) whose registration gives the parser, the list
of commands and each command's handler; argparse in Indonesian through its own gettext hook; every line through the
one printer, so no subcommand (a new one included) prints a raw control byte; and the schema refusing a control
character in every stored text, on open and on import.

The CLI runs in-process (tui.cli.main with argv, its exit status returned); the hostile workbook of the walk is
planted past the schema with test_cli_output's `unguarded` fixture (store.document.check and store.storage.check
switched off), as if it held escapes from before the gate."""

from __future__ import annotations

import argparse
import ast
import copy
import gettext
import inspect
from pathlib import Path

import orjson
import pytest

from store import schema
from store.demo import demo_document
from store.errors import DocumentInvalid
from store.interchange import export_document
from store.sanitize import FORMAT_CONTROLS
from store.workbook import Workbook
from test_cli_output import argv_for, clean, unguarded  # noqa: F401 - unguarded is a fixture used below
from tui import cli, cli_parser
from tui.cli_messages import BUILD_ERRORS, MESSAGES, PLURALS

ROOT = Path(__file__).resolve().parent.parent
# Every C0 control, DEL, every C1 control, the direction and format controls, and whole escape sequences: a
# retitle (OSC … BEL), a screen wipe (CSI 2J), C1 CSI, a DCS ended by ST.
CONTROLS = "".join(chr(c) for c in [*range(0x20), 0x7F, *range(0x80, 0xA0), *FORMAT_CONTROLS])
SEQUENCES = "\x1b]2;x\x07\x1b[2J\x9b31m\x1bPq\x1b\\"
EVERY = f"Nama{CONTROLS}{SEQUENCES}jahat"


@pytest.fixture(autouse=True)
def _in_a_temporary_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # `template` without -o writes into the current folder


def run(capsys: pytest.CaptureFixture, *argv: object) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in argv])
    got = capsys.readouterr()
    return code, got.out, got.err


def subcommands() -> dict[str, argparse.ArgumentParser]:
    return cli_parser.subcommands(cli_parser.build_parser())


# -- one parser module ---------------------------------------------------------------------------------------------
def test_the_command_list_is_the_parsers_and_each_command_names_a_handler_that_exists() -> None:
    import importlib

    built = subcommands()
    assert cli_parser.names() == tuple(built)  # the names the TUI route checks, without building a parser
    for name, parser in built.items():
        handler = parser.get_default("func")
        assert isinstance(handler, cli_parser.Handler), name
        assert callable(getattr(importlib.import_module(f"tui.{handler.module}"), handler.name)), name


def test_help_lists_every_command_and_says_that_lkjip_workbook_opens_it(capsys: pytest.CaptureFixture) -> None:
    code, out, err = run(capsys, "--help")
    assert code == 0 and err == ""
    assert out.startswith("cara pakai: lkjip [BUKU-KERJA.json] [--mouse]\n            lkjip PERINTAH"), out
    assert "`lkjip BUKU-KERJA.json` membuka buku kerja" in " ".join(out.split())
    listed = {line.split()[0] for line in out.splitlines() if line.startswith("    ") and line.split()}
    assert set(cli_parser.names()) <= listed, listed


def test_a_command_name_is_never_taken_for_a_workbook(monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture) -> None:
    opened: list[list[str]] = []
    monkeypatch.setattr(cli, "_open_tui", lambda argv: opened.append(argv) or 0)
    for name in cli_parser.names():  # run without its arguments: never the TUI opening a file of that name
        run(capsys, name)
    assert opened == []
    run(capsys, "kantor.json")
    assert opened == [["kantor.json"]]


def test_no_handler_is_found_by_its_name_in_globals() -> None:
    for path in sorted((ROOT / "tui").glob("commands*.py")) + [ROOT / "tui" / "cli.py"]:
        assert "globals()" not in path.read_text(), path


# -- argparse in Indonesian ------------------------------------------------------------------------------------------
def message_ids(source: str) -> set[str]:
    """The message ids argparse passes to gettext (`_()`, the singular of `ngettext()`), read from its source."""
    ids = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "ngettext"):
            ids |= {a.value for a in node.args[:1] if isinstance(a, ast.Constant) and isinstance(a.value, str)}
    return ids


def test_every_message_of_this_pythons_argparse_has_its_indonesian() -> None:
    ids = message_ids(inspect.getsource(argparse))
    assert {"usage: ", "unrecognized arguments: %s", "expected one argument"} <= ids  # the reading works
    missing = ids - set(MESSAGES) - set(PLURALS) - BUILD_ERRORS
    assert not missing, f"argparse messages without an Indonesian text in tui/cli_messages.py: {sorted(missing)}"


@pytest.mark.parametrize("argv", [
    ("tables", "{wb}", "--bogus"),  # unrecognized arguments
    ("tables", "{wb}", "--format", "pdf"),  # invalid choice
    ("export", "{wb}", "--format", "md", "--tw", "7"),  # invalid choice of numbers
    ("set", "{wb}"),  # the following arguments are required
    ("rekap",),  # required, nargs="+"
    ("tables", "{wb}", "--year"),  # expected one argument
    ("tables", "{wb}", "--year", "dua"),  # invalid int value
    ("mv", "{wb}", "S1", "--up", "--down"),  # not allowed with argument
    ("mv", "{wb}", "S1"),  # one of the arguments is required
    ("export", "{wb}", "--f", "md"),  # ambiguous option
    ("set", "{wb}", "S1", "nama", "x", "--clear=ya"),  # ignored explicit argument
    ("--",),  # no command
    ("-x",),
], ids=lambda a: "-".join(a).replace("{wb}", "wb"))
def test_every_refusal_argparse_gives_is_one_indonesian_sentence(tmp_path: Path, capsys: pytest.CaptureFixture,
                                                                 argv: tuple[str, ...]) -> None:
    wb = tmp_path / "wb.json"
    Workbook.create(wb, demo_document())
    before = wb.read_bytes()
    code, out, err = run(capsys, *(a.format(wb=wb) for a in argv))
    assert code == 2 and out == "", (code, out, err)
    message = err.rstrip("\n")
    assert message.startswith("Perintah tidak lengkap atau salah: ") and "\n" not in message, message
    english = ("argument", "invalid", "expected", "required", "choose", "unrecognized", "ambiguous", "allowed",
               "ignored", "could match", "usage", "error")
    assert not [w for w in english if w in message], message
    assert wb.read_bytes() == before


def test_a_long_argument_quoted_in_a_refusal_is_cut(capsys: pytest.CaptureFixture) -> None:
    code, _, err = run(capsys, "tables", "wb.json", "--format", "x" * 5000)
    assert code == 2 and "x" * 61 not in err and "\u2026" in err and len(err) < 300, err


def test_help_of_every_subcommand_is_indonesian(capsys: pytest.CaptureFixture) -> None:
    for name in cli_parser.names():
        code, out, err = run(capsys, name, "--help")
        assert code == 0 and err == "", (name, err)
        assert out.startswith(f"cara pakai: lkjip {name} "), out
        assert "opsi:" in out and "menampilkan bantuan ini lalu keluar" in out, out
        for english in ("usage:", "options:", "positional arguments", "show this help", "default:"):
            assert english not in out, (name, english)
    code, out, _ = run(capsys, "--version")
    assert code == 0 and out.startswith("lkjip ")


def test_the_translation_is_lkjips_alone(capsys: pytest.CaptureFixture) -> None:
    """argparse is given its own gettext back after every command, so another parser in the process (pytest's,
    a library's) still speaks as before."""
    run(capsys, "tables", "wb.json", "--bogus")
    run(capsys, "--help")
    assert argparse._ is gettext.gettext and argparse.ngettext is gettext.ngettext  # type: ignore[attr-defined]
    other = argparse.ArgumentParser(prog="lain", exit_on_error=False)
    assert "usage:" in other.format_help() and "show this help message" in other.format_help()


# -- one printer, every subcommand walked ----------------------------------------------------------------------------
def test_the_cli_writes_to_a_terminal_only_through_the_printer() -> None:
    """No `print`, no write to sys.stdout or sys.stderr anywhere in tui/ but tui/printer.py."""
    for path in sorted((ROOT / "tui").rglob("*.py")):
        if path.name == "printer.py":
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                assert node.func.id != "print", f"{path}:{node.lineno} prints outside tui/printer.py"
            if isinstance(node, ast.Attribute) and node.attr in ("write", "buffer", "writelines") and \
                    isinstance(node.value, ast.Attribute) and node.value.attr in ("stdout", "stderr"):
                raise AssertionError(f"{path}:{node.lineno} writes to sys.{node.value.attr} outside tui/printer.py")


def every_control_document() -> dict:
    doc = demo_document()
    for node in doc["nodes"].values():
        node["name"] = f"{node['name']} {EVERY}"
        for ind in node["indicators"]:
            ind["name"] = f"{ind['name']} {EVERY}"
    meta = next(iter(doc["meta"].values()))
    meta["profile"]["instansi"] = f"Kecamatan {EVERY}"
    return doc


def test_no_subcommand_prints_a_raw_control_byte_whatever_the_names_hold(
        tmp_path: Path, capsys: pytest.CaptureFixture, unguarded: None) -> None:  # noqa: F811
    """Every subcommand of the parser (a new one is walked without being named here): run, asked for its help, and
    refused for a hostile option, against a workbook whose names hold every control character and escape sequence;
    then the commands that print stored names at length. Nothing but newline and tab reaches a terminal raw."""
    paths = {"workbook": tmp_path / f"wb{SEQUENCES}.json", "document": tmp_path / f"dok{SEQUENCES}.json",
             "new": tmp_path / f"baru{SEQUENCES}.json", "output": tmp_path / f"keluar{SEQUENCES}.xlsx"}
    Workbook.create(paths["workbook"], every_control_document())
    paths["document"].write_bytes(export_document(every_control_document()))
    wb = str(paths["workbook"])
    other_year = every_control_document()
    next(iter(other_year["meta"].values()))["tahun"] = 2023
    Workbook.create(tmp_path / f"lain{SEQUENCES}.json", other_year)
    walked = []
    for name, parser in subcommands().items():
        walked += [argv_for(name, parser, paths), [name, "--help"], [name, f"--{EVERY}"]]
    extra = [["rm", wb, "S1"], ["mv", wb, "S1", "--down"], ["undo", wb], ["log", wb], ["check", wb],
             ["tables", wb, "--format", "md"], ["tables", wb, "--format", "json"], ["export", wb, "--format", "md"],
             ["export", wb, "--format", "json"], ["rekap", wb, "--format", "md"], ["pejabat", wb],
             ["rekap", wb, str(tmp_path / f"lain{SEQUENCES}.json")],  # refused: the years and their files named
             ["import", str(paths["document"]), str(tmp_path / "lain.json"), "--dry-run"],
             ["set", wb, "Nama", "nama", "x"], ["set", wb, "S1", "nama", EVERY]]
    shown = ""
    for argv in [*walked, *extra]:
        code, out, err = run(capsys, *argv)
        shown += clean(out, f"{argv[0]} stdout {code}") + clean(err, f"{argv[0]} stderr {code}")
    assert "\u241b]2;x\u2407" in shown and "\u241b[2J" in shown  # the names were printed, visibly


# -- the schema refuses a control character in every stored text -----------------------------------------------------
def test_a_name_holding_every_control_planted_by_hand_is_refused_on_open_and_import(
        tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    doc = demo_document()
    rid = next(iter(doc["nodes"]))
    doc["nodes"][rid]["name"] = EVERY
    planted = tmp_path / "tangan.json"
    planted.write_bytes(orjson.dumps(doc))  # a workbook file edited by hand
    before = planted.read_bytes()
    code, out, err = run(capsys, "tables", planted)
    assert code == 1 and out == "" and f"nodes.{rid}.name" in clean(err, "open") and "kendali" in err, err
    assert planted.read_bytes() == before
    document = tmp_path / "dokumen.json"
    document.write_bytes(export_document(doc))
    code, out, err = run(capsys, "import", document, tmp_path / "baru.json")
    assert code == 1 and f"nodes.{rid}.name" in clean(err, "import") and "kendali" in err, err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dokumen.json", "tangan.json"]


@pytest.mark.parametrize("char", list(CONTROLS), ids=lambda c: f"U+{ord(c):04X}")
def test_each_control_character_alone_in_a_name_is_refused(char: str) -> None:
    doc = demo_document()
    next(iter(doc["nodes"].values()))["name"] = f"Nama{char}x"
    with pytest.raises(DocumentInvalid):
        schema.check(doc)


def rich_document(tmp_path: Path, capsys: pytest.CaptureFixture) -> dict:
    """A workbook with every kind of stored text: profile, officials, a lock, narrative, and log entries whose old
    values are whole records (a deleted node and its subtree)."""
    wb = tmp_path / "kaya.json"
    Workbook.create(wb, demo_document())
    for argv in (["set", wb, "S1", "nama", "Sasaran baru"], ["set", wb, "pejabat:sekcam", "nama", "Budi", "--year",
                                                                  "2022"],
                 ["rm", wb, "7.01.02", "--yes"], ["lock", wb, "--year", "2022", "--reason", "tutup buku"]):
        assert run(capsys, *argv)[0] == 0, capsys.readouterr()
    return orjson.loads(wb.read_bytes())


def _texts(value: object, path: tuple = ()):
    """(path, is a key) of every string in a document: its values and its dict keys."""
    if isinstance(value, str):
        yield path, False
    elif isinstance(value, dict):
        for k, v in value.items():
            yield (*path, k), True
            yield from _texts(v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _texts(v, (*path, i))


def test_a_control_character_in_any_stored_text_or_key_is_refused(tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture) -> None:
    """Each place a text is stored (a value or a dict key, once per shape: every node's name is one place), planted
    with a control character (the set cycled through), is refused by the schema open and import both run."""
    doc = rich_document(tmp_path, capsys)
    schema.check(doc)
    assert any(isinstance(e["old"], dict) for e in doc["log"].values()) and doc["narrative"]  # the texts are there
    refused_anywhere = [c for c in CONTROLS if c not in "\n\t"]  # newline and tab belong in a narrative
    shapes: dict[tuple, tuple] = {}
    for path, is_key in _texts(doc):
        shape = tuple("*" if isinstance(p, int) or p.isdigit() else p for p in path)
        shapes.setdefault((shape, is_key), path)
    for i, ((_, is_key), path) in enumerate(sorted(shapes.items(), key=str)):
        changed = copy.deepcopy(doc[path[0]])  # only the table planted in is copied
        holder = changed
        for step in path[1:-1]:
            holder = holder[step]
        char = refused_anywhere[i % len(refused_anywhere)]
        if len(path) == 1:  # a table's own name
            continue  # the document's frame allows only the known tables: see the key test below
        if is_key:
            holder[f"{path[-1]}{char}"] = holder.pop(path[-1])
        else:
            holder[path[-1]] = f"{holder[path[-1]]}{char}"
        with pytest.raises(DocumentInvalid):
            schema.check({**doc, path[0]: changed})
    with pytest.raises(DocumentInvalid):
        schema.check({**doc, f"nodes{refused_anywhere[0]}": {}})
    assert len(shapes) > 100
