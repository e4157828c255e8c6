"""Pasting a block from a spreadsheet into a grid: the entry sheets (F8, F9) and the main screen's node grids.

A bracketed paste arrives as one text, whatever it holds (tui/keys.py). It is split into rows (LF, CR, CRLF, or
CR CR where tmux turned a spreadsheet's CRLF into two CRs) and cells (tab), laid over the editable rows from the
cursor down and the columns from the cursor right, and every value is read with the one parser (store/numbers.py
through store/fields.py, the same rules as typing) before anything is written. The first value that cannot be stored
stops the paste with one sentence naming its row, and nothing is saved. What passes is applied as one Batch: one
lock, one save, one undo step.

Every paste is held to a size for where it goes (`too_large`, asked by the app before any widget sees it), and a
narrative paste loses its terminal codes (`for_narrative`): each in one pass of a regular expression, not per
character.
"""

from __future__ import annotations

import re
from itertools import islice
from typing import TYPE_CHECKING, Callable, Iterable, Mapping, Sequence

from rich.text import Text

from store.errors import InvalidValue
from store.fields import FieldSpec, get_value, parse_value, spec_of
from store.sanitize import CONTROL
from store.workbook import Batch, Edit

from .rows import locked_reason

if TYPE_CHECKING:  # pragma: no cover - annotations only: the grids import this module
    from .session import Session
    from .widgets.editbar import EditBar
    from .widgets.grid import Column

LINE_BREAKS = re.compile(r"\r\n|\r|\n")
_CR_RUNS = re.compile(r"\r+")

# A paste larger than this for where it goes is refused whole, before it is split or drawn. A column or block of
# figures from a spreadsheet is small (500 rows of 6 values ≈ 20 KB); a narrative section pasted from a document
# rarely passes 30 KB; a one-line field takes a paste's first line and stores at most 500 characters (store/gate.py).
GRID_PASTE_MAX = 32 * 1024
NARRATIVE_PASTE_MAX = 64 * 1024
FIELD_PASTE_MAX = 64 * 1024

# What a terminal or a coloured program's output puts in copied text: CSI (colours, cursor moves; also as the C1
# byte U+009B), OSC (a title, a link: up to BEL or ST, never past a line), DCS/SOS/PM/APC strings, two-byte escapes.
TERMINAL_CODES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]|\x9b[0-?]*[ -/]*[@-~]"
    r"|\x1b\][^\x07\x1b\n]*(?:\x07|\x1b\\)?"
    r"|\x1b[PX^_][^\x1b\n]*(?:\x1b\\)?"
    r"|\x1b[ -/]*[0-~]")
_NOT_MULTI_LINE = re.compile(f"(?![\n\t]){CONTROL.pattern}")


# Per kind of widget in focus, by its `PASTE_KIND` ("field" when it has none): a name, not a class, since the grids
# import modules that import this one.
PASTE_LIMITS = {"grid": (GRID_PASTE_MAX, "tabel isian"), "narrative": (NARRATIVE_PASTE_MAX, "teks narasi"),
                "field": (FIELD_PASTE_MAX, "kolom isian")}


def paste_refusal(widget: object, text: str) -> str | None:
    """Why a paste into `widget` (the widget in focus) is refused for its size, or None."""
    limit, where = PASTE_LIMITS[getattr(widget, "PASTE_KIND", "field")]
    return too_large(text, limit, where)


def too_large(text: str, limit: int, where: str) -> str | None:
    """The refusal of a paste over `limit` bytes of UTF-8 into `where`, or None."""
    if len(text) * 4 <= limit:  # cannot be over: no need to encode it
        return None
    size = len(text.encode("utf-8", "surrogatepass"))
    if size <= limit:
        return None
    return (f"Tempelan {size // 1024} KB ditolak: lebih dari batas {limit // 1024} KB untuk {where}; tidak ada yang "
            f"ditempel. Tempel per bagian.")


def as_lf(text: str) -> str:
    """Every line break of a paste as LF. A spreadsheet's CRLF comes through tmux as CR CR: when a paste holds no LF
    and every run of CRs is even, each CR CR is one break (an empty row between would be CR CR CR CR)."""
    if "\r" not in text:
        return text
    if "\n" not in text and all(len(run) % 2 == 0 for run in _CR_RUNS.findall(text)):
        text = text.replace("\r\r", "\n")
    return LINE_BREAKS.sub("\n", text)


def for_narrative(text: str) -> tuple[str, int]:
    """A pasted text as a narrative may hold it (store/gate.py: newline and tab, no other control): line breaks as
    LF, terminal codes (colours copied from a terminal) and stray control characters taken out. Also how many
    were taken out, to say so."""
    text, codes = TERMINAL_CODES.subn("", as_lf(text))
    text, controls = _NOT_MULTI_LINE.subn("", text)
    return text, codes + controls


