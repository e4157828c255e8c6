"""Several operators at year-end closing: stale views merge field by field, the same field is never overwritten
unseen, and a closed (kunci) year refuses every edit until someone unlocks it with a reason.

Two Workbook objects on one file stand for two operators, each with the view they loaded earlier.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from store.demo import demo_document
from store.text.errors import EditConflict, InvalidValue, YearLocked
from store.domain.fields import FIELDS
from store.domain.model import LOG
from store.domain.edit import Edit
from store.edits.workbook import Workbook

IKM = "S1/1"
SUB = "7.01.01.2.01.0001"  # a sub kegiatan: carries pagu and realisasi anggaran
YEARLY = sorted(name for name, spec in FIELDS.items() if spec.yearly)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    p = tmp_path / "torjun.json"
    Workbook.create(p, demo_document())
    return p


def value(path: Path, field: str, year: int | None, ref: str = IKM) -> object:
    book = Workbook.open(path)
    return book.edit_for(ref, field, "0", year).old


def log(path: Path) -> list[dict]:
    return sorted(Workbook.open(path).document()[LOG].values(), key=lambda e: e["seq"])


def test_the_yearly_fields_are_the_ones_a_closed_year_guards():
    # Schema 2: the texts and the names a year's report is signed with are that year's too.
    assert YEARLY == ["aksi-tw1", "aksi-tw2", "aksi-tw3", "aksi-tw4", "inspektur-nama", "inspektur-nip", "inspektur-pangkat", "kepala-jabatan", "kepala-nama",
                      "kepala-nip", "kepala-pangkat", "pagu", "pagu-pk", "pejabat-atasan", "pejabat-jabatan",
                      "pejabat-nama", "pejabat-nip", "pejabat-pangkat", "pihak-kedua-jabatan", "pihak-kedua-nama",
                      "pihak-kedua-nip", "pihak-kedua-pangkat", "realisasi", "realisasi-anggaran",
                      "realisasi-anggaran-tw1", "realisasi-anggaran-tw2", "realisasi-anggaran-tw3",
                      "realisasi-anggaran-tw4", "tanggal", "tanggal-pk", "tanggal-reviu", "target", "target-tw1",
                      "target-tw2", "target-tw3", "target-tw4", "teks", "tempat", "tw1", "tw2", "tw3", "tw4"]


# -- conflicts -----------------------------------------------------------------------------------------------------
def test_different_fields_from_stale_views_merge(path):
    ani, budi = Workbook.open(path, user="ani"), Workbook.open(path, user="budi")
    ani_edit = ani.edit_for(IKM, "realisasi", "85", 2022)
    budi_edit = budi.edit_for(IKM, "target", "83", 2022)  # both based on what they loaded
    ani.apply(ani_edit)
    budi.apply(budi_edit)  # budi never reloaded by hand: the store does it under the lock
    assert value(path, "realisasi", 2022) == "85"
    assert value(path, "target", 2022) == "83"
    assert [(e["user"], e["field"]) for e in log(path)] == [("ani", "realisasi"), ("budi", "target")]


def test_the_same_field_in_another_year_or_node_merges(path):
    ani, budi = Workbook.open(path, user="ani"), Workbook.open(path, user="budi")
    edits = [ani.edit_for(IKM, "realisasi", "85", 2022), budi.edit_for(IKM, "realisasi", "80", 2021),
             budi.edit_for(SUB, "pagu", "Rp 1.000.000", 2022)]
    ani.apply(edits[0])
    budi.apply(edits[1])
    budi.apply(edits[2])
    assert value(path, "realisasi", 2022) == "85" and value(path, "realisasi", 2021) == "80"
    assert value(path, "pagu", 2022, SUB) == 1_000_000


def test_the_same_field_changed_since_is_refused_with_both_values_and_who(path):
    ani, budi = Workbook.open(path, user="ani"), Workbook.open(path, user="budi")
    stale = budi.edit_for(IKM, "realisasi", "90", 2022)  # budi sees 82,08
    ani.set(IKM, "realisasi", "85", 2022)
    before = path.read_bytes()
    with pytest.raises(EditConflict) as caught:
        budi.apply(stale)
    conflict = caught.value
    assert conflict.mine == "90" and conflict.theirs == "85" and conflict.who.startswith("ani (")
    message = conflict.message
    assert "85,00" in message and "90,00" in message and "82,08" in message and "oleh ani" in message
    assert "\n" not in message
    assert path.read_bytes() == before  # nothing written, nothing logged
    # Having seen ani's value, budi decides again from fresh data.
    budi.apply(budi.edit_for(IKM, "realisasi", "90", 2022))
    assert value(path, "realisasi", 2022) == "90"
    assert [(e["user"], e["old"], e["new"]) for e in log(path)] == [("ani", "82.08", "85"), ("budi", "85", "90")]


def test_an_undo_from_a_stale_view_cannot_clobber_a_later_edit(path):
    ani, budi = Workbook.open(path, user="ani"), Workbook.open(path, user="budi")
    done = ani.set(IKM, "realisasi", "85", 2022)
    budi.set(IKM, "realisasi", "86", 2022)
    with pytest.raises(EditConflict, match="oleh budi"):
        ani.apply(done.edit.inverse(), kind="undo")
    assert value(path, "realisasi", 2022) == "86"


def test_each_saved_edit_bumps_the_record_and_the_workbook_revision(path):
    book = Workbook.open(path, user="ani")
    rev0 = book.revision()
    node_rev = book.cascade().indicators[IKM][0]["rev"]
    applied = book.set(IKM, "realisasi", "85", 2022)
    assert applied.revision == rev0 + 1 == book.revision()
    assert book.cascade().indicators[IKM][0]["rev"] == node_rev + 1
    again = book.set(IKM, "realisasi", "85", 2022)  # no change: no save, no log entry
    assert not again.changed and book.revision() == rev0 + 1 and len(log(path)) == 1


# -- year closing ----------------------------------------------------------------------------------------------------
def _ref_for(field: str) -> str:
    target = FIELDS[field].target
    return {"node": SUB, "narrative": "narasi:kata_pengantar", "profile": "profil",
            "pejabat": "pejabat:sekcam"}.get(target, IKM)


def _as_typed(field: str) -> str:
    """An official's field as `lkjip set WB pejabat:KEY nama …` names it."""
    return field.removeprefix("pejabat-") if FIELDS[field].target == "pejabat" else field


