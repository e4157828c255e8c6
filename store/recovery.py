"""Putting a good backup back in place (`lkjip restore`).

Nothing is ever deleted on the way: the current file, broken or not, gets a second name `WORKBOOK.rusak-<time>`
(a hard link, so there is no instant without a workbook at its path), then the backup's bytes are swapped in through
the storage's own temp file + fsync + os.replace path. All of it happens under the workbook's lock, so no operator
saves in between.
"""

from __future__ import annotations

import errno
import os
import time
from dataclasses import dataclass
from pathlib import Path

from .errors import SaveFailed, UnreadableWorkbook, WorkbookError
from .lock import WorkbookLock
from .storage import (
    FILE_MODE,
    writable_stat,
    backups_of,
    last_good_backup,
    link_or_copy,
    os_reason,
    replace_atomically,
    validate,
)

ASIDE_SUFFIX = ".rusak-"


@dataclass(frozen=True)
class Restored:
    backup: Path
    aside: Path | None  # where the replaced file is kept; None when there was no file


def restore(workbook: str | os.PathLike, source: str | os.PathLike | None = None, *,
            lock_timeout: float = 10.0) -> Restored:
    path = Path(workbook)
    if not path.parent.is_dir():
        raise WorkbookError(f"Folder {path.parent} tidak ada.")
    with WorkbookLock(path, lock_timeout):
        backup = _chosen(path, source)
        try:
            payload = backup.read_bytes()
        except OSError as exc:
            raise WorkbookError(f"Cadangan {backup} tidak dapat dibaca: {os_reason(exc, reading=True)}; buku kerja "
                                f"tidak diubah.") from None
        try:
            validate(payload, str(backup))
        except UnreadableWorkbook as exc:
            raise UnreadableWorkbook(f"{exc}; cadangan ini tidak dipakai dan buku kerja tidak diubah.") from None
        try:
            st = writable_stat(path)
            aside = _set_aside(path) if st is not None else None
        except OSError as exc:
            raise SaveFailed(f"Gagal memulihkan {path}: {os_reason(exc)}; berkas di disk tidak berubah.") from None
        try:
            replace_atomically(path, payload, FILE_MODE, None if st is None else st.st_gid)
        except OSError as exc:
            if aside is not None:  # the file itself is still in place and unchanged: drop the extra name
                try:
                    aside.unlink()
                except OSError:
                    pass
            raise SaveFailed(f"Gagal memulihkan {path}: {os_reason(exc)}; berkas di disk tidak berubah.") from None
    return Restored(backup, aside)


def _chosen(path: Path, source: str | os.PathLike | None) -> Path:
    if source is None:
        good = last_good_backup(path)
        if good is None:
            what = "tidak ada cadangan yang baik" if backups_of(path) else "belum ada cadangan"
            raise WorkbookError(f"Tidak dapat memulihkan {path}: {what}; buku kerja tidak diubah.")
        return good
    chosen = Path(source)
    if not chosen.exists() and not chosen.is_absolute() and (path.parent / chosen).exists():
        chosen = path.parent / chosen  # `--from lkjip.json.bak-…` as `lkjip backups` lists it, from elsewhere
    if not chosen.is_file():
        raise WorkbookError(f"Cadangan {source} tidak ditemukan; lihat `lkjip backups {path}`.")
    return chosen


def _set_aside(path: Path) -> Path:
    stamp = time.strftime("%Y%m%dT%H%M%S")
    for n in range(1, 1000):
        aside = path.with_name(path.name + ASIDE_SUFFIX + stamp + (f"-{n}" if n > 1 else ""))
        if aside.exists():
            continue
        try:
            link_or_copy(path, aside)
        except FileExistsError:
            continue
        except OSError as exc:
            if exc.errno == errno.EEXIST:
                continue
            raise
        return aside
    raise FileExistsError(errno.EEXIST, "too many restores this second", str(path))
