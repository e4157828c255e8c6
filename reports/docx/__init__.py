"""Word: the outline as a .docx, short documents on the LKjIP's page, tables, signatures, stamps, an
operator's Markdown as Word formatting, and page numbers from LibreOffice's layout.

Each name is imported from its module, never through a package: this file imports
nothing, so importing one module loads no other. __all__ is the package's face: what is used from
outside it; the rest is inside.

    doc        A short Word document on the LKjIP's page and styles: the Perjanjian Kinerja, the quarterly report, the …
    fields     The WordprocessingML that python-docx has no API for: fields, list numbering, table header rows and widt…
    narrative  An operator's Markdown narrative as real Word formatting, by walking markdown-it-py tokens.
    pages      Page numbering of the LKjIP in Word: sections whose numbers restart (front matter in roman, th…  (inside)
    paginate   Page numbers for the Daftar Isi, and the PDF, from LibreOffice's own layout.
    render     The outline as a Word document (python-docx).
    sign       Signature blocks in Word, side by side in a borderless table with one row per line (reports.signing.ROWS…
    stamp      The draft mark or the lock line on the pages of a Word document (reports.stamp): a draft carri…  (inside)
    tables     A reports.tables.Table as a Word table that fits its page.  (inside)
"""

__all__ = ["doc", "fields", "narrative", "paginate", "render", "sign"]
