"""A node's name cut to the room a tree line has, so that siblings stay apart.

Cut at its end, every sub kegiatan of a kegiatan read "Koordinasi dan Pe…": a name that would read like a sibling's
keeps its first word, then an ellipsis, then the name from the word where it parts from that sibling
("Koordinasi…RKA-SKPD" beside "Koordinasi…Perubahan RKA-SKPD"). A name that fits is shown whole."""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size

ELLIPSIS = "\u2026"


def end_cut(name: str, room: int) -> str:
    if cell_len(name) <= room:
        return name
    return set_cell_size(name, max(room - 1, 0)).rstrip() + ELLIPSIS if room > 0 else ""


def _parting(name: str, other: str) -> int:
    """Where `name` first differs from `other`."""
    n = 0
    for a, b in zip(name, other):
        if a != b:
            break
        n += 1
    return n


def fit_name(name: str, room: int, siblings: list[str]) -> str:
    """`name` in at most `room` cells, told apart from the `siblings` (the other names under the same parent)."""
    shown = end_cut(name, room)
    if shown == name or room < 8:
        return shown
    alike = [s for s in siblings if s != name and end_cut(s, room) == shown]
    if not alike:
        return shown
    parts_at = max(_parting(name, s) for s in alike)
    start = name.rfind(" ", 0, parts_at) + 1  # the word where it parts from the closest sibling
    first = name.split(" ", 1)[0]
    head = first if cell_len(first) * 5 <= room * 2 else set_cell_size(first, room // 3)
    if start <= len(head):
        return shown
    return head + ELLIPSIS + end_cut(name[start:], room - cell_len(head) - 1)
