"""Issue 11 in the TUI: stored escapes are drawn as visible characters, a file that turns bad while open is said and
survived (what was typed stays, the last good document stays on screen), oversized text is shown cut, and a real
crash ends with a non-zero status."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest
from textual.app import App

from store.disk.drafts import draft_path, read_draft
from store.domain.fields import NARRATIVE_MAX
from store.edits.workbook import Workbook
from tests.cli.test_terminal_safety import HIDE, RETITLE, WIPE, hostile_document
from tests.tui.test_tui import (IKM, dismiss_refusal, find_ikm_realisasi, grid, narrative_on_disk, on_disk,
                                open_narrative)
from tui.app.app import LkjipApp, run_app


def painted(widget) -> list[str]:
    """The lines a scrolling widget (the tree, a grid) paints, as text."""
    return ["".join(seg.text for seg in widget.render_line(y)) for y in range(widget.size.height)]


@pytest.fixture
def hostile_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A workbook holding terminal escapes. Since issue 20 the schema refuses such a file at every door, so the
    schema is switched off here, as for a workbook from before the gate: the TUI's output sanitiser alone."""
    import store.document.read
    import store.disk.storage

    monkeypatch.setattr(store.document.read, "check", lambda *a, **k: None)
    monkeypatch.setattr(store.disk.storage, "check", lambda *a, **k: None)
    path = tmp_path / "serangan.json"
    Workbook.create(path, hostile_document())
    return path


async def test_tree_grid_and_every_view_draw_stored_escapes_visibly(hostile_path: Path) -> None:
    app = LkjipApp(Workbook.open(hostile_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        tree_lines = painted(app.screen.query_one("#tree"))
        assert any("Sasaran \u241b]2;evil\u2407satu" in line for line in tree_lines), tree_lines
        app.screen.focus_ref(IKM)
        await pilot.pause()
        assert any("Kepuasan\u241b[" in line for line in painted(grid(app)))
        assert "\x1b" not in app.export_screenshot()
        await pilot.press("right", "right", "right", "right", "right", "right")  # nothing to edit there; back
        app.say(f"pesan {WIPE}{HIDE}")  # a message quoting stored text
        await pilot.pause()
        assert "\x1b" not in app.export_screenshot() and "\u241b[2J" in app.export_screenshot()
        for view in ("f3", "f4", "f5", "f6"):  # tables, checks, narrative (titles and text), log
            await pilot.press(view)
            await pilot.pause()
            screen = app.export_screenshot()
            assert "\x1b" not in screen and "\x07" not in screen and "\u241b" in screen, view


async def test_an_edit_line_shows_a_hostile_name_visibly(hostile_path: Path) -> None:
    app = LkjipApp(Workbook.open(hostile_path))
    async with app.run_test(size=(100, 30)) as pilot:
        app.screen.focus_ref(IKM, "target")
        await pilot.press("enter")
        await pilot.pause()
        line = str(app.screen.query_one("#editbar").text)
        assert "Kepuasan\u241b[2J" in line and "\x1b" not in line


def truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:200])


def move_away(path: Path) -> None:
    path.rename(path.with_name("dipindah.json"))


def newer_schema(path: Path) -> None:
    doc = orjson.loads(path.read_bytes())
    next(iter(doc["meta"].values()))["schema"] = 99
    path.write_bytes(orjson.dumps(doc))


BREAKS = {
    "terpotong": (truncate, "bukan JSON yang utuh"),
    "dipindah": (move_away, "tidak ditemukan"),
    "skema baru": (newer_schema, "lkjip yang lebih baru"),
    "tanpa izin": (None, "tidak ada izin membaca"),
}


@pytest.mark.parametrize("case", list(BREAKS))
async def test_a_file_that_turns_bad_while_open_is_said_and_the_typed_value_stays(demo_path: Path, case: str,
                                                                                   monkeypatch) -> None:
    good = demo_path.read_bytes()
    breaker, said = BREAKS[case]
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await find_ikm_realisasi(pilot)
        await pilot.press("enter", "7", "9")
        if breaker is None:  # permissions removed (as root the mode alone would not stop a read)
            import store.disk.storage

            demo_path.chmod(0)
            real = store.disk.storage.read_bounded

            def refused(path: Path, limit: int) -> bytes:  # the one read of a workbook's bytes
                if Path(path) == demo_path:
                    raise PermissionError(13, "Permission denied", str(path))
                return real(path, limit)

            monkeypatch.setattr(store.disk.storage, "read_bounded", refused)
        else:
            breaker(demo_path)
        app.poll_disk()
        await pilot.pause()
        assert app.message_error and said in app.message and "versi terakhir" in app.message, app.message
        await pilot.press("enter")  # the commit is refused; nothing dies, the typed value waits
        await pilot.pause()
        assert app.is_running and app.message_error
        await dismiss_refusal(pilot)
        assert app.screen.editor_text() == "79"
        assert grid(app).text_at(IKM, "realisasi") == "82,08"  # the last good document is still on screen
        assert "revisi" in app.saved_line()

        # The file comes back: said, and the same typed value is saved.
        monkeypatch.undo()
        if case == "dipindah":
            demo_path.with_name("dipindah.json").rename(demo_path)
        else:
            demo_path.write_bytes(good)
        demo_path.chmod(0o660)
        app.poll_disk()
        await pilot.pause()
        assert not app.message_error and "terbaca lagi" in app.message
        await pilot.press("enter")
        await pilot.pause()
        assert on_disk(demo_path)["realisasi"] == "79"


