"""The profile and signing form (P, or "Profil dan penandatangan" in Ctrl+P): twelve fields that took nine
`lkjip set … profil` commands, saved as one step, shown in the Perjanjian Kinerja, taken back whole by Ctrl+Z."""

from __future__ import annotations

from pathlib import Path

from docx import Document

from store.model import profile_for
from store.workbook import Workbook
from tui.app import LkjipApp
from tui.views.main import MainScreen
from tui.views.profile import ProfileForm
from support.cli import lkjip as run_lkjip

ROOT = Path(__file__).resolve().parents[1]
SIZE = (80, 24)
HEAD, HEAD_NIP, HEAD_PANGKAT = "Budi Santoso, S.STP.", "198001012005011001", "Pembina Tk. I (IV/b)"
SECOND, SECOND_NIP, SECOND_JABATAN = "H. Slamet Junaidi", "196512311990031001", "Bupati Sampang"


def profile_on_disk(path: Path, year: int = 2022) -> tuple[dict, dict]:
    meta = Workbook.open(path).cascade().meta
    return dict(meta["profile"]), profile_for(meta, year)


# Enter keeps a field as it is and moves on; typing replaces the field (its text is selected when it gets focus).
KEYS = ["enter", "enter",  # instansi, pemda as they are
        *HEAD, "enter", *HEAD_NIP, "enter", *HEAD_PANGKAT, "enter", "enter",  # kepala; jabatan as it is
        *SECOND, "enter", *SECOND_NIP, "enter", "enter", *SECOND_JABATAN, "enter",  # pihak kedua; no pangkat
        "enter", "enter", *"01 Februari 2022", "enter",  # tempat, tanggal as they are; tanggal PK
        "enter", "enter", "enter", "enter"]  # the Inspektur's four as they are; the last Enter saves


def pk_docx_text(path: Path, tmp_path: Path) -> str:
    out = tmp_path / "pk.docx"
    done = run_lkjip("export", path, "--doc", "pk", "--format", "docx", "-o", out, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    doc = Document(str(out))
    cells = [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


async def test_the_form_sets_the_head_and_pihak_kedua_and_the_pk_shows_them(demo_path: Path, tmp_path: Path) -> None:
    before = profile_on_disk(demo_path)
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("P")
        assert isinstance(app.screen, ProfileForm)
        box = app.screen.query_one("Vertical")
        assert box.region.bottom <= SIZE[1]  # the whole form on an 80×24 screen
        assert app.screen.query_one("#form-help").region.bottom <= SIZE[1]
        await pilot.press(*KEYS)
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert "Ctrl+Z" in app.message
    profile, signing = profile_on_disk(demo_path)
    assert profile == before[0]
    assert (signing["kepala_nama"], signing["kepala_nip"], signing["kepala_pangkat"]) == (HEAD, HEAD_NIP, HEAD_PANGKAT)
    assert signing["kepala_jabatan"] == before[1]["kepala_jabatan"] == "CAMAT TORJUN"
    assert (signing["pihak_kedua_nama"], signing["pihak_kedua_nip"], signing["pihak_kedua_jabatan"]) == (
        SECOND, SECOND_NIP, SECOND_JABATAN)
    assert signing["tanggal_pk"] == "01 Februari 2022"
    text = pk_docx_text(demo_path, tmp_path)
    for shown in (HEAD, HEAD_NIP, HEAD_PANGKAT, SECOND, SECOND_NIP, SECOND_JABATAN, "01 Februari 2022"):
        assert shown in text, shown


async def test_ctrl_z_takes_the_whole_form_back(demo_path: Path) -> None:
    before = profile_on_disk(demo_path)
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("P", *KEYS)
        await pilot.pause()
        assert profile_on_disk(demo_path) != before
        await pilot.press("ctrl+z")
        await pilot.pause()
    assert profile_on_disk(demo_path) == before


async def test_the_palette_finds_the_form_by_profil(demo_path: Path) -> None:
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"profil")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ProfileForm)


async def test_a_locked_year_refuses_the_form_inside_it_and_writes_nothing(demo_path: Path) -> None:
    Workbook.open(demo_path).lock_year(2022, "tutup buku")
    before = demo_path.read_bytes()
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("P", *KEYS)
        await pilot.pause()
        assert isinstance(app.screen, ProfileForm)  # still open, what was typed kept
        error = str(app.screen.query_one("#form-error").render())
        assert "dikunci" in error
        assert app.screen.query_one("#form-error").region.bottom <= SIZE[1]
        await pilot.press("escape")
    assert demo_path.read_bytes() == before


async def test_an_empty_instansi_is_refused_in_the_form(demo_path: Path) -> None:
    before = demo_path.read_bytes()
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("P", "backspace", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ProfileForm)
        assert "Instansi tidak boleh kosong" in str(app.screen.query_one("#form-error").render())
    assert demo_path.read_bytes() == before


async def test_no_profile_form_before_there_is_a_workbook(tmp_path: Path) -> None:
    """On the start screen the palette does not offer it (it crashed: no workbook to read the profile from)."""
    app = LkjipApp(None, path=tmp_path / "baru.json")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not [c for c in app.palette_commands() if c[0] == "Profil dan penandatangan"]
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"profil")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, ProfileForm)
    assert app.return_code in (None, 0)


def test_the_pangkat_stands_between_name_and_nip_when_entered(demo_path: Path, tmp_path: Path) -> None:
    """Indonesian signature blocks: jabatan, (gap), name, pangkat, NIP. Without a pangkat the block is as before."""
    def lkjip(*args: object) -> str:
        done = run_lkjip(*args, cwd=ROOT)
        assert done.returncode == 0, done.stderr
        return done.stdout

    def exported(doc: str) -> str:
        out = tmp_path / f"{doc}-{len(list(tmp_path.iterdir()))}.md"
        lkjip("export", demo_path, "--doc", doc, "--format", "md", "-o", out)
        return out.read_text(encoding="utf-8")

    assert "**SAFFAK,SE.MM.**\\\nNIP. 197807142005011012" in exported("lkjip")
    lkjip("set", demo_path, "profil", "kepala-pangkat", HEAD_PANGKAT, "--year", 2022)
    for doc in ("lkjip", "pk"):
        assert f"**SAFFAK,SE.MM.**\\\n{HEAD_PANGKAT}\\\nNIP. 197807142005011012" in exported(doc), doc


async def test_the_inspektur_of_the_review_statement_is_typed_in_the_same_form(demo_path: Path) -> None:
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("P", *["enter"] * 13, *"Drs. Inspektur Uji", "enter", *"196501011990031002")
        await pilot.pause()
        field = app.screen.query_one("#form-inspektur-nip")
        assert field.has_focus and 0 <= field.region.y < SIZE[1]  # scrolled into view, not hidden below the box
        assert app.screen.query_one("#form-help").region.bottom <= SIZE[1]
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
    _, signing = profile_on_disk(demo_path)
    assert signing["inspektur_nama"] == "Drs. Inspektur Uji"
    assert signing["inspektur_nip"] == "196501011990031002"
