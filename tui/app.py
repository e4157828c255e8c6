"""The Textual workbook (minimal first screen; the full keyboard workbook grows here)."""

from __future__ import annotations

from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static, Tree

from store.errors import WorkbookError
from store.workbook import Workbook


class LkjipApp(App):
    TITLE = "lkjip"
    BINDINGS = [("ctrl+q", "quit", "Keluar")]

    def __init__(self, workbook: Workbook) -> None:
        super().__init__()
        self.workbook = workbook

    def compose(self) -> ComposeResult:
        casc = self.workbook.cascade()
        profile = casc.meta["profile"]
        self.sub_title = f"{profile['instansi']} \u2014 {profile['pemda']} \u2014 tahun {casc.tahun}"
        yield Header()
        tree: Tree[str] = Tree(profile["instansi"], id="cascade")
        tree.root.expand()

        def add(parent, node_id):
            for kid in casc.kids(node_id):
                branch = parent.add(casc.label(kid), data=kid["id"], expand=kid["level"] in ("tujuan", "sasaran"))
                add(branch, kid["id"])

        add(tree.root, None)
        yield tree
        yield Static(id="detail")
        yield Footer()


def run_app(path: Path, *, mouse: bool = False) -> int:
    try:
        wb = Workbook.open(path)
    except WorkbookError as exc:
        print(exc.message)
        return 1
    LkjipApp(wb).run(mouse=mouse)
    return 0
