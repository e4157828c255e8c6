"""Editing a cell, written once for the main view's node grids and the entry sheets (F8, F9): which cells take a
value, opening the editor with the stored value, committing it through the one edit path, cancelling, explaining a
computed cell, and pasting a block from a spreadsheet (tui/paste.py).

A commit goes the way of every edit (Workbook.apply through the app: lock, conflict check against the value seen
when the edit began, log, undo). The grid (tui/widgets/cell_edit.py) holds the text being typed and asks the screen
through `CellEditor`; this mixin is that answer, for any grid that is a `CellGrid`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from store.cascade import Cascade
from store.fields import FieldSpec, display_exact, get_value, spec_of
from store.model import BUDGET_LEVELS, LEVEL_LABELS, Indicator, Node

from ..paste import paste_block
from ..rows import edit_label, explain, locked_reason
from ..session import why_no_digit
from ..widgets.editbar import EditBar

if TYPE_CHECKING:
    from ..session import Session
    from ..widgets.cell_edit import CellGrid
    from ..widgets.grid import Column
    from .base import SessionScreen

    _Screen = SessionScreen  # checked as part of the screen it is mixed into (MainScreen, the sheets)
else:
    _Screen = object


def row_name(casc: Cascade, ref: str) -> str:
    """The name of a grid's row: its indicator's, or (a budget row) its node's."""
    return casc.indicators[ref][1]["name"] if ref in casc.indicators else casc.nodes[ref]["name"]


def field_holder(session: Session, ref: str, spec: FieldSpec) -> Indicator | Node | None:
    """The dict that keeps this field of a row, or None with the reason said: a sasaran's budget and a parent's
    realisasi anggaran are sums, not figures typed (the sheets show those rows as read-only lines)."""
    casc = session.casc
    if spec.target != "node":
        return casc.indicators[ref][1]
    node = casc.nodes[ref]
    if node["level"] not in BUDGET_LEVELS:
        session.say("Anggaran sasaran adalah jumlah simpul pendukungnya; ubah di sub kegiatan.", error=True)
        return None
    if spec.name != "pagu-pk" and casc.kids(node["id"]):
        session.say(f"{spec.label} {LEVEL_LABELS[node['level']].lower()} adalah jumlah rinciannya; ubah "
                    f"angkanya di sub kegiatan.", error=True)
        return None
    return node


@dataclass(frozen=True)
class Editing:
    """The cell being typed into."""

    grid: CellGrid
    ref: str
    column: Column
    old: object  # the stored value the operator saw when the edit began: a commit checks it was not changed since
    label: str  # the edit line's label ("Realisasi 2022 (kumulatif) · IKM:")


class CellEditing(_Screen):
    """Mixed into a screen with one or more CellGrids and an EditBar: the `CellEditor` they ask."""

    SHORT_ECHO = False  # the echo after a commit names the field alone (a sheet: the row is beside it on screen)
    editing: Editing | None = None

    def start_edit(self, grid: CellGrid, clear: bool) -> None:
        if self.editing:
            return  # keys typed meanwhile were held by the grid and already belong to this edit
        here = grid.current_cell()
        if here is None:
            return
        ref, column = here
        session = self.session
        if column.field is None:
            session.say(why_no_digit(column), error=True)
            return
        spec = spec_of(column.field)
        holder = field_holder(session, ref, spec)
        if holder is None:
            return
        year = session.year if spec.yearly else None
        locked = locked_reason(session.casc, year)
        if locked:
            session.say(locked, error=True)
            return
        old = get_value(holder, spec, year)
        editing = Editing(grid, ref, column, old, edit_label(session.casc, ref, spec.label, spec.name, year,
                                                             row_name(session.casc, ref)))
        if clear:
            self._commit(editing, "", "down", clear=True)
            return
        self.editing = editing
        # The cell's exact value, selected: typing replaces it (a digit that started the edit is held by the grid).
        grid.begin_edit(display_exact(spec, old), replace_on_type=True)

    def edit_changed(self, grid: CellGrid) -> None:
        if self.editing and grid.is_editing:
            self.query_one(EditBar).show(self.editing.label, grid.edit_text or "", selected=grid.replace_on_type)

    def commit_edit(self, grid: CellGrid, text: str, move: str) -> None:
        if self.editing:
            self._commit(self.editing, text, move)

    def _commit(self, editing: Editing, text: str, move: str, clear: bool = False) -> None:
        session = self.session
        spec = spec_of(editing.column.field or "")
        done = session.commit_typed(editing.ref, spec.name, editing.old, text, clear=clear)
        if done is None:
            return  # refused and said: the typed text stays in the editor, the cell keeps its value
        edit, applied = done
        self._close_editor()
        label = f"\u2713 {spec.label}:" if self.SHORT_ECHO else f"\u2713 {editing.label}"
        self.query_one(EditBar).echo(label, applied.old_text, applied.new_text, session.capaian_tail(edit))
        if session.message_error:
            session.say("")  # an earlier refusal is settled
        editing.grid.step(move)

    def cancel_edit(self, grid: CellGrid) -> None:
        if self.editing:
            ref, column = self.editing.ref, self.editing.column
            self._close_editor()
            self.session.say(f"Dibatalkan; nilai tetap {grid.text_at(ref, column.key)}.")

    def _close_editor(self) -> None:
        if self.editing:
            grid, self.editing = self.editing.grid, None
            grid.end_edit()
            self.query_one(EditBar).close()

    def editor_text(self) -> str | None:
        """What is being typed, or None when no cell is being edited (Ctrl+Q asks first; tests)."""
        return self.editing.grid.edit_text if self.editing else None

    def commit_pending(self) -> None:
        """Commit what is being typed as Enter would (Ctrl+Q's "save, then quit")."""
        if self.editing:
            self.editing.grid.action_commit("down")

    def explain_cell(self, grid: CellGrid) -> None:
        here = grid.current_cell()
        if here is None or not here[1].explain:
            self.session.say("Pilih sel Capaian, Predikat, Serapan atau Pagu PK untuk melihat rumusnya.")
            return
        self.session.say(explain(self.session.casc, here[0], here[1].key, self.session.year))

    def paste_text(self, grid: CellGrid, text: str) -> None:
        """A block from a spreadsheet: downward from the cursor (a sheet's group lines skipped), across for
        tab-separated cells; all or nothing, one undo step (tui/paste.py)."""
        session = self.session
        last = paste_block(session, self.query_one(EditBar), text, editing=bool(self.editing or grid.is_editing),
                           rows=grid.refs_below(), columns=grid.spec, col=grid.cursor_col,
                           container=lambda ref, spec: field_holder(session, ref, spec),
                           name_of=lambda ref: row_name(session.casc, ref))
        if last is not None:
            grid.go_below(last)
