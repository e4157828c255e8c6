"""The pohon kinerja (performance tree): `lkjip export WB --doc pohon --format md|docx`.

Word: the cascade as boxes, tujuan at the top, one row of boxes per level down to kegiatan; each box spans the
columns of everything under it, so a box sits over the boxes it is joined to (the columns are the kegiatan, the
leaves). Sub kegiatan are listed inside their kegiatan's box, in small type, so that a whole office fits one A3
landscape page. The layout is Tabel 1.2's (reports.cascade_grid) turned on its side: its rows are our columns.
Markdown: the cascade as a nested outline, every node once, each with its indicators.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from store.cascade import Cascade
from store.model import LEVEL_LABELS, Node

from .cascade_grid import CascadeGrid
from .docx_fields import usable_width
from .md_render import escape_text, with_stamp
from .profile import pemda_heading, profile_for_year
from .stamp import Stamp

if TYPE_CHECKING:  # python-docx is imported when a Word file is made
    from docx.table import _Cell
    from docx.text.paragraph import Paragraph

ROW_LEVELS = ("tujuan", "sasaran", "program", "kegiatan")  # one row of boxes each; sub kegiatan inside kegiatan


class PohonGrid(CascadeGrid):
    """One column per level (`cells[leaf][level]`), kegiatan the leaves, a node's indicators inside its box."""

    def __init__(self, casc: Cascade) -> None:
        super().__init__(casc, len(ROW_LEVELS))

    def kids_of(self, node: Node) -> list[Node]:
        return [] if self._column(node) == len(ROW_LEVELS) - 1 else self.casc.kids(node["id"])

    def own_rows(self, node: Node) -> int:
        return 1  # the indicators are inside the box, not a row each

    @staticmethod
    def _column(node: Node) -> int:
        return ROW_LEVELS.index(node["level"]) if node["level"] in ROW_LEVELS else len(ROW_LEVELS) - 1

    def fill(self, node: Node, top: int, rows: int) -> int:
        col = self._column(node)
        self._span(top, rows, col, self.casc.label(node), node["id"])
        return col + 1


@dataclass(frozen=True)
class Box:
    node: Node
    span: int  # how many columns (kegiatan) it stands over
    below: list[Node]  # the sub kegiatan listed inside a kegiatan's box


@dataclass(frozen=True)
class Pohon:
    year: int
    instansi: str
    pemda: str
    casc: Cascade
    n_cols: int
    rows: list[list[Box | None]]  # per level, left to right: a box, or None for an empty column there
    stamp: Stamp

    @property
    def title(self) -> str:
        return "POHON KINERJA"

    @property
    def heads(self) -> list[str]:
        return [h for h in (pemda_heading(self.pemda), self.instansi.upper()) if h]


def build(casc: Cascade, year: int, stamp: Stamp) -> Pohon:
    grid = PohonGrid(casc)
    for root in casc.roots():
        grid.add_root(root, None)
    rows: list[list[Box | None]] = []
    for level in range(len(ROW_LEVELS)):
        row: list[Box | None] = []
        for leaf in range(len(grid.cells)):
            span, owner = grid.spans[leaf][level], grid.owner[leaf][level]
            if span == 0:
                continue  # inside the box started to its left
            node = casc.nodes.get(owner)
            if node is None:
                row.extend([None] * max(span, 1))
                continue
            below = list(casc.descendants(node["id"])) if level == len(ROW_LEVELS) - 1 else []
            row.append(Box(node, span, below))
        rows.append(row)
    p = profile_for_year(casc, year)
    return Pohon(year, p.get("instansi", ""), p.get("pemda", ""), casc, len(grid.cells), rows, stamp)


# -- Markdown ---------------------------------------------------------------------------------------------------------
def render_md(pohon: Pohon) -> str:
    lines = [f"# {pohon.title}", "", *(f"**{escape_text(h)}**\n" for h in pohon.heads)]
    casc = pohon.casc
    if not casc.nodes:
        lines.append("_Belum ada tujuan yang diisi._")
    for node, depth in casc.walk():
        pad = "  " * depth
        lines.append(f"{pad}- **{LEVEL_LABELS[node['level']]}:** {escape_text(casc.label(node))}")
        for ind in node["indicators"]:
            lines.append(f"{pad}  - _Indikator:_ {escape_text(ind['name'])}")
    return with_stamp("\n".join(lines) + "\n", pohon.stamp)


