"""The workbook and the one path every edit takes: structure, frozen years, closing a year, restore,
the one history (undo, redo) and the planners of structural edits.

Each name is imported from its module, never through a package: this file imports
nothing, so importing one module loads no other. __all__ is the package's face: what is used from
outside it; the rest is inside.

    freeze      A locked year is frozen: no edit changes what that year's report shows.  (inside)
    history     The one history: undo and redo read the edit log, for the TUI (Ctrl+Z, Ctrl+Y) and the CLI (`lkjip undo…
    plans       Planners: an operator's intent (add a sasaran under T1, move this kegiatan up, delete that indicator) b…
    recovery    Putting a good backup back in place (`lkjip restore`): an edit like any other.
    structure   Structural edits of the cascade: adding, removing, moving and recoding nodes and indicators.
    workbook    The workbook: one TinyDB file, and the one path every edit takes.
    writer      The write path in plain words: `Workbook.transaction` takes the file lock, reloads what other operators…
    year_locks  Closing a year: `lkjip kunci` locks it once the LKjIP is signed, and opening it again needs a…  (inside)
"""

__all__ = ["history", "plans", "recovery", "structure", "workbook", "writer"]
