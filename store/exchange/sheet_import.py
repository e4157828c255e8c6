"""From a filled spreadsheet to a workbook: a new one built whole, or an existing one changed value by value.

Into an existing workbook every changed cell becomes one Edit through Workbook.apply, all inside one transaction
(saved together, or not at all), logged as `import`. The edit's `old` is the value lkjip exported (the hidden
"asal" sheet) so that a value changed in lkjip since the export is refused, both values named, rather than
overwritten; a sheet without "asal" (the template, a CSV) is compared with the workbook as it is now.
Rows added or removed in the sheet are structural changes: refused, row by row, for the cascade editor to do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from store.domain.cascade import Cascade
from store.domain.edit import Edit
from store.text.errors import WorkbookError
from store.text.files import read_bounded
from store.disk.safefile import os_reason
from store.domain.fields import FieldSpec, Holder, display_exact, get_value, set_value, spec_of
from store.domain.pejabat import officials
from store.domain.model import (BUDGET_LEVELS, LEVEL_LABELS, NODES, YEARS_BEFORE, Node, new_document, new_indicator,
                                new_meta, new_node)
from store.text.numbers import to_decimal
from store.text.sanitize import cut, quote
from .sheet_layout import KASKADE, PROFIL
from .sheet_parsed import Parsed, Problem, RowNode, Value
from .sheet_read import read_book
from store.edits.workbook import Workbook

ID_PREFIX = {"tujuan": "T", "sasaran": "S", "program": "P", "kegiatan": "K", "subkegiatan": "SK"}
# A node's or an indicator's code and name in a line: an office's real names (up to ~100 characters with the code)
# stay whole, a 500-character one does not flood it. A value quoted from a cell is cut shorter (sanitize.CUT).
LABEL_MAX = 100

class SheetRefused(WorkbookError):
    def __init__(self, where: str, problems: list[Problem]) -> None:
        self._lines = [f"{where} tidak diimpor: {len(problems)} masalah, tidak ada yang ditulis.",
                       *("  " + p.line() for p in problems)]
        super().__init__("\n".join(self._lines))
        self.problems = problems

    @property
    def lines(self) -> list[str]:
        return self._lines  # one a line: a problem's own line breaks are escapes already (Problem.line)


@dataclass(frozen=True)
class Change:
    edit: Edit
    where: str
    header: str
    label: str
    old_text: str
    new_text: str

    def line(self) -> str:
        return f"{self.where} {self.header} {self.label}: {self.old_text} \u2192 {self.new_text}"


def _problem_at(p: Parsed, v: Value, text: str) -> None:
    sheet, _, cell = v.where.partition("!")
    p.problems.append(Problem(sheet, int("".join(c for c in cell if c.isdigit()) or 0),
                              "".join(c for c in cell if c.isalpha()), v.header, text))


def _related(p: Parsed, rn: RowNode, ids_of: dict[str, str]) -> list[str]:
    """The node ids a sasaran's Anggaran Terkait cell names (codes or ids, between them ";")."""
    if rn.related is None:
        return []
    found = []
    for token in (t.strip() for t in re.split(r"[;,]", str(rn.related.value))):
        if not token:
            continue
        if token not in ids_of:
            _problem_at(p, rn.related, f"{quote(token)} bukan kode Program, Kegiatan atau Sub Kegiatan yang ada; ketik "
                        f"kodenya, beberapa kode dipisah titik koma")
        else:
            found.append(ids_of[token])
    return found


def read_file(path: str) -> Parsed:
    from .xlsx_guard import MAX_FILE_BYTES
    from .xlsx_io import read_csv, read_xlsx

    try:
        raw = read_bounded(path, MAX_FILE_BYTES)  # measured first: an 8 GB file is never read whole
    except OSError as exc:
        raise WorkbookError(f"Tidak dapat membaca {path}: {os_reason(exc, reading=True)}.") from None
    reader = read_csv if path.lower().endswith(".csv") else read_xlsx
    parsed = read_book(reader(raw, path))
    if parsed.halted:
        raise SheetRefused(Path(path).name, parsed.problems)
    return parsed


