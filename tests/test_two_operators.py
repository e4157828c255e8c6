"""Two operators of one office share a group and a folder; one of them is hostile (issue 11, failure 8).

When the tests run as root they create the two users and their group (unique names, removed afterwards), run each
step as that user in a subprocess, and show that a planted `.w.json.<pid>.tmp`, a planted `w.json.lock` symlink and
a planted export temp name no longer hand the attacker the victim's private file. Not root, or no useradd: skipped
with the reason. The office and the code the two users run live in a folder everyone may enter (the checkout and
pytest's own folders may be private to root: a clone in a 0700 folder), with the code copied there once a session.
"""

from __future__ import annotations

import os
import secrets
import shutil
import stat
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest

from store.workbook import Workbook
from support.shared_code import readable_copy

IKM = "S1/1"
SAFETY = 120  # seconds: only against a hung child
PRIVATE = b"rahasia pribadi operator\n"


def mode(p: Path) -> int:
    return stat.S_IMODE(p.lstat().st_mode)


# -- 8. planted names, two users sharing a group ------------------------------------------------------------------------
RUNNER = textwrap.dedent("""
    # Runs as one of the two operators: lkjip's command line, or a few lines of Python (the attacker's steps).
    import os, sys
    import tui.cli
    argv = sys.argv[1:]
    if argv[0] == "--wait":  # say our pid, let the attacker plant a name made of it, then go on
        print(os.getpid(), flush=True)
        sys.stdin.readline()
        argv = argv[1:]
    if argv[0] == "-c":
        exec(argv[1])
    else:
        sys.exit(tui.cli.main(argv))
""")


def python_for_everyone() -> str | None:
    """This interpreter may live in root's private home; a system Python of the same version reads our packages."""
    for candidate in ("/usr/bin/python3", "/usr/local/bin/python3"):
        if os.path.exists(candidate):
            done = subprocess.run([candidate, "-c", "import sys; print(sys.version_info[:2])"], capture_output=True,
                                  text=True, timeout=SAFETY)
            if done.stdout.strip() == str(tuple(sys.version_info[:2])):
                return candidate
    return None


class Office:
    """Two operators, `korban` (victim) and `penyerang` (attacker), sharing the group of one office folder."""

    def __init__(self, root: Path, python: str, pythonpath: list[str]) -> None:
        self.python = python
        self.pythonpath = pythonpath
        tag = secrets.token_hex(3)
        self.group = f"lkjg{tag}"
        self.users = {"korban": f"lkjv{tag}", "penyerang": f"lkja{tag}"}
        subprocess.run(["groupadd", self.group], check=True, timeout=SAFETY)
        for name in self.users.values():
            subprocess.run(["useradd", "-M", "-N", "-g", self.group, "-s", "/usr/sbin/nologin", name], check=True,
                           timeout=SAFETY)
        import grp
        import pwd

        self.gid = grp.getgrnam(self.group).gr_gid
        self.uid = {role: pwd.getpwnam(name).pw_uid for role, name in self.users.items()}
        self.runner = root / "runner.py"
        self.runner.write_text(RUNNER)
        self.runner.chmod(0o644)
        self.folder = root / "kantor"  # shared by the group, as an office's folder on the district server
        self.folder.mkdir()
        os.chown(self.folder, 0, self.gid)
        self.folder.chmod(0o2770)
        self.home = root / "korban"  # the victim's own folder: nobody else may read it
        self.home.mkdir()
        os.chown(self.home, self.uid["korban"], self.gid)
        self.home.chmod(0o700)
        self.secret = self.home / "pribadi.txt"
        self.secret.write_bytes(PRIVATE)
        os.chown(self.secret, self.uid["korban"], self.gid)
        self.secret.chmod(0o600)

    def start(self, role: str, *argv: str, umask: int = 0o022, **kw) -> subprocess.Popen:
        env = {"PATH": "/usr/bin:/bin", "LOGNAME": self.users[role], "USER": self.users[role], "LANG": "C.UTF-8",
               "PYTHONPATH": os.pathsep.join(self.pythonpath), "PYTHONDONTWRITEBYTECODE": "1"}
        return subprocess.Popen([self.python, str(self.runner), *argv], user=self.uid[role], group=self.gid,
                                extra_groups=[self.gid], umask=umask, env=env, cwd="/", text=True, **kw)

    def run(self, role: str, *argv: str, umask: int = 0o022) -> subprocess.CompletedProcess:
        proc = self.start(role, *argv, umask=umask, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        out, err = proc.communicate(timeout=SAFETY)
        return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)

    def victims_workbook(self) -> Path:
        wb = self.folder / "w.json"
        assert self.run("korban", "init", str(wb), "--demo").returncode == 0
        return wb

    def plant(self, name: str) -> None:
        """The attacker puts a symlink to the victim's private file at `name` in the office folder."""
        at = str(self.folder / name)
        code = (f"import os\nif os.path.lexists({at!r}): os.unlink({at!r})\n"
                f"os.symlink({str(self.secret)!r}, {at!r}); print('OK')")
        assert "OK" in self.run("penyerang", "-c", code).stdout

    def attacker_reads_secret(self) -> bool:
        probe = f"open({str(self.secret)!r}, 'rb').read(); print('BACA')"
        return "BACA" in self.run("penyerang", "-c", probe).stdout

    def secret_intact(self) -> bool:
        st = self.secret.lstat()
        return (self.secret.read_bytes() == PRIVATE and stat.S_IMODE(st.st_mode) == 0o600
                and st.st_uid == self.uid["korban"])

    def remove(self) -> None:
        for name in self.users.values():
            subprocess.run(["userdel", name], timeout=SAFETY, capture_output=True)
        subprocess.run(["groupdel", self.group], timeout=SAFETY, capture_output=True)


