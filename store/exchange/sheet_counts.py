"""How many figures a spreadsheet gave, per column: what the operator checks against the sheet before trusting it.

A figure lost on the way (a formula, a cell the reader skipped) shows as a column one short of the sheet, in the
dry run as in the import, instead of as a pagu of "—" found in a report weeks later.
"""

from __future__ import annotations

from itertools import groupby

from store.text.numbers import format_exact
from .sheet_layout import ANGGARAN, KASKADE
from .sheet_parsed import Parsed, Value

_FIGURES = ("number", "money")


def figures_read(p: Parsed) -> list[str]:
    """Lines: per sheet a heading with its rows, then the count of each figure column, columns of one field
    (Target 2025, Target 2026 …) on one line, in the sheet's order."""
    indicators = [v for node in p.nodes for ind in node.indicators for v in ind.values]
    budget_rows = [node.budget for node in p.nodes if node.budget]
    lines: list[str] = []
    for sheet, values, rows, what in (
        (KASKADE, indicators, sum(len(node.indicators) for node in p.nodes), "baris indikator"),
        (ANGGARAN, [v for row in budget_rows for v in row], len(budget_rows), "baris anggaran"),
    ):
        columns = [c for _, c in sorted(p.columns.get(sheet, {}).items()) if c.kind in _FIGURES]
        if not columns:
            continue
        filled = _count(values)
        lines.append(f"{sheet}: angka terbaca per kolom, dari {format_exact(rows)} {what}:")
        for _, same in groupby(columns, key=lambda c: c.key):
            lines.append("  " + ", ".join(f"{c.header} {format_exact(filled.get(c.header, 0))}" for c in same))
    return lines


def _count(values: list[Value]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for v in values:
        if v.value not in (None, ""):
            counts[v.header] = counts.get(v.header, 0) + 1
    return counts
