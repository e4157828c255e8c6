"""The TUI in-process, through Textual's Pilot: does it behave as the bench assumes, and how long does a committed
edit take from the Enter key to the repainted screen.

The keys come from run.py's configuration. Whatever does not work as assumed comes back as a reason (a sentence),
never as an exception, so one changed key binding costs a row of "n/a", not the whole run.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import orjson


@dataclass
class Keys:
    tree_down: str
    to_grid: list[str]
    grid_to_cell: list[str]
    move: str
    move_back: str
    open_editor: list[str]
    commit: list[str]
    noop: str


@dataclass
class ProbeResult:
    downs: int | None = None  # `down` presses in the tree from the start to the target node
    downs_how: str = ""
    reasons: dict[str, str] = field(default_factory=dict)  # capability -> why it is n/a
    commit_s: list[float] = field(default_factory=list)  # Enter → pause() returned, per edit
    commit_cpu_s: list[float] = field(default_factory=list)  # process CPU time over the same span
    floor_s: list[float] = field(default_factory=list)  # a key the app ignores → pause() returned
    floor_cpu_s: list[float] = field(default_factory=list)  # ... and the process's CPU over the same span
    late: int = 0  # edits not yet in the workbook when pause() returned
    refused: int = 0  # edits that never reached the workbook after the first one did


def log_length(path: Path) -> int:
    """Entries in the workbook's edit log, read from disk (independent of the app's caches)."""
    return len(orjson.loads(path.read_bytes()).get("log", {}))


def typed(value: str) -> list[str]:
    return list(value)


async def _navigate(pilot, app, target: str, keys: Keys, computed_downs: int, res: ProbeResult) -> None:
    """Press `down` in the tree until the target node is highlighted. When the focused widget is a Tree whose nodes
    carry node ids, follow its cursor; otherwise trust the count computed from the cascade's order."""
    from textual.widgets import Tree

    tree = app.focused
    if isinstance(tree, Tree) and tree.cursor_node is not None and isinstance(tree.cursor_node.data, str):
        for n in range(computed_downs + 50):
            if tree.cursor_node is not None and tree.cursor_node.data == target:
                res.downs, res.downs_how = n, "followed the tree cursor"
                return
            await pilot.press(keys.tree_down)
        res.reasons["tree"] = f"{computed_downs + 50} `{keys.tree_down}` presses in the tree did not reach {target}"
        return
    what = type(tree).__name__ if tree is not None else "nothing"
    res.downs, res.downs_how = computed_downs, f"computed from the cascade order (focus at start: {what})"
    await pilot.press(*[keys.tree_down] * computed_downs)


def _screen_text(app) -> str:
    return app.export_screenshot()


async def probe(path: Path, target: str, computed_downs: int, keys: Keys, values: list[str], *,
                time_cap: float, idle_granularity: float | None, timeout: float = 120.0) -> ProbeResult:
    res = ProbeResult()
    try:
        await asyncio.wait_for(_probe(path, target, computed_downs, keys, values, res, time_cap,
                                      idle_granularity), timeout)
    except asyncio.TimeoutError:
        res.reasons.setdefault("edit", f"the Pilot session did not finish within {timeout:.0f} s")
    except Exception as exc:  # the app under test is being rewritten: report, do not crash the bench
        res.reasons.setdefault("app", f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}")
    return res


async def _probe(path: Path, target: str, computed_downs: int, keys: Keys, values: list[str], res: ProbeResult,
                 time_cap: float, idle_granularity: float | None) -> None:
    from store.edits.workbook import Workbook
    from tui.app.app import LkjipApp

    app = LkjipApp(Workbook.open(path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await _navigate(pilot, app, target, keys, computed_downs, res)
        if "tree" in res.reasons:
            return
        tree = app.focused
        await pilot.press(*keys.to_grid)
        grid = app.focused
        if grid is None or grid is tree:
            res.reasons["grid"] = (f"after {'+'.join(keys.to_grid)} the focus is on "
                                   f"{type(grid).__name__ if grid else 'nothing'}, not on an indicator grid")
            return
        if keys.grid_to_cell:
            await pilot.press(*keys.grid_to_cell)
        before = _screen_text(app)
        await pilot.press(keys.move)
        if _screen_text(app) == before:
            res.reasons["move"] = f"`{keys.move}` in the grid ({type(grid).__name__}) changed nothing on the screen"
        else:
            await pilot.press(keys.move_back)
        await _edits(pilot, app, path, keys, values, res, time_cap, idle_granularity)


@contextmanager
def fine_idle(granularity: float | None) -> Iterator[None]:
    """Pilot's press() and pause() sleep at least textual._wait.SLEEP_GRANULARITY (20 ms) per idle check; around
    the measured keys a finer grain keeps that from swamping a 16 ms budget. Only there: keys pressed that fast can
    overtake the app's own refresh (Tab before the grid of a newly highlighted node is in the focus chain)."""
    import textual._wait as textual_wait

    before = textual_wait.SLEEP_GRANULARITY
    if granularity is not None:
        textual_wait.SLEEP_GRANULARITY = granularity
    try:
        yield
    finally:
        textual_wait.SLEEP_GRANULARITY = before


async def _edits(pilot, app, path: Path, keys: Keys, values: list[str], res: ProbeResult, time_cap: float,
                 idle_granularity: float | None) -> None:
    logged = log_length(path)
    stop = time.perf_counter() + time_cap
    for i, value in enumerate(values):
        if i and time.perf_counter() > stop:
            break
        await pilot.press(*keys.open_editor)  # at Textual's pace: the editor must have the focus before typing
        with fine_idle(idle_granularity):
            await pilot.press(*typed(value))
            await pilot.pause()
            c0, t0 = time.process_time(), time.perf_counter()
            await pilot.press(*keys.commit)
            await pilot.pause()
            t1, c1 = time.perf_counter(), time.process_time()
        now = log_length(path)
        if now == logged:
            await pilot.pause(0.5)
            now = log_length(path)
            if now == logged:
                if i == 0:
                    res.reasons["edit"] = (f"{'+'.join(keys.open_editor)}, typing {value!r} and "
                                           f"{'+'.join(keys.commit)} did not add an entry to the edit log")
                    return
                res.refused += 1
                await pilot.press("escape")
                continue
            res.late += 1
        logged = now
        res.commit_s.append(t1 - t0)
        res.commit_cpu_s.append(c1 - c0)
        # The harness's own cost, measured the same way: a key the app ignores, then pause().
        with fine_idle(idle_granularity):
            c0, t0 = time.process_time(), time.perf_counter()
            await pilot.press(keys.noop)
            await pilot.pause()
            res.floor_s.append(time.perf_counter() - t0)
            res.floor_cpu_s.append(time.process_time() - c0)
