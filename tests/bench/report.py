"""The bench's figures as a table (figure | floor | demo | kabupaten | budget | holds?) and as JSON.

A cell that could not be measured reads "n/a [k]"; footnote k under the table says why.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

WORKBOOKS = ("demo", "kabupaten")
COLUMNS = ("figure", "floor", "demo", "kabupaten", "budget", "holds")


@dataclass(frozen=True)
class Budgets:
    """docs/RULES.md, "Speed budgets"."""

    frame_ratio_demo: float = 1.3
    frame_ratio_kabupaten: float = 2.0
    commit_p95_ms: float = 16.0
    move_bytes: int = 300
    edit_bytes: int = 400  # a committed edit under 400 bytes (VisiData: 643)
    docx_demo_s: float = 1.0
    # issue 10, "Speed": the entry sheet at kabupaten scale
    sheet_open_ms: float = 300.0
    sheet_commit_p95_ms: float = 16.0
    sheet_move_bytes: int = 300
    sheet_edit_bytes: int = 400
    paste_saved_ms: float = 150.0


class NA(str):
    """A cell that could not be measured, with the reason."""


# ---- numbers ------------------------------------------------------------------------------------------------------
def pct(values: list[float], q: float) -> float | None:
    """Nearest-rank percentile."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * q // 100))
    return ordered[int(rank) - 1]


def median(values: list) -> float | None:
    return statistics.median(values) if values else None


def ms(x: float | None) -> str:
    if x is None:
        return "n/a"
    return f"{x * 1000:.0f} ms" if x >= 0.1 else f"{x * 1000:.1f} ms"


def p50_p95(values: list[float]) -> str:
    return NA("nothing measured") if not values else f"{ms(pct(values, 50))} / {ms(pct(values, 95))} (n={len(values)})"


def holds(*oks: bool | None) -> str:
    return " / ".join("n/a" if ok is None else "yes" if ok else "NO" for ok in oks)


# ---- the table ----------------------------------------------------------------------------------------------------
class Table:
    def __init__(self) -> None:
        self.rows: list[dict[str, str]] = []
        self.notes: list[str] = []

    def _cell(self, value: str) -> str:
        if isinstance(value, NA):
            if str(value) not in self.notes:
                self.notes.append(str(value))
            return f"n/a [{self.notes.index(str(value)) + 1}]"
        return value

    def add(self, figure: str, floor: str = "", demo: str = "", kabupaten: str = "", budget: str = "",
            ok: str = "") -> None:
        cells = (figure, floor, demo, kabupaten, budget, ok)
        self.rows.append({c: self._cell(v) for c, v in zip(COLUMNS, cells)})

    def print(self) -> None:
        head = dict(zip(COLUMNS, ("figure", "floor", "demo", "kabupaten", "budget", "holds?")))
        width = {c: max(len(head[c]), *(len(r[c]) for r in self.rows)) for c in COLUMNS}
        print(" | ".join(head[c].ljust(width[c]) for c in COLUMNS).rstrip())
        print("-+-".join("-" * width[c] for c in COLUMNS))
        for r in self.rows:
            print(" | ".join(r[c].ljust(width[c]) for c in COLUMNS).rstrip())
        for n, note in enumerate(self.notes, start=1):
            print(f"[{n}] {note}")


# ---- from figures to rows -----------------------------------------------------------------------------------------
def build(figures: dict, pty: dict, budget: Budgets, frame_runs: int) -> Table:
    t = Table()
    _first_frame(t, pty, budget, frame_runs)
    _commit(t, figures, pty, budget)
    t.add("all tables recomputed (build_all, median of 5)", "",
          *(ms(median(figures["tables"][w])) for w in WORKBOOKS))
    for fmt in ("md", "docx"):
        cells = [_export_cell(figures["export"][(w, fmt)]) for w in WORKBOOKS]
        if fmt == "docx":
            first = figures["export"][("demo", "docx")][0]
            t.add("export docx: first run (median of later)", "", *cells, f"demo < {budget.docx_demo_s:.0f} s",
                  holds(first[0] < budget.docx_demo_s if first else None))
        else:
            t.add("export md: first run (median of later)", "", *cells)
    _bytes(t, figures, pty, budget)
    if "sheet_pty" in figures:
        import report_sheet  # here, not at the top: it builds on this module

        report_sheet.rows(t, figures["sheet_pilot"], figures["sheet_pty"], budget)
    t.add("peak RSS of the TUI process (VmHWM)", f"{pty['rss_kb'].get('floor', 0) / 1024:.0f} MB",
          *(f"{pty['rss_kb'].get(w, 0) / 1024:.0f} MB" for w in WORKBOOKS))
    t.add("peak Python heap: open + all tables (tracemalloc)", "",
          *(f"{figures['heap'][w] / 2**20:.0f} MB" for w in WORKBOOKS))
    for figure, measured, budget_text, ok in figures.get("rekap_rows", []):  # tests/bench/rekap_bench.py
        t.add(figure, "", measured, "", budget_text, ok)
    return t


