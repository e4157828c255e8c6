"""What the app may ask of the screen on top (and of the widget in focus): each a role some views play.

The app asks `isinstance(self.screen, TypedCell)` rather than looking a method up by name: a role is written down
once here, and `_views_play_their_roles` below has the type checker hold each view that plays one to its signature
(runtime_checkable only looks at the names; mypy checks the rest). A view takes a role by having its methods.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Awaitable, Callable, Protocol, runtime_checkable

if TYPE_CHECKING:  # pragma: no cover - for the type checker only
    from textual.widgets import Input

    from store.disk.drafts import Draft

# A command of the palette (Ctrl+P): its name, its help line, and what it does (may return an awaitable).
PaletteCommand = tuple[str, str, Callable[[], object]]


@runtime_checkable
class TypedCell(Protocol):
    """A view with a cell editor (the cascade view's grids, the sheets): Ctrl+Q asks about a value being typed."""

    def editor_text(self) -> str | None:
        """The text in the cell editor, None when no cell is being typed into."""

    def commit_pending(self) -> None:
        """Save the value being typed, as Enter would (a refusal is said and the editor stays open)."""


@runtime_checkable
class UnsavedText(Protocol):
    """A view that holds text until it is saved (the narrative): saved before the app quits."""

    def save_pending(self, overwrite: bool = False) -> bool:
        """Save the text if it changed; False when it could not be saved."""


@runtime_checkable
class OwnYearKeys(Protocol):
    """A view that handles [ and ] itself (the narrative saves the text being typed before the year changes)."""

    def action_year(self, step: int) -> None: ...


@runtime_checkable
class FindsWithin(Protocol):
    """A view whose / finds a row within itself (the sheets) instead of the app's find dialog."""

    def action_find(self) -> Awaitable[object]: ...


@runtime_checkable
class FocusForKeys(Protocol):
    """A view that puts the focus where the keys typed right after switching to it should go (F8 77 Enter)."""

    def focus_for_keys(self) -> None: ...


@runtime_checkable
class HasCommands(Protocol):
    """A view (or the app) with commands of its own for the palette."""

    def palette_commands(self) -> list[PaletteCommand]: ...


@runtime_checkable
class ShowsMessage(Protocol):
    """A dialog showing a refusal whole: it grows as keys typed behind the refusal are dropped."""

    def show_message(self, message: str) -> None: ...


@runtime_checkable
class RestoresDraft(Protocol):
    """The narrative view: a recovery draft put back, unsaved."""

    def restore(self, draft: Draft) -> None: ...


@runtime_checkable
class ShowsSection(Protocol):
    """The narrative view: one section of text shown by its key (Enter on an empty one in the checks view)."""

    def show_section(self, key: str) -> None: ...


@runtime_checkable
class DraftsOnSignal(Protocol):
    """The narrative view: what is typed and unsaved goes to the recovery draft when a signal stops the app."""

    def write_draft(self) -> None: ...


@runtime_checkable
class WatchesFields(Protocol):
    """A form or dialog told of every change of its text fields at once (tui/keys.py, InOrderInput)."""

    def field_changed(self, field: Input, value: str) -> None: ...


@runtime_checkable
class CellEditor(Protocol):
    """A grid widget that can be typed into: while it is, letters and [ ] / Ctrl+Z are characters of the cell."""

    @property
    def is_editing(self) -> bool: ...


if TYPE_CHECKING:  # pragma: no cover - checked by mypy, never run
    from .app.app import LkjipApp
    from .views.find import FindScreen
    from .views.forms import FormScreen
    from .views.main import MainScreen
    from .views.message import MessageScreen
    from .views.narrative import NarrativeScreen
    from .views.sheet import SheetScreen
    from .views.sheet_base import SheetView
    from .views.tables import TablesScreen
    from .widgets.grid import WorkGrid
    from .widgets.sheetgrid import SheetGrid

    def _views_play_their_roles(app: LkjipApp, main: MainScreen, sheet: SheetView, find_sheet: SheetScreen,
                                narrative: NarrativeScreen, message: MessageScreen, tables: TablesScreen,
                                find: FindScreen, form: FormScreen, grid: WorkGrid, sheet_grid: SheetGrid) -> None:
        typed_cells: list[TypedCell] = [main, sheet]
        unsaved: UnsavedText = narrative
        year_keys: OwnYearKeys = narrative
        finds: FindsWithin = find_sheet
        focus: FocusForKeys = sheet
        commands: list[HasCommands] = [app, main, tables]
        shows: ShowsMessage = message
        restores: RestoresDraft = narrative
        drafts: DraftsOnSignal = narrative
        watches: list[WatchesFields] = [find, form]
        editors: list[CellEditor] = [grid, sheet_grid]
