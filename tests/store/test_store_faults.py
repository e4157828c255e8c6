"""The disk says no: a full disk, an I/O error, a read-only file or folder, a lock held by someone else.

Each failure is injected in-process at one step of a save (the os calls behind AtomicJSONStorage._replace). After
each one the operator gets one clear sentence, the workbook on disk is byte-identical, no temporary file is left,
the same Workbook object still reads, and trying again succeeds.
"""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from store.disk import safefile
from store.demo import demo_document
from store.disk.serialize import dumps
from store.text.errors import LockTimeout, SaveFailed, UnreadableWorkbook
from store.disk.lock import WorkbookLock
from store.disk.backups import backups_of
from store.disk.storage import AtomicJSONStorage
from store.edits.workbook import Workbook

IKM = "S1/1"


@pytest.fixture
def wb(tmp_path: Path) -> Workbook:
    """A demo workbook that has had one edit, so its first backup exists and the next save makes none."""
    path = tmp_path / "torjun.json"
    Workbook.create(path, demo_document())
    book = Workbook.open(path, user="ani")
    book.set(IKM, "realisasi", "80", 2022)
    assert len(backups_of(path)) == 1
    return book


def temp_files(path: Path) -> list[Path]:
    return sorted(path.parent.glob(f".{path.name}*.tmp"))


def realisasi(book: Workbook, year: int = 2022) -> str | None:
    _, ind = book.cascade().indicators[IKM]
    return ind["years"][str(year)].get("realisasi")