def _first_frame(t: Table, pty: dict, budget: Budgets, runs: int) -> None:
    floor = median(pty["frames"]["floor"])
    limits = {"demo": budget.frame_ratio_demo, "kabupaten": budget.frame_ratio_kabupaten}
    cells, oks = [], []
    for w in WORKBOOKS:
        m = median(pty["frames"][w])
        ratio = m / floor if m and floor else None
        if m is None:
            cells.append(_no_frame(pty, w))
        else:
            n = len(pty["frames"][w])
            cells.append((f"{ms(m)} = {ratio:.2f}× floor" if ratio else ms(m)) + (f" (n={n})" if n < runs else ""))
        oks.append(None if ratio is None else ratio <= limits[w])
    t.add(f"start → first frame (median of {runs})", _no_frame(pty, "floor") if floor is None else ms(floor),
          *cells, f"≤ {limits['demo']}× / ≤ {limits['kabupaten']}× floor", holds(*oks))
    t.add("start → output settled (median)", ms(median(pty["settled"]["floor"])),
          *(ms(median(pty["settled"][w])) for w in WORKBOOKS))


def _no_frame(pty: dict, who: str) -> NA:
    return NA(pty["failed"].get(who, "no first frame was seen"))


def _pilot_reason(r, *keys: str) -> str | None:
    for key in ("app", "tree", "grid", *keys):
        if r.reasons.get(key):
            return f"Pilot: {r.reasons[key]}"
    return None


def _commit(t: Table, figures: dict, pty: dict, budget: Budgets) -> None:
    pilot = figures["pilot"]

    def cell(w: str, values: list[float]) -> str:
        r = pilot[w]
        why = _pilot_reason(r, "edit")
        if why:
            return NA(why)
        notes = ([f"{r.late} saved after pause()"] if r.late else []) + ([f"{r.refused} refused"] if r.refused
                                                                           else [])
        figure = p50_p95(values)
        return figure if isinstance(figure, NA) or not notes else f"{figure} [{', '.join(notes)}]"

    def net(r) -> list[float]:
        f = median(r.floor_s) or 0.0
        return [max(0.0, x - f) for x in r.commit_s]

    def net_cpu(r) -> list[float]:
        f = median(getattr(r, "floor_cpu_s", [])) or 0.0
        return [max(0.0, x - f) for x in r.commit_cpu_s]

    def p95_ok(values: list[float]) -> bool | None:
        p = pct(values, 95)
        return None if p is None or _pilot_reason(pilot["kabupaten"], "edit") else p * 1000 < budget.commit_p95_ms

    harness = median(pilot["kabupaten"].floor_s) or median(pilot["demo"].floor_s)
    limit = f"p95 < {budget.commit_p95_ms:.0f} ms (kabupaten)"
    t.add("edit commit, Pilot: Enter → pause() p50/p95", f"{ms(harness)} (no-op key)" if harness else "",
          *(cell(w, pilot[w].commit_s) for w in WORKBOOKS))
    t.add("  the same, less the no-op key's median", "", *(cell(w, net(pilot[w])) for w in WORKBOOKS), limit,
          holds(p95_ok(net(pilot["kabupaten"]))))
    t.add("  CPU of the same span (process_time)", "", *(cell(w, pilot[w].commit_cpu_s) for w in WORKBOOKS),
          limit, holds(p95_ok(pilot["kabupaten"].commit_cpu_s)))
    # The no-op key's CPU is the Pilot's own (its idle polling) plus Textual's handling of any key: shown beside the
    # budget's own row, not in its place.
    harness_cpu = median(getattr(pilot["kabupaten"], "floor_cpu_s", []))
    t.add("  CPU less the no-op key's CPU median", f"{ms(harness_cpu)} (no-op key)" if harness_cpu else "",
          *(cell(w, net_cpu(pilot[w])) for w in WORKBOOKS), "(for reading)", "")
    t.add("edit commit in the pty: Enter → last byte; CPU", "",
          *(_pty_commit_cell(pty["interact"].get(w, {}), pilot[w]) for w in WORKBOOKS))
    store = figures["store"]
    t.add("store+engine: apply + index + all tables", "", *(p50_p95(store[w]["total"]) for w in WORKBOOKS))
    t.add("  of which Workbook.apply", "", *(p50_p95(store[w]["apply"]) for w in WORKBOOKS))
    t.add("  of which wb.cascade() + build_all", "", *(p50_p95(store[w]["tables"]) for w in WORKBOOKS))


