"""The one way lkjip puts bytes into a file: workbook, backup, set-aside copy, export, recovery draft.

Operators of one office share a group and a folder, so another operator can plant names in it. Hence:
- the temporary file has an unpredictable name and is created exclusively (O_CREAT | O_EXCL | O_NOFOLLOW, as
  tempfile.mkstemp does) beside the destination: a planted file or symlink of that name is never opened;
- the destination is looked at with lstat and never written through: a symlink, a folder, a device or a fifo is
  refused (the workbook's own symlink is resolved to its real file once, by the caller, before it gets here);
- the mode is set on the descriptor (fchmod), 0660 whatever the umask, never by name;
- the bytes are written, fsynced, swapped in with os.replace (or linked in without replacing anything), and the
  folder is fsynced, so at every instant the destination holds the old bytes or the new ones, never a mix.
Failures (a full disk, an I/O error) are raised as OSError and the destination is left byte-identical; callers turn
them into one sentence with `os_reason`.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import time
from collections.abc import Sequence
from pathlib import Path

from store.text.files import FileRefused

FILE_MODE = 0o660
TEMP_SUFFIX = ".tmp"
try:
    _IOV_MAX = max(16, os.sysconf("SC_IOV_MAX"))
except (ValueError, OSError):
    _IOV_MAX = 1024
# The most one write call hands the kernel (see `_write_all`).
_CALL_BYTES = 1024 * 1024
# What the writer puts in a file: bytes, or parts written in order (a workbook save; see `_write_all`).
Payload = bytes | Sequence[bytes]
_TEMP_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)

_REASONS = {
    errno.ENOSPC: "disk penuh",
    errno.EDQUOT: "kuota disk habis",
    errno.EFBIG: "berkas melebihi batas ukuran yang diizinkan",
    errno.EROFS: "sistem berkas hanya-baca",
    errno.EACCES: "tidak ada izin menulis",
    errno.EPERM: "tidak ada izin menulis",
    errno.EIO: "kesalahan I/O pada disk",
    errno.ENOENT: "folder tidak ada",
    errno.ENOTDIR: "jalurnya melewati sesuatu yang bukan folder",
    errno.EISDIR: "itu sebuah folder",
    errno.ELOOP: "itu tautan simbolik",
    errno.ENAMETOOLONG: "nama berkas terlalu panjang",
    errno.EEXIST: "berkas sudah ada",
    errno.EBUSY: "berkas sedang dipakai",
    errno.ETXTBSY: "berkas sedang dipakai",
    errno.EMFILE: "terlalu banyak berkas terbuka",
    errno.ENFILE: "terlalu banyak berkas terbuka",
    errno.EXDEV: "berkas berada di disk yang lain",
    errno.ENXIO: "perangkat tidak tersedia",
    errno.ENODEV: "perangkat tidak tersedia",
    errno.EINVAL: "jalur atau nama berkas tidak sah",
}


class UnsafeTarget(OSError):
    """The destination is a symlink or not a regular file: lkjip never writes through it or over it."""

    def __init__(self, path: str | os.PathLike[str], what: str) -> None:
        super().__init__(errno.EPERM, what, os.fspath(path))
        self.reason = f"{os.fspath(path)} {what}; lkjip hanya menulis berkas biasa"


def os_reason(exc: OSError, *, reading: bool = False) -> str:
    """The operating system's refusal in the operator's words."""
    if isinstance(exc, (UnsafeTarget, FileRefused)):
        return exc.reason
    if reading and exc.errno in (errno.EACCES, errno.EPERM):
        return "tidak ada izin membaca"
    if reading and exc.errno == errno.ENOENT:
        return "berkas tidak ada"
    if exc.errno in _REASONS:
        return _REASONS[exc.errno]
    # Never the English strerror: name the error code instead.
    return f"sistem operasi menolak ({errno.errorcode.get(exc.errno or 0, exc.errno or '?')})"


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "adalah folder"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "adalah perangkat, bukan berkas biasa"
    if stat.S_ISFIFO(mode):
        return "adalah pipa (fifo), bukan berkas biasa"
    if stat.S_ISSOCK(mode):
        return "adalah soket, bukan berkas biasa"
    return "bukan berkas biasa"


def real_path(path: str | os.PathLike[str]) -> Path:
    """The one real file behind a workbook path: a symlinked path and the real one share lock, backups and log."""
    return Path(os.path.realpath(path))


def kept_mode(st: os.stat_result | None) -> int:
    """Keep the file's mode, never with bits for others: the operators share a group, others cannot read."""
    return FILE_MODE if st is None else st.st_mode & 0o770


