"""Reading the filled spreadsheet into checked rows: nodes with their parents, indicators, values and budget.

Every cell is read by store.sheet_cells (the one number parser, the lists of choices, the one text gate); every
problem is collected with its sheet, row and column and what to type instead, so the operator sees all of them at
once. Nothing here touches a workbook: store.sheet_import builds or edits one from what this returns (the rows and
problems are store.sheet_parsed's).
"""

from __future__ import annotations

import re
from decimal import Decimal

import orjson

from .model import BUDGET_LEVELS, LEVELS
from .sanitize import cut, quote
from .sheet_cells import blank as _blank
from .sheet_cells import number_text as _number_text
from .sheet_cells import read_cell
from .sheet_layout import (
    ANGGARAN, ASAL, CODE_EXAMPLES, CODE_PATTERNS, INDIKATOR, KASKADE, LEVEL_WORDS, PARENT_LEVEL, PROFIL, PROFIL_ROWS,
    Column, column_of, known_headers, letter, level_of,
)
from .sheet_parsed import Parsed, RowIndicator, RowNode, Value
from .xlsx_io import SheetIn

NODE_FIELDS = ("kode", "nama", "unit")  # node cells that are edit fields (store.fields)
NODE_KEYS = (*NODE_FIELDS, "anggaran-terkait", "id-simpul")


# -- the header row --------------------------------------------------------------------------------------------------
def _header_row(sheet: SheetIn, first: str) -> int | None:
    """Index of the first row naming `first` (rows above it may hold an office's own title)."""
    for i, row in enumerate(sheet.rows):
        if any(isinstance(v, str) and " ".join(v.split()).casefold() == first for v in row):
            return i
    return None


def _columns(sheet: SheetIn, name: str, at: int, out: Parsed) -> dict[int, Column]:
    cols: dict[int, Column] = {}
    seen: dict[str, int] = {}
    for i, raw in enumerate(sheet.rows[at]):
        if _blank(raw):
            continue
        col = column_of(name, str(raw))
        if col is None:
            out.problem(name, at + 1, i, str(raw), f"judul kolom tidak dikenal; yang dikenal: {known_headers(name)}. "
                        f"Hapus kolom ini atau kosongkan judulnya")
            continue
        if col.header in seen:
            out.problem(name, at + 1, i, col.header, f"judul kolom ini sudah ada di kolom {letter(seen[col.header])}")
            continue
        seen[col.header] = i
        cols[i] = col
        if col.year is not None:
            out.year_columns.append((col, name, at + 1, i))
    out.columns[name] = cols
    return cols


# -- Kaskade -----------------------------------------------------------------------------------------------------
def read_kaskade(sheet: SheetIn, out: Parsed) -> None:
    at = _header_row(sheet, "tingkat")
    if at is None:
        out.problem(KASKADE, 1, None, "", "baris judul dengan kolom \u201cTingkat\u201d tidak ditemukan; salin baris "
                    "judul dari templat (`lkjip template`)")
        return
    known = len(out.problems)
    cols = _columns(sheet, KASKADE, at, out)
    by_key = {c.key: i for i, c in cols.items() if not c.yearly}
    for needed in ("tingkat", "nama", "indikator"):
        if needed not in by_key:
            out.problem(KASKADE, at + 1, None, "", f"kolom \u201c{needed.capitalize()}\u201d tidak ada; salin baris "
                        f"judul dari templat")
    if len(out.problems) > known:  # rows cannot be read without their columns
        return
    out.rows_read = True
    stack: list[int] = []  # the path of node indexes from the current tujuan down
    codes: dict[str, int] = {}
    ids: dict[str, int] = {}
    for r in range(at + 1, len(sheet.rows)):
        row, n = sheet.rows[r], r + 1
        cells = {i: (row[i] if i < len(row) else None) for i in cols}
        if all(_blank(v) for v in cells.values()):
            continue
        read: dict[int, object] = {}
        refused: set[str] = set()  # keys of the cells refused here: their problem says why, not "kosong" besides
        for i, col in cols.items():
            value, wrong = read_cell(col, cells[i]) if col.key != "tingkat" else (cells[i], None)
            if col.key == "kode" and isinstance(cells[i], (int, Decimal)):
                value, wrong = None, (f"kode terbaca sebagai angka {_number_text(cells[i])}; ketik sebagai teks "
                                      f"dengan tanda petik di depan, mis. '{CODE_EXAMPLES['program']}")
            if wrong:
                out.problem(KASKADE, n, i, col.header, wrong)
                refused.add(col.key)
            read[i] = value
        _row(out, n, cols, read, refused, stack, codes, ids)


