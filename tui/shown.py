"""Stored text on its way into a widget: through the one sanitiser (store.text.sanitize), so no control character
reaches the terminal, and as a Rich Text, so that brackets in a name are never read as Textual markup."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text

from store.text.sanitize import cut, visible

if TYPE_CHECKING:
    from store.domain.cascade import Cascade

SHOWN_MAX = 500  # characters of one stored text drawn in a cell or a label; the rest is marked with an ellipsis


def shown(text: object, *, multiline: bool = False, limit: int = SHOWN_MAX, **kw: Any) -> Text:  # Text's (style…)
    """A stored value as a Text: control characters visible, at most `limit` characters."""
    return Text(plain(text, multiline=multiline, limit=limit), **kw)


def plain(text: object, *, multiline: bool = False, limit: int = SHOWN_MAX) -> str:
    """A stored value made safe to draw as it is (a grid drawn line by line): control characters visible, at most
    `limit` characters."""
    return visible(cut(str(text), limit), multiline=multiline)


def made_safe(text: Text) -> Text:
    """A Text built from stored pieces, made safe in place. Every replacement is one character for one, so its
    styles stay where they were."""
    plain = text.plain
    clean = visible(plain)
    if clean != plain:
        text.plain = clean
    return text


def log_value(field: str, value: object, casc: Cascade | None = None) -> str:
    """A value of the edit log as `lkjip log` and the log view (F6) both show it: a year lock as terkunci /
    terbuka, a node or indicator with its subtree in words (a parent, an indicator by its code now, given `casc`),
    a field in its exact display form."""
    from store.domain.fields import FIELDS, display_exact
    from store.edits.structure import STRUCTURAL, describe

    if value is None or value == "":
        return "\u2014"
    if isinstance(value, bool):  # year locks
        return "terkunci" if value else "terbuka"
    if field in STRUCTURAL:
        return describe(field, value, casc)
    spec = FIELDS.get(field)
    return display_exact(spec, value) if spec else str(value)
