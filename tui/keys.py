"""Keys in arrival order, when a burst (a paste, a fast typist on a laggy SSH link) arrives in one write.

Textual hands every key to the widget in focus at once, but runs a key's *binding* only after the key has bubbled up
from that widget to the app, behind the keys that came after it. So in a burst a dialog opened by a key came up after
the next keys had gone to the tree ("aTujuan Baru Enter" lost the name), and an Enter, a Backspace or an arrow in a
field acted after the characters typed behind it. Three rules keep the order:
- A widget that edits or moves by its own keys (a form's fields, a pick list) runs its own bindings when the key
  reaches it (`OwnKeysFirst`), as tui/widgets/grid.py and tui/widgets/cascade_tree.py do for the grids and the tree.
- A key that opens, answers or closes a dialog, or acts on what the cursor or the year is (the cascade keys, Tab on
  the main view, [ ], Ctrl+Z), is a priority binding, run by the app as the key arrives. Its action first waits until
  the widget in focus has handled the keys that came before (`drained`), then acts, and awaits the dialog's mount:
  the app reads the next key only when the dialog has focus. Where those keys opened a cell editor meanwhile, the
  action raises SkipAction and the key goes to the editor as a character, in its place (`typing_into`).
- Before the app routes a key, the widget that got the previous one has handled it, and the containers and screen
  its messages bubble to (`KeysInOrder`): a tree move has shown its node before Tab moves on.
- A refused key ends its burst (`end_burst`): the keys that had already arrived when it was refused are dropped, and
  the refusal stays on screen, with how many keys were dropped, until the operator's next key. Typed blind behind a
  refusal, they went wherever it left the cursor: a value refused on the computed Serapan column, then Tab and the
  next value, stored that value in the cell Tab led to, and the refusal was wiped by the keys behind it.
"""

from __future__ import annotations

import asyncio
import json
import os
from pathlib import Path
from typing import Any, Iterator

from textual import events
from textual._context import active_message_pump  # Textual's own record of whose handler is running (pinned 8.2.8)
from textual._time import get_time  # the clock of every Message's `time`
from textual.message import Message
from textual.widgets import Input

from .screen_roles import CellEditor, WatchesFields

KEYMAP_FILE = Path(os.environ.get("LKJIP_KEYMAP", "~/.config/lkjip/keymap.json")).expanduser()
# A widget that has stopped (a dialog closing meanwhile) never answers: do not wait on it for ever.
DRAIN_TIMEOUT = 2.0
SETTLE_LIMIT = 0.5  # seconds a key waits at most for the previous one to be handled (KeysInOrder)
SETTLE_ROUNDS = 8


async def drained(widget: Any) -> None:
    """Return once `widget` has handled every message queued to it before now (the keys the app already gave it)."""
    try:
        own = active_message_pump.get() is widget  # asked from the widget's own handler: it is handling them now
    except LookupError:
        own = False
    if widget is None or own or not widget.is_running:
        return
    done = asyncio.Event()
    if widget.call_later(done.set):
        try:
            await asyncio.wait_for(done.wait(), DRAIN_TIMEOUT)
        except asyncio.TimeoutError:
            pass


class OwnKeysFirst:
    """Mixed into a widget: a key it binds itself (an arrow, Backspace, Home…) runs when the key reaches it, in order
    with the characters around it, instead of after bubbling up to the app."""

    async def _on_key(self, event: events.Key) -> None:
        widget: Any = self
        for binding in widget._bindings.key_to_bindings.get(event.key, ()):
            if binding.priority:
                continue
            if await widget.app.run_action(binding.action, widget):
                event.stop()
                event.prevent_default()  # not the widget's own default handling (an Input inserting) as well
                return


class InOrderInput(OwnKeysFirst, Input):
    """A text field whose Backspace, arrows and Home act in order with the characters typed around them, and whose
    screen hears of every change at once (`field_changed`), not by a message that arrives after the next keys: a
    code typed in a burst fills the form's name, and a find filters its list, exactly as when typed slowly."""

    def watch_value(self, value: str) -> None:
        if self.is_mounted and isinstance(self.screen, WatchesFields):
            self.screen.field_changed(self, value)


def in_text_field(widget: object) -> bool:
    """A text field (Input, TextArea) has focus: its letters are characters, not commands. By name: importing
    TextArea would cost every start-up its load time."""
    return any(c.__name__ in ("Input", "TextArea") for c in type(widget).__mro__)


