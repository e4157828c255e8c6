"""The one reader of CSV text, for every CSV door (`lkjip import x.csv`, the master list `kode.csv`).

The standard library's reader refuses a field over its limit (128 KB) in English and without saying where
("field larger than field limit (131072)"), and a broken quote as "unexpected end of data". Here every refusal is
one Indonesian sentence with the file, the line and, for a field, its column; the texts themselves then meet their
door's own rule (store.text.gate) there.
"""

from __future__ import annotations

import csv
import io

from .errors import WorkbookError

FIELD_MAX = 128 * 1024  # characters of one cell, as the csv module's own default


class CsvRefused(WorkbookError):
    """A CSV file that cannot be read at all, with where."""


def rows(text: str, where: str, delimiter: str) -> list[tuple[int, list[str]]]:
    """(line where the row begins, its cells) for each row of `text`, or CsvRefused."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    limit = csv.field_size_limit()
    # The module's own limit is global and speaks English: lifted while reading (the text is already in memory),
    # and every field measured here, so the refusal can name its column.
    csv.field_size_limit(max(limit, len(text) + 1))
    found: list[tuple[int, list[str]]] = []
    try:
        line = 1
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return found
            except csv.Error:
                raise CsvRefused(f"{where} baris {line}: bukan CSV yang utuh (tanda petik tidak tertutup atau "
                                 f"karakter yang tidak boleh ada); simpan ulang sebagai \u201cCSV UTF-8\u201d.") from None
            for column, field in enumerate(row, start=1):
                if len(field) > FIELD_MAX:
                    raise CsvRefused(f"{where} baris {line}, kolom {column}: isian {len(field) // 1024} KB, lebih "
                                     f"dari batas {FIELD_MAX // 1024} KB per sel; tidak ada yang dibaca.")
            found.append((line, row))
            line = reader.line_num + 1
    finally:
        csv.field_size_limit(limit)
