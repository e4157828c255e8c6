"""The floor of the benchmark: a bare Textual app with one Static, started the way `lkjip` starts its app."""

from textual.app import App, ComposeResult
from textual.widgets import Static


class BareApp(App):
    BINDINGS = [("ctrl+q", "quit", "Keluar")]

    def compose(self) -> ComposeResult:
        yield Static("lkjip bench floor")


if __name__ == "__main__":
    BareApp().run(mouse=False)
