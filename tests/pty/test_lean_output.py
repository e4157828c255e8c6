"""The same screen in fewer bytes (tui/app/lean_output.py): what lkjip writes is read back by a terminal model (pyte), cell
by cell, against what Textual's own writers give.

Three levels: a strip's runs joined (hypothesis over styles a terminal shows differently, and blanks), a partial update
cropped to the changed span (random frames and spans), and the real app in a pty, where the same keys with and
without LKJIP_PLAIN_OUTPUT must leave the same screen while lean writes fewer bytes."""

from __future__ import annotations

import os
from pathlib import Path

import pyte
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.color import ColorSystem
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from textual._compositor import ChopsUpdate
from textual.strip import Strip

from tui.app import lean_output

from tests.support.pty import PtySession, key_bytes, lkjip_argv, tui_env

from store.demo import demo_document  # noqa: E402
from store.edits.workbook import Workbook  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
WIDTH = 40
CONSOLE = Console(color_system="256", force_terminal=True, width=WIDTH)
ORIGINAL_RENDER = lean_output.ORIGINAL_STRIP_RENDER
ORIGINAL_CHOPS = lean_output.ORIGINAL_CHOPS_RENDER


def screen_of(*writes: str, width: int = WIDTH, height: int = 4) -> list[list[tuple]]:
    """What a terminal shows after the writes: per cell its character and what the eye sees of it. A blank with
    no underline, strike or reverse shows only its background, so its foreground and boldness are not compared."""
    screen = pyte.Screen(width, height)
    stream = pyte.Stream(screen)
    for data in writes:
        stream.feed(data)
    return cells_of(screen)


def cells_of(screen: pyte.Screen) -> list[list[tuple]]:
    """The screen's cells as screen_of compares them."""
    width, height = screen.columns, screen.lines
    rows = []
    for y in range(height):
        row = []
        for x in range(width):
            c = screen.buffer[y][x]
            drawn = c.underscore or c.strikethrough or c.reverse
            if c.data == " " and not drawn:
                row.append((" ", c.bg))
            else:
                row.append((c.data, c.fg, c.bg, c.bold, c.italics, c.underscore, c.strikethrough, c.reverse))
        rows.append(row)
    return rows


COLOURS = ["red", "green", "color(17)", "color(233)", "color(253)", None]
styles = st.builds(
    lambda fg, bg, bold, italic, underline, strike, reverse, meta: Style(
        color=fg, bgcolor=bg, bold=bold, italic=italic, underline=underline, strike=strike, reverse=reverse,
        meta={"row": meta} if meta else None),
    st.sampled_from(COLOURS), st.sampled_from(COLOURS), st.booleans(), st.booleans(),
    st.booleans() | st.none(), st.booleans() | st.none(), st.booleans() | st.none(), st.integers(0, 2))
texts = st.sampled_from([" ", "   ", "ab", "12,5", " x ", "\u2014", "Rp 1.234"])
segments = st.lists(st.tuples(texts, styles | st.none()), min_size=1, max_size=10)


@settings(max_examples=300)
@given(segments)
def test_joined_runs_show_the_same_cells_as_textuals_own_writing(parts: list[tuple[str, Style | None]]) -> None:
    segs = [Segment(t, s) for t, s in parts]
    text_len = sum(len(t) for t, _ in parts)
    if text_len > WIDTH:
        return
    theirs = ORIGINAL_RENDER(Strip(segs), CONSOLE)
    ours = lean_output.render_strip(Strip(segs), CONSOLE)
    assert screen_of(ours) == screen_of(theirs)
    assert len(ours) <= len(theirs)


def test_cells_of_one_colour_with_different_mouse_metadata_are_written_as_one_run() -> None:
    base = Style(color="color(253)", bgcolor="color(234)")
    row = Strip([Segment("  1.002,50 ", base + Style(meta={"column": 1})),
                 Segment("   514,10 ", base + Style(meta={"column": 2})),
                 Segment(" ST ", base + Style(meta={"column": 3}))])
    ours = lean_output.render_strip(row, CONSOLE)
    assert ours.count("\x1b[0m") == 1
    assert screen_of(ours) == screen_of(ORIGINAL_RENDER(row, CONSOLE))


def test_a_blank_beside_an_underlined_run_keeps_its_own_style() -> None:
    typed = Style(color="white", bgcolor="blue", underline=True)
    row = Strip([Segment("13,5", typed), Segment("   ", Style(bgcolor="blue"))])
    ours = lean_output.render_strip(row, CONSOLE)
    assert screen_of(ours) == screen_of(ORIGINAL_RENDER(row, CONSOLE))
    assert ours.count("\x1b[0m") == 2


# ---- partial updates: only the changed span of a line is written ---------------------------------------------------
line_cells = st.lists(st.tuples(st.sampled_from("ab .,1"), st.sampled_from([0, 1, 2])), min_size=WIDTH,
                      max_size=WIDTH)
PALETTE = [Style(color="color(253)", bgcolor="color(233)"), Style(color="red", bgcolor="color(233)"),
           Style(color="color(195)", bgcolor="color(32)", bold=True)]


def strip_of(cells: list[tuple[str, int]]) -> Strip:
    return Strip([Segment(ch, PALETTE[s]) for ch, s in cells]).simplify()


@settings(max_examples=200)
@given(old=line_cells, new=line_cells, cut=st.integers(1, WIDTH - 1), span=st.tuples(st.integers(0, WIDTH - 1),
                                                                                        st.integers(1, WIDTH)))
