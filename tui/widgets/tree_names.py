"""A node's name cut to the room a tree line has, so that siblings stay apart.

Cut at its end, every sub kegiatan of a kegiatan read "Koordinasi dan Pe…": a name that would read like a sibling's
keeps its first word, then an ellipsis, then the name from the word where it parts from that sibling
("Koordinasi…RKA-SKPD" beside "Koordinasi…Perubahan RKA-SKPD"). A name that fits is shown whole."""

from __future__ import annotations

from functools import lru_cache

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
    return _fit_apart(name, room, tuple(siblings))


@lru_cache(maxsize=4096)
def _fit_apart(name: str, room: int, siblings: tuple[str, ...]) -> str:
    shown, start = _fit(name, room, siblings)
    if start is None:
        return shown
    # Cut to the room, the word where it parts from its closest sibling can read like another sibling's: in a tree
    # 24 columns wide, "Koordinasi … Dokumen Perubahan RKA-SKPD" and "Koordinasi … Perubahan DPA-SKPD" both read
    # "Koor…Peruba…". Such a name keeps the start of that word and its own last words ("Per…RKA-SKPD").
    first = name.split(" ", 1)[0]
    rivals = [s for s in siblings if s != name and s.startswith(first) and _fit(s, room, siblings)[0] == shown]
    if not rivals:
        return shown
    tail = _last_words(name, room - 4)  # room left for three cells of the parting word and an ellipsis
    if not tail:
        return shown
    if len(name) - len(tail) <= start:  # the last words hold the parting word themselves
        return ELLIPSIS + tail
    return set_cell_size(name[start:], room - 1 - cell_len(tail)).rstrip() + ELLIPSIS + tail


def _last_words(name: str, room: int) -> str:
    """The most of the name's last whole words that fit in `room` cells ("" when not even the last one does)."""
    words = name.split(" ")
    tail = ""
    for i in range(len(words) - 1, 0, -1):
        more = " ".join(words[i:])
        if cell_len(more) > room:
            break
        tail = more
    return tail


def _fit(name: str, room: int, siblings: tuple[str, ...]) -> tuple[str, int | None]:
    """The name cut at its end, or its first word … the words from where it parts from its closest sibling; with
    where that part begins (None when the name needed no telling apart)."""
    shown = end_cut(name, room)
    if shown == name or room < 8:
        return shown, None
    alike = [s for s in siblings if s != name and end_cut(s, room) == shown]
    if not alike:
        return shown, None
    parts_at = max(_parting(name, s) for s in alike)
    start = name.rfind(" ", 0, parts_at) + 1  # the word where it parts from the closest sibling
    if name[parts_at:parts_at + 1] in (" ", "/"):  # "Pemeliharaan Peralatan…" beside "Pemeliharaan/Rehabilitasi…"
        start = parts_at + 1
    first = name.split(" ", 1)[0]
    head = first if cell_len(first) * 5 <= room * 2 else set_cell_size(first, room // 3)
    if start <= len(head):
        return shown, None
    return head + ELLIPSIS + end_cut(name[start:], room - cell_len(head) - 1), start