def _pty_commit_cell(got: dict, r) -> str:
    why = got.get("failed") or _pilot_reason(r, "edit") or got.get("edit_failed")
    if why:
        return NA(why)
    lat = [x for x in got.get("commit_latency", []) if x is not None]
    if not lat:
        return NA("nothing measured")
    return f"median {ms(median(lat))}, max {ms(max(lat))}; CPU {median(got['commit_cpu_ms']):.0f} ms (n={len(lat)})"


def _export_cell(result: tuple[list[float], int, str]) -> str:
    times, size, why = result
    if why:
        return NA(f"reports.documents.lkjip.render: {why}")
    if not times:
        return NA("nothing measured")
    later = f" ({ms(median(times[1:]))})" if len(times) > 1 else ""
    return f"{ms(times[0])}{later}, {size // 1024} KB"


def _bytes(t: Table, figures: dict, pty: dict, budget: Budgets) -> None:
    t.add("bytes: first paint, until settled", *(_paint(pty["paint"], pty["failed"], who)
                                                  for who in ("floor", *WORKBOOKS)))
    _interaction_bytes(t, "", {w: pty["interact"].get(w, {}) for w in WORKBOOKS}, figures["pilot"], budget)
    for label, got in figures["variants"].items():
        if got is None:
            t.add(f"bytes [{label}]", NA("skipped: the run would have exceeded its time limit"))
            continue
        t.add(f"bytes: first paint [{label}]", *(_paint({k: v["paint_bytes"] for k, v in got.items()},
                                                         {k: v["failed"] for k, v in got.items() if v["failed"]},
                                                         who) for who in ("floor", *WORKBOOKS)))
        _interaction_bytes(t, f" [{label}]", {w: got[w] for w in WORKBOOKS}, figures["pilot"], budget)


def _paint(paint: dict[str, int], failed: dict[str, str], who: str) -> str:
    return NA(failed[who]) if who in failed else f"{paint.get(who, 0):,} B"


def _interaction_bytes(t: Table, label: str, got: dict[str, dict], pilot: dict, budget: Budgets) -> None:
    def cell(w: str, key: str) -> tuple[str, int | None]:
        r, g = pilot[w], got[w]
        why = g.get("failed") or (_pilot_reason(r, "move") if key == "move_bytes" else
                                  _pilot_reason(r, "edit") or g.get("edit_failed"))
        if why:
            return NA(why), None
        values = g.get(key, [])
        if not values:
            return NA("nothing measured"), None
        if key == "move_bytes" and not max(values):
            return NA("the cursor move wrote nothing to the terminal"), None
        m = int(median(values))
        return f"{m:,} B", m

    for key, figure, limit in (("move_bytes", "cursor move", budget.move_bytes),
                               ("commit_bytes", "cell edit, the committing Enter", budget.edit_bytes)):
        cells = [cell(w, key) for w in WORKBOOKS]
        t.add(f"bytes: {figure}{label}", "", *(c for c, _ in cells), f"< {limit} B",
              holds(*(None if v is None else v < limit for _, v in cells)))
    whole = []
    for w in WORKBOOKS:
        text, v = cell(w, "commit_bytes")
        g = got[w]
        whole.append(text if v is None else f"{int(median(g['open_bytes']) + median(g['type_bytes']) + v):,} B")
    t.add(f"bytes: cell edit, e + typing + Enter{label}", "", *whole)


# ---- JSON ---------------------------------------------------------------------------------------------------------
def write_json(path: Path, table: Table, figures: dict, pty: dict, plans: dict, config: dict,
               elapsed: float) -> None:
    import textual

    raw = {
        "store_s": figures["store"], "tables_s": figures["tables"], "heap_bytes": figures["heap"],
        "export": {f"{w}/{fmt}": {"seconds": v[0], "bytes": v[1], "n/a": v[2]}
                   for (w, fmt), v in figures["export"].items()},
        "pilot": {w: asdict(r) for w, r in figures["pilot"].items()},
        "pty": pty,
        "variants": figures["variants"],
        "rekap": figures.get("rekap"),
        "sheet_pilot": figures.get("sheet_pilot"),
        "sheet_pty": figures.get("sheet_pty"),
    }
    doc = {
        "at": datetime.now().astimezone().isoformat(timespec="seconds"),
        "elapsed_s": round(elapsed, 1),
        "env": {"python": platform.python_version(), "textual": textual.__version__, "cpus": os.cpu_count()},
        "config": config,
        "workbooks": plans,
        "rows": table.rows,
        "notes": table.notes,
        "raw": raw,
    }
    path.write_text(json.dumps(doc, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8")
