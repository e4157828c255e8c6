"""TinyDB storage that cannot leave a broken workbook behind.

TinyDB's own JSONStorage rewrites the file in place, so a crash or a full disk mid-write leaves a corrupt file.
Here every save writes a temporary file in the same folder, fsyncs it, swaps it in with os.replace and fsyncs the
folder: at any instant the path holds the old or the new document, never a mix. No handle is kept open (after a
replace it would point at the old inode) and nothing acknowledged waits in memory.

Reads are cached by the file's identity (inode, size, mtime): when another operator saves, the signature changes
and the next read loads their version.
"""

from __future__ import annotations

import errno
import os
import time
from pathlib import Path

import orjson
from tinydb.storages import Storage

from .errors import SaveFailed, UnreadableWorkbook
from .model import META, SCHEMA_VERSION, TABLES

BACKUP_KEEP = 5
BACKUP_INTERVAL = 300.0  # seconds between two backups of the same workbook
BACKUP_SUFFIX = ".bak-"
FILE_MODE = 0o660
_DUMP_OPTIONS = orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS | orjson.OPT_APPEND_NEWLINE


def dumps(document: dict) -> bytes:
    """The on-disk form: sorted keys and indentation, so that a workbook diffs well under version control."""
    return orjson.dumps(document, option=_DUMP_OPTIONS)


def _signature(path: Path) -> tuple[int, int, int] | None:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


def backups_of(path: str | os.PathLike) -> list[Path]:
    """Backups of a workbook, newest first."""
    p = Path(path)
    found = sorted(p.parent.glob(p.name + BACKUP_SUFFIX + "*"), reverse=True)
    return [b for b in found if not b.name.endswith(".tmp")]


def validate(raw: bytes, where: str) -> dict:
    """Parse and check a workbook document; raise UnreadableWorkbook with the reason in one sentence."""
    if not raw.strip():
        raise UnreadableWorkbook(f"Berkas {where} kosong")
    if b"\x00" in raw:
        raise UnreadableWorkbook(f"Berkas {where} rusak: berisi byte NUL")
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise UnreadableWorkbook(f"Berkas {where} bukan JSON yang utuh (terpotong atau rusak: {exc})") from None
    if not isinstance(data, dict) or not isinstance(data.get(META), dict) or not data[META]:
        raise UnreadableWorkbook(f"Berkas {where} bukan buku kerja lkjip (tabel meta tidak ada)")
    meta = next(iter(data[META].values()))
    if not isinstance(meta, dict) or not isinstance(meta.get("schema"), int):
        raise UnreadableWorkbook(f"Berkas {where} bukan buku kerja lkjip (versi skema tidak ada)")
    if meta["schema"] > SCHEMA_VERSION:
        raise UnreadableWorkbook(
            f"Berkas {where} dibuat oleh lkjip yang lebih baru (skema {meta['schema']}, versi ini membaca "
            f"sampai skema {SCHEMA_VERSION}); perbarui lkjip"
        )
    for table in TABLES:
        value = data.setdefault(table, {})
        if not isinstance(value, dict) or not all(isinstance(d, dict) for d in value.values()):
            raise UnreadableWorkbook(f"Berkas {where} bukan buku kerja lkjip (tabel {table} tidak berbentuk benar)")
    return data


def last_good_backup(path: str | os.PathLike) -> Path | None:
    for b in backups_of(path):
        try:
            validate(b.read_bytes(), str(b))
        except (OSError, UnreadableWorkbook):
            continue
        return b
    return None


def refusal(path: str | os.PathLike, reason: str) -> UnreadableWorkbook:
    """One sentence: what is wrong, that the file was left alone, and where the last good backup is."""
    good = last_good_backup(path)
    hint = (
        f"cadangan terakhir yang baik: {good} (pulihkan dengan `lkjip restore {path}`)"
        if good
        else "tidak ada cadangan yang baik"
    )
    return UnreadableWorkbook(f"{reason}; berkas tidak diubah, {hint}.")