def _check_years(p: Parsed, awal: int, akhir: int) -> None:
    for col, sheet, row, index in p.year_columns:
        planned = col.key in ("target", "pagu", "pagu-pk")
        low = awal if planned else awal - YEARS_BEFORE
        if not low <= col.year <= akhir:  # type: ignore[operator]  # a year column has its year
            p.problem(sheet, row, index, col.header, f"tahun {col.year} di luar periode {awal}\u2013{akhir} "
                      f"(Renstra {awal}\u2013{akhir}); hapus kolom ini atau perbaiki tahunnya")


def _refuse_if_any(p: Parsed, where: str) -> None:
    if p.problems:
        raise SheetRefused(where, p.problems)


# -- a new workbook ---------------------------------------------------------------------------------------------
def _profile_of(p: Parsed) -> tuple[str, str, int, int, int]:
    prof: dict[str, Any] = p.profile  # as store.exchange.sheet_read put it: texts, the periode as (awal, akhir), KEY@ rows
    if p.has_profil:
        for key, label, hint in (("instansi", "Instansi", "mis. Kecamatan Torjun"),
                                 ("pemda", "Pemerintah Daerah", "mis. Kabupaten Sampang"),
                                 ("periode", "Periode Renstra", "mis. 2025-2029"),
                                 ("tahun", "Tahun Laporan", "mis. 2025")):
            if not prof.get(key) and key not in p.refused_profile:
                p.problem(PROFIL, int(prof.get(key + "@", 0)), 1, label, f"kosong; isi sel ini, {hint}")
    if "periode" not in prof:
        years = [c.year for c, *_ in p.year_columns if c.key == "target" and c.year is not None]  # each has one
        if not years:
            p.problem(KASKADE, 0, None, "", "periode Renstra tidak diketahui: tidak ada kolom Target TAHUN")
            return "", "", 0, 0, 0
        prof["periode"] = (min(years), max(years))
    awal, akhir = prof["periode"]
    tahun = int(prof.get("tahun") or min(max(date.today().year, awal), akhir))
    if not awal <= tahun <= akhir:
        p.problem(PROFIL, int(prof.get("tahun@", 0)), 1, "Tahun Laporan", f"{tahun} di luar periode {awal}\u2013"
                  f"{akhir}; ketik tahun di dalam periode")
    return str(prof.get("instansi", "")), str(prof.get("pemda", "")), awal, akhir, tahun


def _assign_ids(p: Parsed) -> None:
    used = {n.id for n in p.nodes if n.id}
    counters: dict[str, int] = {}
    for node in p.nodes:
        if node.id:
            continue
        code = str(node.get("kode"))
        if code and code not in used:
            node.id = code
        else:
            k = counters.get(node.level, 0) + 1
            while f"{ID_PREFIX[node.level]}{k}" in used:
                k += 1
            counters[node.level] = k
            node.id = f"{ID_PREFIX[node.level]}{k}"
        used.add(node.id)
    seen: dict[str, int] = {}
    for node in p.nodes:
        for k, ind in enumerate(node.indicators, start=1):
            if ind.id in seen:
                p.problem(KASKADE, ind.row, None, "", f"ID Indikator {cut(ind.id)} sudah dipakai di baris "
                          f"{seen[ind.id]}; kosongkan ID pada baris yang disalin")
            if not ind.id:
                n = k
                while f"{node.id}/{n}" in seen:
                    n += 1
                ind.id = f"{node.id}/{n}"
            seen[ind.id] = ind.row


