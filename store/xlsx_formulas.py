"""Formula cells whose stored value is not what the office sees: found in the sheet's XML, so none is read as empty.

A spreadsheet stores a formula with the value it last computed (`<c><f>SUM(O5,P5)</f><v>1500000</v></c>`), and
openpyxl's data_only view gives that value. A file written by a script (openpyxl, a template filler) stores the
formula with no value (`<v></v>`), which the data_only view gives as None, exactly like an empty cell: a Pagu of
`=SUM(O5,P5)` would be imported as "not filled". A writer that cannot compute stores a placeholder (xlsxwriter
writes 0) or leaves the values of a template it changed, and says so by asking for a full recalculation on opening
(`<calcPr fullCalcOnLoad="1"/>`); Excel and LibreOffice recompute and never save that flag.

So the worksheet XML is read for its formula cells only, and only when it has one: a file without formulas (every
file lkjip exports) costs one byte search per sheet. The formula view of openpyxl (data_only=False) would give the
formula but not whether a value was stored with it: an `=IF(A1="";"";A1)` that computed "" is stored as an empty
text value, and is truly empty.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO
from xml.etree.ElementTree import Element

from .sheet_layout import letter

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_ROW, _CELL, _FORMULA, _VALUE = f"{_MAIN}row", f"{_MAIN}c", f"{_MAIN}f", f"{_MAIN}v"
_CHUNK = 1 << 20
_COORD = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d+)$")


@dataclass(frozen=True)
class Uncomputed:
    """A formula cell whose stored value cannot be taken as what the spreadsheet shows."""
    row: int  # 1-based, as the rows of store.xlsx_io.SheetIn are counted
    col: int  # 0-based
    formula: str  # "=SUM(O5,P5)"
    placeholder: bool  # a value is stored, but the file asks to be recomputed: its writer did not compute it


def recompute_on_open(archive: zipfile.ZipFile) -> bool:
    """Whether the workbook asks to be recomputed when opened (`fullCalcOnLoad`). Read here, not from openpyxl:
    openpyxl reports True for a calcPr that does not name the attribute, as every file Excel saves."""
    part = _workbook_part(archive)
    if part is None:
        return False
    m = re.search(rb"<(?:[\w.-]+:)?calcPr\b[^>]*>", archive.read(part))  # read whole by openpyxl already
    return bool(m and re.search(rb"""\sfullCalcOnLoad\s*=\s*["'](?:1|true)["']""", m.group()))


def _workbook_part(archive: zipfile.ZipFile) -> str | None:
    try:
        rels = archive.read("_rels/.rels")
    except KeyError:
        return None
    for m in re.finditer(rb"<(?:[\w.-]+:)?Relationship\b[^>]*>", rels):
        tag = m.group()
        if re.search(rb"""Type\s*=\s*["'][^"']*/officeDocument["']""", tag):
            target = re.search(rb"""Target\s*=\s*["']([^"']+)["']""", tag)
            if target:
                name = target.group(1).decode("utf-8", "replace").lstrip("/")
                return name if name in archive.NameToInfo else None
    return None


def has_formula(archive: zipfile.ZipFile, part: str) -> bool:
    """A byte search of the part as it inflates, in steps: no whole sheet is held in memory for it. A text that
    merely looks like a formula element costs a parse, never a wrong answer."""
    tail = b""
    with archive.open(part) as src:
        while chunk := src.read(_CHUNK):
            if _formula_tag(tail + chunk):
                return True
            tail = chunk[-2:]
    return False


def _formula_tag(data: bytes) -> bool:
    # `<f>`, `<f t="shared" …/>` or a prefixed `<x:f>`; bytes.find is ten times a regex over a 4 MB sheet
    for marker in (b"<f", b":f"):
        i = data.find(marker)
        while i != -1:
            if data[i + 2:i + 3] in (b">", b"/", b" ", b"\t", b"\n", b"\r"):
                return True
            i = data.find(marker, i + 2)
    return False


def uncomputed(archive: zipfile.ZipFile, part: str, placeholders: bool) -> list[Uncomputed]:
    """Every formula cell of the part with no stored value, and with `placeholders` every formula cell."""
    from openpyxl.formula.translate import Translator

    found: list[Uncomputed] = []
    shared: dict[str, Translator] = {}
    with archive.open(part) as src:
        for row, col, cell in _cells(src):
            f = cell.find(_FORMULA)
            if f is None:
                continue
            text = "=" + (f.text or "")
            coordinate = f"{letter(col)}{row}"
            si = f.get("si")
            if f.get("t") == "shared" and si is not None:
                if f.text:
                    shared[si] = Translator(text, coordinate)
                elif si in shared:
                    text = shared[si].translate_formula(coordinate)
            stored = _stored(cell)
            if not stored or placeholders:
                found.append(Uncomputed(row, col, text, stored))
    return found


def _stored(cell: Element) -> bool:
    """A value the spreadsheet computed: any `<v>` text, or a text result (an empty text is a computed "")."""
    if cell.get("t") == "str":
        return True
    v = cell.find(_VALUE)
    return v is not None and bool(v.text)


def _cells(src: IO[bytes]) -> Iterator[tuple[int, int, Element]]:
    """(1-based row, 0-based column, element) of every cell, counted as openpyxl counts a row or cell without `r`."""
    from openpyxl.xml.functions import iterparse  # openpyxl's parser, with its protections

    row = col = 0
    for event, element in iterparse(src, events=("start", "end")):
        if element.tag == _ROW:
            if event == "start":
                r = element.get("r")
                row = int(r) if r and r.isdigit() else row + 1
                col = -1
            else:
                element.clear()
        elif element.tag == _CELL and event == "end":
            m = _COORD.match(element.get("r") or "")
            if m:
                row, col = int(m.group(2)), _index(m.group(1))
            else:
                col += 1
            yield row, col, element


def _index(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n - 1
