"""`make bench`: the speed budgets of docs/RULES.md on the Torjun demo and a generated kabupaten-scale workbook, side by
side with a floor measured in the same run, printed as a table and written to tests/bench/out/bench.json.
The entry sheets of issue 10 (F8 / F9: open, commit, bytes, a pasted column) are measured by sheet_bench.py.

Never part of `make test`. When the TUI does not behave as assumed below, its rows say "n/a" and why.
`BENCH_QUICK=1 make bench` is a smoke run of the harness (fewer runs and edits): not figures to quote.
"""

from __future__ import annotations

import asyncio
import itertools
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
for p in (str(ROOT), str(HERE)):
    if p not in sys.path:
        sys.path.insert(0, p)
OUT = HERE / "out"
# A user's keymap must not change the keys the bench presses (tui.app.app reads it at import; the pty inherits it).
os.environ["LKJIP_KEYMAP"] = str(OUT / "no-keymap.json")

# ---- The TUI as the bench assumes it: change these when the app's keys change ----------------------------------
TREE_OPEN_LEVELS = ("tujuan", "sasaran")  # branches open at start: only their children are visible in the tree
KEY_TREE_DOWN = "down"  # the first cascade node is highlighted at start; this moves to the next visible one
KEYS_TO_GRID = ["tab"]  # from the tree to the indicator grid of the highlighted node
KEYS_GRID_TO_CELL = ["right", "right"]  # from the grid's first column (Indikator) to Realisasi
MIN_ROWS = 3  # the node measured: the first visible one with this many indicators, else the one with the most
KEYS_MOVE = ("down", "up")  # a cursor move and its way back, on a node with two rows or more
KEYS_MOVE_ONE_ROW = ("right", "left")  # ... on a node with one row
KEYS_OPEN_EDITOR = ["e"]  # opens the cell editor with the value selected: typing replaces it
KEYS_COMMIT = ["enter"]  # commits, saves and moves down
KEYS_QUIT = ["ctrl+q"]
KEY_NOOP = "f12"  # a key the app ignores: the Pilot's own cost of press() + pause()

_typed = itertools.count(1001)


def edit_value() -> str:
    """The next value to type: Indonesian decimal comma, never typed before in this run, so every commit is a
    change (a value equal to the cell's is not saved and leaves no log entry)."""
    return f"{next(_typed)},5"


# ---- How it is measured -----------------------------------------------------------------------------------------
SIZE = (80, 24)
QUIET = 0.150  # seconds without output (and without CPU use) that end a burst: the first frame, a key's response
SETTLE = 0.400  # the same after keys that are not measured: let everything land before the next measured key
FIRST_FRAME_RUNS = 5
EDITS = 200  # Pilot edits and store+engine edits per workbook (fewer when the time cap is reached)
PILOT_TIME_CAP = 45.0  # seconds per workbook
STORE_TIME_CAP = 30.0
PILOT_IDLE_GRANULARITY = 0.002  # Pilot's idle check around typing and the commit (Textual: 0.02 s); None: as is
PTY_EDITS = 5  # committed edits in the pty: bytes, Enter → last byte, CPU
EXPORT_RUNS = 3  # on the demo; once on the kabupaten workbook
TIME_LIMIT = 285.0  # seconds: the colour variants are skipped when they would not fit
BASE_ENV = {"TERM": "xterm-256color"}  # COLORTERM unset: what an SSH session usually passes on
COLOR_VARIANTS = {  # bytes measured once more under these (first paint, cursor move, one edit)
    "truecolor": {"COLORTERM": "truecolor"},
    "16 colours": {"TEXTUAL_COLOR_SYSTEM": "standard"},
}
SHEET_EDITS = 60  # Pilot commits in the F8 sheet per workbook (fewer when the time cap is reached)
SHEET_TIME_CAP = 15.0  # seconds per workbook for those commits
if os.environ.get("BENCH_QUICK"):
    FIRST_FRAME_RUNS, EDITS, PTY_EDITS, EXPORT_RUNS, SHEET_EDITS = 2, 20, 2, 1, 5

