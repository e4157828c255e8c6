"""The one typed object a view works through: the workbook, the cascade on screen, the year and the edit path.

Views and widgets never reach into the app for untyped attributes; they ask `self.session` (tui/views/base.py) or
`session_of(widget)`, whose type is this protocol. The app (tui/app/app.py) is the one object that implements it, so there
is exactly one workbook, one year and one edit path however many views are open; the protocol keeps what a view may
use written down in one place, and mypy (run by `make test`) checks the app against it where `session_of` returns it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Protocol, TypeGuard

if TYPE_CHECKING:  # pragma: no cover - for the type checker only
    from store.domain.cascade import Cascade
    from store.domain.edit import Applied, Batch, Edit
    from store.edits.workbook import Workbook

    from textual.message_pump import MessagePump

    from .screen_roles import DraftsOnSignal
    from .widgets.grid import Column


class Session(Protocol):
    wb: Workbook | None
    path: Path
    casc: Cascade
    year: int
    message: str
    message_error: bool
    stopping: bool  # a signal arrived: nothing more is saved, the narrative goes to its draft
    narrative_view: DraftsOnSignal | None  # the narrative screen once visited: the app drafts it on a signal

    @property
    def workbook(self) -> Workbook:
        """The workbook open (`wb`, which is None only on the start screen)."""

    def say(self, message: str, *, error: bool = False) -> None:
        """Show one sentence on the status line (red when error); it goes away on the next action. An error is a
        refusal: it ends the burst of keys it came in (tui/keys.py)."""

    def saved_line(self) -> str:
        """The status line's last line: file, year, lock, who saved last, revision and time."""

    def show_status(self) -> None:
        """Repaint the status line; a message said on another view or node goes."""

    def message_follows(self) -> None:
        """The message goes along to where an action moved (the node added, the change undone)."""

    def refusal_in_full(self) -> None:
        """Open the last refusal in a dialog when the status line would cut it."""

    def apply_edit(self, edit: Edit, *, kind: str = "edit", quiet: bool = False) -> Applied | None:
        """The one edit path: lock, conflict check, atomic save, log, undo. None when refused (already said)."""

    def commit_typed(self, ref: str, field: str, old: object, text: str, *,
                     clear: bool = False) -> tuple[Edit, Applied] | None:
        """A value typed in a cell, read and applied; None when refused (already said, the text stays)."""

    def apply_batch(self, batch: Batch, *, kind: str = "edit", quiet: bool = True) -> list[Applied] | None:
        """A paste: every edit in one lock and one save, one undo step."""

    def change_year_lock(self, year: int, reason: str, *, unlock: bool) -> str | None:
        """Close or open a year (the one lock path); None once saved and said, else the refusal."""

    def capaian_tail(self, edit: Edit) -> str:
        """The echo's tail: the new capaian and ⚠ with its reason."""

    def show_year(self, step: int) -> None:
        """Show another year (`[` / `]`), within the Renstra period."""

    def goto(self, ref: str | None, field: str | None = None, *, tree: bool = False) -> None:
        """Show a node or indicator in the cascade view."""

    def open_workbook(self, wb: Workbook) -> None:
        """Start working on a workbook (the start screen's last step)."""

    def draft_file(self) -> Path:
        """Where this operator's narrative draft goes."""

    def message_in_full(self, message: str, *, error: bool) -> None:
        """Open a message too long for the status line whole in a dialog."""

    def push_screen(self, screen: Any, callback: Callable[[Any], Any] | None = None) -> Any:
        """Open a modal screen over the current one."""


def session_of(node: MessagePump) -> Session:
    """The session of a widget or screen of the workbook app (widgets have no screen base class to carry it)."""
    app = node.app
    if not _is_session(app):
        raise TypeError(f"{type(node).__name__} runs only inside the workbook app, not in {type(app).__name__}")
    return app  # mypy checks here that the app is a Session


class SessionApp:
    """The mark of the one class that implements `Session` (the app, tui/app/state.py). `session_of` checks this
    mark, never the protocol's members one by one: reading them would call the `workbook` property, which raises on
    the start screen, before a workbook is open. mypy checks the app against the protocol (tui/app/app.py)."""

    __slots__ = ()


def _is_session(app: object) -> TypeGuard[Session]:
    return isinstance(app, SessionApp)


def why_no_digit(column: Column) -> str:
    """Said when a digit (or, but for a text cell, Enter) lands on a cell it cannot start an edit in: a text cell, a
    computed one, or a fixed label."""
    if column.field:
        return (f"Angka tidak mengganti {column.label.lower()}: tekan Enter atau e untuk mengubahnya; "
                f"angka langsung hanya di kolom angka.")
    if column.explain:
        return f"Kolom {column.label} dihitung dari data, tidak diisi; tekan x untuk melihat rumusnya."
    return f"Kolom {column.label} tidak diisi di sini; pindah dengan \u2190 \u2192 ke kolom angka, lalu ketik."
