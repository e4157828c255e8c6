"""argparse's messages in Indonesian, keyed by argparse's own message ids (what it passes to gettext's `_()`).

The ids are copied from CPython's Lib/argparse.py, every one an operator can meet: 3.11 (this machine) and the ones
3.12, 3.13 and 3.14 added or reworded (section headings as `%(heading)s:`, `subcommands`, the version option's help,
deprecation warnings, the invalid choice with a suggestion). An id missing here reaches the operator in English,
so tests/test_cli_parser.py reads the running argparse's source and fails on an id this table does not know.

Left out on purpose: the ids argparse raises only for a parser built wrongly (conflicting option strings, "dest= is
required", "mutually exclusive arguments must be optional", …): a programming error of lkjip, never an operator's.
A value quoted back is written as %(value)s, not argparse's %(value)r: the same text on every Python, in our quotes.
"""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    # help
    "usage: ": "cara pakai: ",
    "positional arguments": "argumen",
    "options": "opsi",
    "%(heading)s:": "%(heading)s:",  # 3.13+: every section heading passes through this id
    "subcommands": "perintah",  # 3.13+: the default title of a subcommand group
    "show this help message and exit": "menampilkan bantuan ini lalu keluar",
    "show program's version number and exit": "menampilkan versi lkjip lalu keluar",
    " (default: %(default)s)": " (bawaan: %(default)s)",
    # refusals of a command line
    "argument %(argument_name)s: %(message)s": "%(argument_name)s: %(message)s",
    "unrecognized arguments: %s": "argumen tidak dikenal: %s",
    "the following arguments are required: %s": "argumen berikut wajib diisi: %s",
    "one of the arguments %s is required": "salah satu dari %s wajib diisi",
    "expected one argument": "memerlukan satu nilai",
    "expected at most one argument": "menerima paling banyak satu nilai",
    "expected at least one argument": "memerlukan paling sedikit satu nilai",
    "invalid choice: %(value)r (choose from %(choices)s)":
        "nilai \u201c%(value)s\u201d tidak dikenal; pilih salah satu: %(choices)s",
    "invalid choice: %(value)r, maybe you meant %(closest)r? (choose from %(choices)s)":  # 3.14+
        "nilai \u201c%(value)s\u201d tidak dikenal (mungkin maksudnya %(closest)s); pilih salah satu: %(choices)s",
    "invalid %(type)s value: %(value)r": "nilai \u201c%(value)s\u201d bukan %(type)s",
    "ignored explicit argument %r": "tidak menerima nilai \u201c%s\u201d",
    "not allowed with argument %s": "tidak boleh bersama %s",
    "ambiguous option: %(option)s could match %(matches)s": "opsi %(option)s bisa berarti %(matches)s",
    "unknown parser %(parser_name)r (choices: %(choices)s)":
        "perintah \u201c%(parser_name)s\u201d tidak dikenal; pilih salah satu: %(choices)s",
    "unexpected option string: %s": "opsi tak terduga: %s",
    "can't open '%(filename)s': %(error)s": "tidak dapat membuka \u201c%(filename)s\u201d: %(error)s",
    "%(prog)s: error: %(message)s\n": "%(prog)s: galat: %(message)s\n",
    # 3.13+: warnings
    "%(prog)s: warning: %(message)s\n": "%(prog)s: peringatan: %(message)s\n",
    "option '%(option)s' is deprecated": "opsi %(option)s sudah usang",
    "argument '%(argument_name)s' is deprecated": "argumen %(argument_name)s sudah usang",
    "command '%(parser_name)s' is deprecated": "perintah %(parser_name)s sudah usang",
}

# ngettext ids by their singular; Indonesian has one form for every count.
PLURALS: dict[str, str] = {
    "expected %s argument": "memerlukan %s nilai",
}

# Raised only while a parser is built wrongly: never shown to an operator (see the docstring).
BUILD_ERRORS = frozenset({
    "%r is not callable", "'required' is an invalid argument for positionals", ".__call__() not defined",
    'argument "-" with mode %r', "cannot have multiple subparser arguments",
    "cannot merge actions - two groups are named %r", "conflicting subparser alias: %s", "conflicting subparser: %s",
    "dest= is required for options like %r", "invalid conflict_resolution value: %r",
    "invalid option string %(option)r: must start with a character %(prefix_chars)r",
    "mutually exclusive arguments must be optional", "conflicting option string: %s",
})