import inprocess  # noqa: E402
import rekap_bench  # noqa: E402
import report  # noqa: E402
import sheet_bench  # noqa: E402
import tui_probe  # noqa: E402
from generate import kabupaten_document  # noqa: E402
from terminal import PtySession, printable  # noqa: E402

from store.domain.cascade import Cascade  # noqa: E402
from store.demo import demo_document  # noqa: E402
from store.disk.serialize import dumps  # noqa: E402

WORKBOOKS = report.WORKBOOKS


# ---- the plan: which node, how many presses -----------------------------------------------------------------------
def plan_for(document: dict) -> dict:
    casc = Cascade(document)
    visible = [n for n, _ in casc.walk() if all(a["level"] in TREE_OPEN_LEVELS for a in casc.ancestors(n["id"]))]
    target = next((n for n in visible if len(n["indicators"]) >= MIN_ROWS), None)
    if target is None:
        target = max(visible, key=lambda n: len(n["indicators"]))  # max() keeps the first of equals
    rows = len(target["indicators"])
    move = KEYS_MOVE if rows >= 2 else KEYS_MOVE_ONE_ROW
    return {"target": target["id"], "rows": rows, "downs": visible.index(target), "move": move[0],
            "move_back": move[1], "year": casc.tahun,
            "shape": f"{len(casc.nodes)} nodes, {len(casc.indicators)} indicators, {len(dumps(document)) // 1024} KB"}


def keys_for(plan: dict) -> tui_probe.Keys:
    return tui_probe.Keys(KEY_TREE_DOWN, KEYS_TO_GRID, KEYS_GRID_TO_CELL, plan["move"], plan["move_back"],
                          KEYS_OPEN_EDITOR, KEYS_COMMIT, KEY_NOOP)


def fresh_copy(name: str, document: dict, purpose: str) -> Path:
    """A workbook of its own for each part of the bench (edits change it), with no backups or locks left over."""
    path = OUT / f"{name}-{purpose}.json"
    for old in [*OUT.glob(path.name + "*"), *OUT.glob(f".{path.name}*")]:
        old.unlink()
    path.write_bytes(dumps(document))
    os.chmod(path, 0o660)
    return path


# ---- the pty -------------------------------------------------------------------------------------------------------
def lkjip_argv(path: Path) -> list[str]:
    script = Path(sys.executable).parent / "lkjip"
    return [str(script), str(path)] if script.exists() else [sys.executable, "-m", "tui.cli.main", str(path)]


FLOOR_ARGV = [sys.executable, str(HERE / "bare_app.py")]


def pty_env(extra: dict[str, str]) -> dict[str, str]:
    """The environment of the programs in the pty. Byte code is cached under out/ (an installed lkjip has its .pyc
    files; with PYTHONDONTWRITEBYTECODE every start would compile the project's modules again)."""
    env = {k: v for k, v in os.environ.items() if k not in ("COLORTERM", "NO_COLOR", "PYTHONDONTWRITEBYTECODE")
           and not k.startswith("TEXTUAL_")}
    env.update(BASE_ENV, PYTHONPYCACHEPREFIX=str(OUT / "pycache"), **extra)
    return env


@dataclass
class Start:
    session: PtySession
    frame_s: float | None  # process start → last byte of the first full frame
    paint_bytes: int  # everything written until the output settled
    settled_s: float | None  # process start → last of those bytes
    failed: str  # why there was no full first frame ("" when there was)