def typing_into(widget: object) -> bool:
    """The widget in focus takes letters as characters: a text field, or a grid cell being typed into."""
    return in_text_field(widget) or (isinstance(widget, CellEditor) and widget.is_editing)


def _idle(pump: Any) -> bool:
    """The pump has handled everything it was given: its loop waits on an empty queue. (Its loop sits in the
    queue's get() only between messages, after the Idle and the callbacks that follow each; a pump in the middle
    of a handler has no getter waiting.) Asking costs nothing; a marker costs a message and an Idle through
    Textual's dispatch, a few hundred µs of every key over the widget's ancestors."""
    queue = pump._message_queue
    return (pump._pending_message is None and queue.empty()
            and any(not getter.done() for getter in getattr(queue, "_getters", ())))


def _mark_handled(done: asyncio.Future) -> None:
    # One named function, not a lambda per key: Textual inspects the signature of every new callable it is given
    # (inspect.signature, tens of µs), and caches it on a function it has seen.
    if not done.done():
        done.set_result(None)


class KeysInOrder:
    """Mixed into the app: each typed key is routed only once the one before it has been handled."""

    _key_target: Any = None  # where the last typed key went
    _burst_refused_at: float | None = None  # a key was refused then: the keys that had arrived by then are dropped
    _refusal = ""
    dropped_keys = 0  # how many keys of the refused burst were dropped so far

    def end_burst(self, refusal: str) -> None:
        """A key was refused: the rest of its burst is dropped. A burst is the keys that have already arrived (read
        from the terminal, queued behind the refused one) when the refusal is said; a key read after it is the
        operator's answer to what the screen now shows."""
        self._burst_refused_at = get_time()
        self._refusal = refusal
        self.dropped_keys = 0

    def refusal_and_dropped(self) -> str:
        """The refusal, and how many keys typed behind it were dropped."""
        return f"{self._refusal} ({self.dropped_keys} tombol berikutnya diabaikan)"

    def dropped_from_burst(self, event: events.Key | events.Paste) -> bool:
        """True for a key (or a paste) of a refused burst (counted in `dropped_keys`); the first key read after the
        refusal ends the dropping."""
        refused_at = self._burst_refused_at
        if refused_at is None:
            return False
        if event.time <= refused_at:
            self.dropped_keys += 1
            return True
        self._burst_refused_at = None
        return False

    def key_routed(self) -> None:
        app: Any = self
        self._key_target = app.focused or app.screen

    async def settle_keys(self) -> None:
        """Let the widget that got the previous key finish with it, and the containers and screen its messages
        bubble to, before the next key is routed. Textual routes a key as it arrives and handles it later in the
        widget's own queue, so in a burst (`↓ ↓ Tab → 79 Enter` in one write) Tab moved focus before the tree had
        moved, and the figures went to the rows of the node that was left. A marker is queued behind whatever each
        of them still has to handle, from the widget up to its screen. Bounded: a handler that waits for the app
        itself (a dialog awaited to its end) only delays the next key by SETTLE_LIMIT."""
        target, self._key_target = self._key_target, None
        app: Any = self
        if target is None or not target.is_attached:
            return
        loop = asyncio.get_running_loop()
        deadline = loop.time() + SETTLE_LIMIT
        for pump in target.ancestors_with_self:
            if pump is app:
                break
            if _idle(pump):
                continue
            for _ in range(SETTLE_ROUNDS):  # what it handles may queue more for itself (a tree move: its highlight)
                handled = loop.create_future()
                pump.call_later(_mark_handled, handled)
                try:
                    await asyncio.wait_for(handled, max(0.0, deadline - loop.time()))
                except asyncio.TimeoutError:
                    return
                if pump._message_queue.empty():
                    break


PASTE_START, PASTE_END = "\x1b[200~", "\x1b[201~"  # bracketed paste, as every terminal sends it
PASTE_HOLD_MAX = 1024 * 1024  # characters of one paste kept; a longer one is over every paste limit (tui/views/paste.py)


