"""Backups of a workbook: every few minutes a save first keeps a real copy of the file it replaces (store.storage).

`NAME.bak-20261129T091500Z-0003`: the UTC time (never the operator's TZ) and a sequence number that orders backups by
when they were made, whatever the clocks said. `NAME.bak-20261129T091500` is the older, local form, still read.
"""

from __future__ import annotations

import errno
import os
import re
import time
from dataclasses import dataclass
from pathlib import Path

from .document import validate
from .errors import UnreadableWorkbook
from .safefile import UnsafeTarget, kept_mode, read_regular, real_path, sweep_dead_temps, write_atomically

BACKUP_KEEP = 5
BACKUP_INTERVAL = 300.0  # seconds between two backups of the same workbook
BACKUP_SUFFIX = ".bak-"
_BACKUP_STAMP = re.compile(r"([0-9]{8}T[0-9]{6})(?:Z-([0-9]{4,9}))?\Z")
_UTC_FORMAT = "%Y%m%dT%H%M%S"


@dataclass(frozen=True, order=True)
class Backup:
    generation: int  # 0: the old local-time names, 1: UTC + sequence
    seq: int
    stamp: str
    path: Path

    @property
    def taken(self) -> float | None:
        try:
            import calendar  # only here: a backup's UTC stamp read back (no start-up import)

            return float(calendar.timegm(time.strptime(self.stamp, _UTC_FORMAT)))
        except (ValueError, OverflowError):
            return None


def listed(real: Path) -> list[Backup]:
    """Backups of the real workbook file, newest first, found by exact name (no glob: `w[1].json` and `w*.json`
    are names, not patterns) and only as regular files."""
    prefix = real.name + BACKUP_SUFFIX
    found: list[Backup] = []
    try:
        entries = list(os.scandir(real.parent))
    except OSError:
        return []
    for entry in entries:
        if not entry.name.startswith(prefix):
            continue
        m = _BACKUP_STAMP.match(entry.name, len(prefix))
        if not m:
            continue
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
        except OSError:
            continue
        seq = m.group(2)
        found.append(Backup(1 if seq else 0, int(seq or 0), m.group(1), real.parent / entry.name))
    return sorted(found, reverse=True)


def backups_of(path: str | os.PathLike[str]) -> list[Path]:
    """Backups of a workbook, newest first."""
    return [b.path for b in listed(real_path(path))]


def last_good_backup(path: str | os.PathLike[str]) -> Path | None:
    for b in backups_of(path):
        try:
            validate(b.read_bytes(), str(b))
        except (OSError, UnreadableWorkbook):
            continue
        return b
    return None


def backup_name(real: Path, when: float, seq: int) -> Path:
    return real.with_name(f"{real.name}{BACKUP_SUFFIX}{time.strftime(_UTC_FORMAT, time.gmtime(when))}Z-{seq:04d}")


def make_backup(real: Path, raw: bytes, st: os.stat_result, when: float, seq: int) -> Path:
    """A real copy (never a link) of the workbook's bytes under the next free backup name, 0660-style like it."""
    for n in range(seq, seq + 100):
        target = backup_name(real, when, n)
        try:
            write_atomically(target, raw, mode=kept_mode(st), gid=st.st_gid, exclusive=True)
            return target
        except (FileExistsError, UnsafeTarget):
            continue  # taken, or a name planted in advance: the next number
    raise FileExistsError(errno.EEXIST, "no free backup name", str(real))


def copy_aside(source: Path, target: Path) -> None:
    """A real copy of `source` under a new name that must not exist yet (restore's set-aside file)."""
    raw, st = read_regular(source)
    write_atomically(target, raw, mode=kept_mode(st), gid=st.st_gid, exclusive=True)


def take_backup(real: Path, existing: list[Backup], now: float) -> Path | None:
    """A copy of the workbook as it is now under the next backup name, keeping the newest BACKUP_KEEP (`existing`:
    the backups listed just before, newest first); None for a new workbook, which has nothing to keep yet."""
    try:
        raw, st = read_regular(real)
    except FileNotFoundError:
        return None
    sweep_dead_temps(real)
    seq = max((b.seq for b in existing), default=0) + 1
    made = make_backup(real, raw, st, now, seq)
    for old in existing[BACKUP_KEEP - 1 :]:
        try:
            os.unlink(old.path)
        except OSError:
            pass
    return made
