"""Closing a signed year and opening it again without a shell (Ctrl+P: "Kunci tahun …" / "Buka kunci tahun …"):
the same Workbook.lock_year / unlock_year as `lkjip lock` and `lkjip unlock`, the reason asked in a one-field form.
Opening needs a reason, as the command line's does; both are logged. A closed year's figures refuse every change
and its exports are the final copy (no DRAF)."""

from __future__ import annotations

from store.edits.year_locks import check_reason
from store.text.gate import text_input

from tui.session import Session

from .forms import FormScreen

FIELD = "alasan"


def is_locked(session: Session, year: int) -> bool:
    return str(year) in (session.casc.meta.get("locks") or {})


async def open_year_lock(session: Session, unlock: bool) -> None:
    year = session.year

    def submit(values: dict[str, str]) -> str:
        """The reason as stored (the one text rule; required to open); its refusal is said in the form."""
        reason = text_input("Alasan", values[FIELD]).strip()
        if unlock:
            check_reason(reason, "isi Alasan")
        return reason

    def save(reason: object) -> str | None:
        return session.change_year_lock(year, str(reason), unlock=unlock)

    title = f"Buka kunci tahun {year}" if unlock else f"Kunci tahun {year} (salinan final)"
    label = "Alasan membuka kunci (wajib, dicatat di log)" if unlock else "Alasan (boleh kosong, dicatat di log)"
    await session.push_screen(FormScreen(title, [(FIELD, label, "")], submit, save=save))
