"""What every secondary view shares: a title, the status line, the footer, and recomputing only when the
workbook's revision or the chosen year changed since it was last drawn."""

from __future__ import annotations

from typing import cast

from textual.reactive import Reactive
from textual.screen import Screen
from textual.widget import Widget

from ..session import Session


class SessionScreen(Screen):
    """A screen of the workbook app: it reaches the workbook, the year and the edit path through `session`."""

    # Moving focus repaints the widgets whose focus style changes, not the whole screen: Textual's default repaints
    # the screen on every focus change, and Tab from the tree into the grid cost ≈8 KB over SSH.
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)

    @property
    def session(self) -> Session:
        return cast(Session, self.app)


class WorkbookView(SessionScreen):
    def __init__(self) -> None:
        super().__init__()
        self._drawn_for: tuple[int, int] | None = None

    def stale(self) -> bool:
        session = self.session
        key = (int(session.casc.meta["revision"]), session.year)
        if key == self._drawn_for:
            return False
        self._drawn_for = key
        return True

    def on_screen_resume(self) -> None:
        self.refresh_content()

    def refresh_content(self, force: bool = False) -> None:
        if self.stale() or force:
            self.redraw()

    def redraw(self) -> None:  # pragma: no cover - each view draws itself
        raise NotImplementedError

    def palette_commands(self) -> list[tuple[str, str, object]]:
        return []
