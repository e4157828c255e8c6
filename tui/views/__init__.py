"""The screens of the app, one module each, with the rows and the paste they share.

Each name is imported from its module, never through a package: this file imports
nothing, so importing one module loads no other. __all__ is the package's face: what is used from
outside it; the rest is inside.

    aksi_form     The Rencana Aksi's action texts of one indicator (`a` in the F8 sheet), per quarter, one step.  (inside)
    base          What every secondary view shares: a title, the status line, the footer, and recomputing only when the…
    budget_sheet  F9, the budget sheet (Lembar isian anggaran): every sub kegiatan's pagu, realisasi and Pagu PK of the…
    cascade_edit  Building the cascade from the main view: add, rename, recode, move and delete nodes and ind…  (inside)
    cell_editing  Editing a cell, written once for the main view's node grids and the entry sheets (F8, F9): …  (inside)
    checks        The consistency checks (F4): each finding names its node; Enter jumps to the cell at fault.
    export        Export (F7): the LKjIP draft as Markdown or Word; the work runs off the UI thread and ends with the p…
    find          Find (/): a node or an indicator by a piece of its name, its code or its id.
    forms         Small dialogs for building the cascade: a form of a few fields, a picker, and a confirmation (also as…
    help          Help (? or F1): the keys that work here, for the widget in focus, its view and the app.
    log           The edit log (F6): who changed what, when, old → new; newest first.
    main          The main view: the cascade on the left; the selected node's indicators and budget on the right.
    message       Two small dialogs: a message too long for the status line (a refusal, a conflict naming both values),…
    narrative     The narrative sections (F5): Markdown in a text area, saved like any edit (Ctrl+S, or on leaving the …
    paste         Pasting a block from a spreadsheet into a grid: the entry sheets (F8, F9) and the main screen's node …
    properties_form  The indicator's properties (`p`, main view and F8): satuan, arah, rumus, rules, IKU fields.  (inside)
    profile       The profile and signing form (P in the cascade view, or "Profil dan penandatangan" in Ctrl+P): instan…
    rekap         `lkjip rekap WORKBOOK...` in a terminal: the rekap table; Enter opens that office's workbook, Esc or …
    rows          What the main view's grids show for a node, as display strings from the engine (no formula lives here…
    sheet         F8, the entry sheet (Lembar isian kinerja): every indicator of the year in cascade order in one grid.
    sheet_base    What the two entry sheets (F8 kinerja, F9 anggaran) share: one SheetGrid, its title, and repainting o…
    small         Shown instead of the workbook while the terminal is smaller than 80×24; it goes away when the termina…
    start         The start screen, when the workbook does not exist yet: a new workbook, or the demo.
    tables        The live LKjIP tables (F3): every table id, recomputed from the engine whenever the workbook changes.
    year_lock     Closing a signed year and opening it again from Ctrl+P, the reason asked in a form.  (inside)
    widths        Column widths for tables whose cells wrap: a line may break only between words, never insid…  (inside)
"""

__all__ = [
    "base",
    "budget_sheet",
    "checks",
    "export",
    "find",
    "forms",
    "help",
    "log",
    "main",
    "message",
    "narrative",
    "paste",
    "profile",
    "rekap",
    "rows",
    "sheet",
    "sheet_base",
    "small",
    "start",
    "tables",
]
