"""Backups, restore and locked years, as the hostile-operator session of issue 11 found them.

- Backups are named by UTC time plus a sequence number, found by exact name (a workbook called `w[1].json` or
  `w*.json` is a name, not a pattern), rotated to BACKUP_KEEP, and neither the operator's TZ nor a skewed clock
  stops them.
- Restore is an edit: it keeps the year locks, continues the edit log with a "pulih" entry, and says how many logged
  edits of the replaced file the backup lacks.
- A locked year is frozen: every path (`lkjip set` of each field, undo through Workbook.apply, restore) that would
  change what its report shows is refused.
"""

from __future__ import annotations

import calendar
import os
import time
from pathlib import Path

import pytest

from store import recovery
from store.demo import demo_document
from store.errors import YearLocked
from store.model import LOG
from store.backups import BACKUP_KEEP, backups_of
from store.workbook import Edit, Workbook
from tui.cli import main as lkjip_main
from support.cli import lkjip

IKM = "S1/1"
SAFETY = 120  # seconds: only against a hung child


def new_workbook(folder: Path, name: str = "torjun.json") -> Path:
    path = folder / name
    Workbook.create(path, demo_document())
    return path


def stamp(when: float) -> str:
    return time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(when))


def plant_backup(path: Path, when: float, seq: int) -> Path:
    """A backup as another operator's save would have left it (a copy of the workbook, named for `when`)."""
    b = path.with_name(f"{path.name}.bak-{stamp(when)}-{seq:04d}")
    b.write_bytes(path.read_bytes())
    b.chmod(0o660)
    return b


def taken(backup: Path) -> float:
    name = backup.name.rsplit(".bak-", 1)[1]
    return float(calendar.timegm(time.strptime(name[:15], "%Y%m%dT%H%M%S")))


def log_of(path: Path) -> list[dict]:
    return sorted(Workbook.open(path).document()[LOG].values(), key=lambda e: e["seq"])


# -- backup names, order and rotation -------------------------------------------------------------------------------
def test_a_save_under_jakarta_time_names_its_backup_by_utc(tmp_path):
    path = new_workbook(tmp_path)
    env = dict(os.environ, TZ="Asia/Jakarta")
    before = time.time()
    done = lkjip("set", path, IKM, "realisasi", "80", "--year", "2022", env=env)
    assert done.returncode == 0, done.stderr
    (backup,) = backups_of(path)
    assert backup.name.endswith("Z-0001")
    assert before - 60 <= taken(backup) <= time.time() + 60  # UTC, not seven hours ahead


def test_a_backup_named_in_the_future_does_not_stop_the_next_one(tmp_path):
    """Another operator's clock (or TZ) seven hours ahead left a backup 'from the future'."""
    path = new_workbook(tmp_path)
    future = plant_backup(path, time.time() + 7 * 3600, 1)
    Workbook.open(path).set(IKM, "realisasi", "80", 2022)
    newest, older = backups_of(path)
    assert older == future and newest.name.endswith("-0002")  # ordered by the sequence, not by the skewed name
    assert abs(taken(newest) - time.time()) < 60
    Workbook.open(path).set(IKM, "realisasi", "81", 2022)
    assert len(backups_of(path)) == 2  # and the interval counts from the new one again


def test_a_recent_backup_makes_the_next_save_wait_for_the_interval(tmp_path):
    path = new_workbook(tmp_path)
    recent = plant_backup(path, time.time() - 60, 1)
    Workbook.open(path).set(IKM, "realisasi", "80", 2022)
    assert backups_of(path) == [recent]


@pytest.mark.parametrize("name", ["w[1].json", "w*.json", "w?.json"])
def test_a_workbook_whose_name_looks_like_a_pattern_keeps_its_own_backups_only(tmp_path, name):
    path = new_workbook(tmp_path, name)
    neighbour = new_workbook(tmp_path, "wa.json")
    n = BACKUP_KEEP + 2
    theirs = [plant_backup(neighbour, time.time() - 3600 * (10 + n - i), i + 1) for i in range(n)]
    mine = [plant_backup(path, time.time() - 3600 * (10 + n - i), i + 1) for i in range(n)]
    assert backups_of(path) == mine[::-1]
    Workbook.open(path).set(IKM, "realisasi", "80", 2022)  # due: a new backup, then rotation
    kept = backups_of(path)
    assert len(kept) == BACKUP_KEEP and kept[0].name.endswith(f"-{BACKUP_KEEP + 3:04d}")
    assert all(p.name.startswith(name + ".bak-") for p in kept)
    assert backups_of(neighbour) == theirs[::-1]  # saving w*.json never touched wa.json's backups
    done = recovery.restore(path)
    assert done.backup.name.startswith(name + ".bak-") and done.backup in kept


