"""Nomenclature codes of program, kegiatan and sub kegiatan (Permendagri 90/2019, Kepmendagri 050-5889/2021).

A code follows its level's pattern and begins with its parent's code: program `7.01.02`, kegiatan `7.01.02.2.02`,
sub kegiatan `7.01.02.2.02.0003` (documents older than 050-5889 end a sub kegiatan in two digits, `…2.02.03`, and
are accepted too). Tujuan and sasaran carry no code. The known name of a typed code is offered from the workbook's
own codes, an optional master list the office keeps (`kode.csv` beside the workbook: code,name), and the urusan
7.01 (Kecamatan) programs every office shares.
"""

from __future__ import annotations

import re
from pathlib import Path

from .cascade import Cascade
from store.text.errors import WorkbookError
from store.text.gate import refusal
from store.text.sanitize import quote

CODED_LEVELS = ("program", "kegiatan", "subkegiatan")
MASTER_FILE = "kode.csv"
# The national list of every sub kegiatan code with its name is about 2 MB: a list far larger is not one.
MASTER_MAX = 16 * 2**20

_PROGRAM = r"\d{1,2}\.\d{2}\.\d{2}"
_KEGIATAN = _PROGRAM + r"\.\d\.\d{2}"
PATTERNS = {
    "program": re.compile(_PROGRAM),
    "kegiatan": re.compile(_KEGIATAN),
    "subkegiatan": re.compile(_KEGIATAN + r"\.(\d{4}|\d{2})"),
}
EXAMPLES = {"program": "7.01.02", "kegiatan": "7.01.02.2.02", "subkegiatan": "7.01.02.2.02.0003"}

# Urusan 7.01: the programs every Kecamatan shares (docs/RULES.md, "The cascade").
KNOWN_PROGRAMS = {
    "7.01.01": "Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota",
    "7.01.02": "Penyelenggaraan Pemerintahan dan Pelayanan Publik",
    "7.01.03": "Pemberdayaan Masyarakat Desa dan Kelurahan",
    "7.01.04": "Koordinasi Ketentraman dan Ketertiban Umum",
    "7.01.05": "Penyelenggaraan Urusan Pemerintahan Umum",
    "7.01.06": "Pembinaan dan Pengawasan Pemerintahan Desa",
}


def code_problem(casc: Cascade, level: str, code: str, parent_id: str | None, *,
                 ignore: frozenset[str] = frozenset()) -> str | None:
    """Why `code` cannot be the code of a `level` node under `parent_id` (one Indonesian sentence), or None.

    `ignore`: ids of nodes whose present codes do not count as taken (the node being recoded and its subtree)."""
    if not code:
        return None  # codes are optional in the workbook
    if level not in CODED_LEVELS:
        return f"{level.capitalize()} tidak memakai kode; kosongkan kodenya."
    if not PATTERNS[level].fullmatch(code):
        return (f"Kode {quote(code)} bukan kode {_label(level)} yang sah; tulis seperti "
                f"{EXAMPLES[level]}.")
    parent = casc.nodes.get(parent_id or "")
    parent_code = parent["code"] if parent else ""
    if parent_code and not code.startswith(parent_code + "."):
        return f"Kode {quote(code)} tidak diawali kode induknya {parent_code}; tulis {parent_code}.\u2026"
    # Only a code held now counts: a node's id that looks like the code it once had does not hold it (a moved
    # kegiatan frees its old code for a new one).
    for node in casc.nodes.values():
        if node["id"] not in ignore and code == node["code"]:
            return f"Kode {code} sudah dipakai oleh {casc.label(node)}."
    return None


def looks_like_code(text: str) -> bool:
    """Whether a text has the shape of a program, kegiatan or sub kegiatan code (older workbooks used a node's code
    at creation as its id: such an id is a code only while the node still holds it)."""
    return any(p.fullmatch(text) for p in PATTERNS.values())


def _label(level: str) -> str:
    return {"program": "program", "kegiatan": "kegiatan", "subkegiatan": "sub kegiatan"}[level]


def master_names(path: Path | None) -> dict[str, str]:
    """code → name from a master-list CSV (code,name; a header row and blank lines are skipped). A missing or
    unreadable file gives nothing: the list is a convenience, never a requirement. But what it offers is entered
    text: a code or name that the one gate (store.text.gate) refuses refuses the list, naming its line and column, so a
    name is never stored from it that could not have been typed."""
    if path is None:
        return {}
    from store.text.files import FileRefused, read_bounded  # only when a master list is read

    try:
        text = read_bounded(path, MASTER_MAX).decode("utf-8-sig", errors="replace")
    except FileRefused as exc:  # a fifo waits for good, 8 GB fills memory: said, never read
        raise WorkbookError(f"Daftar kode {path} tidak dibaca: {exc.reason}; perbaiki daftar itu (atau tuliskan "
                            f"namanya sendiri).") from None
    except OSError:
        return {}
    sample = text[:2048]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    names: dict[str, str] = {}
    from store.text.csv_rows import rows  # only when a master list is read: not a start-up import

    for line, row in rows(text, str(path), delimiter):
        if len(row) >= 2 and row[0].strip() and row[1].strip() and row[0].strip()[0].isdigit():
            for column, cell in enumerate(row[:2], start=1):
                why = refusal(cell)
                if why:
                    raise WorkbookError(f"Daftar kode {path} baris {line}, kolom {column}: {why}; perbaiki daftar "
                                        f"itu (atau tuliskan namanya sendiri).")
            names[row[0].strip()] = row[1].strip()
    return names


def master_path(workbook_path: Path, explicit: str | Path | None = None) -> Path | None:
    if explicit:
        return Path(explicit)
    beside = Path(workbook_path).with_name(MASTER_FILE)
    return beside if beside.is_file() else None


def known_name(casc: Cascade, code: str, master: dict[str, str] | None = None, level: str | None = None) -> str | None:
    """The name a typed code is known by, only from an exact match of that very code: the office's master list, the
    workbook's codes, then urusan 7.01. With `level`, a code that is not one of that level's has no name here (the
    program code 7.01.01 typed on the way to a kegiatan code names nothing)."""
    code = code.strip()
    if not code or (level is not None and (level not in PATTERNS or not PATTERNS[level].fullmatch(code))):
        return None
    if master and code in master:
        return master[code]
    for node in casc.nodes.values():
        if node["code"] == code:
            return node["name"]
    return KNOWN_PROGRAMS.get(code) if level in (None, "program") else None


def recoded(code: str, old_prefix: str, new_prefix: str) -> str:
    """A descendant's code after its ancestor's code changed from old_prefix to new_prefix."""
    if old_prefix and code.startswith(old_prefix + "."):
        return new_prefix + code[len(old_prefix):] if new_prefix else code
    return code
