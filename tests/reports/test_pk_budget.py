"""The PK budget is never silently short: an empty Pagu PK means the pagu of the year, node by node, and says so.

An operator filled the pagu and left Pagu PK empty: the PK printed program 7.01.01 as "—" and a total far below the
pagu, and `lkjip check` said nothing. The demo (Kecamatan Torjun 2022) has Pagu PK on its five programs; the tests
empty some of them as the operator's workbook had them."""

from __future__ import annotations

import json
from pathlib import Path

from tests.reports.test_pk_triwulan import lkjip, ok

from store.edits.workbook import Workbook
from tui.app.app import LkjipApp
from tui.views.rows import explain

PROGRAMS = ["7.01.02", "7.01.01", "7.01.03", "7.01.04", "7.01.06"]  # in the order the PK lists them
DASH = "\u2014"


def empty_pagu_pk(path: Path, *programs: str) -> None:
    wb = Workbook.open(path)
    for ref in programs:
        wb.set(ref, "pagu-pk", "", 2022, clear=True)


def docx_tables(path: Path) -> list[list[list[str]]]:
    from docx import Document

    return [[[c.text for c in row.cells] for row in t.rows] for t in Document(str(path)).tables]


def pk_budget_json(path: Path) -> list[list[str]]:
    doc = json.loads(ok("tables", path, "--table", "pk-anggaran", "--format", "json"))
    return doc["tables"][0]["rows"]


def test_without_any_pagu_pk_the_pk_prints_the_pagu_of_every_program(demo_path: Path, tmp_path: Path,
                                                                       markdown_tables) -> None:
    empty_pagu_pk(demo_path, *PROGRAMS)
    rows = pk_budget_json(demo_path)
    assert [r[1].split()[0] for r in rows[:-1]] == PROGRAMS
    assert all(r[2] != DASH for r in rows)
    # 7.01.02 has one sub kegiatan, pagu 14.866.373; the total is the office's pagu (Tabel anggaran's Jumlah).
    assert rows[0][2] == "Rp 14.866.373"
    assert rows[-1][1:] == ["Jumlah", "Rp 3.247.636.481"]

    md = ok("export", demo_path, "--doc", "pk", "--format", "md")
    budget = next(body for head, body in markdown_tables(md) if head[-1] == "Anggaran (PK)")
    assert [r[2] for r in budget] == [r[2] for r in rows]

    out = tmp_path / "pk.docx"
    ok("export", demo_path, "--doc", "pk", "--format", "docx", "-o", out)
    table = next(t for t in docx_tables(out) if t[0][-1] == "Anggaran (PK)")
    assert [r[2] for r in table[1:]] == [r[2] for r in rows]


def test_check_names_each_program_whose_pk_takes_its_pagu(demo_path: Path) -> None:
    assert "Pagu PK kosong" not in ok("check", demo_path)  # the demo has every program's Pagu PK
    empty_pagu_pk(demo_path, "7.01.01", "7.01.04")
    found = [line for line in ok("check", demo_path).splitlines() if "Pagu PK kosong: PK memakai pagu" in line]
    assert len(found) == 2
    assert found[0].startswith("[peringatan] 7.01.01: ") and "Rp 3.080.095.712" in found[0]
    assert found[1].startswith("[peringatan] 7.01.04: ") and "Rp 57.825.000" in found[1]


def test_one_program_with_pagu_pk_and_the_others_without_add_up_by_hand(demo_path: Path) -> None:
    empty_pagu_pk(demo_path, "7.01.01", "7.01.03", "7.01.04", "7.01.06")
    rows = {r[1].split()[0]: r[2] for r in pk_budget_json(demo_path)}
    # 7.01.02 keeps its Pagu PK; the others take their pagu, the sums of their sub kegiatan:
    pk_7_01_02 = 14_566_373
    pagu_7_01_03 = 34_373_450 + 40_586_453
    pagu_7_01_04 = 54_000_000 + 3_825_000
    pagu_7_01_06 = 7_325_895 + 12_563_598
    pagu_7_01_01 = 3_080_095_712  # Tabel anggaran's row of 7.01.01
    total = pk_7_01_02 + pagu_7_01_01 + pagu_7_01_03 + pagu_7_01_04 + pagu_7_01_06
    assert total == 3_247_336_481
    assert rows["7.01.02"] == "Rp 14.566.373" and rows["7.01.03"] == "Rp 74.959.903"
    assert rows["Jumlah"] == "Rp 3.247.336.481"


