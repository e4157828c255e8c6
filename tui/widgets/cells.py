"""Texts fitted into the grids' cells (entry sheets, node grids): each cell exactly its width, cut with "…" when the
text is longer."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from rich.cells import cell_len, set_cell_size

if TYPE_CHECKING:
    from .grid import Column


@lru_cache(maxsize=8192)  # the same texts come back on every scroll: numbers, satuan, predikat, names in view
def fit(text: str, width: int, right: bool) -> str:
    if cell_len(text) > width:
        return set_cell_size(text, width - 1) + "\u2026"
    return set_cell_size(text, width) if not right else " " * (width - cell_len(text)) + text


def plain_line(texts: list[str], spec: list[Column], cols: list[tuple[int, int]], width: int) -> str:
    """The cells of `cols` ((column, x) pairs) side by side, each exactly its width and a space: only the last one on
    screen is cut, at the edge. Measuring the whole line again took rich's slow path on any line with a "…" or "—"."""
    parts = []
    for c, x in cols:
        column = spec[c]
        piece = fit(texts[c], column.width, column.numeric) + " "
        if x + column.width + 1 > width:
            parts.append(set_cell_size(piece, width - x))
            return "".join(parts)
        parts.append(piece)
    end = cols[-1][1] + spec[cols[-1][0]].width + 1 if cols else 0
    return "".join(parts) + " " * (width - end)
