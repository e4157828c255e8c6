"""The documents of a year, one module each: the LKjIP export, PK, triwulan, IKU, pohon kinerja,
Rencana Aksi, Renja evaluation.

Each name is imported from its module, never through a package: this file imports
nothing, so importing one module loads no other. __all__ is the package's face: what is used from
outside it; the rest is inside.

    iku         The Indikator Kinerja Utama (IKU): `lkjip export WB --doc iku --format md|docx|xlsx`.  (inside)
    lkjip       The LKjIP draft as Markdown, Word or PDF: `lkjip export WORKBOOK --format md|docx|pdf`.
    pk          The Perjanjian Kinerja (PK) of a year as its own document: `lkjip export WB --doc pk --format…  (inside)
    pk_pejabat  What a PK holds for one official of the year (store.domain.pejabat): the two parties and the …  (inside)
    pohon       The pohon kinerja (performance tree): `lkjip export WB --doc pohon --format md|docx`.  (inside)
    renaksi     The Rencana Aksi of a year: `lkjip export WB --doc renaksi [--tw N] --format md|docx|xlsx`.  (inside)
    renja_eval  The Renja evaluation, Tabel E.81 of Permendagri 86/2017: `lkjip export WB --doc evaluasi-renj…  (inside)
    renja_xlsx  The Renja evaluation (Tabel E.81) as a spreadsheet Bappeda can add up: a number in every figu…  (inside)
    triwulan    The quarterly report (monev triwulan): `lkjip export WB --doc triwulan --tw N --format md|doc…  (inside)
    year_docs   The year's documents besides the LKjIP: `lkjip export WB --doc pk|triwulan|renaksi [--tw N] --format md…
"""

__all__ = ["lkjip", "year_docs"]
