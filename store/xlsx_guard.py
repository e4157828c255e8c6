"""A spreadsheet is measured before openpyxl parses it: an .xlsx is a zip, and openpyxl builds whatever it inflates to.

Measured here (the bombs of tests/test_xlsx_bombs.py, under a memory cap): a 500 KB sheet of 99,990 one-cell rows at column XFD filled 6 GB in 162 s, because openpyxl
hands every row out padded from column A to its last cell; 3 MB of compressed whitespace filled it in 41 s; a 1 MB
shared string inflating to 1 GB peaked at 2.1 GB and was accepted. So, before parsing:

- the file itself, its number of parts, and every part's inflated size (`ZipInfo.file_size`, which Python's zipfile
  also holds the inflated data to) and its inflation ratio are bounded;
- every XML part is scanned in chunks, never held whole, for the cells openpyxl would hand out (each row counts up
  to its last cell, as openpyxl pads it), for text runs longer than a cell may hold (Excel's own limit is
  32,767 characters) and for a DOCTYPE, whose entities would multiply text past every size measured here.

The limits are far above the kabupaten's workbook (5.3 MB of JSON; its export is a few MB of XML); a file beyond
them is refused with one Indonesian sentence, before it costs memory.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Callable
from typing import IO

from .errors import WorkbookError
from .numbers import format_decimal
from .sanitize import quote

Refuse = Callable[[str], "SheetTooLarge"]  # says why a sheet is refused, as the exception to raise

MAX_FILE_BYTES = 64 * 2**20
MAX_PARTS = 10_000
MAX_PART_BYTES = 128 * 2**20  # inflated, one part
MAX_TOTAL_BYTES = 256 * 2**20  # inflated, all parts
MAX_RATIO = 200  # inflated over compressed, for parts above RATIO_FROM; real sheet XML deflates 10-30 times
RATIO_FROM = 2**20
MAX_CELLS = 5_000_000  # what openpyxl would hand out: every row counted to its last cell
MAX_TEXT_BYTES = 256 * 1024  # 32,767 characters, each up to 6 bytes as an XML entity, and some room
_CHUNK = 1 << 20
_PIECE = 4096
_CELLS = format_decimal(MAX_CELLS, 0)

# Start tags of rows, cells and the stated dimension, with or without a namespace prefix. A cell as Excel writes it
# (`<c r="AB12" s="4" t="n">`: the address first, plain double-quoted values) is read by the first branch and gives
# its column letters; any other tag gives its kind and its attributes up to the tag's end (a quoted value may hold
# ">", never "<", so a match never runs past the next tag).
# Possessive quantifiers: a match never backtracks, so a long tag costs one pass, not one per character.
_TAG = re.compile(rb"""<(?:[A-Za-z_][\w.-]*:)?(?:c\s++r="([A-Z]{1,3})\d++"(?:\s++[\w:.-]++="[^"<&]*+")*+\s*+/?>"""
                  rb"""|(row|c|dimension)(?=[\s/>])((?:[^<>"']++|"[^"<]*+"|'[^'<]*+')*+)>)""")
