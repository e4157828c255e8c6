"""Shown instead of the workbook while the terminal is smaller than 80×24; it goes away when the terminal grows."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Static


class TooSmallScreen(Screen):
    DEFAULT_CSS = "TooSmallScreen { align: center middle; } TooSmallScreen Static { width: auto; }"

    def compose(self) -> ComposeResult:
        yield Static("Terminal terlalu kecil.\nlkjip perlu paling sedikit 80\u00d724:\nperbesar jendela terminal.")
