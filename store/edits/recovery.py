"""Putting a good backup back in place (`lkjip restore`): an edit like any other.

Nothing is ever deleted on the way: the current file, broken or not, is copied aside as `WORKBOOK.rusak-<time>`,
then the backup's document is swapped in through the workbook (Workbook.replacing: its lock, its Writer for the
revision and the log entry, its storage's one safe writer). A restore does
not go back in time for what must outlive it: the year locks of the current file are kept (and a backup that would
change what a locked year shows is refused, see store.edits.freeze), the edit log continues (the current log plus one
entry "pulih": who, which backup, why), its numbers keep increasing, and the operator is told how many logged edits
of the replaced file the backup does not hold.
"""

from __future__ import annotations

import errno
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import orjson

from store.text.errors import SaveFailed, UnreadableWorkbook, WorkbookError, YearLocked
from .freeze import restore_changes_locked, unlock_remedy
from store.domain.identity import describe, keep_identity, same_workbook
from store.domain.model import LOG, META
from store.disk.safefile import UnsafeTarget
from store.disk.backups import backups_of, copy_aside, last_good_backup
from store.disk.storage import os_reason, real_path, validate, writable_stat
from .workbook import Workbook

ASIDE_SUFFIX = ".rusak-"


@dataclass(frozen=True)
class Restored:
    backup: Path
    aside: Path | None  # where the replaced file is kept; None when there was no file
    lost: int | None = None  # logged edits of the replaced file the backup lacks; None when it was unreadable
    seq: int = 0  # the log number of the "pulih" entry


def restore(workbook: str | os.PathLike[str], source: str | os.PathLike[str] | None = None, *,
            lock_timeout: float = 10.0, user: str | None = None, reason: str = "", yes: bool = False,
            marks: dict[str, object] | None = None,
            still: Callable[[dict[str, Any] | None], None] | None = None) -> Restored:
    """`yes`: the operator confirmed that a document of another workbook (store.domain.identity) takes this one's place.
    `marks`, `still`: an undo or redo of a restore (store.edits.history) logs its own kind and the step it moves, and
    checks under the lock that the step is still the one to move (raising if not)."""
    shown = Path(workbook)
    path = real_path(workbook)  # the real file: a symlinked path restores the same workbook and keeps its link
    if not path.parent.is_dir():
        raise WorkbookError(f"Folder {shown.parent} tidak ada.")
    wb = Workbook(path, user=user, lock_timeout=lock_timeout)  # nothing read: the current file may be broken
    with wb.lock:
        backup = _chosen(path, shown, source)
        try:
            payload = backup.read_bytes()
        except OSError as exc:
            raise WorkbookError(f"Cadangan {backup} tidak dapat dibaca: {os_reason(exc, reading=True)}; buku kerja "
                                f"tidak diubah.") from None
        try:
            restored = validate(payload, str(backup))
        except UnreadableWorkbook as exc:
            raise UnreadableWorkbook(f"{exc}; cadangan ini tidak dipakai dan buku kerja tidak diubah.") from None
        current, broken = _current(path)
        if still is not None:
            still(current)
        ours = current if current is not None else _last_good(path, backup)
        if ours is not None and not yes and not same_workbook(ours, restored):
            raise WorkbookError(f"{backup} adalah buku kerja lain ({describe(restored)}), bukan {shown} "
                                f"({describe(ours)}); buku kerja tidak diubah. Bila memang ingin menggantinya dengan "
                                f"buku kerja itu, ulangi dengan --yes.")
        if current is not None:
            year = restore_changes_locked(current, restored)
            if year is not None:
                raise YearLocked(f"Cadangan {backup.name} mengubah laporan tahun {year} yang sudah dikunci; buka dulu "
                                 f"kuncinya ({unlock_remedy(shown, year)}), lalu pulihkan "
                                 f"lagi. Buku kerja tidak diubah.")
        try:
            st = writable_stat(path)
            aside = _set_aside(path) if st is not None else None
        except OSError as exc:
            raise SaveFailed(f"Gagal memulihkan {shown}: {os_reason(exc)}; berkas di disk tidak berubah.") from None
        why = reason.strip() or (f"berkas rusak: {broken[:120]}" if broken else
                                 "buku kerja hilang" if current is None else "dipulihkan dari cadangan")
        document, lost = _from_backup(restored, current)
        try:
            with wb.replacing(document, st) as w:  # one more revision and one "pulih" entry, then the swap
                w.bump_revision()
                seq = w.log("pulih", "berkas", "cadangan", None, aside.name if aside else None, backup.name, why,
                            marks=marks)["seq"]
                if ours is not None:
                    keep_identity(document, ours)
        except OSError as exc:
            if aside is not None:  # the file itself is still in place and unchanged: drop the extra name
                try:
                    aside.unlink()
                except OSError:
                    pass
            raise SaveFailed(f"Gagal memulihkan {shown}: {os_reason(exc)}; berkas di disk tidak berubah.") from None
    return Restored(backup, aside, lost, seq)


