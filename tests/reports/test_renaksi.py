"""The Rencana Aksi (issue 23.3): quarterly targets and actions per indicator, the check on them, F8's `t`, and
`lkjip export --doc renaksi [--tw N]` in md, docx and xlsx, read back as an operator would."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import orjson
from textual import events

from store.edits.workbook import Workbook
from tests.support.f7_export import export_in_f7
from tests.reports.test_pk_triwulan import lkjip, ok
from tui.app.app import LkjipApp

IKM = "S1/1"  # Indeks Kepuasan Masyarakat: indeks, nilai akhir by default; year target 82
DESA = "S2/1"  # Persentase Desa/Kelurahan …: set kumulatif here; year target 100



def pct(r: str, t: str) -> Decimal:
    """The hand computation: R / T × 100, two places half-up."""
    return (Decimal(r) / Decimal(t) * 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def shown(d: Decimal) -> str:
    return f"{d:.2f}".replace(".", ",")


def _plan(demo_path: Path) -> None:
    """DESA kumulatif 20/30/25/25 (adds up to 100), realisasi 18 then 33; IKM nilai akhir 80/81/81,5/82 (TW IV is the
    year's 82), realisasi 79,2 then 82,1; TW III and IV not yet realised."""
    ok("set", demo_path, DESA, "aturan-tw", "kumulatif")
    for q, t in enumerate(("20", "30", "25", "25"), start=1):
        ok("set", demo_path, DESA, f"target-tw{q}", t, "--year", "2022")
    for q, t in enumerate(("80", "81", "81,5", "82"), start=1):
        ok("set", demo_path, IKM, f"target-tw{q}", t, "--year", "2022")
    ok("set", demo_path, DESA, "aksi-tw1", "Sosialisasi tata kelola ke 12 desa")
    ok("set", demo_path, IKM, "aksi-tw2", "Survei IKM semester I")
    ok("set", demo_path, DESA, "tw1", "18")
    ok("set", demo_path, DESA, "tw2", "33")
    ok("set", demo_path, IKM, "tw1", "79,2")
    ok("set", demo_path, IKM, "tw2", "82,1")


HAND = {  # (indicator, quarter): capaian per quarter = that quarter's realisasi / that quarter's target × 100
    (DESA, 1): pct("18", "20"),  # 90,00
    (DESA, 2): pct("33", "30"),  # 110,00: what TW II added against what it was to add, not 51 against 30
    (IKM, 1): pct("79.2", "80"),  # 99,00
    (IKM, 2): pct("82.1", "81"),  # 101,36
}
NAMES = {IKM: "Indeks Kepuasan Masyarakat (IKM)",
         DESA: "Persentase Desa/Kelurahan dengan tata kelola administrasi Desa/Kelurahan yang baik"}


def _quarter_rows(rows: list[list[str]]) -> dict[tuple[str, int], list[str]]:
    """Rows of the plan table keyed by (indicator, quarter): the indicator is named on its TW I row only."""
    out, current = {}, None
    for row in rows:
        for ref, name in NAMES.items():
            if name in row:
                current = ref
        if current and row[6].startswith("TW "):
            out[(current, ("I", "II", "III", "IV").index(row[6][3:]) + 1)] = row
    return out


def test_the_md_plan_with_realisasi_up_to_tw_ii_gives_the_hand_computed_capaian(demo_path: Path,
                                                                                markdown_tables) -> None:
    _plan(demo_path)
    md = ok("export", demo_path, "--doc", "renaksi", "--tw", "2", "--format", "md")
    assert md.startswith("> DRAF \u2014 diekspor ") and "# RENCANA AKSI TAHUN 2022" in md
    (columns, rows), = markdown_tables(md)
    assert columns[-2:] == ["Realisasi Triwulan", "Capaian Triwulan (%)"]
    by_quarter = _quarter_rows(rows)
    for (ref, q), capaian in HAND.items():
        assert by_quarter[(ref, q)][-1] == shown(capaian), (ref, q, by_quarter[(ref, q)])
    assert by_quarter[(DESA, 2)][-2:] == ["33,00", "110,00"]
    assert by_quarter[(DESA, 3)][-2:] == ["", ""]  # after TW II: nothing realised yet, nothing guessed
    assert by_quarter[(DESA, 1)][7:9] == ["20,00", "Sosialisasi tata kelola ke 12 desa"]
    assert by_quarter[(IKM, 2)][8] == "Survei IKM semester I"
    assert by_quarter[(IKM, 1)][4:6] == ["nilai akhir", "82,00"] and by_quarter[(DESA, 1)][4] == "kumulatif"
    # Without --tw: the plan alone.
    (columns, rows), = markdown_tables(ok("export", demo_path, "--doc", "renaksi", "--format", "md"))
    assert columns[-1] == "Penanggung Jawab" and len(rows) == 8


def test_the_word_plan_reads_back_with_the_same_capaian(demo_path: Path, tmp_path: Path) -> None:
    from docx import Document

    _plan(demo_path)
    out = tmp_path / "renaksi.docx"
    ok("export", demo_path, "--doc", "renaksi", "--tw", "2", "--format", "docx", "-o", out)
    doc = Document(str(out))
    rows = [[c.text for c in r.cells] for r in doc.tables[0].rows]
    by_quarter = _quarter_rows(rows[1:])
    for (ref, q), capaian in HAND.items():
        assert by_quarter[(ref, q)][-1] == shown(capaian)
    text = "\n".join([p.text for p in doc.paragraphs] + [c.text for t in doc.tables for r in t.rows for c in r.cells])
    assert "RENCANA AKSI TAHUN 2022" in text and "SAFFAK,SE.MM." in text  # signed by the head
    assert "DRAF" in "".join(p.text for p in doc.sections[0].header.paragraphs)


def test_the_spreadsheet_keeps_figures_as_numbers(demo_path: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    _plan(demo_path)
    out = tmp_path / "renaksi.xlsx"
    ok("export", demo_path, "--doc", "renaksi", "--tw", "2", "--format", "xlsx", "-o", out)
    sheet = load_workbook(out).active
    assert str(sheet["A1"].value).startswith("DRAF")
    header = [c.value for c in sheet[3]]
    t_col, r_col, c_col = (header.index(h) for h in ("Target Triwulan", "Realisasi Triwulan",
                                                      "Capaian Triwulan (%)"))
    seen = {}
    for row in sheet.iter_rows(min_row=4, values_only=True):
        ref = next((r for r, n in NAMES.items() if row[2] == n), None)
        if ref and row[6] in ("TW I", "TW II"):
            seen[(ref, 1 if row[6] == "TW I" else 2)] = row
    assert seen.keys() == HAND.keys()
    for key, capaian in HAND.items():
        row = seen[key]
        assert all(isinstance(row[i], (int, float)) for i in (5, t_col, r_col, c_col)), row
        assert Decimal(str(row[c_col])) == capaian
    assert seen[(DESA, 2)][t_col] == 30 and seen[(DESA, 2)][r_col] == 33


def test_check_says_where_the_quarterly_targets_do_not_make_the_years_target(demo_path: Path) -> None:
    _plan(demo_path)
    assert "Rencana aksi" not in ok("check", demo_path)  # 20+30+25+25 = 100; IKM's TW IV is 82
    said = ok("set", demo_path, DESA, "target-tw4", "20", "--year", "2022")
    assert "berjumlah 95,00, bukan target tahun 2022 100,00" in said
    ok("set", demo_path, IKM, "target-tw4", "83")
    lines = [line for line in ok("check", demo_path).splitlines() if "Rencana aksi" in line]
    assert len(lines) == 2 and all(line.startswith("[peringatan]") for line in lines)
    assert any(line.startswith(f"[peringatan] {DESA}:") and "kumulatif" in line and "95,00" in line
               for line in lines)
    assert any(line.startswith(f"[peringatan] {IKM}:") and "TW IV (nilai akhir) 83,00" in line and "82,00" in line
               for line in lines)


def test_a_locked_year_refuses_quarterly_targets_and_actions(demo_path: Path) -> None:
    ok("lock", demo_path, "--year", "2022")
    before = demo_path.read_bytes()
    for field, value in (("target-tw2", "40"), ("aksi-tw1", "Rapat koordinasi")):
        result = lkjip("set", demo_path, DESA, field, value, "--year", "2022")
        assert result.returncode == 1 and "dikunci" in result.stderr and result.stdout == ""
    assert demo_path.read_bytes() == before


def test_the_documents_refuse_what_they_cannot_do(demo_path: Path) -> None:
    for args in (("--doc", "renaksi", "--format", "pdf"), ("--doc", "pk", "--format", "xlsx"),
                 ("--doc", "renaksi", "--tw", "5", "--format", "md")):
        result = lkjip("export", demo_path, *args)
        assert result.returncode == 2 and result.stdout == "" and "Traceback" not in result.stderr, args
    result = lkjip("export", demo_path, "--doc", "renaksi", "--format", "xlsx")
    assert result.returncode != 0 and "-o" in result.stderr and result.stdout == ""


def _target_tw(path: Path, ref: str) -> dict:
    doc = orjson.loads(path.read_bytes())
    for node in doc["nodes"].values():
        for ind in node["indicators"]:
            if ind["id"] == ref:
                return (ind["years"].get("2022") or {}).get("target_tw") or {}
    raise AssertionError(ref)


async def test_f8_shows_and_edits_the_quarterly_targets_with_t(demo_path: Path) -> None:
    ok("set", demo_path, IKM, "target-tw1", "80")
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f8")
        await pilot.pause()
        sheet = app.screen
        sheet.goto(IKM)
        i = sheet.grid.index_of(IKM)
        assert sheet.grid.values(i)[5] == "\u2014"  # TW I realisasi: empty
        await pilot.press("t")
        await pilot.pause()
        assert [c.label for c in sheet.grid.spec[5:9]] == ["T.TW I", "T.TW II", "T.TW III", "T.TW IV"]
        assert sheet.grid.values(i)[5] == "80,00"
        sheet.grid.go(i, 6)  # T.TW II
        await pilot.press(*"81,5", "enter")
        await pilot.pause()
        assert _target_tw(demo_path, IKM) == {"1": "80", "2": "81.5"}
        assert sheet.grid.values(i)[6] == "81,50"
        # A pasted column fills the targets downward like any figure column.
        sheet.grid.go(i, 7)
        app.post_message(events.Paste("81,8\r\n"))
        await pilot.pause()
        assert _target_tw(demo_path, IKM)["3"] == "81.8"
        await pilot.press("t")  # back to the realisasi
        await pilot.pause()
        assert sheet.grid.spec[5].label == "TW I" and sheet.grid.values(i)[5] == "\u2014"


def test_the_export_spreadsheet_carries_the_plan_and_a_seksi_fills_it(demo_path: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    ok("set", demo_path, IKM, "target-tw2", "81", "--year", "2022")
    sheet_path = tmp_path / "torjun-2022.xlsx"
    ok("export", demo_path, "--format", "xlsx", "--year", "2022", "-o", sheet_path)
    book = load_workbook(sheet_path)
    ws = book["Kaskade"]
    h = {c.value: c.column for c in ws[1] if c.value}
    row = next(c.row for c in ws[ws.cell(1, h["ID Indikator"]).column_letter] if c.value == DESA)
    ikm_row = next(c.row for c in ws[ws.cell(1, h["ID Indikator"]).column_letter] if c.value == IKM)
    assert ws.cell(ikm_row, h["Target TW II 2022"]).value == 81  # a number cell
    ws.cell(row, h["Target TW I 2022"], "20,5")
    ws.cell(row, h["Aksi TW I 2022"], "Sosialisasi ke 12 desa")
    book.save(sheet_path)
    assert "2 perubahan" in ok("import", sheet_path, demo_path)
    slot = orjson.loads(demo_path.read_bytes())
    ind = next(i for n in slot["nodes"].values() for i in n["indicators"] if i["id"] == DESA)
    assert ind["years"]["2022"]["target_tw"] == {"1": "20.5"}
    assert ind["years"]["2022"]["aksi_tw"] == {"1": "Sosialisasi ke 12 desa"}


async def test_the_export_view_f7_offers_the_rencana_aksi(demo_path: Path, tmp_path: Path) -> None:
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await export_in_f7(app, pilot, "Rencana Aksi", tmp_path / "renaksi")
    assert "\n\n# RENCANA AKSI TAHUN 2022\n" in (tmp_path / "renaksi.md").read_text(encoding="utf-8")


def _aksi(path: Path, ref: str) -> dict:
    doc = orjson.loads(path.read_bytes())
    ind = next(i for n in doc["nodes"].values() for i in n["indicators"] if i["id"] == ref)
    # An action taken back by undo may stay as "" (an empty text, as a cleared one): no action either way.
    return {q: text for q, text in ((ind["years"].get("2022") or {}).get("aksi_tw") or {}).items() if text}


async def press_a_on_ikm(pilot, app: LkjipApp) -> None:
    """F8, the IKM indicator's row, and `a` (its Rencana Aksi)."""
    await pilot.press("f8")
    await pilot.pause()
    app.screen.goto(IKM)
    await pilot.press("a")
    await pilot.pause()


async def test_a_in_f8_types_the_actions_per_quarter_into_the_rencana_aksi(demo_path: Path) -> None:
    from tui.views.forms import FormScreen

    ok("set", demo_path, IKM, "target-tw2", "81", "--year", "2022")
    ok("set", demo_path, IKM, "aksi-tw1", "Rapat awal")
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await press_a_on_ikm(pilot, app)
        form = app.screen
        assert isinstance(form, FormScreen)
        labels = [str(label.render()) for label in form.query("Label")]
        assert labels[1] == "Rencana aksi TW II (target TW II: 81,00)"
        assert form.query_one("#form-aksi_tw1").value == "Rapat awal"  # what is there is shown, to change
        await pilot.press("enter", *"Survei IKM semester I", "tab", *"Rapat evaluasi", "ctrl+s")
        await pilot.pause()
        assert not app.message_error, app.message
        assert _aksi(demo_path, IKM) == {"1": "Rapat awal", "2": "Survei IKM semester I", "3": "Rapat evaluasi"}
        await pilot.press("ctrl+z")  # the form is one step of the history
        await pilot.pause()
        assert _aksi(demo_path, IKM) == {"1": "Rapat awal"}
        await pilot.press("ctrl+y")
        await pilot.pause()
    md = ok("export", demo_path, "--doc", "renaksi", "--format", "md")
    cells = {line.split("|")[7].strip(): [c.strip() for c in line.split("|")] for line in md.splitlines()
             if "Survei IKM" in line or "Rapat evaluasi" in line}  # the plan's rows of TW II and TW III
    assert cells["TW II"][8:10] == ["81,00", "Survei IKM semester I"]
    assert cells["TW III"][9] == "Rapat evaluasi"


async def test_a_in_f8_refuses_a_locked_year(demo_path: Path) -> None:
    ok("lock", demo_path, "--year", "2022")
    before = demo_path.read_bytes()
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await press_a_on_ikm(pilot, app)
        assert app.message_error and "dikunci" in app.message
        assert type(app.screen).__name__ == "SheetScreen"  # no form opened
    assert demo_path.read_bytes() == before
