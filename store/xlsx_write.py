"""The one way a value goes into a spreadsheet cell lkjip writes (the export, the template, the rekap).

A text is stored as text, whatever it begins with: openpyxl writes a string starting with `=` as a live formula,
so an instansi `=HYPERLINK("http://…","Kantor")` would become a link in the Bagian Organisasi's Excel; a text
starting with `=`, `+`, `-` or `@` (what Excel and LibreOffice read as the start of a formula when the cell is
edited) is given data type string and Excel's quote prefix, so it stays the text the operator typed.

XML 1.0 refuses C0 control characters (openpyxl raises IllegalCharacterError and the whole file would be lost):
each is written visibly as `\\xNN`, the escape the export has always used, so the operator sees that something odd
is stored instead of the writer crashing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # openpyxl is imported by the commands that write a sheet, when they run
    from openpyxl.worksheet.worksheet import Worksheet

FORMULA_START = ("=", "+", "-", "@")
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def cell_text(value: object) -> object:
    """The value as a cell may hold it: a text with its control characters escaped, anything else unchanged."""
    if isinstance(value, str):
        return _ILLEGAL.sub(lambda m: f"\\x{ord(m.group()):02x}", value)
    return value


def append_row(ws: Worksheet, values: Sequence[object]) -> None:
    """Append one row to the openpyxl worksheet `ws`, every text stored as text (never a formula)."""
    ws.append([cell_text(v) for v in values])
    row = ws.max_row
    for column, value in enumerate(values, start=1):
        if isinstance(value, str) and value.startswith(FORMULA_START):
            cell = ws.cell(row, column)
            cell.data_type = "s"
            cell.quotePrefix = True