def split_paste(text: str) -> list[list[str]]:
    """A pasted block as rows of cells: lines by LF, CR, CRLF or tmux's CR CR (`as_lf`), cells by tab. The line break
    a spreadsheet puts after the last row is not an empty row."""
    lines = as_lf(text).split("\n")
    while lines and lines[-1] == "":
        lines.pop()
    return [line.split("\t") for line in lines]


def paste_block(session: Session, bar: EditBar, text: str, *, editing: bool, rows: Iterable[str],
                columns: Sequence[Column], col: int,
                container: Callable[[str, FieldSpec], Mapping[str, object] | None],
                name_of: Callable[[str], str]) -> str | None:
    """Fill the editable `rows` (refs from the cursor down) and the `columns` from `col` right with the pasted block;
    all or nothing. The ref of the last row filled is returned (the caller moves on below it, as Enter does), or None
    when nothing was written (the reason said). `container` gives the dict holding a field of a row, or None with a
    refusal said (a computed sum, say)."""
    if editing:
        _refuse(session, "Selesaikan atau batalkan isian sel dulu (Enter / Esc), lalu tempel lagi.")
        return None
    block = split_paste(text)
    targets = list(islice(rows, len(block)))
    if not block or not targets:
        return None
    if len(targets) < len(block):
        _refuse(session, f"Tempelan {len(block)} baris, tetapi hanya {len(targets)} baris isian dari kursor ke "
                         f"bawah; tidak ada yang disimpan.")
        return None
    edits = _edits(session, block, targets, columns, col, container, name_of)
    if edits is None:
        return None
    if session.apply_batch(Batch(tuple(edits))) is None:
        session.refusal_in_full()  # a conflict or a locked year said by the store, whole when long
        return None
    if session.message_error:
        session.say("")  # an earlier refusal is settled
    from reports import plausibility  # on the first paste, not at start-up

    # A budget row's doubts include its parents' sums: pasted siblings would repeat them, so each reason once.
    doubts = list({d.reason: d for e in edits
                   for d in plausibility.doubts_after_edit(session.casc, e.ref, e.year)}.values())
    warning = ""
    if doubts:  # as after a typed commit: ⚠ with the reason (the first; `lkjip check` lists them all)
        more = f" (+{len(doubts) - 1} lagi, lkjip check)" if len(doubts) > 1 else ""
        warning = f" \u00b7 {plausibility.warning_text(doubts[:1])}{more}"
    bar.set_text(Text(f"\u2713 Ditempel: {len(edits)} nilai dari {len(block)} baris{warning}; Ctrl+Z mengurungkan "
                      f"semuanya", no_wrap=True, overflow="ellipsis"))
    return targets[-1]


def _edits(session: Session, block: list[list[str]], targets: list[str], columns: Sequence[Column], col: int,
           container: Callable[[str, FieldSpec], Mapping[str, object] | None],
           name_of: Callable[[str], str]) -> list[Edit] | None:
    """Every pasted value read and checked as if typed, or None with the first refusal said."""
    edits = []
    for n, (cells, ref) in enumerate(zip(block, targets), start=1):
        def where() -> str:  # formatted only for a refusal: a long paste into the sheet formats no row for it
            return f"baris {n} ({name_of(ref)[:30]})"

        for k, raw in enumerate(cells):
            if raw.strip() == "":
                continue  # an empty spreadsheet cell leaves the cell as it is
            column = columns[col + k] if col + k < len(columns) else None
            why = _not_pasted_into(column)
            if why or column is None or column.field is None:
                _refuse(session, f"Tempel dibatalkan di {where()}: {why}; tidak ada yang disimpan.")
                return None
            spec = spec_of(column.field)
            year = session.year if spec.yearly else None
            locked = locked_reason(session.casc, year)
            if locked:
                _refuse(session, locked)
                return None
            holder = container(ref, spec)
            if holder is None:
                return None
            try:
                new = parse_value(spec, raw)
            except InvalidValue as exc:
                _refuse(session, f"Tempel dibatalkan di {where()}: {exc.message} Tidak ada yang disimpan.")
                return None
            edits.append(Edit(ref, spec.name, year, get_value(holder, spec, year), new))
    return edits


def _refuse(session: Session, why: str) -> None:
    """Nothing is written; the reason on the status line, whole in a dialog when the line would cut it."""
    session.say(why, error=True)
    session.refusal_in_full()


def _not_pasted_into(column: Column | None) -> str:
    """Why a pasted value may not go into this column, or "". Only figures are pasted: a column of numbers pasted
    with the cursor on a name (Tab into a node grid lands there) must not rename every indicator it covers."""
    if column is None:
        return "tempelan lebih lebar daripada kolom tabel"
    if column.field is None:
        return f"kolom {column.label} tidak diisi dengan tangan"
    if not column.numeric:
        return f"kolom {column.label} diubah satu per satu (Enter), tidak dengan tempel"
    return ""
