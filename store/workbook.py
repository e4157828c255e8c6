"""The workbook: one TinyDB file, and the one path every edit takes.

An edit is a value object (ref, field, year, old, new). `Workbook.apply` takes the lock, reloads what other
operators saved, refuses a locked year, compares the field's value on disk with the `old` the operator saw (a
different field changed meanwhile merges silently; the same field changed is refused with both values), writes the
value, bumps the record's revision, appends to the edit log and saves atomically. The TUI, `lkjip set`, undo and
redo all come through here. Structural edits (adding, removing, moving and recoding nodes and indicators) are Edits
too, with values that describe the structure; store.structure applies them along the same path.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from . import pejabat, structure
from .cascade import Cascade
from .errors import EditConflict, InvalidValue, SaveFailed, UnreadableWorkbook, WorkbookError, YearLocked
from .fields import FieldSpec, display, get_value, parse_value, set_value, spec_of
from .freeze import check_edit
from .identity import with_identity
from .lock import WorkbookLock, login_name
from .model import LOG, META, NARRATIVE, NODES, SCHEMA_VERSION, YEARS_BEFORE, LogEntry
from .refs import PROFILE_REF, Target, resolve, resolve_id
from .sanitize import quote
from .backups import backups_of
from .storage import AtomicJSONStorage
from .structure import STRUCTURAL
from .year_locks import YearClosing

if TYPE_CHECKING:
    from .precheck import Prechecked
    from tinydb import TinyDB


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
class Applied:
    edit: Edit
    target: Target
    changed: bool
    revision: int
    old_text: str
    new_text: str


def _now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


class Workbook(YearClosing):
    def __init__(self, path: str | os.PathLike, *, user: str | None = None, lock_timeout: float = 10.0) -> None:
        self.path = Path(path)  # as the operator named it, for messages
        # The storage and the lock resolve the real file once: two paths to one file share one lock and one log.
        self.storage = AtomicJSONStorage(self.path, shown=self.path)
        self._db: TinyDB | None = None
        self.lock = WorkbookLock(self.path, lock_timeout)
        self.user = user or login_name()
        self._cascade: Cascade | None = None
        self._next_log_id: int | None = None  # the log's next record number, within one transaction
        self._in_transaction = False
        self._step: dict | None = None  # within one_step: the marks every log entry of the step carries

    @property
    def db(self) -> "TinyDB":
        """TinyDB over the workbook's storage, made on the first write: opening and reading never need it (its import
        is ≈5 ms of start-up)."""
        if self._db is None:
            from tinydb import TinyDB

            # TinyDB asks its storage class for an instance; hand it ours so the workbook and TinyDB share one cache.
            self._db = TinyDB(storage=lambda: self.storage)
        return self._db

    # -- opening and creating ------------------------------------------------------------------------------------
    @classmethod
    def open(cls, path: str | os.PathLike, *, prechecked: Prechecked | None = None, **kw: object) -> "Workbook":
        wb = cls(path, **kw)  # type: ignore[arg-type]
        wb.storage.prechecked = prechecked
        if not wb.path.exists():
            if backups_of(wb.path):
                raise UnreadableWorkbook(f"Buku kerja {wb.path} tidak ditemukan, tetapi ada cadangannya; pulihkan "
                                         f"dengan `lkjip restore {wb.path}`.")
            raise UnreadableWorkbook(f"Buku kerja {wb.path} tidak ditemukan; buat dengan `lkjip init {wb.path}`.")
        wb.storage.read()
        if wb.storage.schema_read < SCHEMA_VERSION:
            wb._save_migration()
        return wb

    def _save_migration(self) -> None:
        """An older workbook was migrated in memory on reading (store.migrate): keep the old file as a backup, log
        the migration and save. A file that cannot be written (read-only, disk full) stays as it is and is read
        migrated in memory; an edit will then say why it cannot be saved."""
        try:
            with self.transaction():
                old = self.storage.schema_read
                if old >= SCHEMA_VERSION:
                    return  # another operator migrated it meanwhile
                backup = self.storage.backup_now()  # the older file as it was, by the one backup scheme
                self._bump_revision(self.cascade())
                self._log("migrasi", "skema", "skema", None, old, SCHEMA_VERSION, f"cadangan: {backup.name if backup else '-'}")
        except (SaveFailed, OSError):
            self.storage.forget()

    def log_migration(self, source: str, schema: int) -> None:
        """A workbook made (`lkjip import`) from an export of an older schema says in its own log that it was
        migrated, as opening an older workbook does (_save_migration). A current export adds nothing: export →
        import → export stays byte for byte the same."""
        if schema >= SCHEMA_VERSION:
            return
        with self.transaction():
            self._bump_revision(self.cascade())
            self._log("migrasi", "skema", "skema", None, schema, SCHEMA_VERSION, f"dari {source}")

    @classmethod
    def create(cls, path: str | os.PathLike, document: dict, **kw: object) -> "Workbook":
        if os.path.islink(path):  # a dangling symlink would create its target, wherever another operator aimed it
            raise WorkbookError(f"{path} adalah tautan simbolik; lkjip tidak membuat buku kerja lewat tautan.")
        wb = cls(path, **kw)  # type: ignore[arg-type]
        if wb.path.exists():
            raise WorkbookError(f"{wb.path} sudah ada; lkjip tidak menimpa buku kerja yang ada.")
        if not wb.path.parent.is_dir():
            raise WorkbookError(f"Folder {wb.path.parent} tidak ada.")
        lock_was_there = os.path.lexists(wb.lock.path)
        with wb.lock:
            if wb.path.exists():
                raise WorkbookError(f"{wb.path} sudah ada; lkjip tidak menimpa buku kerja yang ada.")
            try:
                wb.storage.save(with_identity(document))
            except BaseException:
                # Nothing was made: the lock file made for it goes too, so a refused create leaves no trace.
                if not lock_was_there and not wb.path.exists():
                    try:
                        os.unlink(wb.lock.path)
                    except OSError:
                        pass
                raise
        return wb

    # -- reading ---------------------------------------------------------------------------------------------------
    def document(self) -> dict:
        return self.storage.read()

    def cascade(self) -> Cascade:
        """The index of the current document. It holds the document's own dicts, so an edit of a value shows through
        it without a rebuild (≈17 ms at 2,000 nodes); it is rebuilt when the document is reloaded from disk (a new
        dict) or an edit changed the shape (a node's name or code, which order the tree)."""
        doc = self.document()
        if self._cascade is None or self._cascade.document is not doc:
            self._cascade = Cascade(doc)
        return self._cascade

    def changed_on_disk(self) -> bool:
        return self.storage.changed_on_disk()

    def warm_save(self) -> bool:
        """One short step of preparing the first save while the operator reads the screen; True when done."""
        return self._in_transaction or self.storage.warm()

    def revision(self) -> int:
        return int(self.cascade().meta.get("revision", 0))

    def last_entry(self) -> LogEntry | None:
        log = self.document()[LOG]
        return log[max(log, key=int)] if log else None

    # -- the one write path ------------------------------------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[dict]:
        """Under the lock: reload, let the caller change the document through TinyDB, save once atomically.

        Re-entrant: `apply` inside a running transaction (an import applying many edits) joins it, so the whole
        batch is saved once or, if any edit is refused, not at all."""
        if self._in_transaction:
            yield self.storage.read()
            return
        with self.lock:
            # Another process may have saved: drop TinyDB's per-table id counters and query caches with the data.
            self.db._tables.clear()
            self._next_log_id = None
            self.storage.begin()
            self._in_transaction = True
            try:
                yield self.storage.read()
            except BaseException:
                self.storage.rollback()
                self._cascade = None
                raise
            finally:
                self._in_transaction = False
            try:
                self.storage.commit()
            except BaseException:
                self._cascade = None  # SaveFailed dropped memory; the disk is as it was
                raise

    def _container(self, casc: Cascade, target: Target) -> tuple[str, str, dict]:
        """(table, document id, the dict holding the field) for a target."""
        if target.kind == "indicator":
            node, ind = casc.indicators[target.id]
            return NODES, casc.node_doc_ids[node["id"]], ind
        if target.kind == "node":
            return NODES, casc.node_doc_ids[target.id], casc.nodes[target.id]
        if target.kind == "narrative":  # no document id yet: a sasaran's analysis not stored (see _store_section)
            return NARRATIVE, casc.narrative_doc_ids.get(target.id, ""), casc.narrative[target.id]
        return META, casc.meta_doc_id, casc.meta  # type: ignore[return-value]

    def _store_section(self, section: dict) -> str:
        """A sasaran's analysis section, listed but not yet stored (Cascade._add_analysis_sections), becomes a record
        of the document with the first text saved into it, in the same transaction. Returns its document id."""
        table = self.storage.read()[NARRATIVE]  # the cached document, inside the transaction
        doc_id = str(max(map(int, table), default=0) + 1)
        table[doc_id] = section
        self.db._tables.pop(NARRATIVE, None)  # TinyDB's cached next id of the table no longer holds
        self._cascade = None  # the index learns the record's id
        return doc_id

    def _target_of(self, casc: Cascade, edit: Edit, spec: FieldSpec) -> Target:
        if spec.target == "profile":
            return Target("profile", PROFILE_REF, "Profil instansi")
        # An edit carries an id: by the id, even one that looks like a code another node holds now.
        return resolve_id(casc, edit.ref if spec.target != "narrative" else "narasi:" + edit.ref, spec)

    def check_year_open(self, casc: Cascade, year: int | None) -> None:
        if year is None:
            return
        lock = casc.meta.get("locks", {}).get(str(year))
        if lock:
            raise YearLocked(
                f"Tahun {year} dikunci oleh {lock['by']} pada {lock['at']}; buka dulu dengan "
                f"`lkjip unlock {self.path} --year {year} --reason \u2026` sebelum mengubah."
            )

    def apply(self, edit: Edit, *, kind: str = "edit", reason: str | None = None) -> Applied:
        if edit.field in STRUCTURAL:
            # Adding, removing, moving and recoding nodes and indicators: the same lock, check, log and undo.
            return structure.apply(self, edit, kind=kind, reason=reason)
        with self.transaction():
            return self._apply_in(edit, kind, reason=reason)

    def apply_batch(self, batch: "Batch", *, kind: str = "edit") -> list[Applied]:
        """Several edits (a pasted column, a form) under one lock and one save: all are written or none. Their log
        entries share a group id (the seq of the first), so undo, redo and the audit see one step."""
        if not batch.edits:
            return []
        with self.one_step():
            return [self.apply(edit, kind=kind) for edit in batch.edits]

    @contextmanager
    def one_step(self, **marks: int) -> Iterator[dict]:
        """Everything applied inside is one transaction and one step of the history (store.history): every log
        entry written carries the group id (the seq of the first) and the marks (`undoes`, `redoes`). Nested: joins
        the step already open."""
        with self.transaction() as doc:
            if self._step is not None:
                yield doc
                return
            self._step = dict(marks)
            try:
                yield doc
            finally:
                self._step = None

    def _apply_in(self, edit: Edit, kind: str, *, reason: str | None = None) -> Applied:
        """One edit inside an open transaction: checks, conflict test, write, revision, log."""
        spec = spec_of(edit.field)
        if spec.yearly and edit.year is None:
            raise InvalidValue(f"{spec.label} dicatat per tahun: sebutkan tahunnya.")
        casc = self.cascade()
        doc = casc.document
        target = self._target_of(casc, edit, spec)
        table, doc_id, container = self._container(casc, target)
        if spec.yearly:
            self.check_year_open(casc, edit.year)
            self._check_year_in_period(casc, edit.year)
        check_edit(casc, target, spec, edit.year, container, self.path)  # a locked year is frozen: store.freeze
        current = get_value(container, spec, edit.year if spec.yearly else None, target.id)
        if current != edit.old:
            raise self._conflict(doc, edit, spec, current, target)
        if current == edit.new:
            return Applied(edit, target, False, int(casc.meta["revision"]), display(spec, current),
                           display(spec, current))
        self._write(table, doc_id, container, spec, edit)
        revision = self._bump_revision(casc)
        self._log(kind, target.id, edit.field, edit.year if spec.yearly else None, edit.old, edit.new, reason)
        if spec.target == "node" and spec.key in ("name", "code"):
            self._cascade = None  # the tree's labels and order follow names and codes
        return Applied(edit, target, True, revision, display(spec, edit.old), display(spec, edit.new))

    def _write(self, table: str, doc_id: str, container: dict, spec: FieldSpec, edit: Edit) -> None:
        year = edit.year if spec.yearly else None
        if not doc_id:  # a sasaran's analysis section, written with its first text
            doc_id = self._store_section(container)
        record = self.storage.read()[table][str(doc_id)]  # the cached document, inside the transaction
        set_value(container, spec, year, edit.new, edit.ref)  # the container lives inside `record`
        record["rev"] = int(record.get("rev", 0)) + 1
        self.storage.changed_in_place(table, doc_id)

    def _bump_revision(self, casc: Cascade) -> int:
        revision = int(casc.meta.get("revision", 0)) + 1

        def transform(meta: dict) -> None:
            meta["revision"] = revision

        self.db.table(META).update(transform, doc_ids=[int(casc.meta_doc_id)])
        self.storage.touch(META, casc.meta_doc_id)
        return revision

    def _log(self, kind: str, ref: str, field: str, year: int | None, old: object, new: object,
             reason: str | None = None) -> None:
        log = self.storage.read()[LOG]
        entry: LogEntry = {"seq": len(log) + 1, "at": _now(), "user": self.user, "kind": kind, "ref": ref,
                           "field": field, "year": year, "old": old, "new": new}
        if reason:
            entry["reason"] = reason
        if self._step is not None:  # one paste, form or import: one step in undo, redo and the audit
            self._step.setdefault("group", entry["seq"])
            entry.update(self._step)  # type: ignore[typeddict-item]
        # Inserted directly (see storage.changed_in_place); the next record number is found once a transaction.
        if self._next_log_id is None:
            self._next_log_id = max(map(int, log), default=0) + 1
        doc_id = str(self._next_log_id)
        self._next_log_id += 1
        log[doc_id] = entry
        self.db._tables.pop(LOG, None)  # TinyDB's cached next id of the log table no longer holds
        self.storage.changed_in_place(LOG, doc_id)

    def _conflict(self, doc: dict, edit: Edit, spec: FieldSpec, current: object, target: Target) -> EditConflict:
        who = None
        for entry in sorted(doc[LOG].values(), key=lambda e: e["seq"], reverse=True):
            if entry["ref"] == target.id and entry["field"] == edit.field and entry.get("year") == edit.year:
                who = f"{entry['user']} ({entry['at']})"
                break
        year = f" {edit.year}" if spec.yearly else ""
        by = f" oleh {who}" if who else ""

        def said(value: object) -> str:  # a text (a whole narrative section) quoted cut, as any quoted input
            return quote(display(spec, value)) if spec.kind == "text" and value not in (None, "") else display(
                spec, value)

        return EditConflict(
            f"{spec.label}{year} {target.label} sudah diubah{by} menjadi {said(current)} sejak Anda "
            f"melihatnya ({said(edit.old)}); nilai Anda {said(edit.new)} tidak disimpan.",
            mine=edit.new, theirs=current, who=who,
        )

    def _check_year_in_period(self, casc: Cascade, year: int | None) -> None:
        awal, akhir = int(casc.meta["periode_awal"]), int(casc.meta["periode_akhir"])
        # A few years before the Renstra: Tabel 3.2 compares with the realisasi of earlier years.
        if year is not None and not awal - YEARS_BEFORE <= year <= akhir:
            raise InvalidValue(f"Tahun {year} di luar periode buku kerja ({awal - YEARS_BEFORE}\u2013{akhir}, "
                               f"Renstra {awal}\u2013{akhir}).")

    # -- conveniences over apply ---------------------------------------------------------------------------------------
    def edit_for(self, ref: str, field: str, raw: str, year: int | None, *, clear: bool = False) -> Edit:
        """Read REF and the typed value into an Edit against the value now on disk (used by `lkjip set`)."""
        ref, field = pejabat.translate(ref, field)  # `pejabat:KEY nama`: an official's field
        spec = spec_of(field)
        casc = self.cascade()
        target = resolve(casc, ref, spec)
        new = parse_value(spec, raw, clear=clear)
        _, _, container = self._container(casc, target)
        y = (year if year is not None else casc.tahun) if spec.yearly else None
        if new and spec.name == "pejabat-atasan":
            pejabat.check_atasan(casc.meta, y, target.id, str(new))  # type: ignore[arg-type]
        if new and spec.name == "penanggung-jawab":
            pejabat.check_official(casc.meta, year if year is not None else casc.tahun, str(new))
        return Edit(target.id, field, y, get_value(container, spec, y, target.id), new)

    def set(self, ref: str, field: str, raw: str, year: int | None = None, *, clear: bool = False) -> Applied:
        edit = self.edit_for(ref, field, raw, year, clear=clear)
        try:
            return self.apply(edit)
        except EditConflict:
            # `set` reads and writes within one command: someone saved in between; retry once on fresh data.
            return self.apply(self.edit_for(ref, field, raw, year, clear=clear))
