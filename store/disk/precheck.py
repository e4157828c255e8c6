"""A large workbook's schema check, run on a second core while the TUI loads.

Opening a kabupaten workbook (5 MB, 4,000 indicators) spends ≈0.25 s checking every record against the schema, and
starting the TUI spends about as long importing Textual. Neither needs the other, so `start` reads and parses the
file, then forks a child that checks the parsed document and answers one byte, while the parent goes on importing.
`Workbook.open` then asks for the answer:

- "ok": the bytes read are the bytes checked (same file signature), and the document is taken without a second look.
- anything else (a refusal, a child that died, a file replaced meanwhile, no fork on this system): the ordinary
  open runs as if this module did not exist, and a damaged file is refused by it, with its path and reason.

So the child can only ever save time: it never decides that a document is refused, and a document is only taken
unchecked when a check of exactly those bytes passed. Small files are checked inline (the fork would cost more).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from store.text.errors import DocumentInvalid
from store.domain.model import META, SCHEMA_VERSION
from .safefile import UnsafeTarget, read_regular
from store.document.read import MAX_DOCUMENT
from store.document.schema import check


@dataclass
class Prechecked:
    path: Path  # the real path read
    signature: tuple[Any, ...]
    data: dict[str, Any]
    pid: int
    answer_fd: int
    _ok: bool | None = None

    def passed(self) -> bool:
        """Wait for the child's answer: True only when it checked the document and found nothing."""
        if self._ok is None:
            answer = b""
            try:
                answer = os.read(self.answer_fd, 2)
            except OSError:
                pass
            finally:
                os.close(self.answer_fd)
                try:
                    os.waitpid(self.pid, 0)
                except ChildProcessError:
                    pass
            self._ok = answer == b"ok"
        return self._ok

    def discard(self) -> None:
        """Not needed after all (the file changed since it was read): stop the child rather than wait for it."""
        if self._ok is None:
            try:
                os.kill(self.pid, 9)
            except OSError:
                pass
            self.passed()


def start(path: Path, signature_of: Callable[[Path], tuple[Any, ...] | None]) -> Prechecked | None:
    """Read, parse and fork the check of a large workbook (store.disk.storage.precheck decides what is large: below
    PRECHECK_FROM the check costs less than a fork); None when there is nothing to gain or anything is odd (the
    ordinary open then does everything itself)."""
    if not hasattr(os, "fork"):
        return None
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_DOCUMENT:  # the ordinary open refuses it by its size
            return None
        signature = signature_of(path)
        raw, _ = read_regular(path)  # never follows a symlink nor waits on a fifo planted meanwhile
        data = orjson.loads(raw)
        if signature is None or signature_of(path) != signature or not _current(data):
            return None
        read_fd, write_fd = os.pipe()
    except (OSError, UnsafeTarget, orjson.JSONDecodeError):
        return None
    try:
        pid = os.fork()
    except OSError:
        os.close(read_fd)
        os.close(write_fd)
        return None
    if pid == 0:  # the child: check, answer, and leave without running the parent's exit handlers or buffers
        answer = b"no"
        try:
            os.close(read_fd)
            check(data)
            answer = b"ok"
        except (DocumentInvalid, Exception):
            pass
        finally:
            try:
                os.write(write_fd, answer)
            finally:
                os._exit(0)
    os.close(write_fd)
    return Prechecked(path, signature, data, pid, read_fd)


def _current(data: object) -> bool:
    """A document already in today's schema: an older one is migrated in memory first, which the child cannot do."""
    try:
        meta = data[META]  # type: ignore[index]  # any shape may come in: the except below answers a wrong one
        return len(meta) == 1 and next(iter(meta.values()))["schema"] == SCHEMA_VERSION
    except (TypeError, KeyError, AttributeError):
        return False