def test_rotation_keeps_the_newest_backups(tmp_path):
    path = new_workbook(tmp_path)
    planted = [plant_backup(path, time.time() - 86400 + i * 600, i + 1) for i in range(BACKUP_KEEP + 1)]
    Workbook.open(path).set(IKM, "realisasi", "80", 2022)
    kept = backups_of(path)
    assert len(kept) == BACKUP_KEEP
    assert kept[1:] == planted[::-1][: BACKUP_KEEP - 1]  # the oldest went, the newest stayed


def test_backups_from_the_older_local_time_names_are_still_found_and_count_as_oldest(tmp_path):
    path = new_workbook(tmp_path)
    legacy = path.with_name(path.name + ".bak-20250101T000000")
    legacy.write_bytes(path.read_bytes())
    Workbook.open(path).set(IKM, "realisasi", "80", 2022)
    newest, oldest = backups_of(path)
    assert oldest == legacy and newest.name.endswith("Z-0001")


# -- restore is an edit ----------------------------------------------------------------------------------------------
def test_restore_keeps_the_locks_continues_the_log_and_counts_the_edits_it_undoes(tmp_path, capsys):
    path = new_workbook(tmp_path)
    Workbook.open(path, user="ani").set(IKM, "realisasi", "80", 2022)  # the backup is the state before this
    Workbook.open(path, user="ani").set(IKM, "realisasi", "81", 2022)
    Workbook.open(path, user="kabag").lock_year(2019, "tutup buku")
    before = log_of(path)
    assert [e["seq"] for e in before] == [1, 2, 3]
    capsys.readouterr()
    assert lkjip_main(["restore", str(path), "--reason", "angka salah ketik"]) == 0
    out = capsys.readouterr().out
    assert "3 perubahan tercatat di berkas yang diganti tidak ada di cadangan ini" in out
    after = log_of(path)
    assert after[:3] == before  # nothing of the log is lost
    last = after[-1]
    (backup,) = backups_of(path)
    assert last["seq"] == 4 and last["kind"] == "pulih" and last["new"] == backup.name
    assert last["reason"] == "angka salah ketik" and last["user"]
    book = Workbook.open(path)
    assert "2019" in book.cascade().meta["locks"]  # the lock outlives the restore
    assert book.cascade().indicators[IKM][1]["years"]["2022"]["realisasi"] == "82.08"
    book.set(IKM, "realisasi", "83", 2022)
    assert log_of(path)[-1]["seq"] == 5  # numbers keep increasing
    assert "pulih" in lkjip("log", path).stdout


def test_restore_of_a_broken_file_says_it_cannot_count(tmp_path, capsys):
    path = new_workbook(tmp_path)
    Workbook.open(path).set(IKM, "realisasi", "80", 2022)
    path.write_bytes(b'{"meta": ')
    capsys.readouterr()
    assert lkjip_main(["restore", str(path)]) == 0
    assert "tidak dapat dihitung" in capsys.readouterr().out
    (entry,) = [e for e in log_of(path) if e["kind"] == "pulih"]
    assert entry["reason"].startswith("berkas rusak")


def test_restore_that_would_change_a_locked_year_is_refused(tmp_path, capsys):
    path = new_workbook(tmp_path)
    Workbook.open(path).set(IKM, "realisasi", "80", 2022)  # the backup still holds 82,08
    Workbook.open(path).lock_year(2022)
    before = path.read_bytes()
    capsys.readouterr()
    assert lkjip_main(["restore", str(path)]) == 1
    assert "tahun 2022 yang sudah dikunci" in capsys.readouterr().err
    assert path.read_bytes() == before and not list(tmp_path.glob("*.rusak-*"))


# -- a locked year is frozen -----------------------------------------------------------------------------------------
@pytest.fixture
def locked_2023(tmp_path) -> Path:
    """IKM with quarters 81–84 in 2023 (nilai akhir: realisasi 84,00), then 2023 closed."""
    path = new_workbook(tmp_path)
    book = Workbook.open(path, user="ani")
    for q, v in enumerate(("81", "82", "83", "84"), start=1):
        book.set(IKM, f"tw{q}", v, 2023)
    book.lock_year(2023, "tutup buku")
    return path


