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
import stat
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from store.text.errors import SaveFailed, UnreadableWorkbook
from store.text.files import read_bounded
from .safefile import (FILE_MODE, Payload, UnsafeTarget, check_target, kept_mode, os_reason, real_path,
                       sweep_dead_temps, write_atomically)
from store.document.read import MAX_DOCUMENT, checked_document, read_document, validate
from store.domain.model import SCHEMA_VERSION
from store.document.schema import DocumentInvalid, check

if TYPE_CHECKING:
    from .backups import Backup
    from .precheck import Prechecked
    from .serialize import DocumentWriter

__all__ = ["FILE_MODE", "os_reason", "replace_atomically", "validate", "read_document", "checked_document",
           "AtomicJSONStorage", "real_path"]

PRECHECK_FROM = 1 << 20  # bytes: below this a check on another core costs more than the fork (store.disk.precheck)
Signature = tuple[int, int, int, int, int]


def _signature(path: Path) -> Signature | None:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def precheck(path: str | os.PathLike[str]) -> Prechecked | None:
    """Start checking a large workbook on another core (store.disk.precheck); hand the result to Workbook.open."""
    real = real_path(path)
    try:
        if os.stat(real).st_size < PRECHECK_FROM:
            return None  # a small workbook: the ordinary open is quicker, and store.disk.precheck is not even imported
    except OSError:
        return None
    from .precheck import start

    return start(real, _signature)


def hard_link_refusal(shown: Path, names: int) -> str:
    """A workbook with a second name (`ln w.json alias.json`) would split on the first save: each name would get its
    own lock, backups and log, and the atomic replace gives the saved name a new file while the other keeps the old
    one. realpath does not join hard links, so lkjip refuses them rather than guess which name is the workbook."""
    folder = shown.parent if str(shown.parent) else Path(".")
    return (f"Buku kerja {shown} punya {names} nama (tautan keras): setiap nama akan terpecah menjadi buku kerja "
            f"sendiri, jadi lkjip tidak memakainya; hapus nama yang lain (cari dengan `find {folder} -samefile "
            f"{shown}`) atau pakai salinan (`cp`). Berkas tidak diubah.")


def _one_name(path: Path) -> bool:
    try:
        return os.stat(path).st_nlink == 1
    except OSError:
        return False


def refusal(path: str | os.PathLike[str], reason: str) -> UnreadableWorkbook:
    """One sentence: what is wrong, that the file was left alone, and where the last good backup is."""
    from .backups import last_good_backup  # only when a file is refused

    good = last_good_backup(path)
    hint = (
        f"cadangan terakhir yang baik: {good} (pulihkan dengan `lkjip restore {path}`)"
        if good
        else "tidak ada cadangan yang baik"
    )
    return UnreadableWorkbook(f"{reason}; berkas tidak diubah, {hint}.")


