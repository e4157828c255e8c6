"""The workbook document as a whole: its one declared schema (and the validators generated from it),
the rules between records, migration of older schemas, and reading a document's bytes.

Each name is imported from its module, never through a package: this file imports
nothing, so importing one module loads no other. __all__ is the package's face: what is used from
outside it; the rest is inside.

    migrate          Older workbook documents brought up to the current schema, in memory.  (inside)
    read             Reading a workbook document: its bytes parsed, an older schema brought up to date in memory (store…
    schema           The one declared schema of a workbook document (schema 2), and the rules between its records.
    schema_compiled    (inside)
    schema_messages  One Indonesian sentence for a schema refusal, from fastjsonschema's rule, definition and…  (inside)
    schema_rules     The rules between the records of a workbook document, which a JSON Schema cannot say (st…  (inside)
"""

__all__ = ["read", "schema"]
