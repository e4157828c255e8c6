"""`lkjip add`, `rm`, `mv`, `undo` and `redo`: building and reshaping the cascade from the command line.

Each plans one structural Edit from the workbook as it is (store.plans) and applies it through Workbook.apply, so it
is locked, checked, logged and undoable like every other edit. `add` prints the new REF alone on its last line, for
scripts: `S=$(lkjip add wb.json sasaran "…" --parent T1 | tail -1)`.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from store import history, plans
from store.codes import known_name, master_names, master_path
from store.errors import EditConflict, WorkbookError
from store.sanitize import quote
from store.fields import spec_of
from store.edits import Target
from store.refs import public_ref, resolve
from store.structure import what_goes
from store.workbook import Applied, Edit, Workbook

from .printer import err, out


def _node_id(wb: Workbook, text: str) -> str:
    return resolve(wb.cascade(), text, spec_of("nama")).id


def _open_target(args: argparse.Namespace) -> tuple[Workbook, Target]:
    wb = Workbook.open(args.workbook)
    target = resolve(wb.cascade(), args.ref)
    if target.kind not in ("node", "indicator"):
        raise WorkbookError(f"{quote(args.ref)} bukan simpul atau indikator cascading.")
    return wb, target


def _apply_planned(wb: Workbook, plan: Callable[[], Edit]) -> Applied:
    try:
        return wb.apply(plan())
    except EditConflict:
        # Planned and applied within one command: someone saved in between; plan again on fresh data, once.
        return wb.apply(plan())


def cmd_add(args: argparse.Namespace) -> int:
    wb = Workbook.open(args.workbook)
    if args.level == "indikator":
        if not args.parent:
            args.usage_error("indikator ditambahkan ke sebuah simpul, sebutkan --parent REF")
        if args.code:
            args.usage_error("indikator tidak memakai kode; --code hanya untuk program, kegiatan dan sub kegiatan")
        if not args.name.strip() or args.name.strip() == "-":
            raise WorkbookError("Indikator baru memerlukan nama.")

        def plan() -> Edit:
            return plans.plan_add_indicator(wb.cascade(), _node_id(wb, args.parent), args.name, args.satuan or "",
                                            args.arah or "positif")
    else:
        if args.satuan is not None or args.arah is not None:
            args.usage_error("--satuan dan --arah hanya untuk indikator (lkjip add WB indikator NAMA --parent REF)")
        name = args.name
        if name.strip() in ("", "-"):
            master = master_names(master_path(Path(args.workbook), args.master))
            name = known_name(wb.cascade(), args.code, master, args.level) or ""
            if not name:
                raise WorkbookError(f"Nama untuk kode {quote(args.code)} tidak dikenal; tuliskan namanya.")

        def plan() -> Edit:
            parent = _node_id(wb, args.parent) if args.parent else None
            return plans.plan_add_node(wb.cascade(), args.level, name, parent, args.code)

    applied = _apply_planned(wb, plan)
    out(f"Ditambahkan: {applied.new_text}")
    out(public_ref(wb.cascade(), applied.edit.ref))  # the REF to use next: the code, never an internal id
    return 0


def cmd_rm(args: argparse.Namespace) -> int:
    wb, target = _open_target(args)
    goes = what_goes(wb.cascade(), target.id)
    if goes and not args.yes:
        err(f"{target.label} tidak dihapus karena ikut terhapus:")
        for line in goes:
            err(f"  {line}", one_line=True)  # one thing that would go, one line
        err("Ulangi dengan --yes untuk menghapus semuanya (dapat diurungkan dengan `lkjip undo`).")
        return 1
    applied = _apply_planned(wb, lambda: plans.plan_delete(wb.cascade(), target.id))
    out(f"Dihapus: {applied.old_text}. Urungkan dengan `lkjip undo {args.workbook}`.")
    return 0


def cmd_mv(args: argparse.Namespace) -> int:
    wb, target = _open_target(args)
    if args.parent:
        if target.kind != "node":
            raise WorkbookError("Indikator dipindah naik atau turun di simpulnya (--up / --down).")

        def plan() -> Edit:
            return plans.plan_reparent(wb.cascade(), target.id, _node_id(wb, args.parent))
    else:
        def plan() -> Edit:
            return plans.plan_step(wb.cascade(), target.id, -1 if args.up else 1)

    applied = _apply_planned(wb, plan)
    out(f"Dipindah: {target.label}: {applied.old_text} \u2192 {applied.new_text}")
    return 0


def cmd_undo(args: argparse.Namespace) -> int:
    return _move(args, "undo")


def cmd_redo(args: argparse.Namespace) -> int:
    return _move(args, "redo")


def _move(args: argparse.Namespace, kind: str) -> int:
    """The step the edit log says is next (store.history): the same one Ctrl+Z / Ctrl+Y in the TUI takes."""
    wb = Workbook.open(args.workbook)
    moved = history.undo(wb) if kind == "undo" else history.redo(wb)
    if moved is None:
        out("Tidak ada yang bisa diurungkan." if kind == "undo" else "Tidak ada yang bisa diulangi.")
        return 0
    verb = "Diurungkan" if kind == "undo" else "Diulangi"
    out(f"{verb} #{moved.step.id}: {history.describe(moved)}")
    return 0