def _last_good(path: Path, chosen: Path) -> dict[str, Any] | None:
    """The workbook's identity when its file cannot be read: its last good backup (other than the one chosen)."""
    good = last_good_backup(path)
    if good is None or good == chosen:
        return None
    try:
        return validate(good.read_bytes(), str(good))
    except (OSError, UnreadableWorkbook):
        return None


def _current(path: Path) -> tuple[dict[str, Any] | None, str | None]:
    """The document being replaced, or None with the reason it cannot be read."""
    try:
        return validate(path.read_bytes(), str(path)), None
    except FileNotFoundError:
        return None, None
    except OSError as exc:
        return None, os_reason(exc, reading=True)
    except UnreadableWorkbook as exc:
        return None, exc.message


def _entry_key(entry: dict[str, Any]) -> bytes:
    return orjson.dumps({k: v for k, v in entry.items() if k != "reason"}, option=orjson.OPT_SORT_KEYS)


def _from_backup(restored: dict[str, Any], current: dict[str, Any] | None) -> tuple[dict[str, Any], int | None]:
    """The backup's document with the current locks, log and revision (the restore's own entry and revision are
    added through the Writer); and how many logged edits of the current file it lacks."""
    document = dict(restored)
    meta_id, meta = next(iter(restored[META].items()))
    meta = dict(meta)
    log = dict(restored[LOG])
    lost = None
    if current is not None:
        current_meta = next(iter(current[META].values()))
        meta["locks"] = dict(current_meta.get("locks") or {})
        meta["revision"] = max(int(meta.get("revision", 0)), int(current_meta.get("revision", 0)))
        held = {_entry_key(e) for e in restored[LOG].values()}
        lost = sum(1 for e in current[LOG].values() if _entry_key(e) not in held)
        log = dict(current[LOG])
    document[META] = {meta_id: meta}
    document[LOG] = log
    return document, lost


def _chosen(path: Path, shown: Path, source: str | os.PathLike[str] | None) -> Path:
    if source is None:
        good = last_good_backup(path)
        if good is None:
            what = "tidak ada cadangan yang baik" if backups_of(path) else "belum ada cadangan"
            raise WorkbookError(f"Tidak dapat memulihkan {shown}: {what}; buku kerja tidak diubah.")
        return good
    chosen = Path(source)
    if not chosen.exists() and not chosen.is_absolute() and (path.parent / chosen).exists():
        chosen = path.parent / chosen  # `--from lkjip.json.bak-…` as `lkjip backups` lists it, from elsewhere
    if not chosen.is_file():
        raise WorkbookError(f"Cadangan {source} tidak ditemukan; lihat `lkjip backups {shown}`.")
    return chosen


def _set_aside(path: Path) -> Path:
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    for n in range(1, 1000):
        aside = path.with_name(path.name + ASIDE_SUFFIX + stamp + (f"-{n}" if n > 1 else ""))
        if os.path.lexists(aside):
            continue
        try:
            copy_aside(path, aside)
        except (FileExistsError, UnsafeTarget):
            continue  # taken, or a name planted in advance: the next number
        return aside
    raise FileExistsError(errno.EEXIST, "too many restores this second", str(path))
