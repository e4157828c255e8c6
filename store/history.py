"""The one history: undo and redo read the edit log, for the TUI (Ctrl+Z, Ctrl+Y) and the CLI (`lkjip undo`,
`lkjip redo`) alike.

A step is what an operator did at once: one edit, or the entries of a batch (a paste, a form, an import into an
existing workbook), which share a `group` (the seq of the first); a structural delete logs its whole subtree in one
entry, a restore is one "pulih" entry. Undo applies the step's inverse, redo the step again, each as one logged step of
its own whose entries name the step in a structured field (`undoes`, `redoes`), so where the history stands follows
from the log alone: replaying it gives the steps done (the top is the next to undo) and the steps undone (the top is
the next to redo); a new step clears what could be redone. Nothing is kept in memory, so `lkjip undo` and Ctrl+Z
give the same file, and a TUI opened after `lkjip undo` can redo it.

Logs written before these fields are read too: an undo names its step in its reason ("urungkan #N", the CLI's) or,
without one (the TUI's), is the inverse of a step done; a redo is a copy of a step undone.

Every undo and redo goes through Workbook.apply (a restore through store.recovery), so it is checked like any edit: a
field changed since by someone else is refused with both values, a locked year stays locked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import orjson

from .edits import Edit
from .errors import WorkbookError
from .fields import FIELDS
from .model import LOG, LogEntry
from .structure import STRUCTURAL, node_value

if TYPE_CHECKING:
    from .cascade import Cascade
    from .recovery import Restored
    from .edits import Applied
    from .workbook import Workbook
    from .writer import Document

# What an operator did (kinds as logged): each is a step of the history. Locks, migrations are not.
STEPS = frozenset({"edit", "tambah", "hapus", "pindah", "import", "pulih"})
_UNDONE = re.compile(r"urungkan #(\d+)")  # the reason of an undo logged before `undoes` existed


@dataclass(frozen=True)
class Step:
    id: int  # the group of its entries, or the seq of its one entry
    entries: tuple[LogEntry, ...]

    @property
    def kind(self) -> str:
        return self.entries[0]["kind"]

    def edits(self) -> tuple[Edit, ...]:
        return tuple(Edit(e["ref"], e["field"], e.get("year"), e["old"], e["new"]) for e in self.entries)

    def _signature(self, inverse: bool = False) -> tuple[bytes, ...]:
        edits = [e.inverse() for e in reversed(self.edits())] if inverse else self.edits()
        return tuple(orjson.dumps([e.ref, e.field, e.year, e.old, e.new], option=orjson.OPT_SORT_KEYS) for e in edits)


@dataclass(frozen=True)
class Moved:
    """What an undo or redo did: the step it took back or put back, and the edits applied (or the restore)."""

    kind: str  # "undo" or "redo"
    step: Step
    applied: "tuple[Applied, ...]" = ()
    restored: "Restored | None" = None


def steps(log: Mapping[str, Any]) -> list[Step]:
    """The log's entries grouped into steps, in the order they were written. `log`: the log table, its entries
    LogEntry records (typed as the document holds them: the cascade's copy and the writer's raw table alike)."""
    grouped: dict[int, list[LogEntry]] = {}
    for entry in sorted(log.values(), key=lambda e: e["seq"]):
        grouped.setdefault(int(entry.get("group") or entry["seq"]), []).append(entry)
    return [Step(key, tuple(entries)) for key, entries in grouped.items()]


def position(log: Mapping[str, Any]) -> tuple[list[Step], list[tuple[Step, Step]]]:
    """(steps done, steps undone each with the undo that took it back), from the log alone; the last of each is the
    next to undo, to redo."""
    done: list[Step] = []
    undone: list[tuple[Step, Step]] = []
    for step in steps(log):
        first = step.entries[0]
        if step.kind == "undo":
            moved = _named(done, first.get("undoes"), first.get("reason", "")) or _matching(done, step, inverse=True)
            if moved is not None:
                done.remove(moved)
                undone.append((moved, step))
        elif step.kind == "redo":
            back = [s for s, _ in undone]
            moved = _named(back, first.get("redoes"), None) or _matching(back, step, inverse=False)
            if moved is not None:
                del undone[back.index(moved)]
                done.append(moved)
        elif step.kind in STEPS:
            done.append(step)
            undone.clear()  # a new step: what was undone before it can no longer be put back on top of it
    return done, undone


def _named(candidates: list[Step], named: object, reason: str | None) -> Step | None:
    if named is None and reason:
        m = _UNDONE.match(reason)
        named = int(m.group(1)) if m else None
    if named is None:
        return None
    # An old CLI undo named an entry's seq, which may lie inside a batch: the step that holds it.
    return next((s for s in reversed(candidates) if s.id == named or any(e["seq"] == named for e in s.entries)), None)


def _matching(candidates: list[Step], move: Step, *, inverse: bool) -> Step | None:
    """An undo or redo logged without naming its step (the TUI's, before `undoes`): the latest step it mirrors."""
    signature = move._signature()
    return next((s for s in reversed(candidates) if s._signature(inverse=inverse) == signature), None)


def next_undo(log: Mapping[str, Any]) -> Step | None:
    done, _ = position(log)
    return done[-1] if done else None


def next_redo(log: Mapping[str, Any]) -> Step | None:
    _, undone = position(log)
    return undone[-1][0] if undone else None


# -- moving through the history ---------------------------------------------------------------------------------------
def undo(wb: "Workbook") -> Moved | None:
    """Take back the latest step not yet undone, as one logged step; None when there is none."""
    return _move(wb, "undo")


def redo(wb: "Workbook") -> Moved | None:
    """Put back the step undone last, as one logged step; None when there is none (or a new step came since)."""
    return _move(wb, "redo")


def _move(wb: "Workbook", kind: str) -> Moved | None:
    mark = "undoes" if kind == "undo" else "redoes"
    # Chosen and applied under one lock: two operators pressing undo at once take back two steps, not one twice.
    with wb.transaction() as w:
        done, undone = position(w.document[LOG])
        if not (done if kind == "undo" else undone):
            return None
        if kind == "undo":
            step = done[-1]
            edits = () if step.kind == "pulih" else _inverse(step, wb.cascade())
        else:
            # A redo is the inverse of the undo that took the step back: what that undo removed, it holds.
            step, undo_step = undone[-1]
            edits = () if step.kind == "pulih" else tuple(e.inverse() for e in reversed(undo_step.edits()))
        if step.kind != "pulih":
            # The reason stays readable in `lkjip log` (and by an older lkjip); the step is named by its field.
            why = f"{'urungkan' if kind == 'undo' else 'ulangi'} #{step.id}"
            with wb.one_step(**{mark: step.id}):
                applied = tuple(wb.apply(e, kind=kind, reason=why) for e in edits)
            return Moved(kind, step, applied)
    # A restore swapped the whole file: undone by swapping back the file it set aside, redone by the backup again,
    # through store.recovery (which takes the lock itself).
    return Moved(kind, step, restored=_swap(wb, step, kind, mark))


def _inverse(step: Step, casc: "Cascade") -> tuple[Edit, ...]:
    """The edits that take a step back, last first. The cascade an import filled into an empty workbook (one entry
    that names its source, not its nodes) goes as each tujuan deleted with its subtree, which the log then holds."""
    out: list[Edit] = []
    for entry, edit in reversed(list(zip(step.entries, step.edits()))):
        if entry["kind"] == "import" and entry["field"] == "susunan":
            out += [Edit(n["id"], "simpul", None, node_value(casc, n["id"]), None) for n in casc.roots()]
        elif entry["field"] in FIELDS or entry["field"] in STRUCTURAL:
            out.append(edit.inverse())
        else:
            raise WorkbookError(f"Langkah #{step.id} ({entry['kind']} {entry['ref']}: {entry['field']}) tidak dapat "
                                f"diurungkan; pulihkan cadangan dengan `lkjip restore` bila perlu.")
    return tuple(out)


def _swap(wb: "Workbook", step: Step, kind: str, mark: str) -> "Restored":
    from .recovery import restore
    from .storage import real_path

    entry = step.entries[0]
    name = entry["old"] if kind == "undo" else entry["new"]
    if not name:
        raise WorkbookError(f"Pemulihan #{step.id} tidak dapat diurungkan: sebelumnya tidak ada berkas buku kerja.")

    def still(current: Document | None) -> None:
        """Under restore's lock: another operator may have taken a step since it was chosen."""
        done, undone = position(current[LOG]) if current is not None else ([], [])
        moving = done[-1] if kind == "undo" and done else undone[-1][0] if kind == "redo" and undone else None
        if moving is None or moving.id != step.id:
            raise WorkbookError(f"Buku kerja baru saja diubah operator lain; pemulihan #{step.id} tidak "
                                f"{'diurungkan' if kind == 'undo' else 'diulangi'}. Coba lagi.")

    source = real_path(wb.path).parent / str(name)  # restore set its files aside beside the real file
    done = restore(wb.path, source, user=wb.user, reason=f"{'urungkan' if kind == 'undo' else 'ulangi'} #{step.id}",
                   marks={"kind": kind, mark: step.id}, still=still,
                   yes=True)  # the restore itself was the operator's choice (with --yes if it was another workbook)
    wb.forget()  # the file was replaced under another name for its content: read it afresh
    return done


def describe(moved: Moved) -> str:
    """What the move did, in one line: the one value, or how many with the first."""
    if moved.restored is not None:
        return f"pemulihan dari {moved.restored.backup.name}"
    changed = [a for a in moved.applied if a.changed]
    if not changed:
        return "tidak ada nilai yang berubah"
    first = _line(changed[0])
    return first if len(changed) == 1 else f"{len(changed)} perubahan sekaligus ({first}, \u2026)"


def _line(applied: "Applied") -> str:
    from .structure import sentence

    if applied.edit.field in STRUCTURAL:
        return sentence(applied)
    return f"{applied.target.label}: {applied.old_text} \u2192 {applied.new_text}"
