"""TinyDB storage that cannot leave a broken workbook behind.

TinyDB's own JSONStorage rewrites the file in place, so a crash or a full disk mid-write leaves a corrupt file.
Here every save writes a temporary file in the same folder, fsyncs it, swaps it in with os.replace and fsyncs the
folder: at any instant the path holds the old or the new document, never a mix. No handle is kept open (after a
replace it would point at the old inode) and nothing acknowledged waits in memory.

Reads are cached by the file's identity (device, inode, size, mtime, ctime): when another operator saves, the
signature changes and the next read loads their version. Every save makes a new inode and grows the edit log, so
a later version does not come back with an earlier one's signature.
"""

from __future__ import annotations

import errno
import os
import time
from pathlib import Path

import orjson
from tinydb.storages import Storage

from .errors import SaveFailed, UnreadableWorkbook
from .serialize import DocumentWriter
from .migrate import migrate
from .model import META, SCHEMA_VERSION
from .schema import DocumentInvalid, check

BACKUP_KEEP = 5
BACKUP_INTERVAL = 300.0  # seconds between two backups of the same workbook
BACKUP_SUFFIX = ".bak-"
FILE_MODE = 0o660
MAX_DOCUMENT = 256 * 2**20  # a kabupaten workbook is ≈5 MB


Signature = tuple[int, int, int, int, int]


def _signature(path: Path) -> Signature | None:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


_REASONS = {
    errno.ENOSPC: "disk penuh",
    errno.EDQUOT: "kuota disk habis",
    errno.EROFS: "sistem berkas hanya-baca",
    errno.EACCES: "tidak ada izin menulis",
    errno.EPERM: "tidak ada izin menulis",
    errno.EIO: "kesalahan I/O pada disk",
    errno.ENOENT: "folder tidak ada",
}


def os_reason(exc: OSError, *, reading: bool = False) -> str:
    """The operating system's refusal in the operator's words."""
    if reading and exc.errno in (errno.EACCES, errno.EPERM):
        return "tidak ada izin membaca"
    return _REASONS.get(exc.errno or 0, exc.strerror or str(exc))


def backups_of(path: str | os.PathLike) -> list[Path]:
    """Backups of a workbook, newest first."""
    p = Path(path)
    found = sorted(p.parent.glob(p.name + BACKUP_SUFFIX + "*"), reverse=True)
    return [b for b in found if not b.name.endswith(".tmp")]


def validate(raw: bytes, where: str) -> dict:
    """Parse and check a workbook document; raise UnreadableWorkbook with the reason in one sentence."""
    return read_document(raw, where)[0]


def read_document(raw: bytes, where: str, previous: dict | None = None) -> tuple[dict, int]:
    """Parse a workbook document, bring an older schema up to date in memory (store.migrate) and check it against
    the one declared schema (store.schema). Returns the document and the schema version the bytes were written in.
    """
    if not raw.strip():
        raise UnreadableWorkbook(f"Berkas {where} kosong")
    if b"\x00" in raw:
        raise UnreadableWorkbook(f"Berkas {where} rusak: berisi byte NUL")
    if len(raw) > MAX_DOCUMENT:
        raise UnreadableWorkbook(f"Berkas {where} lebih besar dari {MAX_DOCUMENT // 2**20} MB; bukan buku kerja lkjip")
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise UnreadableWorkbook(
            f"Berkas {where} bukan JSON yang utuh (terpotong atau rusak di baris {exc.lineno}, kolom {exc.colno})"
        ) from None
    return checked_document(data, where, previous)


def checked_document(data: object, where: str, previous: dict | None = None) -> tuple[dict, int]:
    """A parsed document, migrated if older and checked; (document, the schema version it was written in).
    `previous`: the document this one replaces (a reload), whose unchanged records need no second look."""
    version = _version_of(data)
    if type(version) is int and version > SCHEMA_VERSION:
        raise UnreadableWorkbook(
            f"Berkas {where} dibuat oleh lkjip yang lebih baru (skema {version}, versi ini membaca "
            f"sampai skema {SCHEMA_VERSION}); perbarui lkjip"
        )
    if type(version) is int and 1 <= version < SCHEMA_VERSION:
        migrate(data, version)
    try:
        check(data, previous=previous)
    except DocumentInvalid as exc:
        raise DocumentInvalid(exc.path, exc.reason, where) from None
    return data, version  # type: ignore[return-value]


