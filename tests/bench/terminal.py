"""A program in a pseudo-terminal, watched byte by byte: when its output goes quiet, how much it wrote, how much
memory it used.

Nothing answers the program's terminal queries (synchronized output, in-band resize): the figures are those of a
terminal that supports neither, which is what a plain xterm over SSH looks like to Textual.
"""

from __future__ import annotations

import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import termios
import time
from dataclasses import dataclass

# Textual key names → the bytes an xterm sends for them. Single characters are sent as themselves.
KEY_BYTES = {
    "up": b"\x1b[A", "down": b"\x1b[B", "right": b"\x1b[C", "left": b"\x1b[D",
    "home": b"\x1b[H", "end": b"\x1b[F", "pageup": b"\x1b[5~", "pagedown": b"\x1b[6~",
    "tab": b"\t", "shift+tab": b"\x1b[Z", "enter": b"\r", "escape": b"\x1b", "backspace": b"\x7f",
    "delete": b"\x1b[3~", "space": b" ", "comma": b",", "full_stop": b".", "minus": b"-",
    "f1": b"\x1bOP", "f2": b"\x1bOQ", "f3": b"\x1bOR", "f4": b"\x1bOS", "f5": b"\x1b[15~", "f6": b"\x1b[17~",
    "f7": b"\x1b[18~", "f8": b"\x1b[19~", "f9": b"\x1b[20~", "f10": b"\x1b[21~", "f12": b"\x1b[24~",
    **{f"ctrl+{c}": bytes([ord(c) - 96]) for c in "abcdefghijklmnopqrstuvwxyz"},
}

# A quiet window in which the program used more than this share of one CPU is not quiet: it is still working.
BUSY_SHARE = 0.2

# Escape sequences (CSI, OSC, charset and keypad selections): what is left of the output is what the screen shows.
_ESCAPES = re.compile(
    rb"\x1b\[[0-9;?<>=$ ]*[A-Za-z~@]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b[=>78]"
)


def key_bytes(key: str) -> bytes:
    if key in KEY_BYTES:
        return KEY_BYTES[key]
    if len(key) == 1:
        return key.encode("utf-8")
    raise ValueError(f"no terminal bytes known for key {key!r}; add it to terminal.KEY_BYTES")


def printable(data: bytes) -> int:
    """How many screen cells (roughly) the output writes: its characters outside escape sequences."""
    text = _ESCAPES.sub(b"", data).replace(b"\r", b"").replace(b"\n", b"")
    return len(text.decode("utf-8", "replace"))


@dataclass
class Burst:
    """What the program wrote after one stimulus, until it went quiet."""

    data: bytes
    sent_at: float  # perf_counter when the stimulus was sent (or the process started)
    first_at: float | None  # perf_counter of the first byte; None: nothing was written
    last_at: float | None  # perf_counter of the last byte before the quiet window
    cpu_ms: float = 0.0  # CPU the program used from the stimulus until the quiet

    def extend(self, more: "Burst") -> None:
        """Add a later part of the same response."""
        self.data += more.data
        self.cpu_ms += more.cpu_ms
        if more.last_at is not None:
            self.first_at = self.first_at or more.first_at
            self.last_at = more.last_at

    @property
    def size(self) -> int:
        return len(self.data)

    @property
    def latency(self) -> float | None:
        """From the stimulus to the last byte of the response (the quiet window is not counted)."""
        return None if self.last_at is None else self.last_at - self.sent_at


