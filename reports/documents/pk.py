"""The Perjanjian Kinerja (PK) of a year as its own document: `lkjip export WB --doc pk --format md|docx`.

Every official of the year has one (`--pejabat KEY`, reports.documents.pk_pejabat), and after the APBD Perubahan a PK
Perubahan (`--perubahan`). The form of PermenPAN-RB 53/2014: the title, the opening statement in which pihak pertama (the head of office)
promises pihak kedua (the Bupati / Wali Kota or the superior) the year's targets, place and date and two signatures;
then the attachment with the sasaran / indikator / target table and the program budget (the PK's own pagu awal,
`pagu_pk`; where it is empty, the pagu of the year: engine.PaguPK) with its total, signed again. The tables are
reports.tables' `pk` and `pk-anggaran`, so the PK inside the LKjIP and this document cannot differ.
"""

from __future__ import annotations

from dataclasses import dataclass

from store.domain.cascade import Cascade
from store.domain.pejabat import KEPALA

from reports import tables as T
from reports.outline.markdown import escape_text, md_signatures, with_stamp
from reports.profile import pemda_heading, profile_for_year
from .pk_pejabat import budget_table, parties, sasaran_table
from reports.signing import Signatory, dotted
from reports.stamp import Stamp
from reports.text import as_markdown

OPENING = ("Dalam rangka mewujudkan manajemen pemerintahan yang efektif, transparan, dan akuntabel serta "
           "berorientasi pada hasil, kami yang bertanda tangan di bawah ini:")
PIHAK_PERTAMA = "selanjutnya disebut pihak pertama."
PIHAK_KEDUA = "selaku atasan pihak pertama, selanjutnya disebut pihak kedua."
PROMISES = (
    "Pihak pertama berjanji akan mewujudkan target kinerja yang seharusnya sesuai lampiran perjanjian ini, dalam "
    "rangka mencapai target kinerja jangka menengah seperti yang telah ditetapkan dalam dokumen perencanaan. "
    "Keberhasilan dan kegagalan pencapaian target kinerja tersebut menjadi tanggung jawab kami.",
    "Pihak kedua akan melakukan supervisi yang diperlukan serta akan melakukan evaluasi terhadap capaian kinerja "
    "dari perjanjian ini dan mengambil tindakan yang diperlukan dalam rangka pemberian penghargaan dan sanksi.",
)


def party_fields(party: Signatory) -> list[tuple[str, str]]:
    """The "Nama / NIP / Jabatan" lines of the opening statement; an official without NIP has no NIP line."""
    nip = [("NIP", dotted(party.nip))] if party.has_nip else []
    return [("Nama", dotted(party.nama)), *nip, ("Jabatan", dotted(party.jabatan))]


@dataclass(frozen=True)
class PerjanjianKinerja:
    year: int
    instansi: str
    pemda: str
    pertama: Signatory
    kedua: Signatory
    place_date: str
    sasaran: T.Table  # sasaran / indikator / satuan / target of the year
    anggaran: T.Table  # program / pagu PK, with the Jumlah row
    stamp: Stamp
    perubahan: bool = False  # signed after the APBD Perubahan: the pagu instead of the Pagu PK

    @property
    def title(self) -> str:
        return f"PERJANJIAN KINERJA {'PERUBAHAN ' if self.perubahan else ''}TAHUN {self.year}"

    @property
    def lampiran(self) -> str:
        return f"Lampiran Perjanjian Kinerja {'Perubahan ' if self.perubahan else ''}Tahun {self.year}"

    @property
    def heads(self) -> list[str]:
        return [h for h in (pemda_heading(self.pemda), self.instansi.upper()) if h]

    def signers(self) -> list[Signatory]:
        # Pihak kedua (the superior) on the left, pihak pertama on the right under the place and date.
        return [self.kedua, self.pertama]


def build(casc: Cascade, year: int, stamp: Stamp, *, pejabat: str = KEPALA,
          perubahan: bool = False) -> PerjanjianKinerja:
    """The PK of the official `pejabat` of the year (the head's by default) with their atasan (reports.documents.pk_pejabat);
    a PK Perubahan with the pagu after the APBD Perubahan."""
    p = profile_for_year(casc, year)
    pertama, kedua = parties(casc, year, pejabat)
    # The PK is signed at the start of its year: the LKjIP's date (the next year) would be wrong here.
    tanggal = p["tanggal_pk"].strip() or f"{'.' * 24} {year}"
    tempat = p.get("tempat", "").strip() or "." * 20
    sasaran = sasaran_table(casc, year, pejabat)
    sasaran.title = f"{'Sasaran' if pejabat == KEPALA else 'Sasaran/Program/Kegiatan'}, Indikator Kinerja dan " \
                    f"Target Tahun {year}"
    anggaran = budget_table(casc, year, pejabat, perubahan=perubahan)
    anggaran.title = f"{anggaran.columns[1]} dan Anggaran {'Perubahan ' if perubahan else ''}Tahun {year}"
    return PerjanjianKinerja(year, p.get("instansi", ""), p.get("pemda", ""), pertama, kedua,
                             f"{tempat}, {tanggal}", sasaran, anggaran, stamp, perubahan)


# -- Markdown ---------------------------------------------------------------------------------------------------------
def md_fields(party: Signatory) -> str:
    # A backslash at the end of a line is CommonMark's hard line break: the lines stay one block.
    return "\\\n".join(f"{label}: {escape_text(value)}" for label, value in party_fields(party))


def render_md(pk: PerjanjianKinerja) -> str:
    heads = [f"**{escape_text(h)}**" for h in pk.heads]
    parts = [f"# {pk.title}", *heads, escape_text(OPENING), md_fields(pk.pertama), escape_text(PIHAK_PERTAMA),
             md_fields(pk.kedua), escape_text(PIHAK_KEDUA), *(escape_text(t) for t in PROMISES),
             *md_signatures(pk.place_date, pk.signers()),
             f"## {pk.lampiran}", *heads,
             as_markdown(pk.sasaran).rstrip("\n"), as_markdown(pk.anggaran).rstrip("\n"),
             *md_signatures(pk.place_date, pk.signers())]
    return with_stamp("\n\n".join(parts) + "\n", pk.stamp)


# -- Word -------------------------------------------------------------------------------------------------------------
def render_docx(pk: PerjanjianKinerja) -> bytes:
    from reports.docx.doc import ShortDocument

    d = ShortDocument(title=f"{pk.title} {pk.instansi}", author=pk.instansi, stamp=pk.stamp, table_pt=10)
    d.centered(pk.title, size=14, after=4)
    for head in pk.heads:
        d.centered(head, size=12)
    d.text("")
    d.text(OPENING)
    d.fields(party_fields(pk.pertama))
    d.text(PIHAK_PERTAMA)
    d.fields(party_fields(pk.kedua))
    d.text(PIHAK_KEDUA)
    for promise in PROMISES:
        d.text(promise)
    d.signatures(pk.place_date, pk.signers())

    d.page_break()
    d.centered(f"LAMPIRAN {pk.title}", size=12, after=4)
    for head in pk.heads:
        d.centered(head, size=12)
    d.table(pk.sasaran)
    d.table(pk.anggaran)
    d.signatures(pk.place_date, pk.signers())
    return d.to_bytes()
