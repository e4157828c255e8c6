"""Every figure and every document a workbook gives; never imports textual or tui.

Here beside the packages: the capaian engine (engine), the LKjIP tables (tables), checks and plausibility,
the figures of the Rencana Aksi and the Renja evaluation, signing and stamps.
Layers: documents | rekap, then docx, then outline, then the modules here.

Each name is imported from its module, never through a package: this file imports
nothing, so importing one module loads no other. __all__ is the package's face: what is used from
outside it; the rest is inside.

    documents        The documents of a year, one module each: the LKjIP export, PK, triwulan, IKU, pohon kinerja, Renc…
    docx             Word: the outline as a .docx, short documents on the LKjIP's page, tables, signatures, stamps, an …
    outline          The LKjIP as a format-neutral outline, its generated sentences, and the outline as Markdown.
    rekap            The rekap of many workbooks for a kabupaten's Bagian Organisasi, and its files.
    cascade_grid     The layout of Tabel 1.2: which cell of which row each node and indicator of the cascade …  (inside)
    checks           Consistency checks: what an operator should fix before the draft goes to the head of office.
    efisiensi        Tingkat efisiensi: a sasaran's capaian against its budget's serapan, and the office's (Tabel 3.5).
    engine           The capaian engine: every computed figure of the workbook comes from here, in decimal.Decimal.
    plausibility     Plausibility: figures that are allowed but look like typing slips. Flag, never block: the operator…
    profile          The office's profile as the year's documents and the rekap read it: the head and pihak kedua of th…
    renaksi_figures  The figures of the Rencana Aksi (PermenPAN-RB 53/2014): quarterly targets, and capaian p…  (inside)
    renja_figures    The figures of the Renja evaluation (Tabel E.81, Permendagri 86/2017), one row's columns (5)–(15),…
    signing          Who signs, as offices print it: the lines of one signature block, the same in Word and Markdown.
    stamp            Draft or final: the mark a year's document carries (the LKjIP, the PK, the quarterly rep…  (inside)
    tables           The LKjIP tables as plain data: a title, columns and rows of display strings, built from the engin…
    text             Plain renderings of a Table: terminal text and GFM Markdown.
"""

__all__ = [
    "checks",
    "efisiensi",
    "engine",
    "plausibility",
    "profile",
    "renja_figures",
    "signing",
    "tables",
    "text",
    "documents",
    "docx",
    "outline",
    "rekap",
]