class PtySession:
    def __init__(self, argv: list[str], env: dict[str, str], size: tuple[int, int] = (80, 24),
                 cwd: str | None = None) -> None:
        self.size = size
        master, slave = os.openpty()
        cols, rows = size
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self.master = master
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env, cwd=cwd,
                                     start_new_session=True, close_fds=True)
        os.close(slave)
        self.eof = False
        self.maxrss_kb: int | None = None
        self.returncode: int | None = None

    def _read(self, timeout: float) -> bytes | None:
        """One read; b"" on timeout, None at end of output."""
        if self.eof:
            return None
        ready, _, _ = select.select([self.master], [], [], max(timeout, 0))
        if not ready:
            return b""
        try:
            data = os.read(self.master, 65536)
        except OSError:  # EIO: the program closed the terminal
            data = b""
        if not data:
            self.eof = True
            return None
        return data

    def cpu_ms(self) -> float:
        """CPU time the program has used so far, all its threads (schedstat: nanoseconds, unlike the 10 ms ticks
        of /proc/PID/stat). 0 when it cannot be read."""
        total = 0
        try:
            for task in os.listdir(f"/proc/{self.proc.pid}/task"):
                with open(f"/proc/{self.proc.pid}/task/{task}/schedstat", encoding="ascii") as stat:
                    total += int(stat.read().split()[0])
        except (OSError, ValueError, IndexError):
            pass
        return total / 1e6

    def read_until_quiet(self, quiet: float, *, sent_at: float | None = None, min_cells: int = 0,
                         first_timeout: float = 2.0, timeout: float = 30.0, cpu_at_send: float | None = None,
                         settle_cpu: bool = True) -> Burst:
        """Collect output until nothing arrives for `quiet` seconds (and, with `settle_cpu`, the program used no CPU
        to speak of in that time).

        The CPU condition keeps a response that is still being computed (a loaded machine, a slow repaint) from being
        cut in two; the time reported is still that of the last byte. With `min_cells` the quiet only counts once
        that many characters have been written (a full first frame), so set-up sequences followed by a pause while
        the app composes are not taken for the frame."""
        sent = self.started if sent_at is None else sent_at
        cpu_start = self.cpu_ms() if cpu_at_send is None else cpu_at_send
        chunks: list[bytes] = []
        first = last = None
        cells = 0
        window = time.perf_counter()  # start of the current quiet window
        window_cpu = cpu_start
        deadline = window + timeout
        while True:
            now = time.perf_counter()
            if now >= deadline:
                break
            if last is None and now - sent < first_timeout:
                wait = min(first_timeout - (now - sent), deadline - now)  # nothing yet: wait for the first byte
            else:
                wait = quiet - (now - window)
                if wait <= 0:
                    busy = settle_cpu and self.cpu_ms() - window_cpu > BUSY_SHARE * quiet * 1000
                    if cells >= min_cells and not busy:
                        break
                    window, window_cpu = now, self.cpu_ms()  # still working, or the frame is incomplete: wait on
                    wait = quiet
            data = self._read(wait)
            if data is None:
                break
            if data:
                last = window = time.perf_counter()
                window_cpu = self.cpu_ms()
                first = first or last
                chunks.append(data)
                if min_cells:
                    cells += printable(data)
        return Burst(b"".join(chunks), sent, first, last, self.cpu_ms() - cpu_start)

    def send(self, keys: list[str] | tuple[str, ...]) -> float:
        """Write the keys in one go; returns the perf_counter just before writing."""
        return self.send_bytes(b"".join(key_bytes(k) for k in keys))

    def send_bytes(self, payload: bytes) -> float:
        """Write the bytes in one go; returns the perf_counter just before writing."""
        at = time.perf_counter()
        if payload:
            os.write(self.master, payload)
        return at

    def press(self, keys: list[str] | tuple[str, ...], quiet: float, **kw: object) -> Burst:
        cpu = self.cpu_ms()
        return self.read_until_quiet(quiet, sent_at=self.send(keys), cpu_at_send=cpu, **kw)  # type: ignore[arg-type]

    def peak_rss_kb(self) -> int | None:
        """The program's resident-set high-water mark so far (VmHWM). Read before it exits: a child's ru_maxrss
        from wait4 starts at the parent's size at fork time on Linux and would report the bench, not the app."""
        try:
            with open(f"/proc/{self.proc.pid}/status", encoding="ascii") as status:
                for line in status:
                    if line.startswith("VmHWM:"):
                        return int(line.split()[1])
        except OSError:
            pass
        return None

    def close(self, quit_keys: list[str] | tuple[str, ...] = ("ctrl+q",), wait: float = 5.0) -> None:
        """Ask the program to quit with its keys; kill it (by its own pid) if it does not. Records its peak RSS."""
        self.maxrss_kb = self.peak_rss_kb()
        pid, status = os.waitpid(self.proc.pid, os.WNOHANG)
        if not pid and not self.eof:
            try:
                self.send(quit_keys)
            except OSError:
                pass
        deadline = time.perf_counter() + wait
        while not pid and time.perf_counter() < deadline:
            self._read(0.05)  # keep draining: a program blocked on a full terminal never exits
            pid, status = os.waitpid(self.proc.pid, os.WNOHANG)
        if not pid:
            os.kill(self.proc.pid, signal.SIGKILL)
            _, status = os.waitpid(self.proc.pid, 0)
        self.returncode = os.waitstatus_to_exitcode(status)
        self.proc.returncode = self.returncode  # so Popen does not try to reap it again
        os.close(self.master)