def start(argv: list[str], env: dict[str, str]) -> Start:
    """A program in an 80×24 pty up to its first full frame, and then until it settles.

    The first frame is the first burst, full-screen sized, after which the output is quiet for QUIET; what the app
    writes after that without being asked (a status line, a late refresh) counts as start-up bytes until it has been
    quiet and idle for QUIET."""
    session = PtySession(argv, env, SIZE)
    cols, rows = SIZE
    frame = session.read_until_quiet(QUIET, min_cells=cols * rows, first_timeout=15.0, timeout=15.0,
                                     settle_cpu=False)
    if printable(frame.data) < cols * rows:
        text = [line.strip() for line in frame.data.decode("utf-8", "replace").splitlines() if line.strip()]
        said = f": {text[-1][:100]}" if text else ""
        why = "exited" if session.eof else "wrote"
        return Start(session, None, frame.size, None, f"{Path(argv[-1]).name}: {why} no full first frame{said}")
    frame_s = frame.latency
    frame.extend(session.read_until_quiet(QUIET, first_timeout=QUIET, timeout=10.0))
    return Start(session, frame_s, frame.size, frame.latency, "")


def interact(session: PtySession, plan: dict, path: Path, edits: int) -> dict:
    """Navigate to the plan's node, move the grid cursor, commit edits: bytes, times and CPU of each step."""
    out: dict = {"move_bytes": [], "open_bytes": [], "type_bytes": [], "commit_bytes": [], "commit_latency": [],
                 "commit_cpu_ms": [], "edit_failed": ""}
    if plan["downs"]:
        out["nav_bytes"] = session.press([KEY_TREE_DOWN] * plan["downs"], SETTLE, first_timeout=1.0).size
    out["grid_bytes"] = session.press(KEYS_TO_GRID, SETTLE, first_timeout=1.0).size
    if KEYS_GRID_TO_CELL:
        session.press(KEYS_GRID_TO_CELL, SETTLE, first_timeout=1.0)
    session.press([plan["move"], plan["move_back"]], SETTLE, first_timeout=1.0)  # the first move may differ
    for key in (plan["move"], plan["move_back"]) * 2:
        out["move_bytes"].append(session.press([key], QUIET, first_timeout=1.0, timeout=10.0).size)
    for _ in range(edits):
        logged = tui_probe.log_length(path)
        out["open_bytes"].append(session.press(KEYS_OPEN_EDITOR, SETTLE, first_timeout=1.0).size)
        out["type_bytes"].append(session.press(list(edit_value()), SETTLE, first_timeout=1.0).size)
        commit = session.press(KEYS_COMMIT, QUIET, first_timeout=3.0, timeout=10.0)
        give_up = time.perf_counter() + 5.0  # a save can outlast the quiet window: wait for the log entry
        while tui_probe.log_length(path) == logged and time.perf_counter() < give_up:
            commit.extend(session.read_until_quiet(QUIET, first_timeout=0.2))
        if tui_probe.log_length(path) == logged:
            out["edit_failed"] = (f"{'+'.join(KEYS_OPEN_EDITOR)}, typing and {'+'.join(KEYS_COMMIT)} added no entry "
                                  f"to the edit log in the pty")
            break
        out["commit_bytes"].append(commit.size)
        out["commit_latency"].append(commit.latency)
        out["commit_cpu_ms"].append(commit.cpu_ms)
    return out


def pty_first_frames(paths: dict[str, Path], plans: dict[str, dict]) -> dict:
    """First frames, interleaved with the floor (median of several runs); in the last run, the interactions."""
    env = pty_env({})
    frames: dict[str, list[float]] = {"floor": [], **{w: [] for w in WORKBOOKS}}
    settled: dict[str, list[float]] = {"floor": [], **{w: [] for w in WORKBOOKS}}
    paint: dict[str, int] = {}
    rss: dict[str, int] = {}
    inter: dict[str, dict] = {}
    argvs = {"floor": FLOOR_ARGV, **{w: lkjip_argv(paths[w]) for w in WORKBOOKS}}
    failed: dict[str, str] = {}
    for argv in argvs.values():  # warm-up: byte code compiled and cached, files in the page cache
        start(argv, env).session.close(KEYS_QUIT)
    for run in range(FIRST_FRAME_RUNS):
        for who, argv in argvs.items():
            if who in failed:
                continue
            got = start(argv, env)
            if got.failed:
                failed[who] = inter.setdefault(who, {})["failed"] = got.failed
            else:
                frames[who].append(got.frame_s)
                settled[who].append(got.settled_s)
                paint.setdefault(who, got.paint_bytes)
                if run == FIRST_FRAME_RUNS - 1 and who != "floor":
                    inter[who] = interact(got.session, plans[who], paths[who], PTY_EDITS)
            got.session.close(KEYS_QUIT)
            rss[who] = max(rss.get(who, 0), got.session.maxrss_kb or 0)
    return {"frames": frames, "settled": settled, "paint": paint, "rss_kb": rss, "interact": inter,
            "failed": failed}


