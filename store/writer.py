"""The write path in plain words: `Workbook.transaction` takes the file lock, reloads what other operators saved and
hands the code that changes the document one `Writer`. Through it, and only through it, records are revised,
inserted or removed in the cached document, the revision is bumped and log entries are appended; each change marks
its record, so the save at the end of the transaction serialises only what changed and writes the file atomically
(store.storage, store.safefile). An exception anywhere drops the cached document: the disk keeps the old file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any, cast

from .model import LOG, META, LogEntry

if TYPE_CHECKING:
    from .cascade import Cascade

Record = dict[str, Any]  # one stored record (a node, a log entry, the meta), as the JSON file holds it
Document = dict[str, dict[str, Record]]  # table → document id → record


def now() -> str:
    """The one clock of the edit log (and of a year lock's stamp): local time with its offset, to the second."""
    return datetime.now().astimezone().isoformat(timespec="seconds")


def _unmarked(table: str, doc_id: str) -> None:
    """A document that is not the storage's cached one (a restore's, written whole): nothing to mark."""


class Writer:
    """The handle of one transaction: the document being changed, and the only ways to change it.

    It changes the document's own dicts in place (TinyDB's update and insert copied whole tables: a pasted column of
    100 values paid that 100 times at kabupaten scale); the file stays a TinyDB document, table by table."""

    __slots__ = ("document", "user", "step", "_mark", "_index", "_reindex", "_next_ids")

    def __init__(self, document: Document, user: str, *, mark: Callable[[str, str], None] = _unmarked,
                 index: Callable[[], Cascade] | None = None, reindex: Callable[[], None] = lambda: None) -> None:
        self.document = document
        self.user = user
        # Within Workbook.one_step: the marks every log entry of the step carries (`group`, `undoes`, `redoes`).
        self.step: dict[str, object] | None = None
        self._mark = mark  # the storage learns which records to write again (AtomicJSONStorage.changed_in_place)
        self._index = index
        self._reindex = reindex
        self._next_ids: dict[str, int] = {}  # each table's next record number, found once a transaction

    # -- reading what is being changed ---------------------------------------------------------------------------------
    def cascade(self) -> Cascade:
        """The index of the document being changed, rebuilt after a change of its shape (see `reshaped`)."""
        assert self._index is not None, "a writer without an index (a restore) changes only meta and the log"
        return self._index()

    def meta(self) -> tuple[str, Record]:
        """(document id, record) of the one meta record."""
        return next(iter(self.document[META].items()))

    # -- changing records ------------------------------------------------------------------------------------------------
    def revise(self, table: str, doc_id: str, change: Callable[[Record], object] | None = None) -> Record:
        """Change a record in place (`change` gets the record) and count its own revision `rev` up by one."""
        doc_id = str(doc_id)
        record = self.document[table][doc_id]
        if change is not None:
            change(record)
        record["rev"] = int(record.get("rev", 0)) + 1
        self._mark(table, doc_id)
        return record

    def change_meta(self, change: Callable[[Record], object]) -> None:
        """Change the meta record in place (it has no `rev` of its own: the workbook's revision is in it)."""
        doc_id, record = self.meta()
        change(record)
        self._mark(META, doc_id)

    def insert(self, table: str, record: Mapping[str, object]) -> str:
        """Add a record under the table's next number (the largest plus one, counted on within the transaction, as
        TinyDB numbers them); the record is stored as given, not copied. Returns its document id."""
        doc_id = str(self._next_id(table))
        # Stored as given: a log entry's TypedDict is a plain dict at run time, the record the file holds.
        self.document[table][doc_id] = cast(Record, record)
        self._mark(table, doc_id)
        if table != LOG:
            self.reshaped()
        return doc_id

    def remove(self, table: str, doc_ids: Iterable[str]) -> None:
        rows = self.document[table]
        for doc_id in map(str, doc_ids):
            del rows[doc_id]
            self._mark(table, doc_id)
        self.reshaped()

    def reshaped(self) -> None:
        """The tree's shape or labels changed (a record added or removed, a name, code, parent or order): the index
        is rebuilt on its next read."""
        self._reindex()

    def _next_id(self, table: str) -> int:
        next_id = self._next_ids.get(table)
        if next_id is None:
            next_id = max(map(int, self.document[table]), default=0) + 1
        self._next_ids[table] = next_id + 1
        return next_id

    # -- the revision and the log --------------------------------------------------------------------------------------
    def bump_revision(self) -> int:
        """The workbook's revision, one up for every change saved (a signed copy's footer names it)."""
        doc_id, meta = self.meta()
        revision = meta["revision"] = int(meta.get("revision", 0)) + 1
        self._mark(META, doc_id)
        return revision

    def log(self, kind: str, ref: str, field: str, year: int | None, old: object, new: object,
            reason: str | None = None, *, marks: Mapping[str, object] | None = None) -> LogEntry:
        """Append an entry to the edit log; inside one step (Workbook.one_step) it carries the step's group and
        marks. `marks`: fields of this entry alone (a restore's undo logs its own kind and the step it moves)."""
        log = self.document[LOG]
        entry: LogEntry = {"seq": len(log) + 1, "at": now(), "user": self.user, "kind": kind, "ref": ref,
                           "field": field, "year": year, "old": old, "new": new}
        if reason:
            entry["reason"] = reason
        if self.step is not None:  # one paste, form or import: one step in undo, redo and the audit
            self.step.setdefault("group", entry["seq"])
            entry.update(self.step)  # type: ignore[typeddict-item]  # the step's marks: LogEntry's optional keys
        if marks:
            entry.update(marks)  # type: ignore[typeddict-item]  # LogEntry's optional keys (kind, undoes, redoes)
        self.insert(LOG, entry)
        return entry
