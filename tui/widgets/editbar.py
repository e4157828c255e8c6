"""The edit line under the grids: the cell being edited and what has been typed ("Realisasi 2022 · IKM: 80▏").

It is always one line high and only its text changes, so opening, typing and committing repaint this one line and
never re-lay the screen out."""

from __future__ import annotations

from rich.text import Text

from .line import Line

IDLE_ITEMS = ("Enter/e ubah", "angka langsung mengubah", "x jelaskan", "/ cari", "[ ] tahun")
IDLE_HINT = " \u00b7 ".join(IDLE_ITEMS)


def idle_hint(room: int) -> str:
    """The hint's items that fit whole, in order: cut in the middle, "x jelas…" read as a half sentence."""
    hint = ""
    for item in IDLE_ITEMS:
        longer = f"{hint} \u00b7 {item}" if hint else item
        if len(longer) > room:
            break
        hint = longer
    return hint


class EditBar(Line):
    DEFAULT_CSS = "EditBar { height: 1; padding: 0 1; }"
    _idle = False

    def on_mount(self) -> None:
        self.close()

    def on_resize(self) -> None:
        if self._idle:
            self.close()  # as many of the hint's items as the new width holds

    def show(self, label: str, text: str, *, selected: bool) -> None:
        """The label is cut to fit, never the typed value: at 80 columns a long indicator name used to push the
        digits being typed off the line. A value wider than the line shows its end, where the typing happens."""
        room = (self.content_region.width or self.app.size.width - 2) - 1  # the cursor mark takes one cell
        if len(text) >= room:
            label, text = "", "\u2026" + text[-(room - 1):]
        elif len(label) + 1 + len(text) > room:
            keep = room - len(text) - 2
            label = label[:keep] + "\u2026" if keep > 0 else ""
        line = Text(no_wrap=True, overflow="crop")
        if label:
            line.append(label + " ", style="bold")
        line.append(text, style="reverse" if selected and text else "underline")
        line.append("\u258f")
        self.set_text(line)

    def echo(self, label: str, old: str, new: str, tail: str) -> None:
        """What was understood, after a commit: "✓ Realisasi 2022 · IKM: 82,08 → 80,00 · capaian 97,56%". The
        label is cut first, never the values."""
        values = f"{old} \u2192 {new}{tail}"
        room = (self.content_region.width or self.app.size.width - 2)
        keep = room - len(values) - 1
        label = label if len(label) <= keep else (label[:keep - 1] + "\u2026" if keep > 1 else "")
        line = Text(no_wrap=True, overflow="ellipsis")
        if label:
            line.append(label + " ", style="bold")
        line.append(values)
        self.set_text(line)

    def set_text(self, text: Text | str) -> None:
        self._idle = False
        super().set_text(text)

    def close(self) -> None:
        room = self.content_region.width or self.app.size.width - 2
        self.set_text(Text(idle_hint(room), style="dim", no_wrap=True, overflow="ellipsis"))
        self._idle = True
