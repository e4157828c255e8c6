"""The workbook's file lock: flock on WORKBOOK.lock, so it dies with its holder (a dropped SSH session frees it)."""

from __future__ import annotations

import errno
import fcntl
import getpass
import os
import socket
import time
from datetime import datetime

from .errors import LockTimeout, SaveFailed
from .storage import os_reason

LOCK_MODE = 0o660


def login_name() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no passwd entry in some containers
        return str(os.getuid())


class WorkbookLock:
    """An exclusive, re-entrant (within one object) lock. The holder writes who it is into the lock file so that a
    waiting operator is told who to ask."""

    POLL = 0.01

    def __init__(self, workbook_path: str | os.PathLike, timeout: float = 10.0) -> None:
        self.path = os.fspath(workbook_path) + ".lock"
        self.timeout = timeout
        self._fd: int | None = None
        self._depth = 0

    def _open(self) -> int:
        """The lock file, 0660 whatever the umask: every operator of the group must be able to open it."""
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_EXCL, LOCK_MODE)
        except OSError as exc:
            if not os.path.exists(self.path):
                raise SaveFailed(f"Tidak dapat membuat berkas kunci {self.path}: {os_reason(exc)}.") from None
            fd = self._open_existing()
        try:
            if os.fstat(fd).st_mode & 0o777 != LOCK_MODE:
                os.fchmod(fd, LOCK_MODE)  # new, or left by an older version with the umask's bits
        except OSError:
            pass  # another operator's file: not ours to change
        return fd

    def _open_existing(self) -> int:
        try:
            return os.open(self.path, os.O_RDWR)
        except OSError as exc:
            if exc.errno not in (errno.EACCES, errno.EPERM, errno.EROFS):
                raise SaveFailed(f"Tidak dapat membuka berkas kunci {self.path}: {os_reason(exc)}.") from None
        try:
            # flock works on a read-only descriptor; only naming the holder needs write access
            return os.open(self.path, os.O_RDONLY)
        except OSError as exc:
            raise SaveFailed(f"Tidak dapat membuka berkas kunci {self.path}: {os_reason(exc)}.") from None

    def holder(self) -> str:
        try:
            with open(self.path, encoding="utf-8", errors="replace") as f:
                text = f.read().strip()
        except OSError:
            text = ""
        return text or "proses lain"

    def acquire(self) -> None:
        if self._depth:
            self._depth += 1
            return
        fd = self._open()
        deadline = time.monotonic() + self.timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    os.close(fd)
                    raise LockTimeout(
                        f"Buku kerja sedang dipakai oleh {self.holder()}; "
                        f"sudah menunggu {self.timeout:g} detik, coba lagi sebentar lagi."
                    ) from None
                time.sleep(self.POLL)
        self._fd = fd
        self._depth = 1
        stamp = f"{login_name()}@{socket.gethostname()} (pid {os.getpid()}, sejak {datetime.now():%H:%M:%S})"
        try:
            os.ftruncate(fd, 0)
            os.pwrite(fd, stamp.encode(), 0)
        except OSError:
            pass  # naming the holder is a courtesy; a full disk must not stop the lock itself

    def release(self) -> None:
        if not self._depth:
            return
        self._depth -= 1
        if self._depth:
            return
        fd, self._fd = self._fd, None
        assert fd is not None
        try:
            os.ftruncate(fd, 0)
        except OSError:
            pass
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)

    def __enter__(self) -> "WorkbookLock":
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