def build_document(p: Parsed, where: str) -> dict[str, Any]:
    """The whole workbook from the sheet, or SheetRefused listing every problem."""
    instansi, pemda, awal, akhir, tahun = _profile_of(p)
    if awal:
        _check_years(p, awal, akhir)
    if not p.nodes and not any(x.sheet == KASKADE for x in p.problems):
        p.problem(KASKADE, 0, None, "", "lembar Kaskade belum berisi satu baris pun; isi Tujuan, Sasaran, Program, "
                  "Kegiatan dan Sub Kegiatan dari Renstra kantor Anda")
    _assign_ids(p)
    ids_of = {k: n.id for n in p.nodes if n.level in BUDGET_LEVELS for k in (n.id, str(n.get("kode"))) if k}
    related = {i: _related(p, rn, ids_of) for i, rn in enumerate(p.nodes)}
    _refuse_if_any(p, where)
    doc = new_document(new_meta(instansi=instansi, pemda=pemda, periode_awal=awal, periode_akhir=akhir,
                                tahun=tahun))
    orders: dict[int | None, int] = {}
    nodes = {}
    for i, rn in enumerate(p.nodes):
        orders[rn.parent] = orders.get(rn.parent, 0) + 1
        parent = p.nodes[rn.parent].id if rn.parent is not None else None
        # The level and arah words were checked when the sheet was read (store.exchange.sheet_read refuses the rest).
        node = new_node(rn.id, rn.level, str(rn.get("nama")), parent=parent, code=str(rn.get("kode")),  # type: ignore[arg-type]
                        order=orders[rn.parent], unit=str(rn.get("unit")))
        for ri in rn.indicators:
            ind = new_indicator(ri.id, str(ri.get("indikator")), satuan=str(ri.get("satuan") or ""),
                                arah=ri.get("arah") or "positif", rumus=str(ri.get("rumus") or ""))  # type: ignore[arg-type]
            _fill(ind, [v for v in ri.values if v.field not in ("indikator", "satuan", "arah", "rumus")])
            node["indicators"].append(ind)
        _fill(node, rn.budget)
        node["budget_refs"] = related[i]
        nodes[str(i + 1)] = node
    doc[NODES] = nodes
    return doc


def _fill(container: Holder, values: list[Value]) -> None:
    for v in values:
        if v.value not in (None, ""):
            set_value(container, spec_of(v.field), v.year, v.value)


def summary(doc: dict[str, Any]) -> str:
    nodes = list(doc[NODES].values())
    parts = [f"{sum(n['level'] == lvl for n in nodes)} {LEVEL_LABELS[lvl].lower()}" for lvl in LEVEL_LABELS]
    indicators = sum(len(n["indicators"]) for n in nodes)
    budget = sum(1 for n in nodes for slot in n["budget"].values() for v in slot.values() if v is not None)
    return f"{', '.join(parts)}, {indicators} indikator dan {budget} isian anggaran"


# -- an existing workbook ---------------------------------------------------------------------------------------
def _match_nodes(p: Parsed, casc: Cascade) -> dict[int, str]:
    """Sheet row -> workbook node id, refusing every structural difference."""
    by_code = {n["code"]: n["id"] for n in casc.nodes.values() if n["code"]}
    by_name: dict[tuple[str, str], list[str]] = {}
    for n in casc.nodes.values():
        by_name.setdefault((n["level"], n["name"].casefold()), []).append(n["id"])
    matched: dict[int, str] = {}
    taken: dict[str, int] = {}
    how = "ubah susunan cascade di lkjip (tambah, hapus atau pindah simpul), lalu ekspor ulang"
    for i, rn in enumerate(p.nodes):
        code, name = str(rn.get("kode")), str(rn.get("nama"))
        if rn.id:
            wid = rn.id if rn.id in casc.nodes else None
        else:
            same = by_name.get((rn.level, name.casefold()), [])
            wid = by_code.get(code) if code else (same[0] if len(same) == 1 else None)
        label = cut(f"{LEVEL_LABELS[rn.level]} {code} {name}".replace("  ", " "), LABEL_MAX)
        if wid is None or wid in taken or casc.nodes[wid]["level"] != rn.level:
            p.problem(KASKADE, rn.row, None, "", f"{label} tidak ada di buku kerja; baris baru tidak diimpor ke buku "
                      f"kerja yang sudah ada: {how}")
            continue
        taken[wid] = rn.row
        matched[i] = wid
        parent = casc.nodes[wid].get("parent")
        parent = parent if parent in casc.nodes else None
        want = matched.get(rn.parent) if rn.parent is not None else None
        if parent != want:
            p.problem(KASKADE, rn.row, None, "", f"{label} berada di bawah induk lain di buku kerja; memindah simpul "
                      f"tidak diimpor: {how}")
    # Rows not read (the header row refused) are not rows removed: then no node is said to be missing from the sheet.
    for node, _ in casc.walk() if p.rows_read else []:
        parent = node.get("parent")
        if node["id"] not in taken and (parent not in casc.nodes or parent in taken):  # a missing branch: once
            p.problem(KASKADE, 0, None, "", f"{_label(casc, node)} ({LEVEL_LABELS[node['level']]}) ada di buku kerja "
                      f"tetapi tidak ada di lembar; menghapus simpul tidak diimpor: {how}")
    return matched


