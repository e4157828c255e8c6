"""Help (? or F1): the keys that work here, for the widget in focus, its view and the app."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import DataTable

EXTRA = [
    ("↑ ↓ ← →", "pindah sel atau simpul; → / ← membuka / menutup cabang pohon"),
    ("Tab", "pindah ke bagian berikutnya (pohon → indikator → anggaran)"),
    ("Enter / e", "ubah sel; Enter menyimpan dan turun"),
    ("Tab / Shift+Tab", "saat mengubah: simpan dan geser kanan / kiri"),
    ("Esc", "batal mengubah; nilai lama tetap"),
    ("0\u20139", "mulai mengubah sel dengan angka itu"),
    ("Delete", "kosongkan sel (dengan sengaja)"),
    ("Ctrl+P", "palet perintah"),
    ("tempel", "kolom dari lembar kerja (Ctrl+Shift+V di terminal) mengisi sel ke bawah dari kursor, baris bertab "
               "ke kanan; dibaca semua dulu, satu langkah Ctrl+Z"),
    ("a s i", "tambah rincian / simpul sejajar / indikator (cascading)"),
    ("d / Delete", "di pohon: hapus simpul beserta rinciannya; di tabel indikator (d): hapus indikatornya; "
                   "ditanya dulu, Ctrl+Z mengembalikan"),
    ("Ctrl+↑ / Ctrl+↓", "di pohon: naikkan / turunkan simpul; di tabel indikator: indikatornya"),
    ("Pred", "predikat: ST sangat tinggi, T tinggi, S sedang, R rendah, SR sangat rendah (x: lengkap)"),
    # Every shortened column header is said here in full (tests/test_fits_the_screen.py checks it).
    ("PK (Rp)", "pagu Perjanjian Kinerja; kosong: PK memakai pagu (x: rinciannya)"),
    ("TW I–IV", "realisasi per triwulan I sampai IV"),
    ("Ctrl+Q", "keluar; bila sel sedang diisi, ditanya dulu apakah nilainya disimpan"),
]

# Where a key's short label (the footer's) is one word, help says what it does in full.
IN_WORDS = {
    "view.main": "Tampilan cascading: pohon, indikator dan anggaran",
    "view.tables": "Tabel LKjIP, dihitung ulang dari data",
    "view.checks": "Pemeriksaan konsistensi data",
    "view.narrative": "Narasi laporan (Markdown)",
    "view.log": "Log perubahan: siapa mengubah apa, kapan",
    "view.export": "Ekspor LKjIP, Perjanjian Kinerja, laporan triwulan",
    "view.sheet": "Lembar isian kinerja: semua indikator tahun ini",
    "view.budget_sheet": "Lembar isian anggaran: pagu dan realisasi sub kegiatan",
    "year.previous": "Tahun sebelumnya",
    "year.next": "Tahun berikutnya",
    "narrative.year.previous": "Tahun sebelumnya (teks yang diketik disimpan dulu)",
    "narrative.year.next": "Tahun berikutnya (teks yang diketik disimpan dulu)",
    "app.find": "Cari simpul atau indikator (nama, kode)",
    "app.help": "Bantuan: layar ini",
}


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,f1,question_mark", "dismiss", "Tutup", id="help.close")]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > #help-box { width: 76; height: 20; border: round $primary; background: $surface; }
    """

    def __init__(self, bindings: dict) -> None:
        super().__init__()
        self.shown_bindings = bindings

    def compose(self) -> ComposeResult:
        table: DataTable = DataTable(id="help-box", cursor_type="row", show_cursor=False)
        table.border_title = "Bantuan \u2014 tombol di tampilan ini (Esc menutup)"
        table.add_column("Tombol", width=16)
        # What a key does, in words; the keymap ids are for the README's keymap list, not for the operator here.
        # Within the box: 76 less its border and scrollbar, less each column's padding (wider scrolled sideways).
        table.add_column("Fungsi", width=53)
        seen = set()
        for key, active in self.shown_bindings.items():
            b = active.binding
            # Only the workbook's own keys: they carry ids and Indonesian names (Textual's built-ins do not).
            if not b.id or not b.description or (b.action, b.description) in seen:
                continue
            seen.add((b.action, b.description))
            table.add_row(self.app.get_key_display(b), IN_WORDS.get(b.id, b.description), height=None)
        # A line longer than its column wraps between words onto as many lines as it needs: cut at the column's
        # edge, "pohon → i" and "Ctrl+Shift+V" read as half sentences.
        for key, what in EXTRA:
            table.add_row(key, what, height=None)
        yield table

    def action_dismiss(self) -> None:  # type: ignore[override]  # Esc closes with no result: no argument
        self.dismiss(None)



