"""What a PK holds for one official of the year (store.domain.pejabat): the two parties and the two tables.

The head (`kepala`) promises pihak kedua the sasaran indicators and the program budget, as the PK always did
(reports.tables' `pk` and `pk-anggaran`). Any other official promises their atasan the indicators and targets of
the nodes they answer for (`penanggung_jawab`: a program for the Sekretaris, kegiatan or sub kegiatan for a Kepala
Seksi) and those nodes' budget. A PK Perubahan prints the pagu after the APBD Perubahan instead of the Pagu PK.
"""

from __future__ import annotations

from store.domain.cascade import Cascade
from store.domain.model import BUDGET_LEVELS, LEVEL_LABELS
from store.text.numbers import format_rupiah, format_value
from store.domain.pejabat import KEPALA, PIHAK_KEDUA, answers_for, check_official, officials

from reports import engine
from reports import tables as T
from reports.profile import profile_for_year
from reports.signing import Signatory, signatory


def parties(casc: Cascade, year: int, key: str) -> tuple[Signatory, Signatory]:
    """(pihak pertama, pihak kedua) of `key`'s PK: the official and their atasan."""
    check_official(casc.meta, year, key)
    p = profile_for_year(casc, year)
    known = officials(casc.meta, year)

    def party(who: str, role: str) -> Signatory:
        if who == PIHAK_KEDUA or who not in known:  # an atasan no longer listed: the pen fills it in
            return signatory(p, "pihak_kedua", role) if who == PIHAK_KEDUA else Signatory("", "", "", "", role)
        o = known[who]
        return Signatory(o["jabatan"], o["nama"], o["pangkat"], o["nip"], role)

    atasan = known[key]["atasan"] or KEPALA  # a Sekretaris or Kepala Seksi signs with the head unless told
    return party(key, "Pihak Pertama,"), party(atasan, "Pihak Kedua,")


def sasaran_table(casc: Cascade, year: int, key: str) -> T.Table:
    if key == KEPALA:
        return T.build(casc, year, "pk")
    t = T.Table("pk", "", ["No", "Sasaran / Program / Kegiatan", "Indikator Kinerja", "Satuan", "Target"],
                empty="Pejabat ini belum menjadi penanggung jawab simpul mana pun (lkjip set \u2026 "
                      "penanggung-jawab KUNCI).")
    no = 0
    for node in answers_for(casc, key):
        if node["indicators"]:
            no += 1
        for i, ind in enumerate(node["indicators"]):
            t.add([str(no) if i == 0 else "", casc.label(node) if i == 0 else "", ind["name"], ind["satuan"],
                   format_value(engine.target_of(ind, year))], ind["id"])
    t.numeric = [False, False, False, False, True]
    return t


def budget_table(casc: Cascade, year: int, key: str, *, perubahan: bool) -> T.Table:
    if key == KEPALA and not perubahan:
        return T.build(casc, year, "pk-anggaran")
    nodes = casc.of_level("program") if key == KEPALA else [
        n for n in answers_for(casc, key) if n["level"] in BUDGET_LEVELS]
    what = "Program" if key == KEPALA else " / ".join(LEVEL_LABELS[lv] for lv in BUDGET_LEVELS)
    column = "Anggaran (Perubahan)" if perubahan else "Anggaran (PK)"
    t = T.Table("pk-anggaran", "", ["No", what, column],
                empty="Pejabat ini belum menjadi penanggung jawab program, kegiatan atau sub kegiatan.")
    for no, node in enumerate(nodes, start=1):
        t.add([str(no), casc.label(node), format_rupiah(engine.pk_budget(casc, node, year, perubahan=perubahan))],
              node["id"])
    if nodes:
        t.add(["", "Jumlah", format_rupiah(engine.nodes_pk_budget(casc, nodes, year, perubahan=perubahan))])
    t.numeric = [False, False, True]
    return t