def _same(kind: str, a: object, b: object) -> bool:
    if kind == "number":
        return to_decimal(a) == to_decimal(b)
    return (a if a is not None else "") == (b if b is not None else "")


def _shown(spec: FieldSpec, value: object) -> str:
    """A value in a change line or a message: a name of 500 characters is cut, as any quoted input."""
    return cut(display_exact(spec, value)) or "\u2014"


def _label(casc: Cascade, node: Node) -> str:
    """A node as the change lines and messages name it: its code and name, cut."""
    return cut(casc.label(node), LABEL_MAX)


class _Planner:
    def __init__(self, p: Parsed, casc: Cascade) -> None:
        self.p, self.casc = p, casc
        self.changes: list[Change] = []
        self.locks = casc.meta.get("locks", {})

    def diff(self, container: Holder, ref: str, label: str, values: list[Value]) -> None:
        for v in values:
            spec = spec_of(v.field)
            current = get_value(container, spec, v.year)
            key = (ref, v.field, v.year)
            old = self.p.asal[key] if self.p.asal is not None and key in self.p.asal else current
            if self.p.asal is None and v.value in (None, ""):
                continue  # a sheet lkjip did not export (template, CSV): an empty cell states nothing, clears nothing
            new = v.value if v.value is not None or spec.kind != "text" else ""
            if _same(spec.kind, new, old) or _same(spec.kind, new, current):
                continue  # unchanged in the sheet, or lkjip already holds it (the same sheet imported twice)
            if not _same(spec.kind, current, old):
                _problem_at(self.p, v, f"{label}: diubah di lkjip menjadi {_shown(spec, current)} sejak berkas "
                            f"diekspor (saat itu {_shown(spec, old)}); nilai lembar {_shown(spec, new)} tidak "
                            f"disimpan; ekspor ulang, atau ketik nilai yang benar di lkjip")
                continue
            if v.year is not None and str(v.year) in self.locks:
                _problem_at(self.p, v, f"{label}: tahun {v.year} dikunci; buka dulu kuncinya (`lkjip unlock`) atau "
                            f"kembalikan nilai {_shown(spec, old)}")
                continue
            self.changes.append(Change(Edit(ref, v.field, v.year, current, new), v.where, v.header, label,
                                       _shown(spec, current), _shown(spec, new)))

    def official(self, rn: RowNode, node: Node) -> None:
        """A Penanggung Jawab cell that holds the key of an official of the report year (store.domain.pejabat) names that
        official too; any other text stays the unit's free text, as before officials existed. A locked year's
        workbook keeps its officials (freeze: penanggung-jawab)."""
        v = next((v for v in rn.values if v.field == "unit"), None)
        key = str(v.value or "").strip() if v else ""
        if not key or self.locks or key not in officials(self.casc.meta, self.casc.tahun):
            return
        current = node.get("penanggung_jawab") or ""
        if key != current:
            spec = spec_of("penanggung-jawab")
            assert v is not None  # a key was read from it
            self.changes.append(Change(Edit(node["id"], spec.name, None, current, key), v.where, v.header,
                                       _label(self.casc, node), _shown(spec, current), _shown(spec, key)))

    def indicators(self, rn: RowNode, node: Node) -> None:
        have = {ind["id"]: ind for ind in node["indicators"]}
        used: set[str] = set()
        for k, ri in enumerate(rn.indicators):
            ind = have.get(ri.id) if ri.id else (node["indicators"][k] if k < len(node["indicators"]) else None)
            if ind is None or ind["id"] in used:
                name = quote(str(ri.get("indikator") or ""), LABEL_MAX)
                self.p.problem(KASKADE, ri.row, None, "", f"indikator {name} tidak ada di {_label(self.casc, node)} "
                               f"dalam buku kerja; tambahkan indikator di lkjip, bukan lewat impor")
                continue
            used.add(ind["id"])
            # A realisasi typed for the year beside its TW I–IV is the year's value; the quarters stay beside it.
            self.diff(ind, ind["id"], f"{cut(ind['name'], LABEL_MAX)} ({_label(self.casc, node)})", ri.values)
        for ind in node["indicators"]:
            if ind["id"] not in used:
                self.p.problem(KASKADE, rn.row, None, "", f"indikator {quote(ind['name'], LABEL_MAX)} dari "
                               f"{_label(self.casc, node)} tidak ada di lembar; menghapus indikator tidak diimpor")