def _row(out: Parsed, n: int, cols: dict[int, Column], read: dict[int, object], refused: set[str], stack: list[int],
         codes: dict[str, int], ids: dict[str, int]) -> None:
    by_key = {c.key: i for i, c in cols.items() if not c.yearly}

    def get(key: str) -> object:
        return read.get(by_key[key], "") if key in by_key else ""

    tingkat = get("tingkat")
    word = str(tingkat).strip() if not _blank(tingkat) else ""
    level = level_of(word) if word else None
    t_col = by_key["tingkat"]
    has_node_text = any(get(k) for k in NODE_KEYS)
    if word and level is None:
        out.problem(KASKADE, n, t_col, "Tingkat", f"{quote(word)} bukan tingkat yang dikenal; ketik salah satu: "
                    f"{', '.join(LEVEL_WORDS.values())}")
        return
    if level is None and has_node_text:
        out.problem(KASKADE, n, t_col, "Tingkat", f"kosong; ketik salah satu: {', '.join(LEVEL_WORDS.values())}")
        return
    if level in (None, INDIKATOR):
        if has_node_text:
            out.problem(KASKADE, n, t_col, "Tingkat", "baris Indikator hanya berisi isian indikator, tanpa Kode, Nama, "
                        "Penanggung Jawab, Anggaran Terkait atau ID Simpul; "
                        "pindahkan isian itu ke baris simpulnya atau ketik tingkatnya")
            return
        if not out.nodes:
            out.problem(KASKADE, n, t_col, "Tingkat", "indikator ini tidak punya simpul di atasnya; tulis dulu baris "
                        "Tujuan, Sasaran, Program, Kegiatan atau Sub Kegiatannya")
            return
        _indicator(out, out.nodes[-1], n, cols, read, refused, by_key)
        return
    node = RowNode(n, level, str(get("id-simpul") or ""), None)
    name, code = str(get("nama") or ""), str(get("kode") or "")
    if not name and "nama" not in refused:
        out.problem(KASKADE, n, by_key["nama"], "Nama", f"nama {LEVEL_WORDS[level]} kosong; ketik namanya")
    rank = LEVELS.index(level)
    while stack and LEVELS.index(out.nodes[stack[-1]].level) >= rank:
        stack.pop()
    want = PARENT_LEVEL.get(level)
    if want:
        above = out.nodes[stack[-1]] if stack else None
        if above is None or above.level != want:
            seen = (f"baris terdekat di atasnya yang lebih tinggi adalah {LEVEL_WORDS[above.level]} (baris "
                    f"{above.row})") if above else "tidak ada baris di atasnya yang lebih tinggi"
            out.problem(KASKADE, n, t_col, "Tingkat", f"{LEVEL_WORDS[level]} harus berada di bawah sebuah "
                        f"{LEVEL_WORDS[want]}, tetapi {seen}; sisipkan baris {LEVEL_WORDS[want]} induknya di atasnya")
        else:
            node.parent = stack[-1]
    if "kode" not in refused:
        _check_code(out, node, code, by_key.get("kode"), codes)
    if node.id:
        if node.id in ids:
            out.problem(KASKADE, n, by_key["id-simpul"], "ID Simpul", f"ID {cut(node.id)} sudah dipakai di baris "
                        f"{ids[node.id]}; kosongkan ID pada baris yang disalin")
        ids[node.id] = n
    for key in NODE_FIELDS:
        if key in by_key:
            col = cols[by_key[key]]
            node.values.append(Value(key, None, read[by_key[key]] or "", f"{KASKADE}!{letter(by_key[key])}{n}",
                                     col.header))
    if get("anggaran-terkait"):
        i = by_key["anggaran-terkait"]
        if level != "sasaran":
            out.problem(KASKADE, n, i, "Anggaran Terkait", "hanya baris Sasaran yang punya anggaran terkait; "
                        "kosongkan sel ini")
        node.related = Value("anggaran-terkait", None, str(get("anggaran-terkait")), f"{KASKADE}!{letter(i)}{n}",
                             "Anggaran Terkait")
    out.nodes.append(node)
    stack.append(len(out.nodes) - 1)
    _indicator(out, node, n, cols, read, refused, by_key)


def _check_code(out: Parsed, node: RowNode, code: str, col: int | None, codes: dict[str, int]) -> None:
    n, level = node.row, node.level
    if level in CODE_PATTERNS:
        example = CODE_EXAMPLES[level]
        if not code:
            out.problem(KASKADE, n, col, "Kode", f"kode {LEVEL_WORDS[level]} kosong; ketik kodenya, mis. {example}")
            return
        if not CODE_PATTERNS[level].fullmatch(code):
            out.problem(KASKADE, n, col, "Kode", f"{quote(code)} bukan kode {LEVEL_WORDS[level]}; tulis seperti "
                        f"{example}")
            return
    parent = out.nodes[node.parent] if node.parent is not None else None
    parent_code = str(parent.get("kode")) if parent else ""
    if (code and parent is not None and parent_code and level in ("kegiatan", "subkegiatan")
            and not code.startswith(parent_code + ".")):
        out.problem(KASKADE, n, col, "Kode", f"kode {code} tidak diawali kode {LEVEL_WORDS[parent.level]} induknya "
                    f"({parent_code}, baris {parent.row}); perbaiki kodenya atau pindahkan barisnya")
    if code:
        if code in codes:
            out.problem(KASKADE, n, col, "Kode", f"kode {cut(code)} sudah dipakai di baris {codes[code]}; setiap kode "
                        f"hanya boleh sekali")
        codes[code] = n