_DIMENSION = re.compile(rb"""(?:^|\s)ref\s*=\s*["'][A-Za-z]*\d*:?([A-Za-z]+)(\d+)["']""")
_CELL_R = re.compile(rb"(?:^|\s)r\s*=\s*[\"']([A-Za-z]+)\d+[\"']")
_R_ATTR = re.compile(rb"(?:^|\s)r\s*=")
_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*\bencoding\s*=\s*["']([^"']*)["']""")
_ASCII_ENCODINGS = {b"utf-8", b"utf8", b"us-ascii", b"ascii"}
_DAMAGED = (zipfile.BadZipFile, zlib.error, NotImplementedError, ValueError, OSError, EOFError, RuntimeError)


class SheetTooLarge(WorkbookError):
    """A spreadsheet refused before parsing: too large inflated, or shaped to exhaust memory."""


def _mb(n: int) -> str:
    return f"{n / 2**20:.0f} MB" if n >= 2**20 else f"{max(1, n // 1024)} KB"


def check_xlsx(raw: bytes, where: str) -> None:
    """Raise SheetTooLarge when the .xlsx bytes would cost more to parse than any real sheet; a file that is no zip
    at all is left for openpyxl to refuse as unreadable."""
    def refuse(why: str) -> SheetTooLarge:
        return SheetTooLarge(f"{where} ditolak sebelum dibaca: {why}; simpan ulang hanya lembar kerjanya dari Excel "
                             f"atau LibreOffice.")

    if len(raw) > MAX_FILE_BYTES:
        raise refuse(f"berkasnya {_mb(len(raw))}, paling besar {_mb(MAX_FILE_BYTES)}")
    _check_part_count(raw, refuse)
    try:
        book = zipfile.ZipFile(io.BytesIO(raw))
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        return
    with book:
        parts = book.infolist()
        if len(parts) > MAX_PARTS:
            raise refuse(f"berisi {len(parts)} bagian, paling banyak {MAX_PARTS}")
        total = 0
        for part in parts:
            size = part.file_size
            total += size
            if size > MAX_PART_BYTES:
                raise refuse(f"bagian {quote(part.filename)} mengembang menjadi {_mb(size)}, paling besar "
                             f"{_mb(MAX_PART_BYTES)}")
            if total > MAX_TOTAL_BYTES:
                raise refuse(f"isinya mengembang menjadi lebih dari {_mb(MAX_TOTAL_BYTES)}")
            if size > RATIO_FROM and size > MAX_RATIO * max(part.compress_size, 1):
                raise refuse(f"bagian {quote(part.filename)} mengembang {size // max(part.compress_size, 1)} kali "
                             f"dari ukurannya (paling banyak {MAX_RATIO} kali)")
        cells = 0
        for part in parts:
            try:
                stream = book.open(part)
            except _DAMAGED:
                continue  # encrypted or of an unknown compression: openpyxl cannot read it either
            with stream:
                cells = _scan(stream, cells, part.filename, refuse)


def _check_part_count(raw: bytes, refuse: Refuse) -> None:
    """The entry count of the zip's end record, read before zipfile builds an object for every entry."""
    tail = raw[-(22 + 0xFFFF):]
    at = tail.rfind(b"PK\x05\x06")
    if at >= 0 and len(tail) >= at + 12:
        entries = int.from_bytes(tail[at + 10:at + 12], "little")
        if entries > MAX_PARTS:  # 0xFFFF: a zip64 directory, far more parts than a spreadsheet has
            raise refuse(f"berisi lebih dari {MAX_PARTS} bagian")


def _column(letters: bytes) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ch - 64
    return n


def _known(columns: dict[bytes, int], letters: bytes, name: str, refuse: Refuse) -> int:
    n = columns[letters] = _column(letters)
    if n > MAX_CELLS:
        raise refuse(f"bagian {quote(name)} menulis alamat sel di luar lembar kerja")
    return n


def _odd_cell(letters: list[bytes], attrs: bytes, column: int, name: str, refuse: Refuse) -> int:
    """The column of a cell written unlike Excel writes it: no address (the next column), or an address the plain
    reading could be fooled by, which is refused."""
    if b"&" in attrs:
        # An entity in an address (r="&#88;FD1") would hide a far column from this scan.
        raise refuse(f"bagian {quote(name)} menulis alamat sel dengan entitas XML")
    if letters or _R_ATTR.search(attrs):
        raise refuse(f"bagian {quote(name)} menulis alamat sel yang tidak dikenal")
    return column + 1


def _dimension(attrs: bytes, refuse: Refuse) -> None:
    # A stated size is what a reader trusting it would fill in: A1:XFD1048576 is 17 billion cells.
    corner = _DIMENSION.search(attrs)
    if corner and _column(corner.group(1)) * int(corner.group(2)) > MAX_CELLS:
        raise refuse(f"lembarnya menyatakan ukuran sampai sel {corner.group(1).decode()}{corner.group(2).decode()}, "
                     f"lebih dari {_CELLS} sel")


