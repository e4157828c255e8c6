"""The workbook: one TinyDB file, and the one path every edit takes.

An edit is a value object (ref, field, year, old, new). `Workbook.apply` takes the lock, reloads what other
operators saved, refuses a locked year, compares the field's value on disk with the `old` the operator saw (a
different field changed meanwhile merges silently; the same field changed is refused with both values), writes the
value, bumps the record's revision, appends to the edit log and saves atomically. The TUI, `lkjip set`, undo and
redo all come through here. Structural edits (adding, removing, moving and recoding nodes and indicators) are Edits
too, with values that describe the structure; store.edits.structure applies them along the same path. Whatever changes the
document does it through the transaction's handle (store.edits.writer), never through this class's own state.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from store.domain import pejabat
from . import structure, year_locks
from store.domain.cascade import Cascade
from store.domain.edit import Applied, Batch, Edit, Target
from store.text.errors import EditConflict, InvalidValue, SaveFailed, UnreadableWorkbook, WorkbookError, YearLocked
from store.domain.fields import FieldSpec, Holder, display, get_value, parse_value, set_value, spec_of
from .freeze import check_edit, unlock_remedy
from store.domain.identity import with_identity
from store.disk.lock import WorkbookLock, login_name
from store.domain.model import LOG, META, NARRATIVE, NODES, SCHEMA_VERSION, YEARS_BEFORE, LogEntry
from store.domain.refs import PROFILE_REF, resolve, resolve_id
from store.text.sanitize import quote
from store.disk.storage import AtomicJSONStorage
from .structure import STRUCTURAL
from .writer import Writer

if TYPE_CHECKING:
    from store.disk.precheck import Prechecked

__all__ = ["Workbook"]  # the value objects of an edit are imported from store.domain.edit, their one route


class Workbook:
    def __init__(self, path: str | os.PathLike[str], *, user: str | None = None, lock_timeout: float = 10.0) -> None:
        self.path = Path(path)  # as the operator named it, for messages
        # The storage and the lock resolve the real file once: two paths to one file share one lock and one log.
        self.storage = AtomicJSONStorage(self.path, shown=self.path)
        self.lock = WorkbookLock(self.path, lock_timeout)
        self.user = user or login_name()
        self._cascade: Cascade | None = None
        self._writer: Writer | None = None  # the running transaction's handle

    # -- opening and creating ------------------------------------------------------------------------------------
    @classmethod
    def open(cls, path: str | os.PathLike[str], *, prechecked: Prechecked | None = None, **kw: object) -> "Workbook":
        wb = cls(path, **kw)  # type: ignore[arg-type]  # kw: the caller's user= and lock_timeout=, passed on
        wb.storage.prechecked = prechecked
        if not wb.path.exists():
            from store.disk.backups import backups_of  # only for a missing file: opening one never lists backups

            if backups_of(wb.path):
                raise UnreadableWorkbook(f"Buku kerja {wb.path} tidak ditemukan, tetapi ada cadangannya; pulihkan "
                                         f"dengan `lkjip restore {wb.path}`.")
            raise UnreadableWorkbook(f"Buku kerja {wb.path} tidak ditemukan; buat dengan `lkjip init {wb.path}`.")
        wb.storage.read()
        if wb.storage.schema_read < SCHEMA_VERSION:
            wb._save_migration()
        return wb

    def _save_migration(self) -> None:
        """An older workbook was migrated in memory on reading (store.document.migrate): keep the old file as a backup, log
        the migration and save. A file that cannot be written (read-only, disk full) stays as it is and is read
        migrated in memory; an edit will then say why it cannot be saved."""
        try:
            with self.transaction() as w:
                old = self.storage.schema_read
                if old >= SCHEMA_VERSION:
                    return  # another operator migrated it meanwhile
                backup = self.storage.backup_now()  # the older file as it was, by the one backup scheme
                w.bump_revision()
                w.log("migrasi", "skema", "skema", None, old, SCHEMA_VERSION, f"cadangan: {backup.name if backup else '-'}")
        except (SaveFailed, OSError):
            self.storage.forget()

    def log_migration(self, source: str, schema: int) -> None:
        """A workbook made (`lkjip import`) from an export of an older schema says in its own log that it was
        migrated, as opening an older workbook does (_save_migration). A current export adds nothing: export →
        import → export stays byte for byte the same."""
        if schema >= SCHEMA_VERSION:
            return
        with self.transaction() as w:
            w.bump_revision()
            w.log("migrasi", "skema", "skema", None, schema, SCHEMA_VERSION, f"dari {source}")

    @classmethod
    def create(cls, path: str | os.PathLike[str], document: dict[str, Any], **kw: object) -> "Workbook":
        if os.path.islink(path):  # a dangling symlink would create its target, wherever another operator aimed it
            raise WorkbookError(f"{path} adalah tautan simbolik; lkjip tidak membuat buku kerja lewat tautan.")
        wb = cls(path, **kw)  # type: ignore[arg-type]  # kw: the caller's user= and lock_timeout=, passed on
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
    def document(self) -> dict[str, Any]:
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

    def forget(self) -> None:
        """Drop what was read (the file was replaced under another name, store.edits.recovery): the next read loads it."""
        self.storage.forget()
        self._cascade = None

    def warm_save(self) -> bool:
        """One short step of preparing the first save while the operator reads the screen; True when done."""
        return self._writer is not None or self.storage.warm()

    def revision(self) -> int:
        return int(self.cascade().meta.get("revision", 0))

    def last_entry(self) -> LogEntry | None:
        log = self.document()[LOG]
        return log[max(log, key=int)] if log else None

    # -- the one write path ------------------------------------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[Writer]:
        """Under the lock: reload, hand the caller the Writer that changes the document, save once atomically.

        Re-entrant: `apply` inside a running transaction (an import applying many edits) joins it, so the whole
        batch is saved once or, if any edit is refused, not at all."""
        if self._writer is not None:
            yield self._writer
            return
        with self.lock:
            self.storage.begin()  # another process may have saved: the document is read afresh if so
            self._writer = Writer(self.storage.read(), self.user, mark=self.storage.changed_in_place,
                                  index=self.cascade, reindex=self._drop_index)
            try:
                yield self._writer
            except BaseException:
                self.storage.rollback()
                self._cascade = None
                raise
            finally:
                self._writer = None
            try:
                self.storage.commit()
            except BaseException:
                self._cascade = None  # SaveFailed dropped memory; the disk is as it was
                raise

    @contextmanager
    def replacing(self, document: dict[str, Any], st: os.stat_result | None) -> Iterator[Writer]:
        """A whole document swapped in (store.edits.recovery, under this workbook's lock, which the caller holds while it
        reads the file being replaced, broken or not): the caller logs and bumps the revision through the Writer,
        then the document is written as it stands. `st`: the replaced file's stat (None: there is none)."""
        w = Writer(document, self.user)
        yield w
        self._cascade = None
        self.storage.replace_whole(document, st)

    def _container(self, casc: Cascade, target: Target) -> tuple[str, str, Holder]:
        """(table, document id, the dict holding the field) for a target."""
        if target.kind == "indicator":
            node, ind = casc.indicators[target.id]
            return NODES, casc.node_doc_ids[node["id"]], ind
        if target.kind == "node":
            return NODES, casc.node_doc_ids[target.id], casc.nodes[target.id]
        if target.kind == "narrative":  # no document id yet: a sasaran's analysis not stored (see _apply_in)
            return NARRATIVE, casc.narrative_doc_ids.get(target.id, ""), casc.narrative[target.id]
        return META, casc.meta_doc_id, casc.meta

    def _drop_index(self) -> None:
        self._cascade = None

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
                f"{unlock_remedy(self.path, year)} sebelum mengubah."
            )

    def apply(self, edit: Edit, *, kind: str = "edit", reason: str | None = None) -> Applied:
        with self.transaction() as w:
            if edit.field in STRUCTURAL:
                # Adding, removing, moving and recoding nodes and indicators: the same lock, check, log and undo.
                return structure.apply(w, self.path, edit, kind=kind, reason=reason)
            return self._apply_in(w, edit, kind, reason=reason)

    def apply_batch(self, batch: "Batch", *, kind: str = "edit") -> list[Applied]:
        """Several edits (a pasted column, a form) under one lock and one save: all are written or none. Their log
        entries share a group id (the seq of the first), so undo, redo and the audit see one step."""
        if not batch.edits:
            return []
        with self.one_step():
            return [self.apply(edit, kind=kind) for edit in batch.edits]

    @contextmanager
    def one_step(self, **marks: int) -> Iterator[Writer]:
        """Everything applied inside is one transaction and one step of the history (store.edits.history): every log
        entry written carries the group id (the seq of the first) and the marks (`undoes`, `redoes`). Nested: joins
        the step already open."""
        with self.transaction() as w:
            if w.step is not None:
                yield w
                return
            w.step = dict(marks)
            try:
                yield w
            finally:
                w.step = None

    # -- years closed ----------------------------------------------------------------------------------------------------
    def lock_year(self, year: int, reason: str = "") -> bool:
        """Close a signed year (`lkjip kunci`, store.edits.year_locks); False when it was closed already."""
        with self.transaction() as w:
            self._check_year_in_period(w.cascade(), year)  # `lock --year -1` or 99999 would lock nothing real
            return year_locks.lock(w, year, reason)

    def unlock_year(self, year: int, reason: str) -> bool:
        """Open a closed year again, with a reason; False when it was not closed."""
        year_locks.check_reason(reason)
        with self.transaction() as w:
            return year_locks.unlock(w, year, reason)

    def _apply_in(self, w: Writer, edit: Edit, kind: str, *, reason: str | None = None) -> Applied:
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
        check_edit(casc, target, spec, edit.year, container, self.path)  # a locked year is frozen: store.edits.freeze
        current = get_value(container, spec, edit.year if spec.yearly else None, target.id)
        if current != edit.old:
            raise self._conflict(doc, edit, spec, current, target)
        if current == edit.new:
            return Applied(edit, target, False, int(casc.meta["revision"]), display(spec, current),
                           display(spec, current))
        year = edit.year if spec.yearly else None
        if not doc_id:  # a sasaran's analysis section, listed but not stored yet (Cascade._add_analysis_sections)
            doc_id = w.insert(table, container)  # becomes a record with its first text, in this transaction
        # The container lives inside the record: the value is set in place and the record's own revision counted.
        w.revise(table, doc_id, lambda _: set_value(container, spec, year, edit.new, edit.ref))
        revision = w.bump_revision()
        w.log(kind, target.id, edit.field, year, edit.old, edit.new, reason)
        if spec.target == "node" and spec.key in ("name", "code"):
            w.reshaped()  # the tree's labels and order follow names and codes
        return Applied(edit, target, True, revision, display(spec, edit.old), display(spec, edit.new))

    def _conflict(self, doc: dict[str, Any], edit: Edit, spec: FieldSpec, current: object,
                  target: Target) -> EditConflict:
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
            pejabat.check_atasan(casc.meta, y, target.id, str(new))  # type: ignore[arg-type]  # yearly: y is a year
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
