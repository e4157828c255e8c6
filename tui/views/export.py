"""Export (F7): the LKjIP draft as Markdown or Word; the work runs off the UI thread and ends with the path.

An existing file is replaced only after the operator says y to a question naming it and when it was last changed
(the CLI's --force): a draft edited by hand in Word is not lost to a second Ctrl+W."""

from __future__ import annotations

import os
import time
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static

from store.text.errors import WorkbookError
from store.disk.output import refuse_reason, write_output
from store.domain.pejabat import KEPALA, answers_for, officials
from store.disk.storage import os_reason

from tui.keys import InOrderInput, drained
from tui.shown import shown
from tui.widgets.keybar import VIEW_KEYS, KeyBar
from tui.widgets.status import StatusLine
from .base import WorkbookView
from .forms import PickScreen, ReplaceScreen


def _changed(path: Path, seen: os.stat_result) -> bool:
    """The file is no longer the one the operator was asked about (saved again, replaced, removed)."""
    try:
        now = path.lstat()
    except OSError:
        return True
    return (now.st_ino, now.st_size, now.st_mtime_ns) != (seen.st_ino, seen.st_size, seen.st_mtime_ns)


class ExportScreen(WorkbookView):
    # Priority: the path input would otherwise take Ctrl+W / Ctrl+E as its own editing keys. Each first waits for the
    # input to take the characters typed before it (tui/keys.py): a path and Ctrl+W in one burst export to that path.
    BINDINGS = [
        Binding("ctrl+w", "export('docx')", "Ekspor Word", id="export.docx", priority=True),
        Binding("ctrl+e", "export('md')", "Ekspor Markdown", id="export.md", priority=True),
        Binding("ctrl+t", "next_document", "Pilih dokumen", id="export.document", priority=True),
        # Whose PK: every official of the year who answers for nodes (store/domain/pejabat.py), the head's by default.
        Binding("ctrl+o", "choose_official", "Pejabat", id="export.pejabat", priority=True),
    ]
    # (document, quarter, label, file name prefix): Ctrl+T steps through them.
    DOCUMENTS = [("lkjip", None, "draf LKjIP", "LKjIP"), ("pk", None, "Perjanjian Kinerja", "PK"),
                 *(("triwulan", q, f"laporan triwulan {r}", f"TW{q}") for q, r in ((1, "I"), (2, "II"), (3, "III"),
                                                                                 (4, "IV"))),
                 *(("evaluasi-renja", q, f"evaluasi Renja TW {r} (Tabel E.81)", f"E81-TW{q}")
                   for q, r in ((1, "I"), (2, "II"), (3, "III"), (4, "IV"))),
                 ("renaksi", None, "Rencana Aksi", "RenAksi"),
                 # Last, so the documents before keep their places in the Ctrl+T cycle.
                 ("pk-perubahan", None, "Perjanjian Kinerja Perubahan", "PK-Perubahan")]
    PK_DOCUMENTS = ("pk", "pk-perubahan")
    document_index = 0
    pejabat = KEPALA  # whose PK (and PK Perubahan) the export writes

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Ekspor draf LKjIP", classes="view-title", id="export-title")
            yield Label("Berkas tujuan (tanpa akhiran; .md atau .docx ditambahkan; Enter: Word):")
            yield InOrderInput(id="export-path")
            with Horizontal(id="export-buttons"):
                yield Button("Markdown (Ctrl+E)", id="md")
                yield Button("Word (Ctrl+W)", id="docx", variant="primary")
            yield Static(id="export-result")
        yield StatusLine()
        yield KeyBar(["export.docx", "export.md", "export.document", "export.pejabat", *VIEW_KEYS])

    def on_mount(self) -> None:
        inp = self.query_one(Input)
        inp.cursor_blink = False
        self._show_document()

    def _is_pk(self) -> bool:
        return self.DOCUMENTS[self.document_index][0] in self.PK_DOCUMENTS

    def _show_document(self) -> None:
        _, _, label, prefix = self.DOCUMENTS[self.document_index]
        path = self.session.workbook.path
        if self._is_pk():
            if self.pejabat not in officials(self.session.casc.meta, self.session.year):
                self.pejabat = KEPALA  # another year, or the official was removed: the head's again
            if self.pejabat != KEPALA:
                # The file says whose PK it is: PK-kasi-trantib-torjun (a key is letters, digits, - and _).
                prefix = f"{prefix}-{self.pejabat}"
        self.query_one(Input).value = str(path.with_name(f"{prefix}-{path.stem}"))
        # One line at 80 columns: whose PK is said under the buttons (redraw), where a long name may wrap.
        hint = "Ctrl+T: dokumen lain, Ctrl+O: pejabat" if self._is_pk() else "Ctrl+T: pilih dokumen lain"
        self.query_one("#export-title", Static).update(f"Ekspor {label} ({hint})")
        self.redraw()  # "Selesai: …" named the last document's file: with another document chosen it is gone

    async def action_next_document(self) -> None:
        await drained(self.query_one(Input))
        self.document_index = (self.document_index + 1) % len(self.DOCUMENTS)
        self._show_document()
        self.session.say(f"Dokumen: {self.DOCUMENTS[self.document_index][2]}.")

    def _whose(self, key: str) -> str:
        """"KEPALA SEKSI TRANTIB — ABDUL ROHIM": the official as the choice and the title name them."""
        o = officials(self.session.casc.meta, self.session.year).get(key) or {}
        return " — ".join(part for part in (o.get("jabatan"), o.get("nama")) if part) or key

    async def action_choose_official(self) -> None:
        """The officials of the year who answer for nodes (the head always), by jabatan and name; from another
        document Ctrl+O goes to the PK first."""
        await drained(self.query_one(Input))
        casc, year = self.session.casc, self.session.year
        if not self._is_pk():
            self.document_index = next(i for i, d in enumerate(self.DOCUMENTS) if d[0] == "pk")
            self._show_document()
        known = officials(casc.meta, year)
        chosen = [key for key in known if key == KEPALA or answers_for(casc, key)]
        options = [(key, self._whose(key)) for key in chosen]
        left = len(known) - len(chosen)

        def picked(key: str | None) -> None:
            if key is None or not self.is_mounted:
                return
            self.pejabat = key
            self._show_document()
            self.session.say(f"Dokumen: {self.DOCUMENTS[self.document_index][2]} {self._whose(key)}.")

        await self.session.push_screen(PickScreen(f"PK pejabat tahun {year}", options), picked)
        if left:
            self.session.say(f"{left} pejabat lain belum menjadi penanggung jawab simpul (j di pohon kaskade), "
                             f"jadi tidak didaftar.")

    def redraw(self) -> None:
        whose = f"\nPK pejabat: {self._whose(self.pejabat)}." if self._is_pk() else ""
        self.query_one("#export-result", Static).update(
            Text(f"Tahun laporan yang diekspor: {self.session.year}.{whose}"))

    async def on_input_submitted(self, _: Input.Submitted) -> None:
        await self.action_export("docx")

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        await self.action_export(event.button.id or "md")

    async def action_export(self, fmt: str) -> None:
        await drained(self.query_one(Input))
        try:
            from reports.documents import lkjip as exporter
        except ImportError:
            self.session.say(f"Ekspor {fmt} belum tersedia di versi ini.", error=True)
            return
        _, _, _, prefix = self.DOCUMENTS[self.document_index]
        base = self.query_one(Input).value.strip() or prefix
        target = Path(base if base.endswith("." + fmt) else f"{base}.{fmt}")
        # A workbook, a backup, a lock, a link or a folder is never a target, asked or not (store.disk.output).
        why = refuse_reason(target, force=True, source=self.session.workbook.path)
        if why is not None:
            self.session.say(f"Tidak menulis {target}: {why}.", error=True)
            return
        try:
            seen = target.lstat()
        except FileNotFoundError:
            self._start(exporter, fmt, target, None)
            return
        # An existing file may be a draft edited by hand: asked first, as the CLI asks for --force.
        when = time.strftime("%d-%m-%Y %H:%M", time.localtime(seen.st_mtime))

        def answered(yes: bool | None) -> None:
            if yes:
                self._start(exporter, fmt, target, seen)
            else:
                self.session.say(f"Tidak ditimpa: {target} tetap seperti semula; tidak ada yang ditulis.")

        await self.session.push_screen(ReplaceScreen(
            "Timpa berkas", f"{target.name} sudah ada (diubah {when}). Timpa dengan ekspor baru?",
            [str(target), "isinya sekarang, juga suntingan tangan, hilang bila ditimpa"]), answered)

    def _start(self, exporter, fmt: str, target: Path, seen: os.stat_result | None) -> None:
        """Render and write off the UI thread; `seen` is the file the operator agreed to replace (None: none)."""
        doc, tw, _, _ = self.DOCUMENTS[self.document_index]
        pejabat = self.pejabat if self._is_pk() else KEPALA
        app = self.session
        wb, year = app.workbook, app.year
        self.query_one("#export-result", Static).update(f"Mengekspor {fmt} tahun {year}\u2026")

        def work() -> tuple[str, bool]:
            if doc == "lkjip":
                payload = exporter.render(wb, fmt, year)
            else:
                from reports.documents import year_docs

                # The PK Perubahan is the head's PK on the pagu after APBD Perubahan (`--doc pk --perubahan`).
                perubahan = doc == "pk-perubahan"
                payload = year_docs.render(wb.cascade(), "pk" if perubahan else doc, fmt, year, tw=tw,
                                           perubahan=perubahan, pejabat=pejabat)
            if seen is not None and _changed(target, seen):
                raise WorkbookError(f"{target} berubah sejak ditanyakan; tidak ditimpa, ekspor lagi bila perlu")
            write_output(target, payload, force=seen is not None, source=wb.path)
            # The export follows the lock (reports.stamp): a locked year gives the copy that is signed.
            final = str(year) in (wb.cascade().meta.get("locks") or {})
            return str(target.resolve()), final

        self.run_worker(work, thread=True, exclusive=True, name=fmt)

    def on_worker_state_changed(self, event) -> None:
        from textual.worker import WorkerState

        result = self.query_one("#export-result", Static)
        # The status line says it only while this view is on screen: a message belongs to the view it is about, and
        # the operator who went on to another view reads the outcome here, on coming back.
        here = self.app.screen is self
        if event.state == WorkerState.SUCCESS:
            path, final = event.worker.result
            result.update(Text(f"Selesai: {path}"))
            what = f"Salinan final (tahun {self.session.year} terkunci, tanpa tanda DRAF)" if final else "Draf"
            if here:
                self.session.say(f"{what} ditulis ke {path}.")
        elif event.state == WorkerState.ERROR:
            err = event.worker.error
            why = err.message if isinstance(err, WorkbookError) else os_reason(err) if isinstance(err, OSError) \
                else f"kesalahan tak terduga ({type(err).__name__})"
            result.update(Text(f"Ekspor gagal: {why}. Tidak ada berkas yang ditulis."))
            if here:
                self.session.say(f"Ekspor gagal: {why}. Tidak ada berkas yang ditulis.", error=True)
