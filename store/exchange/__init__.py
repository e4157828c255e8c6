"""The workbook in and out of other files: the JSON interchange document and the spreadsheet (layout,
cells, reading, importing, exporting, filling, and the xlsx/csv files themselves).

Each name is imported from its module, never through a package: this file imports
nothing, so importing one module loads no other. __all__ is the package's face: what is used from
outside it; the rest is inside.

    interchange    The versioned interchange document: the whole workbook as JSON, lossless through export and import.
    sheet_cells    One spreadsheet cell read into the value the workbook stores, or the reason it cannot be, with what …
    sheet_counts   How many figures a spreadsheet gave, per column: what the operator checks against the sheet before t…
    sheet_export   What goes into the spreadsheet: the template's empty sheets and a workbook's export, as plain rows.
    sheet_fill     A workbook made with `lkjip init` (profile and period, no cascade yet) filled from the office's spre…
    sheet_import   From a filled spreadsheet to a workbook: a new one built whole, or an existing one changed value by …
    sheet_layout   The spreadsheet layout of a workbook, in one place: sheet names, columns and their Indonesian header…
    sheet_parsed   What reading a filled spreadsheet gives: its rows as nodes and indicators with their cells…  (inside)
    sheet_read     Reading the filled spreadsheet into checked rows: nodes with their parents, indicators, va…  (inside)
    xlsx_formulas  Formula cells whose stored value is not what the office sees: found in the sheet's XML, so…  (inside)
    xlsx_guard     A spreadsheet is measured before openpyxl parses it: an .xlsx is a zip, and openpyxl builds whatever…
    xlsx_io        Spreadsheet files in and out: .xlsx through openpyxl, .csv through the standard library.
    xlsx_write     The one way a value goes into a spreadsheet cell lkjip writes (the export, the template, the rekap).
"""

__all__ = [
    "interchange",
    "sheet_cells",
    "sheet_counts",
    "sheet_export",
    "sheet_fill",
    "sheet_import",
    "sheet_layout",
    "xlsx_guard",
    "xlsx_io",
    "xlsx_write",
]
