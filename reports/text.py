"""Plain renderings of a Table: terminal text and GFM Markdown.

tabulate re-parses number-like strings ("1.500" would print as 1.5), so numbers always go in as strings with
disable_numparse and explicit alignment. Markdown cells are escaped so that markdown-it-py reads back exactly the
cells that were meant: a `|` in a name would otherwise add a cell and the surplus would be dropped silently.
"""

from __future__ import annotations

import re

from tabulate import tabulate

from .tables import Table


def _align(table: Table) -> list[str]:
    numeric = table.numeric or [False] * len(table.columns)
    return ["right" if n else "left" for n in numeric]


def as_text(table: Table) -> str:
    if not table.rows:
        return f"{table.title}\n\n{table.empty}\n"
    body = tabulate(table.rows, headers=table.columns, tablefmt="simple", disable_numparse=True,
                    colalign=_align(table))
    return f"{table.title}\n\n{body}\n"


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
