"""Officials per year and a Perjanjian Kinerja for every one of them (issue 23.1, 23.2).

Kecamatan Torjun 2022: the Camat signs with the Bupati; the Sekretaris Camat answers for program 7.01.01 and the
Kepala Seksi Trantib for kegiatan 7.01.04.2.01, each signing with the Camat. Each PK holds only that official's
indicators, targets and budget, and the budgets are those the Camat's PK shows for the same nodes."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.support.f7_export import export_in_f7
from tests.reports.test_pk_triwulan import docx_text, lkjip, ok

SEKCAM_IND = "Persentase penunjang urusan pemerintah daerah yang difasilitasi"  # 7.01.01/1
KASI_IND = "Persentase desa dengan Satuan Perlindungan Masyarakat yang aktif"  # 7.01.04.2.01/1
IKM = "Indeks Kepuasan Masyarakat (IKM)"  # S1/1, a sasaran indicator: the Camat's


@pytest.fixture
def officials(demo_path: Path) -> Path:
    for field, value in (("pihak-kedua-nama", "H. SLAMET JUNAIDI"), ("pihak-kedua-jabatan", "BUPATI SAMPANG")):
        ok("set", demo_path, "profil", field, value, "--year", "2022")
    for key, nama, nip, jabatan in (
            ("sekcam", "MOH. HARIS, S.Sos", "198001012005011001", "SEKRETARIS CAMAT TORJUN"),
            ("kasi-trantib", "ABDUL ROHIM", "198502022010011002", "KEPALA SEKSI TRANTIB")):
        for field, value in (("nama", nama), ("nip", nip), ("jabatan", jabatan), ("atasan", "kepala")):
            ok("set", demo_path, f"pejabat:{key}", field, value, "--year", "2022")
    ok("set", demo_path, "7.01.01", "penanggung-jawab", "sekcam")
    ok("set", demo_path, "7.01.04.2.01", "penanggung-jawab", "kasi-trantib")
    ok("set", demo_path, "7.01.01/1", "target", "100", "--year", "2022")
    ok("set", demo_path, "7.01.04.2.01/1", "target", "85", "--year", "2022")
    return demo_path


def pk_md(path: Path, *extra: str) -> str:
    return ok("export", path, "--doc", "pk", "--format", "md", *extra)


def budget_rows(md: str, markdown_tables) -> list[list[str]]:
    return next(body for head, body in markdown_tables(md) if head[-1].startswith("Anggaran"))


def test_each_official_has_a_pk_with_only_their_indicators_targets_and_budget(officials: Path, tmp_path: Path,
                                                                               markdown_tables) -> None:
    camat, sekcam, kasi = pk_md(officials), pk_md(officials, "--pejabat", "sekcam"), pk_md(
        officials, "--pejabat", "kasi-trantib")
    assert pk_md(officials, "--pejabat", "kepala") == camat  # the head's is the default

    # Who signs with whom: the Camat with the Bupati, the others with the Camat.
    assert "BUPATI SAMPANG" in camat and "H. SLAMET JUNAIDI" in camat
    for md, name in ((sekcam, "MOH. HARIS, S.Sos"), (kasi, "ABDUL ROHIM")):
        assert name in md and "SAFFAK,SE.MM." in md and "CAMAT TORJUN" in md and "BUPATI" not in md

    # Only their own indicators and targets.
    assert IKM in camat and SEKCAM_IND not in camat and KASI_IND not in camat
    sek_ind = next(body for head, body in markdown_tables(sekcam) if head[-1] == "Target")
    kasi_ind = next(body for head, body in markdown_tables(kasi) if head[-1] == "Target")
    assert [r[1:] for r in sek_ind] == [["7.01.01 Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota", SEKCAM_IND,
                                         "%" if sek_ind[0][3] == "%" else sek_ind[0][3], "100,00"]]
    assert [r[2] for r in kasi_ind] == [KASI_IND] and kasi_ind[0][-1] == "85,00"
    assert IKM not in sekcam and KASI_IND not in sekcam and IKM not in kasi and SEKCAM_IND not in kasi

    # Budgets: the Camat's PK prints Pagu PK per program; 7.01.01 is Rp 2.991.517.997, 7.01.04 Rp 57.825.000. The
    # kegiatan 7.01.04.2.01 has no Pagu PK of its own: its two sub kegiatan's pagu, 54.000.000 + 3.825.000.
    head = {r[1].split()[0]: r[2] for r in budget_rows(camat, markdown_tables)}
    assert head["7.01.01"] == "Rp 2.991.517.997" and head["7.01.04"] == "Rp 57.825.000"
    sek_budget, kasi_budget = budget_rows(sekcam, markdown_tables), budget_rows(kasi, markdown_tables)
    assert sek_budget == [["1", "7.01.01 Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota", head["7.01.01"]],
                          ["", "Jumlah", head["7.01.01"]]]
    assert f"{54_000_000 + 3_825_000:,}".replace(",", ".") == "57.825.000"
    assert kasi_budget[-1] == ["", "Jumlah", "Rp 57.825.000"] == ["", "Jumlah", head["7.01.04"]]
    assert kasi_budget[0][1].startswith("7.01.04.2.01 ")

    # Word: the same, read back.
    for key, name, wanted, absent in (("kepala", "SAFFAK,SE.MM.", IKM, SEKCAM_IND),
                                      ("sekcam", "MOH. HARIS, S.Sos", SEKCAM_IND, IKM),
                                      ("kasi-trantib", "ABDUL ROHIM", KASI_IND, SEKCAM_IND)):
        out = tmp_path / f"pk-{key}.docx"
        ok("export", officials, "--doc", "pk", "--pejabat", key, "--format", "docx", "-o", out)
        text = docx_text(out)
        assert "PERJANJIAN KINERJA TAHUN 2022" in text and name in text and wanted in text and absent not in text
    assert "Rp 57.825.000" in docx_text(tmp_path / "pk-kasi-trantib.docx")


def test_pk_perubahan_prints_the_pagu_after_perubahan(officials: Path, tmp_path: Path, markdown_tables) -> None:
    camat = pk_md(officials, "--perubahan")
    assert "# PERJANJIAN KINERJA PERUBAHAN TAHUN 2022" in camat
    # The pagu after APBD Perubahan: the office's 3.247.636.481, not the PK's 3.158.758.766.
    assert budget_rows(camat, markdown_tables)[-1][1:] == ["Jumlah", "Rp 3.247.636.481"]
    sekcam = pk_md(officials, "--pejabat", "sekcam", "--perubahan")
    assert budget_rows(sekcam, markdown_tables)[-1] == ["", "Jumlah", "Rp 3.080.095.712"]
    assert "Rp 2.991.517.997" not in sekcam
    out = tmp_path / "pkp.docx"
    ok("export", officials, "--doc", "pk", "--pejabat", "sekcam", "--perubahan", "--format", "docx", "-o", out)
    text = docx_text(out)
    assert "PERJANJIAN KINERJA PERUBAHAN TAHUN 2022" in text and "Rp 3.080.095.712" in text


def test_lkjip_pejabat_lists_officials_superiors_and_their_nodes(officials: Path) -> None:
    text = ok("pejabat", officials, "--year", "2022")
    assert "kepala: CAMAT TORJUN \u2014 SAFFAK,SE.MM." in text
    assert "atasan (pihak kedua PK): BUPATI SAMPANG \u2014 H. SLAMET JUNAIDI" in text
    assert text.index("kepala:") < text.index("kasi-trantib:") < text.index("sekcam:")  # the head, then by key
    sek = text[text.index("sekcam:"):]
    assert "atasan: kepala" in sek and "7.01.01 Penunjang Urusan" in sek and "7.01.04" not in sek
    kasi = text[text.index("kasi-trantib:"):text.index("sekcam:")]
    assert "atasan: kepala" in kasi and "7.01.04.2.01 Koordinasi Upaya" in kasi


def test_an_unknown_official_is_refused(officials: Path, tmp_path: Path) -> None:
    before = officials.read_bytes()
    for args in (("set", officials, "7.01.01", "penanggung-jawab", "camat-lama"),
                 ("set", officials, "pejabat:sekcam", "atasan", "camat-lama", "--year", "2022"),
                 ("set", officials, "pejabat:sekcam", "golongan", "III/d", "--year", "2022")):
        result = lkjip(*args)
        assert result.returncode != 0 and "Traceback" not in result.stderr and result.stderr.strip()
    assert officials.read_bytes() == before
    out = tmp_path / "pk.md"
    result = lkjip("export", officials, "--doc", "pk", "--pejabat", "camat-lama", "--format", "md", "-o", out)
    assert result.returncode == 1 and "bukan pejabat tahun 2022" in result.stderr and not out.exists()
    assert "sekcam" in result.stderr  # the officials it knows are listed


def test_a_locked_year_refuses_the_officials_edits(officials: Path) -> None:
    ok("lock", officials, "--year", "2022", "--reason", "tutup buku")
    before = officials.read_bytes()
    for args in (("pejabat:sekcam", "nama", "ORANG LAIN", "--year", "2022"),
                 ("pejabat:kasi-baru", "nama", "ORANG BARU", "--year", "2022"),
                 ("7.01.01", "penanggung-jawab", "kasi-trantib")):
        result = lkjip("set", officials, *args)
        assert result.returncode == 1 and "dikunci" in result.stderr, result.stderr
    assert officials.read_bytes() == before


def test_the_penanggung_jawab_column_names_the_official_whose_key_it_holds(officials: Path, tmp_path: Path) -> None:
    import json

    import openpyxl
    from tests.store.test_xlsx import headers, row_of

    sheet = tmp_path / "torjun.xlsx"
    ok("export", officials, "--format", "xlsx", "--year", "2022", "-o", sheet)
    book = openpyxl.load_workbook(sheet)
    ws = book["Kaskade"]
    col = headers(ws)["Penanggung Jawab"]
    ws.cell(row_of(ws, "Kode", "7.01.06"), col, "sekcam")  # an official's key
    ws.cell(row_of(ws, "Kode", "7.01.03"), col, "Seksi PMD")  # free text, as before officials existed
    book.save(sheet)
    ok("import", sheet, officials)
    nodes = {n["code"]: n for n in json.loads(officials.read_text())["nodes"].values()}
    assert nodes["7.01.06"]["unit"] == "sekcam" and nodes["7.01.06"]["penanggung_jawab"] == "sekcam"
    assert nodes["7.01.03"]["unit"] == "Seksi PMD" and "penanggung_jawab" not in nodes["7.01.03"]
    assert "7.01.06 Pembinaan" in ok("pejabat", officials)


async def test_the_export_view_offers_the_pk_perubahan(demo_path: Path, tmp_path: Path) -> None:
    from store.edits.workbook import Workbook
    from tui.app.app import LkjipApp

    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await export_in_f7(app, pilot, "Perjanjian Kinerja Perubahan", tmp_path / "pkp")
    text = (tmp_path / "pkp.md").read_text(encoding="utf-8")
    assert "# PERJANJIAN KINERJA PERUBAHAN TAHUN 2022" in text and "Rp 3.247.636.481" in text


async def test_j_on_a_tree_node_picks_its_official_from_the_list(demo_path: Path) -> None:
    from store.edits.workbook import Workbook
    from tui.app.app import LkjipApp
    from tui.views.forms import PickScreen
    from tui.widgets.cascade_tree import CascadeTree

    wb = Workbook.open(demo_path)
    wb.set("pejabat:sekcam", "jabatan", "SEKRETARIS CAMAT", 2022)
    program = next(n["id"] for n in wb.cascade().nodes.values() if n["code"] == "7.01.01")
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        app.screen.query_one(CascadeTree).reveal(program)
        await pilot.pause()
        await pilot.press("j")
        await pilot.pause()
        assert isinstance(app.screen, PickScreen)  # kepala, sekcam, (tanpa pejabat)
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.casc.nodes[program]["penanggung_jawab"] == "sekcam"
        await pilot.press("ctrl+z")  # one step of the history like any edit
        await pilot.pause()
        assert not app.casc.nodes[program].get("penanggung_jawab")
    assert "7.01.01" not in ok("pejabat", demo_path).split("sekcam:")[1]


def test_locking_a_year_that_inherits_its_officials_keeps_them(officials: Path) -> None:
    # 2023 has no profile of its own: it shows 2022's officials; locking 2023 keeps them as its own.
    ok("lock", officials, "--year", "2023", "--reason", "tutup buku")
    assert "sekcam: SEKRETARIS CAMAT TORJUN" in ok("pejabat", officials, "--year", "2023")
    ok("set", officials, "pejabat:sekcam", "nama", "PENGGANTI", "--year", "2022")
    assert "MOH. HARIS, S.Sos" in ok("pejabat", officials, "--year", "2023")


async def test_f7_offers_the_pk_of_every_official_who_answers_for_nodes(officials: Path) -> None:
    from store.edits.workbook import Workbook
    from tui.app.app import LkjipApp
    from tui.views.forms import PickScreen

    Workbook.open(officials).set("pejabat:kasi-pem", "jabatan", "KEPALA SEKSI PEMERINTAHAN", 2022)  # no node yet
    app = LkjipApp(Workbook.open(officials))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f7")
        await pilot.pause()
        await pilot.press("ctrl+o")  # from the LKjIP draft: to the PK, and the list of officials
        await pilot.pause()
        assert isinstance(app.screen, PickScreen)
        offered = [str(o.prompt) for o in app.screen.query_one("OptionList").options]
        assert offered == ["CAMAT TORJUN \u2014 SAFFAK,SE.MM.", "KEPALA SEKSI TRANTIB \u2014 ABDUL ROHIM",
                           "SEKRETARIS CAMAT TORJUN \u2014 MOH. HARIS, S.Sos"]  # kasi-pem answers for nothing
        await pilot.press("down", "enter")
        await pilot.pause()
        path = app.screen.query_one("#export-path").value
        assert path == str(officials.with_name("PK-kasi-trantib-torjun"))
        assert "KEPALA SEKSI TRANTIB \u2014 ABDUL ROHIM" in str(app.screen.query_one("#export-result").render())
        await pilot.press("ctrl+w")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not app.message_error, app.message
        text = docx_text(officials.with_name("PK-kasi-trantib-torjun.docx"))
        assert "PERJANJIAN KINERJA TAHUN 2022" in text and "ABDUL ROHIM" in text and "SAFFAK,SE.MM." in text
        assert KASI_IND in text and IKM not in text and SEKCAM_IND not in text and "Rp 57.825.000" in text

        # The PK Perubahan of the same official, by Ctrl+T: its own file name.
        for _ in range(20):
            if app.message.startswith("Dokumen: Perjanjian Kinerja Perubahan"):
                break
            await pilot.press("ctrl+t")
            await pilot.pause()
        assert app.screen.query_one("#export-path").value == str(officials.with_name("PK-Perubahan-kasi-trantib-torjun"))
        await pilot.press("ctrl+e")
        await app.workers.wait_for_complete()
        await pilot.pause()
    md = officials.with_name("PK-Perubahan-kasi-trantib-torjun.md").read_text(encoding="utf-8")
    assert "# PERJANJIAN KINERJA PERUBAHAN TAHUN 2022" in md and "ABDUL ROHIM" in md and KASI_IND in md
    assert IKM not in md
