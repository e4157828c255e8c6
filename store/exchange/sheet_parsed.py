"""What reading a filled spreadsheet gives: its rows as nodes and indicators with their cells, and every problem
found on the way with its sheet, row and column.

store.exchange.sheet_read fills it from the sheets; store.exchange.sheet_import builds or edits a workbook from it, adding the problems
only a workbook can show (a value changed in lkjip since the export, a locked year) in the same form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from store.text.sanitize import cut
from .sheet_layout import Column, letter


@dataclass(frozen=True)
class Problem:
    sheet: str
    row: int
    col: str  # column letter, "" for a whole row or sheet
    header: str
    text: str

    def line(self) -> str:
        where = f"{self.sheet} baris {self.row}" if self.row else self.sheet
        if self.col:  # a header is the operator's text too (an unknown one is quoted): cut like any input
            where += f" kolom {self.col}" + (f" ({cut(self.header)})" if self.header else "")
        # A cell's (or a header's) own line breaks and tabs are shown as escapes: one problem, one line.
        line = re.sub(r"[\x00-\x1f\x7f]", lambda m: repr(m.group())[1:-1], f"{where}: {self.text}")
        return line.rstrip(".") + "."


@dataclass(frozen=True)
class Value:
    field: str
    year: int | None
    value: object
    where: str  # "Kaskade!H5"
    header: str


@dataclass
class RowIndicator:
    row: int
    id: str
    values: list[Value] = field(default_factory=list)

    def get(self, name: str) -> object:
        return next((v.value for v in self.values if v.field == name and v.year is None), None)


@dataclass
class RowNode:
    row: int
    level: str
    id: str
    parent: int | None  # index of the parent in Parsed.nodes
    values: list[Value] = field(default_factory=list)  # kode, nama, unit
    indicators: list[RowIndicator] = field(default_factory=list)
    budget: list[Value] = field(default_factory=list)
    related: Value | None = None  # Anggaran Terkait (sasaran): codes or ids, "; " between

    def get(self, name: str) -> object:
        return next((v.value for v in self.values if v.field == name), "")


@dataclass
class Parsed:
    profile: dict[str, object] = field(default_factory=dict)  # instansi, pemda, periode (awal, akhir), tahun
    nodes: list[RowNode] = field(default_factory=list)
    columns: dict[str, dict[int, Column]] = field(default_factory=dict)  # sheet -> its read columns by index
    # (column, sheet, header row, column index): checked against the period once it is known
    year_columns: list[tuple[Column, str, int, int]] = field(default_factory=list)
    asal: dict[tuple[str, str, int | None], object] | None = None
    asal_revision: int | None = None
    rows_read: bool = False  # the Kaskade rows were read: its header row and columns were sound
    has_profil: bool = False  # a CSV, or a sheet of the office's own, has no Profil: the period comes from Target
    # Profil keys whose cell was refused (its problem says why): not called empty besides.
    refused_profile: set[str] = field(default_factory=set)
    problems: list[Problem] = field(default_factory=list)
    halted: bool = False  # not read past its problems (formulas without a value): they are all there is to say

    def problem(self, sheet: str, row: int, col: int | None, header: str, text: str) -> None:
        self.problems.append(Problem(sheet, row, letter(col) if col is not None else "", header, text))
