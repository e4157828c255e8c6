"""Typing into a grid's cell, written once for the main view's node grids (grid.py) and the entry sheets
(sheetgrid.py): the cursor's cell, the edit mode and its text, commit, cancel and paste, all in arrival order.

The grid holds the text being typed and keeps the focus (moving it to an Input and back re-styled the screen on
every commit); the edit line under the grid shows the text. What a cell holds, whether it may be typed into and
what a commit writes is the screen's (tui/views/cell_editing.py): the grid asks it synchronously through
`CellEditor`, never through the message queue. Keys of a burst (a paste, a fast typist over SSH) are already queued
behind the key that started or committed an edit; a posted answer came after them, and "4 Enter 5 Enter" held "45"
for one commit (tests/test_burst_pty.py). Answered at once, each key finds the edit started, committed and the
cursor moved before the next.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, Protocol, cast

from textual import events

from ..session import session_of, why_no_digit

if TYPE_CHECKING:
    from textual.widget import Widget

    from .grid import Column

    _Widget = Widget  # checked as part of the grid widget it is mixed into (WorkGrid, SheetGrid)
else:
    _Widget = object

# Actions that only mean something while a cell is being typed into; and every action a key may run then (the
# others, arrows and F-keys included, wait until the value is committed or cancelled).
ONLY_WHILE_EDITING = frozenset({"commit", "cancel", "backspace", "clear_text"})
WHILE_EDITING = ONLY_WHILE_EDITING | {"enter", "tab"}


def is_one_value(text: str) -> bool:
    """A paste without a line break or a tab is typed text: into an open cell editor it goes as if typed."""
    return not any(c in text for c in "\r\n\t")


def typed(edit_text: str | None, replace: bool, text: str) -> str:
    """The editor's text after `text` is typed (or pasted) into it: it replaces a selected value, else extends it."""
    return text if replace else (edit_text or "") + text


class CellGrid(Protocol):
    """What the screen asks of a grid: the cursor's cell, the text being typed, and where the cursor goes next."""

    spec: list[Column]
    edit_text: str | None
    replace_on_type: bool

    @property
    def is_editing(self) -> bool: ...
    @property
    def cursor_col(self) -> int: ...
    def current_cell(self) -> tuple[str, Column] | None: ...
    def text_at(self, ref: str, key: str) -> str: ...
    def begin_edit(self, text: str, *, replace_on_type: bool) -> None: ...
    def end_edit(self) -> None: ...
    def action_commit(self, move: str) -> None: ...
    def step(self, move: str) -> None: ...
    def refs_below(self) -> Iterable[str]: ...
    def go_below(self, ref: str) -> None: ...


class CellEditor(Protocol):
    """The screen behind a grid: it decides what a cell holds and applies every edit (tui/views/cell_editing.py)."""

    def start_edit(self, grid: CellGrid, clear: bool) -> None: ...
    def commit_edit(self, grid: CellGrid, text: str, move: str) -> None: ...
    def cancel_edit(self, grid: CellGrid) -> None: ...
    def edit_changed(self, grid: CellGrid) -> None: ...
    def explain_cell(self, grid: CellGrid) -> None: ...
    def paste_text(self, grid: CellGrid, text: str) -> None: ...


