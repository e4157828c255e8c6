"""The entry sheets of issue 10 (F8 kinerja, F9 anggaran): how long they take to open, what a commit costs, what a
cursor move and a committed edit write to an 80×24 terminal, and how long a 100-value paste takes to be saved.

Two ways, like the node grid's rows: the Pilot in-process (CPU of a commit, as tui_probe measures it) and the app in
a pty (wall time to the last byte, bytes). A saved paste or commit is seen on disk: the workbook file is replaced by
the one safe writer, so its inode / mtime / size change; the edit log is read afterwards to check it was an edit.

The values typed are each indicator's own realisasi lowered by a little (1 % for a commit, 2 % for a paste): a change
every time, and nothing the plausibility rules would flag (a ⚠ would add bytes an operator typing real figures does
not see). Whatever does not work as assumed comes back as a reason, never as an exception.
"""

from __future__ import annotations

import asyncio
import os
import time
from decimal import Decimal
from pathlib import Path

import tui_probe
from terminal import Burst, PtySession

from reports import engine
from store.domain.cascade import Cascade
from store.text.numbers import to_decimal

# ---- The TUI as the bench assumes it ------------------------------------------------------------------------------
KEY_SHEET = "f8"  # opens the entry sheet with the cursor on the first indicator's realisasi
KEY_BUDGET_SHEET = "f9"
KEY_COMMIT = "enter"  # commits and moves to the next indicator's realisasi
KEYS_MOVE = ("down", "up")  # a cursor move and its way back (the cursor starts on the first indicator)
PASTE_VALUES = 100
PASTE_START, PASTE_END = "\x1b[200~", "\x1b[201~"  # bracketed paste, as a terminal sends a paste


# ---- what is typed ------------------------------------------------------------------------------------------------
def sheet_order(document: dict) -> list[dict]:
    """The indicators in the order of the sheet's editable rows (cascade order, no filter)."""
    casc = Cascade(document)
    return [ind for node, _ in casc.walk() for ind in node["indicators"]]


def lowered(ind: dict, year: int, share: str, fallback: int) -> str:
    """The indicator's realisasi times `share`, typed the Indonesian way (decimal comma, no thousands dots)."""
    slot = (ind.get("years", {}).get(str(year)) or {})
    r = to_decimal(slot.get("realisasi"))
    if r is None:
        r = engine.realisasi_of(ind, year)
    new = (r * Decimal(share)).quantize(Decimal("0.01")) if r else Decimal(fallback)
    if r is not None and new == r:
        new += 1
    return f"{new:f}".replace(".", ",")


