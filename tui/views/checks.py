"""The consistency checks (F4): each finding names its node; Enter jumps to the cell at fault."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from reports import checks
from store.refs import public_ref

from ..shown import shown
from ..widgets.keybar import VIEW_KEYS, KeyBar
from ..widgets.status import StatusLine
from .base import WorkbookView


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
        view = self.query_one(DataTable)
        view.add_column("Jenis", width=10)
        view.add_column("Ref", width=14)
        view.add_column("Temuan")
        view.focus()

    def redraw(self) -> None:
        app = self.session
        order = {checks.ERROR: 0, checks.WARNING: 1, checks.INFO: 2}
        self.findings = sorted(checks.run(app.casc, app.year), key=lambda f: order[f.severity])
        errors = sum(f.severity == checks.ERROR for f in self.findings)
        self.query_one("#checks-title", Static).update(
            f"Pemeriksaan tahun {app.year}: {len(self.findings)} temuan, {errors} galat "
            f"(Enter: ke sel yang bermasalah)")
        view = self.query_one(DataTable)
        view.clear()
        for f in self.findings:
            view.add_row(f.severity, shown(public_ref(app.casc, f.ref)), shown(f.message))  # the code, not an id

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
