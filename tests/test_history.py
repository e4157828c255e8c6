"""One history: `lkjip undo` / `lkjip redo` and Ctrl+Z / Ctrl+Y read the edit log, so they take the same step and
leave the same file. Each step an operator takes at once (a pasted column, a form, an import, a delete with its
subtree, a restore) is undone and redone whole, from either side, on copies of one file."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path

import openpyxl
import orjson
from textual import events

from store.demo import demo_document
from store.structure import clean
from store.workbook import Edit, Workbook
from tui.app import LkjipApp
from tui.views.forms import ConfirmScreen, FormScreen
from support.cli import lkjip

KEGIATAN = "7.01.02.2.02"  # the demo's kegiatan with one sub kegiatan, budget figures and indicators
REALISASI_2022 = 21  # column U of the Kaskade sheet


def read(path: Path) -> dict:
    return orjson.loads(path.read_bytes())


def the_file(doc: dict) -> dict:
    """The whole document but for what depends on the clock: when each entry was logged, and the names of the files
    a restore set aside (they carry the time)."""
    doc = copy.deepcopy(doc)
    for entry in doc["log"].values():
        entry.pop("at")
        if entry["field"] == "cadangan":
            entry.pop("old"), entry.pop("new")
    return doc


def what_it_shows(doc: dict) -> dict:
    """What an operator sees: the records without revisions, empty year slots and the log."""
    nodes = sorted((clean(n) for n in doc["nodes"].values()), key=lambda n: n["id"])
    meta = {k: v for k, v in next(iter(doc["meta"].values())).items() if k not in ("revision", "rev")}
    return {"nodes": nodes, "meta": meta, "narrative": doc["narrative"]}


def realisasi(path: Path, ref: str) -> str | None:
    for node in read(path)["nodes"].values():
        for ind in node["indicators"]:
            if ind["id"] == ref:
                return (ind["years"].get("2022") or {}).get("realisasi")
    raise AssertionError(ref)


def a_workbook(tmp_path: Path) -> Path:
    folder = tmp_path / "asli"
    folder.mkdir()
    path = folder / "w.json"
    Workbook.create(path, demo_document())
    return path


def copy_of(path: Path, name: str) -> Path:
    """The workbook's folder copied whole (its backups and set-aside files too): another operator's copy."""
    folder = path.parent.parent / name
    shutil.copytree(path.parent, folder, ignore=shutil.ignore_patterns("*.lock"))
    return folder / path.name


async def press(path: Path, *keys: str) -> None:
    """Open the TUI on the file, press the keys (Ctrl+Z, Ctrl+Y), close it."""
    app = LkjipApp(Workbook.open(path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await pilot.pause()


async def undone_and_redone_both_ways(path: Path, before: dict, after: dict) -> None:
    """The step just taken on `path` is one step: `lkjip undo` and Ctrl+Z give the same file, showing `before`;
    `lkjip redo`, Ctrl+Y in the same TUI, and Ctrl+Y in a TUI opened after `lkjip undo` give the same file, showing
    `after`."""
    cli, tui, later = copy_of(path, "cli"), copy_of(path, "tui"), copy_of(path, "nanti")
    assert lkjip("undo", str(cli)).returncode == 0
    await press(tui, "ctrl+z")
    assert what_it_shows(read(cli)) == before
    assert the_file(read(cli)) == the_file(read(tui))
    assert lkjip("undo", str(later)).returncode == 0

    assert lkjip("redo", str(cli)).returncode == 0
    await press(tui, "ctrl+y")
    await press(later, "ctrl+y")  # a TUI opened after `lkjip undo` redoes it
    assert what_it_shows(read(cli)) == after
    assert the_file(read(cli)) == the_file(read(tui)) == the_file(read(later))


def change_cells(xlsx: Path, values: dict[int, object]) -> None:
    book = openpyxl.load_workbook(xlsx)
    sheet = book["Kaskade"]
    for row, value in values.items():
        sheet.cell(row, REALISASI_2022).value = value
    book.save(xlsx)


def kaskade_row(xlsx: Path, indicator: str) -> int:
    sheet = openpyxl.load_workbook(xlsx)["Kaskade"]
    return next(r for r in range(2, sheet.max_row + 1) if indicator in str(sheet.cell(r, 6).value))


# -- issue 20: the reproduction --------------------------------------------------------------------------------------
def test_undo_after_an_import_takes_the_import_back_not_the_older_edit(tmp_path: Path) -> None:
    path = a_workbook(tmp_path)
    xlsx = tmp_path / "x.xlsx"
    assert lkjip("set", str(path), "S2", "realisasi", "95").returncode == 0
    assert lkjip("export", str(path), "--format", "xlsx", "-o", str(xlsx)).returncode == 0
    change_cells(xlsx, {kaskade_row(xlsx, "Kepuasan Masyarakat"): 70})
    assert lkjip("import", str(xlsx), str(path)).returncode == 0
    assert (realisasi(path, "S1/1"), realisasi(path, "S2/1")) == ("70", "95")

    done = lkjip("undo", str(path))
    assert done.returncode == 0 and "70,00 \u2192 82,08" in done.stdout, done.stdout
    assert (realisasi(path, "S1/1"), realisasi(path, "S2/1")) == ("82.08", "95")  # the older edit stays
    undo = max(read(path)["log"].values(), key=lambda e: e["seq"])
    assert undo["kind"] == "undo" and undo["undoes"] == 2  # named in its own field, not only in the reason

    done = lkjip("redo", str(path))
    assert done.returncode == 0 and "Diulangi #2" in done.stdout
    assert (realisasi(path, "S1/1"), realisasi(path, "S2/1")) == ("70", "95")


# -- each step an operator takes at once, both ways ------------------------------------------------------------------
async def test_an_import_of_two_changed_cells_is_one_step(tmp_path: Path) -> None:
    path = a_workbook(tmp_path)
    xlsx = tmp_path / "x.xlsx"
    assert lkjip("export", str(path), "--format", "xlsx", "-o", str(xlsx)).returncode == 0
    change_cells(xlsx, {kaskade_row(xlsx, "Kepuasan Masyarakat"): 70,
                        kaskade_row(xlsx, "tata kelola administrasi Desa"): 90})
    before = what_it_shows(read(path))
    done = lkjip("import", str(xlsx), str(path))
    assert done.returncode == 0 and "2 perubahan" in done.stdout, done.stdout
    log = list(read(path)["log"].values())
    assert len(log) == 2 and log[0]["group"] == log[1]["group"]
    await undone_and_redone_both_ways(path, before, what_it_shows(read(path)))


async def test_a_paste_of_five_values_in_f8_is_one_step(tmp_path: Path) -> None:
    path = a_workbook(tmp_path)
    before = what_it_shows(read(path))
    app = LkjipApp(Workbook.open(path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f8")
        await pilot.pause()
        app.post_message(events.Paste("11\n12\n13\n14\n15\n"))
        await pilot.pause()
    assert len(read(path)["log"]) == 5
    after = what_it_shows(read(path))
    assert after != before
    await undone_and_redone_both_ways(path, before, after)


async def test_the_p_form_with_four_values_is_one_step(tmp_path: Path) -> None:
    path = a_workbook(tmp_path)
    before = what_it_shows(read(path))
    app = LkjipApp(Workbook.open(path))
    async with app.run_test(size=(80, 24)) as pilot:
        app.goto("S1/1", "realisasi")
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        # satuan, arah, rumus, rumus negatif, aturan TW, kondisi awal, target akhir
        await pilot.press("ctrl+u", *"nilai", "enter", "ctrl+u", *"negatif", "enter", "enter", "enter", "enter",
                          "ctrl+u", *"12", "enter", "ctrl+u", *"99", "enter", "ctrl+s")
        await pilot.pause()
    log = list(read(path)["log"].values())
    assert {e["field"] for e in log} == {"satuan", "arah", "kondisi-awal", "target-akhir"}
    await undone_and_redone_both_ways(path, before, what_it_shows(read(path)))


async def test_a_delete_with_figures_by_d_is_one_step(tmp_path: Path) -> None:
    path = a_workbook(tmp_path)
    before = what_it_shows(read(path))
    app = LkjipApp(Workbook.open(path))
    async with app.run_test(size=(80, 24)) as pilot:
        app.goto(KEGIATAN)
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("enter")
        await pilot.pause()
    assert KEGIATAN not in {n["id"] for n in read(path)["nodes"].values()}
    await undone_and_redone_both_ways(path, before, what_it_shows(read(path)))


async def test_lkjip_rm_yes_of_a_node_with_figures_is_one_step(tmp_path: Path) -> None:
    path = a_workbook(tmp_path)
    before = what_it_shows(read(path))
    assert lkjip("rm", str(path), KEGIATAN, "--yes").returncode == 0
    await undone_and_redone_both_ways(path, before, what_it_shows(read(path)))


async def test_a_restore_is_one_step(tmp_path: Path) -> None:
    path = a_workbook(tmp_path)
    assert lkjip("set", str(path), "S1", "realisasi", "70").returncode == 0  # the first save keeps a backup
    assert lkjip("set", str(path), "S2", "realisasi", "95").returncode == 0
    before = what_it_shows(read(path))
    done = lkjip("restore", str(path))
    assert done.returncode == 0, done.stderr
    after = what_it_shows(read(path))
    assert after != before
    await undone_and_redone_both_ways(path, before, after)


# -- the history from the log alone ------------------------------------------------------------------------------------
def test_a_step_undone_by_ctrl_z_is_not_undone_again_by_the_cli(tmp_path: Path) -> None:
    path = a_workbook(tmp_path)
    from store import history

    wb = Workbook.open(path)
    wb.set("S1", "realisasi", "70")
    wb.set("S2", "realisasi", "95")
    assert history.undo(wb) is not None  # what Ctrl+Z does
    done = lkjip("undo", str(path))
    assert "Diurungkan #1" in done.stdout
    assert (realisasi(path, "S1/1"), realisasi(path, "S2/1")) == ("82.08", "100")
    assert "Tidak ada yang bisa diurungkan" in lkjip("undo", str(path)).stdout


def test_a_new_step_after_an_undo_leaves_nothing_to_redo(tmp_path: Path) -> None:
    path = a_workbook(tmp_path)
    assert lkjip("set", str(path), "S1", "realisasi", "70").returncode == 0
    assert lkjip("undo", str(path)).returncode == 0
    assert lkjip("set", str(path), "S2", "realisasi", "95").returncode == 0
    assert "Tidak ada yang bisa diulangi" in lkjip("redo", str(path)).stdout
    assert realisasi(path, "S1/1") == "82.08"


def test_undo_of_a_step_whose_field_someone_changed_since_is_refused_with_both_values(tmp_path: Path) -> None:
    path = a_workbook(tmp_path)
    wb = Workbook.open(path)
    wb.set("S1", "realisasi", "70")
    # Another operator's value that reached the file without a step of its own (a restore of an older copy, say).
    doc = read(path)
    for node in doc["nodes"].values():
        for ind in node["indicators"]:
            if ind["id"] == "S1/1":
                ind["years"]["2022"]["realisasi"] = "75"
    path.write_bytes(orjson.dumps(doc))
    before = path.read_bytes()
    done = lkjip("undo", str(path))
    assert done.returncode == 1 and "75,00" in done.stderr and "82,08" in done.stderr, done.stderr
    assert path.read_bytes() == before


def test_an_import_into_a_new_workbook_is_undone_to_empty_and_redone(tmp_path: Path) -> None:
    path = a_workbook(tmp_path)
    xlsx = tmp_path / "x.xlsx"
    assert lkjip("export", str(path), "--format", "xlsx", "-o", str(xlsx)).returncode == 0
    new = tmp_path / "baru" / "n.json"
    new.parent.mkdir()
    assert lkjip("init", str(new), "--instansi", "Kecamatan Uji", "--pemda", "Kabupaten Uji", "--periode",
                 "2019-2024", "--tahun", "2022").returncode == 0
    empty = what_it_shows(read(new))
    assert lkjip("import", str(xlsx), str(new)).returncode == 0
    filled = what_it_shows(read(new))
    assert filled["nodes"]
    assert lkjip("undo", str(new)).returncode == 0
    assert what_it_shows(read(new)) == empty
    assert lkjip("redo", str(new)).returncode == 0
    assert what_it_shows(read(new)) == filled


def test_a_log_written_before_undoes_existed_is_read_both_ways(tmp_path: Path) -> None:
    """Older lkjip logged the CLI's undo with "urungkan #N" in the reason alone, and the TUI's with nothing."""
    path = a_workbook(tmp_path)
    wb = Workbook.open(path)
    wb.set("S1", "realisasi", "70")  # 1
    wb.set("S2", "realisasi", "95")  # 2
    wb.apply(Edit("S2/1", "realisasi", 2022, "95", "100"), kind="undo")  # 3: the TUI's Ctrl+Z of #2
    wb.apply(Edit("S1/1", "realisasi", 2022, "70", "82.08"), kind="undo", reason="urungkan #1")  # 4: the CLI's
    assert not any("undoes" in e for e in read(path)["log"].values())
    assert "Tidak ada yang bisa diurungkan" in lkjip("undo", str(path)).stdout
    assert "Diulangi #1" in lkjip("redo", str(path)).stdout
    assert "Diulangi #2" in lkjip("redo", str(path)).stdout
    assert (realisasi(path, "S1/1"), realisasi(path, "S2/1")) == ("70", "95")
