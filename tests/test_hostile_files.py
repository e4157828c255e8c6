"""Nothing outside the save path destroys, splits or exposes a workbook (issue 11, the file-system half).

Each test is one failure the hostile-operator session found: an export over the workbook, a symlinked workbook that
split into two, planted symlinks at predictable names, exports readable by everyone, and temp files of killed
writers piling up. The same planted-symlink attacks with two real Unix users sharing a group are in
tests/test_two_operators.py.
"""

from __future__ import annotations

import errno
import os
import secrets
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from store import safefile
from store.demo import demo_document
from store.errors import EditConflict, LockTimeout, SaveFailed, WorkbookError
from store.lock import WorkbookLock
from store.model import LOG
from store.output import write_output
from store.backups import backups_of
from store.workbook import Workbook
from tui.cli import main as lkjip_main
from support.cli import lkjip as run_lkjip

IKM = "S1/1"
SAFETY = 120  # seconds: only against a hung child
PRIVATE = b"rahasia pribadi operator\n"


def new_workbook(folder: Path, name: str = "torjun.json") -> Path:
    path = folder / name
    Workbook.create(path, demo_document())
    return path


def lkjip(*argv: str, **kw) -> subprocess.CompletedProcess:
    return run_lkjip(*argv, **kw)


def private_file(folder: Path) -> Path:
    p = folder / "pribadi.txt"
    p.write_bytes(PRIVATE)
    p.chmod(0o600)
    return p


def mode(p: Path) -> int:
    return stat.S_IMODE(p.lstat().st_mode)


# -- 1. export -o never destroys a workbook ----------------------------------------------------------------------------
def test_export_over_its_own_workbook_is_refused_and_the_workbook_survives(tmp_path):
    path = new_workbook(tmp_path)
    before = path.read_bytes()
    for fmt in ("md", "json"):
        done = lkjip("export", str(path), "--format", fmt, "-o", str(path), "--force")
        assert done.returncode == 1 and done.stdout == ""
        assert len(done.stderr.splitlines()) == 1 and "buku kerja" in done.stderr
    assert path.read_bytes() == before


def test_export_over_another_workbook_a_backup_or_the_lock_is_refused_even_with_force(tmp_path):
    path = new_workbook(tmp_path)
    Workbook.open(path).set(IKM, "realisasi", "80", 2022)
    other = new_workbook(tmp_path, "kantor-lain.json")
    link = tmp_path / "tautan.json"
    link.symlink_to(path)
    (backup,) = backups_of(path)
    victims = [other, backup, Path(str(path) + ".lock"), link]
    before = {p: p.read_bytes() for p in victims}
    for target in victims:
        code = lkjip_main(["export", str(path), "--format", "md", "-o", str(target), "--force"])
        assert code == 1, target
    assert {p: p.read_bytes() for p in victims} == before
    assert link.is_symlink()
    hard = tmp_path / "nama-kedua.json"  # a second name makes the workbook itself refused (issue 20)
    os.link(path, hard)
    assert lkjip_main(["export", str(path), "--format", "md", "-o", str(hard), "--force"]) == 1
    assert hard.read_bytes() == before[link]


def test_an_existing_file_is_replaced_only_with_force(tmp_path, capsys):
    path = new_workbook(tmp_path)
    out = tmp_path / "draf.md"
    out.write_text("catatan lama\n")
    assert lkjip_main(["export", str(path), "--format", "md", "-o", str(out)]) == 1
    assert "--force" in capsys.readouterr().err and out.read_text() == "catatan lama\n"
    assert lkjip_main(["export", str(path), "--format", "md", "-o", str(out), "--force"]) == 0
    assert "LAPORAN KINERJA" in out.read_text()


