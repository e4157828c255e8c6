"""Draft or final: the mark a year's document carries (the LKjIP, the PK, the quarterly report; docx and md).

An unlocked year's copy is a draft under review: a red "DRAF" mark naming the export time and the workbook revision,
in the header of every page. A locked year (`lkjip lock`) gives the copy that is signed: no mark, only a line in
small type in the footer naming the lock (its date and revision). `export --draf` marks a locked year's copy as a
draft on purpose.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from store.model import Meta


@dataclass(frozen=True)
class Stamp:
    draft: bool
    text: str  # the draft mark (header), or the lock line (footer) of the final copy


def stamp_for(meta: Meta, year: int, *, revision: int, exported: datetime, draf: bool = False) -> Stamp:
    lock = (meta.get("locks") or {}).get(str(year))
    if lock is None or draf:
        return Stamp(True, f"DRAF \u2014 diekspor {exported:%Y-%m-%d %H:%M}, revisi {revision}")
    # A lock made before locks kept their revision names the revision the copy was made from.
    rev = lock.get("revision", revision)
    return Stamp(False, f"Tahun {year} dikunci {str(lock.get('at', ''))[:10]}, revisi {rev}")
