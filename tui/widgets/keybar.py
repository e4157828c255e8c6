"""A one-line key bar with the main keys of a view.

Textual's Footer recomposes all its key widgets whenever focus moves, which during fast entry cost more CPU than the
save itself and re-sent the bottom line. This bar is drawn once per view, from the bindings in force (so a keymap
file's keys show), and does not change while the operator types."""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len
from rich.text import Text

from .line import Line


# The views and the way out, shown on every view after the view's own keys.
ALWAYS = "app.help"
VIEW_KEYS = ["view.sheet", "view.tables", "view.checks", "view.main", "app.help", "app.quit"]


class KeyBar(Line):
    DEFAULT_CSS = "KeyBar { height: 1; background: $panel; color: $text; }"

    def __init__(self, ids: list[str], **kw: Any) -> None:  # Widget's own keywords (id, classes…)
        super().__init__(**kw)
        self.ids = ids

    def on_mount(self) -> None:
        # Not after a refresh (that costs a second paint at start-up), but once the view's other widgets, mounted
        # alongside, can be queried for their bindings.
        self.call_later(self.draw)

    def draw(self) -> None:
        found: dict[str, tuple[str, str]] = {}
        # Every widget of the view, not only the focused chain: the grid's keys belong on the bar while the tree
        # has focus. The nodes' binding maps already carry any keymap remapping.
        for node in [self.app, self.screen, *self.screen.query("*")]:
            for bindings in node._bindings.key_to_bindings.values():
                for b in bindings:
                    if b.id in self.ids and b.id not in found:
                        found[b.id] = (self.app.get_key_display(b), b.description)
        items = [(i, *found[i]) for i in self.ids if i in found]
        # Whole items only ("f1" without "Bantuan" said nothing), and the help key always: it lists the rest.
        room = self.size.width or self.app.size.width
        kept, used = [], sum(_width(k, t) for i, k, t in items if i == ALWAYS)
        for binding_id, key, label in items:
            if binding_id == ALWAYS or used + _width(key, label) <= room:
                kept.append((key, label))
                used += 0 if binding_id == ALWAYS else _width(key, label)
        line = Text(no_wrap=True, overflow="crop")
        for key, label in kept:
            line.append(f" {key}", style="bold reverse")
            line.append(f" {label} ")
        self.set_text(line)

    def on_resize(self) -> None:
        if self.is_mounted and self.ids:
            self.draw()


def _width(key: str, label: str) -> int:
    return cell_len(f" {key} {label} ")
