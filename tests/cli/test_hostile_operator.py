"""Issue 20's attacks that need a second Unix user, or an operator who is not root, run as they happened: each step
as that user in a subprocess, in a folder both can read (the `office` of tests/cli/test_two_operators.py: two users
sharing a group, created when the tests run as root, skipped otherwise).

- bob hard-links alice's workbook in the shared folder (the group may write it, so the kernel allows the link): each
  name took its own lock, backups and log, and the first save split the workbook in two;
- a folder alice may enter but not list (mode 0711) in a rekap: it died in English (PermissionError, exit 70).
(The planted drafts, where alice's TUI is the victim, are in tests/pty/test_two_operators_pty.py.)"""

from __future__ import annotations

import os
import subprocess

from tests.cli.test_two_operators import IKM, Office, code_for_everyone, office  # noqa: F401  (fixtures)


def refused(done: subprocess.CompletedProcess) -> str:
    assert done.returncode == 1, (done.returncode, done.stdout, done.stderr)
    assert "Traceback" not in done.stderr and "tak terduga" not in done.stderr, done.stderr
    return done.stderr


def test_a_hard_link_made_by_the_other_operator_is_refused_through_either_name(office: Office) -> None:
    wb = office.victims_workbook()
    alias = office.folder / "salinan.json"
    done = office.run("penyerang", "-c", f"import os\nos.link({str(wb)!r}, {str(alias)!r})\nprint('OK')")
    assert "OK" in done.stdout, done.stderr
    before = wb.read_bytes()
    for role, name in (("korban", wb), ("penyerang", alias)):
        err = refused(office.run(role, "set", str(name), IKM, "realisasi", "80", "--year", "2022"))
        assert "tautan keras" in err and "-samefile" in err, err
    assert os.stat(wb).st_ino == os.stat(alias).st_ino and wb.read_bytes() == before  # one file, unchanged
    assert not [p for p in office.folder.iterdir() if p.name.startswith("salinan.json.")]  # no second lock or log


def test_a_folder_the_operator_may_enter_but_not_list_is_a_row_of_the_rekap(office: Office) -> None:
    wb = office.victims_workbook()
    closed = office.folder / "tertutup"
    closed.mkdir()
    os.chown(closed, office.uid["penyerang"], office.gid)
    closed.chmod(0o711)  # bob's folder: others may pass through, not list
    done = office.run("korban", "rekap", str(closed), str(wb), "--format", "json")
    err = refused(done)
    assert f"Folder {closed} tidak dapat dibuka: tidak ada izin membaca" in err, err
    assert "Permission" not in err + done.stdout
    assert "Kecamatan Torjun" in done.stdout  # the readable workbook is still in the rekap
