"""Every `lkjip` subcommand's parser, in one place, and the handler each one runs (`set_defaults(func=…)`).

A subcommand is registered once, below, with its name, its help line, its handler and its arguments; the parser, the
list of commands in `--help` and the names that tell a subcommand from a workbook (`lkjip kantor.json` opens the TUI)
all come from that registration. Listing the names builds no parser: the TUI's start-up never pays for one.

argparse speaks Indonesian through its own hook: it looks every message up with `_()` (gettext) when it needs it, so
`indonesian()` gives argparse a translation table while a parser is built, parses or formats its help, and gives
argparse's own back afterwards; nothing else in the process sees it. What argparse prints (help, version) and its
exits go through tui.printer like every other line.
"""

from __future__ import annotations

import argparse
import gettext
import importlib
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import NoReturn

from store.sanitize import CUT, cut

from .cli_messages import MESSAGES, PLURALS
from .printer import err, out

VERSION = "0.1.0"


class UsageError(Exception):
    """A command line argparse (or a handler, through `args.usage_error`) refused: exit 2, nothing written."""


class ParserExit(Exception):
    """argparse is done (after --help or --version): the exit status for `main` to return."""

    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


# -- argparse in Indonesian ------------------------------------------------------------------------------------------
class _Indonesian(gettext.NullTranslations):
    """argparse's message ids (tui.cli_messages) in Indonesian; an id not in the table stays as argparse wrote it."""

    def gettext(self, message: str) -> str:
        return MESSAGES.get(message, message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return PLURALS.get(msgid1) or (msgid1 if n == 1 else msgid2)


_TRANSLATION = _Indonesian()


@contextmanager
def indonesian() -> Iterator[None]:
    """argparse's `_` and `ngettext` are module globals read at each call: swapped for the time of the block (blocks
    nest), so the process's gettext and any other argparse user are left alone."""
    module = vars(argparse)  # `_` is not among argparse's declared names: its namespace, as a dict
    saved = module["_"], module["ngettext"]
    module.update(_=_TRANSLATION.gettext, ngettext=_TRANSLATION.ngettext)
    try:
        yield
    finally:
        module["_"], module["ngettext"] = saved


_LONG_WORD = re.compile(r"\S{%d,}" % (CUT + 1))


class Parser(argparse.ArgumentParser):
    """argparse with Indonesian messages, printing through tui.printer and never calling sys.exit."""

    def __init__(self, *args, **kwargs) -> None:
        if sys.version_info >= (3, 14):
            kwargs.setdefault("color", False)  # no colour sequences in help: the printer would show them as ␛
        with indonesian():  # the -h option's help and the group titles are looked up here
            super().__init__(*args, **kwargs)

    def parse_args(self, args=None, namespace=None):
        with indonesian():  # "unrecognized arguments" is worded here, after parse_known_args
            return super().parse_args(args, namespace)

    def parse_known_args(self, args=None, namespace=None):
        with indonesian():  # a subcommand's parser is called here, not through parse_args
            return super().parse_known_args(args, namespace)

    def format_usage(self) -> str:
        with indonesian():
            return super().format_usage()

    def format_help(self) -> str:
        with indonesian():
            return super().format_help()

    def error(self, message: str) -> NoReturn:
        """One sentence instead of argparse's usage block and English prefix; an argument quoted back is cut."""
        message = cut(_LONG_WORD.sub(lambda m: cut(m.group()), message), 200)
        raise UsageError(f"Perintah tidak lengkap atau salah: {message}. Lihat `lkjip --help`.")

    def _print_message(self, message: str, file=None) -> None:  # help, version, a warning: the one printer
        if message:
            (err if file is None or file is sys.stderr else out)(message)

    def exit(self, status: int = 0, message: str | None = None) -> NoReturn:
        if message:
            err(message)
        raise ParserExit(status)


# -- the subcommands -------------------------------------------------------------------------------------------------
class Handler:
    """A subcommand's handler, `module:function` in tui, imported when the command runs: a read-only command like
    rekap loads none of the editing commands' imports, and a test may replace the function on its module."""

    def __init__(self, where: str) -> None:
        self.module, self.name = where.split(":")

    def __call__(self, args: argparse.Namespace) -> int:
        return getattr(importlib.import_module(f"tui.{self.module}"), self.name)(args)

    def __repr__(self) -> str:
        return f"Handler('{self.module}:{self.name}')"


_COMMANDS: dict[str, tuple[str, Handler, Callable[[Parser], None]]] = {}


def command(name: str, help: str, handler: str) -> Callable[[Callable[[Parser], None]], Callable[[Parser], None]]:
    """Registers the function that adds a subcommand's arguments; the order of registration is the order of help."""
    def register(arguments: Callable[[Parser], None]) -> Callable[[Parser], None]:
        _COMMANDS[name] = (help, Handler(handler), arguments)
        return arguments
    return register


def names() -> tuple[str, ...]:
    """The subcommands, without building a parser."""
    return tuple(_COMMANDS)


def _int(text: str) -> int:
    return int(text)


_int.__name__ = "bilangan bulat"  # argparse names a type by it: "nilai … bukan bilangan bulat"


@command("init", "membuat buku kerja baru", "commands:cmd_init")
def _init(s: Parser) -> None:
    s.add_argument("workbook")
    s.add_argument("--demo", action="store_true", help="contoh Kecamatan Torjun 2022")
    s.add_argument("--instansi", default="")
    s.add_argument("--pemda", default="")
    s.add_argument("--periode", default="", help="mis. 2025-2029")
    s.add_argument("--tahun", type=_int, default=None, help="tahun laporan")


@command("tables", "mencetak tabel LKjIP", "commands:cmd_tables")
def _tables(s: Parser) -> None:
    s.add_argument("workbook")
    s.add_argument("--year", type=_int)
    s.add_argument("--table")
    s.add_argument("--format", choices=("text", "md", "json"), default="text")


@command("set", "mengubah satu nilai", "commands:cmd_set")
def _set(s: Parser) -> None:
    s.add_argument("workbook")
    s.add_argument("ref")
    s.add_argument("field")
    s.add_argument("value", nargs="?", default="")
    s.add_argument("--value", dest="negative_value", help=argparse.SUPPRESS)  # see _shield_negative_values
    s.add_argument("--year", type=_int)
    s.add_argument("--clear", action="store_true", help="mengosongkan sel dengan sengaja")


@command("check", "pemeriksaan konsistensi", "commands:cmd_check")
def _check(s: Parser) -> None:
    s.add_argument("workbook")
    s.add_argument("--year", type=_int)


@command("export", "ekspor draf LKjIP atau dokumen pertukaran", "commands:cmd_export")
def _export(s: Parser) -> None:
    s.add_argument("workbook")
    s.add_argument("--format", choices=("md", "docx", "pdf", "json", "xlsx"), required=True)
    s.add_argument("-o", "--output")
    s.add_argument("--force", action="store_true", help="menimpa berkas lain yang sudah ada (tidak pernah buku kerja)")
    s.add_argument("--year", type=_int)
    s.add_argument("--doc", choices=("lkjip", "pk", "triwulan", "evaluasi-renja", "renaksi", "iku", "pohon"),
                   default="lkjip",
                   help="lkjip (bawaan), pk: Perjanjian Kinerja, triwulan: laporan triwulan (dengan --tw), "
                        "evaluasi-renja: Tabel E.81 (dengan --tw), renaksi: Rencana Aksi (--tw N: dengan "
                        "realisasi s.d. TW N), iku: Indikator Kinerja Utama, pohon: pohon kinerja")
    s.add_argument("--tw", type=_int, choices=(1, 2, 3, 4),
                   help="triwulan 1-4 untuk --doc triwulan, evaluasi-renja atau renaksi")
    s.add_argument("--pejabat", help="--doc pk: PK pejabat KUNCI itu (bawaan: kepala); lihat `lkjip pejabat`")
    s.add_argument("--perubahan", action="store_true", help="--doc pk: PK Perubahan, dengan pagu setelah perubahan")
    s.add_argument("--draf", action="store_true",
                   help="tandai DRAF walau tahunnya sudah dikunci (tahun terkunci diekspor sebagai salinan final)")


@command("import", "membuat atau mengubah buku kerja dari .json, .xlsx atau .csv", "commands:cmd_import")
def _import(s: Parser) -> None:
    s.add_argument("document")
    s.add_argument("workbook")
    s.add_argument("--dry-run", action="store_true", help="tampilkan yang akan dibuat atau diubah, tanpa menulis")


@command("template", "templat lembar kerja untuk cascade, target dan pagu", "commands_sheet:cmd_template")
def _template(s: Parser) -> None:
    s.add_argument("--format", choices=("xlsx",), default="xlsx")
    s.add_argument("-o", "--output", help="bawaan: templat-AWAL-AKHIR.xlsx di folder ini (tidak pernah menimpa)")
    s.add_argument("--periode", help="periode Renstra, mis. 2025-2029")


@command("lock", "mengunci tahun setelah tutup buku", "commands:cmd_lock")
def _lock(s: Parser) -> None:
    s.add_argument("workbook")
    s.add_argument("--year", type=_int, required=True)
    s.add_argument("--reason", default="")


@command("unlock", "membuka kunci tahun (dengan alasan)", "commands:cmd_unlock")
def _unlock(s: Parser) -> None:
    s.add_argument("workbook")
    s.add_argument("--year", type=_int, required=True)
    s.add_argument("--reason", required=True)


@command("backups", "daftar cadangan", "commands:cmd_backups")
def _backups(s: Parser) -> None:
    s.add_argument("workbook")


@command("restore", "memulihkan dari cadangan", "commands:cmd_restore")
def _restore(s: Parser) -> None:
    s.add_argument("workbook")
    s.add_argument("--from", dest="source")
    s.add_argument("--reason", default="", help="alasan pemulihan, untuk catatan perubahan")
    s.add_argument("--yes", action="store_true", help="juga bila cadangannya dari buku kerja lain (instansi lain)")


@command("pejabat", "pejabat tahun itu, atasannya dan simpul yang menjadi tanggung jawabnya",
         "commands_pejabat:cmd_pejabat")
def _pejabat(s: Parser) -> None:
    s.add_argument("workbook")
    s.add_argument("--year", type=_int)


@command("log", "catatan perubahan", "commands:cmd_log")
def _log(s: Parser) -> None:
    s.add_argument("workbook")
    s.add_argument("--year", type=_int)


REKAP_FORMATS = ("text", "md", "json", "xlsx", "docx")


@command("rekap", "rekap banyak buku kerja, satu baris per instansi (hanya membaca)", "commands_rekap:cmd_rekap")
def _rekap(s: Parser) -> None:
    s.add_argument("workbooks", nargs="+", help="berkas, folder (semua *.json di dalamnya) atau pola glob")
    s.add_argument("--year", type=_int, help="tahun yang direkap; wajib bila tahun laporan buku kerja berbeda")
    s.add_argument("--sort", help="urutkan menurut kolom (capaian, serapan, instansi, …): angka terbesar dulu, "
                                  "nama A-Z")
    s.add_argument("--format", choices=REKAP_FORMATS, help="bawaan: tabel di terminal, atau teks bila bukan terminal")
    s.add_argument("-o", "--output")
    s.add_argument("--force", action="store_true", help="menimpa berkas lain yang sudah ada (tidak pernah buku kerja)")


@command("add", "menambah tujuan, sasaran, program, kegiatan, sub kegiatan atau indikator", "commands_cascade:cmd_add")
def _add(s: Parser) -> None:
    from store.model import LEVELS

    s.add_argument("workbook")
    s.add_argument("level", choices=(*LEVELS, "indikator"))
    s.add_argument("name", nargs="?", default="", help="nama; - atau kosong: nama yang dikenal untuk --code")
    s.add_argument("--parent", help="induknya (untuk indikator: simpul pemiliknya)")
    s.add_argument("--code", default="", help="kode program / kegiatan / sub kegiatan, mis. 7.01.02")
    s.add_argument("--satuan", default=None, help="satuan indikator")
    s.add_argument("--arah", choices=("positif", "negatif"), default=None, help="arah indikator")
    s.add_argument("--master", help="daftar kode,nama (CSV); bawaan: kode.csv di samping buku kerja")
    s.set_defaults(usage_error=s.error)  # a usage mistake found after parsing still exits 2, in the parser's words


@command("rm", "menghapus simpul (beserta rinciannya) atau indikator", "commands_cascade:cmd_rm")
def _rm(s: Parser) -> None:
    s.add_argument("workbook")
    s.add_argument("ref")
    s.add_argument("--yes", action="store_true", help="hapus juga bila ada rincian atau angka")


@command("mv", "memindah simpul atau indikator", "commands_cascade:cmd_mv")
def _mv(s: Parser) -> None:
    s.add_argument("workbook")
    s.add_argument("ref")
    where = s.add_mutually_exclusive_group(required=True)
    where.add_argument("--parent", help="pindah ke bawah induk lain (tingkat yang sama)")
    where.add_argument("--up", action="store_true", help="naik satu di antara saudaranya")
    where.add_argument("--down", action="store_true", help="turun satu di antara saudaranya")


@command("undo", "mengurungkan langkah terakhir yang belum diurungkan", "commands_cascade:cmd_undo")
def _undo(s: Parser) -> None:
    s.add_argument("workbook")


@command("redo", "mengulangi langkah yang terakhir diurungkan", "commands_cascade:cmd_redo")
def _redo(s: Parser) -> None:
    s.add_argument("workbook")


# Positional arguments by their Indonesian names, in usage lines and in messages ("wajib diisi: BUKU-KERJA"), for
# every subcommand, including one added later (tests/test_cli_output.py checks each positional has one).
METAVARS = {"workbook": "BUKU-KERJA", "workbooks": "BUKU-KERJA", "document": "DOKUMEN", "ref": "REF",
            "field": "KOLOM", "value": "NILAI", "level": "TINGKAT", "name": "NAMA"}

USAGE = ("%(prog)s [BUKU-KERJA.json] [--mouse]\n"
         "            %(prog)s PERINTAH ...")  # under "cara pakai: ", the width of the translated prefix


def build_parser() -> Parser:
    """The whole command line: `lkjip PERINTAH …`, one subparser per registered command."""
    p = Parser(prog="lkjip", usage=USAGE,
               description="Buku kerja LKjIP di terminal. `lkjip BUKU-KERJA.json` membuka buku kerja itu di layar "
                           "(bila belum ada: layar untuk membuatnya; --mouse menyalakan tetikus); perintah di bawah "
                           "untuk skrip.")
    # 3.11 gives this option's help in English without asking gettext; 3.13+ asks it for this id
    p.add_argument("--version", action="version", version=f"lkjip {VERSION}",
                   help=_TRANSLATION.gettext("show program's version number and exit"))
    # prog: each subcommand's usage starts `lkjip tables`, not with the two lines of USAGE above
    sub = p.add_subparsers(dest="command", metavar="PERINTAH", required=True, prog="lkjip", parser_class=Parser)
    for name, (help, handler, arguments) in _COMMANDS.items():
        s = sub.add_parser(name, help=help)
        arguments(s)
        s.set_defaults(func=handler)
    for s in sub.choices.values():
        for action in s._actions:
            if not action.option_strings and action.metavar is None and action.dest in METAVARS:
                action.metavar = METAVARS[action.dest]
    return p


def subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    """The subparsers of `parser`, by name."""
    [action] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(action.choices)


def tui_parser() -> Parser:
    """`lkjip [BUKU-KERJA.json] [--mouse]`: the screen, without a subcommand."""
    p = Parser(prog="lkjip", description="Membuka buku kerja di terminal.")
    p.add_argument("workbook", nargs="?", default="lkjip.json", metavar="BUKU-KERJA")
    p.add_argument("--mouse", action="store_true", help="nyalakan laporan tetikus")
    return p


_NEGATIVE = re.compile(r"^-[0-9][0-9.,]*%?$")


def _shield_negative_values(argv: list[str]) -> list[str]:
    """`lkjip set WB REF realisasi -2,5`: argparse takes "-2,5" for an option (it only knows "-2.5"-style
    negatives). Pass such a value as `--value=-2,5` so it arrives intact."""
    if not argv or argv[0] != "set":
        return argv
    shielded: list[str] = []
    for i, a in enumerate(argv):
        if a == "--":  # after a double dash argparse already takes everything literally
            return shielded + argv[i:]
        shielded.append(f"--value={a}" if _NEGATIVE.match(a) else a)
    return shielded


def parse(argv: list[str]) -> argparse.Namespace:
    """The subcommand's arguments, `func` its handler; UsageError or ParserExit otherwise."""
    return build_parser().parse_args(_shield_negative_values(argv))
