"""The rekap of many workbooks for a kabupaten's Bagian Organisasi, and its files.

Each name is imported from its module, never through a package: this file imports
nothing, so importing one module loads no other. __all__ is the package's face: what is used from
outside it; the rest is inside.

    files  The rekap as a spreadsheet (openpyxl) or a Word document (python-docx), written to bytes for the safe writer.
    rekap  The rekap: one row per office across many workbooks, for a kabupaten's Bagian Organisasi (`lkjip rekap`).
"""

__all__ = ["files", "rekap"]
