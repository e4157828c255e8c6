"""Command palette (Ctrl+P): the app's commands plus those of the view on screen."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider


class LkjipCommands(Provider):
    def _commands(self) -> list[tuple[str, str, object]]:
        source = getattr(self.app, "palette_commands", None)
        return source() if callable(source) else []

    async def discover(self) -> Hits:
        for name, help_text, callback in self._commands():
            yield DiscoveryHit(name, partial(callback), help=help_text)  # type: ignore[arg-type]

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), partial(callback), help=help_text)  # type: ignore
