"""The Textual app: the app and its parts, the writes it makes, the palette, recovery drafts, and its lean
terminal output.

Each name is imported from its module, never through a package: this file imports
nothing, so importing one module loads no other. __all__ is the package's face: what is used from
outside it; the rest is inside.

    app          The keyboard workbook: a Textual app over one Workbook.
    draft        The TUI's side of recovery drafts (store/disk/drafts.py): drafting on a signal, and offering…  (inside)
    lean_output  Fewer bytes to the terminal for the same screen: what an operator on a slow SSH link waits for after e…
    palette      Command palette (Ctrl+P): the app's commands plus those of the view on screen.  (inside)
    parts        Layers of the workbook app (tui/app/app.py), each on the one below (the order is drawn in tu…  (inside)
    state        The workbook app's state and its status line: the base every part of LkjipApp (tui/app/app.p…  (inside)
    writes       The workbook app's one write path (a layer of LkjipApp: tui/app/state.py draws them): a comm…  (inside)
"""

__all__ = ["app", "lean_output"]
