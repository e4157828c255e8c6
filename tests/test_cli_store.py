"""The store as operators meet it on the command line: `lkjip set` beside another operator, closing a year,
reading the edit log, restoring a backup, and a disk that says no. Each runs the real `lkjip` in a subprocess."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from store.demo import demo_document
from store.errors import EditConflict
from store.backups import backups_of
from store.workbook import Workbook
from support.cli import lkjip as run_lkjip

IKM = "S1/1"


def lkjip(*args: object, user: str = "ani", code: str | None = None) -> subprocess.CompletedProcess:
    """Run `lkjip ARGS` as USER; `code` runs in a child process before the command line (to inject a fault)."""
    env = dict(os.environ, LOGNAME=user, USER=user)
    if code is None:
        return run_lkjip(*args, env=env)
    argv = [str(a) for a in args]
    cmd = [sys.executable, "-c", textwrap.dedent(code) + "\nimport sys\nfrom tui.cli import main\n"
           "sys.exit(main(sys.argv[1:]))", *argv]
    return subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120)


def one_sentence(stderr: str) -> str:
    lines = stderr.splitlines()
    assert len(lines) == 1 and "Traceback" not in stderr, stderr
    assert lines[0].endswith("."), lines[0]
    return lines[0]


@pytest.fixture
def path(tmp_path: Path) -> Path:
    p = tmp_path / "torjun.json"
    Workbook.create(p, demo_document())
    return p


def realisasi(path: Path, year: int = 2022) -> str | None:
    _, ind = Workbook.open(path).cascade().indicators[IKM]
    return ind["years"][str(year)].get("realisasi")


# -- two operators -------------------------------------------------------------------------------------------------
def test_an_operator_in_the_tui_is_told_who_changed_the_cell_from_the_command_line(path):
    tui = Workbook.open(path, user="ani")
    stale = tui.edit_for(IKM, "realisasi", "85", 2022)  # ani is looking at 82,08
    done = lkjip("set", path, "kepuasan", "realisasi", "90", "--year", "2022", user="siti")
    assert done.returncode == 0, done.stderr
    assert "82,08 \u2192 90,00" in done.stdout
    with pytest.raises(EditConflict) as caught:
        tui.apply(stale)
    assert "oleh siti" in caught.value.message and "90,00" in caught.value.message and "85,00" in caught.value.message
    assert realisasi(path) == "90"


def test_a_command_line_edit_of_another_field_merges_with_a_stale_view(path):
    tui = Workbook.open(path, user="ani")
    stale = tui.edit_for(IKM, "realisasi", "85", 2022)
    assert lkjip("set", path, IKM, "target", "83", "--year", "2022", user="siti").returncode == 0
    tui.apply(stale)
    book = Workbook.open(path)
    assert book.edit_for(IKM, "target", "0", 2022).old == "83" and realisasi(path) == "85"


# -- closing a year --------------------------------------------------------------------------------------------------
def test_closing_a_year_refuses_set_until_unlocked_with_a_reason_and_both_are_logged(path):
    locked = lkjip("lock", path, "--year", "2022", "--reason", "tutup buku", user="kasubag")
    assert locked.returncode == 0 and locked.stdout.startswith("Tahun 2022 dikunci; ekspornya kini salinan final")
    before = path.read_bytes()

    refused = lkjip("set", path, IKM, "realisasi", "85", "--year", "2022")
    assert refused.returncode == 1 and refused.stdout == ""
    assert one_sentence(refused.stderr).startswith("Tahun 2022 dikunci oleh kasubag pada ")
    refused = lkjip("set", path, "7.01.01.2.01.0001", "pagu", "1.000.000", "--year", "2022")
    assert refused.returncode == 1 and "dikunci" in one_sentence(refused.stderr)
    assert path.read_bytes() == before

    no_reason = lkjip("unlock", path, "--year", "2022")
    assert no_reason.returncode == 2 and "Traceback" not in no_reason.stderr
    empty_reason = lkjip("unlock", path, "--year", "2022", "--reason", " ")
    assert empty_reason.returncode == 1
    assert one_sentence(empty_reason.stderr) == "Membuka kunci tahun memerlukan alasan (--reason)."
    assert path.read_bytes() == before

    unlocked = lkjip("unlock", path, "--year", "2022", "--reason", "koreksi BPK", user="kabag")
    assert unlocked.returncode == 0 and unlocked.stdout == "Kunci tahun 2022 dibuka.\n"
    assert lkjip("set", path, IKM, "realisasi", "85", "--year", "2022").returncode == 0

    log = lkjip("log", path).stdout.splitlines()
    assert len(log) == 3
    assert re.search(r" kasubag kunci .*2022: .+ \u2192 .+ \(tutup buku\)$", log[0])
    assert re.search(r" kabag buka .*2022: .+ \u2192 .+ \(koreksi BPK\)$", log[1])


def test_the_log_shows_who_when_and_old_to_new(path):
    lkjip("set", path, IKM, "realisasi", "85", "--year", "2022", user="ani")
    lkjip("set", path, IKM, "realisasi", "81", "--year", "2021", user="budi")
    lkjip("set", path, "7.01.01.2.01.0001", "pagu", "Rp 3.800.000,-", "--year", "2022", user="siti")
    out = lkjip("log", path)
    assert out.returncode == 0
    lines = out.stdout.splitlines()
    stamp = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d"
    # The numbers may be shown as stored (82.08) or as the operator reads them (82,08; Rp 3.800.000).
    assert re.fullmatch(rf"\s+1 {stamp} ani ubah S1/1 realisasi 2022: 82[.,]08 \u2192 85(,00)?", lines[0])
    assert re.fullmatch(rf"\s+2 {stamp} budi ubah S1/1 realisasi 2021: 81[.,]78 \u2192 81(,00)?", lines[1])
    assert re.fullmatch(rf"\s+3 {stamp} siti ubah 7\.01\.01\.2\.01\.0001 pagu 2022: .+ \u2192 (Rp )?3\.?800\.?000",
                        lines[2])
    only_2021 = lkjip("log", path, "--year", "2021").stdout.splitlines()
    assert len(only_2021) == 1 and "budi" in only_2021[0]


def test_the_log_names_every_kind_in_indonesian(path):
    """The kinds are stored as written (edit, undo); the log says them in Indonesian: ubah, urungkan."""
    lkjip("set", path, IKM, "realisasi", "85", "--year", "2022")
    lkjip("undo", path)
    lines = lkjip("log", path).stdout.splitlines()
    kinds = [line.split()[3] for line in lines]
    assert kinds == ["ubah", "urungkan"]
    english = {"edit", "undo", "redo", "import", "add", "rm", "mv", "restore", "lock", "unlock"}
    assert not english & {word for line in lines for word in line.split()[:4]}


# -- restoring ---------------------------------------------------------------------------------------------------------
def test_restore_from_the_command_line(path, same_content):
    none_yet = lkjip("restore", path)
    assert none_yet.returncode == 1
    assert one_sentence(none_yet.stderr) == (f"Tidak dapat memulihkan {path}: belum ada cadangan; buku kerja tidak "
                                             f"diubah.")

    lkjip("set", path, IKM, "realisasi", "85", "--year", "2022")
    (backup,) = backups_of(path)
    path.write_bytes(b"\x00" * 4096)
    broken = lkjip("tables", path)
    assert broken.returncode == 1 and str(backup) in one_sentence(broken.stderr)
    assert f"lkjip restore {path}" in broken.stderr

    done = lkjip("restore", path)
    assert done.returncode == 0, done.stderr
    (aside,) = path.parent.glob("torjun.json.rusak-*")
    restored, counted = done.stdout.splitlines()
    assert restored == f"Buku kerja {path} dipulihkan dari {backup}; berkas sebelumnya disimpan sebagai {aside}."
    assert "tidak dapat dihitung" in counted  # the replaced file was unreadable: its edits cannot be counted
    assert aside.read_bytes() == b"\x00" * 4096 and same_content(path, backup)
    assert lkjip("tables", path, "--table", "3.1").returncode == 0


def test_restore_from_a_named_file_that_is_not_a_workbook_is_refused(path, tmp_path):
    junk = tmp_path / "catatan.txt"
    junk.write_text("bukan json")
    before = path.read_bytes()
    out = lkjip("restore", path, "--from", junk)
    assert out.returncode == 1 and "bukan JSON" in one_sentence(out.stderr)
    missing = lkjip("restore", path, "--from", tmp_path / "tidak-ada.json")
    assert missing.returncode == 1 and "tidak ditemukan" in one_sentence(missing.stderr)
    assert path.read_bytes() == before


# -- a disk that says no ---------------------------------------------------------------------------------------------
FULL_DISK = """
    import errno, os
    real_write, real_writev = os.write, os.writev
    def full(fd, data, real=real_write):
        if os.readlink(f"/proc/self/fd/{fd}").endswith(".tmp"):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(fd, data)
    os.write = full
    os.writev = lambda fd, parts: full(fd, parts, real_writev)  # a workbook save writes its parts by writev
