"""A reports.tables.Table as a Word table that fits its page.

Word and LibreOffice lay out a fixed-width table exactly as told, so the widths are estimated here from the text
with the metrics of Arial / Liberation Sans: every column at least as wide as its longest word (a number never
breaks), the remaining width shared in proportion to how much text each column holds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Cm, Emu, Length, Twips

from . import docx_fields as F
from .tables import Table

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
EMU_PER_TWIP = 635


@lru_cache(maxsize=16384)
def _ems(text: str) -> float:
    # Cached: the same names and words recur across the cascade, budget and lampiran tables.
    return sum(_WIDTHS.get(ch, _DEFAULT_WIDTH) for ch in text) / 1000


def text_width(text: str, size_pt: float) -> Length:
    return Emu(int(_ems(text) * size_pt * 12700))


# Word and LibreOffice may break a line after a slash or a hyphen ("Desa/Kelurahan", "RKA-SKPD").
_BREAKABLE = re.compile(r"(?<=[/-])|\s+")


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


def column_widths(table: Table, available: Length, size_pt: float) -> list[Length]:
    n = len(table.columns)
    numeric = table.numeric or [False] * n
    pad = 2 * CELL_MARGIN
    minimum = [0.0] * n
    natural = [0.0] * n
    volume = [0.0] * n  # all the text of a column: where extra width saves the most lines
    for c, head in enumerate(table.columns):
        minimum[c] = _longest_word(head, size_pt, False) * BOLD_FACTOR
        # A header may wrap onto a few lines; it should not make its column wider than its longest line needs.
        natural[c] = max(minimum[c], text_width(head, size_pt) * BOLD_FACTOR / 3)
    for row in table.rows:
        for c, cell in enumerate(row):
            if not cell:
                continue
            minimum[c] = max(minimum[c], _longest_word(cell, size_pt, numeric[c]))
            w = text_width(cell, size_pt)
            natural[c] = max(natural[c], w)
            volume[c] += w
    minimum = [m * SAFETY + pad for m in minimum]
    natural = [max(nat * SAFETY + pad, m) for nat, m in zip(natural, minimum)]
    avail = float(available)
    if sum(natural) <= avail:
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


@dataclass(frozen=True)
class TableStyles:
    # Style ids (not names): see docx_fields.add_paragraph.
    caption: str
    head: str
    body: str
    grid: str  # the table style: "TableGrid"
    size_pt: float


def add_table(doc, table: Table, width: Length, styles: TableStyles) -> None:
    """The title as a caption kept with the table, then the table: header row repeated on every page."""
    F.add_paragraph(doc, styles.caption, table.title)
    widths = column_widths(table, width, styles.size_pt)
    t = doc.add_table(rows=0, cols=len(table.columns))
    t._tbl.tblPr.style = styles.grid
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    t.autofit = False
    F.set_grid(t._tbl, widths)
    F.set_cell_margins(t._tbl, left=CELL_MARGIN, right=CELL_MARGIN, top=Cm(0.03), bottom=Cm(0.03))
    numeric = table.numeric or [False] * len(table.columns)
    # The header row is centred by its paragraph style; only body cells of number columns align right.
    F.append_rows(t._tbl, F.rows_xml([table.columns], widths, styles.head, [False] * len(widths), header=True)
                  + F.rows_xml(table.rows, widths, styles.body, numeric))
