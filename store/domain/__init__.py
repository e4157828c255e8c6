"""The workbook as plain data and its rules: records, the cascade index, the editable fields, codes,
references, officials, the quarter rule, and the values of an edit (Edit, Batch, Applied). No files.

Each name is imported from its module, never through a package: this file imports
nothing, so importing one module loads no other. __all__ is the package's face: what is used from
outside it; the rest is inside.

    cascade    A read-only index over a workbook document: nodes by id, children in order, indicators by id.
    codes      Nomenclature codes of program, kegiatan and sub kegiatan (Permendagri 90/2019, Kepmendagri 050-5889/2021…
    edit       The value objects of the one edit path: an Edit (ref, field, year, old, new), a Batch of them applied as…
    fields     The editable fields: what each one is, how its text is read, where its value lives and how it is shown.
    identity   Which workbook a document is: `meta.uuid`, given once when the workbook is made and kept by every backup.
    log_names  How the edit log names what each entry changed: by the REF it has now (its current code), and, where tha…
    model      The workbook as plain data.
    pejabat    The officials (pejabat) of a year: who signs a Perjanjian Kinerja with whom, and which node each answers…
    refs       Finding what an operator means by a REF: a code, an id, or a piece of a name that matches exactly one th…
    tw_rule    The quarter rule (aturan TW) of an indicator: how its realisasi TW I–IV make the year's realisasi.
"""

__all__ = ["cascade", "codes", "edit", "fields", "identity", "log_names", "model", "pejabat", "refs", "tw_rule"]