def check_target(path: str | os.PathLike[str]) -> os.stat_result | None:
    """The destination's own lstat, or None when it does not exist; a symlink or a non-regular file is refused."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return None
    if stat.S_ISLNK(st.st_mode):
        raise UnsafeTarget(path, "adalah tautan simbolik")
    if not stat.S_ISREG(st.st_mode):
        raise UnsafeTarget(path, _kind(st.st_mode))
    return st


# -- temporary names ----------------------------------------------------------------------------------------------------
def temp_name(path: Path) -> Path:
    """`.NAME.PID.RANDOM.tmp` beside the destination: the pid lets a later writer tell a dead writer's leftover, the
    random part makes the name impossible to plant in advance."""
    return path.parent / f".{path.name}.{os.getpid()}.{os.urandom(6).hex()}{TEMP_SUFFIX}"


def _temp_pattern(name: str) -> re.Pattern[str]:
    # The workbook's own temp files and those of its backups and set-aside copies; the pid-only form is what
    # lkjip before 0.2 left behind.
    return re.compile(r"\." + re.escape(name) + r"(?:\.(?:bak|rusak)-[0-9TZ-]+)?\.([0-9]+)(?:\.[0-9a-f]+)?\.tmp\Z")


def create_temp(path: Path) -> tuple[int, Path]:
    """A new, empty, private (0600) temporary file beside `path`, created exclusively and never through a link."""
    for _ in range(100):
        tmp = temp_name(path)
        try:
            return os.open(tmp, _TEMP_FLAGS, 0o600), tmp
        except FileExistsError:
            continue  # someone planted this very name, or a 1-in-2^48 clash: draw again
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(path))


def _unlink_quietly(path: Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def fsync_folder(folder: Path) -> None:
    """After the swap the new bytes are what every reader sees; a failing fsync of the folder is then not a failed
    write (as in SQLite): some file systems refuse to fsync a folder at all."""
    try:
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    except OSError:
        pass


def _write_all(fd: int, payload: Payload) -> None:
    """Every byte of `payload`, in order, retrying short writes. A list of parts (a workbook save: some hundred
    parts, 5 MB at kabupaten scale) is not joined first: that would copy the whole file once more on every save, a
    copy the kernel makes anyway. It goes out by writev, at most `_CALL_BYTES` a call: measured on the district-server
    VM, one 5 MB write(v) stalls 8–15 ms in the kernel in 2–4 % of calls (the p95 of a kabupaten commit), the same
    bytes in 1 MB calls never in 300 saves, for no more CPU (1.7 ms a save either way)."""
    views = [memoryview(payload)] if isinstance(payload, (bytes, bytearray, memoryview)) else [memoryview(part) for part in payload]
    pending = [part[at : at + _CALL_BYTES] for part in views for at in range(0, len(part), _CALL_BYTES)]
    first = 0
    while first < len(pending):
        last, size = first + 1, len(pending[first])
        while last < len(pending) and last - first < _IOV_MAX and size + len(pending[last]) <= _CALL_BYTES:
            size += len(pending[last])
            last += 1
        written = os.write(fd, pending[first]) if last == first + 1 else os.writev(fd, pending[first:last])
        if written <= 0:  # a regular file never takes nothing without an error; never spin on it
            raise OSError(errno.EIO, "write made no progress")
        while first < len(pending) and written >= len(pending[first]):
            written -= len(pending[first])
            first += 1
        if written:
            pending[first] = pending[first][written:]  # the rest of a part the kernel took only partly


def write_atomically(path: str | os.PathLike[str], payload: Payload, *, mode: int = FILE_MODE, gid: int | None = None,
                     exclusive: bool = False) -> None:
    """Put `payload` (bytes, or parts written in order) at `path` through an exclusive temporary file, fsync,
    swap, fsync of the folder.

    `exclusive`: the destination must not exist yet (backups, set-aside copies); it is linked in, never replaced.
    Any failure before the swap removes the temporary file and leaves `path` as it was."""
    path = Path(path)
    if check_target(path) is not None and exclusive:
        raise FileExistsError(errno.EEXIST, "exists", str(path))
    fd, tmp = create_temp(path)
    try:
        try:
            os.fchmod(fd, mode & 0o7777)  # on the descriptor: the umask (often 022) must not decide who may read
            if gid is not None:
                try:
                    os.fchown(fd, -1, gid)  # keep the office's group when another operator saves
                except OSError:
                    pass
            _write_all(fd, payload)
            os.fsync(fd)
        finally:
            os.close(fd)
        if exclusive:
            _link_in(tmp, path)
        else:
            os.replace(tmp, path)
    except BaseException:
        _unlink_quietly(tmp)
        raise
    fsync_folder(path.parent)


def _link_in(tmp: Path, path: Path) -> None:
    """Give the finished temp file its final name without replacing anything that appeared meanwhile."""
    try:
        os.link(tmp, path, follow_symlinks=False)
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.EXDEV, errno.EMLINK, errno.ENOTSUP, errno.EOPNOTSUPP):
            raise
        if os.path.lexists(path):  # a file system without hard links: check, then swap (the caller holds the lock)
            raise FileExistsError(errno.EEXIST, "exists", str(path)) from None
        os.replace(tmp, path)
        return
    _unlink_quietly(tmp)


def read_regular(path: str | os.PathLike[str], limit: int | None = None) -> tuple[bytes, os.stat_result]:
    """The bytes of a regular file, opened without following a symlink (O_NOFOLLOW) nor blocking on a fifo; with
    `limit`, at most that many (a link to /dev/zero is refused as a device, a huge file is not read whole)."""
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise UnsafeTarget(path, _kind(st.st_mode))
        chunks, size = [], 0
        while chunk := os.read(fd, 1 << 20 if limit is None else min(1 << 20, limit - size)):
            chunks.append(chunk)
            size += len(chunk)
            if limit is not None and size >= limit:
                break
        return b"".join(chunks), st
    finally:
        os.close(fd)


def read_head(path: str | os.PathLike[str], size: int) -> bytes:
    """The first `size` bytes of a regular file (see read_regular)."""
    return read_regular(path, size)[0]


# -- leftovers of dead writers -------------------------------------------------------------------------------------------
def _started(pid: int) -> float | None:
    """When process `pid` started (epoch seconds), from /proc; None when it does not run or cannot be told."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            fields = f.read().rsplit(b")", 1)[1].split()
        with open("/proc/stat", "rb") as f:
            btime = next(int(line.split()[1]) for line in f if line.startswith(b"btime"))
        return btime + int(fields[19]) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError, StopIteration):
        return None


