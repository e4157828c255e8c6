"""The value objects of the one edit path: an Edit (ref, field, year, old, new), a Batch of them applied as one
step, the Target an edit resolved to, and what applying it did (Applied).

A leaf of the store: plain frozen dataclasses that import nothing of lkjip, so the planners, the history, the
importers and the TUI can speak of edits without importing the workbook that applies them (store.workbook).
"""

from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Edit:
    ref: str  # canonical: indicator id, node id, narrative key or "profil"
    field: str
    year: int | None
    old: object
    new: object

    def inverse(self) -> "Edit":
        return replace(self, old=self.new, new=self.old)


@dataclass(frozen=True)
class Batch:
    """Edits applied together (a pasted column): one lock, one save, one undo step."""

    edits: tuple[Edit, ...]

    def inverse(self) -> "Batch":
        return Batch(tuple(e.inverse() for e in reversed(self.edits)))

    # Undo and redo jump to the first cell of the batch, as they do to an edit's.
    @property
    def ref(self) -> str:
        return self.edits[0].ref if self.edits else ""

    @property
    def field(self) -> str:
        return self.edits[0].field if self.edits else ""

    @property
    def year(self) -> int | None:
        return self.edits[0].year if self.edits else None


@dataclass(frozen=True)
class Target:
    """What an edit's ref resolved to (store.refs), with the label the operator reads."""

    kind: str  # "indicator", "node", "narrative", "profile" or "pejabat"
    id: str  # indicator id, node id, narrative key, or "profil"
    label: str


@dataclass(frozen=True)
class Applied:
    edit: Edit
    target: Target
    changed: bool
    revision: int
    old_text: str
    new_text: str
