"""Plain renderings of a Table: terminal text and GFM Markdown.

tabulate re-parses number-like strings ("1.500" would print as 1.5), so numbers always go in as strings with
disable_numparse and explicit alignment. Markdown cells are escaped so that markdown-it-py reads back exactly the
cells that were meant: a `|` in a name would otherwise add a cell and the surplus would be dropped silently.

Terminal text fits the terminal (`width`, by default COLUMNS or the terminal, 80 when unknown): a table wider than
that has its text cells wrapped at word boundaries, and one that still cannot fit (Tabel 1.2 has eleven text columns)
is printed one block per row, a "Kolom: nilai" line per filled cell. A figure is never broken across lines.
"""

from __future__ import annotations

import re
import shutil
import textwrap
from typing import Any

from tabulate import tabulate

from .tables import Table

GAP = 2  # spaces between columns, as tabulate's "simple" format
NARROWEST = 8  # a text column narrower than this reads as a column of syllables: print row blocks instead
WORD_MAX = 20  # a longer word (a code, a URL) may be broken rather than widen its column
FIGURE = re.compile(r"(Rp )?[-\u2212]?[\d.,]+%?")  # "Rp 1.234.567", "82,08": one word, never wrapped


def terminal_width() -> int:
    """COLUMNS, else the terminal on stdout, else 80 (a pipe, a file)."""
    return max(20, shutil.get_terminal_size((80, 24)).columns)


def _align(table: Table) -> list[str]:
    numeric = table.numeric or [False] * len(table.columns)
    return ["right" if n else "left" for n in numeric]


def as_text(table: Table, width: int | None = None) -> str:
    width = terminal_width() if width is None else width
    title = "\n".join(_wrap(table.title, width))
    if not table.rows:
        empty = "\n".join(_wrap(table.empty, width))
        return f"{title}\n\n{empty}\n"
    body = tabulate(table.rows, headers=table.columns, tablefmt="simple", disable_numparse=True,
                    colalign=_align(table))
    if max(map(len, body.splitlines()), default=0) > width:
        body = _fitted(table, width)
    return f"{title}\n\n{body}\n"


def _wrap(text: str, width: int) -> list[str]:
    """Lines of at most `width` characters, broken at spaces; a word longer than the width is cut."""
    lines = [piece for line in text.splitlines()
             for piece in textwrap.wrap(line, width, break_on_hyphens=False) or [""]]
    return lines or [""]


def _longest_word(text: str) -> int:
    return max((len(w) for w in text.split()), default=0)


def _fitted(table: Table, width: int) -> str:
    """The table within `width`: text cells wrapped; one block per row when even that does not fit."""
    numeric = table.numeric or [False] * len(table.columns)
    cells = [table.columns, *table.rows]
    natural = [max(max((len(x) for x in str(row[c]).splitlines()), default=0) for row in cells)
               for c in range(len(table.columns))]
    least = []
    for c, is_number in enumerate(numeric):
        if is_number:  # a figure keeps its line; its header wraps to its width
            figures = max((len(row[c]) for row in table.rows), default=0)
            least.append(max(figures, min(_longest_word(table.columns[c]), WORD_MAX)))
        else:
            words = max(_longest_word(row[c]) for row in cells)
            figures = max((len(row[c]) for row in table.rows if FIGURE.fullmatch(row[c])), default=0)
            least.append(max(figures, min(natural[c], max(NARROWEST, min(words, WORD_MAX)))))
    if sum(least) + GAP * (len(least) - 1) > width:
        return _blocks(table, width)
    widths = _share(least, natural, width - GAP * (len(least) - 1))
    aligns = [str.rjust if n else str.ljust for n in numeric]
    header = _lines(table.columns, widths, [str.ljust] * len(widths))
    rule = [(" " * GAP).join("-" * w for w in widths)]
    rows = [_lines(row, widths, aligns) for row in table.rows]
    spaced = any(len(r) > 1 for r in rows)  # wrapped rows need a blank line between them to be told apart
    out = header + rule
    for i, row in enumerate(rows):
        out += ([""] if spaced and i else []) + row
    return "\n".join(out)


def _share(least: list[int], natural: list[int], room: int) -> list[int]:
    """Column widths from their least, the room left given one column at a time to the one most short of its
    natural width (so the longest text gets the most room)."""
    widths = list(least)
    spare = room - sum(widths)
    while spare > 0:
        short = [(natural[c] - widths[c], c) for c in range(len(widths)) if widths[c] < natural[c]]
        if not short:
            break
        widths[max(short)[1]] += 1
        spare -= 1
    return widths


def _lines(row: list[str], widths: list[int], aligns: list[Any]) -> list[str]:
    wrapped = [_wrap(str(cell), w) for cell, w in zip(row, widths)]
    height = max(len(w) for w in wrapped)
    return [(" " * GAP).join(align(lines[i] if i < len(lines) else "", w)
                             for lines, w, align in zip(wrapped, widths, aligns)).rstrip()
            for i in range(height)]


def _blocks(table: Table, width: int) -> str:
    """One block per row: "Kolom: nilai" for each filled cell, the values wrapped in a column of their own after the
    labels; a label too long for that column ("Efisiensi (rata-rata sasaran)") stands on its own line above."""
    label_width = min(max(len(c) for c in table.columns) + 2, max(12, width // 3))
    blocks = []
    for row in table.rows:
        lines = []
        for column, value in zip(table.columns, row):
            value = str(value)
            if not value.strip():
                continue
            wrapped = _wrap(value, width - label_width)
            label = f"{column}:"
            if len(label) >= label_width:
                lines += _wrap(label, width)
                label = ""
            lines.append(f"{label:<{label_width}}{wrapped[0]}".rstrip())
            lines += [" " * label_width + line for line in wrapped[1:]]
        blocks.append("\n".join(lines))
    rule = "-" * min(width, 40)
    return f"\n{rule}\n".join(blocks)


_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&])")


def escape_cell(text: str) -> str:
    """One GFM table cell: characters that Markdown would read as markup (a pipe above all) are backslash-escaped
    and line breaks fold to spaces, since a cell is one line."""
    if "\n" in text or "\r" in text:
        text = " ".join(text.split())
    return _INLINE_SPECIAL.sub(r"\\\1", text)


def as_markdown(table: Table) -> str:
    if not table.rows:  # one line saying why, not a bare header
        return f"**{escape_cell(table.title)}**\n\n*{escape_cell(table.empty)}*\n"
    header = [escape_cell(c) for c in table.columns]
    rows = [[escape_cell(c) for c in row] for row in table.rows]
    body = tabulate(rows, headers=header, tablefmt="github", disable_numparse=True, colalign=_align(table))
    return f"**{escape_cell(table.title)}**\n\n{body}\n"