def _indicator(out: Parsed, node: RowNode, n: int, cols: dict[int, Column], read: dict[int, object],
               refused: set[str], by_key: dict[str, int]) -> None:
    values = [Value(c.key, c.year, read[i], f"{KASKADE}!{letter(i)}{n}", c.header) for i, c in cols.items()
              if c.key not in ("tingkat", "id-indikator", *NODE_KEYS)]
    name = read.get(by_key["indikator"]) or ""
    filled = [v for v in values if v.field != "indikator" and v.value not in (None, "")]
    if not name and "indikator" not in refused:  # a refused name still holds its row's values, so ids match
        if filled:
            out.problem(KASKADE, n, by_key["indikator"], "Indikator", f"ada isian indikator ({filled[0].header}) "
                        f"tetapi nama indikatornya kosong; ketik nama indikatornya")
        return
    ind_id = str(read.get(by_key["id-indikator"]) or "") if "id-indikator" in by_key else ""
    node.indicators.append(RowIndicator(n, ind_id, values))


# -- Anggaran --------------------------------------------------------------------------------------------------------
def read_anggaran(sheet: SheetIn, out: Parsed) -> None:
    at = _header_row(sheet, "kode")
    if at is None:
        if any(not _blank(v) for row in sheet.rows for v in row):
            out.problem(ANGGARAN, 1, None, "", "baris judul dengan kolom \u201cKode\u201d tidak ditemukan; salin "
                        "baris judul dari templat")
        return
    cols = _columns(sheet, ANGGARAN, at, out)
    by_key = {c.key: i for i, c in cols.items() if not c.yearly}
    by_code = {str(nd.get("kode")): nd for nd in out.nodes if nd.get("kode")}
    by_id = {nd.id: nd for nd in out.nodes if nd.id}
    seen: dict[int, int] = {}
    for r in range(at + 1, len(sheet.rows)):
        row, n = sheet.rows[r], r + 1
        cells = {i: (row[i] if i < len(row) else None) for i in cols}
        if all(_blank(v) for i, v in cells.items() if cols[i].yearly or cols[i].key in ("kode", "id-simpul")):
            continue
        code = str(cells.get(by_key.get("kode", -1)) or "").strip()
        node_id = str(cells.get(by_key.get("id-simpul", -1)) or "").strip()
        node = by_id.get(node_id) if node_id else by_code.get(code)
        key_col = by_key.get("id-simpul") if node_id else by_key.get("kode")
        if node is None:
            what = f"ID Simpul {cut(node_id)}" if node_id else (f"kode {cut(code)}" if code else "kode kosong")
            out.problem(ANGGARAN, n, key_col, "Kode", f"{what} tidak ada di lembar Kaskade; ketik kode Program, "
                        f"Kegiatan atau Sub Kegiatan yang ada di sana")
            continue
        if node.level not in BUDGET_LEVELS:
            out.problem(ANGGARAN, n, key_col, "Kode", f"{LEVEL_WORDS[node.level]} tidak beranggaran; pagu dicatat "
                        f"pada Sub Kegiatan (jumlahnya naik ke Kegiatan dan Program)")
            continue
        if id(node) in seen:
            out.problem(ANGGARAN, n, key_col, "Kode", f"anggaran simpul ini sudah ada di baris {seen[id(node)]}; "
                        f"gabungkan kedua baris")
            continue
        seen[id(node)] = n
        for i, col in cols.items():
            if col.yearly:
                value, wrong = read_cell(col, cells[i])
                if wrong:
                    out.problem(ANGGARAN, n, i, col.header, wrong)
                node.budget.append(Value(col.key, col.year, value, f"{ANGGARAN}!{letter(i)}{n}", col.header))


# -- Profil and asal ---------------------------------------------------------------------------------------------------
_PERIODE = re.compile(r"^\s*(\d{4})\s*[-\u2013\u2014/]\s*(\d{4})\s*$")


