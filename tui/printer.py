"""The one way the command line writes to a terminal: every line of every `lkjip` subcommand, on stdout and on
stderr, goes through here (argparse's help and messages too: tui.cli_parser.Parser), so no control character a
name, a file name or an argument holds is ever emitted. The one place the sanitiser is applied to the CLI's output.

Text passes store.sanitize.visible (ESC as `␛`, BEL `␇`, CR `␍`, C1 and direction controls as `�`), keeping the
output's own line breaks and tabs; a JSON document passes store.sanitize.json_safe instead (the same values, the
characters written as `\\u` escapes). A subcommand never calls print or sys.stdout itself; tests/test_cli_output.py
and tests/test_cli_parser.py run every subcommand of the parser with hostile names and arguments and look for raw
control bytes.
"""

from __future__ import annotations

import os
import sys

from store.errors import WorkbookError
from store.safefile import os_reason
from store.sanitize import json_safe, visible


def out(text: str, *, one_line: bool = False) -> None:
    """Lines on stdout (one or more; a final line break is added). `one_line`: a line whose stored texts may hold
    a newline or a tab of their own (a log entry, a name listed): shown as `␊` and `␉`, never a second line."""
    sys.stdout.write(_shown(text, one_line))


def err(text: str, *, one_line: bool = False) -> None:
    """A message on stderr: names and inputs quoted in it are stored or typed text, shown visibly."""
    sys.stderr.write(_shown(text, one_line))


def _shown(text: str, one_line: bool) -> str:
    if one_line:
        text = visible(text.removesuffix("\n"))
    else:
        text = visible(text, multiline=True)
    return text if text.endswith("\n") else text + "\n"


def out_document(payload: bytes, fmt: str) -> None:
    """A whole rendered document on stdout: JSON with its characters escaped, any other text made visible."""
    if fmt == "json":
        payload = json_safe(payload)
    else:
        payload = visible(payload.decode("utf-8"), multiline=True).encode("utf-8")
    _write_bytes(payload)


def _write_bytes(payload: bytes) -> None:
    """A full disk behind `> file` must be reported, not lost in Python's exit-time flush."""
    try:
        sys.stdout.flush()
        sys.stdout.buffer.write(payload)
        sys.stdout.buffer.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        try:  # what is still buffered must not fail again, in English, when Python exits
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except OSError:
            pass
        raise WorkbookError(f"Gagal menulis ke keluaran standar: {os_reason(exc)}.") from None
