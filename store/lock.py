"""The workbook's file lock: flock on WORKBOOK.lock, so it dies with its holder (a dropped SSH session frees it)."""

from __future__ import annotations

import errno
import fcntl
import getpass
import os
import socket
import stat
import time
from datetime import datetime

from .errors import LockTimeout, SaveFailed
from .safefile import UnsafeTarget, check_target, os_reason, read_regular

LOCK_MODE = 0o660
# Never through a planted symlink, never blocking on a planted fifo, never inherited by a child process.
_FLAGS = os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)


def login_name() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no passwd entry in some containers
        return str(os.getuid())


class WorkbookLock:
    """An exclusive, re-entrant (within one object) lock. The holder writes who it is into the lock file so that a
    waiting operator is told who to ask."""

    POLL = 0.01

    def __init__(self, workbook_path: str | os.PathLike[str], timeout: float = 10.0) -> None:
        # Beside the real file: a symlinked path and the real one share one lock.
        self.path = os.path.realpath(workbook_path) + ".lock"
        self.timeout = timeout
        self._fd: int | None = None
        self._depth = 0

    def _open(self) -> int:
        """The lock file, 0660 whatever the umask: every operator of the group must be able to open it.

        It lives in a folder the whole group writes to, so its name may have been planted: it is opened with
        O_NOFOLLOW (a symlink is refused), and only a regular file with one name is used; a file lkjip did not make
        is never re-moded (see `_check`)."""
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_EXCL | _FLAGS, LOCK_MODE)
        except FileExistsError:
            fd = self._open_existing()
        except OSError as exc:
            if not os.path.lexists(self.path):
                raise SaveFailed(f"Tidak dapat membuat berkas kunci {self.path}: {os_reason(exc)}.") from None
            fd = self._open_existing()
        else:
            try:
                os.fchmod(fd, LOCK_MODE)  # ours, just made: the umask must not decide
            except OSError:
                pass
            return fd
        try:
            self._check(fd)
        except BaseException:
            os.close(fd)
            raise
        return fd

    def _check(self, fd: int) -> None:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_nlink != 1:
            raise SaveFailed(f"Berkas kunci {self.path} bukan berkas kunci lkjip (bukan berkas biasa, atau punya nama "
                             f"lain); buku kerja tidak diubah, minta pengelola memeriksa dan menghapusnya.")
        if st.st_uid == os.geteuid() and stat.S_IMODE(st.st_mode) != LOCK_MODE:
            try:
                os.fchmod(fd, LOCK_MODE)  # our own, left by an older version with the umask's bits
            except OSError:
                pass

    def _refuse_unsafe(self) -> None:
        try:
            check_target(self.path)
        except UnsafeTarget as exc:
            raise SaveFailed(f"Tidak dapat memakai berkas kunci: {exc.reason}; buku kerja tidak diubah.") from None
        except OSError:
            pass

    def _open_existing(self) -> int:
        self._refuse_unsafe()  # a device or a fifo is not even opened
        try:
            return os.open(self.path, os.O_RDWR | _FLAGS)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                self._refuse_unsafe()
            if exc.errno not in (errno.EACCES, errno.EPERM, errno.EROFS):
                raise SaveFailed(f"Tidak dapat membuka berkas kunci {self.path}: {os_reason(exc)}.") from None
        try:
            # flock works on a read-only descriptor; only naming the holder needs write access
            return os.open(self.path, os.O_RDONLY | _FLAGS)
        except OSError as exc:
            raise SaveFailed(f"Tidak dapat membuka berkas kunci {self.path}: {os_reason(exc)}.") from None

    def holder(self) -> str:
        try:
            raw, _ = read_regular(self.path)
            text = raw[:200].decode("utf-8", errors="replace").strip()
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
