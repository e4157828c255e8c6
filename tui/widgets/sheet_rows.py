"""What an entry sheet's grid shows and who answers its edits: a row of the sheet and the screen behind it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from .cell_edit import CellEditor


@dataclass(frozen=True)
class SheetRow:
    ref: str  # indicator id, or node id
    group: bool  # a read-only line: a node's heading, or a sum
    node_id: str


class SheetEditor(CellEditor, Protocol):
    """The screen behind a sheet: it decides what a cell holds and applies every edit, and gives a row's texts."""

    def row_values(self, row: SheetRow) -> list[str]: ...
