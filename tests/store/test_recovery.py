"""`restore` puts the last good backup back, keeps the replaced file aside and never makes things worse."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from store.edits import recovery
from store.demo import demo_document
from store.text.errors import SaveFailed, UnreadableWorkbook, WorkbookError
from store.disk.backups import backups_of
from store.edits.workbook import Workbook

IKM = "S1/1"


@pytest.fixture
def path(tmp_path: Path) -> Path:
    """A workbook with one backup (the state before the first edit) and one edit after it."""
    p = tmp_path / "torjun.json"
    Workbook.create(p, demo_document())
    Workbook.open(p, user="ani").set(IKM, "realisasi", "80", 2022)
    return p


def make_backup(path: Path, stamp: str, payload: bytes) -> Path:
    b = path.with_name(f"{path.name}.bak-{stamp}")
    b.write_bytes(payload)
    b.chmod(0o660)
    return b


def test_restore_brings_back_the_newest_good_backup_and_keeps_the_broken_file(path, same_content):
    (good,) = backups_of(path)
    path.write_bytes(b'{"meta": {"1": {"sch')  # truncated
    done = recovery.restore(path)
    assert done.backup == good
    assert same_content(path, good)
    assert done.aside is not None and done.aside.name.startswith("torjun.json.rusak-")
    assert done.aside.read_bytes() == b'{"meta": {"1": {"sch'
    assert stat.S_IMODE(path.stat().st_mode) == 0o660
    assert good.exists()  # the backup stays a backup
    Workbook.open(path).set(IKM, "realisasi", "81", 2022)  # and the workbook works again


def test_broken_backups_are_skipped(path):
    (good,) = backups_of(path)
    make_backup(path, "29991231T235958", b"")
    make_backup(path, "29991231T235959", b"\x00" * 100)
    path.write_bytes(b"")
    assert recovery.restore(path).backup == good


def test_from_names_a_backup_by_path_or_by_its_listed_name(path, monkeypatch, tmp_path):
    (good,) = backups_of(path)
    older = make_backup(path, "20200101T000000", good.read_bytes())
    assert recovery.restore(path, older).backup == older
    monkeypatch.chdir(tmp_path.parent)
    assert recovery.restore(path, older.name).backup == path.parent / older.name


def test_a_broken_backup_named_with_from_is_refused_and_nothing_changes(path):
    bad = make_backup(path, "20200101T000000", b"[1, 2, 3]\n")
    before = path.read_bytes()
    with pytest.raises(UnreadableWorkbook) as caught:
        recovery.restore(path, bad)
    assert "bukan buku kerja lkjip" in caught.value.message and "tidak diubah" in caught.value.message
    assert path.read_bytes() == before
    assert not list(path.parent.glob("*.rusak-*"))


def test_a_missing_backup_is_named(path):
    with pytest.raises(WorkbookError, match="tidak ditemukan"):
        recovery.restore(path, "torjun.json.bak-nope")


def test_without_any_good_backup_nothing_is_touched(tmp_path):
    p = tmp_path / "baru.json"
    p.write_bytes(b"")
    with pytest.raises(WorkbookError) as caught:
        recovery.restore(p)
    assert caught.value.message == f"Tidak dapat memulihkan {p}: belum ada cadangan; buku kerja tidak diubah."
    make_backup(p, "20200101T000000", b"")
    with pytest.raises(WorkbookError, match="tidak ada cadangan yang baik"):
        recovery.restore(p)
    assert p.read_bytes() == b""
    assert not list(tmp_path.glob("*.rusak-*"))


def test_a_missing_workbook_is_restored_without_anything_to_set_aside(path, same_content):
    (good,) = backups_of(path)
    path.unlink()
    done = recovery.restore(path)
    assert done.aside is None and same_content(path, good)


def test_two_restores_in_one_second_keep_both_replaced_files(path):
    first = recovery.restore(path)
    second = recovery.restore(path)
    assert first.aside != second.aside and first.aside.exists() and second.aside.exists()


def test_a_failing_swap_leaves_the_file_and_no_extra_name(path, monkeypatch):
    before = path.read_bytes()

    def full(*_a, **_k):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    with pytest.raises(SaveFailed, match="disk penuh"):
        recovery.restore(path)
    assert path.read_bytes() == before
    assert not list(path.parent.glob("*.rusak-*")) and not list(path.parent.glob(".*.tmp"))


def test_a_good_current_file_is_kept_aside_too(path):
    current = path.read_bytes()
    done = recovery.restore(path)
    assert done.aside.read_bytes() == current  # restoring an older state never loses the newer one


def test_restore_waits_for_the_workbook_lock(path):
    from store.text.errors import LockTimeout
    from store.disk.lock import WorkbookLock

    before = path.read_bytes()
    with WorkbookLock(path):  # another object in this process: flock conflicts like another process
        with pytest.raises(LockTimeout):
            recovery.restore(path, lock_timeout=0.05)
    assert path.read_bytes() == before
