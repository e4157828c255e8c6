"""No key is lost or reordered in the cascade's forms and dialogs: the real TUI in a real pseudo-terminal, the keys
of an add, a rename, a new indicator, a delete and its confirmation written in one write (as a paste or a laggy SSH
link delivers them), against the same keys one at a time.

Before, the cascade keys (a, r, i, d…) opened their dialog only after the keys typed behind them had gone to the tree:
"a Sasaran Baru Enter" at once added nothing, and "d y" left the confirmation waiting. See tui/keys.py."""

from __future__ import annotations

import os
from pathlib import Path

import orjson
import pytest

from tests.support.pty import KEY_BYTES, Tui, figures, fresh, key_bytes, open_tui, write, write_one_by_one

pytestmark = pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")

DOWN, F8, CTRL_Q = KEY_BYTES["down"], KEY_BYTES["f8"], KEY_BYTES["ctrl+q"]

# From the first tujuan: a sasaran under it, renamed, given an indicator (name with a slip taken back by Backspace,
# Tab to satuan, arah kept), the indicator renamed from its grid row (Tab from the tree, which has the focus after
# the add, lands on it), a program under the new sasaran by its code
# alone (the name of a known 7.01 program fills itself in), that program moved (m) under the second sasaran the
# list offers, the move taken back (Ctrl+Z) and the program renamed; all in one write.
BUILD = ["a", *"Sasaran Baru", "enter", "r", *"Sasaran Lain", "enter",
         "i", *"Indeks Baruu", "backspace", "tab", *"indeks", "enter", "enter", "tab", "r", *"Indeks Lain", "enter",
         "a", *"7.01.05", "enter", "enter", "m", "down", "enter", "ctrl+z", "r", *"Program Baru", "enter"]


def cascade(path: Path) -> dict:
    """The structure the operator built: every node's level, parent, name and indicators (name, satuan, arah)."""
    doc = orjson.loads(path.read_bytes())
    return {n["id"]: (n["level"], n.get("parent"), n["name"],
                      [(i["name"], i.get("satuan"), i.get("arah")) for i in n["indicators"]])
            for n in doc["nodes"].values()}


def new_nodes(path: Path, before: dict) -> dict:
    return {k: v for k, v in cascade(path).items() if k not in before}


def test_add_rename_and_indicator_in_one_write_build_what_the_keys_build_one_by_one(tmp_path: Path) -> None:
    at_once, one_by_one = fresh(tmp_path, "at_once.json"), fresh(tmp_path, "one_by_one.json")
    before = cascade(at_once)

    tui = open_tui(at_once, tmp_path)
    try:
        write(tui, b"".join(key_bytes(k) for k in BUILD), until="→ Program Baru")  # the last rename's echo
    finally:
        tui.close()

    tui = open_tui(one_by_one, tmp_path)
    try:
        write_one_by_one(tui, BUILD, until="→ Program Baru")
    finally:
        tui.close()

    added = new_nodes(at_once, before)
    sasaran = next(k for k, v in added.items() if v[0] == "sasaran")
    assert sorted(added.values()) == [
        ("program", sasaran, "Program Baru", []),  # moved under S2 (S1, ↓ S2), and back
        ("sasaran", "T1", "Sasaran Lain", [("Indeks Lain", "indeks", "positif")])]
    assert cascade(at_once) == cascade(one_by_one)


def test_delete_and_its_confirmation_in_one_write_delete_the_node_the_tree_moved_to(tmp_path: Path) -> None:
    # ↓ ↓ from the first tujuan: program 7.01.02 (under S1). "d y" deletes it with its kegiatan and sub kegiatan;
    # the keys after the answer go to the view: "r" renames S1, where the cursor goes after the delete.
    path = fresh(tmp_path, "delete.json")
    before = cascade(path)
    tui = open_tui(path, tmp_path)
    try:
        write(tui, DOWN + DOWN + b"dy" + b"rSasaran Dua\r", until="→ Sasaran Dua")
    finally:
        tui.close()
    after = cascade(path)
    assert set(before) - set(after) == {"7.01.02", "7.01.02.2.02", "7.01.02.2.02.0003"}
    assert after["S1"][2] == "Sasaran Dua"
    assert {k: v for k, v in after.items() if k != "S1"} == {k: v for k, v in before.items()
                                                             if k not in ("S1", "7.01.02", "7.01.02.2.02",
                                                                          "7.01.02.2.02.0003")}


def test_ctrl_q_and_its_answer_in_one_write_with_the_value_typed_before_them_save_it(tmp_path: Path) -> None:
    # In the entry sheet: "77", Ctrl+Q and "y" (save, then quit) at once. Before, Ctrl+Q looked for a value being
    # typed before the sheet had read "77", and quit without a word.
    path = fresh(tmp_path, "quit.json")
    tui = open_tui(path, tmp_path)
    try:
        write(tui, F8, until="Lembar isian kinerja")
        write(tui, b"77" + CTRL_Q + b"y")
        quit_by_itself = tui.wait_for_exit()
    finally:
        tui.close()
    assert quit_by_itself and tui.session.returncode == 0
    years = {i["id"]: i["years"].get("2022", {}) for n in orjson.loads(path.read_bytes())["nodes"].values()
             for i in n["indicators"]}
    assert years["T1/1"].get("realisasi") == "77"


