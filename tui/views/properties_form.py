"""The indicator's properties (`p`, in the main view and the F8 sheet): satuan, arah, rumus, the negative rule, the
quarter rule, kondisi awal and target akhir, and the IKU's definisi, sumber data and jenis. The same form as the
profile and the Rencana Aksi (forms.FormScreen): the changed fields are saved as one step, before the form closes,
so a refusal is said in it with what was typed kept."""

from __future__ import annotations

from store.domain.edit import Edit
from store.domain.fields import display_exact, get_value, parse_value, spec_of

from tui.session import Session

from .forms import Field, FormScreen, save_form

# The indicator's settings, in the order the properties form asks for them.
# The IKU's three last (reports.documents.iku): Enter through the older seven and Ctrl+S saves as before.
PROPERTY_FIELDS = ("satuan", "arah", "rumus", "rumus-negatif", "aturan-tw", "kondisi-awal", "target-akhir",
                   "definisi", "sumber-data", "jenis")
PROPERTY_HINTS = {"jenis": " (outcome / output; kosong: menurut tingkatnya)",
                  "arah": " (positif / negatif)", "rumus-negatif": " (2T-R / T/R; kosong: ikut pengaturan)",
                  "aturan-tw": " (kumulatif / nilai_akhir; kosong: menurut satuan dan nama)"}


async def open_properties(session: Session, ind_id: str) -> None:
    """The indicator's properties form (`p`, in the main view and the F8 sheet): satuan, arah, rumus, the negative
    rule, the quarter rule, kondisi awal and target akhir, and the IKU's definisi, sumber data and jenis, saved as
    one step."""
    ind = session.casc.indicators[ind_id][1]
    olds = {name: get_value(ind, spec_of(name), None) for name in PROPERTY_FIELDS}
    fields: list[Field] = [(name.replace("-", "_"), spec_of(name).label + PROPERTY_HINTS.get(name, ""),
                            display_exact(spec_of(name), olds[name])) for name in PROPERTY_FIELDS]

    def submit(values: dict[str, str]) -> list[Edit]:
        edits = []
        for name in PROPERTY_FIELDS:
            new = parse_value(spec_of(name), values[name.replace("-", "_")], clear=True)
            if new != olds[name] and not (new in (None, "") and olds[name] in (None, "")):
                edits.append(Edit(ind_id, name, None, olds[name], new))
        return edits

    def save(edits: object) -> str | None:
        return save_form(session, edits, lambda e: f"{', '.join(spec_of(x.field).label.lower() for x in e)} "
                                                   f"indikator {ind['name'][:40]}")

    await session.push_screen(FormScreen(f"Sifat indikator {ind['name']}"[:70], fields, submit, save=save))