class AtomicJSONStorage:
    """The workbook's storage: atomic replace, a stat-keyed read cache and batched writes. The file is a TinyDB
    document and this class still answers TinyDB's read, write and close, but lkjip itself changes the document only
    through the workbook's transaction (store.edits.writer), which changes records in place and marks them here.

    Between `begin` and `commit` (the workbook's transactions, under the file lock) changes only update memory and
    one atomic save happens at the end; if anything fails, memory is dropped and the disk keeps the old file.
    """

    def __init__(self, path: str | os.PathLike[str], *, shown: str | os.PathLike[str] | None = None,
                 **_: object) -> None:
        # Resolved once: saves replace the real file (a symlink to it stays a symlink), backups and temp files live
        # beside it. `shown` is the path as the operator typed it, for messages.
        self.path = real_path(path)
        self.shown = Path(shown if shown is not None else path)
        self._swept = False
        self._data: dict[str, Any] | None = None
        self._sig: Signature | None = None
        self._backup_seen: float | None = None  # time of the newest backup we know of
        self._in_batch = False
        self._dirty = False
        # Records changed by the running transaction: only these are serialised again (see store.disk.serialize); None: a
        # whole document came in through TinyDB's write, and all of it is.
        self._touched: set[tuple[str, str]] | None = set()
        self._writer_made: DocumentWriter | None = None
        self.last_save: float | None = None
        self.schema_read = SCHEMA_VERSION  # the schema of the bytes last read: older ones were migrated in memory
        self.prechecked: Prechecked | None = None  # a large file read and checked on another core (store.disk.precheck)
        self._read_checked: dict[tuple[str, str], object] | None = None  # the records as read and checked

    # -- reading -------------------------------------------------------------------------------------------------
    def changed_on_disk(self) -> bool:
        return self._data is None or _signature(self.path) != self._sig

    def read(self) -> dict[str, Any]:
        if self._in_batch or not self.changed_on_disk():
            assert self._data is not None
            return self._data
        return self._load()

    def _load(self) -> dict[str, Any]:
        sig = _signature(self.path)
        pre, self.prechecked = self.prechecked, None
        if pre is not None:
            if pre.path == self.path and sig is not None and pre.signature == sig and _one_name(self.path) \
                    and pre.passed():
                self._data, self._sig, self.schema_read = pre.data, sig, SCHEMA_VERSION
                self._read_checked = _records_of(pre.data)
                return pre.data  # exactly these bytes were read, parsed and found sound by the check
            pre.discard()
        try:
            st = os.stat(self.path)
            if not stat.S_ISREG(st.st_mode):  # a fifo planted in its place would hang every reader
                raise UnreadableWorkbook(f"Buku kerja {self.shown} bukan berkas biasa; berkas tidak diubah.")
            if st.st_nlink > 1:
                raise UnreadableWorkbook(hard_link_refusal(self.shown, st.st_nlink))
            raw = read_bounded(self.path, MAX_DOCUMENT)  # measured first: an 8 GB file is never read whole
        except FileNotFoundError:
            raise UnreadableWorkbook(f"Buku kerja {self.shown} tidak ditemukan.") from None
        except OSError as exc:
            why = os_reason(exc, reading=True)
            raise UnreadableWorkbook(f"Buku kerja {self.shown} tidak dapat dibaca: {why}.") from None
        try:
            data, self.schema_read = read_document(raw, str(self.shown), self._data)
        except UnreadableWorkbook as exc:
            raise refusal(self.shown, str(exc)) from None
        # A writer may have replaced the file between stat and read: keep the signature of what we read.
        if _signature(self.path) != sig:
            sig = None
        self._data, self._sig = data, sig
        self._read_checked = _records_of(data)
        return data

    def forget(self) -> None:
        self._data, self._sig, self._read_checked = None, None, None
        if self._writer_made is not None:
            self._writer_made.forget()

    # -- writing -------------------------------------------------------------------------------------------------
    def warm(self) -> bool:
        """A step of serialising the document ahead of its first save (DocumentWriter.warm); True when done. Never
        inside a transaction, where records may be changed in place before their save."""
        if self._in_batch or self._data is None:
            return self._data is None
        return self._writer.warm(self._data)

    def write(self, data: dict[str, Any]) -> None:
        """TinyDB's way in: a whole document whose changed records nobody marked, so all of it is written afresh."""
        if self._in_batch:
            self._data = data
            self._dirty = True
            self._touched = None
            return
        self.save(data)

    def begin(self) -> None:
        self.read()
        self._in_batch = True
        self._dirty = False
        self._touched = set()

    def changed_in_place(self, table: str, doc_id: str) -> None:
        """A record changed, added or removed in the cached document by this transaction (store.edits.writer marks every
        change it makes). A record changed in place without this would keep its old bytes on disk."""
        assert self._in_batch, "only inside a transaction"
        if self._touched is not None:
            self._touched.add((table, doc_id))
        self._dirty = True

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
        self.forget()  # the transaction changed the cached dict in place: drop it, the disk is the truth

    def save(self, data: dict[str, Any], touched: set[tuple[str, str]] | None = None) -> None:
        """Write the document. `touched` (from a transaction) lets unchanged records reuse their bytes; without it
        everything is serialised afresh."""
        prepared = None if touched is None else self._writer.prepare(data, touched)
        to_check = None if prepared is None else prepared.changed
        if to_check is not None and touched is not None and self._read_checked is not None:
            # The first save after a read: the writer has not written any record yet, but every record the read
            # checked and nothing has touched or replaced since needs no second look (2,000 nodes: ≈0.25 s).
            was = self._read_checked
            to_check = {k for k in to_check if k in touched or was.get(k) is not data[k[0]].get(k[1])}
        try:
            check(data, to_check)
        except DocumentInvalid as exc:
            self.forget()
            lead = (f"Perubahan ke {self.shown} ditolak" if os.path.exists(self.path) else
                    f"Buku kerja {self.shown} tidak dibuat")
            raise DocumentInvalid(exc.path, exc.reason + "; tidak ada yang disimpan.", str(self.shown),
                                  lead=lead) from None
        try:
            payload = self._writer.parts(data) if prepared is None else self._writer.write(prepared)
            st = writable_stat(self.path)
            if not self._swept:  # once per process and workbook, under the lock: leftovers of killed writers
                sweep_dead_temps(self.path)
                self._swept = True
            self._backup_if_due()
            self._replace(payload, st)
        except OSError as exc:
            self.forget()
            raise SaveFailed(_save_failure(self.shown, exc)) from None
        except Exception as exc:  # a value the JSON writer refuses: nothing was written, memory must not keep it
            self.forget()
            raise SaveFailed(f"Gagal menyimpan {self.shown}: nilai tidak dapat ditulis ({exc}). Berkas di disk tidak "
                             f"berubah; nilai Anda belum tersimpan.") from None
        self._data, self._sig, self._read_checked = data, _signature(self.path), None
        self.last_save = time.time()

    def replace_whole(self, document: dict[str, Any], st: os.stat_result | None) -> None:
        """A restore's document put in place (Workbook.replacing). Not checked again nor backed up: both the backup
        and the file it replaces were read and checked whole, and the replaced file was set aside (store.edits.recovery).
        The file keeps the group of the one it replaces; its mode is the workbook's."""
        from .serialize import dumps

        self.forget()
        replace_atomically(self.path, dumps(document), FILE_MODE, None if st is None else st.st_gid)

    def _replace(self, payload: Payload, st: os.stat_result | None = None) -> None:
        replace_atomically(self.path, payload, kept_mode(st), None if st is None else st.st_gid)

    def _backup_if_due(self) -> None:
        """Keep a copy of the file being replaced every few minutes. The interval is measured from the newest
        backup's UTC name (the operator's TZ plays no part); a backup named in the future (a skewed clock) does not
        suppress the next one, and the sequence number keeps the order they were made in."""
        from .backups import BACKUP_INTERVAL, listed  # at the first save, not at start-up (opening only reads)

        now = time.time()
        if self._backup_seen is not None and 0 <= now - self._backup_seen < BACKUP_INTERVAL:
            return  # no listing of the folder on every save
        existing = listed(self.path)
        if existing:
            taken = existing[0].taken
            if taken is not None and 0 <= now - taken < BACKUP_INTERVAL:
                self._backup_seen = taken
                return
        self._take_backup(existing, now)

    def backup_now(self) -> Path | None:
        """A backup whatever the interval (before a migration rewrites an older file); None for a new workbook."""
        from .backups import listed

        return self._take_backup(listed(self.path), time.time())

    def _take_backup(self, existing: list[Backup], now: float) -> Path | None:
        from .backups import take_backup

        made = take_backup(self.path, existing, now)
        if made is not None:
            self._backup_seen = now
        return made

    @property
    def _writer(self) -> DocumentWriter:
        """Made on the first save: opening a workbook to read it never needs it."""
        if self._writer_made is None:
            from .serialize import DocumentWriter

            self._writer_made = DocumentWriter()
        return self._writer_made

    def close(self) -> None:  # TinyDB calls this; we keep no handle open
        pass


