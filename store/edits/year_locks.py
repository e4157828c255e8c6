"""Closing a year: `lkjip kunci` locks it once the LKjIP is signed, and opening it again needs a reason.

A lock is an edit of the meta record like any other (Workbook.lock_year: the lock, a reload, one atomic save, the edit
log), made through the transaction's Writer, with what a signed year must keep (its own signing fields and narrative
texts).
"""

from __future__ import annotations

import copy
from collections.abc import Callable

from store.text.errors import InvalidValue
from store.domain.model import NARRATIVE, SIGNING_KEYS, profile_for, signing_year, text_year
from store.domain.pejabat import stored
from .writer import Record, Writer, now


def lock(w: Writer, year: int, reason: str = "") -> bool:
    """Close `year` (its period checked by the caller); False when it was closed already."""
    casc = w.cascade()
    if str(year) in casc.meta.get("locks", {}):
        return False
    # The revision the lock makes: the signed copy's footer names it (reports.stamp).
    stamp = {"by": w.user, "at": now(), "revision": int(casc.meta.get("revision", 0)) + 1}

    signing: dict[str, object] | None = None if signing_year(casc.meta, year) in (None, str(year)) else {
        k: v for k, v in profile_for(casc.meta, year).items() if k in SIGNING_KEYS}
    if signing is not None and stored(casc.meta, year):  # and the officials it shows (store.domain.pejabat)
        signing["pejabat"] = copy.deepcopy(stored(casc.meta, year))

    def transform(meta: Record) -> None:
        meta.setdefault("locks", {})[str(year)] = stamp
        if signing is not None:
            meta.setdefault("profile_tahun", {})[str(year)] = signing

    w.change_meta(transform)
    _own_texts(w, year)
    w.bump_revision()
    w.log("kunci", "tahun", "kunci", year, False, True, reason or None)
    return True


def _own_texts(w: Writer, year: int) -> None:
    """A year being locked keeps the texts it shows as its own: an inherited text (another year's, see
    model.text_for) would otherwise change with an edit of that other year (store.edits.freeze)."""
    casc = w.cascade()
    for key, section in casc.narrative.items():
        source = text_year(section, year)
        if source not in (None, str(year)):
            w.revise(NARRATIVE, casc.narrative_doc_ids[key], _copy_text(source, str(year)))


def _copy_text(source: str, year: str) -> Callable[[Record], None]:
    def change(section: Record) -> None:
        section["texts"][year] = section["texts"][source]

    return change


def check_reason(reason: str, where: str = "--reason") -> None:
    """An unlock says why (it is logged); `where` names where the operator gives it: the CLI's flag, the TUI's field."""
    if not reason.strip():
        raise InvalidValue(f"Membuka kunci tahun memerlukan alasan ({where}).")


def lock_sentence(year: int, unlock: bool, done: bool) -> str:
    """What `lkjip lock` / `unlock` and the TUI's Ctrl+P say after closing or opening a year."""
    if unlock:
        return f"Kunci tahun {year} dibuka." if done else f"Tahun {year} tidak terkunci."
    return (f"Tahun {year} dikunci; ekspornya kini salinan final tanpa tanda DRAF (--draf untuk draf)." if done
            else f"Tahun {year} sudah terkunci.")


def unlock(w: Writer, year: int, reason: str) -> bool:
    """Open `year` again (the reason checked by the caller); False when it was not closed."""
    casc = w.cascade()
    if str(year) not in casc.meta.get("locks", {}):
        return False
    w.change_meta(lambda meta: meta["locks"].pop(str(year), None))
    w.bump_revision()
    w.log("buka", "tahun", "kunci", year, True, False, reason)
    return True