def _version_of(data: object) -> object:
    """meta's schema number, or None where the shape is too broken to say (the schema then names the path)."""
    if isinstance(data, dict) and isinstance(data.get(META), dict) and len(data[META]) == 1:
        meta = next(iter(data[META].values()))
        if isinstance(meta, dict):
            return meta.get("schema")
    return None


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
        self._sig: Signature | None = None
        self._backup_seen: float | None = None  # time of the newest backup we know of
        self._in_batch = False
        self._dirty = False
        # Records changed by the running transaction: only these are serialised again (see store.serialize).
        self._touched: set[tuple[str, str]] = set()
        self._writer = DocumentWriter()
        self.last_save: float | None = None
        self.schema_read = SCHEMA_VERSION  # the schema of the bytes last read: older ones were migrated in memory

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
            why = os_reason(exc, reading=True)
            raise UnreadableWorkbook(f"Buku kerja {self.path} tidak dapat dibaca: {why}.") from None
        try:
            data, self.schema_read = read_document(raw, str(self.path), self._data)
        except UnreadableWorkbook as exc:
            raise refusal(self.path, str(exc)) from None
        # A writer may have replaced the file between stat and read: keep the signature of what we read.
        if _signature(self.path) != sig:
            sig = None
        self._data, self._sig = data, sig
        return data

    def forget(self) -> None:
        self._data, self._sig = None, None
        self._writer.forget()

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
        self._touched = set()

    def touch(self, table: str, doc_id: str) -> None:
        """Say that a record already in the document was changed in place by this transaction. A record changed
        without this would keep its old bytes on disk: every in-place change in store.workbook calls it."""
        self._touched.add((table, str(doc_id)))

    def commit(self) -> None:
        self._in_batch = False
        touched, self._touched = self._touched, set()
        if self._dirty:
            assert self._data is not None
            self.save(self._data, touched)

    def rollback(self) -> None:
        self._in_batch = False
        self._dirty = False
        self._touched = set()
        self.forget()  # TinyDB mutated the cached dict in place: drop it, the disk is the truth

    def save(self, data: dict, touched: set[tuple[str, str]] | None = None) -> None:
        """Write the document. `touched` (from a transaction) lets unchanged records reuse their bytes; without it
        everything is serialised afresh."""
        try:
            check(data, None if touched is None else self._writer.changed(data, touched))
        except DocumentInvalid as exc:
            self.forget()
            raise DocumentInvalid(exc.path, exc.reason + "; tidak ada yang disimpan.", str(self.path)) from None
        try:
            payload = self._writer.dumps(data, touched)
            st = writable_stat(self.path)
            self._backup_if_due()
            self._replace(payload, st)
        except OSError as exc:
            self.forget()
            raise SaveFailed(_save_failure(self.path, exc)) from None
        except Exception as exc:  # a value the JSON writer refuses: nothing was written, memory must not keep it
            self.forget()
            raise SaveFailed(f"Gagal menyimpan {self.path}: nilai tidak dapat ditulis ({exc}). Berkas di disk tidak "
                             f"berubah; nilai Anda belum tersimpan.") from None
        self._data, self._sig = data, _signature(self.path)
        self.last_save = time.time()

    def _replace(self, payload: bytes, st: os.stat_result | None = None) -> None:
        replace_atomically(self.path, payload, _mode_of(st), None if st is None else st.st_gid)

    def _backup_if_due(self) -> None:
        """Keep the file being replaced as a backup every few minutes. A hard link costs no copy: os.replace swaps
        the name, the linked inode keeps the old bytes."""
        now = time.time()
        if self._backup_seen is not None and now - self._backup_seen < BACKUP_INTERVAL:
            return  # no listing of the folder on every save
        if not self.path.exists():
            return
        existing = backups_of(self.path)
        if existing:
            taken = _backup_time(existing[0])
            if taken is not None and now - taken < BACKUP_INTERVAL:
                self._backup_seen = taken
                return
        sweep_orphans(self.path)
        name = self.path.name + BACKUP_SUFFIX + time.strftime("%Y%m%dT%H%M%S", time.localtime(now))
        target = self.path.parent / name
        if not target.exists():
            link_or_copy(self.path, target)
            mode = os.stat(target).st_mode
            if mode & 0o007:  # a workbook from before modes were enforced: its backups are not for others either
                os.chmod(target, mode & 0o770)
        self._backup_seen = now
        for old in existing[BACKUP_KEEP - 1 :]:
            try:
                old.unlink()
            except OSError:
                pass

    def close(self) -> None:  # TinyDB calls this; we keep no handle open
        pass


