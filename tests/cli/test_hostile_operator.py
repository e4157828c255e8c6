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


def test_alices_own_draft_cannot_be_rewritten_by_the_other_operator(office: Office) -> None:
    """bob need not plant a file: alice's own draft (left by a dropped link) was group-writable like the workbook, so
    bob could put his text in it, still owned by alice, and her next start offered it as hers. A draft is now hers
    alone (0600), and one others may write is set aside, never offered."""
    wb = office.victims_workbook()
    draft = wb.with_name(f"{wb.name}.draf-narasi-{office.users['korban']}.json")
    write = (f"from store.disk.drafts import write_draft\nfrom pathlib import Path\n"
             f"write_draft(Path({str(draft)!r}), 'kata_pengantar', 'Kata Pengantar', '', 'TEKS ALICE ', year=2022)")
    assert office.run("korban", "-c", write).returncode == 0
    rewrite = (f"import json\np = {str(draft)!r}\ntry:\n    d = json.load(open(p))\n    d['text'] = 'TEKS BOB '\n"
               f"    open(p, 'r+').write(json.dumps(d).ljust(4096))\n    print('DITULIS')\n"
               f"except OSError:\n    print('DITOLAK')")
    print(office.run("penyerang", "-c", rewrite).stdout)
    offer = (f"from store.disk.drafts import find_draft\nfrom pathlib import Path\n"
             f"draft, why = find_draft(Path({str(draft)!r}))\nprint(draft.text if draft else why)")
    done = office.run("korban", "-c", offer)
    assert done.returncode == 0, done.stderr
    assert "TEKS BOB" not in done.stdout, done.stdout
    assert "TEKS ALICE" in done.stdout  # her own, untouched, is still offered to her


def test_a_draft_others_may_write_is_set_aside(office: Office) -> None:
    """One from before drafts were private (0660): whoever wrote it last, it is not offered as hers."""
    wb = office.victims_workbook()
    draft = wb.with_name(f"{wb.name}.draf-narasi-{office.users['korban']}.json")
    write = (f"from store.disk.drafts import write_draft\nfrom pathlib import Path\nimport os\n"
             f"write_draft(Path({str(draft)!r}), 'kata_pengantar', 'Kata Pengantar', '', 'TEKS ', year=2022)\n"
             f"os.chmod({str(draft)!r}, 0o660)")
    assert office.run("korban", "-c", write).returncode == 0
    offer = (f"from store.disk.drafts import find_draft\nfrom pathlib import Path\n"
             f"draft, why = find_draft(Path({str(draft)!r}))\nprint(draft.text if draft else why)")
    done = office.run("korban", "-c", offer)
    assert "tidak ditawarkan" in done.stdout and "pengguna lain" in done.stdout, done.stdout
    assert not draft.exists()  # set aside, not deleted
