"""The lkjip command line: the parser and the commands (every line they print goes through tui.printer).

Each name is imported from its module, never through a package: this file imports
nothing, so importing one module loads no other. __all__ is the package's face: what is used from
outside it; the rest is inside.

    cascade   `lkjip add`, `rm`, `mv`, `undo` and `redo`: building and reshaping the cascade from the command…  (inside)
    commands  The scripted commands behind `lkjip …` (everything but the TUI itself); tui.cli.parser names the handler …
    main      The `lkjip` entry point: `lkjip [BUKU-KERJA.json]` opens the TUI, `lkjip PERINTAH …` runs a subcommand (p…
    messages  argparse's messages in Indonesian, keyed by argparse's own message ids (what it passes to gettext's `_()`…
    parser    Every `lkjip` subcommand's parser, in one place, and the handler each one runs (`set_defaults(func=…)`).
    pejabat   `lkjip pejabat WB [--year Y]`: the year's officials, their superiors and the nodes each answers…  (inside)
    rekap     `lkjip rekap WORKBOOK... [--year Y] [--sort COLUMN] [--format text|md|json|xlsx|docx] [-o PATH]…  (inside)
    sheets    `lkjip template`, `lkjip export --format xlsx` and `lkjip import` of .xlsx and .csv files.  (inside)
"""

__all__ = ["commands", "main", "messages", "parser"]