def _value_for(field: str) -> str:
    return "kepala" if field == "pejabat-atasan" else "7"  # an official's superior is another official's key


@pytest.mark.parametrize("field", YEARLY)
def test_a_locked_year_refuses_every_yearly_field_even_from_a_stale_view(path, field):
    stale = Workbook.open(path, user="budi")
    edit = stale.edit_for(_ref_for(field), _as_typed(field), _value_for(field), 2022)  # seen before the year was closed
    Workbook.open(path, user="ani").lock_year(2022, "tutup buku")
    before = path.read_bytes()
    with pytest.raises(YearLocked) as caught:
        stale.apply(edit)
    assert "Tahun 2022 dikunci oleh ani" in caught.value.message and "--reason" in caught.value.message
    with pytest.raises(YearLocked):
        Workbook.open(path).set(_ref_for(field), _as_typed(field), _value_for(field), 2022)
    assert path.read_bytes() == before
    # Another year stays open.
    assert Workbook.open(path).set(_ref_for(field), _as_typed(field), _value_for(field), 2023).changed


def test_an_undo_into_a_locked_year_is_refused_too(path):
    book = Workbook.open(path, user="ani")
    done = book.set(IKM, "realisasi", "85", 2022)
    book.lock_year(2022)
    with pytest.raises(YearLocked):
        book.apply(done.edit.inverse(), kind="undo")


def test_fields_the_locked_year_does_not_show_stay_editable(path):
    book = Workbook.open(path, user="ani")
    book.lock_year(2022)
    assert book.set(IKM, "realisasi", "85", 2024).changed  # a later year
    with pytest.raises(YearLocked):
        book.set(IKM, "satuan", "nilai")  # printed beside the locked figures (store.edits.freeze)


@pytest.mark.parametrize("reason", ["", "   "])
def test_unlocking_needs_a_reason(path, reason):
    book = Workbook.open(path, user="ani")
    book.lock_year(2022)
    before = path.read_bytes()
    with pytest.raises(InvalidValue, match="alasan"):
        book.unlock_year(2022, reason)
    assert path.read_bytes() == before
    with pytest.raises(YearLocked):
        book.set(IKM, "realisasi", "85", 2022)


def test_locking_and_unlocking_are_in_the_edit_log(path):
    Workbook.open(path, user="ani").lock_year(2022, "tutup buku")
    assert Workbook.open(path, user="ani").lock_year(2022) is False  # already closed: nothing logged
    Workbook.open(path, user="kabag").unlock_year(2022, "koreksi BPK")
    assert Workbook.open(path, user="kabag").unlock_year(2022, "lagi") is False
    Workbook.open(path, user="ani").set(IKM, "realisasi", "85", 2022)
    entries = [(e["user"], e["kind"], e["year"], e["old"], e["new"], e.get("reason")) for e in log(path)]
    assert entries == [
        ("ani", "kunci", 2022, False, True, "tutup buku"),
        ("kabag", "buka", 2022, True, False, "koreksi BPK"),
        ("ani", "edit", 2022, "82.08", "85", None),
    ]


def test_edits_carry_the_value_they_were_based_on():
    edit = Edit(IKM, "realisasi", 2022, "82.08", "85")
    assert edit.inverse() == Edit(IKM, "realisasi", 2022, "85", "82.08")