def _records_of(document: dict[str, Any]) -> dict[tuple[str, str], object]:
    return {(t, rid): rec for t, table in document.items() if isinstance(table, dict) for rid, rec in table.items()}


def _save_failure(path: Path, exc: OSError) -> str:
    return f"Gagal menyimpan {path}: {os_reason(exc)}; berkas di disk tidak berubah dan nilai Anda belum tersimpan."


# -- the one way bytes reach a workbook's path (saves and restores) ---------------------------------------------------
def writable_stat(path: Path) -> os.stat_result | None:
    """The current file's stat, or None for a new file. A file without any write bit was made read-only on purpose
    (by an administrator, after closing): refuse to replace it, even as root, although the folder would allow it.
    A symlink, a non-regular file or a file with a second name (a hard link) in its place is refused too."""
    if check_target(path) is None:
        return None
    st = os.stat(path)
    if st.st_nlink > 1:  # replacing one name of a hard-linked file would split it (see hard_link_refusal)
        raise UnsafeTarget(path, f"punya {st.st_nlink} nama (tautan keras)")
    if not st.st_mode & 0o222 or not os.access(path, os.W_OK):
        raise PermissionError(errno.EACCES, "read-only workbook", str(path))
    return st


def replace_atomically(path: str | os.PathLike[str], payload: Payload, mode: int = FILE_MODE,
                       gid: int | None = None) -> None:
    """Kept for every caller that writes a whole file: delegates to the one safe writer (store.disk.safefile)."""
    write_atomically(path, payload, mode=mode, gid=gid)


def sweep_orphans(path: Path) -> None:
    """Remove temporary files left by writers that were killed mid-save (see store.disk.safefile)."""
    sweep_dead_temps(real_path(path))
