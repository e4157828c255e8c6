"""The profile and signing form (P in the cascade view, or "Profil dan penandatangan" in Ctrl+P): instansi and
pemda, who signs the year's reports (the head, and the Perjanjian Kinerja's pihak kedua), where and when.

Seventeen fields that `lkjip set WB profil …` sets one at a time (the form scrolls at 80×24). The form reads them all against the workbook on disk
(Workbook.edit_for, as `lkjip set` does) and saves the changed ones as one Batch: one lock, one save, one undo step,
and a locked year refuses the lot inside the form. The signing fields are the shown year's (store.domain.model.profile_for:
a year without its own inherits the latest earlier one, and its first edit copies them).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Input, Label, Static

from store.text.errors import InvalidValue
from store.domain.fields import display_exact, get_value, spec_of
from store.domain.refs import PROFILE_REF
from store.domain.edit import Edit

from tui.keys import InOrderInput
from tui.session import Session
from .forms import FormScreen, save_form

# (heading, [(field, label)]) in the order the form asks; the fields are those of store.domain.fields
SECTIONS = (
    ("Instansi", (("instansi", "Instansi"), ("pemda", "Pemerintah daerah"))),
    ("Kepala (pihak pertama)", (("kepala-nama", "Nama"), ("kepala-nip", "NIP"), ("kepala-pangkat", "Pangkat/gol."),
                                ("kepala-jabatan", "Jabatan"))),
    ("Pihak kedua Perjanjian Kinerja", (("pihak-kedua-nama", "Nama"), ("pihak-kedua-nip", "NIP"),
                                        ("pihak-kedua-pangkat", "Pangkat/gol."), ("pihak-kedua-jabatan", "Jabatan"))),
    ("Penandatanganan", (("tempat", "Tempat"), ("tanggal", "Tanggal LKjIP"), ("tanggal-pk", "Tanggal PK"))),
    ("Pernyataan telah direviu (Inspektur)", (("inspektur-nama", "Nama"), ("inspektur-nip", "NIP"),
                                              ("inspektur-pangkat", "Pangkat/gol."),
                                              ("tanggal-reviu", "Tanggal reviu"))),
)
NAMES = tuple(name for _, fields in SECTIONS for name, _ in fields)
NEVER_EMPTY = ("instansi", "pemda")  # every report's title names them


class ProfileForm(FormScreen):
    """FormScreen's keys and checks, laid out one line per field under five headings; at 80×24 the box fits and its fields scroll."""

    DEFAULT_CSS = """
    ProfileForm .profile-heading { text-style: bold; color: $text-accent; }
    ProfileForm .profile-row { height: 1; }
    ProfileForm .profile-row Label { width: 20; padding-left: 2; }
    ProfileForm .profile-row Input { width: 1fr; }
    ProfileForm #form-error { margin-top: 0; }
    ProfileForm #profile-fields { height: auto; max-height: 16; }
    """

    def compose(self) -> ComposeResult:
        values = {key: value for key, _, value in self.fields}
        with Vertical() as box:
            box.border_title = self.title_text
            # The fields scroll (focus brings each into view); the refusal and the keys below them always show.
            with VerticalScroll(id="profile-fields"):
                for heading, fields in SECTIONS:
                    yield Static(heading, classes="profile-heading")
                    for name, label in fields:
                        with Horizontal(classes="profile-row"):
                            yield Label(label)
                            yield InOrderInput(value=values[name], id=f"form-{name}")
            yield Static(id="form-error")
            yield Static("Enter: berikutnya / simpan \u00b7 Ctrl+S: simpan \u00b7 Esc: batal", id="form-help")


def profile_edits(session: Session, values: dict[str, str], year: int) -> list[Edit]:
    """The changed fields as edits against the workbook on disk; a locked year, an empty name or a bad text
    refuses them all (WorkbookError, said in the form)."""
    wb = session.wb
    assert wb is not None
    casc = wb.cascade()
    wb.check_year_open(casc, year)
    edits = []
    for name in NAMES:
        if name in NEVER_EMPTY and not values[name].strip():
            raise InvalidValue(f"{spec_of(name).label} tidak boleh kosong.")
        edit = wb.edit_for(PROFILE_REF, name, values[name].strip(), year, clear=True)
        if edit.new != edit.old:
            edits.append(edit)
    return edits


async def open_profile_form(session: Session) -> None:
    """Open the form on the year shown; saved as one batch when it closes with changes."""
    if session.wb is None:  # the start screen: no workbook yet
        return
    year = session.year
    meta = session.casc.meta
    fields = [(name, spec_of(name).label, display_exact(spec_of(name), get_value(meta, spec_of(name), year)))
              for name in NAMES]

    def save(edits: object) -> str | None:
        return save_form(session, edits, lambda e: f"{len(e)} isian profil dan penandatangan {year}")

    form = ProfileForm(f"Profil dan penandatangan {year}", fields, lambda values: profile_edits(session, values, year),
                       save=save)
    await session.push_screen(form)  # awaited: the keys typed after P go to its first field
