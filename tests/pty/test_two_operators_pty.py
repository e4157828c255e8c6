"""Two Unix users of one office, the victim in the real TUI (issue 20, failure 8): bob plants a file at alice's
recovery draft name in the folder they share, alice starts `lkjip WORKBOOK` in a pseudo-terminal as herself.

Before: bob's draft of his own text was offered to alice as hers (`y`, Ctrl+S logged "alice edit kata_pengantar"),
a fifo froze her TUI after its first frame (keys, Ctrl+Q, SIGTERM ignored) and a link to /dev/zero ended every start
with MemoryError. Now each is set aside under another name (still bob's), alice is told, and her TUI answers.

Runs as root only: it creates the two users and their group (tests/cli/test_two_operators.py, `office`)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import orjson
import pytest

from tests.cli.test_two_operators import SAFETY, Office, code_for_everyone, office  # noqa: F401  (fixtures)
from tests.pty.test_draft_pty import screen_text, wait_for

pytest.importorskip("pty", reason="no pseudo-terminals on this platform")
from tests.support.pty import PtySession  # noqa: E402

KATA_PENGANTAR = "kata_pengantar"
WHY = {"draf": "milik pengguna lain", "fifo": "fifo", "dev-zero": "tautan simbolik"}


def start_as(office: Office, role: str, workbook: Path) -> tuple[PtySession, str]:
    """`lkjip WORKBOOK` in a pty as `role`: privileges dropped by setpriv before the interpreter starts."""
    user = office.users[role]
    env = {"PATH": "/usr/bin:/bin", "LOGNAME": user, "USER": user, "HOME": str(office.folder), "LANG": "C.UTF-8",
           "TERM": "xterm-256color", "PYTHONPATH": os.pathsep.join(office.pythonpath), "PYTHONDONTWRITEBYTECODE": "1",
           "LKJIP_KEYMAP": "/nonexistent"}
    argv = ["setpriv", f"--reuid={office.uid[role]}", f"--regid={office.gid}", "--clear-groups",
            office.python, "-m", "tui.cli.main", str(workbook)]
    session = PtySession(argv, env, size=(100, 30), cwd="/")
    first_frame = session.read_until_quiet(0.4, min_cells=500, first_timeout=30.0, timeout=60.0).data
    return session, screen_text(first_frame)


def plant(office: Office, how: str, at: Path) -> None:
    """bob, as himself, puts a file at alice's draft name."""
    if how == "draf":
        code = (f"from store.disk.drafts import write_draft\n"
                f"write_draft(__import__('pathlib').Path({str(at)!r}), {KATA_PENGANTAR!r}, 'Kata Pengantar', '', "
                f"'TEKS BOB ', year=2022)\n"
                f"__import__('os').chmod({str(at)!r}, 0o644)\nprint('OK')")  # readable: its owner is what refuses it
    elif how == "fifo":
        code = f"import os\nos.mkfifo({str(at)!r}, 0o660)\nprint('OK')"
    else:
        code = f"import os\nos.symlink('/dev/zero', {str(at)!r})\nprint('OK')"
    done = office.run("penyerang", "-c", code)
    assert "OK" in done.stdout, done.stderr


def kata_pengantar(workbook: Path) -> str:
    doc = orjson.loads(workbook.read_bytes())
    return next(n["texts"]["2022"] for n in doc["narrative"].values() if n["key"] == KATA_PENGANTAR)


@pytest.mark.parametrize("how", ["draf", "fifo", "dev-zero"])
def test_a_draft_name_planted_by_another_operator_is_set_aside_and_her_tui_answers(office: Office, how: str) -> None:
    workbook = office.victims_workbook()
    text_before, log_before = kata_pengantar(workbook), orjson.loads(workbook.read_bytes())["log"]
    planted = workbook.with_name(f"{workbook.name}.draf-narasi-{office.users['korban']}.json")
    plant(office, how, planted)
    session, frame = start_as(office, "korban", workbook)
    try:
        seen = wait_for(session, "tidak ditawarkan", seen=frame)
        os.write(session.master, b"y")  # what alice would have answered to the offer of "her" draft
        os.write(session.master, b"\x13")  # Ctrl+S
        seen += screen_text(session.read_until_quiet(0.4, first_timeout=2.0, timeout=10.0).data)
    finally:
        session.close(quit_keys=("ctrl+q",), wait=SAFETY)  # a frozen TUI does not quit: killed, and fails below
    assert session.returncode == 0, seen[-1500:]
    assert WHY[how] in re.sub(r"\s+", " ", seen), re.sub(r"\s+", " ", seen)[-3000:]
    assert kata_pengantar(workbook) == text_before and "TEKS BOB" not in workbook.read_text()
    assert orjson.loads(workbook.read_bytes())["log"] == log_before  # nothing saved under alice's name
    [aside] = [p for p in office.folder.iterdir() if ".disisihkan-" in p.name]
    assert not os.path.lexists(planted) and aside.lstat().st_uid == office.uid["penyerang"]  # kept, still bob's
