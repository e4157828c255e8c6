"""A hostile test of the store (issue 20): each test is one failure found, run as the operator runs it (the `lkjip`
command in a subprocess) on files in the test's own folder.

- a hard-linked workbook splits into two (two inodes after the first save, two logs, two locks);
- a locked year's report changes through a structural edit (a code, an added or removed row);
- `export --force` replaces a workbook this version cannot read;
- `restore --from` puts another office's workbook in place;
(the planted recovery drafts are in tests/tui/test_draft_ownership.py.)
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import orjson
import pytest

from store.demo import demo_document
from store.edits.workbook import Workbook
from tests.support.cli import lkjip

SAFETY = 120  # seconds: only against a hung child
IKM = "S1/1"


def refused(done: subprocess.CompletedProcess) -> str:
    """The one-sentence Indonesian refusal: a non-zero exit, nothing on stdout, no traceback."""
    assert done.returncode != 0, done.stdout
    assert "Traceback" not in done.stderr and done.stderr.strip(), done.stderr
    return done.stderr


# -- export --force never replaces a workbook, whatever its state -------------------------------------------------------
def _newer_schema(good: bytes) -> bytes:
    doc = orjson.loads(good)
    next(iter(doc["meta"].values()))["schema"] = 99
    return orjson.dumps(doc, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS)


def _unknown_key(good: bytes) -> bytes:
    doc = orjson.loads(good)
    doc["lampiran"] = {"1": {"catatan": "tabel baru versi berikutnya"}}
    return orjson.dumps(doc, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS)


UNREADABLE = {
    "newer-schema": _newer_schema,
    "truncated": lambda good: good[: len(good) // 3],
    "unknown-key": _unknown_key,
    "tinydb-default": lambda good: b'{"_default": {"1": {"nama": "data lama"}}}',
    # Still a workbook lkjip opens, but its keys lie beyond the first megabyte the sniffer reads.
    "padded": lambda good: b" " * (2**20 + 10) + good,
    "first-key-far": lambda good: b'{"~catatan": "' + b"x" * 2**20 + b'", ' + good.lstrip()[1:],
}


@pytest.mark.parametrize("kind", sorted(UNREADABLE))
def test_export_force_never_replaces_a_workbook_this_version_cannot_read(demo_path: Path, kind: str) -> None:
    victim = demo_path.parent / "kantor-lain.json"
    victim.write_bytes(UNREADABLE[kind](demo_path.read_bytes()))
    before = victim.read_bytes()
    for fmt in ("md", "json"):
        err = refused(lkjip("export", demo_path, "--format", fmt, "-o", victim, "--force"))
        assert "buku kerja" in err and "Ditulis" not in err
    assert victim.read_bytes() == before


def test_export_force_still_replaces_an_earlier_export_and_any_other_file(demo_path: Path) -> None:
    out = demo_path.parent / "ekspor.json"
    assert lkjip("export", demo_path, "--format", "json", "-o", out).returncode == 0
    assert lkjip("export", demo_path, "--format", "json", "-o", out, "--force").returncode == 0
    notes = demo_path.parent / "catatan.txt"
    notes.write_text('{"judul": "bukan buku kerja"}\n')
    assert lkjip("export", demo_path, "--format", "md", "-o", notes, "--force").returncode == 0
    big = demo_path.parent / "ekspor-kabupaten.json"  # an export larger than the megabyte looked at
    big.write_bytes(b'{"format": "lkjip-ekspor", "version": 1, "workbook": {"catatan": "' + b"x" * 2**21 + b'"}}')
    assert lkjip("export", demo_path, "--format", "json", "-o", big, "--force").returncode == 0


# -- one workbook, one file: a hard link is refused -------------------------------------------------------------------
def test_a_hard_linked_workbook_is_refused_through_either_name_and_never_splits(demo_path: Path) -> None:
    alias = demo_path.parent / "alias.json"
    os.link(demo_path, alias)
    before = demo_path.read_bytes()
    for name, value in ((demo_path, "80"), (alias, "81")):
        err = refused(lkjip("set", name, IKM, "realisasi", value, "--year", "2022"))
        assert "tautan keras" in err and "-samefile" in err, err
    assert os.stat(demo_path).st_ino == os.stat(alias).st_ino  # still one file, with both names
    assert demo_path.read_bytes() == before
    assert not list(demo_path.parent.glob("alias.json*"))[1:]  # refused on reading: no second lock, no backups
    os.unlink(alias)  # the way out the message gives: one name again
    assert lkjip("set", demo_path, IKM, "realisasi", "80", "--year", "2022").returncode == 0


# -- a locked year's report never changes through a structural edit -----------------------------------------------------
def tables(path: Path, year: int) -> list:
    done = lkjip("tables", path, "--year", year, "--format", "json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)["tables"]


def test_a_code_change_is_refused_while_a_year_whose_tables_print_it_is_locked(demo_path: Path) -> None:
    assert lkjip("lock", demo_path, "--year", "2022").returncode == 0
    shown, before = tables(demo_path, 2022), demo_path.read_bytes()
    err = refused(lkjip("set", demo_path, "7.01.02", "kode", "7.01.09"))
    assert "2022" in err and "dikunci" in err and "unlock" in err
    assert tables(demo_path, 2022) == shown and demo_path.read_bytes() == before
    assert "7.01.09" not in json.dumps(shown)


def test_removing_an_indicator_whose_earlier_realisasi_a_locked_year_prints_is_refused(demo_path: Path) -> None:
    # Tabel 3.1 and 3.2 of 2023 print IKM's realisasi of 2022; IKM holds nothing of 2023, and 2022 is open.
    assert lkjip("set", demo_path, IKM, "target", "", "--clear", "--year", "2023").returncode == 0
    assert lkjip("lock", demo_path, "--year", "2023").returncode == 0
    shown = tables(demo_path, 2023)
    err = refused(lkjip("rm", demo_path, IKM, "--yes"))
    assert "2023" in err and "dikunci" in err
    assert tables(demo_path, 2023) == shown


@pytest.mark.parametrize("argv", [
    ("add", "@", "indikator", "Jumlah dokumen baru", "--parent", "S1", "--satuan", "dokumen"),
    ("add", "@", "sasaran", "Sasaran baru", "--parent", "T1"),
    ("add", "@", "subkegiatan", "Sub kegiatan baru", "--parent", "7.01.02.2.02", "--code", "7.01.02.2.02.0009"),
    ("mv", "@", "7.01.01.2.01.0001", "--down"),
    ("rm", "@", "7.01.01.2.01.0001", "--yes"),
])
def test_adding_moving_or_removing_a_row_of_a_locked_years_tables_is_refused(demo_path: Path, argv) -> None:
    """Every year's report prints the whole cascade (Tabel 1.2, 2.1, 3.1, anggaran): a new row, a row gone or a row
    elsewhere changes the locked year's tables."""
    assert lkjip("lock", demo_path, "--year", "2022").returncode == 0
    shown, before = tables(demo_path, 2022), demo_path.read_bytes()
    err = refused(lkjip(*[demo_path if a == "@" else a for a in argv]))
    assert "2022" in err and "dikunci" in err
    assert tables(demo_path, 2022) == shown and demo_path.read_bytes() == before


