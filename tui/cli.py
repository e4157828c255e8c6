"""The `lkjip` command line. Every error is one Indonesian sentence on stderr and a non-zero exit; nothing is
written when a command fails. Textual is imported only when the TUI opens, so scripted commands start fast."""

from __future__ import annotations

import argparse
import gc
import re
import sys
from pathlib import Path
from typing import NoReturn

from store.errors import RefNotFound, WorkbookError
from store.sanitize import CONTROL, CUT, cut, quote, visible

from .printer import err, out

__version__ = "0.1.0"

COMMANDS = ("init", "tables", "set", "check", "export", "import", "lock", "unlock", "backups", "restore", "log",
            "rekap", "add", "rm", "mv", "undo", "redo", "template", "pejabat")


class UsageError(Exception):
    pass


# argparse's own messages are English; each is given in Indonesian, the values it quotes cut and made visible.
_ARGPARSE = [
    (re.compile(r"^unrecognized arguments: (.*)$", re.S), "argumen tidak dikenal: {0}"),
    (re.compile(r"^argument (\S+): invalid choice: (.*?) \(choose from (.*)\)$", re.S),
     "nilai {1} untuk {0} tidak dikenal; pilih salah satu: {2}"),
    (re.compile(r"^the following arguments are required: (.*)$", re.S), "argumen berikut wajib diisi: {0}"),
    (re.compile(r"^argument (\S+): expected one argument$", re.S), "{0} memerlukan satu nilai"),
    (re.compile(r"^argument (\S+): expected at most one argument$", re.S), "{0} menerima paling banyak satu nilai"),
    (re.compile(r"^argument (\S+): expected at least one argument$", re.S), "{0} memerlukan paling sedikit satu nilai"),
    (re.compile(r"^argument (\S+): invalid int value: (.*)$", re.S), "nilai {1} untuk {0} bukan bilangan bulat"),
    (re.compile(r"^argument (\S+): invalid (\S+) value: (.*)$", re.S), "nilai {2} untuk {0} tidak sah"),
    (re.compile(r"^argument (\S+): ignored explicit argument (.*)$", re.S), "{0} tidak menerima nilai {1}"),
    (re.compile(r"^argument (\S+): not allowed with argument (\S+)$", re.S), "{0} tidak boleh bersama {1}"),
    (re.compile(r"^ambiguous option: (\S+) could match (.*)$", re.S), "opsi {0} bisa berarti {1}"),
    (re.compile(r"^one of the arguments (.*) is required$", re.S), "salah satu dari {0} wajib diisi"),
]


def _short(piece: str) -> str:
    piece = piece.replace("', '", ", ").strip("'")  # "'text', 'md'" is argparse's list of choices
    return quote(piece) if len(piece) > CUT or CONTROL.search(piece) else piece


def translate_usage(message: str) -> str:
    for pattern, indonesian in _ARGPARSE:
        m = pattern.match(message)
        if m:
            return indonesian.format(*(_short(g) for g in m.groups()))
    return visible(cut(message, 200))


_HELP_WORDS = (("usage:", "cara pakai:"), ("positional arguments:", "argumen:"), ("options:", "opsi:"),
               ("show this help message and exit", "menampilkan bantuan ini lalu keluar"),
               ("show program's version number and exit", "menampilkan versi lkjip lalu keluar"))


# Positional arguments by their Indonesian names, in usage lines and in messages ("wajib diisi: BUKU-KERJA"), for
# every subcommand, including one added later (tests/test_cli_output.py checks each positional has one).
METAVARS = {"workbook": "BUKU-KERJA", "workbooks": "BUKU-KERJA", "document": "DOKUMEN", "ref": "REF",
            "field": "KOLOM", "value": "NILAI", "level": "TINGKAT", "name": "NAMA"}


