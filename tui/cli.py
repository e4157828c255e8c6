"""The `lkjip` entry point: `lkjip [BUKU-KERJA.json]` opens the TUI, `lkjip PERINTAH …` runs a subcommand (parsed
in tui.cli_parser, handled in tui.commands*). Every error is one Indonesian sentence on stderr and a non-zero exit;
nothing is written when a command fails. Textual is imported only when the TUI opens, so scripted commands start
fast."""

from __future__ import annotations

import gc
import sys
from pathlib import Path

from store.errors import RefNotFound, WorkbookError
from store.sanitize import quote

from .cli_parser import ParserExit, UsageError, names, parse, tui_parser
from .printer import err


def main(argv: list[str] | None = None) -> int:
    """`lkjip …` with `argv` (sys.argv[1:] when None): the exit status, returned, never raised. Every line goes to
    sys.stdout or sys.stderr (looked up when written) through tui.printer."""
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if not argv or (not argv[0].startswith("-") and argv[0] not in names()):
            return _open_tui(argv)
        args = parse(argv)
        return args.func(args)
    except ParserExit as exc:  # --help, --version
        return exc.status
    except UsageError as exc:
        err(str(exc), one_line=True)
        return 2
    except RefNotFound as exc:
        err(exc.message)
        for c in exc.candidates:
            err(f"  {c}", one_line=True)  # one candidate, one line, whatever its name holds
        return 1
    except WorkbookError as exc:
        for line in exc.lines:  # a refused sheet lists its problems one a line
            err(line)
        return 1
    except KeyboardInterrupt:
        err("Dibatalkan.")
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:  # a path the operating system refused, in the operator's words, never its English
        err(_os_refusal(exc))
        return 1
    except Exception as exc:  # the promise: no traceback reaches a user
        err(f"Kesalahan tak terduga ({type(exc).__name__}: {quote(str(exc), 200)}); tidak ada yang disimpan. "
            f"Laporkan ini ke pengembang lkjip.")
        return 70


def _os_refusal(exc: OSError) -> str:
    import errno

    from store.safefile import os_reason

    if exc.errno == errno.ENOENT:
        reason = "berkas atau folder itu tidak ada"
    elif exc.errno in (errno.EACCES, errno.EPERM):
        reason = "tidak ada izin membuka atau menulisnya"
    else:
        reason = os_reason(exc)
    name = f"{quote(str(exc.filename))}: " if exc.filename is not None else ""
    return f"{name}{reason}; tidak ada yang disimpan."


def _open_tui(argv: list[str]) -> int:
    args = tui_parser().parse_args(argv)
    path = Path(args.workbook)
    # Start-up builds hundreds of thousands of objects that all live on (modules, widgets, the workbook): the cyclic
    # collector's passes over them are wasted, so it waits until the first frame is drawn (LkjipApp.on_mount).
    gc.disable()
    # A large workbook is checked on another core while Textual is imported below (store.precheck).
    from store.storage import precheck

    checking = precheck(path)
    from .app import run_app

    return run_app(path, mouse=args.mouse, prechecked=checking)


if __name__ == "__main__":
    sys.exit(main())
