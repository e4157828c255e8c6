"""A new office builds its cascade in the TUI, from an empty workbook, with the keyboard alone."""

from __future__ import annotations

from pathlib import Path

import orjson

from reports import tables as T
from store.workbook import Workbook
from tui.app import LkjipApp
from tui.views.forms import ConfirmScreen, FormScreen, PickScreen
from tui.views.main import EMPTY_HINT, MainScreen
from tui.widgets.cascade_tree import CascadeTree
from tui.widgets.grid import WorkGrid
from support.cli import lkjip

PROGRAM, KEGIATAN, SUB = "7.01.02", "7.01.02.2.02", "7.01.02.2.02.0003"


def new_office(tmp_path: Path) -> Path:
    path = tmp_path / "uji.json"
    done = lkjip("init", path, "--instansi", "Kecamatan Uji", "--pemda", "Kabupaten Uji", "--periode", "2021-2026",
                 "--tahun", "2022")
    assert done.returncode == 0, done.stderr
    return path


def node_ids_on_disk(path: Path) -> set[str]:
    return {n["id"] for n in orjson.loads(path.read_bytes())["nodes"].values()}


def anggaran_rows(app: LkjipApp) -> dict[str, list[str]]:
    table = T.build(app.casc, 2022, "anggaran")
    return {row[1] or row[2]: row for row in table.rows}


async def keys(pilot, *groups: tuple[str, ...] | str) -> None:
    """Each group of keys in one go, then a pause for the app to settle (a form opens, a save lands)."""
    for group in groups:
        await pilot.press(*((group,) if isinstance(group, str) else group))
        await pilot.pause()


async def build_office(pilot, app: LkjipApp) -> None:
    """The keys an operator presses to enter the whole small office (shared with the CLI comparison test)."""
    await keys(pilot, "a", (*"Meningkatnya tata kelola Kecamatan", "enter"),
               "a", (*"Meningkatnya kualitas pelayanan", "enter"))
    # An indicator with satuan and arah; the tree keeps the focus, the grid's cursor waits on the indicator (Tab).
    await keys(pilot, "i", (*"Indeks Kepuasan Masyarakat", "enter", *"indeks", "enter", "ctrl+u", *"positif", "enter"))
    assert isinstance(app.focused, CascadeTree)
    await keys(pilot, ("tab", "right", "8", "2", "enter"))  # Target 2022
    await keys(pilot, ("right", *"82,08", "enter"))  # Realisasi 2022
    await keys(pilot, "shift+tab")  # back to the tree, on the sasaran
    # A program by its code: the name of a known 7.01 program fills itself in.
    await keys(pilot, "a", tuple(PROGRAM), ("enter", "enter"))
    await keys(pilot, "a", (*KEGIATAN, "enter", *"Penyelenggaraan Urusan Pemerintahan", "enter"))
    await keys(pilot, "a", (*SUB, "enter", *"Peningkatan Efektifitas Pelayanan", "enter"))
    # The new sub kegiatan is shown with its budget row: pagu and realisasi anggaran go in the budget grid (Tab).
    assert isinstance(app.focused, CascadeTree)
    await keys(pilot, "tab")
    assert isinstance(app.focused, WorkGrid) and app.focused.id == "budget"
    await keys(pilot, ("right", *"3.000.000", "enter"), ("right", *"2.850.000", "enter"))


