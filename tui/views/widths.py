"""Column widths for tables whose cells wrap: a line may break only between words, never inside one.

A column narrower than its longest word makes Rich fold the word ("Meningkat/nya", "Capaia/n (%)"), so every
column is at least as wide as the longest word of its header and cells; what is left of the screen goes to the
long text columns, up to a cap, so that a row shows its figures beside its names. A table whose words alone are
wider than the screen scrolls sideways (the cell cursor follows) rather than cut a word, and its columns end at the
screen's edge."""

from __future__ import annotations

from rich.cells import cell_len

PADDING = 2  # a DataTable cell's padding, one column either side
TEXT_CAP = 28  # a long text column wider than this makes rows short but pushes the figures off the screen


def longest_word(text: str) -> int:
    return max((cell_len(w) for w in text.split()), default=0)


def column_widths(columns: list[str], rows: list[list[str]], numeric: list[bool], room: int) -> list[int]:
    """The width of each column (without padding) for a table drawn in `room` cells."""
    count = len(columns)
    whole = [max([cell_len(columns[i])] + [cell_len(r[i]) for r in rows]) for i in range(count)]
    words = [max([longest_word(columns[i])] + [longest_word(r[i]) for r in rows]) for i in range(count)]
    content = [max([0] + [cell_len(r[i]) for r in rows]) for i in range(count)]
    # Figures keep their whole width (a number never wraps); short texts too.
    widths = [max(content[i], words[i], 2) if numeric[i] or content[i] <= 8 else max(words[i], 2)
              for i in range(count)]
    growing = [i for i in range(count) if not numeric[i] and content[i] > 8]
    spare = room - sum(w + PADDING for w in widths)
    # Share what is left among the long texts, narrowest first, so a short name is not wrapped for a long one.
    for n, i in enumerate(sorted(growing, key=lambda i: whole[i])):
        want = min(max(whole[i], widths[i]), max(TEXT_CAP, widths[i]))
        share = max(spare, 0) // (len(growing) - n)
        grow = min(want - widths[i], share)
        if grow > 0:
            widths[i] += grow
            spare -= grow
    if spare < 0:
        _end_on_a_column(widths, growing, room)
    return widths


def _end_on_a_column(widths: list[int], growing: list[int], room: int) -> None:
    """A table wider than the screen: widen the columns that fit whole so the first one that does not starts past
    the right edge. Cut at the edge, "Capaian (%)" read "Capaia", as a folded word did."""
    used, fits = 0, 0
    while fits < len(widths) and used + widths[fits] + PADDING <= room:
        used += widths[fits] + PADDING
        fits += 1
    left = room - used
    takers = [i for i in growing if i < fits] or ([fits - 1] if fits else [])
    for n, i in enumerate(takers):
        share = left // (len(takers) - n)
        widths[i] += share
        left -= share
