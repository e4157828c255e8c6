"""A workbook made with `lkjip init` (profile and period, no cascade yet) filled from the office's spreadsheet.

The cascade is built as for a new workbook, then added under the workbook's lock in one transaction: its nodes
inserted, the profile cells the sheet fills applied as logged edits, and one `import` entry in the edit log that
says how many nodes came from which file.
"""

from __future__ import annotations

from typing import Any, cast

from .cascade import Cascade
from .errors import WorkbookError
from .model import NODES, Meta
from .sheet_import import Change, build_document, plan_changes, summary
from .sheet_layout import PROFIL
from .sheet_parsed import Parsed
from .workbook import Workbook


def is_empty(wb: Workbook) -> bool:
    return not wb.cascade().nodes


def _profile_from_workbook(p: Parsed, meta: Meta) -> None:
    """What the sheet leaves empty comes from the workbook; what it states must agree with the period and year."""
    prof = p.profile
    awal, akhir, tahun = int(meta["periode_awal"]), int(meta["periode_akhir"]), int(meta["tahun"])
    for key in ("instansi", "pemda"):
        if not prof.get(key):
            prof[key] = meta["profile"].get(key, "")
    if prof.get("periode", (awal, akhir)) != (awal, akhir):
        p.problem(PROFIL, _row_of(prof, "periode@"), 1, "Periode Renstra", f"periode buku kerja {awal}-{akhir}; "
                  f"ketik {awal}-{akhir} atau buat buku kerja baru dengan periode ini")
    if prof.get("tahun", tahun) != tahun:
        p.problem(PROFIL, _row_of(prof, "tahun@"), 1, "Tahun Laporan", f"tahun laporan buku kerja {tahun}; "
                  f"ketik {tahun}")
    prof["periode"], prof["tahun"] = (awal, akhir), tahun


def _row_of(prof: dict[str, object], key: str) -> int:
    """The sheet row a profile value was read from (the reader keeps it under "<field>@"), 0 when not read."""
    return int(cast(int, prof.get(key, 0)))


def fill_empty(wb: Workbook, p: Parsed, where: str, *, dry_run: bool) -> tuple[dict[str, Any], list[Change]]:
    """(the document as it would be, the profile changes); SheetRefused listing every problem."""
    _profile_from_workbook(p, wb.cascade().meta)
    document = build_document(p, where)
    if dry_run:  # the profile cells it would change, listed as the import lists them
        return document, _profile_changes(p, wb.cascade(), where)
    with wb.one_step() as w:
        casc = wb.cascade()
        if casc.nodes:
            raise WorkbookError(f"{wb.path} baru saja diisi cascade oleh operator lain; jalankan impor sekali lagi "
                                f"untuk melihat perbedaannya.")
        changes = _profile_changes(p, casc, where)
        for change in changes:
            wb.apply(change.edit, kind="import")
        for record in document[NODES].values():  # numbered anew after the workbook's own (none yet)
            w.insert(NODES, dict(record))
        w.bump_revision()
        w.log("import", "kaskade", "susunan", None, None, f"{where}: {summary(document)}")
    return document, changes


def _profile_changes(p: Parsed, casc: Cascade, where: str) -> list[Change]:
    """Instansi and pemda as logged edits (the rest of the sheet is new, not a difference)."""
    only_profile = Parsed(profile={k: v for k, v in p.profile.items()}, has_profil=p.has_profil)
    return plan_changes(only_profile, casc, where)