def test_a_structural_edit_made_before_the_lock_is_not_undone_into_the_locked_report(demo_path: Path) -> None:
    assert lkjip("add", demo_path, "indikator", "Jumlah dokumen baru", "--parent", "S1").returncode == 0
    assert lkjip("lock", demo_path, "--year", "2022").returncode == 0
    shown = tables(demo_path, 2022)
    refused(lkjip("undo", demo_path))  # the undo would remove a row the signed 2022 report prints
    assert tables(demo_path, 2022) == shown
    assert lkjip("unlock", demo_path, "--year", "2022", "--reason", "koreksi kaskade").returncode == 0
    assert lkjip("undo", demo_path).returncode == 0  # unlocked, with its reason logged: the way out works


# -- restore --from takes only a backup of the same workbook unless told --yes ------------------------------------------
def test_restore_from_another_offices_workbook_is_refused_naming_both_offices(demo_path: Path) -> None:
    other = demo_path.parent / "kantor-lain.json"
    assert lkjip("init", other, "--instansi", "Kecamatan Omben", "--pemda", "Kabupaten Sampang",
                 "--periode", "2019-2024", "--tahun", "2022").returncode == 0
    before = demo_path.read_bytes()
    err = refused(lkjip("restore", demo_path, "--from", other))
    assert "Kecamatan Omben" in err and "Kecamatan Torjun" in err and "--yes" in err
    assert demo_path.read_bytes() == before and not list(demo_path.parent.glob("*.rusak-*"))
    assert lkjip("restore", demo_path, "--from", other, "--yes").returncode == 0  # asked for: done, set aside
    assert "Kecamatan Omben" in demo_path.read_text()


def test_restore_from_an_own_backup_made_before_identities_is_accepted(demo_path: Path) -> None:
    # A copy of the same office from before meta.uuid existed: same instansi and period, no uuid.
    doc = orjson.loads(demo_path.read_bytes())
    mine = next(iter(doc["meta"].values())).pop("uuid")
    old = demo_path.parent / "salinan-lama.json"
    old.write_bytes(orjson.dumps(doc))
    assert lkjip("set", demo_path, IKM, "realisasi", "80", "--year", "2022").returncode == 0
    done = lkjip("restore", demo_path, "--from", old)
    assert done.returncode == 0, done.stderr
    assert next(iter(orjson.loads(demo_path.read_bytes())["meta"].values()))["uuid"] == mine  # it keeps its own
    # Another office from before identities: refused by its instansi.
    next(iter(doc["meta"].values()))["profile"]["instansi"] = "Kecamatan Omben"
    old.write_bytes(orjson.dumps(doc))
    assert "Kecamatan Omben" in refused(lkjip("restore", demo_path, "--from", old))
