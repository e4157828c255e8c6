"""Closing a year: `lkjip kunci` locks it once the LKjIP is signed, and opening it again needs a reason.

A mixin of store.workbook.Workbook: a lock is an edit of the meta record like any other (the lock, a reload, one
atomic save, the edit log), with what a signed year must keep (its own signing fields and narrative texts).
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING

from .errors import InvalidValue
from .model import META, NARRATIVE, SIGNING_KEYS, profile_for, signing_year, text_year
from .pejabat import stored

if TYPE_CHECKING:
    from .cascade import Cascade


class YearClosing:
    def lock_year(self, year: int, reason: str = "") -> bool:
        with self.transaction():
            casc = self.cascade()
            self._check_year_in_period(casc, year)  # `lock --year -1` or 99999 would lock nothing real
            if str(year) in casc.meta.get("locks", {}):
                return False
            from .workbook import _now  # the one clock of the edit log

            # The revision the lock makes: the signed copy's footer names it (reports.stamp).
            stamp = {"by": self.user, "at": _now(), "revision": int(casc.meta.get("revision", 0)) + 1}

            signing = None if signing_year(casc.meta, year) in (None, str(year)) else {
                k: v for k, v in profile_for(casc.meta, year).items() if k in SIGNING_KEYS}
            if signing is not None and stored(casc.meta, year):  # and the officials it shows (store.pejabat)
                signing["pejabat"] = copy.deepcopy(stored(casc.meta, year))

            def transform(meta: dict) -> None:
                meta.setdefault("locks", {})[str(year)] = stamp
                if signing is not None:
                    meta.setdefault("profile_tahun", {})[str(year)] = signing

            self.db.table(META).update(transform, doc_ids=[int(casc.meta_doc_id)])
            self._own_texts(casc, year)
            self._bump_revision(casc)  # touches the meta record too
            self._log("kunci", "tahun", "kunci", year, False, True, reason or None)
        return True

    def _own_texts(self, casc: Cascade, year: int) -> None:
        """A year being locked keeps the texts it shows as its own: an inherited text (another year's, see
        model.text_for) would otherwise change with an edit of that other year (store.freeze)."""
        for key, section in casc.narrative.items():  # the cached document's own records: changed in place
            source = text_year(section, year)  # type: ignore[arg-type]
            if source not in (None, str(year)):
                section["texts"][str(year)] = section["texts"][source]
                section["rev"] = int(section.get("rev", 0)) + 1
                self.storage.changed_in_place(NARRATIVE, casc.narrative_doc_ids[key])

    def unlock_year(self, year: int, reason: str) -> bool:
        if not reason.strip():
            raise InvalidValue("Membuka kunci tahun memerlukan alasan (--reason).")
        with self.transaction():
            casc = self.cascade()
            if str(year) not in casc.meta.get("locks", {}):
                return False

            def transform(meta: dict) -> None:
                meta["locks"].pop(str(year), None)

            self.db.table(META).update(transform, doc_ids=[int(casc.meta_doc_id)])
            self._bump_revision(casc)  # touches the meta record too
            self._log("buka", "tahun", "kunci", year, True, False, reason)
        return True
