"""What an entry sheet's grid shows and who answers its edits: a row of the sheet and the screen behind it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from .sheetgrid import SheetGrid


@dataclass(frozen=True)
class SheetRow:
    ref: str  # indicator id, or node id
    group: bool  # a read-only line: a node's heading, or a sum
    node_id: str


class SheetEditor(Protocol):
    """The screen behind a sheet: it decides what a cell holds and applies every edit."""

    def start_edit(self, grid: "SheetGrid", clear: bool) -> None: ...
    def commit_edit(self, grid: "SheetGrid", text: str, move: str) -> None: ...
    def cancel_edit(self, grid: "SheetGrid") -> None: ...
    def edit_changed(self, grid: "SheetGrid") -> None: ...
    def explain_cell(self, grid: "SheetGrid") -> None: ...
    def paste_text(self, grid: "SheetGrid", text: str) -> None: ...
    def row_values(self, row: SheetRow) -> list[str]: ...
