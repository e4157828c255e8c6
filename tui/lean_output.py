"""Fewer bytes to the terminal for the same screen: what an operator on a slow SSH link waits for after every key.

Textual 8.2.8 (pinned) writes more than the screen needs in two places, and both are fixed here at the one point
where a frame becomes bytes:

- A partial update (a committed cell, a cursor move, the status line) is resent from the left edge of the widget
  that changed, not from the changed cells: `ChopsUpdate.render_segments` crops a chop only on the right (its own
  comment says "TODO: crop to x extents"). A commit in the entry sheet resent the code and name of two rows.
- Every segment carries its own colour sequence and reset, even when its neighbour looks the same: a row of ten
  cells in one colour costs ten `ESC[38;5;253;48;5;233m … ESC[0m` pairs. Runs that render alike are written as one.

A partial update also cost more CPU than it needed: Textual renders every widget under the rectangle around all the
changed regions, and a commit changes a grid cell and the status lines, so the tree beside the grid was cut into
pieces on every commit and thrown away. Only widgets under a changed region are rendered here (`partial_update`).

"Alike" is what the terminal shows: the same style, or blanks whose style differs only in what a blank cannot show
(foreground colour, bold, italic, dim). A blank next to an underlined, struck, overlined, reversed or linked run is
never merged into it, since those draw on blanks too.

`install()` is called once by tui.app before the app runs; tests/test_lean_output.py replays both renderings through
a terminal model (pyte) and compares the screens cell by cell.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable

from rich.color import ColorSystem
from rich.console import Console
from rich.control import Control
from rich.segment import Segment
from rich.style import Style
from textual._compositor import ChopsUpdate, Compositor
from textual.geometry import Region
from textual.strip import Strip

ORIGINAL_STRIP_RENDER = Strip.render  # Textual's own, kept for the comparison tests and LKJIP_PLAIN_OUTPUT
ORIGINAL_CHOPS_RENDER = ChopsUpdate.render_segments
ORIGINAL_PARTIAL_UPDATE = Compositor.render_partial_update

# What a blank shows besides its background: these styles draw on spaces, so blanks with them keep their own run.
_DRAWS_ON_BLANKS = ("underline", "underline2", "strike", "overline", "reverse", "conceal")


def _blank(text: str) -> bool:
    return not text.strip(" ")


def _plain_ground(style: Style | None) -> bool:
    """A style under which a blank shows nothing but its background."""
    return style is not None and not style._link and not any(getattr(style, a) for a in _DRAWS_ON_BLANKS)


def _shared_style(a: Segment, b: Segment, sgr: Callable[[Style], str]) -> tuple[bool, Style | None]:
    """Whether two neighbouring runs look the same on screen, and the style they can share. Styles are compared as
    the terminal sees them (their escape sequence), since Textual's carry mouse metadata that never reaches it."""
    if a.style is None or b.style is None:
        return a.style is b.style, None
    if a.style._link != b.style._link:
        return False, None
    if sgr(a.style) == sgr(b.style):
        return True, a.style
    if not (_plain_ground(a.style) and _plain_ground(b.style)) or a.style.bgcolor != b.style.bgcolor:
        return False, None
    if _blank(b.text):
        return True, a.style
    if _blank(a.text):
        return True, b.style
    return False, None


def lean_segments(segments: Iterable[Segment], sgr: Callable[[Style], str]) -> list[Segment]:
    """Adjacent segments that render alike, joined (control segments are left where they stand)."""
    out: list[Segment] = []
    for seg in segments:
        if out and seg.text and not seg.control and not out[-1].control:
            alike, style = _shared_style(out[-1], seg, sgr)
            if alike:
                out[-1] = Segment(out[-1].text + seg.text, style)
                continue
        out.append(seg)
    return out


def render_strip(self: Strip, console: Console) -> str:
    """Strip.render, with runs that render alike written once (cached on the strip as Textual does)."""
    if self._render_cache is None:
        color_system = console._color_system or ColorSystem.TRUECOLOR
        render = self.render_style

        def sgr(style: Style) -> str:
            return style._ansi if style._ansi is not None else Strip.render_ansi(style, color_system)

        self._render_cache = "".join(
            text if style is None else render(style, text, color_system=color_system)
            for text, style, _ in lean_segments(self._segments, sgr))
    return self._render_cache


def render_chops(self: ChopsUpdate, console: Console) -> str:
    """ChopsUpdate.render_segments, writing only the changed span of each line: from x1, not the chop's left edge."""
    sequences: list[str] = []
    append = sequences.append
    move_to = Control.move_to
    last_y = self.spans[-1][0]
    for y, x1, x2 in self.spans:
        for end, (x, strip) in zip(self.chop_ends[y], self.chops[y].items()):
            if strip is None or x > x2 or end <= x1:
                continue
            start, stop = max(x, x1), min(end, x2)
            if stop <= start:
                continue
            piece = strip if (start, stop) == (x, end) else strip.crop(start - x, stop - x)
            append(move_to(start, y).segment.text)
            append(piece.render(console))
        if y != last_y:
            append("\n")
    return "".join(sequences)


def partial_update(self: Compositor) -> ChopsUpdate | None:
    """Compositor.render_partial_update over the widgets whose visible area meets a changed region.

    What is written is only the changed spans (render_chops). A widget under none of the changed regions gives no
    character to any span: every piece of a line that meets a span is covered by the same widgets, front to back, with
    or without it. Left out, its pieces of the lines stay empty, and empty pieces are never written."""
    changed = list(self._dirty_regions)
    full = self.visible_widgets
    # The cuts of every line are worked out once per layout, from the widgets the map holds at that moment: from all
    # of them, before the narrowing (cut from a few, a later whole frame lost lines: tests/test_snapshots.py).
    _ = self.cuts
    overlaps = Region.overlaps
    under = {widget: (region, clip) for widget, (region, clip) in full.items()
             if any(overlaps(clip.intersection(region), r) for r in changed)}
    self._visible_widgets = under
    try:
        return ORIGINAL_PARTIAL_UPDATE(self)
    finally:
        if self._visible_widgets is under:  # not replaced meanwhile (a new layout): the whole map again
            self._visible_widgets = full


def install() -> None:
    """Replace Textual's two writers and its partial update. LKJIP_PLAIN_OUTPUT=1 keeps Textual's own (to compare,
    or for a terminal that misbehaves)."""
    if os.environ.get("LKJIP_PLAIN_OUTPUT"):
        return
    Strip.render = render_strip  # type: ignore[method-assign]  # the patch itself (Textual pinned 8.2.8)
    ChopsUpdate.render_segments = render_chops  # type: ignore[method-assign]  # as above
    Compositor.render_partial_update = partial_update  # type: ignore[method-assign]  # as above
