"""The Perjanjian Kinerja (PK) of a year as its own document: `lkjip export WB --doc pk --format md|docx`.

The form of PermenPAN-RB 53/2014: the title, the opening statement in which pihak pertama (the head of office)
promises pihak kedua (the Bupati / Wali Kota or the superior) the year's targets, place and date and two signatures;
then the attachment with the sasaran / indikator / target table and the program budget (the PK's own pagu awal,
`pagu_pk`; where it is empty, the pagu of the year: engine.PaguPK) with its total, signed again. The tables are
reports.tables' `pk` and `pk-anggaran`, so the PK inside the LKjIP and this document cannot differ.
"""

from __future__ import annotations

from dataclasses import dataclass

from store.cascade import Cascade

from . import tables as T
from .profile import profile_for_year
from .md_render import escape_text
from .text import as_markdown

# What a printed form leaves for a pen: a field of the profile that is still empty.
BLANK = "." * 40
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


def _or_blank(text: str) -> str:
    return text.strip() or BLANK


@dataclass(frozen=True)
class Party:
    """One who signs: the role line above the position ("Pihak Pertama,"), then name and NIP under the gap."""

    role: str
    nama: str
    nip: str
    jabatan: str
    pangkat: str = ""  # under the name in the signature block, when entered

    def fields(self) -> list[tuple[str, str]]:
        return [("Nama", self.nama), ("NIP", self.nip), ("Jabatan", self.jabatan)]


@dataclass(frozen=True)
class PerjanjianKinerja:
    year: int
    instansi: str
    pemda: str
    pertama: Party
    kedua: Party
    place_date: str
    sasaran: T.Table  # sasaran / indikator / satuan / target of the year
    anggaran: T.Table  # program / pagu PK, with the Jumlah row

    @property
    def title(self) -> str:
        return f"PERJANJIAN KINERJA TAHUN {self.year}"

    @property
    def heads(self) -> list[str]:
        return [h for h in (self.pemda.upper(), self.instansi.upper()) if h]

    def signers(self) -> list[Party]:
        # Pihak kedua (the superior) on the left, pihak pertama on the right under the place and date.
        return [self.kedua, self.pertama]


def build(casc: Cascade, year: int) -> PerjanjianKinerja:
    p = profile_for_year(casc, year)
    pertama = Party("Pihak Pertama,", _or_blank(p.get("kepala_nama", "")), _or_blank(p.get("kepala_nip", "")),
                    _or_blank(p.get("kepala_jabatan", "")), p.get("kepala_pangkat", "").strip())
    kedua = Party("Pihak Kedua,", _or_blank(p["pihak_kedua_nama"]), _or_blank(p["pihak_kedua_nip"]),
                  _or_blank(p["pihak_kedua_jabatan"]))
    # The PK is signed at the start of its year: the LKjIP's date (the next year) would be wrong here.
    tanggal = p["tanggal_pk"].strip() or f"{'.' * 24} {year}"
    tempat = p.get("tempat", "").strip() or "." * 20
    sasaran = T.build(casc, year, "pk")
    sasaran.title = f"Sasaran, Indikator Kinerja dan Target Tahun {year}"
    anggaran = T.build(casc, year, "pk-anggaran")
    anggaran.title = f"Program dan Anggaran Tahun {year}"
    return PerjanjianKinerja(year, p.get("instansi", ""), p.get("pemda", ""), pertama, kedua,
                             f"{tempat}, {tanggal}", sasaran, anggaran)


# -- Markdown ---------------------------------------------------------------------------------------------------------
def md_fields(party: Party) -> str:
    # A backslash at the end of a line is CommonMark's hard line break: the lines stay one block.
    return "\\\n".join(f"{label}: {escape_text(value)}" for label, value in party.fields())


def md_signatures(place_date: str, signers: list[Party]) -> list[str]:
    parts = [escape_text(place_date)]
    for s in signers:
        parts.append("\\\n".join(escape_text(line) for line in (s.role, s.jabatan) if line))
        pangkat = f"{escape_text(s.pangkat)}\\\n" if s.pangkat else ""
        parts.append(f"**{escape_text(s.nama)}**\\\n{pangkat}NIP. {escape_text(s.nip)}")
    return parts


def render_md(pk: PerjanjianKinerja) -> str:
    heads = [f"**{escape_text(h)}**" for h in pk.heads]
    parts = [f"# {pk.title}", *heads, escape_text(OPENING), md_fields(pk.pertama), escape_text(PIHAK_PERTAMA),
             md_fields(pk.kedua), escape_text(PIHAK_KEDUA), *(escape_text(t) for t in PROMISES),
             *md_signatures(pk.place_date, pk.signers()),
             f"## Lampiran Perjanjian Kinerja Tahun {pk.year}", *heads,
             as_markdown(pk.sasaran).rstrip("\n"), as_markdown(pk.anggaran).rstrip("\n"),
             *md_signatures(pk.place_date, pk.signers())]
    return "\n\n".join(parts) + "\n"


# -- Word -------------------------------------------------------------------------------------------------------------
def render_docx(pk: PerjanjianKinerja) -> bytes:
    from .docx_doc import ShortDocument

    d = ShortDocument(title=f"{pk.title} {pk.instansi}", author=pk.instansi, table_pt=10)
    d.centered(pk.title, size=14, after=4)
    for head in pk.heads:
        d.centered(head, size=12)
    d.text("")
    d.text(OPENING)
    d.fields(pk.pertama.fields())
    d.text(PIHAK_PERTAMA)
    d.fields(pk.kedua.fields())
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
