"""The TUI's side of recovery drafts (store/disk/drafts.py): drafting on a signal, and offering a draft back at start.

SIGHUP (the SSH link dropped), SIGTERM and SIGINT write the narrative being typed to its draft, then end the app
with a non-zero status (128 + the signal, as a shell reports it). The next start asks whether to restore it.
"""

from __future__ import annotations

import asyncio
import os
import signal

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from store.disk.drafts import Draft
from store.text.sanitize import cut, visible

SIGNALS = (signal.SIGHUP, signal.SIGTERM, signal.SIGINT)
EXIT_GRACE = 3.0  # seconds for a clean shutdown; with the terminal gone it may never finish


def install_signal_handlers(app) -> None:
    loop = asyncio.get_running_loop()
    for sig in SIGNALS:
        try:
            loop.add_signal_handler(sig, on_signal, app, sig)
        except (NotImplementedError, RuntimeError, ValueError):  # not the main thread, or no such signal here
            pass


def on_signal(app, sig: int) -> None:
    if app.stopping:
        return
    app.stopping = True  # no save from here on: what was typed goes to the draft, the operator decides later
    view = app.narrative_view
    if view is not None:
        view.write_draft()
    code = 128 + int(sig)
    app.exit(return_code=code)
    # If the terminal is gone (SIGHUP), restoring it can block for good: the draft is on disk, leave anyway.
    asyncio.get_running_loop().call_later(EXIT_GRACE, os._exit, code)


class DraftOffer(ModalScreen[bool]):
    """ "Ada draf narasi yang belum disimpan … pulihkan? (y/n)" """

    BINDINGS = [
        Binding("y", "answer(True)", "Pulihkan", id="draft.restore", priority=True),
        Binding("n", "answer(False)", "Buang", id="draft.discard", priority=True),
        Binding("escape", "answer(False)", "Buang", show=False, id="draft.cancel", priority=True),
    ]
    DEFAULT_CSS = """
    DraftOffer { align: center middle; }
    DraftOffer > Vertical { width: 70; height: auto; border: round $warning; background: $surface; padding: 1 2; }
    """

    def __init__(self, draft: Draft) -> None:
        super().__init__()
        self.draft = draft

    def compose(self) -> ComposeResult:
        d = self.draft
        words = len(d.text.split())
        with Vertical():
            yield Static(Text(
                f"Ada draf narasi yang belum disimpan: \u201c{visible(cut(d.title))}\u201d ({words} kata, "
                f"{d.at.replace('T', ' ')[:16]} UTC). Pulihkan? (y/n)"), id="draft-question")

    def action_answer(self, restore: bool) -> None:
        self.dismiss(restore)


def crash_report(renderables: list) -> str:
    """Write what Textual would have printed (the traceback) to a file; return the sentence for the operator."""
    import io
    import tempfile
    from pathlib import Path

    from rich.console import Console

    from store.disk.storage import replace_atomically

    buffer = io.StringIO()
    console = Console(file=buffer, width=120, color_system=None)
    for renderable in renderables:
        console.print(renderable)
    report = Path(tempfile.gettempdir()) / f"lkjip-galat-{os.getpid()}.txt"
    try:
        replace_atomically(report, buffer.getvalue().encode("utf-8"))
        where = f"rinciannya untuk pengembang ada di {report}"
    except OSError:
        where = "rinciannya tidak dapat ditulis"
    return (f"lkjip berhenti karena kesalahan tak terduga; nilai yang sudah disimpan aman, narasi yang sedang "
            f"diketik ada di drafnya; {where}.")
