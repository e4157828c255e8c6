"""A reports.tables.Table as a Word table that fits its page.

Word and LibreOffice lay out a fixed-width table exactly as told, so the widths are estimated here from the text
with the metrics of Arial / Liberation Sans: every column at least as wide as its longest word (a number never
breaks), the remaining width shared in proportion to how much text each column holds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Length, Twips

from . import docx_fields as F
from .tables import Table

if TYPE_CHECKING:
    from docx.document import Document

# Advance widths (thousandths of an em) of Arial, metric-compatible with Liberation Sans.
_WIDTHS: dict[str, int] = {}
for _chars, _w in (
    (" !',./:;I[\\]fijlt|", 278), ("\"()-`r{}", 333), ("*^", 389), ("cksvxyz", 500), ("J", 500),
    ("#$0123456789?L_abdeghnopqu~", 556), ("+<=>", 584), ("FTZ", 611), ("&ABEKPSVXY", 667),
    ("CDHNRUw", 722), ("GOQ", 778), ("Mm", 833), ("%", 889), ("W", 944), ("@", 1015), ("\u2014", 1000),
):
    for _c in _chars:
        _WIDTHS[_c] = _w
_DEFAULT_WIDTH = 600
BOLD_FACTOR = 1.1  # header cells are bold; Arial Bold runs about a tenth wider
SAFETY = 1.06  # Word and LibreOffice round differently; a word that just fits would wrap in one of them
CELL_MARGIN = Cm(0.1)
# Tabel 1.2 has eleven columns of words that may not split: half the margin gives its sub kegiatan a line's worth.
TIGHT_MARGIN = Cm(0.05)


def cell_margin(table: Table) -> Length:
    return TIGHT_MARGIN if table.spans else CELL_MARGIN
EMU_PER_TWIP = 635


@lru_cache(maxsize=16384)
def _ems(text: str) -> float:
    # Cached: the same names and words recur across the cascade, budget and lampiran tables.
    return sum(_WIDTHS.get(ch, _DEFAULT_WIDTH) for ch in text) / 1000


def text_width(text: str, size_pt: float) -> Length:
    return Emu(int(_ems(text) * size_pt * 12700))


# Word and LibreOffice may break a line after a hyphen ("RKA-SKPD"), but LibreOffice does not after a slash: it set
# "Desa/Kelurahan" in a narrow column as "Desa/Kelura han". Body cells get a zero-width space after a slash between
# letters (see _slash_breaks), so both break there, and widths are measured with that break.
_BREAKABLE = re.compile(r"(?<=[/-])|\s+")
_SLASH = re.compile(r"(?<=\w/)(?=\w)")
ZWSP = "\u200b"


def _slash_breaks(rows: list[list[str]], widths: list[Length], size_pt: float, pad: Length) -> list[list[str]]:
    """A zero-width space after the slashes of a slashed word only where the word is wider than its column: the
    cell's text stays as typed wherever it fits (what Word copies or finds)."""
    def fix(cell: str, width: Length) -> str:
        if "/" not in cell:
            return cell
        words = cell.split(" ")
        return " ".join(_SLASH.sub(ZWSP, w) if "/" in w and text_width(w, size_pt) * SAFETY > width - pad else w
                        for w in words)

    return [[fix(cell, width) for cell, width in zip(row, widths)] for row in rows]


def _longest_word(text: str, size_pt: float, keep_whole: bool) -> int:
    if keep_whole:
        return text_width(text, size_pt)
    return max((text_width(w, size_pt) for w in _BREAKABLE.split(text) if w), default=0)


def _share(minimum: list[float], natural: list[float], weight: list[float], avail: float) -> list[float]:
    """Start every column at its minimum and pour the remaining width into the columns by weight, none past its
    natural width (the width at which its longest cell fits on one line)."""
    widths = minimum[:]
    slack = avail - sum(widths)
    open_cols = [c for c in range(len(widths)) if natural[c] > widths[c] + 1]
    while slack > 1 and open_cols:
        total = sum(weight[c] for c in open_cols) or float(len(open_cols))
        given = 0.0
        for c in open_cols:
            share = slack * (weight[c] / total if total else 1 / len(open_cols))
            add = min(share, natural[c] - widths[c])
            widths[c] += add
            given += add
        slack -= given
        open_cols = [c for c in open_cols if natural[c] > widths[c] + 1]
    return widths


SHORT_TABLE_ROWS = 10  # a wide table this short reads on a portrait page when its words fit side by side