class AtomicJSONStorage(Storage):
    """TinyDB storage with atomic replace, a stat-keyed read cache and batched writes.

    Inside `batch()` (used by the workbook's transactions, under the file lock) TinyDB's writes only update memory
    and one atomic save happens at the end; if anything fails, memory is dropped and the disk keeps the old file.
    """

    def __init__(self, path: str | os.PathLike, **_: object) -> None:
        self.path = Path(path)
        self._data: dict | None = None
        self._sig: tuple[int, int, int] | None = None
        self._in_batch = False
        self._dirty = False
        self.last_save: float | None = None

    # -- reading -------------------------------------------------------------------------------------------------
    def changed_on_disk(self) -> bool:
        return self._data is None or _signature(self.path) != self._sig

    def read(self) -> dict:
        if self._in_batch or not self.changed_on_disk():
            assert self._data is not None
            return self._data
        return self._load()

    def _load(self) -> dict:
        sig = _signature(self.path)
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            raise UnreadableWorkbook(f"Buku kerja {self.path} tidak ditemukan.") from None
        except OSError as exc:
            raise UnreadableWorkbook(f"Buku kerja {self.path} tidak dapat dibaca: {exc.strerror}.") from None
        try:
            data = validate(raw, str(self.path))
        except UnreadableWorkbook as exc:
            raise refusal(self.path, str(exc)) from None
        # A writer may have replaced the file between stat and read: keep the signature of what we read.
        if _signature(self.path) != sig:
            sig = None
        self._data, self._sig = data, sig
        return data

    def forget(self) -> None:
        self._data, self._sig = None, None

    # -- writing -------------------------------------------------------------------------------------------------
    def write(self, data: dict) -> None:
        if self._in_batch:
            self._data = data
            self._dirty = True
            return
        self.save(data)

    def begin(self) -> None:
        self.read()
        self._in_batch = True
        self._dirty = False

    def commit(self) -> None:
        self._in_batch = False
        if self._dirty:
            assert self._data is not None
            self.save(self._data)

    def rollback(self) -> None:
        self._in_batch = False
        self._dirty = False
        self.forget()  # TinyDB mutated the cached dict in place: drop it, the disk is the truth

    def save(self, data: dict) -> None:
        try:
            payload = dumps(data)
            self._backup_if_due()
            self._replace(payload)
        except OSError as exc:
            self.forget()
            raise SaveFailed(_save_failure(self.path, exc)) from None
        self._data, self._sig = data, _signature(self.path)
        self.last_save = time.time()

    def _replace(self, payload: bytes) -> None:
        folder = self.path.parent
        tmp = folder / f".{self.path.name}.{os.getpid()}.tmp"
        mode = FILE_MODE
        try:
            mode = os.stat(self.path).st_mode & 0o777
        except FileNotFoundError:
            pass
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            try:
                os.fchmod(fd, mode)
                view = memoryview(payload)
                while view:
                    written = os.write(fd, view)
                    view = view[written:]
                os.fsync(fd)
            finally:
                os.close(fd)
            os.replace(tmp, self.path)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)

    def _backup_if_due(self) -> None:
        """Keep the file being replaced as a backup every few minutes. A hard link costs no copy: os.replace swaps
        the name, the linked inode keeps the old bytes."""
        if not self.path.exists():
            return
        existing = backups_of(self.path)
        now = time.time()
        if existing:
            newest = existing[0].name.rsplit(BACKUP_SUFFIX, 1)[-1]
            try:
                if now - time.mktime(time.strptime(newest[:15], "%Y%m%dT%H%M%S")) < BACKUP_INTERVAL:
                    return
            except ValueError:
                pass
        name = self.path.name + BACKUP_SUFFIX + time.strftime("%Y%m%dT%H%M%S", time.localtime(now))
        target = self.path.parent / name
        if target.exists():
            return
        try:
            os.link(self.path, target)
        except OSError as exc:
            if exc.errno not in (errno.EPERM, errno.EXDEV, errno.EMLINK, errno.ENOTSUP):
                raise
            target.write_bytes(self.path.read_bytes())
        for old in existing[BACKUP_KEEP - 1 :]:
            try:
                old.unlink()
            except OSError:
                pass

    def close(self) -> None:  # TinyDB calls this; we keep no handle open
        pass


def _save_failure(path: Path, exc: OSError) -> str:
    reasons = {
        errno.ENOSPC: "disk penuh",
        errno.EDQUOT: "kuota disk habis",
        errno.EROFS: "sistem berkas hanya-baca",
        errno.EACCES: "tidak ada izin menulis",
        errno.EPERM: "tidak ada izin menulis",
        errno.EIO: "kesalahan I/O pada disk",
    }
    why = reasons.get(exc.errno or 0, exc.strerror or str(exc))
    return f"Gagal menyimpan {path}: {why}. Berkas di disk tidak berubah; nilai Anda belum tersimpan."
