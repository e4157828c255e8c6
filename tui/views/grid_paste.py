"""Which cells of the main screen's node grids take a value, and pasting a spreadsheet column into them.

A node grid shows one node: its indicators (one row each) or its budget (one row). A cell takes a typed or pasted
value only where the store keeps one: a sasaran's budget and a parent's realisasi anggaran are sums, said before an
editor opens. A paste fills the rows from the cursor down and the columns from the cursor right, all or nothing, in
one undo step (tui/paste.py, shared with the entry sheets).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from store.cascade import Cascade
from store.fields import FieldSpec, Holder
from store.model import BUDGET_LEVELS, LEVEL_LABELS

from ..paste import paste_block
from ..widgets.editbar import EditBar
from ..widgets.grid import WorkGrid

if TYPE_CHECKING:
    from ..session import Session
    from .base import SessionScreen

    _Screen = SessionScreen  # checked as part of the screen it is mixed into (MainScreen)
else:
    _Screen = object


def row_name(casc: Cascade, ref: str) -> str:
    """The name of a node grid's row: its indicator's, or (the budget row) its node's."""
    return casc.indicators[ref][1]["name"] if ref in casc.indicators else casc.nodes[ref]["name"]


def field_holder(session: Session, ref: str, spec: FieldSpec) -> Holder | None:
    """The dict that keeps this field of a node grid's row, or None with the reason said (a sum, not a figure)."""
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


class GridPasting(_Screen):
    """Mixed into MainScreen: a bracketed paste into the indicator or budget grid."""

    if TYPE_CHECKING:  # what MainScreen provides besides a SessionScreen's
        editing: Any

    def on_work_grid_pasted(self, msg: WorkGrid.Pasted) -> None:
        grid, session = msg.grid, self.session
        refs, (row, col) = grid.refs(), grid.cursor_coordinate
        last = paste_block(session, self.query_one(EditBar), msg.text, editing=bool(self.editing or grid.is_editing),
                           rows=refs[row:], columns=grid.spec, col=col,
                           container=lambda ref, spec: field_holder(session, ref, spec),
                           name_of=lambda ref: row_name(session.casc, ref))
        if last is not None and last in grid.refs():  # on to the next row to fill, as Enter does
            grid.move_cursor(row=min(grid.refs().index(last) + 1, grid.row_count - 1), column=col, animate=False)
