"""Recovery drafts: narrative being typed, kept beside the workbook until it is saved.

A narrative section is saved when the operator leaves it or presses Ctrl+S; until then it lives only in the TUI. A
dropped SSH link (SIGHUP), a kill (SIGTERM, SIGINT) or an unreadable workbook would lose it, so the TUI writes what
is being typed to `WORKBOOK.draf-narasi-USER.json` as it is typed (at most once a second), on leaving the text and
on those signals, and removes it once the text is saved. The next start offers it back. One draft per operator:
two operators typing in the same workbook never take each other's draft.

The folder is shared by the office's operators, so the file at an operator's draft name may have been planted by
another: a draft is offered only when it is a regular file owned by the operator (uid) that nobody else may write
(drafts are written 0600; the folder's group may write the workbook, not a draft), opened without following a
link (O_NOFOLLOW) or blocking on a fifo (O_NONBLOCK), checked on the descriptor and read up to a limit. Anything
else (another user's file, a fifo, a link to /dev/zero, an oversized file) is set aside under a new name, never
read, offered or deleted, and the operator is told.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path

import orjson

from .safefile import UnsafeTarget, os_reason, read_regular
from .storage import replace_atomically

SUFFIX = ".draf-narasi-"
ASIDE = ".disisihkan-"
# A draft holds one section's text twice (as typed, and as it was); a section is at most 200 KB, JSON escapes may
# make each several times longer.
DRAFT_LIMIT = 8 * 2**20
# The operator's alone: the folder's group may write the workbook, but text in a draft is offered back as the
# operator's own, so nobody else may write it (a draft others may write is set aside, see find_draft).
DRAFT_MODE = 0o600


@dataclass(frozen=True)
class Draft:
    key: str  # the narrative section
    title: str
    base: str  # the section's stored text when typing began (a later save is conflict-checked against it)
    text: str  # what was typed
    at: str  # UTC, when the draft was written
    year: int | None = None  # the report year the text belongs to (narrative is kept per year)


def draft_path(workbook: str | os.PathLike[str], user: str) -> Path:
    p = Path(os.path.realpath(workbook))  # beside the real file, like the lock and backups: one draft per workbook
    who = re.sub(r"[^A-Za-z0-9._-]", "_", user) or "operator"
    return p.with_name(f"{p.name}{SUFFIX}{who}.json")


def write_draft(path: Path, key: str, title: str, base: str, text: str, *, year: int | None = None) -> None:
    at = datetime.now(timezone.utc).isoformat(timespec="seconds")
    payload = orjson.dumps(asdict(Draft(key, title, base, text, at, year)))
    replace_atomically(path, payload, mode=DRAFT_MODE)


def find_draft(path: Path) -> tuple[Draft | None, str | None]:
    """(the operator's own draft or None, a sentence when the file at its name was set aside instead)."""
    try:
        raw, st = read_regular(path, DRAFT_LIMIT + 1)
    except FileNotFoundError:
        return None, None
    except OSError as exc:
        why = "tautan simbolik" if exc.errno == errno.ELOOP else (
            exc.reason.removeprefix(f"{path} ").split(";")[0] if isinstance(exc, UnsafeTarget)
            else os_reason(exc, reading=True))
        return None, _set_aside(path, why)
    if st.st_uid != os.geteuid():
        return None, _set_aside(path, f"milik pengguna lain (uid {st.st_uid})")
    if st.st_mode & 0o022:  # the operator's own file, but another could have put text in it
        return None, _set_aside(path, f"boleh ditulis pengguna lain (mode {stat.S_IMODE(st.st_mode):04o})")
    if len(raw) > DRAFT_LIMIT:
        return None, _set_aside(path, f"lebih besar dari {DRAFT_LIMIT // 2**20} MB")
    return _parsed(raw), None


def read_draft(path: Path) -> Draft | None:
    """The draft, or None when there is none or it is not the operator's to take (see find_draft)."""
    return find_draft(path)[0]


def _parsed(raw: bytes) -> Draft | None:
    """None when it cannot be read: a draft is a courtesy, never a reason to fail."""
    try:
        data = orjson.loads(raw)
        year = data.get("year")
        return Draft(**{k: data[k] for k in ("key", "title", "base", "text", "at")},
                     year=year if type(year) is int else None)
    except (ValueError, TypeError, KeyError, AttributeError):
        return None


def _set_aside(path: Path, why: str) -> str:
    """Move a file that is not the operator's draft out of the draft's name (a rename: never followed, never
    deleted), so the operator's own drafting can write there again."""
    stamp = f"{path.name}{ASIDE}{datetime.now(timezone.utc):%Y%m%dT%H%M%SZ}"
    where = "dibiarkan di tempatnya (tidak ada nama bebas)"
    for n in range(1, 100):
        aside = path.with_name(stamp + (f"-{n}" if n > 1 else ""))
        if os.path.lexists(aside):
            continue  # rename would replace it: an earlier set-aside file, or a name planted in advance
        try:
            os.rename(path, aside)
            where = f"dipindah ke {aside.name}, tidak dihapus"
        except OSError as exc:
            where = f"dibiarkan di tempatnya ({os_reason(exc)})"
        break
    return f"Draf narasi {path.name} tidak ditawarkan: berkas itu {why}; {where}. Minta pengelola memeriksanya."


def remove_draft(path: Path) -> None:
    """Remove the operator's own draft; a file another operator put at its name is not theirs to delete."""
    try:
        st = os.lstat(path)
        if stat.S_ISREG(st.st_mode) and st.st_uid == os.geteuid():
            os.unlink(path)
    except OSError:
        pass  # a draft left behind is offered again; nothing is lost