def open_folder(prefix: str) -> Path:
    """A fresh folder under the system's temporary folder that every user may enter and read."""
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    folder.chmod(0o755)
    return folder


@pytest.fixture(scope="session")
def code_for_everyone():
    """PYTHONPATH entries to lkjip's packages and their dependencies that the two operators can read, wherever the
    checkout is; made once a session (hard links, about a second), removed at its end."""
    if os.geteuid() != 0:
        yield None
        return
    folder = open_folder("lkjip-kode-")
    try:
        yield readable_copy(folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def office(code_for_everyone):
    if os.geteuid() != 0:
        pytest.skip("needs root to create two operators and their group (useradd, groupadd)")
    if not shutil.which("useradd") or not shutil.which("groupadd"):
        pytest.skip("useradd/groupadd are not installed")
    python = python_for_everyone()
    if python is None:
        pytest.skip(f"no Python {sys.version_info[0]}.{sys.version_info[1]} that other users may run")
    # Not pytest's tmp_path: its folders are private to root, and the two operators must pass through to the office.
    root = open_folder("lkjip-kantor-")
    made = None
    try:
        made = Office(root, python, code_for_everyone)
        yield made
    finally:
        if made is not None:
            made.remove()
        shutil.rmtree(root, ignore_errors=True)


def test_two_operators_the_workbook_and_its_files_are_for_the_group_only(office):
    wb = str(office.folder / "w.json")
    assert office.run("korban", "init", wb, "--demo", umask=0o000).returncode == 0
    done = office.run("penyerang", "set", wb, IKM, "realisasi", "80", "--year", "2022", umask=0o000)
    assert done.returncode == 0, done.stderr  # the other operator of the group edits the same workbook
    files = [p for p in office.folder.iterdir()]
    assert files and all(stat.S_IMODE(p.stat().st_mode) == 0o660 for p in files), files
    assert all(p.stat().st_gid == office.gid for p in files)


def test_two_operators_a_planted_temp_name_does_not_give_away_the_victims_file(office):
    wb = office.victims_workbook()
    victim = office.start("korban", "--wait", "set", str(wb), IKM, "realisasi", "80", "--year", "2022",
                          stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    pid = int(victim.stdout.readline())
    office.plant(f".w.json.{pid}.tmp")  # the name lkjip before this fix would have written through
    out, err = victim.communicate("go\n", timeout=SAFETY)
    assert victim.returncode == 0, err
    assert office.secret_intact() and not office.attacker_reads_secret()
    assert Workbook.open(wb).cascade().indicators[IKM][1]["years"]["2022"]["realisasi"] == "80"


def test_two_operators_a_planted_lock_symlink_does_not_give_away_the_victims_file(office):
    wb = office.victims_workbook()
    office.plant("w.json.lock")
    done = office.run("korban", "set", str(wb), IKM, "realisasi", "80", "--year", "2022")
    assert done.returncode == 1 and "tautan simbolik" in done.stderr and "Traceback" not in done.stderr
    assert office.secret_intact() and not office.attacker_reads_secret()


def test_two_operators_a_planted_export_temp_name_does_not_give_away_the_victims_file(office):
    wb = office.victims_workbook()
    out = office.folder / "draf.md"
    office.plant(".draf.md.tmp")
    done = office.run("korban", "export", str(wb), "--format", "md", "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert office.secret_intact() and not office.attacker_reads_secret()
    assert "LAPORAN KINERJA" in out.read_text() and not out.is_symlink() and mode(out) == 0o660
