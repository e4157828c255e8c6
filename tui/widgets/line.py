"""A fixed-size line of text that repaints itself alone.

Static.update() asks for a layout pass of the whole screen (its size might change). A line whose size is fixed by
CSS never needs that: set_text() only repaints the line, which is what a keystroke should cost."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.widget import Widget

from ..shown import made_safe


class Line(Widget):
    DEFAULT_CSS = "Line { height: 1; width: 1fr; }"

    def __init__(self, text: Text | str = "", **kw: Any) -> None:  # Widget's own keywords (id, classes…)
        super().__init__(**kw)
        self._text = Text(text) if isinstance(text, str) else text

    def set_text(self, text: Text | str) -> None:
        # Messages and labels quote stored names: no control character of theirs may reach the terminal.
        text = made_safe(Text(text) if isinstance(text, str) else text)
        if text == self._text:
            return
        self._text = text
        self.refresh()

    @property
    def text(self) -> Text:
        return self._text

    def render(self) -> Text:
        return self._text