def _save_failure(path: Path, exc: OSError) -> str:
    return f"Gagal menyimpan {path}: {os_reason(exc)}; berkas di disk tidak berubah dan nilai Anda belum tersimpan."


# -- the one way bytes reach a workbook's path (saves and restores) ---------------------------------------------------
def _temp_name(path: Path) -> Path:
    return path.parent / f".{path.name}.{os.getpid()}.tmp"


def writable_stat(path: Path) -> os.stat_result | None:
    """The current file's stat, or None for a new file. A file without any write bit was made read-only on purpose
    (by an administrator, after closing): refuse to replace it, even as root, although the folder would allow it."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    if not st.st_mode & 0o222 or not os.access(path, os.W_OK):
        raise PermissionError(errno.EACCES, "read-only workbook", str(path))
    return st


def _mode_of(st: os.stat_result | None) -> int:
    """Keep the file's mode, never with bits for others: the operators share a group, others cannot read."""
    return FILE_MODE if st is None else st.st_mode & 0o770


def replace_atomically(path: Path, payload: bytes, mode: int = FILE_MODE, gid: int | None = None) -> None:
    """Write `payload` to a temporary file beside `path`, fsync it, swap it in with os.replace, fsync the folder.

    Any failure before the swap removes the temporary file and leaves `path` byte-identical. After the swap the new
    bytes are what every reader sees; a failing fsync of the folder is then not reported as a failed save (as in
    SQLite): saying "not saved" would be false, and some file systems refuse to fsync a folder at all.
    """
    folder = path.parent
    tmp = _temp_name(path)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        try:
            os.fchmod(fd, mode)  # explicit: the process umask (often 022) must not decide who may read
            if gid is not None:
                try:
                    os.fchown(fd, -1, gid)  # keep the office's group when another operator saves
                except OSError:
                    pass
            view = memoryview(payload)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    try:
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    except OSError:
        pass


def link_or_copy(source: Path, target: Path) -> None:
    """Give `source`'s bytes a second name: a hard link (no copy, the inode is never written again), or on file
    systems without links an atomic copy with the source's mode."""
    try:
        os.link(source, target)
        return
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.EXDEV, errno.EMLINK, errno.ENOTSUP):
            raise
    st = os.stat(source)
    replace_atomically(target, source.read_bytes(), st.st_mode & 0o770, st.st_gid)


def _backup_time(backup: Path) -> float | None:
    stamp = backup.name.rsplit(BACKUP_SUFFIX, 1)[-1]
    try:
        return time.mktime(time.strptime(stamp[:15], "%Y%m%dT%H%M%S"))
    except ValueError:
        return None


def sweep_orphans(path: Path) -> None:
    """Remove temporary files left by writers that were killed mid-save (their pid no longer runs)."""
    for tmp in path.parent.glob(f".{path.name}.*.tmp"):
        pid = tmp.name[len(path.name) + 2 : -4]
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            os.kill(int(pid), 0)
            continue  # still running (or a reused pid): leave it
        except ProcessLookupError:
            pass
        except OSError:
            continue
        try:
            tmp.unlink()
        except OSError:
            pass
