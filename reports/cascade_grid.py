"""The layout of Tabel 1.2: which cell of which row each node and indicator of the cascade takes, and how many
rows it spans."""

from __future__ import annotations

from store.cascade import Cascade
from store.model import Indicator, Node

CASCADE_LEVELS = ("tujuan", "sasaran", "program", "kegiatan", "subkegiatan")


class CascadeGrid:
    """Tabel 1.2 as printed LKjIPs set it: one row per sub kegiatan (one per indicator where a node has several),
    each node's cells spanning the rows of everything under it.

    A node needs as many rows as its descendants fill, or as its indicators when it has more of them; the last child
    stretches to fill its parent's rows, and a node's indicators share its rows evenly."""

    def __init__(self, casc: Cascade, n_cols: int) -> None:
        self.casc = casc
        self.n_cols = n_cols
        self.cells: list[list[str]] = []
        self.spans: list[list[int]] = []
        self.owner: list[list[str]] = []  # per cell: the node or indicator it shows, for the row's ref
        self._heights: dict[str, int] = {}

    # Hooks for another layout of the same walk (reports.pohon: the tree turned on its side, kegiatan its leaves).
    def kids_of(self, node: Node) -> list[Node]:
        return self.casc.kids(node["id"])

    def own_rows(self, node: Node) -> int:
        """The rows a node needs for itself: here one per indicator."""
        return len(node["indicators"])

    def height(self, node: Node) -> int:
        if node["id"] not in self._heights:
            below = sum(self.height(k) for k in self.kids_of(node))
            self._heights[node["id"]] = max(self.own_rows(node), below, 1)
        return self._heights[node["id"]]

    def _span(self, top: int, rows: int, col: int, text: str, ref: str) -> None:
        self.cells[top][col] = text
        self.spans[top][col] = rows
        for r in range(top, top + rows):
            self.owner[r][col] = ref
            if r > top:
                self.spans[r][col] = 0  # continues the cell above (w:vMerge in Word)

    def fill(self, node: Node, top: int, rows: int) -> int:
        """Write the node's own cells over its rows; the first column after them (the next level's)."""
        col = 1 + 2 * CASCADE_LEVELS.index(node["level"])
        self._span(top, rows, col, self.casc.label(node), node["id"])
        indicators: list[Indicator | None] = [*node["indicators"]] or [None]
        for j, ind in enumerate(indicators):
            first, last = top + j * rows // len(indicators), top + (j + 1) * rows // len(indicators)
            if last > first:
                self._span(first, last - first, col + 1, ind["name"] if ind else "", ind["id"] if ind else node["id"])
        return col + 2

    def place(self, node: Node, top: int, rows: int) -> None:
        after = self.fill(node, top, rows)
        kids = self.kids_of(node)
        if not kids:
            for c in range(after, self.n_cols):  # nothing below: one empty cell down the node's rows
                self._span(top, rows, c, "", "")
            return
        at = top
        for n, kid in enumerate(kids):
            h = top + rows - at if n == len(kids) - 1 else self.height(kid)
            self.place(kid, at, h)
            at += h

    def add_root(self, node: Node, no: str | None) -> None:
        """Lay out a root and everything under it in new rows; `no` in the first column (None: no such column)."""
        top, rows = len(self.cells), self.height(node)
        for _ in range(rows):
            self.cells.append([""] * self.n_cols)
            self.spans.append([1] * self.n_cols)
            self.owner.append([""] * self.n_cols)
        if no is not None:
            self._span(top, rows, 0, no, "")
        self.place(node, top, rows)
