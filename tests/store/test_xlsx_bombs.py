"""Spreadsheets built to exhaust memory are refused before openpyxl parses them (issue 20).

Each bomb is a real .xlsx (the template's parts, one part replaced) built small in tmp_path, and each import runs
in a child process capped at 1.5 GB of address space, so that a guard that fails costs that child, never the
machine. On the code before the guard these filled gigabytes (measured): 99,990 one-cell rows at column XFD, 3 MB of
compressed whitespace, a 1 MB shared string inflating to 1 GB.
"""

from __future__ import annotations

import io
import os
import random
import string
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from store.exchange.xlsx_guard import SheetTooLarge, check_xlsx
from store.exchange.xlsx_io import render
from store.exchange.sheet_export import template_book

ROOT = Path(__file__).resolve().parents[2]
CAP = 1536 * 2**20  # bytes of address space for the importing child
SAFETY = 300  # seconds: only against a hung child
SHEET_HEAD = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
SHEET_TAIL = b"</sheetData></worksheet>"


def template_parts() -> dict[str, bytes]:
    raw = render(template_book(2025, 2029, 2025))
    with zipfile.ZipFile(io.BytesIO(raw)) as z:
        return {name: z.read(name) for name in z.namelist()}


def first_sheet(parts: dict[str, bytes]) -> str:
    return sorted(n for n in parts if n.startswith("xl/worksheets/sheet"))[0]


def build(path: Path, replace: dict[str, object]) -> Path:
    """The template with parts replaced: bytes, or a function writing the part to a stream (never held whole)."""
    parts = {**template_parts(), **replace}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        for name, content in parts.items():
            if callable(content):
                with z.open(name, "w", force_zip64=True) as stream:
                    content(stream)
            else:
                z.writestr(name, content)
    return path


def import_capped(xlsx: Path, tmp_path: Path) -> subprocess.CompletedProcess:
    """`lkjip import` in a child that cannot take more than CAP of memory."""
    code = ("import resource, sys; resource.setrlimit(resource.RLIMIT_AS, (%d, %d)); "
            "from tui.cli.main import main; sys.exit(main(sys.argv[1:]))" % (CAP, CAP))
    return subprocess.run([sys.executable, "-c", code, "import", str(xlsx), str(tmp_path / "baru.json")],
                          cwd=ROOT, capture_output=True, text=True, timeout=SAFETY,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})


def refused_before_reading(result: subprocess.CompletedProcess, *words: str) -> None:
    assert result.returncode == 1, (result.returncode, result.stderr[-500:])
    assert "Traceback" not in result.stderr and "MemoryError" not in result.stderr
    assert "ditolak sebelum dibaca" in result.stderr, result.stderr[-500:]
    for word in words:
        assert word in result.stderr, result.stderr[-500:]


def test_a_sheet_of_one_cell_rows_at_column_xfd_is_refused(tmp_path: Path) -> None:
    def rows(stream) -> None:
        stream.write(SHEET_HEAD)
        for r in range(1, 99_991):
            stream.write(b'<row r="%d"><c r="XFD%d"><v>1</v></c></row>' % (r, r))
        stream.write(SHEET_TAIL)

    bomb = build(tmp_path / "xfd.xlsx", {first_sheet(template_parts()): rows})
    assert bomb.stat().st_size < 1_000_000
    refused_before_reading(import_capped(bomb, tmp_path), "XFD")
    assert not (tmp_path / "baru.json").exists()


def test_compressed_whitespace_is_refused(tmp_path: Path) -> None:
    def whitespace(stream) -> None:
        stream.write(SHEET_HEAD)
        blank = b" " * 2**20
        for _ in range(600):
            stream.write(blank)
        stream.write(SHEET_TAIL)

    bomb = build(tmp_path / "spasi.xlsx", {first_sheet(template_parts()): whitespace})
    assert bomb.stat().st_size < 5_000_000
    refused_before_reading(import_capped(bomb, tmp_path), "mengembang")


def test_a_shared_string_inflating_to_a_gigabyte_is_refused(tmp_path: Path) -> None:
    def huge_string(stream) -> None:
        stream.write(b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/'
                     b'spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>')
        block = b"a" * 2**20
        for _ in range(1024):
            stream.write(block)
        stream.write(b"</t></si></sst>")

    bomb = build(tmp_path / "teks.xlsx", {"xl/sharedStrings.xml": huge_string})
    assert bomb.stat().st_size < 5_000_000
    refused_before_reading(import_capped(bomb, tmp_path), "mengembang")


def test_a_string_longer_than_a_cell_holds_is_refused_even_when_it_deflates_poorly(tmp_path: Path) -> None:
    letters = "".join(random.Random(20).choices(string.ascii_letters, k=2 * 2**20)).encode()
    sst = (b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
           b'2006/main" count="1" uniqueCount="1"><si><t>' + letters + b"</t></si></sst>")
    bomb = build(tmp_path / "panjang.xlsx", {"xl/sharedStrings.xml": sst})
    refused_before_reading(import_capped(bomb, tmp_path), "teks lebih dari")


