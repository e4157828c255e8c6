"""What every secondary view shares: a title, the status line, the footer, and recomputing only when the
workbook's revision or the chosen year changed since it was last drawn."""

from __future__ import annotations

from textual.reactive import Reactive
from textual.screen import Screen
from textual.widget import Widget

from tui.screen_roles import PaletteCommand
from tui.session import Session, session_of


class SessionScreen(Screen):
    """A screen of the workbook app: it reaches the workbook, the year and the edit path through `session`."""

    # Moving focus repaints the widgets whose focus style changes, not the whole screen: Textual's default repaints
    # the screen on every focus change, and Tab from the tree into the grid cost ≈8 KB over SSH.
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)

    def __init__(self) -> None:
        super().__init__()
        # A view is made on its first visit, from the stylesheet as it stands: Textual counts a new screen as behind
        # it and re-parses every rule and re-styles every widget of the app before showing the view (≈10 ms on each
        # first visit, and at start-up). A theme change later still reaches it (the count moves on).
        self._css_update_count = self.app._css_update_count
        self._shown_once = False

    def _compositor_refresh(self) -> None:
        """Two frames of Textual's are skipped on a view's first showing, the first drawn once and whole.
        - While the app holds its updates back (its start-up batch) a frame is rendered and thrown away: it is not
          rendered; its dirty regions stay for the next frame.
        - After the first frame, a whole-screen repaint asked for while the view was being mounted was still pending:
          it painted the same screen again (≈4 KB over SSH, and the first frame ended ≈20 ms later)."""
        app = self.app
        if self is not app.screen or app.is_inline:
            super()._compositor_refresh()
            return
        if app._batch_count:
            return
        first = not self._shown_once and bool(self._compositor.size)
        if first:
            self._compositor._dirty_regions.add(self._compositor.size.region)
        super()._compositor_refresh()
        if first:
            self._shown_once = True
            self._repaint_required = False  # the frame just drawn was the whole screen

    @property
    def session(self) -> Session:
        return session_of(self)


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
        self.session.show_status()  # what a dialog's save said while it was on top

    def refresh_content(self, force: bool = False) -> None:
        if self.stale() or force:
            self.redraw()

    def redraw(self) -> None:  # pragma: no cover - each view draws itself
        raise NotImplementedError

    def palette_commands(self) -> list[PaletteCommand]:
        return []