def _name_positionals(parser: argparse.ArgumentParser) -> None:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                _name_positionals(sub)
        elif not action.option_strings and action.metavar is None and action.dest in METAVARS:
            action.metavar = METAVARS[action.dest]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # argparse's own exit prints usage in English; keep ours one sentence
        raise UsageError(f"Perintah tidak lengkap atau salah: {translate_usage(message)}. Lihat `lkjip --help`.")

    def _print_message(self, message: str, file=None) -> None:  # --help and --version: the one printer too
        if message:
            (err if file is sys.stderr else out)(message)

    def format_help(self) -> str:
        text = super().format_help()
        for english, indonesian in _HELP_WORDS:
            text = text.replace(english, indonesian)
        return text


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="lkjip", description="Buku kerja LKjIP di terminal. `lkjip BUKU-KERJA.json` membuka buku kerja "
                "itu di layar (bila belum ada: layar untuk membuatnya); perintah di bawah untuk skrip.")
    p.add_argument("--version", action="version", version=f"lkjip {__version__}")
    sub = p.add_subparsers(dest="command", parser_class=_Parser)

    s = sub.add_parser("init", help="membuat buku kerja baru")
    s.add_argument("workbook")
    s.add_argument("--demo", action="store_true", help="contoh Kecamatan Torjun 2022")
    s.add_argument("--instansi", default="")
    s.add_argument("--pemda", default="")
    s.add_argument("--periode", default="", help="mis. 2025-2029")
    s.add_argument("--tahun", type=int, default=None, help="tahun laporan")

    s = sub.add_parser("tables", help="mencetak tabel LKjIP")
    s.add_argument("workbook")
    s.add_argument("--year", type=int)
    s.add_argument("--table")
    s.add_argument("--format", choices=("text", "md", "json"), default="text")

    s = sub.add_parser("set", help="mengubah satu nilai")
    s.add_argument("workbook")
    s.add_argument("ref")
    s.add_argument("field")
    s.add_argument("value", nargs="?", default="")
    s.add_argument("--value", dest="negative_value", help=argparse.SUPPRESS)
    s.add_argument("--year", type=int)
    s.add_argument("--clear", action="store_true", help="mengosongkan sel dengan sengaja")

    s = sub.add_parser("check", help="pemeriksaan konsistensi")
    s.add_argument("workbook")
    s.add_argument("--year", type=int)

    s = sub.add_parser("export", help="ekspor draf LKjIP atau dokumen pertukaran")
    s.add_argument("workbook")
    s.add_argument("--format", choices=("md", "docx", "pdf", "json", "xlsx"), required=True)
    s.add_argument("-o", "--output")
    s.add_argument("--force", action="store_true", help="menimpa berkas lain yang sudah ada (tidak pernah buku kerja)")
    s.add_argument("--year", type=int)
    s.add_argument("--doc", choices=("lkjip", "pk", "triwulan", "evaluasi-renja", "renaksi", "iku", "pohon"),
                   default="lkjip",
                   help="lkjip (bawaan), pk: Perjanjian Kinerja, triwulan: laporan triwulan (dengan --tw), "
                        "evaluasi-renja: Tabel E.81 (dengan --tw), renaksi: Rencana Aksi (--tw N: dengan "
                        "realisasi s.d. TW N), iku: Indikator Kinerja Utama, pohon: pohon kinerja")
    s.add_argument("--tw", type=int, choices=(1, 2, 3, 4),
                   help="triwulan 1-4 untuk --doc triwulan, evaluasi-renja atau renaksi")
    s.add_argument("--pejabat", help="--doc pk: PK pejabat KUNCI itu (bawaan: kepala); lihat `lkjip pejabat`")
    s.add_argument("--perubahan", action="store_true", help="--doc pk: PK Perubahan, dengan pagu setelah perubahan")
    s.add_argument("--draf", action="store_true",
                   help="tandai DRAF walau tahunnya sudah dikunci (tahun terkunci diekspor sebagai salinan final)")

    s = sub.add_parser("import", help="membuat atau mengubah buku kerja dari .json, .xlsx atau .csv")
    s.add_argument("document")
    s.add_argument("workbook")
    s.add_argument("--dry-run", action="store_true", help="tampilkan yang akan dibuat atau diubah, tanpa menulis")

    s = sub.add_parser("template", help="templat lembar kerja untuk cascade, target dan pagu")
    s.add_argument("--format", choices=("xlsx",), default="xlsx")
    s.add_argument("-o", "--output", help="bawaan: templat-AWAL-AKHIR.xlsx di folder ini (tidak pernah menimpa)")
    s.add_argument("--periode", help="periode Renstra, mis. 2025-2029")

    s = sub.add_parser("lock", help="mengunci tahun setelah tutup buku")
    s.add_argument("workbook")
    s.add_argument("--year", type=int, required=True)
    s.add_argument("--reason", default="")

    s = sub.add_parser("unlock", help="membuka kunci tahun (dengan alasan)")
    s.add_argument("workbook")
    s.add_argument("--year", type=int, required=True)
    s.add_argument("--reason", required=True)

    s = sub.add_parser("backups", help="daftar cadangan")
    s.add_argument("workbook")

    s = sub.add_parser("restore", help="memulihkan dari cadangan")
    s.add_argument("workbook")
    s.add_argument("--from", dest="source")
    s.add_argument("--reason", default="", help="alasan pemulihan, untuk catatan perubahan")
    s.add_argument("--yes", action="store_true", help="juga bila cadangannya dari buku kerja lain (instansi lain)")

    s = sub.add_parser("pejabat", help="pejabat tahun itu, atasannya dan simpul yang menjadi tanggung jawabnya")
    s.add_argument("workbook")
    s.add_argument("--year", type=int)
    s = sub.add_parser("log", help="catatan perubahan")
    s.add_argument("workbook")
    s.add_argument("--year", type=int)

    from .commands_cascade import add_parsers
    from .commands_rekap import add_parser as add_rekap

    add_rekap(sub)
    add_parsers(sub)
    _name_positionals(p)
    return p


_NEGATIVE = re.compile(r"^-[0-9][0-9.,]*%?$")


def _shield_negative_values(argv: list[str]) -> list[str]:
    """`lkjip set WB REF realisasi -2,5`: argparse takes "-2,5" for an option (it only knows "-2.5"-style
    negatives). Pass such a value as `--value=-2,5` so it arrives intact."""
    if not argv or argv[0] != "set":
        return argv
    out: list[str] = []
    for i, a in enumerate(argv):
        if a == "--":  # after a double dash argparse already takes everything literally
            return out + argv[i:]
        out.append(f"--value={a}" if _NEGATIVE.match(a) else a)
    return out


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and not argv[0].startswith("-") and argv[0] not in COMMANDS:
            return _open_tui(argv)
        if not argv:
            return _open_tui([])
        args = _parser().parse_args(_shield_negative_values(argv))
        if args.command == "rekap":  # only reads: none of the editing commands' imports
            from .commands_rekap import cmd_rekap

            return cmd_rekap(args)
        from . import commands

        return commands.run(args)
    except UsageError as exc:
        err(str(exc))
        return 2
    except RefNotFound as exc:
        err(exc.message)
        for c in exc.candidates:
            err(f"  {visible(c)}")  # one candidate, one line, whatever its name holds
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
    p = _Parser(prog="lkjip", description="Membuka buku kerja di terminal.")
    p.add_argument("workbook", nargs="?", default="lkjip.json")
    p.add_argument("--mouse", action="store_true", help="nyalakan laporan tetikus")
    args = p.parse_args(argv)
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