class EditingGrid(_Widget):
    """Mixed into a grid widget (before its Textual base): the edit mode and every key, in arrival order.

    The grid provides `editor` (the CellEditor), `current_cell()` and `_show_edit()` (repaint the cursor's cell,
    for a grid that draws the typed text in it)."""

    edit_text: str | None = None  # None: not editing
    replace_on_type = False  # the text is the cell's value, selected: typing replaces it
    _initial = ""  # the key that started the edit (a digit typed on a cell), applied when it begins

    if TYPE_CHECKING:  # what the grid this is mixed into provides besides a Widget's

        @property
        def editor(self) -> CellEditor: ...
        def current_cell(self) -> tuple[str, Column] | None: ...

    def _as_grid(self) -> CellGrid:
        return cast("CellGrid", self)  # the grid this is mixed into provides the rest of CellGrid

    def _show_edit(self) -> None:
        """The text being typed changed: a grid that shows it in the cell repaints the cell."""

    @property
    def is_editing(self) -> bool:
        return self.edit_text is not None

    def _start(self, initial: str = "", clear: bool = False) -> None:
        # The cell is read when the screen answers, not when the key was pressed: a tree move typed just before
        # may have replaced the rows meanwhile, and the edit must go to the cell on screen.
        self._initial = initial
        self.editor.start_edit(self._as_grid(), clear)
        self._initial = ""  # refused (a computed column, a parent's sum): the starting key is dropped

    def begin_edit(self, text: str, *, replace_on_type: bool) -> None:
        """The screen starts the edit with the cell's value; a digit that started it replaces (or extends) it."""
        if self._initial:
            text = self._initial if replace_on_type else text + self._initial
            replace_on_type = False
        self._initial = ""
        self.edit_text = text
        self.replace_on_type = replace_on_type
        self._changed()

    def end_edit(self) -> None:
        self.edit_text = None
        self._changed()

    def _changed(self) -> None:
        self._show_edit()
        self.editor.edit_changed(self._as_grid())

    def _type(self, text: str) -> None:
        self.edit_text = typed(self.edit_text, self.replace_on_type, text)
        self.replace_on_type = False
        self._changed()

    # -- actions ------------------------------------------------------------------------------------------------------
    def action_enter(self) -> None:
        if self.is_editing:
            self.action_commit("down")
        else:
            self._start()

    def action_edit(self) -> None:
        if not self.is_editing:
            self._start()

    def action_commit(self, move: str) -> None:
        if self.is_editing:
            self.editor.commit_edit(self._as_grid(), self.edit_text or "", move)

    def action_cancel(self) -> None:
        if self.is_editing:
            self.editor.cancel_edit(self._as_grid())

    def action_backspace(self) -> None:
        self.replace_on_type = False
        self.edit_text = (self.edit_text or "")[:-1]
        self._changed()

    def action_clear_text(self) -> None:
        self.replace_on_type = False
        self.edit_text = ""
        self._changed()

    def action_clear_cell(self) -> None:
        self._start(clear=True)

    def action_explain(self) -> None:
        self.editor.explain_cell(self._as_grid())

    # -- keys and pastes ----------------------------------------------------------------------------------------------
    async def on_key(self, event: events.Key) -> None:
        """Every key for this grid is handled here, in arrival order.

        Textual runs bindings only once a key has bubbled up to the app, by which time the grid may already have
        taken the next keys of a burst: "↓ 8" could start the edit on the old row, "8 ] 9" could store 9 in the old
        year. The grid's own bindings (keymap included) and then the screen's and the app's run here, at once."""
        action = next((b.action for b in self._bindings.key_to_bindings.get(event.key, ())), None)
        name = action.split("(")[0] if action else None
        char = event.character if event.character and len(event.character) == 1 else None
        if self.is_editing:
            event.stop()
            event.prevent_default()
            if action and name in WHILE_EDITING:
                await self.run_action(action)
            elif char and char.isprintable():
                self._type(char)
            return  # anything else (arrows, Home, F-keys…) is ignored while a cell is being typed into
        if action and name not in ONLY_WHILE_EDITING:
            event.stop()
            event.prevent_default()
            await self.run_action(action)
        elif char and (char.isdigit() or char in "-,") and (here := self.current_cell()):
            # Typing a digit or a minus starts editing a number cell with it, as in a spreadsheet. Never a text
            # cell: Tab into the grid lands on the indicator's name, and "77 Enter" renamed it to "77".
            event.stop()
            event.prevent_default()
            if here[1].field and here[1].numeric:
                self._start(char)
            else:
                session_of(self).say(why_no_digit(here[1]), error=True)
        elif await self.app._check_bindings(event.key):  # the screen's and the app's keys, in order too
            event.stop()
            event.prevent_default()

    def on_paste(self, event: events.Paste) -> None:
        """One value pasted into an open editor is typed into it; anything else is a paste for the screen, in
        arrival order with the keys around it."""
        event.stop()
        if self.is_editing and is_one_value(event.text):
            self._type(event.text)
        else:
            self.editor.paste_text(self._as_grid(), event.text)