def _too_many(refuse: Refuse) -> SheetTooLarge:
    return refuse(f"lembarnya berisi lebih dari {_CELLS} sel terisi atau terlewati (tiap baris sampai selnya yang "
                  f"terjauh, mis. sel di kolom XFD); hapus baris dan kolom kosong")


def _read(stream: IO[bytes]) -> bytes:
    """The next chunk of a part, up to where the part turns out damaged. zipfile checks a part's CRC in the read that
    reaches its end and then drops that read's data, while a parser has handed out all it read before: so the part
    is read in pieces smaller than a parser's (ElementTree reads 16 KB), and every piece before the error counts."""
    pieces: list[bytes] = []
    size = 0
    while size < _CHUNK:
        try:
            piece = stream.read(_PIECE)
        except _DAMAGED:
            break
        if not piece:
            break
        pieces.append(piece)
        size += len(piece)
    return b"".join(pieces)


def _scan(stream: IO[bytes], cells: int, name: str, refuse: Refuse) -> int:
    """Add up, over one part, the cells openpyxl would hand out; refuse what no real sheet holds."""
    head = _read(stream)
    body = head.removeprefix(b"\xef\xbb\xbf")
    if body[:2] in (b"\xff\xfe", b"\xfe\xff", b"<\x00", b"\x00<"):
        raise refuse(f"bagian {quote(name)} ditulis dalam UTF-16; lembar kerja Excel selalu UTF-8")
    if not body.lstrip()[:1] == b"<":
        return cells  # not XML (an image, printer settings): no parser reads cells from it
    declared = _ENCODING.match(body)
    if declared and declared.group(1).lower() not in _ASCII_ENCODINGS:
        raise refuse(f"bagian {quote(name)} memakai pengodean "
                     f"{quote(declared.group(1).decode('ascii', 'replace'), 20)}; "
                     f"lembar kerja Excel selalu UTF-8")
    row_cells = 0  # the last cell of the current row: openpyxl pads the row up to it
    columns: dict[bytes, int] = {}
    column = 0
    carry = b""
    chunk = head
    while chunk:
        buf = carry + chunk
        cut = buf.rfind(b"<")
        if cut <= 0:
            cut = len(buf)
        done, carry = buf[:cut], buf[cut:]
        if len(carry) > MAX_TEXT_BYTES or max(map(len, done.split(b"<"))) > MAX_TEXT_BYTES:
            raise refuse(f"bagian {quote(name)} memuat teks lebih dari {MAX_TEXT_BYTES // 1024} KB tanpa jeda, "
                         f"lebih panjang dari yang dapat dimuat satu sel")
        if b"<!DOCTYPE" in done:
            # Entities declared there multiply text as the parser reads it (a "billion laughs"), past every size
            # measured here; Excel and LibreOffice never write one.
            raise refuse(f"bagian {quote(name)} memuat deklarasi DOCTYPE, yang tidak pernah ditulis Excel")
        for plain, kind, attrs in _TAG.findall(done):  # one pass in C; the loop below is the per-cell cost
            if plain:
                column = columns.get(plain) or _known(columns, plain, name, refuse)
                if column > row_cells:
                    row_cells = column
            elif kind == b"c":
                letters = _CELL_R.findall(attrs)
                if len(letters) != 1 or b"&" in attrs:
                    column = _odd_cell(letters, attrs, column, name, refuse)
                else:
                    column = _known(columns, letters[0], name, refuse)
                if column > row_cells:
                    row_cells = column
            elif kind == b"row":
                cells += row_cells
                row_cells = column = 0
                if cells > MAX_CELLS:
                    raise _too_many(refuse)
            else:
                _dimension(attrs, refuse)
        if cells + row_cells > MAX_CELLS:
            raise _too_many(refuse)
        chunk = _read(stream)
    return cells + row_cells