class Values:
    """What is typed into the sheet of one workbook: a commit on the n-th indicator, a paste from the n-th down."""

    def __init__(self, document: dict, year: int) -> None:
        self.order = sheet_order(document)
        self.year = year
        # A paste of PASTE_VALUES (fewer on a small workbook: half its indicators), below the committed edits.
        self.paste_n = min(PASTE_VALUES, len(self.order) // 2)
        self.max_commits = len(self.order) - self.paste_n

    def commit(self, n: int) -> str:
        return lowered(self.order[n], self.year, "0.99", 1 + n)

    def paste(self, start: int) -> list[str]:
        return [lowered(ind, self.year, "0.98", 1 + n)
                for n, ind in enumerate(self.order[start:start + self.paste_n], start=start)]


def paste_text(values: list[str]) -> str:
    return "\n".join(values) + "\n"  # a spreadsheet column ends with a line break


# ---- the Pilot ----------------------------------------------------------------------------------------------------
async def pilot(path: Path, values: Values, commits: int, *, time_cap: float,
                idle_granularity: float | None, timeout: float = 90.0) -> dict:
    res: dict = {"open_s": None, "open_cpu_s": None, "commit_s": [], "commit_cpu_s": [], "floor_s": [],
                 "paste_s": None, "paste_cpu_s": None, "paste_n": 0, "budget_open_s": None,
                 "budget_open_cpu_s": None, "reasons": {}}
    try:
        await asyncio.wait_for(_pilot(path, values, commits, res, time_cap, idle_granularity), timeout)
    except asyncio.TimeoutError:
        res["reasons"].setdefault("app", f"the Pilot session did not finish within {timeout:.0f} s")
    except Exception as exc:  # the app is being rewritten: report, do not crash the bench
        res["reasons"].setdefault("app", f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}")
    return res


async def _timed(pilot_, granularity: float | None, *keys: str) -> tuple[float, float]:
    with tui_probe.fine_idle(granularity):
        c0, t0 = time.process_time(), time.perf_counter()
        await pilot_.press(*keys)
        await pilot_.pause()
        return time.perf_counter() - t0, time.process_time() - c0


async def _pilot(path: Path, values: Values, commits: int, res: dict, time_cap: float,
                 idle_granularity: float | None) -> None:
    from textual import events

    from store.edits.workbook import Workbook
    from tui.app.app import LkjipApp

    app = LkjipApp(Workbook.open(path))
    async with app.run_test(size=(80, 24)) as p:
        await p.pause()
        res["open_s"], res["open_cpu_s"] = await _timed(p, idle_granularity, KEY_SHEET)
        grid = app.focused
        if grid is None or not hasattr(grid, "rows") or not hasattr(grid, "edit_text"):
            res["reasons"]["open"] = (f"after {KEY_SHEET} the focus is on {type(grid).__name__ if grid else 'nothing'}"
                                      f", not on the sheet's grid")
            return
        logged = tui_probe.log_length(path)
        stop = time.perf_counter() + time_cap
        done = 0
        for i in range(min(commits, values.max_commits)):
            if i and time.perf_counter() > stop:
                break
            value = values.commit(i)
            with tui_probe.fine_idle(idle_granularity):
                await p.press(*value)
                await p.pause()
            wall, cpu = await _timed(p, idle_granularity, KEY_COMMIT)
            now = tui_probe.log_length(path)
            if now == logged:
                res["reasons"]["commit"] = f"typing {value!r} and {KEY_COMMIT} in the sheet added no edit log entry"
                return
            logged, done = now, i + 1
            res["commit_s"].append(wall)
            res["commit_cpu_s"].append(cpu)
            res["floor_s"].append((await _timed(p, idle_granularity, "f12"))[0])  # the Pilot's own cost
        pasted = values.paste(done)  # from the row the cursor went on to after the last commit
        with tui_probe.fine_idle(idle_granularity):
            c0, t0 = time.process_time(), time.perf_counter()
            grid.post_message(events.Paste(paste_text(pasted)))
            await p.pause()
            wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        added = tui_probe.log_length(path) - logged
        if added <= 0:
            res["reasons"]["paste"] = f"a paste of {len(pasted)} values added no edit log entry"
        else:
            res["paste_s"], res["paste_cpu_s"], res["paste_n"] = wall, cpu, added
        res["budget_open_s"], res["budget_open_cpu_s"] = await _timed(p, idle_granularity, KEY_BUDGET_SHEET)


# ---- the pty ------------------------------------------------------------------------------------------------------
def file_key(path: Path) -> tuple[int, int, int]:
    st = os.stat(path)
    return st.st_ino, st.st_mtime_ns, st.st_size


def until_saved(session: PtySession, path: Path, payload: bytes, quiet: float, timeout: float = 10.0) -> dict:
    """Write `payload`; watch the output and the workbook file until the file is replaced, then until the output
    is quiet. Returns the time to the save, the time to the last byte, the bytes and the CPU used."""
    before = file_key(path)
    cpu0 = session.cpu_ms()
    sent = time.perf_counter()
    os.write(session.master, payload)
    chunks: list[bytes] = []
    first = last = saved = None
    while time.perf_counter() - sent < timeout:
        data = session._read(0.001)
        if data is None:
            break
        if data:
            last = time.perf_counter()
            first = first or last
            chunks.append(data)
        if file_key(path) != before:
            saved = time.perf_counter()
            break
    burst = Burst(b"".join(chunks), sent, first, last)
    burst.extend(session.read_until_quiet(quiet, first_timeout=quiet, timeout=timeout))
    return {"saved_s": None if saved is None else saved - sent, "last_s": burst.latency, "bytes": burst.size,
            "cpu_ms": session.cpu_ms() - cpu0}


def pty(session: PtySession, path: Path, values: Values, commits: int, quiet: float, settle: float) -> dict:
    """In a started app: F8, cursor moves, committed edits, a paste, F9. Every step's bytes and times."""
    out: dict = {"open": None, "move_bytes": [], "type_bytes": [], "commit": [], "paste": None, "paste_n": 0,
                 "budget_open": None, "failed": ""}
    opened = session.press([KEY_SHEET], quiet, first_timeout=5.0, timeout=15.0)
    out["open"] = {"s": opened.latency, "bytes": opened.size, "cpu_ms": opened.cpu_ms}
    if opened.latency is None:
        out["failed"] = f"{KEY_SHEET} wrote nothing to the terminal"
        return out
    session.press(list(KEYS_MOVE), settle, first_timeout=1.0)  # the first move may differ
    for key in KEYS_MOVE * 2:
        out["move_bytes"].append(session.press([key], quiet, first_timeout=1.0, timeout=10.0).size)
    logged = tui_probe.log_length(path)
    commits = min(commits, values.max_commits)
    for value in map(values.commit, range(commits)):
        out["type_bytes"].append(session.press(list(value), settle, first_timeout=1.0).size)
        got = until_saved(session, path, b"\r", quiet)
        now = tui_probe.log_length(path)
        if got["saved_s"] is None or now == logged:
            out["failed"] = f"typing {value!r} and Enter in the sheet saved nothing in the pty"
            return out
        logged = now
        out["commit"].append(got)
    pasted = values.paste(commits)
    payload = (PASTE_START + paste_text(pasted) + PASTE_END).encode("utf-8")
    out["paste"] = until_saved(session, path, payload, quiet)
    out["paste_n"] = tui_probe.log_length(path) - logged
    if out["paste"]["saved_s"] is None or out["paste_n"] <= 0:
        out["failed"] = f"a bracketed paste of {len(pasted)} values saved nothing in the pty"
        return out
    session.read_until_quiet(settle, first_timeout=settle)
    budget = session.press([KEY_BUDGET_SHEET], quiet, first_timeout=5.0, timeout=15.0)
    out["budget_open"] = {"s": budget.latency, "bytes": budget.size, "cpu_ms": budget.cpu_ms}
    return out
