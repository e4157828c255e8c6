"""Recovery drafts: narrative being typed, kept beside the workbook until it is saved.

A narrative section is saved when the operator leaves it or presses Ctrl+S; until then it lives only in the TUI. A
dropped SSH link (SIGHUP), a kill (SIGTERM, SIGINT) or an unreadable workbook would lose it, so the TUI writes what
is being typed to `WORKBOOK.draf-narasi-USER.json` as it is typed (at most once a second), on leaving the text and
on those signals, and removes it once the text is saved. The next start offers it back. One draft per operator:
two operators typing in the same workbook never take each other's draft.
"""

from __future__ import annotations

import os
import re
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path

import orjson

from .storage import replace_atomically

SUFFIX = ".draf-narasi-"


@dataclass(frozen=True)
class Draft:
    key: str  # the narrative section
    title: str
    base: str  # the section's stored text when typing began (a later save is conflict-checked against it)
    text: str  # what was typed
    at: str  # UTC, when the draft was written
    year: int | None = None  # the report year the text belongs to (narrative is kept per year)


def draft_path(workbook: str | os.PathLike, user: str) -> Path:
    p = Path(os.path.realpath(workbook))  # beside the real file, like the lock and backups: one draft per workbook
    who = re.sub(r"[^A-Za-z0-9._-]", "_", user) or "operator"
    return p.with_name(f"{p.name}{SUFFIX}{who}.json")


def write_draft(path: Path, key: str, title: str, base: str, text: str, *, year: int | None = None) -> None:
    at = datetime.now(timezone.utc).isoformat(timespec="seconds")
    payload = orjson.dumps(asdict(Draft(key, title, base, text, at, year)))
    replace_atomically(path, payload)


def read_draft(path: Path) -> Draft | None:
    """The draft, or None when there is none or it cannot be read (a draft is a courtesy, never a reason to fail)."""
    try:
        data = orjson.loads(path.read_bytes())
        year = data.get("year")
        return Draft(**{k: data[k] for k in ("key", "title", "base", "text", "at")},
                     year=year if type(year) is int else None)
    except (OSError, ValueError, TypeError, KeyError):
        return None


def remove_draft(path: Path) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
    except OSError:
        pass  # a draft left behind is offered again; nothing is lost
