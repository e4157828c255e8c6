"""Bytes on disk: the one safe writer, the serialised form, TinyDB's storage, backups, the file lock,
the schema check on a second core, recovery drafts, where an export may land.

Each name is imported from its module, never through a package: this file imports
nothing, so importing one module loads no other. __all__ is the package's face: what is used from
outside it; the rest is inside.

    backups    Backups of a workbook: every few minutes a save first keeps a real copy of the file it replaces (store.d…
    drafts     Recovery drafts: narrative being typed, kept beside the workbook until it is saved.
    lock       The workbook's file lock: flock on WORKBOOK.lock, so it dies with its holder (a dropped SSH session free…
    output     Where an export may land (`lkjip export -o PATH`, the TUI's export view, any later exporter).
    precheck   A large workbook's schema check, run on a second core while the TUI loads.
    safefile   The one way lkjip puts bytes into a file: workbook, backup, set-aside copy, export, recovery draft.
    serialize  The on-disk form of a workbook, and a writer whose work for a save follows what changed, not the file's …
    storage    TinyDB storage that cannot leave a broken workbook behind.
"""

__all__ = ["backups", "drafts", "lock", "output", "precheck", "safefile", "serialize", "storage"]
