"""The one bounded read of a file lkjip is handed by name: a document to import, the master list `kode.csv`, a
workbook being opened.

Such a file may be anything the office's shared folder holds: an 8 GB file (read whole it takes all memory), a fifo
(an ordinary open waits for a writer for good), a folder or a device. Here it is opened without blocking, must be a
regular file (a symlink is followed: the operator named it), and is measured before it is read and while it is read
(a file that grows meanwhile is cut off at the limit, never read whole). Each refusal carries its reason in the
operator's words; the caller says which file and what to do.
"""

from __future__ import annotations

import os
import stat


class FileRefused(OSError):
    """A file not read: not a regular file, or larger than its limit. `reason` is an Indonesian phrase."""

    def __init__(self, path: str | os.PathLike[str], reason: str) -> None:
        super().__init__(0, reason, os.fspath(path))
        self.reason = reason


def size_text(n: int) -> str:
    return f"{n / 2**20:.0f} MB" if n >= 2**20 else f"{max(1, n // 1024)} KB"


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "itu sebuah folder"
    if stat.S_ISFIFO(mode):
        return "itu pipa (fifo), bukan berkas biasa"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "itu perangkat, bukan berkas biasa"
    return "bukan berkas biasa"


def read_bounded(path: str | os.PathLike[str], limit: int) -> bytes:
    """The bytes of the regular file at `path`, at most `limit` of them; FileRefused for anything else, OSError as
    the system gives it (os_reason in store.disk.safefile says it in Indonesian)."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise FileRefused(path, _kind(st.st_mode))
        too_large = f"berkasnya {{}}, paling besar {size_text(limit)}"
        if st.st_size > limit:
            raise FileRefused(path, too_large.format(size_text(st.st_size)))
        chunks, size = [], 0
        while chunk := os.read(fd, min(1 << 20, limit + 1 - size)):
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:  # it grew since fstat
                raise FileRefused(path, too_large.format(f"lebih dari {size_text(limit)}"))
        return b"".join(chunks)
    finally:
        os.close(fd)
