"""Where an export may land (`lkjip export -o PATH`, the TUI's export view, any later exporter).

An export is written by the one safe writer (store.safefile) with mode 0660. It never lands on a workbook (any file
that reads as an lkjip workbook, or the source workbook itself by whatever path or link), a backup, a set-aside copy
or a lock file, even with `force`; any other existing file is replaced only with `force`.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from .errors import UnreadableWorkbook, WorkbookError
from .safefile import FILE_MODE, check_target, os_reason, read_regular, sweep_dead_temps, write_atomically

# Names lkjip gives its own files beside a workbook: backups, set-aside copies, locks, temp files.
_OWN_NAMES = re.compile(r".+\.(?:bak|rusak)-[0-9TZ-]+\Z|.+\.lock\Z|\..+\.[0-9]+(?:\.[0-9a-f]+)?\.tmp\Z")
_SNIFF_LIMIT = 512 * 1024 * 1024  # a workbook is a few MB; a huge file is no workbook worth sniffing


def _is_workbook(path: Path) -> bool:
    from .storage import validate  # storage imports safefile; import late to keep one direction

    try:
        raw, _ = read_regular(path)
    except OSError:
        return False
    if not raw.lstrip()[:1] == b"{":
        return False
    try:
        validate(raw, str(path))
    except UnreadableWorkbook:
        return False
    return True


def refuse_reason(path: Path, *, force: bool, source: str | os.PathLike | None = None) -> str | None:
    """Why `path` may not receive an export, or None when it may."""
    try:
        st = check_target(path)
    except OSError as exc:
        return os_reason(exc)
    if _OWN_NAMES.match(path.name):
        return f"{path} adalah berkas milik lkjip (cadangan, kunci atau berkas sementara); pilih nama lain"
    if st is None:
        return None
    if source is not None:
        try:
            if os.path.samefile(path, source):
                return f"{path} adalah buku kerja sumbernya sendiri; pilih nama lain"
        except OSError:
            pass
    if st.st_size <= _SNIFF_LIMIT and _is_workbook(path):
        return f"{path} adalah buku kerja lkjip; ekspor tidak pernah menimpa buku kerja, pilih nama lain"
    if not force:
        return f"{path} sudah ada; tambahkan --force untuk menimpanya"
    return None


def write_output(path: str | os.PathLike, payload: bytes, *, force: bool = False,
                 source: str | os.PathLike | None = None) -> Path:
    """Write an export to `path` (refusals as WorkbookError, one sentence; nothing written on any failure)."""
    path = Path(path)
    why = refuse_reason(path, force=force, source=source)
    if why is not None:
        raise WorkbookError(f"Tidak menulis {path}: {why}.")
    try:
        st = check_target(path)
        mode = FILE_MODE if st is None else st.st_mode & FILE_MODE  # a narrower mode someone chose is kept
        # An export killed mid-write (a dropped SSH link, kill -9) left its temp file beside the target: the next
        # export to that name removes those whose writer is gone (a running export's is kept).
        sweep_dead_temps(path)
        write_atomically(path, payload, mode=mode, gid=None if st is None else st.st_gid)
    except OSError as exc:
        raise WorkbookError(f"Gagal menulis {path}: {os_reason(exc)}; tidak ada berkas yang ditulis.") from None
    return path
