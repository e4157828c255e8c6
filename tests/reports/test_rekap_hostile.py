"""The rekap and the spreadsheets lkjip writes, against what a hostile folder or a hostile name holds (issue 20).

An instansi typed as `=HYPERLINK(…)` stays text in every spreadsheet lkjip writes; a control character in a name
never kills the writer; an 8 GB file, a folder that cannot be listed and a file named with ESC and BEL are each a
row with an Indonesian reason, never exit 70 nor a raw control byte on the terminal.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import openpyxl
import pytest

from reports.documents.year_docs import DOC_FORMATS, QUARTERLY
from reports.rekap import rekap as R
from store.demo import demo_document
from store.edits.workbook import Workbook
from tests.support.cli import lkjip as run_lkjip

ROOT = Path(__file__).resolve().parents[2]
HYPERLINK = '=HYPERLINK("http://x","Kantor")'
FORMULA_LIKE = [HYPERLINK, "+62 812 3456", "-5 kegiatan tertunda", "@SUM(A1)"]
RAW_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # anything a terminal acts on (newline kept)


def lkjip(*args: object) -> subprocess.CompletedProcess:
    return run_lkjip(*args, cwd=ROOT)


def office(path: Path, instansi: str) -> Path:
    """A demo office named `instansi`. One whose name holds control characters the gate refuses since issue 20 is
    planted as a workbook from before the gate was (the schema switched off while it is written)."""
    import store.document.read
    import store.disk.storage

    doc = demo_document()
    next(iter(doc["meta"].values()))["profile"]["instansi"] = instansi
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(store.document.read, "check", lambda *a, **k: None)
        patch.setattr(store.disk.storage, "check", lambda *a, **k: None)
        Workbook.create(path, doc)
    return path


def assert_text_cell(cell, value: str) -> None:
    """What Excel reads back as the text typed, even after editing the cell: a string with the quote prefix."""
    assert cell.value == value
    assert cell.data_type == "s", (value, cell.data_type)
    assert cell.quotePrefix, value


# -- formula injection --------------------------------------------------------------------------------------------
def test_an_instansi_typed_as_a_formula_stays_text_in_the_rekap_spreadsheet(tmp_path: Path) -> None:
    folder = tmp_path / "kabupaten"
    folder.mkdir()
    for n, name in enumerate(FORMULA_LIKE):
        office(folder / f"kantor{n}.json", name)
    xlsx = tmp_path / "rekap.xlsx"
    result = lkjip("rekap", folder, "--format", "xlsx", "-o", xlsx)
    assert result.returncode == 0, result.stderr
    sheet = openpyxl.load_workbook(xlsx).active
    column = [c.value for c in sheet[1]].index("Instansi")
    cells = {row[column].value: row[column] for row in sheet.iter_rows(min_row=2)}
    for name in FORMULA_LIKE:
        assert_text_cell(cells[name], name)


def test_names_typed_as_formulas_stay_text_in_the_export_and_the_template(tmp_path: Path) -> None:
    doc = demo_document()
    next(iter(doc["meta"].values()))["profile"]["instansi"] = HYPERLINK
    named = [n for n in doc["nodes"].values()][: len(FORMULA_LIKE)]
    for node, name in zip(named, FORMULA_LIKE):
        node["name"] = name
    workbook = tmp_path / "torjun.json"
    Workbook.create(workbook, doc)
    export, template = tmp_path / "ekspor.xlsx", tmp_path / "templat.xlsx"
    assert lkjip("export", workbook, "--format", "xlsx", "--year", 2022, "-o", export).returncode == 0
    assert lkjip("template", "--periode", "2025-2029", "-o", template).returncode == 0
    documents = []  # the year's documents lkjip also writes as a spreadsheet: every one of them
    for doc in (d for d, formats in DOC_FORMATS.items() if "xlsx" in formats):
        documents.append(tmp_path / f"{doc}.xlsx")
        tw = ["--tw", 2] if doc in (*QUARTERLY, "renaksi") else []  # renaksi with the quarter's realisasi
        done = lkjip("export", workbook, "--format", "xlsx", "--year", 2022, "--doc", doc, *tw, "-o", documents[-1])
        assert done.returncode == 0, done.stderr
    assert len(documents) >= 3  # evaluasi-renja, renaksi, iku
    found = {}
    for path in (export, template, *documents):
        for ws in openpyxl.load_workbook(path).worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    assert cell.data_type != "f", (path.name, ws.title, cell.coordinate, cell.value)
                    if isinstance(cell.value, str) and cell.value.startswith(("=", "+", "-", "@")):
                        assert_text_cell(cell, cell.value)
                        found[cell.value] = cell
    assert set(FORMULA_LIKE) <= set(found)


def test_a_control_character_in_an_instansi_does_not_kill_the_rekap_spreadsheet(tmp_path: Path) -> None:
    """Since issue 20 such a workbook (from before the gate) is refused by the schema when read: the rekap says so in
    a row, visibly, and never dies (exit 70) in the spreadsheet writer."""
    office(tmp_path / "kantor.json", "Dinas\x1b[2J\x07 Kesehatan\x00")
    office(tmp_path / "baik.json", "Dinas Kesehatan")
    xlsx = tmp_path / "rekap.xlsx"
    result = lkjip("rekap", tmp_path / "kantor.json", tmp_path / "baik.json", "--format", "xlsx", "-o", xlsx)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr and "tak terduga" not in result.stderr
    assert not RAW_CONTROL.search(result.stderr) and "karakter kendali \u241b" in result.stderr
    rows = list(openpyxl.load_workbook(xlsx).active.iter_rows(values_only=True))
    header = rows[0]
    by_file = {str(r[header.index("Berkas")]): r for r in rows[1:] if r[header.index("Berkas")]}
    refused = by_file[str(tmp_path / "kantor.json")][header.index("Keterangan")]
    assert refused.startswith("Tidak terbaca") and not RAW_CONTROL.search(refused)
    assert by_file[str(tmp_path / "baik.json")][header.index("Instansi")] == "Dinas Kesehatan"


def test_the_writer_escapes_control_characters_it_is_handed(tmp_path: Path) -> None:
    from store.exchange.xlsx_write import append_row

    book = openpyxl.Workbook()
    append_row(book.active, ["a\x1bb", "=c\x07", 5])
    book.save(tmp_path / "x.xlsx")
    cells = list(openpyxl.load_workbook(tmp_path / "x.xlsx").active[1])
    assert [c.value for c in cells] == ["a\\x1bb", "=c\\x07", 5]
    assert cells[1].data_type == "s"


# -- hostile folders and names ------------------------------------------------------------------------------------
def test_an_8_gb_file_in_the_folder_is_a_row_saying_it_is_too_large(tmp_path: Path) -> None:
    office(tmp_path / "kantor.json", "Kecamatan Torjun")
    with open(tmp_path / "raksasa.json", "wb") as f:
        f.truncate(8 * 2**30)  # sparse: costs no disk
    result = lkjip("rekap", tmp_path, "--format", "json")
    assert result.returncode == 1, result.stderr
    assert "MemoryError" not in result.stderr and "tak terduga" not in result.stderr
    assert "raksasa.json" in result.stderr and "terlalu besar" in result.stderr
    assert "Kecamatan Torjun" in result.stdout and "terlalu besar" in result.stdout


def test_a_folder_that_cannot_be_listed_is_a_row_with_its_reason(tmp_path: Path, monkeypatch, capsys) -> None:
    """A folder of mode 0311 can be entered but not listed. Root ignores the mode, so the listing is refused the way
    the system refuses it to an operator."""
    from tui.cli.main import main

    closed = tmp_path / "tertutup"
    closed.mkdir()
    office(closed / "kantor.json", "Kecamatan Torjun")
    office(tmp_path / "terbuka.json", "Kecamatan Omben")
    listing = Path.iterdir

    def iterdir(self):
        if self == closed:
            raise PermissionError(13, "Permission denied", str(self))
        return listing(self)

    monkeypatch.setattr(Path, "iterdir", iterdir)
    code = main(["rekap", str(closed), str(tmp_path / "terbuka.json"), "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 1, err
    assert "Permission" not in out + err and "tak terduga" not in err
    assert f"Folder {closed} tidak dapat dibuka: tidak ada izin membaca" in err
    assert "Kecamatan Omben" in out


@pytest.mark.parametrize("fmt", ["text", "md", "json"])
def test_a_file_named_with_escapes_is_shown_without_a_raw_control_byte(tmp_path: Path, fmt: str) -> None:
    evil = "kantor\x1b]2;dibajak\x07\x1b[2J"
    office(tmp_path / f"{evil}.json", "Kecamatan Torjun")
    (tmp_path / f"{evil}-rusak.json").write_text("{ bukan buku kerja", encoding="utf-8")
    result = lkjip("rekap", tmp_path, "--format", fmt)
    assert result.returncode == 1, result.stderr
    assert "Tidak terbaca" in result.stderr and "kantor" in result.stderr and "kantor" in result.stdout
    assert not RAW_CONTROL.search(result.stdout), fmt
    assert not RAW_CONTROL.search(result.stderr)
    assert "\u241b" in result.stderr  # ESC shown as its picture: the operator sees something odd is there


def test_the_rows_name_the_file_visibly_but_still_read_it(tmp_path: Path) -> None:
    path = office(tmp_path / "kantor\x1b[31m.json", "Kecamatan Torjun")
    rekap = R.build([str(tmp_path)])
    [row] = rekap.offices
    assert row.readable and row.source.path == path
    assert row.source.shown == str(tmp_path / "kantor\u241b[31m.json")
    assert row.instansi == "Kecamatan Torjun"


def test_a_name_the_system_refuses_to_look_up_is_a_row_too(tmp_path: Path) -> None:
    """Path.is_dir() raises where the system refuses the lookup itself (a name over 255 bytes; a parent folder
    another operator closed): that name is a row saying why, never exit 70."""
    office(tmp_path / "kantor.json", "Kecamatan Torjun")
    long_name = tmp_path / ("a" * 300 + ".json")
    result = lkjip("rekap", long_name, tmp_path / "kantor.json", "--format", "json")
    assert result.returncode == 1, result.stderr
    assert "tak terduga" not in result.stderr and "nama berkas terlalu panjang" in result.stderr
    assert "Kecamatan Torjun" in result.stdout


# -- the rekap in the terminal ------------------------------------------------------------------------------------
async def test_the_rekap_in_the_terminal_shows_escapes_visibly(tmp_path: Path) -> None:
    """`lkjip rekap FOLDER` on a terminal: a retitling escape in a file name or an instansi cleared the screen and
    renamed the terminal's pane ("PWN"). Every cell, the title and the message are drawn with the escapes visible."""
    from tui.views.rekap import RekapApp

    evil = "\x1b]2;PWN\x07\x1b[2J"
    office(tmp_path / f"kantor{evil}.json", "Kecamatan Torjun")
    office(tmp_path / "sebelum-gerbang.json", f"Kecamatan{evil}")  # refused by the schema now: a row with its reason
    (tmp_path / f"rusak{evil}.json").write_text("{ bukan buku kerja", encoding="utf-8")
    app = RekapApp(R.build([str(tmp_path)]))
    async with app.run_test(size=(240, 24)) as pilot:
        await pilot.pause()
        table = app.query_one("#rekap-table")
        cells = [str(cell) for row in range(table.row_count) for cell in table.get_row_at(row)]
        shown = "\n".join(cells) + str(app.query_one("#rekap-message").render())
        screen = app.export_screenshot()
    assert not RAW_CONTROL.search(shown) and "\x9b" not in shown, shown
    assert "\x1b" not in screen and "\x07" not in screen
    assert "kantor\u241b]2;PWN\u2407" in shown and "rusak\u241b]2;PWN\u2407" in shown
    assert "karakter kendali" in shown  # the instansi planted before the gate: refused, said visibly
