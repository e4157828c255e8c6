"""A new operator's first minutes, as the README tells them, in a real 80×24 terminal with no shell in between:
`lkjip kantor.json` on a file that does not exist → the start screen → a new workbook → the first tujuan."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import orjson

from tests.support.pty import Tui


def test_start_screen_new_workbook_and_the_first_tujuan_without_a_shell(tmp_path: Path) -> None:
    path = tmp_path / "kantor.json"
    tui = Tui(path, tmp_path)
    try:
        screen = tui.text()
        assert "Buat buku kerja baru" in screen and "Periode Renstra" in screen
        this_year = date.today().year
        assert f"{this_year}" in screen  # the report year is a value, not a grey placeholder
        # Typed as a person does, each field in one burst: the name replaces the example, Enter moves on; the
        # period and the year are kept as offered; Enter on the button creates the workbook.
        tui.write([*"Kecamatan Banyuates", "enter", *"Kabupaten Sampang", "enter", "enter", "enter", "enter"],
                  until="tujuan pertama")
        assert "tekan a untuk" in tui.text() and "tujuan pertama" in tui.text()
        assert path.exists()
        tui.write(["a"], until="Tambah Tujuan")
        assert "Tambah Tujuan" in tui.text()
        tui.write([*"Meningkatnya kualitas pelayanan publik", "enter"], until="ditambahkan")
        assert "Meningkatnya kualitas pelayanan publik ditambahkan" in tui.status()
    finally:
        tui.close()
    doc = orjson.loads(path.read_bytes())
    [meta] = doc["meta"].values()
    assert meta["profile"]["instansi"] == "Kecamatan Banyuates"
    assert [(n["level"], n["name"]) for n in doc["nodes"].values()] == [("tujuan",
                                                                         "Meningkatnya kualitas pelayanan publik")]