def table_31(path: Path, year: int) -> str:
    done = lkjip("tables", path, "--table", "3.1", "--year", year, "--format", "json")
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_satuan_cannot_recombine_the_quarters_of_a_locked_year(locked_2023, capsys):
    shown = table_31(locked_2023, 2023)
    assert '"84,00"' in shown
    before = locked_2023.read_bytes()
    capsys.readouterr()
    assert lkjip_main(["set", str(locked_2023), IKM, "satuan", "orang"]) == 1
    err = capsys.readouterr().err
    assert "2023" in err and "dikunci" in err and "unlock" in err
    assert locked_2023.read_bytes() == before and table_31(locked_2023, 2023) == shown


FROZEN = [  # (ref, field, value): everything the locked report shows beside the indicator's figures
    (IKM, "satuan", "orang"),
    (IKM, "indikator", "Nama baru"),
    (IKM, "rumus", "R / T"),
    (IKM, "kondisi-awal", "70"),
    (IKM, "target-akhir", "90"),
    (IKM, "arah", "negatif"),
    (IKM, "aturan-tw", "kumulatif"),
    (IKM, "rumus-negatif", "T/R"),
    ("S1", "nama", "Sasaran baru"),
    ("T1", "nama", "Tujuan baru"),  # its sasaran's indicators hold figures of 2023
    (IKM, "realisasi", "80", ),  # 2022 is shown by 2023's Tabel 3.1 and 3.2
    (IKM, "tw1", "70"),
]


@pytest.mark.parametrize("ref,field,value", FROZEN, ids=[f[1] + "-" + f[0] for f in FROZEN])
def test_every_field_the_locked_report_shows_is_refused_by_lkjip_set(locked_2023, capsys, ref, field, value):
    before = locked_2023.read_bytes()
    argv = ["set", str(locked_2023), ref, field, value]
    if field in ("realisasi", "tw1"):
        argv += ["--year", "2022" if field == "realisasi" else "2023"]
    capsys.readouterr()
    assert lkjip_main(argv) == 1
    assert "dikunci" in capsys.readouterr().err
    assert locked_2023.read_bytes() == before


def test_what_the_locked_year_does_not_show_stays_editable(locked_2023):
    book = Workbook.open(locked_2023)
    assert book.set(IKM, "realisasi", "85", 2024).changed  # a later year
    assert book.set("7.01.02.2.02.0003", "pagu", "1000", 2022).changed  # budget of an earlier year: not in 2023's
    assert book.set("profil", "kepala-nama", "Budi").changed  # the report year 2022 is open


@pytest.mark.parametrize("ref,field", [("narasi:kata_pengantar", "teks"), ("profil", "kepala-nama"),
                                       ("profil", "tanggal"), ("profil", "instansi")])
def test_narrative_and_profile_are_frozen_with_the_report_year(tmp_path, capsys, ref, field):
    path = new_workbook(tmp_path)  # report year 2022
    assert Workbook.open(path).set(ref, field, "sebelum dikunci").changed
    Workbook.open(path).lock_year(2023)
    if field == "instansi":  # every year's report prints the office's name: any locked year freezes it
        with pytest.raises(YearLocked):
            Workbook.open(path).set(ref, field, "tahun lain terkunci")
        Workbook.open(path).unlock_year(2023, "uji")
    else:  # the locked 2023 keeps its own copy of the texts and signing: 2022's stay editable
        assert Workbook.open(path).set(ref, field, "tahun lain terkunci: boleh").changed
    Workbook.open(path).lock_year(2022)
    before = path.read_bytes()
    capsys.readouterr()
    assert lkjip_main(["set", str(path), ref, field, "sesudah dikunci"]) == 1
    err = capsys.readouterr().err  # texts and signing are the year's own (schema 2): the year's lock refuses them
    assert "2022" in err and "dikunci" in err
    assert path.read_bytes() == before


def test_an_undo_cannot_change_a_locked_year_either(locked_2023):
    book = Workbook.open(locked_2023)
    book.unlock_year(2023, "koreksi satuan")
    done = book.set(IKM, "satuan", "persen")
    book.lock_year(2023)
    before = locked_2023.read_bytes()
    with pytest.raises(YearLocked):
        book.apply(done.edit.inverse(), kind="undo")
    with pytest.raises(YearLocked):
        book.apply(Edit("S1", "nama", None, book.cascade().nodes["S1"]["name"], "lain"), kind="redo")
    assert locked_2023.read_bytes() == before


def test_after_unlocking_the_fields_are_editable_again(locked_2023):
    book = Workbook.open(locked_2023)
    book.unlock_year(2023, "koreksi")
    assert book.set(IKM, "satuan", "orang").changed
