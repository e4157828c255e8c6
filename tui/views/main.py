"""The main view: the cascade on the left; the selected node's indicators and budget on the right.

Only the selected node's rows are rendered. A committed edit repaints just the cells whose text changed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Static, Tree

from store.domain.model import LEVEL_LABELS, Node

from tui.screen_roles import PaletteCommand
from tui.shown import shown
from .rows import BUDGET_COLUMNS, INDICATOR_COLUMNS, budget_rows, indicator_rows
from tui.widgets.cascade_tree import CascadeTree
from tui.widgets.editbar import EditBar
from tui.widgets.grid import WorkGrid
from tui.widgets.keybar import VIEW_KEYS, KeyBar
from tui.widgets.status import StatusLine
from .base import SessionScreen
from .cascade_edit import CASCADE_BINDINGS, CascadeEditing
from .cell_editing import CellEditing

if TYPE_CHECKING:
    from tui.widgets.cell_edit import CellGrid


def _shape(casc) -> tuple:
    """What the tree shows: ids, parents, codes, names and order (values do not matter)."""
    return tuple((n["id"], n.get("parent"), n["code"], n["name"], n.get("order")) for n in casc.nodes.values())


EMPTY_HINT = "Buku kerja ini masih kosong: tekan a untuk menambah tujuan pertama."


class MainScreen(CascadeEditing, CellEditing, SessionScreen):
    # Building the cascade (tui/views/cascade_edit.py): add, rename, recode, move, delete. Editing and pasting into
    # the node grids, as in the entry sheets: tui/views/cell_editing.py.
    BINDINGS = [
        *CASCADE_BINDINGS,
        # Priority: taken in the app's queue the moment it arrives, so the keys typed after it in one burst (Tab → →
        # 79 Enter over a laggy link) go to the grid it moved to, not to the tree it left. While a cell is being
        # typed, Tab is the grid's own (commit and move right): see check_action.
        Binding("tab", "move_focus(1)", "Panel berikut", show=False, priority=True, id="main.focus_next"),
        Binding("shift+tab", "move_focus(-1)", "Panel sebelumnya", show=False, priority=True,
                id="main.focus_previous"),
        # The profile and signing form (tui/views/profile.py); priority like the cascade keys, a character while a
        # cell is being typed into.
        Binding("P", "profile", "Profil dan penandatangan", show=False, priority=True, id="main.profile"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.node_id: str | None = None
        self._shape: tuple | None = None  # the tree's shape when last drawn, and the index it was read from
        self._shape_of: object = None
        self._shown_title: Text | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(id="main-body"):
            yield CascadeTree(id="tree")
            with Vertical(id="detail"):
                yield Static(id="node-title")
                yield WorkGrid(INDICATOR_COLUMNS, id="indicators")
                yield WorkGrid(BUDGET_COLUMNS, id="budget")
                yield EditBar(id="editbar")
        yield StatusLine()
        yield KeyBar(["grid.edit", "cascade.add_child", "grid.explain", "app.find", "year.next", *VIEW_KEYS])

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "move_focus":
            focused = self.focused
            return not (isinstance(focused, WorkGrid) and focused.is_editing)
        if action == "profile":
            return self._keys_are_commands()
        return super().check_action(action, parameters)  # the cascade keys (tui/views/cascade_edit.py)

    def watch_focused(self, focused: object) -> None:
        # The tree is wider while it has focus, so sibling names read apart while the operator moves in it; the
        # grids get the room back when Tab takes the operator into them (a modal on top changes nothing).
        if focused is not None:
            self.query_one(CascadeTree).set_class(isinstance(focused, CascadeTree), "wide")

    def action_move_focus(self, step: int) -> None:
        # Tree → indicators → budget and round, over the grids the node shows, chosen here: Textual's focus chain is
        # refreshed only on the next paint, and in a burst (Tab Tab after a find) the node shown may have just
        # changed and a grid just appeared.
        chain = [self.query_one(CascadeTree), *(g for g in self.query(WorkGrid) if g.display and g.row_count)]
        here = chain.index(self.focused) if self.focused in chain else 0
        self.set_focus(chain[(here + step) % len(chain)])  # at once: Widget.focus() waits its turn in the queue

    def on_mount(self) -> None:
        casc = self.session.casc
        self.query_one(CascadeTree).load(casc)
        self._shape, self._shape_of = _shape(casc), casc
        self.query_one(CascadeTree).focus()
        if not casc.nodes:
            self.show_empty()
            return
        # The first node's figures now, not when the tree's highlight message arrives: the first frame is whole,
        # not a frame followed by a second burst of grid rows.
        first = next(iter(casc.kids(None)), None)
        if first is not None:
            self.show_node(first["id"])

    def show_empty(self) -> None:
        """No node at all (a new office): say which key adds the first tujuan."""
        self.node_id = None
        self._close_editor()
        self._shown_title = Text(EMPTY_HINT, style="bold")
        self.query_one("#node-title", Static).update(self._shown_title)
        for grid in self.query(WorkGrid):
            grid.display = False

    def on_screen_resume(self) -> None:
        # Edits made from another view (undo in the tables view, a jump from the checks) must show here too; and what
        # a dialog's save said while it was on top (a form, Ctrl+P's year lock), with the revision it made.
        if self.node_id:
            self.refresh_values()
        self.session.show_status()

    # -- showing a node ---------------------------------------------------------------------------------------------
    def on_tree_node_highlighted(self, _: Tree.NodeHighlighted[str]) -> None:
        # The tree's cursor as it is now, not the event's node: a rebuilt tree (an undo, another's save) posts
        # highlights of lines since replaced, and the node shown was already set with the rebuild (refresh_values).
        node = self.query_one(CascadeTree).cursor_node
        if node is not None and node.data and node.data != self.node_id:
            self.show_node(node.data)

    def show_node(self, node_id: str, *, carry: bool = False) -> None:
        """Show a node's title and grids. On another node, the echo of the last commit and the status message
        said on the node left go (they would read as said about this one), unless `carry`: an action moved here
        and its message is about this node (focus_ref)."""
        casc, year = self.session.casc, self.session.year
        node = casc.nodes.get(node_id)
        if node is None:
            return
        # Another node's grids start at their first column, as the first node's did, so the keys that filled one
        # sub kegiatan (Tab → 95.000.000 Tab 90.100.000 Enter) fill the next alike, and Tab never lands on the
        # computed column the last node was left on (Serapan, Capaian). The same node shown again (another year, a
        # save) keeps the cell the operator is on.
        another = node_id != self.node_id
        self.node_id = node_id
        self._close_editor()
        if another:
            self.query_one(EditBar).close()
            if carry:
                self.session.message_follows()
            else:
                self.session.show_status()
        self._show_title(node)
        grid = self.query_one("#indicators", WorkGrid)
        grid.show_rows(indicator_rows(casc, node, year), INDICATOR_COLUMNS[0].key if another else None)
        grid.display = bool(node["indicators"])
        budget = self.query_one("#budget", WorkGrid)
        rows = budget_rows(casc, node, year)
        budget.show_rows(rows, BUDGET_COLUMNS[0].key if another else None)
        budget.display = bool(rows)

    def _show_title(self, node: Node) -> None:
        """The node's level, code and name: repainted only when they changed (a commit changes neither), and on
        every rename, new code or move at once, not when the node is next chosen."""
        title = Text(LEVEL_LABELS[node["level"]] + " ", style="bold")
        title.append(shown(f"{node['code']} {node['name']}".strip()))
        # The code is the node's name for `lkjip set` and `/`; an internal id only where there is no code (T1, S2).
        title.append(f"  ({'' if node['code'] else node['id'] + ', '}tahun {self.session.year})", style="dim")
        if title != self._shown_title:
            self._shown_title = title
            self.query_one("#node-title", Static).update(title)

    def refresh_values(self) -> None:
        """After a save or a reload: repaint only the cells of the shown node whose text changed; rebuild the tree
        when another operator renamed, added or moved nodes."""
        casc, year = self.session.casc, self.session.year
        if self._edited_row_gone(casc):
            return  # the screen stays as it was, with the editor, until the operator closes it
        if casc is not self._shape_of:
            shape = _shape(casc)
            if self._shape is not None and shape != self._shape:
                self.query_one(CascadeTree).load(casc)
            self._shape, self._shape_of = shape, casc
        node = casc.nodes.get(self.node_id or "")
        if node is None:
            tree = self.query_one(CascadeTree)
            tree.load(casc)
            if not casc.nodes:
                self.show_empty()
            elif tree.cursor_node is not None and tree.cursor_node.data:
                # The node shown is gone (undone, deleted): the tree's new cursor now, with the message that said so.
                self.show_node(tree.cursor_node.data, carry=True)
            return
        self._show_title(node)
        grid = self.query_one("#indicators", WorkGrid)
        rows = indicator_rows(casc, node, year)
        if [r for r, _ in rows] != grid.refs():
            self.show_node(node["id"])
            return
        for ref, values in rows:
            grid.update_row(ref, values)
        for ref, values in budget_rows(casc, node, year):
            self.query_one("#budget", WorkGrid).update_row(ref, values)

    def _edited_row_gone(self, casc) -> bool:
        """Another operator removed the node or indicator whose cell is being typed in: rebuilding the view would
        close the editor and put the cursor on another node's cell, the typed value gone in silence. Keep the
        editor and its text, and say what happened; Esc closes it and the view follows the file."""
        if not self.editing:
            return False
        grid, ref, label = self.editing.grid, self.editing.ref, self.editing.label
        if ref in casc.indicators or ref in casc.nodes:
            return False
        what = "Indikator" if grid is self.query_one("#indicators", WorkGrid) else "Simpul"
        name = label.split(" \u00b7 ", 1)[-1].rstrip(":")
        self.session.say(f"{what} {name} dihapus operator lain; nilai yang diketik: {grid.edit_text or ''} (belum "
                         f"disimpan; Esc menutup isian).", error=True)
        return True

    def reload_structure(self) -> None:
        self.query_one(CascadeTree).load(self.session.casc)
        if self.node_id:
            self.show_node(self.node_id)

    def focus_ref(self, ref: str, field: str | None = None, *, tree: bool = False) -> None:
        """Go to a node or an indicator (from find, the checks view, undo or a cascade action), and to its field's
        cell. With `tree` the focus is on the tree at its node (after adding, renaming, moving or finding: the
        operator goes on from the tree, ↓ to the next node, `a` under it); the grid's cursor waits on the row, for
        Tab. The message of the action goes along to the node."""
        casc = self.session.casc
        node_id = casc.indicators[ref][0]["id"] if ref in casc.indicators else ref
        if node_id not in casc.nodes:
            return
        tree_widget = self.query_one(CascadeTree)
        tree_widget.reveal(node_id)
        self.show_node(node_id, carry=True)
        if tree:
            self.set_focus(tree_widget)  # at once: focus() would wait behind the keys of a burst already queued
        grid = self.query_one("#indicators" if ref in casc.indicators else "#budget", WorkGrid)
        if not grid.row_count:
            return
        row = grid.get_row_index(ref) if ref in grid.refs() else 0
        col = next((i for i, c in enumerate(grid.spec) if field and c.field == field), grid.cursor_coordinate.column)
        grid.move_cursor(row=row, column=col, animate=False)
        if not tree:
            self.set_focus(grid)

    # -- editing (tui/views/cell_editing.py) -------------------------------------------------------------------------
    def cancel_edit(self, grid: CellGrid) -> None:
        casc = self.session.casc
        if self.editing and self.editing.ref not in casc.indicators and self.editing.ref not in casc.nodes:
            # Removed by another operator meanwhile: the view follows the file now that the editor is closed.
            self._close_editor()
            self.refresh_values()
            self.session.say("Dibatalkan; baris itu sudah dihapus operator lain.")
            return
        super().cancel_edit(grid)

    async def action_profile(self) -> None:
        await self._settle()  # the keys typed before P first; a P that lands in a cell editor is a character
        from .profile import open_profile_form

        await open_profile_form(self.session)

    def palette_commands(self) -> list[PaletteCommand]:
        return [
            ("Jelaskan sel terpilih", "Rumus dan angka sel Capaian/Serapan", self._explain_current),
            *self.cascade_palette(),
        ]

    def _explain_current(self) -> None:
        self.query_one("#indicators", WorkGrid).action_explain()
