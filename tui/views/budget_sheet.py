"""F9, the budget sheet (Lembar isian anggaran): every sub kegiatan's pagu, realisasi and Pagu PK of the year, with
serapan.

Budget is planned and spent at sub kegiatan level; programs and kegiatan are read-only lines whose sums (from the
engine, like every figure) follow each commit. A program or kegiatan without any rincian is typed into itself.
"""

from __future__ import annotations

from reports import engine
from store.model import BUDGET_LEVELS, LEVEL_LABELS
from store.numbers import format_percent, format_rupiah

from ..widgets.grid import Column
from ..widgets.sheet_rows import SheetRow
from .sheet_base import SheetView

COLUMNS = [
    Column("kode", "Kode", 17),
    Column("name", "Uraian", 22),
    Column("pagu", "Pagu (Rp)", 14, field="pagu", numeric=True),
    Column("realisasi", "Realisasi (Rp)", 14, field="realisasi-anggaran", numeric=True),
    Column("serapan", "Serapan%", 8, numeric=True, explain=True),
    # Spent per quarter, for the monev triwulan (its s.d. TW figures sum these); right of the year, as in F8.
    *(Column(f"tw{q}", f"TW {roman} (Rp)", 14, field=f"realisasi-anggaran-tw{q}", numeric=True)
      for q, roman in ((1, "I"), (2, "II"), (3, "III"), (4, "IV"))),
    # What was typed as Pagu PK (typed once, from the signed PK: at the end, the quarters stay beside the year's
    # realisasi they add up to). Where it is empty the PK prints the pagu; `x` says so (engine.PaguPK).
    Column("pagu_pk", "Pagu PK (Rp)", 14, field="pagu-pk", numeric=True, explain=True),
]


class BudgetSheetScreen(SheetView):
    COLUMNS = COLUMNS
    TITLE = "Lembar isian anggaran"
    KEYS = ["sheet.edit", "sheet.explain", "view.sheet", "view.main", "app.help", "app.quit"]

    def build_rows(self) -> list[SheetRow]:
        casc = self.session.casc
        rows = []
        for node, _ in casc.walk():
            if node["level"] not in BUDGET_LEVELS:
                continue
            # A node with rincian is their sum (read-only); the others are where budget is typed.
            summed = any(k["level"] in BUDGET_LEVELS for k in casc.kids(node["id"]))
            rows.append(SheetRow(node["id"], summed, node["id"]))
        return rows

    def row_values(self, row: SheetRow) -> list[str]:
        casc, year = self.session.casc, self.session.year
        node = casc.nodes[row.node_id]
        a = engine.anggaran(casc, node, year)
        name = node["name"] if not row.group else f"{LEVEL_LABELS[node['level']]}: {node['name']}"
        return [node["code"] or node["id"], name, format_rupiah(a.pagu, prefix=""),
                format_rupiah(a.realisasi, prefix=""), format_percent(a.serapan),
                *(format_rupiah(q, prefix="") for q in engine.realisasi_anggaran_quarters(casc, node, year)),
                format_rupiah(engine.budget_figure(casc, node, year, "pagu_pk"), prefix="")]  # = PaguPK.typed


    def subtitle(self) -> str:
        a = engine.instansi_anggaran(self.session.casc, self.session.year)
        return (f"{self.editable_rows()} rincian \u00b7 jumlah pagu {format_rupiah(a.pagu)} "
                f"\u00b7 serapan {format_percent(a.serapan)}%")