def read_profil(sheet: SheetIn, out: Parsed) -> None:
    labels = {" ".join(label.split()).casefold(): key for key, label in PROFIL_ROWS}
    for r, row in enumerate(sheet.rows):
        if not row or not isinstance(row[0], str) or " ".join(row[0].split()).casefold() not in labels:
            continue
        key, raw, n = labels[" ".join(row[0].split()).casefold()], row[1] if len(row) > 1 else None, r + 1
        text, wrong = read_cell(Column(key, dict(PROFIL_ROWS)[key]), raw)  # a text; a date or #REF! is refused
        if wrong:
            out.problem(PROFIL, n, 1, dict(PROFIL_ROWS)[key], wrong)
            out.refused_profile.add(key)
            continue
        text = str(text)
        if key == "periode":
            m = _PERIODE.match(text)
            if not m or not 1900 < int(m.group(1)) <= int(m.group(2)) < 2200:
                out.problem(PROFIL, n, 1, "Periode Renstra", f"{quote(text)} bukan periode; tulis seperti "
                            f"2025-2029")
                continue
            out.profile[key] = (int(m.group(1)), int(m.group(2)))
        elif key == "tahun":
            if not re.fullmatch(r"\d{4}", text):
                out.problem(PROFIL, n, 1, "Tahun Laporan", f"{quote(text)} bukan tahun; tulis seperti 2025")
                continue
            out.profile[key] = int(text)
        else:
            out.profile[key] = text
        out.profile[key + "@"] = n  # the row, for messages about this value


def read_asal(sheet: SheetIn, out: Parsed) -> None:
    asal: dict[tuple[str, str, int | None], object] = {}
    try:
        for row in sheet.rows:
            if not row or _blank(row[0]):
                continue
            if row[0] == "revisi":
                # A number or a numeric text, as the cell holds it; anything else is refused below.
                out.asal_revision = int(row[1])  # type: ignore[call-overload]
                continue
            for key, value in orjson.loads(str(row[1])).items():
                name, _, year = key.partition("@")
                asal[(str(row[0]), name, int(year) if year else None)] = value
    except (ValueError, TypeError, IndexError, AttributeError, orjson.JSONDecodeError):
        out.problem(ASAL, 0, None, "", "lembar tersembunyi asal rusak; ekspor ulang berkasnya dari lkjip dan isi lagi")
        return
    out.asal = asal


def _uncomputed(sheets: list[SheetIn], out: Parsed) -> None:
    """Every formula cell whose value the file does not hold, named with its formula: the sheet is not read further,
    as any of them may be a figure, a code or a header that would otherwise be read as empty."""
    for sheet in sheets:
        profil = sheet.name.casefold() == PROFIL.casefold()
        at = _header_row(sheet, "tingkat" if sheet.name.casefold() == KASKADE.casefold() else "kode")
        for cell in sheet.uncomputed:
            # Where the operator finds it: under its column's header, or on Profil beside the row's label.
            if profil:
                header = _text_at(sheet, cell.row - 1, 0) if cell.col else ""
            else:
                header = _text_at(sheet, at, cell.col) if at is not None and cell.row - 1 > at else ""
            formula = cut(cell.formula)
            why = ("hanya membawa nilai sementara dari program yang menulisnya (berkas minta dihitung ulang saat "
                   "dibuka)") if cell.placeholder else "tanpa nilai tersimpan"
            out.problem(sheet.name, cell.row, cell.col, cut(header), f"berisi rumus {formula} {why}; buka "
                        f"dan simpan berkasnya di Excel atau LibreOffice, atau ketik angkanya")


def _text_at(sheet: SheetIn, row: int, col: int) -> str:
    value = sheet.rows[row][col] if 0 <= row < len(sheet.rows) and 0 <= col < len(sheet.rows[row]) else None
    return value if isinstance(value, str) else ""


def read_book(sheets: dict[str, SheetIn]) -> Parsed:
    out = Parsed()
    names = {name.casefold(): s for name, s in sheets.items()}
    kaskade = names.get(KASKADE.casefold())
    if kaskade is None:
        out.problem(KASKADE, 0, None, "", "lembar Kaskade tidak ada; pakai berkas dari `lkjip template`")
        out.halted = True  # nothing else can be read or said (no period, no rows): only this
        return out
    read = [s for key, s in names.items() if key in (PROFIL.casefold(), KASKADE.casefold(), ANGGARAN.casefold())]
    _uncomputed([*read, *([sheets[ASAL]] if ASAL in sheets else [])], out)
    if out.problems:
        out.halted = True
        return out
    if PROFIL.casefold() in names:
        out.has_profil = True
        read_profil(names[PROFIL.casefold()], out)
    read_kaskade(kaskade, out)
    if ANGGARAN.casefold() in names and out.nodes:
        read_anggaran(names[ANGGARAN.casefold()], out)
    if ASAL in sheets:
        read_asal(sheets[ASAL], out)
    return out
