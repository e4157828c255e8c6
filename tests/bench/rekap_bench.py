"""Rekap speed (docs/RULES.md): 50 demo-size workbooks under 1 s, 2,000 under 30 s, in-process and via the CLI.

Generates the workbooks in a temporary folder (each a Torjun demo with its own instansi name, realisasi and budget
figures, so no two are alike), then times `reports.rekap.rekap.build` in this process and `lkjip rekap FOLDER --format
json` in a new one (Python start-up and imports included). On its own:

    python tests/bench/rekap_bench.py            # both sizes
    python tests/bench/rekap_bench.py 50         # one size

`make bench` (tests/bench/run.py) calls measure() and puts the rows in its table.
"""

from __future__ import annotations

import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from reports.rekap import rekap as R  # noqa: E402
from store.demo import demo_document  # noqa: E402
from store.disk.serialize import dumps  # noqa: E402

SIZES = {50: 1.0, 2000: 30.0}  # workbooks: budget in seconds
KINDS = ("Kecamatan", "Dinas", "Badan", "Kelurahan", "Inspektorat")


def generate(folder: Path, count: int, seed: int = 7) -> None:
    """`count` workbooks of the demo's size in `folder`, with varied names and figures."""
    rng = random.Random(seed)
    doc = demo_document()
    meta = next(iter(doc["meta"].values()))
    nodes = list(doc["nodes"].values())
    slots = [ind["years"]["2022"] for n in nodes for ind in n["indicators"]
             if (ind["years"].get("2022") or {}).get("realisasi")]
    budgets = [n["budget"]["2022"] for n in nodes if (n["budget"].get("2022") or {}).get("realisasi")]
    originals = [(s, s["realisasi"]) for s in slots], [(b, b["pagu"], b["realisasi"]) for b in budgets]
    for i in range(count):
        meta["profile"]["instansi"] = f"{KINDS[i % len(KINDS)]} Contoh {i + 1:04d}"
        meta["revision"] = rng.randint(0, 500)
        for slot, realisasi in originals[0]:
            slot["realisasi"] = f"{float(realisasi) * rng.uniform(0.5, 1.3):.2f}"
        for budget, pagu, realisasi in originals[1]:
            budget["pagu"] = int(pagu * rng.uniform(0.8, 1.2))
            budget["realisasi"] = int(realisasi * rng.uniform(0.6, 1.1))
        (folder / f"opd-{i + 1:04d}.json").write_bytes(dumps(doc))


def _cli_argv() -> list[str]:
    script = Path(sys.executable).parent / "lkjip"
    return [str(script)] if script.exists() else [sys.executable, "-m", "tui.cli.main"]


def time_one(count: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="lkjip-rekap-bench-") as tmp:
        folder = Path(tmp)
        generate(folder, count)
        t0 = time.perf_counter()
        rekap = R.build([str(folder)])
        inprocess = time.perf_counter() - t0
        assert len(rekap.offices) == count and not rekap.unreadable
        t0 = time.perf_counter()
        run = subprocess.run([*_cli_argv(), "rekap", str(folder), "--format", "json"], cwd=ROOT,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=600)
        cli = time.perf_counter() - t0
    return {"count": count, "inprocess_s": inprocess, "cli_s": cli, "cli_exit": run.returncode,
            "budget_s": SIZES.get(count)}


def measure(sizes: tuple[int, ...] = tuple(SIZES)) -> list[dict]:
    return [time_one(n) for n in sizes]


def rows(results: list[dict]) -> list[tuple[str, str, str, str]]:
    """(figure, measured, budget, holds?) for the bench table."""
    out = []
    for r in results:
        budget = r["budget_s"]
        measured = f"{r['inprocess_s']:.2f} s in-process / {r['cli_s']:.2f} s CLI"
        if r["cli_exit"] != 0:
            measured += f" (CLI exit {r['cli_exit']})"
        ok = "" if budget is None else ("yes" if max(r["inprocess_s"], r["cli_s"]) < budget and r["cli_exit"] == 0
                                        else "NO")
        out.append((f"rekap of {r['count']:,} demo-size workbooks", measured,
                    "" if budget is None else f"< {budget:.0f} s", ok))
    return out


def main(argv: list[str]) -> int:
    sizes = tuple(int(a) for a in argv) or tuple(SIZES)
    for figure, measured, budget, ok in rows(measure(sizes)):
        print(f"{figure}: {measured}; budget {budget or '—'}; holds: {ok or '—'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
