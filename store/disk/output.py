"""Where an export may land (`lkjip export -o PATH`, the TUI's export view, any later exporter).

An export is written by the one safe writer (store.disk.safefile) with mode 0660. It never lands on a workbook (any file
that looks like one, readable or not, see `looks_like_workbook`; or the source workbook itself by whatever path or
link), a backup, a set-aside copy, a recovery draft or a lock file, even with `force`; any other existing file is
replaced only with `force`.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from store.text.errors import WorkbookError
from store.domain.model import TABLES
from .safefile import FILE_MODE, check_target, os_reason, read_head, sweep_dead_temps, write_atomically

# Names lkjip gives its own files beside a workbook: backups, set-aside copies, locks, temp files, recovery drafts.
_OWN_NAMES = re.compile(r".+\.(?:bak|rusak)-[0-9TZ-]+\Z|.+\.lock\Z|\..+\.[0-9]+(?:\.[0-9a-f]+)?\.tmp\Z"
                        r"|.+\.draf-narasi-.+\.json\Z")
_SNIFF_BYTES = 1 << 20
# The top-level keys of a workbook of any schema (TinyDB keeps its tables there; "_default" is TinyDB's own table).
_WORKBOOK_KEYS = frozenset({*TABLES, "_default"})
# A bracket, or a whole string with the colon after it when it is a key (group 1: the key).
_STRUCTURE = re.compile(rb'[{}\[\]]|"((?:[^"\\]|\\.)*)"\s*:|"(?:[^"\\]|\\.)*"')


def top_level_keys(head: bytes) -> set[str]:
    """The keys of a JSON object's first level found in `head`, which may stop anywhere (a truncated file, or only
    the first megabyte of a large one). A tiny scanner: strings are taken whole, depth counts the brackets."""
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if text[:1] != b"{":
        return set()
    keys: set[str] = set()
    depth, at = 0, 0
    while (m := _STRUCTURE.search(text, at)) is not None:
        token = m.group()
        if token[:1] == b'"':  # a whole string (escapes included), a key when a colon follows
            if depth == 1 and m.group(1) is not None:
                keys.add(m.group(1).decode("utf-8", "replace"))
        elif token in (b"{", b"["):
            depth += 1
        else:
            depth -= 1
        at = m.end()
    return keys


def looks_like_workbook(path: Path) -> bool:
    """A JSON object whose first level names one of lkjip's tables (or TinyDB's): a workbook of any schema, newer,
    older, truncated or with keys this version does not know. Only the first megabyte is read, never a fifo; a file
    that cannot be read is treated as a workbook (nothing is replaced that was not looked at)."""
    try:
        head = read_head(path, _SNIFF_BYTES)
    except FileNotFoundError:
        return False
    except OSError:
        return True
    keys = top_level_keys(head)
    if keys & _WORKBOOK_KEYS:
        return True
    if len(head) < _SNIFF_BYTES:
        return False  # read whole: not a workbook
    # The first megabyte is whitespace, or an object whose first-level keys go on beyond it (a newer schema's table
    # sorted before "isu" may hold more): what lies beyond was not looked at. lkjip's own JSON export, which names its
    # format first, may be replaced; any other such object is kept.
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    return start == b"" or (start == b"{" and "format" not in keys)


def refuse_reason(path: Path, *, force: bool, source: str | os.PathLike[str] | None = None) -> str | None:
    """Why `path` may not receive an export, or None when it may."""
    try:
        st = check_target(path)
    except OSError as exc:
        return os_reason(exc)
    if _OWN_NAMES.match(path.name):
        return f"{path} adalah berkas milik lkjip (cadangan, kunci, draf atau berkas sementara); pilih nama lain"
    if st is None:
        return None
    if source is not None:
        try:
            if os.path.samefile(path, source):
                return f"{path} adalah buku kerja sumbernya sendiri; pilih nama lain"
        except OSError:
            pass
    if looks_like_workbook(path):
        return (f"{path} tampak seperti buku kerja lkjip (mungkin dari versi lain atau rusak); ekspor tidak pernah "
                f"menimpa buku kerja, pilih nama lain")
    if not force:
        return f"{path} sudah ada; tambahkan --force untuk menimpanya"
    return None


def write_output(path: str | os.PathLike[str], payload: bytes, *, force: bool = False,
                 source: str | os.PathLike[str] | None = None) -> Path:
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