class Injector:
    """Counts calls of some os functions during a save and makes the chosen one fail."""

    NAMES = ("open", "fchmod", "fchown", "writev", "fsync", "close", "replace")

    def __init__(self, monkeypatch: pytest.MonkeyPatch, fail: tuple[str, int] | None = None,
                 error: int = errno.EIO) -> None:
        self.calls: list[tuple[str, int]] = []
        self.fail, self.error = fail, error
        self.active = False
        self.fired = False
        real_replace = AtomicJSONStorage._replace
        injector = self

        def scoped_replace(storage, *args, **kw):  # only the save's own os calls are counted
            injector.active = True
            try:
                return real_replace(storage, *args, **kw)
            finally:
                injector.active = False

        monkeypatch.setattr(AtomicJSONStorage, "_replace", scoped_replace)
        for name in self.NAMES:
            monkeypatch.setattr(os, name, self._wrap(name, getattr(os, name)))

    def _wrap(self, name, real):
        def wrapper(*args, **kw):
            if not self.active:
                return real(*args, **kw)
            step = (name, sum(1 for c in self.calls if c[0] == name))
            self.calls.append(step)
            if step == self.fail:
                self.fired = True
                if name == "close":
                    real(*args, **kw)  # the descriptor is gone either way, as after a real failing close
                if name == "writev" and self.error == errno.ENOSPC:
                    real(args[0], [args[1][0][: len(args[1][0]) // 2]])  # the disk fills part-way
                raise OSError(self.error, os.strerror(self.error))
            return real(*args, **kw)

        return wrapper


# The os calls of one save, in order. The swap (`replace`) is the commit point.
SAVE_STEPS = [
    ("open", 0),  # the temporary file
    ("fchmod", 0),
    ("fchown", 0),  # keep the office's group
    ("writev", 0),  # the document's parts (≤ 1 MB a call), never joined into one copy first
    ("fsync", 0),
    ("close", 0),
    ("replace", 0),
    ("open", 1),  # the folder
    ("fsync", 1),
    ("close", 1),
]
BEFORE_SWAP = SAVE_STEPS[: SAVE_STEPS.index(("replace", 0)) + 1]
AFTER_SWAP = SAVE_STEPS[SAVE_STEPS.index(("replace", 0)) + 1 :]
ERRORS = {"open": errno.EACCES, "fchmod": errno.EPERM, "fchown": errno.EPERM, "writev": errno.ENOSPC, "fsync": errno.EIO,
          "close": errno.EIO, "replace": errno.EROFS}
REASONS = {errno.EACCES: "tidak ada izin menulis", errno.EPERM: "tidak ada izin menulis", errno.ENOSPC: "disk penuh",
           errno.EIO: "kesalahan I/O pada disk", errno.EROFS: "sistem berkas hanya-baca"}


def test_a_save_makes_exactly_the_steps_the_fault_tests_inject_into(wb, monkeypatch):
    inj = Injector(monkeypatch)
    wb.set(IKM, "realisasi", "81", 2022)
    assert inj.calls == SAVE_STEPS


@pytest.mark.parametrize("step", BEFORE_SWAP, ids=lambda s: f"{s[0]}{s[1]}")
def test_a_failure_before_the_swap_leaves_the_file_byte_identical(wb, monkeypatch, step):
    before = wb.path.read_bytes()
    error = ERRORS[step[0]]
    inj = Injector(monkeypatch, fail=step, error=error)
    if step[0] == "fchown":
        wb.set(IKM, "realisasi", "81", 2022)  # the group is a courtesy: a refusal does not stop the save
        assert inj.fired and realisasi(wb) == "81"
        return
    with pytest.raises(SaveFailed) as caught:
        wb.set(IKM, "realisasi", "81", 2022)
    assert inj.fired
    message = caught.value.message
    assert REASONS[error] in message and "tidak berubah" in message and "\n" not in message
    assert wb.path.read_bytes() == before
    assert temp_files(wb.path) == []
    assert realisasi(wb) == "80"  # the same object reads the disk again
    inj.fail = None
    wb.set(IKM, "realisasi", "81", 2022)  # and a retry lands
    assert realisasi(Workbook.open(wb.path)) == "81"
    assert temp_files(wb.path) == []


@pytest.mark.parametrize("step", AFTER_SWAP, ids=lambda s: f"dir-{s[0]}{s[1]}")
def test_after_the_swap_the_edit_stands_even_if_the_folder_sync_fails(wb, monkeypatch, step):
    inj = Injector(monkeypatch, fail=step, error=errno.EIO)
    applied = wb.set(IKM, "realisasi", "81", 2022)  # every other operator already sees it: it is saved
    assert inj.fired and applied.changed
    assert realisasi(Workbook.open(wb.path)) == "81"
    assert temp_files(wb.path) == []


def stingy_writev(calls: list[int], fail_at: int | None = None):
    """A kernel that takes at most three parts and a bit of the fourth per call, as a busy disk may."""
    real = os.writev

    def writev(fd, buffers):
        calls.append(len(buffers))
        if len(calls) == fail_at:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(fd, list(buffers[:3]) + [buffers[3][:100]] if len(buffers) > 3 else buffers)

    return writev


def test_a_save_taken_a_little_at_a_time_still_writes_every_byte(wb, monkeypatch):
    calls: list[int] = []
    monkeypatch.setattr(os, "writev", stingy_writev(calls))
    monkeypatch.setattr(safefile, "_IOV_MAX", 16)  # and never more parts a call than the system allows
    wb.set(IKM, "realisasi", "81", 2022)
    monkeypatch.undo()
    assert len(calls) > 3 and max(calls) <= 16
    assert wb.path.read_bytes() == dumps(Workbook.open(wb.path).document())
    assert realisasi(Workbook.open(wb.path)) == "81"


def test_no_write_call_hands_the_kernel_more_than_the_cap(wb, monkeypatch):
    """One multi-megabyte writev stalls the kernel now and then (safefile._write_all): a save goes out in calls of
    at most _CALL_BYTES, splitting a part bigger than that, and still writes every byte in order."""
    sizes: list[int] = []
    real_write, real_writev = os.write, os.writev

    def write(fd, buffer):
        sizes.append(len(buffer))
        return real_write(fd, buffer)

    def writev(fd, buffers):
        sizes.append(sum(len(b) for b in buffers))
        return real_writev(fd, buffers)

    monkeypatch.setattr(os, "write", write)
    monkeypatch.setattr(os, "writev", writev)
    monkeypatch.setattr(safefile, "_CALL_BYTES", 1000)
    wb.set(IKM, "realisasi", "81", 2022)
    monkeypatch.undo()
    assert max(sizes) <= 1000 and sum(sizes) == wb.path.stat().st_size and len(sizes) > 20
    assert wb.path.read_bytes() == dumps(Workbook.open(wb.path).document())


def test_a_disk_that_fills_in_the_middle_of_a_save_changes_nothing(wb, monkeypatch):
    before = wb.path.read_bytes()
    calls: list[int] = []
    monkeypatch.setattr(os, "writev", stingy_writev(calls, fail_at=3))  # two calls landed, the third fails
    with pytest.raises(SaveFailed, match="disk penuh"):
        wb.set(IKM, "realisasi", "81", 2022)
    monkeypatch.undo()
    assert len(calls) == 3 and wb.path.read_bytes() == before and temp_files(wb.path) == []
    wb.set(IKM, "realisasi", "81", 2022)
    assert realisasi(Workbook.open(wb.path)) == "81"


def test_a_full_disk_while_keeping_the_backup_changes_nothing(tmp_path, monkeypatch):
    path = tmp_path / "torjun.json"
    Workbook.create(path, demo_document())
    book = Workbook.open(path)
    before = path.read_bytes()

    def no_space(*_a, **_k):
        raise OSError(errno.ENOSPC, "No space left on device")

    with monkeypatch.context() as m:
        m.setattr(os, "link", no_space)
        with pytest.raises(SaveFailed, match="disk penuh"):
            book.set(IKM, "realisasi", "80", 2022)
    assert path.read_bytes() == before and backups_of(path) == [] and temp_files(path) == []
    book.set(IKM, "realisasi", "80", 2022)
    assert realisasi(book) == "80" and len(backups_of(path)) == 1


def test_a_read_only_workbook_is_not_replaced_even_by_root(wb):
    before = wb.path.read_bytes()
    backups = backups_of(wb.path)
    wb.path.chmod(0o440)
    try:
        with pytest.raises(SaveFailed, match="tidak ada izin menulis"):
            wb.set(IKM, "realisasi", "81", 2022)
        assert wb.path.read_bytes() == before
        assert backups_of(wb.path) == backups and temp_files(wb.path) == []
        assert realisasi(wb) == "80"
    finally:
        wb.path.chmod(0o660)
    wb.set(IKM, "realisasi", "81", 2022)
    assert realisasi(wb) == "81"


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only folder anyway; injected above")
def test_a_read_only_folder_refuses_the_save(wb):
    before = wb.path.read_bytes()
    wb.path.parent.chmod(0o550)
    try:
        with pytest.raises(SaveFailed, match="izin"):
            wb.set(IKM, "realisasi", "81", 2022)
    finally:
        wb.path.parent.chmod(0o770)
    assert wb.path.read_bytes() == before and temp_files(wb.path) == []


def test_a_lock_file_that_cannot_be_created_is_named(tmp_path, monkeypatch):
    path = tmp_path / "torjun.json"
    Workbook.create(path, demo_document())
    Path(str(path) + ".lock").unlink()
    before = path.read_bytes()
    real_open = os.open

    def read_only_folder(p, flags, *a, **k):
        if os.fspath(p).endswith(".lock") and flags & os.O_CREAT:
            raise OSError(errno.EROFS, "Read-only file system")
        return real_open(p, flags, *a, **k)

    monkeypatch.setattr(os, "open", read_only_folder)
    with pytest.raises(SaveFailed) as caught:
        Workbook.open(path).set(IKM, "realisasi", "80", 2022)
    assert caught.value.message == (f"Tidak dapat membuat berkas kunci {path}.lock: sistem berkas hanya-baca.")
    assert path.read_bytes() == before


def test_a_lock_file_without_write_permission_still_locks(tmp_path, monkeypatch):
    """Another operator's lock file that the group cannot write: flock works on a read-only descriptor."""
    path = tmp_path / "torjun.json"
    Workbook.create(path, demo_document())
    real_open = os.open

    def not_writable(p, flags, *a, **k):
        if os.fspath(p).endswith(".lock") and flags & (os.O_RDWR | os.O_WRONLY):
            raise OSError(errno.EACCES, "Permission denied")
        return real_open(p, flags, *a, **k)

    monkeypatch.setattr(os, "open", not_writable)
    Workbook.open(path).set(IKM, "realisasi", "80", 2022)
    monkeypatch.undo()
    assert realisasi(Workbook.open(path)) == "80"


def test_an_io_error_while_reading_is_one_sentence(wb, monkeypatch):
    import store.disk.storage

    def broken(path, limit):
        raise OSError(errno.EIO, "Input/output error")

    other = Workbook(wb.path)
    monkeypatch.setattr(store.disk.storage, "read_bounded", broken)  # the one read of a workbook's bytes
    with pytest.raises(UnreadableWorkbook) as caught:
        other.document()
    assert caught.value.message == f"Buku kerja {wb.path} tidak dapat dibaca: kesalahan I/O pada disk."


# -- the lock ------------------------------------------------------------------------------------------------------
HOLDER = textwrap.dedent(
    """
    import sys, time
    from store.disk.lock import WorkbookLock
    lock = WorkbookLock(sys.argv[1])
    lock.acquire()
    print("locked", flush=True)
    time.sleep(600)
    """
)


def hold_lock(path: Path) -> subprocess.Popen:
    env = dict(os.environ, LOGNAME="budi")
    child = subprocess.Popen([sys.executable, "-c", HOLDER, str(path)], stdout=subprocess.PIPE, text=True, env=env)
    assert child.stdout.readline() == "locked\n"
    return child


def test_a_live_holder_is_waited_for_then_named(wb):
    before = wb.path.read_bytes()
    child = hold_lock(wb.path)
    try:
        waiting = Workbook.open(wb.path, lock_timeout=0.2)
        with pytest.raises(LockTimeout) as caught:
            waiting.set(IKM, "realisasi", "81", 2022)
        message = caught.value.message
        assert "budi@" in message and f"pid {child.pid}" in message and "0.2 detik" in message
        assert wb.path.read_bytes() == before
    finally:
        child.kill()
        child.wait()
    waiting.set(IKM, "realisasi", "81", 2022)
    assert realisasi(waiting) == "81"


def test_a_holder_killed_with_sigkill_frees_the_lock(wb):
    child = hold_lock(wb.path)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    # The lock file still names the dead holder; flock itself died with it: a zero timeout gets it at once.
    assert f"pid {child.pid}" in WorkbookLock(wb.path).holder()
    Workbook.open(wb.path, lock_timeout=0).set(IKM, "realisasi", "81", 2022)  # no waiting at all
    assert realisasi(wb) == "81"
