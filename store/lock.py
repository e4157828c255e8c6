"""The workbook's file lock: flock on WORKBOOK.lock, so it dies with its holder (a dropped SSH session frees it)."""

from __future__ import annotations

import fcntl
import getpass
import os
import socket
import time
from datetime import datetime

from .errors import LockTimeout, SaveFailed


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
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o660)
        except OSError as exc:
            raise SaveFailed(f"Tidak dapat membuat berkas kunci {self.path}: {exc.strerror}.") from None
        try:
            st = os.fstat(fd)
            if st.st_mode & 0o007:
                os.fchmod(fd, 0o660)  # umask may have left it readable by others
        except OSError:
            pass
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
