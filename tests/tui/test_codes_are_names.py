"""A node is named by its code, as it is now (issue 18): the add form offers a name only for the very code typed,
and after a move or a new code the old code names nothing — a REF by it is refused naming the current code, the code
is free for a new node, and the log, the title and the tables name the node by its current code."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from store.edits import plans
from store.text.errors import InvalidValue
from store.edits.workbook import Workbook
from tui.app.app import LkjipApp
from tui.views.forms import FormScreen, PickScreen
from tui.views.log import LogScreen
from tui.widgets.cascade_tree import CascadeTree
from tests.support.cli import lkjip

PROGRAM = "7.01.01"
PROGRAM_NAME = "Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota"
OLD_KEGIATAN, OLD_SUB = "7.01.01.2.03", "7.01.01.2.03.0002"  # free in the demo: the operator's kegiatan
NEW_KEGIATAN, NEW_SUB = "7.01.02.2.03", "7.01.02.2.03.0002"  # the same nodes under program 7.01.02


def ok(*args: str) -> str:
    done = lkjip(*args)
    assert done.returncode == 0, done.stderr
    return done.stdout


def moved_kegiatan(path: Path) -> None:
    """As the operator did: a kegiatan with a sub kegiatan, an indicator and a pagu under 7.01.01, then moved under
    7.01.02 (`m` in the TUI, `mv` here: the same edit)."""
    wb = str(path)
    ok("add", wb, "kegiatan", "Kegiatan tiga", "--code", OLD_KEGIATAN, "--parent", PROGRAM)
    ok("add", wb, "subkegiatan", "Sub kegiatan dua", "--code", OLD_SUB, "--parent", OLD_KEGIATAN)
    ok("add", wb, "indikator", "Dokumen tersusun", "--parent", OLD_SUB, "--satuan", "dokumen")
    ok("set", wb, OLD_SUB, "pagu", "500")
    ok("mv", wb, OLD_KEGIATAN, "--parent", "7.01.02")


def node_by_code(path: Path, code: str) -> dict:
    return next(n for n in orjson.loads(path.read_bytes())["nodes"].values() if n["code"] == code)


# -- the add form's name -----------------------------------------------------------------------------------------------
async def add_form_after_code(app: LkjipApp, pilot, parent: str, code: str) -> None:
    """On `parent` in the tree: a, the code, Enter — the add form open on its name field."""
    await pilot.pause()
    tree = app.screen.query_one(CascadeTree)
    tree.focus()
    tree.reveal(parent)
    await pilot.pause()
    await pilot.press("a", *code, "enter")
    await pilot.pause()
    assert isinstance(app.screen, FormScreen)


async def typed_code_then_enter(path: Path, parent: str, code: str, *, taken: bool = False) -> str:
    """The name field as the operator sees it after a, the code, Enter on `parent`; Enter on an empty one saves
    nothing, and neither does Enter on the name of a code that is `taken` (the form says the code is in use)."""
    app = LkjipApp(Workbook.open(path))
    async with app.run_test(size=(80, 24)) as pilot:
        await add_form_after_code(app, pilot, parent, code)
        assert app.screen.focused is app.screen.query_one("#form-name")
        name = app.screen.values()["name"]
        before = path.read_bytes()
        await pilot.press("enter")  # an empty name is said in the form; nothing is saved
        await pilot.pause()
        if not name:
            assert isinstance(app.screen, FormScreen) and "nama" in str(app.screen.query_one("#form-error").render())
            assert path.read_bytes() == before
        if taken:
            assert isinstance(app.screen, FormScreen)
            assert f"Kode {code} sudah dipakai" in str(app.screen.query_one("#form-error").render())
            assert path.read_bytes() == before
        return name


async def test_a_kegiatan_code_on_a_program_never_takes_the_programs_name(demo_path: Path) -> None:
    assert await typed_code_then_enter(demo_path, PROGRAM, OLD_KEGIATAN) == ""


async def test_the_operators_very_keys_offer_only_the_name_of_that_code(demo_path: Path) -> None:
    # 7.01.01.2.01 is held in the demo: its own name may be offered (the save is then refused), never the program's.
    name = await typed_code_then_enter(demo_path, PROGRAM, "7.01.01.2.01", taken=True)
    assert name != PROGRAM_NAME and name == "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah"


async def test_a_sub_kegiatan_code_never_takes_its_kegiatans_or_programs_name(demo_path: Path) -> None:
    # 7.01.01.2.01 is the demo's kegiatan Perencanaan…: typing its sub kegiatan's code passes through both codes.
    assert await typed_code_then_enter(demo_path, "7.01.01.2.01", "7.01.01.2.01.0009") == ""


async def test_a_code_in_the_master_list_takes_exactly_its_own_name(demo_path: Path) -> None:
    (demo_path.parent / "kode.csv").write_text(f"kode,nama\n{PROGRAM},Program dari daftar\n"
                                               f"{OLD_KEGIATAN},Kegiatan dari daftar\n")
    assert await typed_code_then_enter(demo_path, PROGRAM, OLD_KEGIATAN) == "Kegiatan dari daftar"


# -- an old code names nothing -----------------------------------------------------------------------------------------
def test_after_a_move_the_old_code_is_refused_naming_the_current_one(demo_path: Path) -> None:
    moved_kegiatan(demo_path)
    wb, before = str(demo_path), demo_path.read_bytes()
    for ref, now in ((OLD_SUB, NEW_SUB), (OLD_SUB + "/1", NEW_SUB + "/1")):
        field = "pagu" if "/" not in ref else "realisasi"
        done = lkjip("set", wb, ref, field, "1000")
        assert done.returncode == 1 and f"{ref} sekarang {now}" in done.stderr, done.stderr
        assert "Traceback" not in done.stderr
        assert demo_path.read_bytes() == before
    assert "Rp 1.000" in ok("set", wb, NEW_SUB, "pagu", "1000")
    assert node_by_code(demo_path, NEW_SUB)["budget"]["2022"]["pagu"] == 1000


def test_the_freed_code_is_used_again_and_the_old_nodes_edits_stay_theirs(demo_path: Path) -> None:
    moved_kegiatan(demo_path)
    wb = str(demo_path)
    added = ok("add", wb, "kegiatan", "Kegiatan baru", "--code", OLD_KEGIATAN, "--parent", PROGRAM)
    assert added.splitlines()[-1] == OLD_KEGIATAN  # the REF to use next is the code
    assert node_by_code(demo_path, OLD_KEGIATAN)["name"] == "Kegiatan baru"
    ok("add", wb, "subkegiatan", "Sub baru", "--code", OLD_SUB, "--parent", OLD_KEGIATAN)
    # The old code now names the new node; the moved one keeps its figures, and undo finds it by its id.
    ok("set", wb, OLD_SUB, "pagu", "7")
    ok("set", wb, NEW_SUB, "pagu", "900")
    assert node_by_code(demo_path, OLD_SUB)["budget"]["2022"]["pagu"] == 7
    ok("undo", wb)
    assert node_by_code(demo_path, NEW_SUB)["budget"]["2022"]["pagu"] == 500
    assert node_by_code(demo_path, OLD_SUB)["budget"]["2022"]["pagu"] == 7
    # Every row ref of `tables --format json` is taken by `lkjip set`, and names the row's node.
    tables = orjson.loads(ok("tables", wb, "--table", "anggaran", "--format", "json"))["tables"][0]
    refs = dict(zip((row[1] for row in tables["rows"]), tables["refs"]))
    assert refs[NEW_SUB] == NEW_SUB and refs[OLD_SUB] == OLD_SUB
    ok("set", wb, refs[NEW_SUB], "realisasi-anggaran", "400")
    assert node_by_code(demo_path, NEW_SUB)["budget"]["2022"]["realisasi"] == 400


def test_the_log_names_the_moved_node_by_its_current_code(demo_path: Path) -> None:
    moved_kegiatan(demo_path)
    log = ok("log", str(demo_path)).splitlines()
    pagu = next(line for line in log if " pagu 2022" in line)
    assert f" {NEW_SUB} (dulu {OLD_SUB}) pagu 2022: " in pagu
    moved = next(line for line in log if " pindah " in line)
    assert f" pindah {NEW_KEGIATAN} posisi" in moved
    assert not any(f" {OLD_SUB} pagu" in line for line in log)
    # `lkjip check` names the indicator by its code now too (its findings are jumped to by REF).
    check = lkjip("check", str(demo_path)).stdout
    assert f"] {NEW_SUB}/1: " in check and f"] {OLD_SUB}/1: " not in check


async def test_the_title_and_the_log_view_show_only_the_current_code(demo_path: Path) -> None:
    moved_kegiatan(demo_path)
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        sub_id = node_by_code(demo_path, NEW_SUB)["id"]
        app.screen.query_one(CascadeTree).reveal(sub_id)
        await pilot.pause()
        title = str(app.screen.query_one("#node-title").render())
        assert NEW_SUB in title and OLD_SUB not in title
        await pilot.press("f6")
        await pilot.pause()
        assert isinstance(app.screen, LogScreen)
        view = app.screen.query_one("#log-view")
        refs = [str(view.get_row_at(i)[3]) for i in range(view.row_count)]
        assert f"{NEW_SUB} (dulu {OLD_SUB})" in refs and OLD_SUB not in refs


async def test_m_in_the_tree_moves_the_kegiatan_and_its_old_code_names_nothing(demo_path: Path) -> None:
    """The operator's very story: `m` on kegiatan 7.01.01.2.03, Enter on program 7.01.02 (the first offered). The
    sub kegiatan's title then names only its new code, `lkjip set … 7.01.01.2.03.0002 pagu 1000` is refused naming
    the new code and changes nothing, and the freed kegiatan code is taken by `lkjip add`."""
    wb = str(demo_path)
    ok("add", wb, "kegiatan", "Kegiatan tiga", "--code", OLD_KEGIATAN, "--parent", PROGRAM)
    ok("add", wb, "subkegiatan", "Sub kegiatan dua", "--code", OLD_SUB, "--parent", OLD_KEGIATAN)
    ok("set", wb, OLD_SUB, "pagu", "500")
    kegiatan_id, sub_id = node_by_code(demo_path, OLD_KEGIATAN)["id"], node_by_code(demo_path, OLD_SUB)["id"]
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        tree = app.screen.query_one(CascadeTree)
        tree.focus()
        tree.reveal(kegiatan_id)
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, PickScreen)
        await pilot.press("enter")  # the first parent offered: program 7.01.02
        await pilot.pause()
        assert not isinstance(app.screen, PickScreen) and not app.message_error, app.message
        tree.reveal(sub_id)
        await pilot.pause()
        title = str(app.screen.query_one("#node-title").render())
        assert NEW_SUB in title and OLD_SUB not in title, title
    assert node_by_code(demo_path, NEW_SUB)["budget"]["2022"]["pagu"] == 500
    before = demo_path.read_bytes()
    done = lkjip("set", wb, OLD_SUB, "pagu", "1000")
    assert done.returncode == 1 and f"{OLD_SUB} sekarang {NEW_SUB}" in done.stderr, done.stderr
    assert demo_path.read_bytes() == before
    assert ok("add", wb, "kegiatan", "Kegiatan baru", "--code", OLD_KEGIATAN, "--parent", PROGRAM).splitlines()[-1] \
        == OLD_KEGIATAN


async def test_the_tui_form_gives_the_freed_code_to_a_new_kegiatan(demo_path: Path) -> None:
    moved_kegiatan(demo_path)
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await add_form_after_code(app, pilot, PROGRAM, OLD_KEGIATAN)
        assert app.screen.values()["name"] == ""  # the code names nothing now: no name offered
        await pilot.press(*"Kegiatan baru", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, FormScreen), str(app.screen.query_one("#form-error").render())
    assert node_by_code(demo_path, OLD_KEGIATAN)["name"] == "Kegiatan baru"
    assert node_by_code(demo_path, NEW_KEGIATAN)["name"] == "Kegiatan tiga"


def test_taking_a_move_back_is_refused_once_its_old_code_is_given_to_a_new_node(demo_path: Path) -> None:
    # Another operator gave the freed code to a new kegiatan before the move is taken back.
    wb = Workbook.open(demo_path)
    move = plans.plan_reparent(wb.cascade(), "7.01.01.2.05", "7.01.02")
    wb.apply(move)
    wb.apply(plans.plan_add_node(wb.cascade(), "kegiatan", "Kegiatan baru", PROGRAM, "7.01.01.2.05"))
    before = demo_path.read_bytes()
    with pytest.raises(InvalidValue, match="Kode 7.01.01.2.05 kini dipakai oleh 7.01.01.2.05 Kegiatan baru"):
        wb.apply(move.inverse())
    assert demo_path.read_bytes() == before