def plan_changes(p: Parsed, casc: Cascade, where: str) -> list[Change]:
    meta = casc.meta
    awal, akhir = int(meta["periode_awal"]), int(meta["periode_akhir"])
    prof: dict[str, Any] = p.profile  # as in _profile_of
    if "periode" in prof and prof["periode"] != (awal, akhir):
        p.problem(PROFIL, int(prof.get("periode@", 0)), 1, "Periode Renstra", f"periode buku kerja {awal}-{akhir}; "
                  f"periode tidak diubah lewat impor, kembalikan ke {awal}-{akhir}")
    if "tahun" in prof and prof["tahun"] != int(meta["tahun"]):
        p.problem(PROFIL, int(prof.get("tahun@", 0)), 1, "Tahun Laporan", f"tahun laporan buku kerja "
                  f"{meta['tahun']}; tidak diubah lewat impor, kembalikan ke {meta['tahun']}")
    _check_years(p, awal, akhir)
    matched = _match_nodes(p, casc)
    planner = _Planner(p, casc)
    profile_values = [Value(k, None, prof[k], f"{PROFIL}!B{prof.get(k + '@', 0)}", label)
                      for k, label in (("instansi", "Instansi"), ("pemda", "Pemerintah Daerah")) if k in prof]
    # The profile container is meta itself (schema 2: instansi and pemda in meta.profile, the rest per year).
    planner.diff(meta, "profil", "Profil instansi", profile_values)
    ids_of = {k: n["id"] for n in casc.nodes.values() if n["level"] in BUDGET_LEVELS for k in (n["id"], n["code"])
              if k}
    for i, wid in matched.items():
        rn, node = p.nodes[i], casc.nodes[wid]
        refs = _related(p, rn, ids_of)
        key = (wid, "anggaran-terkait", None)
        seen = p.asal[key] if p.asal is not None and key in p.asal else list(node.get("budget_refs") or [])
        # An empty cell in a sheet lkjip did not export (the template, a CSV) states nothing: the links stay.
        stated = rn.related is not None or (p.asal is not None and key in p.asal)
        if stated and refs != seen:
            _problem_at(p, rn.related or Value("", None, "", f"{KASKADE}!{rn.row}", ""),
                        "anggaran terkait tidak diubah lewat impor; kembalikan isi sel seperti saat diekspor")
        planner.diff(node, wid, _label(casc, node), rn.values)
        planner.official(rn, node)
        planner.indicators(rn, node)
        planner.diff(node, wid, _label(casc, node), rn.budget)
    _refuse_if_any(p, where)
    return planner.changes


def apply_changes(wb: Workbook, p: Parsed, where: str, *, dry_run: bool) -> list[Change]:
    """Plan against the workbook and, unless dry_run, apply every change in one transaction (all or nothing)."""
    if dry_run:
        return plan_changes(p, wb.cascade(), where)
    with wb.one_step():  # one step of the history: `lkjip undo` takes the whole import back
        changes = plan_changes(p, wb.cascade(), where)
        for change in changes:
            wb.apply(change.edit, kind="import")
    return changes

