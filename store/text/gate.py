"""The one gate for every text that enters a workbook, whatever the door: typed in the TUI or pasted, given on the
command line, read from an xlsx or csv sheet, a JSON document, the master list `kode.csv` or a recovery draft.

Two kinds of text, one rule each:

- one-line text (a name, satuan, rumus, code, unit, profile field, lock or log text): at most `TEXT_MAX`
  characters, and no control character at all: C0 (newline and tab included), DEL, C1 (U+0080–U+009F, where
  U+009B acts as ESC [) and the direction and format controls that reorder what a line seems to say (RLO U+202E …);
- multi-line text (a narrative section, isu strategis, notes): newline and tab allowed, every other control refused;
  a narrative section at most `NARRATIVE_MAX` bytes of UTF-8.

The characters are store.text.sanitize's (what the output sanitiser shows as visible escapes). The declared schema
(store.document.schema) states the same rule as JSON Schema patterns and lengths, so a document is held to it on open, on
import and before every save: an xlsx, csv or JSON import, an undo of an old log entry, a draft put back, all pass it
or nothing is written. `refusal` gives the reason in Indonesian for a door that names its own place (a csv line, a
sheet cell, a form field); `text_input` is the rule for one typed value.
"""

from __future__ import annotations

from .errors import InvalidValue
from .sanitize import CONTROL, FORMAT_CONTROLS, control_in, quote

TEXT_MAX = 500  # characters of a name or any other one-line text
NARRATIVE_MAX = 200 * 1024  # bytes (UTF-8) of one narrative section
LONG_TEXT_MAX = 200 * 1024  # characters of the other multi-line texts (isu strategis, notes)
COUNT_MAX = 2**53  # revisions, log numbers, orders: far beyond any workbook, exact in every JSON reader

_FORMAT_CLASS = "".join(f"\\u{c:04x}" for c in FORMAT_CONTROLS)
_ONE_LINE_CLASS = "\\x00-\\x1f\\x7f-\\x9f" + _FORMAT_CLASS
_MULTI_LINE_CLASS = "\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f" + _FORMAT_CLASS

# JSON Schema patterns (fastjsonschema reads `$` as the end of the text, not before a final newline).
ONE_LINE = f"^[^{_ONE_LINE_CLASS}]*$"
MULTI_LINE = f"^[^{_MULTI_LINE_CLASS}]*$"
# A name: one-line, and something in it that is not a space. The three classes do not overlap, so the match never
# backtracks far (a long run of spaces fails in one pass).
NAME = f"^[^{_ONE_LINE_CLASS}\\S]*[^{_ONE_LINE_CLASS}\\s][^{_ONE_LINE_CLASS}]*$"


def too_long(text: str, *, multiline: bool = False) -> str | None:
    """Why `text` is over its limit (without a label), or None."""
    if multiline:
        size = len(text.encode("utf-8", "surrogatepass")) if len(text) * 4 > NARRATIVE_MAX else 0
        if size > NARRATIVE_MAX:
            return f"{size // 1024} KB, lebih dari batas {NARRATIVE_MAX // 1024} KB per bagian narasi"
        return None
    if len(text) > TEXT_MAX:
        return f"{len(text)} karakter, lebih dari batas {TEXT_MAX} karakter"
    return None


def control(text: str, *, multiline: bool = False) -> str | None:
    """Why `text` may not be stored for the control character it holds (without a label), or None."""
    bad = control_in(text, multiline=multiline)
    if bad is None:
        return None
    if bad == "\ufffd":  # C1 and direction controls all look alike when shown: name the one found
        ch = next(c for c in text if CONTROL.match(c) and c not in "\n\t")
        bad = f"U+{ord(ch):04X}"
    allowed = "selain baris baru dan tab " if multiline else ""
    return f"berisi karakter kendali {bad} {allowed}yang tidak boleh disimpan"


def refusal(text: str, *, multiline: bool = False) -> str | None:
    """Why `text` may not be stored, in Indonesian and without a label (the door adds its place), or None."""
    return too_long(text, multiline=multiline) or control(text, multiline=multiline)


def text_input(label: str, raw: str, *, multiline: bool = False) -> str:
    """The rule for one text typed in (a field, a lock's reason, a form): the text as stored, or InvalidValue in one
    sentence. A multi-line text's line breaks are stored as LF, however the terminal sent them."""
    if multiline:  # a pasted line break arrives as LF, CR or CRLF depending on the terminal: store LF
        raw = raw.replace("\r\n", "\n").replace("\r", "\n")
        why = too_long(raw, multiline=True)
        if why:
            raise InvalidValue(f"{label}: {why}; pecah atau ringkas teksnya.")
    else:
        why = too_long(raw)
        if why:
            raise InvalidValue(f"{label}: {why}; {quote(raw)} tidak disimpan.")
    why = control(raw, multiline=multiline)
    if why:
        raise InvalidValue(f"{label}: {why}; ketik ulang tanpa karakter itu.")
    return raw