"""


def test_a_full_disk_is_one_sentence_and_the_file_is_unchanged(path):
    before = path.read_bytes()
    out = lkjip("set", path, IKM, "realisasi", "85", "--year", "2022", code=FULL_DISK)
    assert out.returncode == 1 and out.stdout == ""
    assert one_sentence(out.stderr) == (f"Gagal menyimpan {path}: disk penuh; berkas di disk tidak berubah dan "
                                        f"nilai Anda belum tersimpan.")
    assert path.read_bytes() == before
    assert not list(path.parent.glob(".*.tmp"))


def test_a_busy_workbook_names_who_holds_it(path):
    from store.lock import WorkbookLock

    short_wait = "from store.workbook import Workbook\nWorkbook.__init__.__kwdefaults__['lock_timeout'] = 0.2"
    before = path.read_bytes()
    with WorkbookLock(path):
        out = lkjip("set", path, IKM, "realisasi", "85", "--year", "2022", code=short_wait)
    assert out.returncode == 1
    assert re.fullmatch(rf"Buku kerja sedang dipakai oleh .+@.+ \(pid {os.getpid()}, sejak \d\d:\d\d:\d\d\); "
                        r"sudah menunggu 0\.2 detik, coba lagi sebentar lagi\.", one_sentence(out.stderr))
    assert path.read_bytes() == before
