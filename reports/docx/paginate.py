"""Page numbers for the Daftar Isi, and the PDF, from LibreOffice's own layout.

A Word TOC field holds page numbers only once a word processor has laid the document out; LibreOffice converting
headless never updates it, and Word asks first. So, when LibreOffice (`soffice`) is installed, the document is
rendered once with every Daftar Isi heading tagged (docx_render.MARKER, 1 pt, white), converted to PDF, and the
page of each tag read from the PDF's text (`pdftotext`, Debian's poppler-utils); the second render writes those
numbers into the Daftar Isi, small roman in the front matter, arabic from BAB I, as the footers print them. Both
renders hold the same lines ("00" stands where the numbers go), so the pages do not move between them.

Without LibreOffice a Word export lists the headings alone and a PDF export is refused with one sentence.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from store.text.errors import WorkbookError

from reports.outline import document as D
from . import pages as docx_pages, render as docx_render

CONVERT_TIMEOUT = 300  # seconds: a first start of LibreOffice with a fresh profile takes a while on a slow machine
NO_SOFFICE = ("Ekspor PDF memerlukan LibreOffice (perintah soffice), yang tidak terpasang; pasang paket Debian "
              "libreoffice-writer, atau ekspor --format docx dan cetak ke PDF dari Word; tidak ada berkas yang "
              "ditulis.")
_TAG = re.compile(docx_pages.MARKER.replace("{:03d}", r"(\d{3})"))


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_pdf(docx: bytes) -> bytes:
    """The document converted by LibreOffice headless, in a temp folder of its own with a profile of its own (a
    LibreOffice already open with the default profile would otherwise take the job and convert nothing)."""
    program = soffice()
    if program is None:
        raise WorkbookError(NO_SOFFICE)
    with tempfile.TemporaryDirectory(prefix="lkjip-pdf-") as folder:
        tmp = Path(folder)
        source = tmp / "lkjip.docx"
        source.write_bytes(docx)
        argv = [program, f"-env:UserInstallation={(tmp / 'profil').as_uri()}", "--headless", "--norestore",
                "--convert-to", "pdf", "--outdir", str(tmp), str(source)]
        try:
            done = subprocess.run(argv, capture_output=True, timeout=CONVERT_TIMEOUT, cwd=tmp,
                                  env={**os.environ, "HOME": str(tmp)})
        except subprocess.TimeoutExpired:
            raise WorkbookError(f"LibreOffice tidak selesai mengubah dokumen ke PDF dalam {CONVERT_TIMEOUT} detik; "
                                f"tidak ada berkas yang ditulis.") from None
        except OSError as exc:
            raise WorkbookError(f"LibreOffice tidak dapat dijalankan ({exc.strerror}); tidak ada berkas yang "
                                f"ditulis.") from None
        pdf = tmp / "lkjip.pdf"
        if done.returncode != 0 or not pdf.exists():
            raise WorkbookError("LibreOffice gagal mengubah dokumen ke PDF; tidak ada berkas yang ditulis.")
        return pdf.read_bytes()


def page_texts(pdf: bytes) -> list[str] | None:
    """The text of each page (pdftotext), or None when pdftotext is not installed or fails."""
    program = shutil.which("pdftotext")
    if program is None:
        return None
    with tempfile.TemporaryDirectory(prefix="lkjip-teks-") as folder:
        source = Path(folder) / "lkjip.pdf"
        source.write_bytes(pdf)
        try:
            done = subprocess.run([program, "-enc", "UTF-8", str(source), "-"], capture_output=True,
                                  timeout=CONVERT_TIMEOUT)
        except (OSError, subprocess.TimeoutExpired):
            return None
    if done.returncode != 0:
        return None
    return done.stdout.decode("utf-8", "replace").split("\f")


def roman(n: int) -> str:
    out = ""
    for value, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
                           (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out, n = out + letters, n - value
    return out


def printed_pages(texts: list[str], measured: docx_render.Rendered, entries: int) -> list[str] | None:
    """The page number each Daftar Isi entry's heading carries in its footer, from the page its tag is on: counted
    from the first front matter page in roman, from BAB I's page in arabic. None when a tag is missing."""
    physical: dict[int, int] = {}
    for page, text in enumerate(texts):
        for m in _TAG.finditer(re.sub(r"\s+", "", text)):
            physical.setdefault(int(m.group(1)), page)
    if any(n not in physical for n in range(entries)):
        return None
    front = physical.get(measured.front_entry) if measured.front_entry is not None else None
    body = physical.get(measured.body_entry) if measured.body_entry is not None else None
    shown = []
    for n in range(entries):
        page = physical[n]
        if body is not None and page >= body:
            shown.append(str(page - body + 1))
        elif front is not None and page >= front:
            shown.append(roman(page - front + 1))
        else:
            shown.append(str(page + 1))
    return shown


def contents_entries(report: D.Report) -> int:
    contents = next((b for b in report.blocks if isinstance(b, D.Contents)), None)
    return len([e for e in contents.entries if e.level <= 3]) if contents else 0


def numbered_docx(report: D.Report) -> tuple[bytes, bool]:
    """The Word document with its Daftar Isi's page numbers when LibreOffice and pdftotext are there to measure
    them; (document, whether the numbers are in it)."""
    if soffice() is None or shutil.which("pdftotext") is None:
        return docx_render.render(report), False
    measured = docx_render.render_measured(report)
    try:
        texts = page_texts(to_pdf(measured.docx))
    except WorkbookError:  # a LibreOffice that fails to convert: the Word document still comes, without numbers
        texts = None
    pages = printed_pages(texts, measured, contents_entries(report)) if texts is not None else None
    return docx_render.render(report, pages=pages), pages is not None


def pdf(report: D.Report) -> bytes:
    """The LKjIP as PDF, laid out by LibreOffice, its Daftar Isi numbered (refused without LibreOffice)."""
    if soffice() is None:
        raise WorkbookError(NO_SOFFICE)
    docx, _ = numbered_docx(report)
    return to_pdf(docx)