def test_inside_a_program_a_sub_kegiatan_without_pagu_pk_adds_its_pagu(demo_path: Path) -> None:
    # Pagu PK typed on one of the two sub kegiatan of 7.01.06: the program's PK is that plus the other's pagu.
    empty_pagu_pk(demo_path, "7.01.06")
    Workbook.open(demo_path).set("7.01.06.2.01.0002", "pagu-pk", "7.000.000", 2022)
    rows = {r[1].split()[0]: r[2] for r in pk_budget_json(demo_path)}
    assert rows["7.01.06"] == "Rp 19.563.598"  # 7.000.000 + 12.563.598
    casc = Workbook.open(demo_path).cascade()
    assert explain(casc, "7.01.06", "pagu_pk", 2022) == (
        "Pagu PK 2022: Rp 7.000.000 diisi; 1 rincian kosong: PK memakai pagu Rp 12.563.598 (7.01.06.2.01.0003 "
        "Fasilitasi Pengelolaan Keuangan Desa dan Pendayagunaan Aset Desa); PK Rp 19.563.598.")
    found = [line for line in ok("check", demo_path).splitlines() if "pagu-pk" in line or "Pagu PK" in line]
    assert found == [line for line in found if line.startswith("[peringatan] 7.01.06.2.01.0003: Pagu PK kosong")]


def test_a_pagu_pk_typed_on_a_program_that_differs_from_its_rincian_is_a_galat(demo_path: Path) -> None:
    Workbook.open(demo_path).set("7.01.06.2.01.0002", "pagu-pk", "7.000.000", 2022)  # 7.01.06 keeps 19.889.493
    result = lkjip("check", demo_path)
    assert result.returncode == 1
    assert any(line.startswith("[galat] 7.01.06: Pagu PK 2022 yang diketik") and "Rp 19.563.598" in line
               for line in result.stdout.splitlines()), result.stdout


def test_x_on_an_empty_pagu_pk_says_the_pk_takes_the_pagu(demo_path: Path) -> None:
    empty_pagu_pk(demo_path, "7.01.02")
    casc = Workbook.open(demo_path).cascade()
    assert explain(casc, "7.01.02", "pagu_pk", 2022) == "Pagu PK 2022 kosong: PK memakai pagu Rp 14.866.373."
    assert explain(casc, "7.01.03", "pagu_pk", 2022) == "Pagu PK 2022: Rp 74.959.903, dipakai Perjanjian Kinerja."


async def test_f9_has_a_pagu_pk_column_typed_for_a_sub_kegiatan_and_summed_read_only(demo_path: Path) -> None:
    empty_pagu_pk(demo_path, "7.01.02")
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f9")
        await pilot.pause()
        grid = app.screen.grid
        assert grid.current()[0].ref == "7.01.02.2.02.0003"
        await pilot.press(*["right"] * 6)  # from Realisasi past Serapan% and TW I–IV
        await pilot.pause()
        assert grid.current()[1].label == "Pagu PK (Rp)"
        assert "Pagu PK (Rp)" in grid.render_line(0).text
        await pilot.press("x")
        await pilot.pause()
        assert app.message == "Pagu PK 2022 kosong: PK memakai pagu Rp 14.866.373."
        await pilot.press(*"14.000.000", "enter")
        await pilot.pause()
        sub = Workbook.open(demo_path).cascade().nodes["7.01.02.2.02.0003"]
        assert sub["budget"]["2022"]["pagu_pk"] == 14_000_000
        program = grid.index_of("7.01.02")
        assert grid.rows[program].group and grid.values(program)[-1] == "14.000.000"  # the sum followed
    assert {r[1].split()[0]: r[2] for r in pk_budget_json(demo_path)}["7.01.02"] == "Rp 14.000.000"
