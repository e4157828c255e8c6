"""The workbook app's one write path (a layer of LkjipApp: tui/app/state.py draws them): a committed value or a pasted batch goes
through Workbook.apply at once (lock, reload, atomic save, edit log), the views follow, and the status line says what
was saved; a refusal is said and the screen goes back to what is on disk. Another operator's save comes in by the
once-a-second poll."""

from __future__ import annotations

import gc

from store.edits import structure, year_locks
from store.text.errors import WorkbookError
from store.domain.fields import spec_of
from store.disk.storage import os_reason
from store.edits.structure import STRUCTURAL
from store.domain.edit import Applied, Batch, Edit

from .state import AppState
from tui.views.base import WorkbookView
from tui.views.main import MainScreen
from tui.widgets.status import StatusLine


def not_saved(exc: WorkbookError | OSError) -> str:
    """A refused or failed save in one sentence: the store's own, or the operating system's reason in Indonesian."""
    return exc.message if isinstance(exc, WorkbookError) else f"Tidak tersimpan: {os_reason(exc)}."


class WritePath(AppState):
    def apply_edit(self, edit: Edit, *, kind: str = "edit", quiet: bool = False) -> Applied | None:
        assert self.wb is not None
        try:
            applied = self.wb.apply(edit, kind=kind)
        except (WorkbookError, OSError) as exc:
            why = not_saved(exc)
            self.say(why + (" Yang Anda ketik tetap di layar." if self.disk_problem else ""), error=True)
            self._back_to_disk()
            return None
        self.casc = self.wb.cascade()
        self.refresh_views()
        if not quiet and edit.field in STRUCTURAL:
            verb = {"undo": "Diurungkan", "redo": "Diulangi"}.get(kind, "Disimpan")
            self.say(f"{verb}: {structure.sentence(applied)}")
        elif not quiet:
            verb = {"edit": "Disimpan", "undo": "Diurungkan", "redo": "Diulangi"}.get(kind, "Disimpan")
            self.say(self.echo(verb, applied))
        else:
            self.show_saved()
        return applied

    def apply_batch(self, batch: Batch, *, kind: str = "edit", quiet: bool = True) -> list[Applied] | None:
        """A paste: every edit in one lock and one save, one step for undo and redo."""
        assert self.wb is not None
        try:
            applied = self.wb.apply_batch(batch, kind=kind)
        except WorkbookError as exc:
            self.say(exc.message, error=True)
            self._back_to_disk()
            return None
        self.casc = self.wb.cascade()
        self.refresh_views()
        if not quiet:
            verb = {"undo": "Diurungkan", "redo": "Diulangi"}.get(kind, "Disimpan")
            self.say(f"{verb}: {sum(a.changed for a in applied)} nilai yang ditempel sekaligus.")
        else:
            self.show_saved()
        return applied

    def change_year_lock(self, year: int, reason: str, *, unlock: bool) -> str | None:
        """Close or open `year` (Workbook.lock_year / unlock_year, as `lkjip lock` / `unlock` do): None once saved
        and said, else the refusal (a form shows it and keeps what was typed)."""
        assert self.wb is not None
        try:
            done = self.wb.unlock_year(year, reason) if unlock else self.wb.lock_year(year, reason)
        except (WorkbookError, OSError) as exc:
            return not_saved(exc)
        self.casc = self.wb.cascade()
        self.refresh_views()
        self.say(year_locks.lock_sentence(year, unlock, done))
        return None

    def _back_to_disk(self) -> None:
        """After a refused or failed save: the cascade on screen is what is on disk, not the document the failed
        save had already changed in memory (the workbook dropped it; a repaint must not show the unsaved value)."""
        if self.wb is None or self.disk_problem:
            return
        try:
            self.casc = self.wb.cascade()
        except (WorkbookError, OSError):
            pass  # unreadable now: poll_disk says so and keeps the last good document

    def echo(self, verb: str, applied: Applied) -> str:
        """The status line's word on one value saved, undone or redone: which field of which row, old → new, and the
        capaian it gives."""
        edit = applied.edit
        year = f" {edit.year}" if edit.year is not None else ""
        return (f"{verb}: {spec_of(edit.field).label}{year} {applied.target.label[:40]}: {applied.old_text} \u2192 "
                f"{applied.new_text}{self.capaian_tail(edit)}")

    def capaian_tail(self, edit: Edit) -> str:
        """What follows an echo: after a quarter what it makes so far (by the rule, or that no rule combines the
        quarters); the new capaian; and ⚠ with the reason when a figure looks like a slip."""
        from reports import engine, plausibility
        from store.text.numbers import format_percent, format_value
        from store.domain.tw_rule import NO_RULE, roman

        tail = ""
        if edit.ref in self.casc.indicators and edit.year is not None:
            _, ind = self.casc.indicators[edit.ref]
            spec = spec_of(edit.field)
            quarter = spec.quarter if spec.key == "tw" else None  # a realisasi TW, not a Rencana Aksi target
            if quarter:
                rule = engine.tw_rule_of(ind)
                so_far = format_value(engine.realisasi_sd_tw(ind, edit.year, int(quarter)))
                # The rule is in the edit line's label already: "Realisasi TW II 2022 (nilai akhir) · IKM".
                tail = f" \u00b7 {NO_RULE} (p)" if rule is None else f" \u00b7 s.d. TW {roman(int(quarter))} {so_far}"
            c = engine.capaian(ind, edit.year, self.casc.meta["settings"])
            tail += f" \u00b7 capaian {format_percent(c.value)}%"
        warning = plausibility.warning_text(plausibility.doubts_after_edit(self.casc, edit.ref, edit.year))
        return tail + (f" \u00b7 {warning}" if warning else "")

    def refresh_views(self) -> None:
        screen = self.screen
        if isinstance(screen, MainScreen):
            screen.refresh_values()
        elif isinstance(screen, WorkbookView):
            screen.refresh_content()

    def poll_disk(self) -> None:
        """Once a second: another operator's save shows up; a file that became unreadable is said once, and the
        app goes on with the last good document (read-only) until the file is good again."""
        if self.wb is None:
            return
        try:
            if not self.wb.changed_on_disk():
                return
            casc = self.wb.cascade()
        except (WorkbookError, OSError) as exc:
            problem = exc.message if isinstance(exc, WorkbookError) else f"Buku kerja tidak terbaca: {os_reason(exc)}."
            if problem != self.disk_problem:
                self.disk_problem = problem
                self.say(f"{problem} Yang tampil adalah versi terakhir yang terbaca; perubahan ditolak sampai "
                         f"berkasnya baik lagi.", error=True)
            return
        self.casc = casc
        gc.freeze()  # the document just reloaded, as in _adopt
        if self.disk_problem:
            self.disk_problem = None
            self.say("Buku kerja terbaca lagi; perubahan dapat disimpan.")
        self.refresh_views()
        self.show_saved()

    def show_saved(self) -> None:
        """The status line's last-save part alone (who, revision, time): after a quiet save or another's."""
        for status in self.screen.query(StatusLine):
            status.show_saved(self.saved_line())