@pytest.mark.parametrize("cell", [b'<c r="&#88;FD%d"><v>1</v></c>', b'<c s=">" r="XFD%d"><v>1</v></c>',
                                  b'<x:c r="XFD%d"><x:v>1</x:v></x:c>'])
def test_a_far_column_hidden_from_a_plain_reading_is_refused(tmp_path: Path, cell: bytes) -> None:
    """An entity in the address, a ">" in another attribute, a namespace prefix: the scan is not fooled."""
    rows = b"".join(b'<row r="%d">' % r + cell % r + b"</row>" for r in range(1, 1001))
    sheet = SHEET_HEAD + rows + SHEET_TAIL
    with pytest.raises(SheetTooLarge) as refused:
        check_xlsx(build(tmp_path / "b.xlsx", {first_sheet(template_parts()): sheet}).read_bytes(), "b.xlsx")
    assert "ditolak sebelum dibaca" in str(refused.value)


def test_a_stated_dimension_of_the_whole_grid_is_refused(tmp_path: Path) -> None:
    sheet = SHEET_HEAD.replace(b"<sheetData>", b'<dimension ref="A1:XFD1048576"/><sheetData>') + SHEET_TAIL
    with pytest.raises(SheetTooLarge) as refused:
        check_xlsx(build(tmp_path / "d.xlsx", {first_sheet(template_parts()): sheet}).read_bytes(), "d.xlsx")
    assert "XFD1048576" in str(refused.value)


def test_a_sheet_in_utf16_is_refused_since_the_scan_could_not_read_it(tmp_path: Path) -> None:
    sheet = (SHEET_HEAD.replace(b"UTF-8", b"UTF-16") + SHEET_TAIL).decode().encode("utf-16")
    with pytest.raises(SheetTooLarge) as refused:
        check_xlsx(build(tmp_path / "u.xlsx", {first_sheet(template_parts()): sheet}).read_bytes(), "u.xlsx")
    assert "UTF-16" in str(refused.value)


def test_the_template_and_a_big_honest_sheet_pass(tmp_path: Path) -> None:
    check_xlsx(render(template_book(2025, 2029, 2025)), "templat.xlsx")
    rows = b"".join(b'<row r="%d">' % r + b"".join(b'<c r="%s%d" t="inlineStr"><is><t>teks %d</t></is></c>'
                                                   % (col.encode(), r, r) for col in ("A", "B", "AZ"))
                    + b"</row>" for r in range(1, 20_001))
    check_xlsx(build(tmp_path / "besar.xlsx", {first_sheet(template_parts()): SHEET_HEAD + rows + SHEET_TAIL})
               .read_bytes(), "besar.xlsx")


def test_cells_are_counted_as_openpyxl_hands_them_out() -> None:
    """Each row counts up to its last cell (openpyxl pads it from column A); a cell without an address is the one
    after the previous cell."""
    from store.exchange.xlsx_guard import _scan

    def refuse(why: str) -> SheetTooLarge:
        return SheetTooLarge(why)

    sheet = SHEET_HEAD + (b'<row r="1"><c r="C1"><v>1</v></c><c r="A1"/></row>'  # 3: out of order, the far one
                          b'<row><c/><c/><c/><c/></row>'  # 4: no addresses
                          b'<row r="9"><c r="B9"/><c/><c s=">" r="Z9"/></row>'  # 26: a ">" in a value
                          b"<x:row><x:c r='AA10'/></x:row>") + SHEET_TAIL  # 27: prefixed, single quotes
    assert _scan(io.BytesIO(sheet), 0, "lembar", refuse) == 3 + 4 + 26 + 27


def test_a_bomb_with_a_bad_checksum_at_its_end_is_still_measured(tmp_path: Path) -> None:
    """zipfile notices a wrong CRC only after handing out the whole part, which openpyxl has parsed by then: the
    cells before it count."""
    rows = b"".join(b'<row r="%d"><c r="XFD%d"><v>1</v></c></row>' % (r, r) for r in range(1, 1001))
    name = first_sheet(template_parts())
    raw = bytearray(build(tmp_path / "crc.xlsx", {name: SHEET_HEAD + rows + SHEET_TAIL}).read_bytes())
    at = raw.find(name.encode(), raw.index(b"PK\x01\x02"))  # the sheet's central entry: its name at offset 46
    raw[at - 46 + 16] ^= 0xFF  # its CRC
    with zipfile.ZipFile(io.BytesIO(bytes(raw))) as z, pytest.raises(zipfile.BadZipFile):
        z.read(name)
    with pytest.raises(SheetTooLarge) as refused:
        check_xlsx(bytes(raw), "crc.xlsx")
    assert "XFD" in str(refused.value)


def test_entities_that_multiply_a_string_are_refused(tmp_path: Path) -> None:
    laughs = b"".join(b'<!ENTITY l%d "%s">' % (n, b"&l%d;" % (n - 1) * 10) for n in range(1, 8))
    sst = (b'<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE sst [<!ENTITY l0 "ha">' + laughs + b']><sst xmlns='
           b'"http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>&l7;</t>'
           b"</si></sst>")
    bomb = build(tmp_path / "tawa.xlsx", {"xl/sharedStrings.xml": sst})
    refused_before_reading(import_capped(bomb, tmp_path), "DOCTYPE")