def test_the_year_key_tab_and_figures_in_one_write_store_them_in_the_new_years_cells(tmp_path: Path) -> None:
    # From the tree: "]" (2023), Tab into the first tujuan's indicator grid, → to Target, 77 Enter; then → to
    # Realisasi, "8a", Backspace, Enter. Before, Tab and "]" ran only after bubbling up from the tree, behind the
    # digits. The "a" is typed while the "8" it follows may not have opened the editor yet: it must be a character
    # there (it was a command, "add", by the time it arrived), and Backspace takes it back.
    path = fresh(tmp_path, "year.json")
    tui = open_tui(path, tmp_path)
    try:
        write(tui, b"]" + KEY_BYTES["tab"] + KEY_BYTES["right"] + b"77\r" + KEY_BYTES["right"] + b"8a"
              + KEY_BYTES["backspace"] + b"\r", until="→ 8,00")
    finally:
        tui.close()
    doc = orjson.loads(path.read_bytes())
    years = next(i["years"] for n in doc["nodes"].values() for i in n["indicators"] if i["id"] == "T1/1")
    assert (years.get("2023", {}).get("target"), years.get("2023", {}).get("realisasi")) == ("77", "8")
    assert years["2022"].get("target") == "66"
    assert len(doc["nodes"]) == len(cascade(fresh(tmp_path, "untouched.json")))  # "a" added nothing


def test_find_its_choice_and_the_figure_after_it_in_one_write_reach_the_found_cell(tmp_path: Path) -> None:
    # "/kepuasan Enter → → 91 Enter" at once: before, the keys after Enter went into the find dialog's input.
    path = fresh(tmp_path, "find.json")
    tui = open_tui(path, tmp_path)
    try:
        write(tui, b"/kepuasan\r" + KEY_BYTES["right"] * 2 + b"91\r", until="→ 91,00")
    finally:
        tui.close()
    years = {i["id"]: i["years"].get("2022", {}) for n in orjson.loads(path.read_bytes())["nodes"].values()
             for i in n["indicators"]}
    assert years["S1/1"].get("realisasi") == "91"


def test_a_palette_command_and_an_export_path_typed_in_one_write_do_what_they_say(tmp_path: Path) -> None:
    # Ctrl+P "tambah rincian" Enter, the new sasaran's name and Enter; then F7, the path typed over the proposed
    # one, Ctrl+E. Before, the palette's Enter came before its search had found the command and the name went
    # nowhere; and Ctrl+E read the path field before the typed path had reached it: the draft went to LKjIP-….md.
    path = fresh(tmp_path, "palette.json")
    before = cascade(path)
    target = tmp_path / "draf-saya"
    tui = open_tui(path, tmp_path)
    try:
        write(tui, KEY_BYTES["ctrl+p"] + b"tambah rincian\r" + b"Sasaran P\r", until="Sasaran P ditambahkan")
        # The export runs in a worker thread: until it says it is done.
        write(tui, KEY_BYTES["f7"] + KEY_BYTES["ctrl+u"] + str(target).encode() + KEY_BYTES["ctrl+e"],
              until="Selesai:")
    finally:
        tui.close()
    assert list(new_nodes(path, before).values()) == [("sasaran", "T1", "Sasaran P", [])]
    assert target.with_suffix(".md").exists()
    assert not list(tmp_path.glob("LKjIP-*"))


def test_a_refusal_dialog_stays_until_the_operators_next_key_and_the_keys_typed_behind_it_are_dropped(
        tmp_path: Path) -> None:
    # Realisasi of Nilai SAKIP Kecamatan: an unreadable value too long for the status line opens the refusal as a
    # dialog. The keys written behind it in the same write (Enter, Ctrl+U, 90 Enter: 5 keys) were typed blind and are
    # dropped; the dialog says so and stays. The operator's next Enter closes it, and the value typed then is saved.
    path = fresh(tmp_path, "refusal.json")
    before = figures(path)
    tui = Tui(path, tmp_path)
    try:
        tui.write(["tab", "right", "right", "enter"])  # to the cell and into its editor
        tui.write([*"1x" * 40, "enter", "enter", "ctrl+u", "9", "0", "enter"], until="tombol berikutnya diabaikan")
        dialog = tui.text()
        stored = figures(path)
        tui.write(["enter"], gone="tombol berikutnya diabaikan")
        tui.write(["ctrl+u", "7", "7", "enter"], until="→ 77,00")
    finally:
        tui.close()
    assert "Ditolak" in dialog and "(5 tombol berikutnya diabaikan)" in " ".join(dialog.split()), dialog
    assert stored == before
    years = next(i["years"] for n in orjson.loads(path.read_bytes())["nodes"].values() for i in n["indicators"]
                 if i["id"] == "T1/1")
    assert years["2022"].get("realisasi") == "77"
