"""In-process figures: the store and engine part of an edit, all tables recomputed, the exports, the heap peak."""

from __future__ import annotations

import random
import time
import tracemalloc
from decimal import Decimal
from pathlib import Path

from reports.tables import build_all
from store.domain.cascade import Cascade
from store.domain.fields import get_value, spec_of
from store.text.numbers import canonical
from store.domain.edit import Edit
from store.edits.workbook import Workbook


def store_engine(path: Path, year: int, edits: int, time_cap: float) -> dict[str, list[float]]:
    """Workbook.apply of a realisasi edit (lock, reload, atomic save, log), then the cascade index and every table
    of that year rebuilt: what a commit costs below the TUI. Indicators are picked at random (seeded)."""
    wb = Workbook.open(path)
    ids = sorted(wb.cascade().indicators)
    rng = random.Random(7)
    picked = [rng.choice(ids) for _ in range(edits)]
    spec = spec_of("realisasi")
    out: dict[str, list[float]] = {"apply": [], "tables": [], "total": []}
    stop = time.perf_counter() + time_cap
    for n, ref in enumerate(picked):
        if n and time.perf_counter() > stop:
            break
        _, ind = wb.cascade().indicators[ref]
        edit = Edit(ref, "realisasi", year, get_value(ind, spec, year), canonical(Decimal(1000 + n) + Decimal("0.5")))
        t0 = time.perf_counter()
        wb.apply(edit)
        t1 = time.perf_counter()
        build_all(wb.cascade(), year)
        t2 = time.perf_counter()
        out["apply"].append(t1 - t0)
        out["tables"].append(t2 - t1)
        out["total"].append(t2 - t0)
    return out


def all_tables(path: Path, year: int, runs: int) -> list[float]:
    """reports.tables.build_all for the year on an index already built (what a view of all tables recomputes)."""
    casc = Workbook.open(path).cascade()
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        build_all(casc, year)
        times.append(time.perf_counter() - t0)
    return times


def export(path: Path, year: int, fmt: str, runs: int, time_cap: float) -> tuple[list[float], int, str]:
    """reports.documents.lkjip.render timings (the first run includes importing the renderer), the size of the result, and
    a reason when it cannot run (the module is being written)."""
    try:
        from reports.documents import lkjip as exporter
    except Exception as exc:  # noqa: BLE001 - anything short of a working module is "n/a"
        return [], 0, _why(exc)
    wb = Workbook.open(path)
    times: list[float] = []
    size = 0
    stop = time.perf_counter() + time_cap
    for n in range(runs):
        if n and time.perf_counter() > stop:
            break
        t0 = time.perf_counter()
        try:
            data = exporter.render(wb, fmt, year)
        except Exception as exc:  # noqa: BLE001
            return times, size, _why(exc)
        times.append(time.perf_counter() - t0)
        size = len(data)
    return times, size, ""


def heap_peak(path: Path, year: int) -> int:
    """Peak bytes Python allocated to open the workbook, index it and compute all tables (tracemalloc)."""
    tracemalloc.start()
    try:
        wb = Workbook.open(path)
        build_all(Cascade(wb.document()), year)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _why(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else ""
    return f"{type(exc).__name__}: {text}"[:120]
