"""`lkjip ARGS` run in the test's own process: the entry point `tui.cli:main` called with argv, its stdout, stderr
and exit code captured as `subprocess.run(..., capture_output=True)` would give them.

A new interpreter per call costs ~0.3 s; this costs the command's own work. What a child process would get fresh is
put back after every call, so no call sees what an earlier one left: sys.stdout/stderr/stdin, the environment, the
working folder, the umask, the time zone, the cyclic collector (opening the TUI disables it) and the terminal size (a pipe has
none: without COLUMNS the width is the 80 columns a child writing into a pipe sees, whether or not pytest runs on a
terminal). What only a real process shows (exit by signal, the interpreter's own start, a pty, another Unix user,
a full disk behind stdout) stays with subprocess tests, and `lkjip WORKBOOK`, which opens the TUI, with the pty
harness (tests/support/pty.py) or the Pilot.
"""

from __future__ import annotations

import gc
import io
import os
import subprocess
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # the checkout

__all__ = ["ROOT", "lkjip"]


class _Stdin(io.BytesIO):
    """An empty stdin that is not a terminal (a child of subprocess.run gets the test runner's, never a terminal's
    answer here: the CLI only asks isatty before prompting)."""


def _pipe(errors: str) -> io.TextIOWrapper:
    # What a child's sys.stdout/sys.stderr are on a pipe under C.UTF-8: UTF-8, with a .buffer for whole documents.
    return io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors=errors, write_through=True)


def _no_terminal(fd: int = 1) -> os.terminal_size:
    raise OSError("not a terminal")  # as os.get_terminal_size on a pipe


def _decoded(data: bytes) -> str:
    # subprocess's text mode: UTF-8 (the locale's) with universal newlines
    return data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")


def lkjip(*args: object, cwd: Path | str | None = None, env: dict[str, str] | None = None, text: bool = True,
          input: bytes | str | None = None) -> subprocess.CompletedProcess:
    """`lkjip ARGS` in process. cwd and env as subprocess.run takes them (env, when given, is the whole environment);
    the result is a CompletedProcess with returncode, stdout and stderr (str, or bytes with text=False)."""
    from tui.cli import main

    argv = [str(a) for a in args]
    saved_streams = sys.stdin, sys.stdout, sys.stderr
    saved_env = dict(os.environ)
    saved_cwd = os.getcwd()
    saved_umask = os.umask(0o022)
    os.umask(saved_umask)
    collecting = gc.isenabled()
    saved_size = os.get_terminal_size
    raw = input.encode("utf-8") if isinstance(input, str) else (input or b"")
    stdout, stderr = _pipe("surrogateescape"), _pipe("backslashreplace")
    try:
        if env is not None:
            os.environ.clear()
            os.environ.update(env)
            if os.environ.get("TZ") != saved_env.get("TZ"):
                time.tzset()  # a child reads TZ when it starts; this process, when told
        if cwd is not None:
            os.chdir(cwd)
        os.get_terminal_size = _no_terminal
        sys.stdin = io.TextIOWrapper(_Stdin(raw), encoding="utf-8")
        sys.stdout, sys.stderr = stdout, stderr
        try:
            code = main(argv)
        except SystemExit as done:  # --help, --version: argparse exits
            code = done.code
            if code is not None and not isinstance(code, int):
                sys.stderr.write(f"{code}\n")
                code = 1
        except Exception:  # as the interpreter would: the traceback on stderr, exit 1 (tests look for "Traceback")
            sys.stderr.write(traceback.format_exc())
            code = 1
        for stream in (sys.stdout, sys.stderr):
            if stream in (stdout, stderr):
                stream.flush()
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved_streams
        os.get_terminal_size = saved_size
        os.chdir(saved_cwd)
        os.umask(saved_umask)
        if os.environ != saved_env:
            zone = os.environ.get("TZ")
            os.environ.clear()
            os.environ.update(saved_env)
            if zone != saved_env.get("TZ"):
                time.tzset()
        if collecting:
            gc.enable()
    out, err = stdout.buffer.getvalue(), stderr.buffer.getvalue()
    if text:
        out, err = _decoded(out), _decoded(err)
    return subprocess.CompletedProcess(["lkjip", *argv], 0 if code is None else code, out, err)
