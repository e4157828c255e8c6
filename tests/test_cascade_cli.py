"""`lkjip add`, `rm`, `mv` and `undo` in a subprocess, as a script or an operator would run them, and the store's
structural edits underneath (conflicts, locked years, exact restore)."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from store import plans
from store.errors import EditConflict, InvalidValue, YearLocked
from store.workbook import Workbook
from support.cli import lkjip

KEGIATAN = "7.01.02.2.02"  # the demo's one kegiatan of program 7.01.02, with one sub kegiatan
SUB = "7.01.02.2.02.0003"


def nodes(path: Path) -> dict[str, dict]:
    return {n["id"]: n for n in orjson.loads(path.read_bytes())["nodes"].values()}


def kids(path: Path, parent: str) -> list[str]:
    return [n["id"] for n in sorted((n for n in nodes(path).values() if n["parent"] == parent),
                                    key=lambda n: (n["order"], n["code"], n["name"]))]


def test_rm_without_yes_lists_what_would_go_and_writes_nothing(demo_path: Path) -> None:
    before = demo_path.read_bytes()
    done = lkjip("rm", str(demo_path), KEGIATAN)
    assert done.returncode == 1
    assert SUB in done.stderr and "--yes" in done.stderr and "pagu" in done.stderr
    assert demo_path.read_bytes() == before


def test_rm_with_yes_removes_the_subtree_and_undo_restores_it_exactly(demo_path: Path) -> None:
    original = nodes(demo_path)
    done = lkjip("rm", str(demo_path), KEGIATAN, "--yes")
    assert done.returncode == 0, done.stderr
    assert KEGIATAN not in nodes(demo_path) and SUB not in nodes(demo_path)
    tables = orjson.loads(lkjip("tables", str(demo_path), "--table", "anggaran", "--format", "json").stdout)
    assert not any(row[1] == SUB for row in tables["tables"][0]["rows"])

    done = lkjip("undo", str(demo_path))
    assert done.returncode == 0, done.stderr
    restored = nodes(demo_path)
    for node_id in (KEGIATAN, SUB):
        strip = lambda n: {k: v for k, v in n.items() if k != "rev"}  # noqa: E731
        assert strip(restored[node_id]) == strip(original[node_id])  # ids, indicators and figures all back
    log = lkjip("log", str(demo_path)).stdout.splitlines()
    assert "hapus" in log[-2] and log[-1].split()[3] == "urungkan" and "urungkan #" in log[-1]  # kind in Indonesian


def test_an_empty_leaf_goes_without_yes(tmp_path: Path, demo_path: Path) -> None:
    ref = lkjip("add", str(demo_path), "subkegiatan", "Sub baru", "--parent", KEGIATAN, "--code",
                KEGIATAN + ".0009").stdout.splitlines()[-1]
    assert ref == KEGIATAN + ".0009"
    done = lkjip("rm", str(demo_path), ref)
    assert done.returncode == 0, done.stderr
    assert ref not in nodes(demo_path)


def test_mv_up_down_and_under_another_parent(demo_path: Path) -> None:
    wb = str(demo_path)
    programs = kids(demo_path, "S2")
    assert len(programs) >= 2
    assert lkjip("mv", wb, programs[1], "--up").returncode == 0
    assert kids(demo_path, "S2")[:2] == [programs[1], programs[0]]
    assert lkjip("mv", wb, programs[1], "--down").returncode == 0
    assert kids(demo_path, "S2")[:2] == programs[:2]
    top = lkjip("mv", wb, programs[0], "--up")
    assert top.returncode == 1 and "paling atas" in top.stderr

    # A kegiatan under another program: its code and its sub kegiatan's follow the new program's code.
    done = lkjip("mv", wb, KEGIATAN, "--parent", "7.01.04")
    assert done.returncode == 0, done.stderr
    moved = nodes(demo_path)
    assert moved[KEGIATAN]["parent"] == "7.01.04" and moved[KEGIATAN]["code"] == "7.01.04.2.02"
    assert moved[SUB]["code"] == "7.01.04.2.02.0003"
    wrong = lkjip("mv", wb, "7.01.04.2.02", "--parent", "S1")  # by its code now: the old one names nothing
    assert wrong.returncode == 1 and "program" in wrong.stderr
    assert lkjip("mv", wb, KEGIATAN).returncode == 2  # one of --parent, --up, --down


@pytest.mark.parametrize("level, parent, code, says", [
    ("subkegiatan", KEGIATAN, SUB, "sudah dipakai"),
    ("subkegiatan", KEGIATAN, "7.01.02.2.02.3", "bukan kode sub kegiatan yang sah"),
    ("subkegiatan", KEGIATAN, "7.01.03.2.01.0009", "tidak diawali kode induknya 7.01.02.2.02"),
    ("kegiatan", "7.01.02", "7.01.02.02", "bukan kode kegiatan yang sah"),
    ("program", "S1", "7.01.02", "sudah dipakai"),
    ("program", "T1", "7.01.09", "harus sasaran"),
])
def test_a_bad_code_or_parent_is_refused_and_nothing_written(demo_path: Path, level: str, parent: str, code: str,
                                                             says: str) -> None:
    before = demo_path.read_bytes()
    done = lkjip("add", str(demo_path), level, "Uji", "--parent", parent, "--code", code)
    assert done.returncode == 1 and says in done.stderr, done.stderr
    assert "Traceback" not in done.stderr
    assert demo_path.read_bytes() == before


def test_older_two_digit_sub_kegiatan_codes_are_accepted(demo_path: Path) -> None:
    done = lkjip("add", str(demo_path), "subkegiatan", "Lama", "--parent", KEGIATAN, "--code", KEGIATAN + ".07")
    assert done.returncode == 0, done.stderr


def test_usage_mistakes_exit_2(demo_path: Path) -> None:
    assert lkjip("add", str(demo_path), "sub_kegiatan", "X").returncode == 2
    assert lkjip("add", str(demo_path), "indikator", "X").returncode == 2  # needs --parent
    assert lkjip("add", str(demo_path), "sasaran", "X", "--parent", "T1", "--satuan", "%").returncode == 2
    missing = lkjip("add", str(demo_path), "sasaran", "X")
    assert missing.returncode == 1 and "--parent" in missing.stderr


def test_set_kode_is_checked_and_the_children_follow(demo_path: Path) -> None:
    bad = lkjip("set", str(demo_path), KEGIATAN, "kode", "7.01.02.9")
    assert bad.returncode == 1 and "bukan kode kegiatan yang sah" in bad.stderr
    done = lkjip("set", str(demo_path), KEGIATAN, "kode", "7.01.02.2.05")
    assert done.returncode == 0, done.stderr
    assert nodes(demo_path)[SUB]["code"] == "7.01.02.2.05.0003"


def test_a_known_code_names_itself_from_the_master_list(tmp_path: Path, demo_path: Path) -> None:
    (demo_path.parent / "kode.csv").write_text("kode,nama\n7.01.02.2.02.0099,Fasilitasi Uji Coba\n")
    done = lkjip("add", str(demo_path), "subkegiatan", "-", "--parent", KEGIATAN, "--code", "7.01.02.2.02.0099")
    assert done.returncode == 0, done.stderr
    assert nodes(demo_path)["7.01.02.2.02.0099"]["name"] == "Fasilitasi Uji Coba"
    unknown = lkjip("add", str(demo_path), "subkegiatan", "-", "--parent", KEGIATAN, "--code", "7.01.02.2.02.0098")
    assert unknown.returncode == 1 and "tidak dikenal" in unknown.stderr


def test_an_indicator_is_added_moved_and_removed(demo_path: Path) -> None:
    wb = str(demo_path)
    ref = lkjip("add", wb, "indikator", "Jumlah aduan", "--parent", "S1", "--satuan", "kasus", "--arah",
                "negatif").stdout.splitlines()[-1]
    assert ref == "S1/2"
    assert lkjip("mv", wb, ref, "--up").returncode == 0
    assert [i["id"] for i in nodes(demo_path)["S1"]["indicators"]] == ["S1/2", "S1/1"]
    held = lkjip("rm", wb, "S1/1")
    assert held.returncode == 1 and "nilai" in held.stderr  # IKM holds targets and realisasi
    assert lkjip("rm", wb, ref).returncode == 0  # the new one holds nothing


# -- the store underneath ----------------------------------------------------------------------------------------------
def test_a_delete_planned_before_another_operator_typed_a_figure_is_refused(demo_path: Path) -> None:
    mine, theirs = Workbook.open(demo_path), Workbook.open(demo_path, user="seksi")
    edit = plans.plan_delete(mine.cascade(), KEGIATAN)
    theirs.set(SUB, "realisasi-anggaran", "1.000", 2022)
    with pytest.raises(EditConflict) as refused:
        mine.apply(edit)
    assert "sejak Anda melihatnya" in refused.value.message
    assert SUB in nodes(demo_path)


def test_a_locked_year_keeps_its_figures_from_a_delete(demo_path: Path) -> None:
    wb = Workbook.open(demo_path)
    wb.lock_year(2022)
    with pytest.raises(YearLocked):
        wb.apply(plans.plan_delete(wb.cascade(), KEGIATAN))
    assert KEGIATAN in nodes(demo_path)


def test_a_node_moves_only_under_the_level_above(demo_path: Path) -> None:
    wb = Workbook.open(demo_path)
    with pytest.raises(InvalidValue):
        plans.plan_reparent(wb.cascade(), SUB, "7.01.02")
    assert {p["id"] for p in plans.valid_parents(wb.cascade(), "S1")} == set()  # one tujuan: nowhere else