async def test_a_new_office_builds_its_cascade_and_takes_steps_back(tmp_path: Path) -> None:
    path = new_office(tmp_path)
    app = LkjipApp(Workbook.open(path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        title = str(app.screen.query_one("#node-title").render())
        assert EMPTY_HINT in title and "tekan a" in title

        await build_office(pilot, app)
        assert node_ids_on_disk(path) == {"T1", "S1", PROGRAM, KEGIATAN, SUB}
        assert app.casc.nodes[PROGRAM]["name"] == "Penyelenggaraan Pemerintahan dan Pelayanan Publik"

        # Tabel 3.1 in the F3 view shows the sasaran's indicator with its capaian.
        await pilot.press("f3")
        await pilot.pause()
        row = next(r for r in app.screen.cells() if "Kepuasan" in r[2])
        assert row[1] == "Meningkatnya kualitas pelayanan" and row[5:8] == ["82,00", "82,08", "100,10"]
        await pilot.press("f2")
        await pilot.pause()
        budget = anggaran_rows(app)
        assert budget[SUB][3:6] == ["Rp 3.000.000", "Rp 2.850.000", "95,00"]
        assert budget["Jumlah"][3:5] == ["Rp 3.000.000", "Rp 2.850.000"]

        # Ctrl+Z takes the last addition back step by step: the realisasi, the pagu, then the sub kegiatan itself.
        await pilot.press("ctrl+z", "ctrl+z")
        await pilot.pause()
        assert anggaran_rows(app)["Jumlah"][3] == "\u2014"
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert SUB not in node_ids_on_disk(path) and "dihapus" in app.message
        await pilot.press("ctrl+y", "ctrl+y", "ctrl+y")
        await pilot.pause()
        assert anggaran_rows(app)["Jumlah"][3:5] == ["Rp 3.000.000", "Rp 2.850.000"]

        # Deleting the kegiatan asks first, naming its sub kegiatan; the totals lose its budget.
        app.screen.query_one(CascadeTree).focus()
        app.screen.query_one(CascadeTree).reveal(KEGIATAN)
        await pilot.pause()
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        question = " ".join(str(s.render()) for s in app.screen.query("Static"))
        assert "Peningkatan Efektifitas Pelayanan" in question and SUB in question
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert node_ids_on_disk(path) == {"T1", "S1", PROGRAM}
        assert anggaran_rows(app)["Jumlah"][3:5] == ["\u2014", "\u2014"]

        # Ctrl+Z brings the kegiatan back with its sub kegiatan and figures.
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert node_ids_on_disk(path) == {"T1", "S1", PROGRAM, KEGIATAN, SUB}
        assert anggaran_rows(app)["Jumlah"][3:5] == ["Rp 3.000.000", "Rp 2.850.000"]
    kinds = [e["kind"] for e in sorted(orjson.loads(path.read_bytes())["log"].values(), key=lambda e: e["seq"])]
    assert kinds[:6] == ["tambah", "tambah", "tambah", "edit", "edit", "tambah"] and "hapus" in kinds


async def test_a_declined_delete_keeps_everything(tmp_path: Path) -> None:
    path = new_office(tmp_path)
    app = LkjipApp(Workbook.open(path))
    async with app.run_test(size=(80, 24)) as pilot:
        await keys(pilot, "a", (*"Tujuan", "enter"), "d")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert node_ids_on_disk(path) == {"T1"}


async def test_a_wrong_code_is_said_in_the_form_and_nothing_is_saved(tmp_path: Path) -> None:
    path = new_office(tmp_path)
    app = LkjipApp(Workbook.open(path))
    async with app.run_test(size=(80, 24)) as pilot:
        await keys(pilot, "a", (*"Tujuan", "enter"), "a", (*"Sasaran", "enter"),
                   "a", (*"7.1.2", "enter", *"Program Uji", "enter"))
        assert isinstance(app.screen, FormScreen)
        assert "7.01.02" in str(app.screen.query_one("#form-error").render())
        await pilot.press("escape")
        await pilot.pause()
        assert node_ids_on_disk(path) == {"T1", "S1"}


async def test_sibling_rename_recode_move_and_reorder_from_the_tree(tmp_path: Path) -> None:
    path = new_office(tmp_path)
    app = LkjipApp(Workbook.open(path))
    async with app.run_test(size=(80, 24)) as pilot:
        await keys(pilot, "a", (*"Tujuan", "enter"), "a", (*"Sasaran A", "enter"), "s", (*"Sasaran B", "enter"),
                   "a", (*"7.01.03", "enter", "enter"), "a", (*"7.01.03.2.01", "enter", *"Koordinasi", "enter"))
        casc = app.casc
        assert [n["name"] for n in casc.kids("T1")] == ["Sasaran A", "Sasaran B"]
        assert casc.nodes["7.01.03"]["parent"] == "S2"
        # k: a new program code; its kegiatan's code follows.
        app.screen.query_one(CascadeTree).reveal("7.01.03")
        await pilot.pause()
        await pilot.press("k")
        await pilot.pause()
        await pilot.press("ctrl+u", *"7.01.06", "enter")
        await pilot.pause()
        assert app.casc.nodes["7.01.03.2.01"]["code"] == "7.01.06.2.01"
        # m: under the other sasaran, picked from the list of sasaran.
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, PickScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert app.casc.nodes["7.01.03"]["parent"] == "S1"
        # r: rename; Ctrl+↑ moves Sasaran B above Sasaran A.
        app.screen.query_one(CascadeTree).reveal("S2")
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("ctrl+u", *"Sasaran Kedua", "enter")
        await pilot.pause()
        await pilot.press("ctrl+up")
        await pilot.pause()
        assert [n["name"] for n in app.casc.kids("T1")] == ["Sasaran Kedua", "Sasaran A"]
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert [n["name"] for n in app.casc.kids("T1")] == ["Sasaran A", "Sasaran Kedua"]


async def test_indicator_settings_order_and_delete_from_the_grid(tmp_path: Path) -> None:
    path = new_office(tmp_path)
    app = LkjipApp(Workbook.open(path))
    async with app.run_test(size=(80, 24)) as pilot:
        await keys(pilot, "a", (*"Tujuan", "enter"))
        for name in ("Kasus kriminal", "Nilai SAKIP"):
            await keys(pilot, "i", (*name, "enter", *"kasus", "enter", "enter"))
        # The tree keeps the focus after each; Tab lands on the indicator just added.
        await keys(pilot, "tab")
        assert isinstance(app.focused, WorkGrid) and app.focused.current()[0] == "T1/2"
        await pilot.press("ctrl+up")
        await pilot.pause()
        assert [i["name"] for i in app.casc.nodes["T1"]["indicators"]] == ["Nilai SAKIP", "Kasus kriminal"]
        # p on Kasus kriminal: negative, T/R, kumulatif, kondisi awal and target akhir.
        await pilot.press("down", "p")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        await pilot.press("enter", "ctrl+u", *"negatif", "enter", "enter", *"T/R", "enter", *"kumulatif", "enter",
                          *"260", "enter", *"240", "enter", "ctrl+s")
        await pilot.pause()
        ind = app.casc.indicators["T1/1"][1]
        assert (ind["arah"], ind["negatif_rumus"], ind["tw_rule"], ind["kondisi_awal"], ind["target_akhir"]) == (
            "negatif", "T/R", "kumulatif", "260", "240")
        await pilot.press("d")
        await pilot.pause()
        question = " ".join(str(s.render()) for s in app.screen.query("Static"))
        assert "Kasus kriminal" in question and "2 nilai" in question
        await pilot.press("enter")
        await pilot.pause()
        assert "T1/1" not in app.casc.indicators
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert app.casc.indicators["T1/1"][1]["target_akhir"] == "240"
        assert [i["id"] for i in app.casc.nodes["T1"]["indicators"]] == ["T1/2", "T1/1"]


def tables_json(path: Path) -> dict:
    done = lkjip("tables", str(path), "--format", "json")
    assert done.returncode == 0, done.stderr
    return orjson.loads(done.stdout)


async def test_the_same_office_built_with_lkjip_add_and_set_gives_the_same_tables(tmp_path: Path) -> None:
    (tmp_path / "tui").mkdir()
    (tmp_path / "cli").mkdir()
    by_keys = new_office(tmp_path / "tui")
    app = LkjipApp(Workbook.open(by_keys))
    async with app.run_test(size=(80, 24)) as pilot:
        await build_office(pilot, app)

    wb = str(new_office(tmp_path / "cli"))

    def add(*args: str) -> str:
        done = lkjip("add", wb, *args)
        assert done.returncode == 0, done.stderr
        return done.stdout.splitlines()[-1]  # the new REF, alone on the last line

    tujuan = add("tujuan", "Meningkatnya tata kelola Kecamatan")
    sasaran = add("sasaran", "Meningkatnya kualitas pelayanan", "--parent", tujuan)
    ikm = add("indikator", "Indeks Kepuasan Masyarakat", "--parent", sasaran, "--satuan", "indeks", "--arah", "positif")
    program = add("program", "-", "--parent", sasaran, "--code", PROGRAM)  # the known name of 7.01.02
    kegiatan = add("kegiatan", "Penyelenggaraan Urusan Pemerintahan", "--parent", program, "--code", KEGIATAN)
    sub = add("subkegiatan", "Peningkatan Efektifitas Pelayanan", "--parent", kegiatan, "--code", SUB)
    assert (tujuan, sasaran, ikm, program, sub) == ("T1", "S1", "S1/1", PROGRAM, SUB)
    for ref, field, value in ((ikm, "target", "82"), (ikm, "realisasi", "82,08"), (sub, "pagu", "3.000.000"),
                              (sub, "realisasi-anggaran", "2.850.000")):
        done = lkjip("set", wb, ref, field, value, "--year", "2022")
        assert done.returncode == 0, done.stderr

    built_by_keys, built_by_commands = tables_json(by_keys), tables_json(Path(wb))
    assert built_by_commands == built_by_keys
    rows = {t["id"]: t["rows"] for t in built_by_commands["tables"]}
    assert any("100,10" in row for row in rows["3.1"])
    assert ["", "", "Jumlah", "Rp 3.000.000", "Rp 2.850.000", "95,00"] in rows["anggaran"]


async def test_the_command_palette_offers_the_cascade_actions(tmp_path: Path) -> None:
    app = LkjipApp(Workbook.open(new_office(tmp_path)))
    async with app.run_test(size=(80, 24)) as pilot:
        await keys(pilot, "ctrl+p", tuple("tambah rincian"))
        await pilot.pause(0.3)
        await keys(pilot, "enter")
        assert isinstance(app.screen, FormScreen) and "Tujuan" in app.screen.title_text


async def test_help_lists_the_cascade_keys_in_words(tmp_path: Path) -> None:
    from textual.widgets import DataTable

    app = LkjipApp(Workbook.open(new_office(tmp_path)))
    async with app.run_test(size=(80, 24)) as pilot:
        await keys(pilot, "question_mark")
        table = app.screen.query_one(DataTable)
        rows = [[str(c) for c in table.get_row_at(r)] for r in range(table.row_count)]
        shown = {row[0]: row[1] for row in rows}  # key → what it does; the keymap ids are in the README
        assert shown["a"] == "Tambah rincian" and shown["d"] == "Hapus"
        assert {"Tambah sejajar", "Tambah indikator", "Ganti nama", "Ubah kode", "Naikkan", "Turunkan",
                "Pindah induk", "Sifat indikator"} <= set(shown.values())


async def test_a_tujuan_added_by_another_operator_meanwhile_does_not_collide(tmp_path: Path) -> None:
    path = new_office(tmp_path)
    app = LkjipApp(Workbook.open(path))
    async with app.run_test(size=(80, 24)) as pilot:
        await keys(pilot, "a", (*"Tujuan saya",))
        # Before this operator presses Enter, a colleague adds a tujuan from the command line.
        assert lkjip("add", str(path), "tujuan", "Tujuan rekan").returncode == 0
        await keys(pilot, "enter")
        names = {n["id"]: n["name"] for n in orjson.loads(path.read_bytes())["nodes"].values()}
        assert names == {"T1": "Tujuan rekan", "T2": "Tujuan saya"}


async def test_the_properties_form_is_one_save_and_one_ctrl_z_takes_it_back_whole(tmp_path: Path) -> None:
    path = new_office(tmp_path)
    app = LkjipApp(Workbook.open(path))
    async with app.run_test(size=(80, 24)) as pilot:
        await keys(pilot, "a", (*"Tujuan", "enter"), "shift+tab", "i",
                   (*"Kasus kriminal", "enter", *"kasus", "enter", "enter"))
        await keys(pilot, "p", ("enter", "ctrl+u", *"negatif", "enter", "enter", "enter", *"kumulatif", "enter",
                                *"260", "enter", "enter", "ctrl+s"))
        ind = app.casc.indicators["T1/1"][1]
        assert (ind["arah"], ind["tw_rule"], ind["kondisi_awal"]) == ("negatif", "kumulatif", "260")
        log = sorted(app.casc.document["log"].values(), key=lambda e: e["seq"])[-3:]
        assert {e["field"] for e in log} == {"arah", "aturan-tw", "kondisi-awal"}
        assert log[0].get("group") is not None and len({e.get("group") for e in log}) == 1  # one save, one group
        assert "Ctrl+Z" in app.message and not app.message_error
        await keys(pilot, "ctrl+z")
        ind = app.casc.indicators["T1/1"][1]
        assert (ind["arah"], ind.get("tw_rule"), ind.get("kondisi_awal")) == ("positif", None, None)
        await keys(pilot, "ctrl+y")
        ind = app.casc.indicators["T1/1"][1]
        assert (ind["arah"], ind["tw_rule"], ind["kondisi_awal"]) == ("negatif", "kumulatif", "260")