def _writer_is_gone(pid: int, mtime: float) -> bool:
    """The writer of a temp file is gone when its pid runs no process, or runs one that started after the file was
    last written (the pid was reused). The file is the writer's; it cannot be older than its writer."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:
        pass  # runs, as another user
    started = _started(pid)
    return started is not None and mtime < started - 2.0  # /proc's boot time is whole seconds


def sweep_dead_temps(path: Path) -> int:
    """Remove the temp files of `path` (and of its backups) left by writers that were killed mid-write.
    A temp file is removed only when the process named in it is gone (or is a later one with the same pid): a
    running writer's is kept, and each name carries a random part, so no lock is needed (the workbook's save holds
    one anyway; an export holds none). Returns how many were removed."""
    pattern = _temp_pattern(path.name)
    removed = 0
    try:
        entries = list(os.scandir(path.parent))
    except OSError:
        return 0
    for entry in entries:
        m = pattern.match(entry.name)
        if not m:
            continue
        try:
            st = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if stat.S_ISDIR(st.st_mode):
            continue
        pid = int(m.group(1))
        if pid == os.getpid() and st.st_mtime >= (_started(pid) or time.time()) - 2.0:
            continue  # ours, and written by this very process: not a leftover
        if pid != os.getpid() and not _writer_is_gone(pid, st.st_mtime):
            continue
        try:
            os.unlink(os.path.join(path.parent, entry.name))  # a planted symlink is removed, never followed
            removed += 1
        except OSError:
            pass
    return removed
