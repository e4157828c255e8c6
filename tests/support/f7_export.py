"""The export view as an operator drives it: F7, Ctrl+T until the document wanted is named, a path, Ctrl+E (Markdown)
or Ctrl+W (Word), then wait for the export to be written. Shared by the tests of the year's documents."""

from __future__ import annotations

from pathlib import Path

from tui.views.export import ExportScreen


async def export_in_f7(app, pilot, label: str, stem: Path, key: str = "ctrl+e") -> None:
    await pilot.press("f7")
    await pilot.pause()
    for _ in range(len(ExportScreen.DOCUMENTS)):  # Ctrl+T steps through the documents, never forever
        if label in app.message:
            break
        await pilot.press("ctrl+t")
        await pilot.pause()
    assert label in app.message, app.message
    app.screen.query_one("#export-path").value = str(stem)
    await pilot.press(key)
    await app.workers.wait_for_complete()
    await pilot.pause()
