"""The one sanitiser for stored text on its way to a terminal, and the one rule for control characters typed in.

A name, a reason or a narrative may hold anything a file or a paste put there: `\\e]2;…\\a` retitles the terminal,
`\\e[2J` wipes the screen, `\\r\\e[1A\\e[2K` hides the line above. Every output point (the CLI's lines and messages,
every TUI widget that draws stored text) passes text through `visible`, which never emits a control character but
shows it, so that the operator sees that something odd is stored:

- C0 controls and DEL as their Unicode control pictures: ESC as `␛`, BEL `␇`, CR `␍`, NUL `␀`, DEL `␡`;
  newline and tab are kept where the context is multi-line (a narrative, the CLI's own line breaks), otherwise
  shown as `␊` and `␉`;
- C1 controls (U+0080–U+009F, where U+009B acts as ESC [) and the invisible direction and format controls that
  reorder what a line seems to say (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C, U+2028, U+2029,
  U+FEFF…) as `�` (U+FFFD).

Every replacement is exactly one character for one, so a styled text (Rich's Text) keeps its spans, and a column
keeps its width. JSON output keeps the values exact instead: `json_safe` writes those characters as `\\u` escapes.

This module imports nothing from textual; the TUI and the CLI both use it.
"""

from __future__ import annotations

import re

CUT = 60  # characters of an operator's input quoted back in a message

_PICTURES = {c: 0x2400 + c for c in range(0x20)}
_PICTURES[0x7F] = 0x2421
_REPLACEMENT = 0xFFFD
FORMAT_CONTROLS = [0x061C, 0x200E, 0x200F, 0x2028, 0x2029, 0xFEFF, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]

# One table per context: control pictures, and C1 and format controls as U+FFFD.
_ONE_LINE = {**_PICTURES, **{c: _REPLACEMENT for c in range(0x80, 0xA0)}, **{c: _REPLACEMENT for c in FORMAT_CONTROLS}}
_MULTI_LINE = {k: v for k, v in _ONE_LINE.items() if k not in (0x0A, 0x09)}

# Characters that have no business in a stored text (what `visible` replaces), for the input rule and for tests.
_CONTROL_CLASS = "\x00-\x1f\x7f-\x9f" + "".join(chr(c) for c in FORMAT_CONTROLS)
CONTROL = re.compile(f"[{_CONTROL_CLASS}]")
_JSON_UNESCAPED = re.compile("[\x7f-\x9f" + "".join(chr(c) for c in FORMAT_CONTROLS) + "]")


def visible(text: str, *, multiline: bool = False) -> str:
    """`text` with every control character shown as a visible one-character escape (see the module's docstring).
    `multiline` keeps newlines and tabs."""
    return text.translate(_MULTI_LINE if multiline else _ONE_LINE)


def cut(text: str, limit: int = CUT) -> str:
    """At most `limit` characters, an ellipsis marking what was left out."""
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def cut_words(text: str, limit: int = CUT) -> str:
    """At most `limit` characters, ended after a whole word, an ellipsis marking what was left out: a name in a
    title or a message read "Pelaksan" for "Pelaksanaan". One word longer than `limit` is cut inside."""
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    if not text[limit - 1].isspace() and " " in head.strip():
        head = head.rstrip().rsplit(" ", 1)[0]
    return head.rstrip() + "\u2026"


def quote(text: str, limit: int = CUT) -> str:
    """An operator's input quoted back in a message: visible, one line, cut to about sixty characters."""
    return f"\u201c{visible(cut(text, limit))}\u201d"


def json_safe(payload: bytes) -> bytes:
    """JSON bytes whose strings carry no raw C1, DEL or direction control: written as `\\u` escapes, so the document
    means exactly the same and is still safe to print (orjson already escapes C0 controls)."""
    text = payload.decode("utf-8")
    if not _JSON_UNESCAPED.search(text):
        return payload
    return _JSON_UNESCAPED.sub(lambda m: f"\\u{ord(m.group()):04x}", text).encode("utf-8")


def control_in(text: str, *, multiline: bool) -> str | None:
    """The first control character that input may not hold (newline and tab are allowed in `multiline` text), shown
    as it would be displayed; None when there is none."""
    for m in CONTROL.finditer(text):
        ch = m.group()
        if multiline and ch in "\n\t":
            continue
        return visible(ch)
    return None


def visible_everywhere(value: object) -> object:
    """A copy of a document with every string made visible (multi-line kept): what a report is built from, since
    neither a Markdown draft nor a Word file (whose XML refuses control characters) should carry them raw."""
    if isinstance(value, str):
        return visible(value, multiline=True)
    if isinstance(value, dict):
        return {k: visible_everywhere(v) for k, v in value.items()}
    if isinstance(value, list):
        return [visible_everywhere(v) for v in value]
    return value