def pty_variant(extra: dict[str, str], paths: dict[str, Path], plans: dict[str, dict]) -> dict:
    got = {}
    argvs = {"floor": FLOOR_ARGV, **{w: lkjip_argv(paths[w]) for w in WORKBOOKS}}
    for who, argv in argvs.items():
        started = start(argv, pty_env(extra))
        got[who] = {"paint_bytes": started.paint_bytes, "failed": started.failed}
        if who != "floor" and not started.failed:
            got[who].update(interact(started.session, plans[who], paths[who], 1))
        started.session.close(KEYS_QUIT)
    return got


def entry_sheets(name: str, document: dict, year: int) -> tuple[dict, dict]:
    """F8 and F9 (issue 10): the Pilot's CPU of a commit, then a pty for times and bytes, each on a fresh copy."""
    values = sheet_bench.Values(document, year)
    path = fresh_copy(name, document, "sheet-pilot")
    in_pilot = asyncio.run(sheet_bench.pilot(path, values, SHEET_EDITS, time_cap=SHEET_TIME_CAP,
                                             idle_granularity=PILOT_IDLE_GRANULARITY))
    path = fresh_copy(name, document, "sheet-pty")
    started = start(lkjip_argv(path), pty_env({}))
    in_pty = ({"failed": started.failed} if started.failed else
              sheet_bench.pty(started.session, path, values, PTY_EDITS, QUIET, SETTLE))
    started.session.close(KEYS_QUIT)
    return in_pilot, in_pty


