"""Pasting a block from a spreadsheet into a grid: the entry sheets (F8, F9) and the main screen's node grids.

A bracketed paste arrives as one text. It is split into rows (LF, CR or CRLF: terminals and spreadsheets differ)
and cells (tab), laid over the editable rows from the cursor down and the columns from the cursor right, and every
value is read with the one parser (store/numbers.py through store/fields.py, the same rules as typing) before anything
is written. The first value that cannot be stored stops the paste with one sentence naming its row, and nothing is
saved. What passes is applied as one Batch: one lock, one save, one undo step.
"""

from __future__ import annotations

import re
from itertools import islice
from typing import TYPE_CHECKING, Callable, Iterable, Sequence

from rich.text import Text

from store.errors import InvalidValue
from store.fields import FieldSpec, get_value, parse_value, spec_of
from store.workbook import Batch, Edit

from .rows import locked_reason

if TYPE_CHECKING:  # pragma: no cover - annotations only: the grids import this module
    from .session import Session
    from .widgets.editbar import EditBar
    from .widgets.grid import Column

LINE_BREAKS = re.compile(r"\r\n|\r|\n")


def split_paste(text: str) -> list[list[str]]:
    """A pasted block as rows of cells: lines by LF, CR or CRLF (terminals and spreadsheets differ), cells by tab.
    The line break a spreadsheet puts after the last row is not an empty row."""
    lines = LINE_BREAKS.split(text)
    while lines and lines[-1] == "":
        lines.pop()
    return [line.split("\t") for line in lines]


def paste_block(session: Session, bar: EditBar, text: str, *, editing: bool, rows: Iterable[str],
                columns: Sequence[Column], col: int, container: Callable[[str, FieldSpec], dict | None],
                name_of: Callable[[str], str]) -> str | None:
    """Fill the editable `rows` (refs from the cursor down) and the `columns` from `col` right with the pasted block;
    all or nothing. The ref of the last row filled is returned (the caller moves on below it, as Enter does), or None
    when nothing was written (the reason said). `container` gives the dict holding a field of a row, or None with a
    refusal said (a computed sum, say)."""
    if editing:
        _refuse(session, "Selesaikan atau batalkan isian sel dulu (Enter / Esc), lalu tempel lagi.")
        return None
    block = split_paste(text)
    targets = list(islice(rows, len(block)))
    if not block or not targets:
        return None
    if len(targets) < len(block):
        _refuse(session, f"Tempelan {len(block)} baris, tetapi hanya {len(targets)} baris isian dari kursor ke "
                         f"bawah; tidak ada yang disimpan.")
        return None
    edits = _edits(session, block, targets, columns, col, container, name_of)
    if edits is None:
        return None
    if session.apply_batch(Batch(tuple(edits))) is None:
        session.refusal_in_full()  # a conflict or a locked year said by the store, whole when long
        return None
    if session.message_error:
        session.say("")  # an earlier refusal is settled
    from reports import plausibility  # on the first paste, not at start-up

    # A budget row's doubts include its parents' sums: pasted siblings would repeat them, so each reason once.
    doubts = list({d.reason: d for e in edits
                   for d in plausibility.doubts_after_edit(session.casc, e.ref, e.year)}.values())
    warning = ""
    if doubts:  # as after a typed commit: ⚠ with the reason (the first; `lkjip check` lists them all)
        more = f" (+{len(doubts) - 1} lagi, lkjip check)" if len(doubts) > 1 else ""
        warning = f" \u00b7 {plausibility.warning_text(doubts[:1])}{more}"
    bar.set_text(Text(f"\u2713 Ditempel: {len(edits)} nilai dari {len(block)} baris{warning}; Ctrl+Z mengurungkan "
                      f"semuanya", no_wrap=True, overflow="ellipsis"))
    return targets[-1]


def _edits(session: Session, block: list[list[str]], targets: list[str], columns: Sequence[Column], col: int,
           container: Callable[[str, FieldSpec], dict | None], name_of: Callable[[str], str]) -> list[Edit] | None:
    """Every pasted value read and checked as if typed, or None with the first refusal said."""
    edits = []
    for n, (cells, ref) in enumerate(zip(block, targets), start=1):
        def where() -> str:  # formatted only for a refusal: a long paste into the sheet formats no row for it
            return f"baris {n} ({name_of(ref)[:30]})"

        for k, raw in enumerate(cells):
            if raw.strip() == "":
                continue  # an empty spreadsheet cell leaves the cell as it is
            column = columns[col + k] if col + k < len(columns) else None
            why = _not_pasted_into(column)
            if why or column is None or column.field is None:
                _refuse(session, f"Tempel dibatalkan di {where()}: {why}; tidak ada yang disimpan.")
                return None
            spec = spec_of(column.field)
            year = session.year if spec.yearly else None
            locked = locked_reason(session.casc, year)
            if locked:
                _refuse(session, locked)
                return None
            holder = container(ref, spec)
            if holder is None:
                return None
            try:
                new = parse_value(spec, raw)
            except InvalidValue as exc:
                _refuse(session, f"Tempel dibatalkan di {where()}: {exc.message} Tidak ada yang disimpan.")
                return None
            edits.append(Edit(ref, spec.name, year, get_value(holder, spec, year), new))
    return edits


def _refuse(session: Session, why: str) -> None:
    """Nothing is written; the reason on the status line, whole in a dialog when the line would cut it."""
    session.say(why, error=True)
    session.refusal_in_full()


def _not_pasted_into(column: Column | None) -> str:
    """Why a pasted value may not go into this column, or "". Only figures are pasted: a column of numbers pasted
    with the cursor on a name (Tab into a node grid lands there) must not rename every indicator it covers."""
    if column is None:
        return "tempelan lebih lebar daripada kolom tabel"
    if column.field is None:
        return f"kolom {column.label} tidak diisi dengan tangan"
    if not column.numeric:
        return f"kolom {column.label} diubah satu per satu (Enter), tidak dengan tempel"
    return ""
