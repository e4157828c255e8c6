"""The two commit figures alone (issue 19's budget: under 16 ms CPU at p95 on the kabupaten workbook): the node
grid's commit in the main view (tui_probe, as `make bench` measures it) and the F8 sheet's (sheet_bench), in the
Pilot, CPU time (process_time) from Enter to pause(). A minute, not `make bench`'s five: for a change to the grids.

    .venv/bin/python tests/bench/commits.py [RUNS]
"""

from __future__ import annotations

import asyncio
import os
import sys
from statistics import median

import run  # noqa: F401 - sets sys.path and the keymap like `make bench`
import sheet_bench
import tui_probe
from generate import kabupaten_document
from report import pct


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    run.OUT.mkdir(exist_ok=True)
    document = kabupaten_document(1)
    plan = run.plan_for(document)
    node, sheet, floor = [], [], []
    for _ in range(runs):
        path = run.fresh_copy("kabupaten", document, "commits-pilot")
        values = [run.edit_value() for _ in range(run.EDITS)]
        got = asyncio.run(tui_probe.probe(path, plan["target"], plan["downs"], run.keys_for(plan), values,
                                          time_cap=run.PILOT_TIME_CAP, idle_granularity=run.PILOT_IDLE_GRANULARITY))
        if got.reasons:
            print("node grid:", got.reasons)
        node += got.commit_cpu_s
        floor += got.floor_cpu_s
        path = run.fresh_copy("kabupaten", document, "commits-sheet")
        res = asyncio.run(sheet_bench.pilot(path, sheet_bench.Values(document, plan["year"]), run.SHEET_EDITS,
                                            time_cap=run.SHEET_TIME_CAP, idle_granularity=run.PILOT_IDLE_GRANULARITY))
        if res["reasons"]:
            print("sheet:", res["reasons"])
        sheet += res["commit_cpu_s"]

    def ms(xs: list[float], p: int) -> str:
        v = pct(xs, p) if p != 50 else median(xs) if xs else None
        return "n/a" if v is None else f"{v * 1000:.1f}"

    print(f"load {os.getloadavg()[0]:.2f}")
    print(f"node-grid commit CPU p50/p95 ms: {ms(node, 50)}/{ms(node, 95)} (n={len(node)}); no-op key p50 "
          f"{ms(floor, 50)}")
    print(f"sheet commit CPU p50/p95 ms: {ms(sheet, 50)}/{ms(sheet, 95)} (n={len(sheet)})")
    if os.environ.get("COMMITS_TAIL"):  # the slowest commits in order, to see what shapes the tail
        print("node tail ms:", " ".join(f"{x * 1000:.1f}" for x in sorted(node)[-15:]))
        print("node order  :", " ".join(str(i) for i in sorted(range(len(node)), key=node.__getitem__)[-15:]))
        print("sheet tail ms:", " ".join(f"{x * 1000:.1f}" for x in sorted(sheet)[-8:]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
