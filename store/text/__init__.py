"""Text and numbers at the door: the one gate for text coming in, the one sanitiser for text going out,
the one number parser and formatter, the one CSV reader, and the errors an operator reads.

Each name is imported from its module, never through a package: this file imports
nothing, so importing one module loads no other. __all__ is the package's face: what is used from
outside it; the rest is inside.

    csv_rows  The one reader of CSV text, for every CSV door (`lkjip import x.csv`, the master list `kode.csv`).
    errors    Errors the operator may see. Each carries one clear Indonesian sentence; no traceback should ever reach a…
    files     The one bounded read of a file lkjip is handed by name (a document to import, kode.csv, a workbook).
    gate      The one gate for every text that enters a workbook, whatever the door: typed in the TUI or pasted, given …
    numbers   The one number parser and the one number formatter of the workbook.
    sanitize  The one sanitiser for stored text on its way to a terminal, and the one rule for control characters typed…
"""

__all__ = ["csv_rows", "errors", "files", "gate", "numbers", "sanitize"]