def wants_landscape(table: Table, portrait_width: Length, size_pt: float) -> bool:
    """A wide table goes on a landscape page unless it is short and its longest words fit a portrait page: Tabel
    2.2 of three rows does not take a page of its own. An empty table prints one sentence: portrait."""
    if not table.wide or not table.rows:
        return False
    if len(table.rows) > SHORT_TABLE_ROWS:
        return True
    return sum(_minimums(table, size_pt)) > float(portrait_width)


def _minimums(table: Table, size_pt: float) -> list[float]:
    """Each column's narrowest width: its longest word (a number whole), the margins included."""
    numeric = table.numeric or [False] * len(table.columns)
    minimum = [_longest_word(head, size_pt, False) * BOLD_FACTOR for head in table.columns]
    for row in table.rows:
        for c, cell in enumerate(row):
            if cell:
                minimum[c] = max(minimum[c], _longest_word(cell, size_pt, numeric[c]))
    pad = 2 * cell_margin(table)
    return [m * SAFETY + pad for m in minimum]


def column_widths(table: Table, available: Length, size_pt: float) -> list[Length]:
    n = len(table.columns)
    numeric = table.numeric or [False] * n
    pad = 2 * cell_margin(table)
    minimum = [0.0] * n
    natural = [0.0] * n
    volume = [0.0] * n  # all the text of a column: where extra width saves the most lines
    for c, head in enumerate(table.columns):
        minimum[c] = _longest_word(head, size_pt, False) * BOLD_FACTOR
        # A header may wrap onto a few lines; it should not make its column wider than its longest line needs.
        natural[c] = max(minimum[c], text_width(head, size_pt) * BOLD_FACTOR / 3)
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row):
            if not cell:
                continue
            minimum[c] = max(minimum[c], _longest_word(cell, size_pt, numeric[c]))
            # A cell merged down n rows has n rows' height to fill: per row it needs a width of an n-th of its text.
            # Without this the ancestors of Tabel 1.2 took the width that its sub kegiatan rows need.
            rows_down = table.spans[r][c] if table.spans else 1
            w = text_width(cell, size_pt) / max(rows_down, 1)
            natural[c] = max(natural[c], w)
            volume[c] += w
    minimum = [m * SAFETY + pad for m in minimum]
    natural = [max(nat * SAFETY + pad, m) for nat, m in zip(natural, minimum)]
    avail = float(available)
    if table.spans and sum(minimum) <= avail:
        widths = _fit_merged(table, minimum, avail, size_pt)
    elif sum(natural) <= avail:
        scale = avail / sum(natural)
        widths = [w * scale for w in natural]
    elif sum(minimum) <= avail:
        widths = _share(minimum, natural, volume, avail)
    else:
        # Even the longest words do not fit side by side: shrink evenly and let Word break inside words.
        scale = avail / sum(minimum)
        widths = [m * scale for m in minimum]
    # Whole twips, rounded down: Word stores twips, and rounding each column up could push the table past the margin.
    return [Twips(int(w // EMU_PER_TWIP)) for w in widths]


def _wrapped_lines(words: list[float], space: float, usable: float) -> int:
    """How many lines a cell's words take at a usable width (greedy, as a word processor breaks lines)."""
    lines, at = 1, 0.0
    for w in words:
        if at and at + space + w > usable:
            lines, at = lines + 1, w
        else:
            at += (space if at else 0) + w
    return lines


def _fit_merged(table: Table, minimum: list[float], avail: float, size_pt: float) -> list[float]:
    """Widths for a table with merged cells (Tabel 1.2): from every column's minimum (its longest word), the rest of
    the page given step by step to the column that shortens the table most. A merged cell's lines need only fit the
    rows it spans, so the many-row columns (sub kegiatan and their indicators) get the width, as a person setting
    the table by hand would give it."""
    pad = float(2 * cell_margin(table))
    space = float(text_width(" ", size_pt))
    cells = []  # (row, column, span, word widths)
    for r, row in enumerate(table.rows):
        for c, text in enumerate(row):
            if text and table.spans[r][c]:
                words = [float(text_width(w, size_pt)) * SAFETY for w in _BREAKABLE.split(text) if w]
                cells.append((r, c, table.spans[r][c], words))
    memo: dict[tuple[int, int], int] = {}

    def lines(i: int, width: float) -> int:
        key = (i, int(width))
        if key not in memo:
            memo[key] = _wrapped_lines(cells[i][3], space, width - pad)
        return memo[key]

    def height(widths: list[float]) -> int:
        rows = [1] * len(table.rows)
        for i, (r, c, span, _) in enumerate(cells):
            if span == 1:
                rows[r] = max(rows[r], lines(i, widths[c]))
        for i, (r, c, span, _) in enumerate(cells):
            if span > 1:  # a merged cell taller than its rows stretches the last of them
                short = lines(i, widths[c]) - sum(rows[r:r + span])
                if short > 0:
                    rows[r + span - 1] += short
        return sum(rows)

    widths = minimum[:]
    step = max((avail - sum(widths)) / 40, float(Cm(0.05)))
    current = height(widths)
    while True:
        # One step seldom saves a line: look a few steps ahead and take the best saving per step.
        best = None  # (lines saved per step, steps, column, height)
        for k in (1, 2, 4, 8, 16):
            if sum(widths) + k * step > avail:
                break
            for c in range(len(widths)):
                h = height(widths[:c] + [widths[c] + k * step] + widths[c + 1:])
                if h < current and (best is None or (current - h) / k > best[0]):
                    best = ((current - h) / k, k, c, h)
        if best is None:
            break
        _, k, col, current = best
        widths[col] += k * step
    slack = avail - sum(widths)
    if slack > 0:  # nothing shortens the table any more: the rest in proportion, so the table spans the page
        widths = [w + slack * w / sum(widths) for w in widths]
    return widths


@dataclass(frozen=True)
class TableStyles:
    # Style ids (not names): see docx_fields.add_paragraph.
    caption: str
    head: str
    body: str
    grid: str  # the table style: "TableGrid"
    size_pt: float


def add_table(doc: Document, table: Table, width: Length, styles: TableStyles) -> None:
    """The title as a caption kept with the table, then the table: header row repeated on every page."""
    F.add_paragraph(doc, styles.caption, table.title)
    if not table.rows:  # a header over nothing says less than one line saying why
        F.add_paragraph(doc, None, table.empty).runs[0].italic = True
        return
    widths = column_widths(table, width, styles.size_pt)
    t = doc.add_table(rows=0, cols=len(table.columns))
    t._tbl.tblPr.style = styles.grid
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    t.autofit = False
    F.set_grid(t._tbl, widths)
    margin = cell_margin(table)
    F.set_cell_margins(t._tbl, left=margin, right=margin, top=Cm(0.03), bottom=Cm(0.03))
    numeric = table.numeric or [False] * len(table.columns)
    # The header row is centred by its paragraph style; only body cells of number columns align right.
    F.append_rows(t._tbl, F.rows_xml([table.columns], widths, styles.head, [False] * len(widths), header=True)
                  + F.rows_xml(_slash_breaks(table.rows, widths, styles.size_pt, Emu(2 * margin)), widths, styles.body,
                               numeric))
    if table.spans:
        merge_down(t._tbl.tr_lst[1:], table.spans)
    if table.outline:
        set_outline(t._tbl.tr_lst[1:], table.outline, table.outline_col)


INDENT_TWIPS = 170  # per outline level: about 0.3 cm, enough to see kegiatan under program in a narrow column


def set_outline(rows: list[Any], levels: list[int], column: int) -> None:  # rows: w:tr elements
    """Program (and total) rows bold; kegiatan and sub kegiatan names indented one and two steps in `column`, so
    the three levels of a budget table read apart as they do in printed reports."""
    for tr, level in zip(rows, levels, strict=True):
        if level < 0:
            continue
        if level == 0:
            for r in tr.iter(qn("w:r")):
                rpr = r.find(qn("w:rPr"))
                if rpr is None:
                    rpr = OxmlElement("w:rPr")
                    r.insert(0, rpr)
                rpr.append(OxmlElement("w:b"))
        elif level > 0:
            ppr = tr.tc_lst[column].find(qn("w:p")).find(qn("w:pPr"))
            ind = OxmlElement("w:ind")
            ind.set(qn("w:left"), str(INDENT_TWIPS * level))
            ppr.append(ind)  # after pStyle (and before jc, which a text column has none of)


def merge_down(rows: list[Any], spans: list[list[int]]) -> None:  # rows: w:tr elements
    """w:vMerge on the cells that merge down (Table.spans): "restart" on the first row of a merged cell, a bare
    w:vMerge (continue) on the rows it runs through. Word and LibreOffice then draw one cell, its text at the top,
    and carry it over a page break."""
    for tr, row_spans in zip(rows, spans, strict=True):
        for tc, span in zip(tr.tc_lst, row_spans, strict=True):
            if span == 1:
                continue
            merge = OxmlElement("w:vMerge")
            if span > 1:
                merge.set(qn("w:val"), "restart")
            tc.tcPr.find(qn("w:tcW")).addnext(merge)  # schema order: tcW, gridSpan, vMerge, …