class _WholePastes:
    """One terminal parser's bracketed pastes, cut out of what it reads and handed on as one `Paste` each.

    Textual 8.2.8's XTermParser reads a paste a character at a time, and an ESC inside it (a colour code copied from
    a terminal, a stray Esc in a spreadsheet cell) starts an escape sequence that it re-issues as KEYS after 32
    characters or at the next ESC: the rest of the paste was typed (Enters and all) and the Paste held only what
    came before the ESC. So the parser here never sees a paste's body: it gets the text around pastes and the two
    markers themselves (its own paste mode stays in step, and the empty Paste it makes of them is dropped), and
    the body is found with `str.find` per read, not parsed per character. A marker split between two reads is found
    across them."""

    def __init__(self) -> None:
        self.body: list[str] | None = None  # inside a paste: its text so far
        self.held = 0  # characters of the body so far (kept up to PASTE_HOLD_MAX)
        self.tail = ""  # the last characters read (outside: fed to the parser; inside: of the body), for a split marker

    def pieces(self, data: str) -> Iterator[tuple[str, str | None]]:
        """`data` as (text for the parser, None) and ("", a whole paste) in reading order."""
        while data:
            if self.body is None:
                probe = self.tail + data
                at = probe.find(PASTE_START)
                if at < 0:
                    self.tail = probe[-(len(PASTE_START) - 1):]
                    yield data, None
                    return
                end = at + len(PASTE_START) - len(self.tail)  # where the body begins in `data`
                yield data[:end], None  # the keys before it, and the marker: the parser enters its paste mode
                self.body, self.held, self.tail, data = [], 0, "", data[end:]
                continue
            probe = self.tail + data
            at = probe.find(PASTE_END)
            if at < 0:
                self._hold(data)
                self.tail = probe[-(len(PASTE_END) - 1):]
                return
            self._hold(data)
            text = "".join(self.body or ())
            if self.held <= PASTE_HOLD_MAX:
                text = text[: len(text) - len(probe) + at]  # without the end marker, even one split between reads
            rest = data[at + len(PASTE_END) - len(self.tail):]
            self.body, self.tail, data = None, "", rest
            yield PASTE_END, text  # the marker ends the parser's paste mode

    def _hold(self, data: str) -> None:
        if self.held <= PASTE_HOLD_MAX:  # beyond: kept cut, still over every limit, and refused for its size
            assert self.body is not None  # only called inside a paste
            self.body.append(data)
        self.held += len(data)


def stamp_arrival_times() -> None:
    """The terminal parser, patched in this one place for Textual 8.2.8 (textual/_xterm_parser.py):

    - a key's `time` becomes the moment its bytes were read from the terminal. Textual stamps a key when its input
      thread has parsed it, and that thread parses a burst a few keys at a time between the app's own work (they
      share the interpreter): keys read in the same write as a refused key were stamped after the refusal and taken
      for the operator's next keys. Textual reads `time` of keys nowhere else (only of mouse clicks);
    - a bracketed paste is one `Paste` of exactly what was pasted, ESC included, never keys (`_WholePastes`)."""
    from textual._xterm_parser import XTermParser

    parse = XTermParser.feed
    if getattr(parse, "stamps_arrival", False):
        return

    def feed(parser: XTermParser, data: str) -> Iterator[Message]:
        read_at = get_time()  # called right after the read, before any of its keys is parsed
        if not data:  # the end of input
            yield from parse(parser, data)
            return
        pastes = parser.__dict__.setdefault("lkjip_pastes", _WholePastes())
        for keys, pasted in pastes.pieces(data):
            for message in parse(parser, keys):
                if isinstance(message, events.Paste):
                    continue  # the parser's own (empty) paste: the whole one follows
                message.time = read_at
                yield message
            if pasted is not None:
                paste = events.Paste(pasted.replace("\x00", ""))  # NUL dropped, as Textual does (its issue 1661)
                paste.time = read_at
                yield paste

    feed.stamps_arrival = True  # type: ignore[attr-defined]  # a mark on the function: patched once per process
    XTermParser.feed = feed  # type: ignore[method-assign,assignment]  # the one patch of Textual's parser, pinned to 8.2.8


def load_keymap(app: Any) -> None:
    """Keys are data with ids: ~/.config/lkjip/keymap.json ({"view.tables": "f3,t", ...}) remaps them."""
    try:
        keymap = json.loads(KEYMAP_FILE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return
    if isinstance(keymap, dict):
        app.set_keymap({str(k): str(v) for k, v in keymap.items()})
