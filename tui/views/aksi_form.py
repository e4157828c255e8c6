"""The Rencana Aksi's action texts of one indicator (`a` in the F8 sheet): what is planned in TW I–IV of the year
shown, one line each, beside the quarter's target. The same form as `p` and the profile (forms.FormScreen): the
changed texts are saved as one Batch (one save, one undo step), and a locked year refuses before the form opens and
again inside it (the lock may come while it is open)."""

from __future__ import annotations

from typing import Any

from store.domain.edit import Edit
from store.domain.fields import display_exact, get_value, spec_of
from store.text.numbers import format_value, to_decimal

from tui.session import Session

from .rows import locked_reason
from .forms import Field, FormScreen, save_form

ROMAN = ("I", "II", "III", "IV")
FIELDS = tuple(f"aksi-tw{q}" for q in range(1, 5))


async def open_aksi_form(session: Session, ind_id: str) -> None:
    casc, year = session.casc, session.year
    locked = locked_reason(casc, year)
    if locked:
        session.say(locked, error=True)
        return
    ind = casc.indicators[ind_id][1]
    slot: dict[str, Any] = dict(ind.get("years", {}).get(str(year)) or {})
    targets = slot.get("target_tw") or {}
    olds = {name: get_value(ind, spec_of(name), year) for name in FIELDS}
    fields: list[Field] = []
    for q, name in enumerate(FIELDS, start=1):
        target = format_value(to_decimal(targets.get(str(q))))
        fields.append((name.replace("-", "_"), f"{spec_of(name).label} (target TW {ROMAN[q - 1]}: {target})",
                       display_exact(spec_of(name), olds[name])))

    def submit(values: dict[str, str]) -> list[Edit]:
        """The changed texts against the workbook on disk; a locked year or a text the gate refuses refuses them
        all (said in the form, the typed texts kept)."""
        wb = session.wb
        assert wb is not None
        wb.check_year_open(wb.cascade(), year)
        edits = []
        for name in FIELDS:
            edit = wb.edit_for(ind_id, name, values[name.replace("-", "_")].strip(), year, clear=True)
            if edit.new != edit.old and not (edit.new in (None, "") and edit.old in (None, "")):
                edits.append(edit)
        return edits

    def save(edits: object) -> str | None:
        return save_form(session, edits, lambda e: f"{len(e)} rencana aksi {year} indikator {ind['name'][:40]}")

    title = f"Rencana aksi {year}: {ind['name']}"[:70]
    await session.push_screen(FormScreen(title, fields, submit, save=save))
