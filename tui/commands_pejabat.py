"""`lkjip pejabat WB [--year Y]`: the year's officials, their superiors and the nodes each answers for."""

from __future__ import annotations

import argparse

from store.pejabat import KEPALA, PIHAK_KEDUA, answers_for, officials
from store.model import profile_for
from store.refs import node_ref
from store.sanitize import cut
from store.workbook import Workbook

from .printer import out


def _who(o: dict) -> str:
    name = o["nama"].strip() or "(nama belum diisi)"
    nip = f", NIP {o['nip'].strip()}" if o["nip"].strip() else ""
    return cut(f"{o['jabatan'].strip() or '(jabatan belum diisi)'} \u2014 {name}{nip}", 100)


def cmd_pejabat(args: argparse.Namespace) -> int:
    wb = Workbook.open(args.workbook)
    casc = wb.cascade()
    year = args.year if args.year is not None else casc.tahun
    known = officials(casc.meta, year)
    p = profile_for(casc.meta, year)
    kedua = {"jabatan": p["pihak_kedua_jabatan"], "nama": p["pihak_kedua_nama"], "nip": p["pihak_kedua_nip"]}
    out(f"Pejabat tahun {year} ({len(known)}):")
    for key, o in known.items():
        out(f"{key}: {_who(o)}", one_line=True)
        atasan = o["atasan"] or KEPALA
        if atasan == PIHAK_KEDUA:
            out(f"  atasan (pihak kedua PK): {_who(kedua)}", one_line=True)
        elif atasan in known:
            out(f"  atasan: {atasan} ({_who(known[atasan])})", one_line=True)
        else:
            out(f"  atasan: {cut(atasan)} (bukan pejabat tahun {year}; perbaiki dengan `lkjip set "
                f"{cut(args.workbook)} pejabat:{key} atasan KUNCI --year {year}`)", one_line=True)
        nodes = answers_for(casc, key)
        if key == KEPALA:
            out("  PK: semua sasaran dan program" + (", dan sebagai penanggung jawab:" if nodes else ""))
        elif not nodes:
            out("  belum menjadi penanggung jawab simpul mana pun")
        for node in nodes:
            out(f"  {cut(node_ref(node))} {cut(node['name'], 80)}", one_line=True)
    return 0
