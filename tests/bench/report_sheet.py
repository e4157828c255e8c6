"""The rows of the entry sheets (issue 10, "Speed"): F8 open, a commit's CPU, the bytes of a cursor move and of a
committed edit, a pasted column saved, F9 open. Budgets hold at kabupaten scale; the demo is shown beside them."""

from __future__ import annotations

from report import NA, WORKBOOKS, Budgets, Table, holds, median, ms, p50_p95, pct


def _why(pilot: dict | None, pty: dict | None, *steps: str) -> NA | None:
    """The first reason a figure could not be measured: the pty's start or step, or the Pilot's."""
    if pty is not None and pty.get("failed"):
        return NA(f"pty: {pty['failed']}")
    for step in ("app", "open", *steps):
        if pilot is not None and pilot["reasons"].get(step):
            return NA(f"Pilot: {pilot['reasons'][step]}")
    return None


def rows(t: Table, pilot: dict[str, dict], pty: dict[str, dict], budget: Budgets) -> None:
    kab = "kabupaten"

    def opened(key: str, w: str) -> tuple[str, float | None]:
        got = pty[w].get(key)
        if not got or got.get("s") is None:
            return _why(None, pty[w]) or NA(f"{key}: nothing measured in the pty"), None
        return f"{ms(got['s'])}, {got['bytes']:,} B; CPU {got['cpu_ms']:.0f} ms", got["s"]

    def in_pilot(wall: str, cpu: str, w: str, *steps: str) -> str:
        why = _why(pilot[w], None, *steps)
        if why or pilot[w][wall] is None:
            return why or NA("nothing measured")
        return f"{ms(pilot[w][wall])}; CPU {ms(pilot[w][cpu])}"

    cells = {w: opened("open", w) for w in WORKBOOKS}
    t.add("F8 sheet open, pty: F8 → last byte; bytes", "", *(cells[w][0] for w in WORKBOOKS),
          f"< {budget.sheet_open_ms:.0f} ms (kabupaten)",
          holds(None if cells[kab][1] is None else cells[kab][1] * 1000 < budget.sheet_open_ms))
    t.add("  the same, Pilot: F8 → pause()", "", *(in_pilot("open_s", "open_cpu_s", w) for w in WORKBOOKS))

    def commits(w: str, key: str) -> str:
        return _why(pilot[w], None, "commit") or p50_p95(pilot[w][key])

    def net(w: str) -> list[float]:
        floor = median(pilot[w]["floor_s"]) or 0.0
        return [max(0.0, x - floor) for x in pilot[w]["commit_s"]]

    p95 = pct(pilot[kab]["commit_cpu_s"], 95)
    ok = None if p95 is None or _why(pilot[kab], None, "commit") else p95 * 1000 < budget.sheet_commit_p95_ms
    t.add("sheet commit, Pilot: CPU of Enter → pause() p50/p95", "", *(commits(w, "commit_cpu_s") for w in WORKBOOKS),
          f"p95 < {budget.sheet_commit_p95_ms:.0f} ms (kabupaten)", holds(ok))
    t.add("  wall time, less the no-op key's median", "",
          *(_why(pilot[w], None, "commit") or p50_p95(net(w)) for w in WORKBOOKS))

    def pty_commit(w: str) -> str:
        got = pty[w].get("commit") or []
        if not got:
            return _why(None, pty[w]) or NA("nothing measured")
        saved = [c["saved_s"] for c in got]
        last = [c["last_s"] for c in got if c["last_s"] is not None]
        return (f"saved {ms(median(saved))}, last byte {ms(median(last))}; "
                f"CPU {median([c['cpu_ms'] for c in got]):.0f} ms (median of {len(got)})")

    t.add("sheet commit, pty: Enter → saved, → last byte", "", *(pty_commit(w) for w in WORKBOOKS))

    def sheet_bytes(w: str, values: list[int]) -> tuple[str, int | None]:
        if not values:
            return _why(None, pty[w]) or NA("nothing measured"), None
        m = int(median(values))
        return f"{m:,} B", m

    for figure, key, limit in (("cursor move", "move_bytes", budget.sheet_move_bytes),
                               ("edit, the committing Enter", "commit", budget.sheet_edit_bytes)):
        got = {w: sheet_bytes(w, [c["bytes"] for c in pty[w].get(key) or []] if key == "commit"
                              else pty[w].get(key) or []) for w in WORKBOOKS}
        t.add(f"bytes: sheet {figure}", "", *(got[w][0] for w in WORKBOOKS), f"< {limit} B",
              holds(*(None if got[w][1] is None else got[w][1] < limit for w in WORKBOOKS)))
    t.add("bytes: sheet edit, digits + Enter", "",
          *(sheet_bytes(w, [a + c["bytes"] for a, c in zip(pty[w].get("type_bytes") or [],
                                                         pty[w].get("commit") or [])])[0] for w in WORKBOOKS))

    def paste(w: str) -> tuple[str, float | None]:
        got = pty[w].get("paste")
        if not got or got.get("saved_s") is None:
            return _why(None, pty[w]) or NA("no paste measured in the pty"), None
        return (f"{pty[w]['paste_n']} values: saved {ms(got['saved_s'])}, last byte {ms(got['last_s'])}, "
                f"{got['bytes']:,} B", got["saved_s"])

    pasted = {w: paste(w) for w in WORKBOOKS}
    t.add("sheet paste, pty: bracketed paste → saved", "", *(pasted[w][0] for w in WORKBOOKS),
          f"< {budget.paste_saved_ms:.0f} ms (kabupaten)",
          holds(None if pasted[kab][1] is None else pasted[kab][1] * 1000 < budget.paste_saved_ms))
    t.add("  the same, Pilot: Paste event → pause()", "",
          *(in_pilot("paste_s", "paste_cpu_s", w, "commit", "paste") for w in WORKBOOKS))
    budget_sheet = {w: opened("budget_open", w) for w in WORKBOOKS}
    t.add("F9 budget sheet open, pty: F9 → last byte; bytes", "", *(budget_sheet[w][0] for w in WORKBOOKS))
    t.add("  the same, Pilot: F9 → pause()", "",
          *(in_pilot("budget_open_s", "budget_open_cpu_s", w, "commit", "paste") for w in WORKBOOKS))