# ---- the run -----------------------------------------------------------------------------------------------------
def main() -> int:
    began = time.perf_counter()

    def progress(what: str) -> None:
        print(f"  [{time.perf_counter() - began:5.0f} s] {what}", flush=True)

    OUT.mkdir(exist_ok=True)
    documents = {"demo": demo_document(), "kabupaten": kabupaten_document(1)}
    plans = {w: plan_for(d) for w, d in documents.items()}
    load_before = os.getloadavg()
    print(f"lkjip bench: {SIZE[0]}×{SIZE[1]} pty, TERM={BASE_ENV['TERM']}, COLORTERM unset (256 colours); "
          f"{os.cpu_count()} CPUs, load average {load_before[0]:.1f}")
    for w in WORKBOOKS:
        p = plans[w]
        print(f"  {w}: {p['shape']}; year {p['year']}; node {p['target']} ({p['rows']} indicator rows, "
              f"{p['downs']}× {KEY_TREE_DOWN} in the tree); cursor move `{p['move']}`")

    figures: dict = {"store": {}, "tables": {}, "export": {}, "pilot": {}, "heap": {}, "variants": {}}
    for w in WORKBOOKS:
        path = fresh_copy(w, documents[w], "store")
        figures["store"][w] = inprocess.store_engine(path, plans[w]["year"], EDITS, STORE_TIME_CAP)
        figures["tables"][w] = inprocess.all_tables(path, plans[w]["year"], 5)
        progress(f"store+engine {w}: {len(figures['store'][w]['total'])} edits; all tables")
    for w in WORKBOOKS:
        path = fresh_copy(w, documents[w], "pilot")
        values = [edit_value() for _ in range(EDITS)]
        figures["pilot"][w] = r = asyncio.run(tui_probe.probe(
            path, plans[w]["target"], plans[w]["downs"], keys_for(plans[w]), values, time_cap=PILOT_TIME_CAP,
            idle_granularity=PILOT_IDLE_GRANULARITY))
        progress(f"Pilot {w}: {len(r.commit_s)} edits; tree: {r.downs_how or '—'}"
                 + "".join(f"; {k}: {v}" for k, v in r.reasons.items()))
    for w in WORKBOOKS:  # the Pilot followed the tree's cursor: trust its count over the one computed
        if figures["pilot"][w].downs is not None:
            plans[w]["downs"] = figures["pilot"][w].downs
    paths = {w: fresh_copy(w, documents[w], "pty") for w in WORKBOOKS}
    t0 = time.perf_counter()
    pty = pty_first_frames(paths, plans)
    session_cost = (time.perf_counter() - t0) / (FIRST_FRAME_RUNS + 1)
    progress(f"pty: {FIRST_FRAME_RUNS} first frames each, interactions")
    for w in WORKBOOKS:
        path = fresh_copy(w, documents[w], "export")
        for fmt in ("md", "docx"):
            runs = EXPORT_RUNS if w == "demo" else 1
            figures["export"][(w, fmt)] = inprocess.export(path, plans[w]["year"], fmt, runs, 20.0)
        figures["heap"][w] = inprocess.heap_peak(path, plans[w]["year"])
        progress(f"export and heap {w}")
    for label, extra in COLOR_VARIANTS.items():
        if time.perf_counter() - began + 1.5 * session_cost > TIME_LIMIT:
            figures["variants"][label] = None
            progress(f"{label}: skipped, it would not fit in {TIME_LIMIT:.0f} s")
            continue
        figures["variants"][label] = pty_variant(extra, paths, plans)
        progress(f"bytes under {label}")
    figures["sheet_pilot"], figures["sheet_pty"] = {}, {}
    for w in WORKBOOKS:
        figures["sheet_pilot"][w], figures["sheet_pty"][w] = entry_sheets(w, documents[w], plans[w]["year"])
        progress(f"entry sheets {w}: {len(figures['sheet_pilot'][w]['commit_s'])} Pilot commits, "
                 f"{len(figures['sheet_pty'][w].get('commit', []))} in the pty, a paste of "
                 f"{figures['sheet_pty'][w].get('paste_n', 0)} values"
                 + "".join(f"; {k}: {v}" for k, v in figures["sheet_pilot"][w]["reasons"].items())
                 + (f"; pty: {figures['sheet_pty'][w]['failed']}" if figures["sheet_pty"][w].get("failed") else ""))
    figures["rekap"] = rekap_bench.measure()
    figures["rekap_rows"] = rekap_bench.rows(figures["rekap"])
    progress("rekap of 50 and 2,000 generated workbooks")

    elapsed = time.perf_counter() - began
    budget = report.Budgets()
    table = report.build(figures, pty, budget, FIRST_FRAME_RUNS)
    print()
    table.print()
    load_after = os.getloadavg()
    config = {"size": SIZE, "term": BASE_ENV["TERM"], "colorterm": None, "variants": COLOR_VARIANTS,
              "quiet_s": QUIET, "pilot_idle_granularity": PILOT_IDLE_GRANULARITY, "quick": bool(os.environ.get(
                  "BENCH_QUICK")), "load_average": [load_before[0], load_after[0]],
              "keys": {"tree_down": KEY_TREE_DOWN, "to_grid": KEYS_TO_GRID, "grid_to_cell": KEYS_GRID_TO_CELL,
                       "open_editor": KEYS_OPEN_EDITOR, "commit": KEYS_COMMIT, "noop": KEY_NOOP,
                       "sheet": sheet_bench.KEY_SHEET, "budget_sheet": sheet_bench.KEY_BUDGET_SHEET,
                       "sheet_move": sheet_bench.KEYS_MOVE, "sheet_commit": sheet_bench.KEY_COMMIT},
              "sheet_edits": SHEET_EDITS, "sheet_paste_values": sheet_bench.PASTE_VALUES}
    report.write_json(OUT / "bench.json", table, figures, pty, plans, config, elapsed)
    print(f"\nload average {load_before[0]:.1f} → {load_after[0]:.1f}; {elapsed:.0f} s; "
          f"written to {OUT / 'bench.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
