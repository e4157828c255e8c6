"""F8, the entry sheet (Lembar isian kinerja): every indicator of the year in cascade order in one grid.

Year-end entry in one pass: the cursor starts on the first indicator's realisasi and Enter commits and goes to the
next indicator's same cell across the whole cascade, so keying every realisasi is digits and Enter only. Tujuan,
sasaran, program and kegiatan are read-only group lines; sub kegiatan show their code on their indicators' rows.
Filters by key narrow the rows (only empty cells, one level, one branch); `/` finds an indicator or node here.
`t` turns the four TW columns from the realisasi per quarter to the Rencana Aksi's target per quarter and back
(same width, so 80×24 stays readable); both are typed and pasted into alike. `a` opens the indicator's action texts
per quarter (tui/views/aksi_form.py): text, too wide for a cell.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from textual.binding import Binding
from textual.widget import AwaitMount

from reports import engine
from store.domain.model import LEVEL_LABELS, LEVELS, Indicator, Meta, Node
from store.text.numbers import format_percent, format_value, to_decimal

from .rows import predikat_short, realisasi_text
from tui.widgets.grid import Column
from tui.widgets.sheet_rows import SheetRow
from .sheet_base import SheetView

COLUMNS = [
    Column("kode", "Kode", 17),
    Column("name", "Indikator", 20),
    Column("satuan", "Satuan", 6),
    Column("target", "Target", 8, field="target", numeric=True),
    # 10 wide: "aturan TW?" (quarters no rule combines) fits whole.
    Column("realisasi", "Realisasi", 10, field="realisasi", numeric=True, explain=True),
    *(Column(f"tw{q}", f"TW {roman}", 8, field=f"tw{q}", numeric=True)
      for q, roman in ((1, "I"), (2, "II"), (3, "III"), (4, "IV"))),
    Column("capaian", "Capaian%", 8, numeric=True, explain=True),
    Column("predikat", "Pred", 4, explain=True),
]
TW_AT = 5  # where the four TW columns begin
# `t`: the Rencana Aksi's target per quarter in the TW columns' place.
TARGET_TW_COLUMNS = [Column(f"target-tw{q}", f"T.TW {roman}", 8, field=f"target-tw{q}", numeric=True)
                     for q, roman in ((1, "I"), (2, "II"), (3, "III"), (4, "IV"))]
REALISASI_TW_COLUMNS = COLUMNS[TW_AT:TW_AT + 4]
EMPTY_FILTERS = ("target", "realisasi", *(f"tw{q}" for q in range(1, 5)), *(f"target-tw{q}" for q in range(1, 5)))
GROUP_LEVELS = ("tujuan", "sasaran", "program", "kegiatan")
LEVEL_CHOICES = (None, *LEVELS)


class SheetScreen(SheetView):
    COLUMNS = COLUMNS
    TITLE = "Lembar isian kinerja"
    # In the order they give way at 80 columns (the key bar shows whole items only, and always the help key).
    KEYS = ["sheet.edit", "view.budget_sheet", "sheet.tw_target", "sheet.empty", "sheet.aksi", "sheet.level",
            "sheet.branch", "app.find", "view.main", "app.help"]
    BINDINGS = [
        Binding("k", "only_empty", "Hanya kosong", id="sheet.empty"),
        Binding("l", "level", "Tingkat", id="sheet.level"),
        Binding("b", "branch", "Cabang", id="sheet.branch"),
        Binding("t", "tw_target", "Target TW", id="sheet.tw_target"),
        Binding("slash", "find", "Cari", id="sheet.find"),
        Binding("p", "properties", "Sifat indikator", show=False, id="sheet.properties"),
        Binding("a", "aksi", "Rencana aksi", show=False, id="sheet.aksi"),
    ]

    def __init__(self) -> None:
        super().__init__()
        # This screen's own list (the grid shares it): `t` swaps the TW columns in it.
        self.COLUMNS = list(COLUMNS)
        self.tw_target = False  # the TW columns show the target per quarter (Rencana Aksi), not the realisasi
        self.only_empty: str | None = None  # the field whose empty cells alone are shown
        self.level: str | None = None
        self.branch: str | None = None  # a node id: only its subtree
        # A row's texts, with the records they were computed from: (node, its rev, meta, its rev, year, texts).
        self._computed: dict[tuple[str, bool], tuple[Node, object, Meta, object, int, list[str]]] = {}
        self._computed_from: object = None  # the document those records belong to

    # -- rows ----------------------------------------------------------------------------------------------------------
    def build_rows(self) -> list[SheetRow]:
        casc, year = self.session.casc, self.session.year
        walk = casc.walk(self.branch) if self.branch in casc.nodes else casc.walk()
        if self.branch in casc.nodes:
            walk = iter([(casc.nodes[self.branch], 0), *walk])
        rows: list[SheetRow] = []
        pending: list[SheetRow] = []  # group lines waiting for an indicator under them
        for node, _depth in walk:
            if node["level"] in GROUP_LEVELS:
                # A group line belongs to its level; deeper ones replace the pending ones of their level and below.
                depth = GROUP_LEVELS.index(node["level"])
                pending = [p for p in pending if GROUP_LEVELS.index(casc.nodes[p.node_id]["level"]) < depth]
                pending.append(SheetRow(node["id"], True, node["id"]))
            if self.level and node["level"] != self.level:
                continue
            shown = [ind for ind in node["indicators"] if self._wanted(ind, year)]
            if shown:
                rows += pending
                pending = []
                rows += [SheetRow(ind["id"], False, node["id"]) for ind in shown]
        return rows

    def _wanted(self, ind: Indicator, year: int) -> bool:
        if not self.only_empty:
            return True
        if self.only_empty == "realisasi":
            return engine.realisasi_of(ind, year) is None
        slot: Mapping[str, Any] = ind.get("years", {}).get(str(year)) or {}
        if self.only_empty.startswith(("tw", "target-tw")):
            bucket = "tw" if self.only_empty.startswith("tw") else "target_tw"
            return (slot.get(bucket) or {}).get(self.only_empty[-1]) in (None, "")
        return slot.get(self.only_empty) in (None, "")

    def row_values(self, row: SheetRow) -> list[str]:
        """A row's texts follow from its node record (its indicators live in it), the year and the settings in meta
        alone. Every write bumps the record's `rev` (and a reload brings new records): a row whose records did not
        change keeps its texts, so a commit recomputes the edited row and not every row in view."""
        casc, year = self.session.casc, self.session.year
        if casc.document is not self._computed_from:  # read again from disk: every record is a new one
            self._computed, self._computed_from = {}, casc.document
        node, meta = casc.nodes[row.node_id], casc.meta
        key = (row.ref, row.group)
        was = self._computed.get(key)
        if (was is not None and was[0] is node and was[1] == node.get("rev") and was[2] is meta
                and was[3] == meta.get("rev") and was[4] == year):
            return was[5]
        values = self._row_texts(row, node, year)
        self._computed[key] = (node, node.get("rev"), meta, meta.get("rev"), year, values)
        return values

    def _row_texts(self, row: SheetRow, node: Node, year: int) -> list[str]:
        casc = self.session.casc
        if row.group:
            label = f"{LEVEL_LABELS[node['level']]}: {node['name']}"
            return [node["code"] or node["id"], label, *[""] * (len(COLUMNS) - 2)]
        _, ind = casc.indicators[row.ref]
        settings = casc.meta["settings"]
        c = engine.capaian(ind, year, settings)
        slot: Mapping[str, Any] = ind.get("years", {}).get(str(year)) or {}
        tw = slot.get("target_tw" if self.tw_target else "tw") or {}
        return [node["code"] or ind["id"], ind["name"], ind["satuan"] or "\u2014", format_value(c.target),
                realisasi_text(ind, year),
                *(format_value(to_decimal(tw.get(str(q)))) for q in range(1, 5)),
                format_percent(c.value), predikat_short(engine.predikat(c.value, settings))]


    def subtitle(self) -> str:
        shown = self.editable_rows()
        parts = [f"{shown} indikator"]
        if self.only_empty:
            label = next((c.label for c in (*COLUMNS, *TARGET_TW_COLUMNS) if c.field == self.only_empty), "")
            parts.append(f"hanya {label} kosong")
        if self.tw_target:
            parts.append("kolom TW: target triwulan (t: realisasi)")
        if self.level:
            parts.append(f"tingkat {LEVEL_LABELS[self.level].lower()}")
        if self.branch:
            parts.append(f"cabang {self.branch}")
        return " \u00b7 ".join(parts)

    # -- filters -------------------------------------------------------------------------------------------------------
    def action_only_empty(self) -> None:
        column = self.COLUMNS[self.grid.col]
        self.only_empty = None if self.only_empty else (column.field if column.field in EMPTY_FILTERS
                                                        else "realisasi")
        self._refilter()

    def action_tw_target(self) -> None:
        """Swap the TW columns between the realisasi and the target per quarter; the cursor stays where it is."""
        self._close_editor()
        self.tw_target = not self.tw_target
        self.COLUMNS[TW_AT:TW_AT + 4] = TARGET_TW_COLUMNS if self.tw_target else REALISASI_TW_COLUMNS
        self._computed = {}
        self._refilter()
        self.grid.refresh()
        self.session.say("Kolom TW: target triwulan (rencana aksi); t kembali ke realisasi." if self.tw_target
                         else "Kolom TW: realisasi triwulan.")

    def action_level(self) -> None:
        self.level = LEVEL_CHOICES[(LEVEL_CHOICES.index(self.level) + 1) % len(LEVEL_CHOICES)]
        self._refilter()

    def action_branch(self) -> None:
        casc = self.session.casc
        if self.branch or not self.grid.rows:
            self.branch = None
        else:
            node_id = self.grid.rows[self.grid.row].node_id
            chain = [casc.nodes[node_id], *casc.ancestors(node_id)]
            # The branch of the sasaran (or the tujuan above it) the cursor is in: one strategic objective's work.
            self.branch = next((n["id"] for n in chain if n["level"] == "sasaran"), chain[-1]["id"])
        self._refilter()

    def _refilter(self) -> None:
        self._close_editor()
        grid = self.grid
        keep = grid.rows[grid.row].ref if grid.rows else None
        grid.set_rows(self.build_rows(), keep=keep)
        self._rows_of = self.session.casc
        self._title()
        if not grid.rows:
            self.session.say("Tidak ada indikator yang cocok dengan saringan ini; tekan k, l atau b lagi.")

    # -- find ----------------------------------------------------------------------------------------------------------
    async def action_properties(self) -> None:
        """The indicator's properties form, as `p` opens it in the main view: where `x` says a quarter rule is
        missing, the key that sets it works here too."""
        here = self.grid.current()
        if here is None or here[0].group:
            self.session.say("Pilih baris indikatornya, lalu tekan p.", error=True)
            return
        from .properties_form import open_properties

        await open_properties(self.session, here[0].ref)

    async def action_aksi(self) -> None:
        """The indicator's action texts per quarter of the year shown (the Rencana Aksi), in a form of four lines."""
        here = self.grid.current()
        if here is None or here[0].group:
            self.session.say("Pilih baris indikatornya, lalu tekan a.", error=True)
            return
        from .aksi_form import open_aksi_form

        await open_aksi_form(self.session, here[0].ref)

    def action_find(self) -> AwaitMount:
        from .find import FindScreen

        return self.app.push_screen(FindScreen(self.session.casc), self.goto)

    def goto(self, ref: str | None) -> None:
        if not ref:
            return
        grid = self.grid
        i = grid.index_of(ref)
        if i is None and (self.only_empty or self.level or self.branch):
            self.only_empty = self.level = self.branch = None  # the row is filtered out: show everything
            self._refilter()
            i = grid.index_of(ref)
        if i is None:
            self.session.say(f"{ref} tidak punya indikator di lembar ini.")
            return
        grid.go(i if not grid.rows[i].group else grid._editable_from(i, 1))
