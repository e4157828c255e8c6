"""A sasaran the office adds has its BAB III analysis section like the demo's: listed in F5 under its name, written
to the file only when its first text is saved, and in the draft under the sasaran (issue 9's follow-up: before, a
new office could not write any sasaran analysis, and the draft said `[Narasi "analisis:S1" belum diisi.]`)."""

from __future__ import annotations

from pathlib import Path

import orjson

from store.workbook import Workbook
from tui.app import LkjipApp
from support.cli import lkjip


def new_office_with_a_sasaran(tmp_path: Path) -> tuple[Path, str]:
    path = tmp_path / "uji.json"
    assert lkjip("init", str(path), "--instansi", "Kecamatan Uji", "--pemda", "Kabupaten Uji", "--periode",
                 "2021-2026", "--tahun", "2022").returncode == 0
    tujuan = lkjip("add", str(path), "tujuan", "Tata kelola yang baik").stdout.splitlines()[-1]
    done = lkjip("add", str(path), "sasaran", "Pelayanan yang memuaskan", "--parent", tujuan)
    assert done.returncode == 0, done.stderr
    return path, done.stdout.splitlines()[-1]


def stored_sections(path: Path) -> dict[str, dict]:
    return {s["key"]: s for s in orjson.loads(path.read_bytes())["narrative"].values()}


async def test_a_new_sasarans_analysis_is_listed_written_in_f5_and_saved_as_a_section(tmp_path: Path) -> None:
    path, sasaran = new_office_with_a_sasaran(tmp_path)
    key = f"analisis:{sasaran}"
    before = path.read_bytes()
    app = LkjipApp(Workbook.open(path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f5")
        await pilot.pause()
        titles = [str(o.prompt) for o in app.screen.query_one("OptionList").options]
        assert "Analisis Sasaran 1: Pelayanan yang memuaskan" in titles
        assert path.read_bytes() == before  # listing it wrote nothing
        app.screen.query_one("OptionList").highlighted = titles.index("Analisis Sasaran 1: Pelayanan yang memuaskan")
        await pilot.pause()
        area = app.screen.query_one("TextArea")
        area.focus()
        area.load_text("Capaian sasaran ini **tercapai**.")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not app.message_error, app.message
    section = stored_sections(path)[key]
    assert section["texts"]["2022"] == "Capaian sasaran ini **tercapai**."
    assert section["title"] == "Analisis Sasaran 1: Pelayanan yang memuaskan"
    assert lkjip("check", str(path)).returncode in (0, 1)  # the file reads back and checks (findings allowed)
    md = lkjip("export", str(path), "--format", "md")
    assert md.returncode == 0, md.stderr
    assert "Capaian sasaran ini **tercapai**." in md.stdout


def test_set_writes_a_new_sasarans_analysis_and_the_draft_names_an_empty_one(tmp_path: Path) -> None:
    path, sasaran = new_office_with_a_sasaran(tmp_path)
    md = lkjip("export", str(path), "--format", "md").stdout
    assert "Analisis Sasaran 1: Pelayanan yang memuaskan" in md and f"analisis:{sasaran}" not in md
    done = lkjip("set", str(path), f"narasi:analisis:{sasaran}", "teks", "Analisis dari baris perintah.",
                 "--year", "2022")
    assert done.returncode == 0, done.stderr
    assert stored_sections(path)[f"analisis:{sasaran}"]["texts"]["2022"] == "Analisis dari baris perintah."