async def test_every_view_keeps_working_on_the_last_good_document(demo_path: Path) -> None:
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        truncate(demo_path)
        app.poll_disk()
        for key in ("f3", "f4", "f5", "f6", "f7", "f2", "right_square_bracket", "slash", "escape"):
            await pilot.press(key)
            await pilot.pause()
            assert app.is_running, key
        assert "TIDAK TERBACA" in app.saved_line()


async def test_narrative_typed_while_the_file_is_bad_is_kept_and_drafted(demo_path: Path) -> None:
    good = demo_path.read_bytes()
    app = LkjipApp(Workbook.open(demo_path))
    draft = draft_path(demo_path, app.wb.user)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_narrative(pilot)
        await pilot.press(*"DRAF ")
        truncate(demo_path)
        app.poll_disk()
        app.screen.query_one("#section-list").focus()  # leaving the text tries to save: refused
        await pilot.pause()
        area = app.screen.query_one("TextArea")
        assert area.text.startswith("DRAF ") and app.message_error
        assert read_draft(draft).text.startswith("DRAF ")  # and it is on disk, beside the workbook
        demo_path.write_bytes(good)
        app.poll_disk()
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert narrative_on_disk(demo_path, "kata_pengantar").startswith("DRAF ")
    assert not draft.exists()  # saved: the draft is gone


async def test_control_characters_typed_into_a_narrative_are_refused_and_kept(demo_path: Path) -> None:
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        area = await open_narrative(pilot)
        area.load_text(f"tempel{RETITLE}an")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.message_error and "karakter kendali" in app.message
        assert area.text == f"tempel{RETITLE}an"
    assert RETITLE not in narrative_on_disk(demo_path, "kata_pengantar")


def test_a_50_mb_narrative_is_refused_on_open_with_its_path(demo_path: Path, capsys) -> None:
    """A narrative over the limit (a file edited by hand) would freeze the editor: the schema refuses the workbook
    on open, naming where, and the TUI ends with a non-zero status instead of hanging; the file is left as it is."""
    doc = orjson.loads(demo_path.read_bytes())
    for section in doc["narrative"].values():
        if section["key"] == "kata_pengantar":
            section["texts"]["2022"] = "panjang " * (50 * 1024 * 1024 // 8)
    demo_path.write_bytes(orjson.dumps(doc))
    before = demo_path.read_bytes()
    assert run_app(demo_path) == 1
    err = capsys.readouterr().err
    assert "narrative." in err and "texts.2022" in err and "Traceback" not in err
    assert demo_path.read_bytes() == before


async def test_a_paste_arrives_with_lf_line_breaks_and_its_terminal_codes_taken_out(demo_path: Path) -> None:
    from textual import events

    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        area = await open_narrative(pilot)
        area.load_text("")
        app.post_message(events.Paste(f"satu\r\ndua\rtiga{WIPE}\x07"))  # as the terminal driver does
        await pilot.pause()
        assert area.text == "satu\ndua\ntiga"
        assert "2 kode warna atau karakter kendali dibuang" in app.message and not app.message_error
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert narrative_on_disk(demo_path, "kata_pengantar") == "satu\ndua\ntiga"


async def test_typed_narrative_is_drafted_within_a_second_and_the_draft_offered_at_start(demo_path: Path) -> None:
    app = LkjipApp(Workbook.open(demo_path))
    draft = draft_path(demo_path, app.wb.user)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_narrative(pilot)
        await pilot.press(*"SETENGAH ")
        await pilot.pause(1.5)  # the debounced draft has been written by now
        assert read_draft(draft).text.startswith("SETENGAH ")
        app.stopping = True  # as after a signal: leave without saving
    assert not narrative_on_disk(demo_path, "kata_pengantar").startswith("SETENGAH")

    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "DraftOffer"
        await pilot.press("n")  # declined: the draft is dropped, nothing changes
        await pilot.pause()
        assert not draft.exists() and "dibuang" in app.message
    assert not narrative_on_disk(demo_path, "kata_pengantar").startswith("SETENGAH")


def test_a_crash_says_one_sentence_and_keeps_the_traceback_for_the_developer(demo_path: Path, capsys,
                                                                             monkeypatch, tmp_path: Path) -> None:
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))

    def crash(self) -> None:
        raise RuntimeError("sengaja")

    monkeypatch.setattr(LkjipApp, "on_mount", crash)
    monkeypatch.setattr(LkjipApp, "run", lambda self, **kw: App.run(self, headless=True))
    assert run_app(demo_path) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "kesalahan tak terduga" in err
    report = Path(err.rsplit("ada di ", 1)[1].rstrip(".\n"))
    assert report.parent == tmp_path and "sengaja" in report.read_text()