# -- Word -------------------------------------------------------------------------------------------------------------
A3_LONG_CM, A3_SHORT_CM = 42.0, 29.7
LABEL_CM = 1.8  # the column naming each row's level
BOX_PT, LIST_PT = 7, 6
SHADES = ("D9E2F3", "E2EFD9", "FFF2CC", "FBE4D5")  # one light colour per level, as printed pohon kinerja have


def render_docx(pohon: Pohon) -> bytes:
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    from .docx_doc import ShortDocument

    d = ShortDocument(title=f"{pohon.title} {pohon.instansi}", author=pohon.instansi, stamp=pohon.stamp,
                      landscape=True)
    section = d.doc.sections[0]
    section.page_width, section.page_height = Cm(A3_LONG_CM), Cm(A3_SHORT_CM)
    d.centered(pohon.title, size=14, after=2)
    for head in pohon.heads:
        d.centered(head, size=11)
    if not pohon.n_cols:
        d.text("Belum ada tujuan yang diisi.")
        return d.to_bytes()
    usable = usable_width(section)
    box_width = int((usable - Cm(LABEL_CM)) / pohon.n_cols)
    # A level's row of boxes, and between two levels a row without borders whose "│" joins each box to the one above.
    table = d.doc.add_table(rows=2 * len(ROW_LEVELS) - 1, cols=1 + pohon.n_cols)
    table.style = d.doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for r, boxes in enumerate(pohon.rows):
        cells = table.rows[2 * r].cells
        joins = table.rows[2 * r - 1].cells if r else None
        _label_cell(cells[0], LEVEL_LABELS[ROW_LEVELS[r]])
        if joins is not None:
            _no_borders(joins[0])
        at = 1
        for box in boxes:
            span = box.span if box else 1
            cell = cells[at].merge(cells[at + span - 1]) if span > 1 else cells[at]
            if box is not None:
                _box_cell(cell, pohon.casc, box, SHADES[r])
            if joins is not None:
                join = joins[at].merge(joins[at + span - 1]) if span > 1 else joins[at]
                _no_borders(join)
                if box is not None:
                    _para(join, "\u2502", LIST_PT, first=True).alignment = WD_ALIGN_PARAGRAPH.CENTER
            at += span
    for row in table.rows:
        for i, cell in enumerate(row.cells):
            cell.width = Cm(LABEL_CM) if i == 0 else box_width
    return d.to_bytes()


def _label_cell(cell: _Cell, text: str) -> None:
    from docx.shared import Pt

    run = cell.paragraphs[0].add_run(text)
    run.bold, run.font.size = True, Pt(BOX_PT)


def _no_borders(cell: _Cell) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    borders = OxmlElement("w:tcBorders")
    for edge in ("top", "left", "bottom", "right"):
        line = OxmlElement(f"w:{edge}")
        line.set(qn("w:val"), "nil")
        borders.append(line)
    cell._tc.get_or_add_tcPr().append(borders)


def _shade(cell: _Cell, fill: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shd)


def _para(cell: _Cell, text: str, size: float, *, bold: bool = False, italic: bool = False,
          first: bool = False) -> Paragraph:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    p: Paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER if bold else WD_ALIGN_PARAGRAPH.LEFT
    p.paragraph_format.space_after = Pt(0)
    p.paragraph_format.space_before = Pt(0)
    run = p.add_run(text)
    run.bold, run.italic, run.font.size = bold or None, italic or None, Pt(size)
    return p


def _box_cell(cell: _Cell, casc: Cascade, box: Box, fill: str) -> None:
    """The node's label (bold, centred), its indicators; a kegiatan's sub kegiatan below by code and name only (with
    their indicators the demo's largest kegiatan ran onto a second page; the Markdown outline names them)."""
    _shade(cell, fill)
    _para(cell, casc.label(box.node), BOX_PT, bold=True, first=True)
    for ind in box.node["indicators"]:
        _para(cell, f"\u2022 {ind['name']}", BOX_PT, italic=True)
    if box.below:
        _para(cell, "Sub kegiatan:", LIST_PT, italic=False).runs[0].underline = True
        for sub in box.below:
            _para(cell, casc.label(sub), LIST_PT)
