"""The consistency checks (F4): each finding names its node; Enter jumps to the cell at fault.

A finding is one row of as many lines as its sentence needs, wrapped between words to the screen's width: read
whole without scrolling sideways (one character per → did not reach the problem, which ends the sentence). The
kind and the REF stand one above the other, leaving the sentence most of the width."""

from __future__ import annotations

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from reports import checks
from store.domain.refs import public_ref

from tui.shown import shown
from tui.widgets.keybar import VIEW_KEYS, KeyBar
from tui.widgets.status import StatusLine
from .base import WorkbookView
from .widths import PADDING


class ChecksScreen(WorkbookView):
    BINDINGS = [Binding("enter", "jump", "Ke sel", id="checks.jump")]

    def __init__(self) -> None:
        super().__init__()
        self.findings: list[checks.Finding] = []

    def compose(self) -> ComposeResult:
        yield Static(id="checks-title", classes="view-title")
        yield DataTable(id="checks-view", cursor_type="row")
        yield StatusLine()
        yield KeyBar(["checks.jump", *VIEW_KEYS])

    def on_mount(self) -> None:
        self.query_one(DataTable).focus()

    def on_resize(self) -> None:
        self.refresh_content(force=True)  # the sentences wrap to the new width

    def redraw(self) -> None:
        app = self.session
        order = {checks.ERROR: 0, checks.WARNING: 1, checks.INFO: 2}
        self.findings = sorted(checks.run(app.casc, app.year), key=lambda f: order[f.severity])
        errors = sum(f.severity == checks.ERROR for f in self.findings)
        self.query_one("#checks-title", Static).update(
            f"Pemeriksaan tahun {app.year}: {len(self.findings)} temuan, {errors} galat "
            f"(Enter: ke sel yang bermasalah)")
        view = self.query_one(DataTable)
        view.clear(columns=True)
        refs = [shown(public_ref(app.casc, f.ref)) for f in self.findings]  # the code, not an id
        kinds = [shown(f"{f.severity}\n", multiline=True).append_text(ref) for f, ref in zip(self.findings, refs)]
        side = max([len("Jenis/Ref")] + [cell_len(line) for k in kinds for line in k.plain.split("\n")])
        view.add_column("Jenis/Ref", width=side)
        # What is left of the screen: two cells of padding per column and the vertical scrollbar.
        view.add_column("Temuan", width=max(self.app.size.width - side - 2 * PADDING - 1, 20))
        for f, kind in zip(self.findings, kinds):
            view.add_row(kind, shown(f.message), height=None)

    def on_data_table_row_selected(self, _: DataTable.RowSelected) -> None:
        self.action_jump()

    def action_jump(self) -> None:
        view = self.query_one(DataTable)
        if not self.findings:
            return
        finding = self.findings[view.cursor_row]
        if finding.ref == "tahun":
            self.session.say(finding.message)
            return
        self.session.goto(finding.ref, finding.field or None)