def test_a_partial_update_leaves_the_same_screen_as_textuals(old, new, cut, span) -> None:
    """Two chops (widgets) side by side on one line; a span of the line changed. Outside the span the old frame
    and the new one agree, as Textual's dirty regions promise."""
    x1, x2 = sorted((span[0], max(span[1], span[0] + 1)))
    x2 = min(x2, WIDTH)
    new = [new[x] if x1 <= x < x2 else old[x] for x in range(WIDTH)]
    chops = [{0: strip_of(new[:cut]), cut: strip_of(new[cut:])}]
    update = ChopsUpdate(chops, [(0, x1, x2)], [[cut, WIDTH]])
    first = ORIGINAL_RENDER(strip_of(old), CONSOLE)
    theirs = ORIGINAL_CHOPS(update, CONSOLE)
    ours = lean_output.render_chops(update, CONSOLE)
    assert screen_of("\x1b[1;1H" + first, ours, height=1) == screen_of("\x1b[1;1H" + first, theirs, height=1)
    assert screen_of("\x1b[1;1H" + first, ours, height=1) == screen_of(
        "\x1b[1;1H" + ORIGINAL_RENDER(strip_of(new), CONSOLE), height=1)


# ---- the app in a pty -------------------------------------------------------------------------------------------
pty_only = pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
F8 = "f8"
QUIET = 0.3


def run_keys(path: Path, tmp_path: Path, plain: bool,
             steps: list[list[str]]) -> tuple[list[list[list[tuple]]], int]:
    """The screen after each step (a terminal model fed everything written so far), and the bytes after start-up."""
    env = tui_env(tmp_path)
    env.pop("LKJIP_PLAIN_OUTPUT", None)
    if plain:
        env["LKJIP_PLAIN_OUTPUT"] = "1"
    session = PtySession(lkjip_argv(path), env, (80, 24), cwd=str(ROOT))
    screen = pyte.Screen(80, 24)
    stream = pyte.ByteStream(screen)  # one terminal fed all along: the screen after a step is the one before + it
    stream.feed(session.read_until_quiet(QUIET, min_cells=80 * 24, first_timeout=30.0, timeout=60.0).data)
    screens = [cells_of(screen)]
    after_start = 0
    try:
        for keys in steps:
            os.write(session.master, b"".join(key_bytes(k) for k in keys))
            data = session.read_until_quiet(QUIET, first_timeout=5.0, timeout=30.0).data
            stream.feed(data)
            screens.append(cells_of(screen))
            after_start += len(data)
    finally:
        session.close(["ctrl+q"])
    return screens, after_start


@pty_only
def test_keys_in_the_grid_and_the_sheet_leave_the_screen_textual_would_in_fewer_bytes(tmp_path: Path) -> None:
    # Every kind of repaint: the tree and its branches, focus moving, a cell edit, a dialog over the view and gone
    # again, another year, the entry sheets scrolling, the tables. The screens are compared after every step: a
    # partial update draws only some widgets (tui/lean_output.partial_update), and a wrong one would show at once.
    steps = [["down"], ["right"], ["down"], ["left"], ["down"], ["tab"], ["right"], ["right"], ["e"], list("77"),
             ["enter"], ["down"], ["up"], ["shift+tab"], ["?"], ["escape"], ["]"],
             ["["], [F8], list("81"), ["enter"], list("82"), ["enter"], ["down"] * 12, ["up"] * 14,
             ["right"] * 4, ["f9"], ["down"], ["f3"], ["f2"]]
    # One key per write, each answered before the next: how many frames Textual paints for a burst (12 ↓ at once)
    # depends on how the keys and its 60 Hz refresh interleave, i.e. on the machine's load, and the byte count with
    # it (a loaded run once wrote 89 321 lean bytes against 105 082 plain ones). For one key the frames are the
    # app's own (the repaint, the follow-up the view schedules), the same in both runs; so the ratio measures the
    # bytes per frame, which is what lean output changes.
    steps = [[key] for step in steps for key in step]

    def run(plain: bool) -> tuple[list[list[list[tuple]]], int]:
        folder = tmp_path / ("plain" if plain else "lean")  # one file name: the opening message quotes it
        folder.mkdir()
        path = folder / "torjun.json"
        Workbook.create(path, demo_document())
        return run_keys(path, tmp_path, plain, steps)

    # One after the other: side by side, each was the other's load, and a loaded run paints more frames per key.
    (plain_screens, plain_bytes), (lean_screens, lean_bytes) = run(True), run(False)
    assert len(lean_screens) == len(plain_screens) == len(steps) + 1
    for n, (lean, plain) in enumerate(zip(lean_screens, plain_screens)):
        # The status line ends with the time of the last save, which differs between the two runs.
        assert lean[:-2] == plain[:-2], f"after step {n}: {steps[n - 1] if n else 'start'}"
    print(f"after start-up: lean {lean_bytes} bytes, plain {plain_bytes} bytes")
    # Quiet machine: 88.9 KB against 113.7 KB (0.78). The plain run writes the same bytes whatever the load; under the
    # load of three other test workers the lean one once wrote 97.3 KB (0.86): Textual paints a key in more frames
    # when it is late, and the partial updates add up. Broken lean output writes as much as plain (1.0) or more.
    assert lean_bytes < plain_bytes * 0.9, (lean_bytes, plain_bytes)
