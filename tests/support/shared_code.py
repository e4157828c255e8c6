"""The checkout's code where another Unix user can read it.

A checkout may live where only its owner can enter (root's /root, a `mktemp -d` folder, both 0700): a second user's
Python started on it cannot import `tui`. `readable_copy` puts the packages lkjip is made of and the site-packages of
the interpreter running the tests into a folder everyone may read, and returns the PYTHONPATH that finds them.
Files are hard-linked when they are readable by all already (the 87 MB of site-packages in about a second), copied
otherwise; nothing in the checkout changes mode.
"""

from __future__ import annotations

import os
import shutil
import site
import stat
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("store", "reports", "tui")


def _link_or_copy(src: str, dst: str) -> None:
    if os.stat(src).st_mode & stat.S_IROTH:
        try:
            os.link(src, dst)
            return
        except OSError:  # another file system, or links refused: a copy does as well
            pass
    shutil.copy2(src, dst)
    os.chmod(dst, stat.S_IMODE(os.stat(dst).st_mode) | 0o444)


def _open_folders(top: Path) -> None:
    for folder, _, _ in os.walk(top):
        os.chmod(folder, 0o755)


def site_packages() -> list[Path]:
    """The folders this interpreter imports third-party packages from (the venv's), not the checkout itself."""
    found = [Path(p) for p in site.getsitepackages() if Path(p).is_dir()]
    return found or [Path(p) for p in sys.path if p.endswith("site-packages") and Path(p).is_dir()]


def readable_copy(dest: Path) -> list[str]:
    """Copy lkjip's packages and this interpreter's site-packages under `dest` (made 0755); the PYTHONPATH entries,
    the checkout's packages first. The site-packages' .pth files are not read from a PYTHONPATH entry, so the
    editable install's pointer back into the checkout plays no part."""
    dest.mkdir(parents=True, exist_ok=True)
    code = dest / "lkjip"
    for name in PACKAGES:
        shutil.copytree(ROOT / name, code / name, copy_function=_link_or_copy,
                        ignore=shutil.ignore_patterns(".pytest_cache"))
    entries = [str(code)]
    for n, folder in enumerate(site_packages()):
        target = dest / f"site-{n}"
        shutil.copytree(folder, target, copy_function=_link_or_copy, symlinks=True)
        entries.append(str(target))
    _open_folders(dest)
    return entries