def test_a_device_is_never_an_export_target_and_a_full_disk_is_reported(tmp_path):
    path = new_workbook(tmp_path)
    done = lkjip("export", str(path), "--format", "md", "-o", "/dev/full", "--force")
    assert done.returncode == 1 and "perangkat" in done.stderr and "Traceback" not in done.stderr
    with open("/dev/full", "wb") as full:
        done = subprocess.run([sys.executable, "-m", "tui.cli", "export", str(path), "--format", "md"],
                              stdout=full, stderr=subprocess.PIPE, text=True, timeout=SAFETY)
    assert done.returncode == 1 and done.stderr.strip() == "Gagal menulis ke keluaran standar: disk penuh."


def test_a_disk_that_fills_during_an_export_leaves_nothing_behind(tmp_path, monkeypatch, capsys):
    path = new_workbook(tmp_path)
    out = tmp_path / "draf.md"
    real_write = os.write

    def half_then_full(fd, data):
        real_write(fd, bytes(data[: len(data) // 2]))
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", half_then_full)
    assert lkjip_main(["export", str(path), "--format", "md", "-o", str(out)]) == 1
    monkeypatch.undo()
    assert "disk penuh" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["torjun.json", "torjun.json.lock"]


# -- 10. exports are 0660 whatever the umask ---------------------------------------------------------------------------
@pytest.mark.parametrize("umask", [0o000, 0o022])
def test_exports_are_0660_whatever_the_umask(tmp_path, umask):
    path = new_workbook(tmp_path)
    old = os.umask(umask)
    try:
        for fmt in ("md", "json", "docx"):
            assert lkjip_main(["export", str(path), "--format", fmt, "-o", str(tmp_path / f"draf.{fmt}")]) == 0
    finally:
        os.umask(old)
    assert {fmt: oct(mode(tmp_path / f"draf.{fmt}")) for fmt in ("md", "json", "docx")} == dict.fromkeys(
        ("md", "json", "docx"), "0o660")


def test_write_output_is_the_one_call_for_exporters(tmp_path):
    target = write_output(tmp_path / "rekap.md", b"# Rekap\n")
    assert target.read_bytes() == b"# Rekap\n" and mode(target) == 0o660
    with pytest.raises(WorkbookError, match="--force"):
        write_output(target, b"lagi")
    write_output(target, b"lagi", force=True)
    assert target.read_bytes() == b"lagi"


# -- 2. one real path --------------------------------------------------------------------------------------------------
@pytest.fixture
def linked(tmp_path) -> tuple[Path, Path]:
    """The workbook in one folder, reached through a symlink from another (an operator's home, say)."""
    (tmp_path / "kantor").mkdir()
    (tmp_path / "rumah").mkdir()
    real = new_workbook(tmp_path / "kantor")
    link = tmp_path / "rumah" / "lkjip.json"
    link.symlink_to(real)
    return real, link


def test_a_save_through_a_symlink_keeps_the_link_and_edits_the_real_file(linked):
    real, link = linked
    assert lkjip("set", str(link), IKM, "realisasi", "80", "--year", "2022").returncode == 0
    assert link.is_symlink() and os.path.samefile(link, real)
    assert Workbook.open(real).cascade().indicators[IKM][1]["years"]["2022"]["realisasi"] == "80"
    (backup,) = backups_of(link)
    assert backup.parent == real.parent and not backup.is_symlink() and stat.S_ISREG(backup.lstat().st_mode)
    assert backup.stat().st_ino != real.stat().st_ino  # a copy, not a second name of the workbook
    assert backups_of(real) == [backup]
    assert sorted(p.name for p in link.parent.iterdir()) == ["lkjip.json"]  # no lock, temp or backup beside the link


def test_two_paths_to_one_workbook_share_one_lock_and_one_log(linked):
    real, link = linked
    with WorkbookLock(real):  # an operator saving through the real path holds the lock
        with pytest.raises(LockTimeout):
            Workbook.open(link, lock_timeout=0.05).set(IKM, "realisasi", "80", 2022)
    stale = Workbook.open(link, user="budi")
    edit = stale.edit_for(IKM, "realisasi", "79", 2022)
    Workbook.open(real, user="ani").set(IKM, "realisasi", "80", 2022)
    with pytest.raises(EditConflict):  # the edit through the link sees ani's edit through the real path
        stale.apply(edit)
    Workbook.open(link, user="budi").set(IKM, "target", "83", 2022)
    users = [(e["user"], e["field"]) for e in sorted(Workbook.open(real).document()[LOG].values(),
                                                      key=lambda e: e["seq"])]
    assert users == [("ani", "realisasi"), ("budi", "target")]
    assert lkjip("log", str(link)).stdout == lkjip("log", str(real)).stdout


def test_a_new_workbook_is_never_created_through_a_planted_symlink(tmp_path):
    elsewhere = tmp_path / "milik-orang-lain.json"
    link = tmp_path / "baru.json"
    link.symlink_to(elsewhere)  # dangling: init would create the file wherever it points
    done = lkjip("init", str(link), "--demo")
    assert done.returncode == 1 and "tautan simbolik" in done.stderr
    assert not elsewhere.exists()


def test_restore_through_a_symlink_keeps_the_link(linked):
    real, link = linked
    Workbook.open(link).set(IKM, "realisasi", "80", 2022)
    assert lkjip("restore", str(link)).returncode == 0
    assert link.is_symlink() and os.path.samefile(link, real)
    assert list(link.parent.iterdir()) == [link]


# -- 8. planted names, one user ----------------------------------------------------------------------------------------
def test_a_planted_lock_symlink_is_refused_and_its_target_untouched(tmp_path):
    path = new_workbook(tmp_path)
    secret = private_file(tmp_path)
    lock = Path(str(path) + ".lock")
    lock.unlink()
    lock.symlink_to(secret)
    before = path.read_bytes()
    done = lkjip("set", str(path), IKM, "realisasi", "80", "--year", "2022")
    assert done.returncode == 1 and "tautan simbolik" in done.stderr
    assert secret.read_bytes() == PRIVATE and mode(secret) == 0o600 and path.read_bytes() == before


@pytest.mark.parametrize("kind", ["fifo", "hard link"])
def test_a_lock_name_that_is_no_plain_file_is_refused(tmp_path, kind):
    path = new_workbook(tmp_path)
    lock = Path(str(path) + ".lock")
    lock.unlink()
    secret = private_file(tmp_path)
    os.mkfifo(lock) if kind == "fifo" else os.link(secret, lock)
    with pytest.raises(SaveFailed):
        Workbook.open(path, lock_timeout=0.05).set(IKM, "realisasi", "80", 2022)
    assert secret.read_bytes() == PRIVATE and mode(secret) == 0o600


def test_a_planted_temp_name_is_never_opened(tmp_path, monkeypatch):
    """Even a planted symlink at the very name the writer draws first is skipped: O_EXCL | O_NOFOLLOW."""
    path = new_workbook(tmp_path)
    secret = private_file(tmp_path)
    draws = iter(["aaaaaaaaaaaa", "bbbbbbbbbbbb"])
    monkeypatch.setattr(secrets, "token_hex", lambda n: next(draws))
    planted = tmp_path / f".{path.name}.{os.getpid()}.aaaaaaaaaaaa.tmp"
    planted.symlink_to(secret)
    Workbook.open(path).set(IKM, "realisasi", "80", 2022)
    assert secret.read_bytes() == PRIVATE and mode(secret) == 0o600
    assert Workbook.open(path).cascade().indicators[IKM][1]["years"]["2022"]["realisasi"] == "80"


def test_planted_symlinks_at_the_next_backup_names_are_skipped(tmp_path):
    path = new_workbook(tmp_path)
    secret = private_file(tmp_path)
    now = time.time()
    for s in range(-5, 60):  # every name a save in the coming minute would choose first
        (tmp_path / f"{path.name}.bak-{time.strftime('%Y%m%dT%H%M%SZ', time.gmtime(now + s))}-0001").symlink_to(secret)
    Workbook.open(path).set(IKM, "realisasi", "80", 2022)
    (backup,) = backups_of(path)  # a planted symlink is no backup
    assert backup.name.endswith("-0002") and stat.S_ISREG(backup.lstat().st_mode)
    assert secret.read_bytes() == PRIVATE and mode(secret) == 0o600


@pytest.mark.parametrize("what", ["symlink", "folder", "fifo"])
def test_the_safe_writer_never_writes_through_or_over_a_non_regular_file(tmp_path, what):
    secret = private_file(tmp_path)
    target = tmp_path / "keluaran.md"
    if what == "symlink":
        target.symlink_to(secret)
    elif what == "folder":
        target.mkdir()
    else:
        os.mkfifo(target)
    with pytest.raises(safefile.UnsafeTarget) as caught:
        safefile.write_atomically(target, b"timpa")
    assert "lkjip hanya menulis berkas biasa" in safefile.os_reason(caught.value)
    assert secret.read_bytes() == PRIVATE and [p.name for p in tmp_path.glob(".*.tmp")] == []


def test_a_fifo_in_the_workbooks_place_is_refused_not_waited_on(tmp_path):
    path = tmp_path / "torjun.json"
    os.mkfifo(path)
    done = lkjip("set", str(path), IKM, "realisasi", "80", "--year", "2022")
    assert done.returncode == 1 and "bukan berkas biasa" in done.stderr


# -- 11. temp files of dead writers do not pile up ---------------------------------------------------------------------
def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_temp_files_of_killed_writers_are_swept_under_the_lock(tmp_path):
    path = new_workbook(tmp_path)
    secret = private_file(tmp_path)
    gone = dead_pid()
    live = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
    try:
        time.sleep(0.1)
        leftovers = [
            tmp_path / f".torjun.json.{gone}.0123456789ab.tmp",
            tmp_path / f".torjun.json.{gone}.tmp",  # the name older versions used
            tmp_path / f".torjun.json.bak-20261129T091500Z-0003.{gone}.0123456789ab.tmp",
            tmp_path / f".torjun.json.{os.getpid()}.0123456789ab.tmp",  # our pid, but from before we started
        ]
        for p in leftovers:
            p.write_bytes(b"x" * 100_000)
        old = time.time() - 86400 * 30
        os.utime(leftovers[-1], (old, old))
        planted = tmp_path / f".torjun.json.{gone}.deadbeef0000.tmp"
        planted.symlink_to(secret)
        kept = [
            tmp_path / f".torjun.json.{live.pid}.0123456789ab.tmp",  # a writer that still runs
            tmp_path / f".lain.json.{gone}.0123456789ab.tmp",  # another workbook's
            tmp_path / ".torjun.json.catatan.tmp",  # not our naming
        ]
        for p in kept:
            p.write_bytes(b"y")
        Workbook.open(path).set(IKM, "realisasi", "80", 2022)
        assert [p for p in leftovers + [planted] if os.path.lexists(p)] == []
        assert all(p.exists() for p in kept)
        assert secret.read_bytes() == PRIVATE  # the planted symlink was removed, never followed
    finally:
        live.kill()
        live.wait()


def test_an_export_killed_mid_write_leaves_no_temp_file_after_the_next_export(tmp_path):
    # A dropped SSH link during `lkjip export -o` left ".draf.md.<pid>.<hex>.tmp" beside the draft, and every
    # interrupted export added one more. The next export to that name removes those whose writer is gone.
    path = new_workbook(tmp_path)
    out = tmp_path / "draf.md"
    gone = dead_pid()
    live = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
    try:
        time.sleep(0.1)
        killed = tmp_path / f".draf.md.{gone}.0123456789ab.tmp"
        killed.write_bytes(b"# Draf setengah\n")
        running = tmp_path / f".draf.md.{live.pid}.0123456789ab.tmp"  # an export still being written
        running.write_bytes(b"# Draf\n")
        done = lkjip("export", str(path), "--format", "md", "-o", str(out))
        assert done.returncode == 0, done.stderr
        assert b"# LAPORAN KINERJA" in out.read_bytes() and not killed.exists() and running.exists()
    finally:
        live.kill()
        live.wait()
