"""The demo workbook: Kecamatan Torjun (Kabupaten Sampang), LKjIP 2022.

Every figure comes from the seed report (shared/seeds/000_1d469a1046074adb.txt). The cascade, budget and Tabel 1.2
indicators are written below as nested data; a few small builders turn them into workbook records (store.model).
Where the seed contradicts itself or is unclear, the choice made is recorded in meta["notes"] (Indonesian).

Budget figures (pagu after the APBD Perubahan and realisasi) sit on sub kegiatan only: kegiatan, program, sasaran and
instansi totals are sums. The PK budget (pagu awal) sits on the program nodes as `pagu_pk`.
"""

from __future__ import annotations

from typing import Any

from store.model import ISU, NARRATIVE, NODES, new_document, new_indicator, new_meta, new_node

__all__ = ["demo_document"]

TAHUN = "2022"
URUSAN = "7.01"


# --------------------------------------------------------------------------------------------------------------------
# Small builders for the data below
# --------------------------------------------------------------------------------------------------------------------


def ind(name: str, satuan: str = "", **extra: Any) -> dict[str, Any]:
    """An indicator spec: name, satuan and optional arah, rumus, kondisi_awal, target_akhir, target, realisasi."""
    return {"name": name, "satuan": satuan, **extra}


def sub(code: str, name: str, pagu: int, realisasi: int, *indicators: dict[str, Any]) -> dict[str, Any]:
    """A sub kegiatan: last code segment (four digits), name, 2022 pagu and realisasi (whole Rupiah)."""
    return {"code": code, "name": name, "pagu": pagu, "realisasi": realisasi, "indicators": list(indicators)}


def keg(
    code: str,
    name: str,
    printed: tuple[int, int] | None,
    indicators: list[dict[str, Any]],
    subs: list[dict[str, Any]],
) -> dict[str, Any]:
    """A kegiatan: code segment ("2.01"), name, the subtotal printed in the seed (None: row left blank)."""
    return {"code": code, "name": name, "printed": printed, "indicators": indicators, "subs": subs}


def prog(
    code: str,
    name: str,
    sasaran: str,
    pagu_pk: int,
    printed: tuple[int, int],
    indicators: list[dict[str, Any]],
    kegiatan: list[dict[str, Any]],
) -> dict[str, Any]:
    """A program: code segment ("01"), the sasaran it is placed under, PK budget, subtotal printed in the seed."""
    return {
        "code": code,
        "name": name,
        "sasaran": sasaran,
        "pagu_pk": pagu_pk,
        "printed": printed,
        "indicators": indicators,
        "kegiatan": kegiatan,
    }


# --------------------------------------------------------------------------------------------------------------------
# Tujuan and sasaran (Renstra 2019–2024, Tabel 2.1 / 2.2; realisasi from Tabel 3.1 and 3.2)
# --------------------------------------------------------------------------------------------------------------------

TUJUAN = {
    "id": "T1",
    "name": "Meningkatnya tata kelola Pemerintahan di Kecamatan",
    "indicators": [
        ind(
            "Nilai SAKIP Kecamatan",
            "nilai",
            arah="positif",
            target_akhir="72",
            target={"2021": "64", "2022": "66", "2023": "71.5", "2024": "72"},
        ),
    ],
}

SASARAN = [
    {
        "id": "S1",
        "name": "Meningkatnya kualitas pelayanan Kecamatan",
        "indicators": [
            ind(
                "Indeks Kepuasan Masyarakat (IKM)",
                "indeks",
                arah="positif",
                rumus="Total dari nilai persepsi per unsur / total unsur yang terisi × 100%",
                kondisi_awal="80.4",  # printed 80,40; stored canonical (no trailing zero)
                target_akhir="82.55",
                target={
                    "2019": "81.05",
                    "2020": "81.55",
                    "2021": "81.75",
                    "2022": "82",
                    "2023": "82.05",
                    "2024": "82.55",
                },
                realisasi={"2021": "81.78", "2022": "82.08"},
            ),
        ],
        # Tabel 3.4 pairs this sasaran with one sub kegiatan of the penunjang program.
        "budget_refs": ["7.01.01.2.10.0001"],
    },
    {
        "id": "S2",
        "name": "Meningkatnya tata kelola administrasi Pemerintahan Desa dan Kelurahan",
        "indicators": [
            ind(
                "Persentase Desa/Kelurahan dengan tata kelola administrasi Desa/Kelurahan yang baik",
                "%",
                arah="positif",
                target_akhir="100",
                target={"2021": "100", "2022": "100", "2023": "100", "2024": "100"},
                realisasi={"2021": "100", "2022": "100"},
            ),
        ],
        # Tabel 3.4 pairs this sasaran with the Pemberdayaan Masyarakat program.
        "budget_refs": ["7.01.03"],
    },
]


# --------------------------------------------------------------------------------------------------------------------
# Programs, kegiatan, sub kegiatan: Tabel 3.2 Realisasi Anggaran 2022 (figures), Tabel 1.2 (indicators),
# BAB II B (pagu_pk). Order as in the seed's budget table.
# --------------------------------------------------------------------------------------------------------------------

CATATAN_ADMINISTRASI_DESA = (
    "Catatan Tabel 1.2: fasilitasi desa dapat berupa ATK, makan minum rapat, cetak dan penggandaan."
)
CATATAN_EVALUASI_APBDES = (
    "Catatan Tabel 1.2: dokumen evaluasi APBDes disesuaikan dengan jumlah desa yang dievaluasi."
)
RUMUS_KAMTIBMAS = (
    "(Jumlah data gangguan Kamtibmas tahun (n) − jumlah data gangguan Kamtibmas tahun (n−1)) / "
    "jumlah data gangguan Kamtibmas tahun (n−1)"
)

PROGRAMS = [
    prog(
        "01",
        "Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota",
        "S2",
        2_991_517_997,
        (3_080_095_712, 2_864_055_222),
        [ind("Persentase penunjang urusan pemerintah daerah yang difasilitasi")],
        [
            keg(
                "2.01",
                "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah",
                (14_025_047, 13_507_625),
                [ind("Persentase Laporan Perencanaan dan Evaluasi Kinerja yang Tersusun Tepat Waktu")],
                [
                    sub(
                        "0001",
                        "Penyusunan Dokumen Perencanaan Perangkat Daerah",
                        908_421,
                        904_500,
                        ind("Jumlah Dok. Perencanaan PD (Renstra, Renja, SPIP)", "Dok"),
                    ),
                    sub(
                        "0002",
                        "Koordinasi dan Penyusunan Dokumen RKA-SKPD",
                        958_233,
                        954_800,
                        ind("Jumlah Dok. RKA-SKPD", "Dok"),
                    ),
                    sub(
                        "0003",
                        "Koordinasi dan Penyusunan Dokumen Perubahan RKA-SKPD",
                        777_993,
                        775_300,
                        ind("Jumlah Dok. Perubahan RKA-SKPD", "Dok"),
                    ),
                    sub(
                        "0004",
                        "Koordinasi dan Penyusunan DPA-SKPD",
                        961_112,
                        957_325,
                        ind("Jumlah Dok. DPA-SKPD", "Dok"),
                    ),
                    sub(
                        "0005",
                        "Koordinasi dan Penyusunan Perubahan DPA-SKPD",
                        1_030_297,
                        1_028_700,
                        ind("Jumlah Dok. DPPA-SKPD", "Dok"),
                    ),
                    sub(
                        "0007",
                        "Evaluasi Kinerja Perangkat Daerah",
                        9_388_991,
                        8_887_000,
                        ind("Jumlah Dok. Evaluasi PD (LPPD, LKPI, SAKIP, RB)", "Dok"),
                    ),
                ],
            ),
            keg(
                "2.02",
                "Administrasi Keuangan Perangkat Daerah",
                (2_620_339_808, 2_418_381_643),
                [ind("Persentase penyusunan laporan keuangan yang baik dan tepat waktu")],
                [
                    sub(
                        "0001",
                        "Penyediaan Gaji dan Tunjangan ASN",
                        2_617_303_990,
                        2_415_351_893,
                        ind("Jumlah Pegawai ASN"),
                    ),
                    sub(
                        "0003",
                        "Pelaksanaan Penatausahaan dan Pengujian/Verifikasi Keuangan SKPD",
                        1_249_425,
                        1_247_350,
                        ind("Jumlah Dok. Verifikasi Keuangan"),
                    ),
                    sub(
                        "0005",
                        "Koordinasi dan Penyusunan Laporan Keuangan Akhir Tahun SKPD",
                        840_014,
                        839_800,
                        ind("Jumlah Laporan Keuangan Akhir Tahun SKPD"),
                    ),
                    sub(
                        "0007",
                        "Koordinasi dan Penyusunan Laporan Keuangan Bulanan/Triwulanan/Semesteran SKPD",
                        946_379,
                        942_600,
                        ind("Jumlah Laporan Bulanan/Triwulanan/Semesteran SKPD"),
                    ),
                ],
            ),
            keg(
                "2.05",
                "Administrasi Kepegawaian Perangkat Daerah",
                (3_802_000, 2_670_000),
                [ind("Persentase pengelolaan rekam jejak dan promosi jabatan ASN")],
                [
                    sub(
                        "0011",
                        "Bimbingan Teknis Implementasi Peraturan Perundang-Undangan",
                        3_802_000,
                        2_670_000,
                        ind("Jumlah ASN yang mengikuti Bimtek implementasi perundang-undangan", "ASN"),
                    ),
                ],
            ),
            keg(
                "2.06",
                "Administrasi Umum Perangkat Daerah",
                (114_634_782, 114_492_815),
                [ind("Persentase pengadaan barang penunjang kegiatan Perangkat Daerah")],
                [
                    sub(
                        "0001",
                        "Penyediaan Komponen Instalasi Listrik/Penerangan Bangunan Kantor",
                        6_374_315,
                        6_370_000,
                        ind("Jumlah komponen listrik yang disediakan", "Unit"),
                    ),
                    sub(
                        "0002",
                        "Penyediaan Peralatan dan Perlengkapan Kantor",
                        15_838_793,
                        15_837_050,
                        ind("Jumlah peralatan dan perlengkapan kantor yang disediakan", "Unit"),
                    ),
                    sub(
                        "0004",
                        "Penyediaan Bahan Logistik Kantor",
                        5_719_104,
                        5_706_625,
                        ind("Jumlah alat tulis kantor", "Unit"),
                    ),
                    sub(
                        "0005",
                        "Penyediaan Barang Cetakan dan Penggandaan",
                        5_766_250,
                        5_765_950,
                        ind("Jumlah barang cetakan yang disediakan", "Unit"),
                        ind("Jumlah belanja penggandaan yang disediakan", "Lembar"),
                    ),
                    sub(
                        "0006",
                        "Penyediaan Bahan Bacaan dan Peraturan Perundang-undangan",
                        3_600_000,
                        3_600_000,
                        ind("Jumlah bahan bacaan yang disediakan", "Eksemplar"),
                    ),
                    sub(
                        "0008",
                        "Fasilitasi Kunjungan Tamu",
                        4_800_000,
                        4_800_000,
                        ind("Jumlah pemenuhan makanan dan minuman kunjungan tamu", "OK"),
                    ),
                    sub(
                        "0009",
                        "Penyelenggaraan Rapat Koordinasi dan Konsultasi SKPD",
                        72_536_320,
                        72_413_190,
                        ind("Jumlah pemenuhan makanan dan minuman rapat", "OK"),
                        ind("Jumlah rapat koordinasi dan konsultasi dalam daerah", "OK"),
                        ind("Jumlah rapat koordinasi dan konsultasi luar daerah", "OK"),
                        ind("Jumlah kebutuhan BBM"),
                    ),
                ],
            ),
            keg(
                "2.07",
                "Pengadaan Barang Milik Daerah Penunjang Urusan Pemerintah Daerah",
                (129_553_700, 120_408_000),
                [ind("Persentase Pengadaan Barang Milik Daerah")],
                [
                    sub(
                        "0002",
                        "Pengadaan Kendaraan Dinas Operasional atau Lapangan",
                        66_000_000,
                        61_200_000,
                        ind("Jumlah kendaraan dinas R4 yang disewa", "Unit"),
                        ind("Jumlah pengadaan kendaraan dinas R2", "Unit"),
                    ),
                    sub(
                        "0006",
                        "Pengadaan Peralatan dan Mesin Lainnya",
                        63_553_700,
                        59_208_000,
                        ind("Jumlah pengadaan peralatan dan mesin", "Unit"),
                    ),
                ],
            ),
            keg(
                "2.08",
                "Penyediaan Jasa Penunjang Urusan Pemerintahan Daerah",
                (97_247_129, 97_212_439),
                [ind("Persentase penyediaan jasa perkantoran")],
                [
                    sub(
                        "0001",
                        "Penyediaan Jasa Surat Menyurat",
                        17_099_129,
                        17_092_825,
                        ind("Jumlah surat yang terkirim", "Surat"),
                    ),
                    sub(
                        "0002",
                        "Penyediaan Jasa Komunikasi, Sumber Daya Air dan Listrik",
                        47_148_000,
                        47_119_614,
                        ind("Cakupan pemenuhan kebutuhan listrik, air, dan komunikasi", "Bulan"),
                    ),
                    sub(
                        "0004",
                        "Penyediaan Jasa Pelayanan Umum Kantor",
                        33_000_000,
                        33_000_000,
                        ind("Cakupan penyediaan jasa pelayanan umum kantor", "Bulan"),
                        ind("Jumlah penyediaan jasa pelayanan umum kantor", "Macam"),
                        ind("Jumlah tenaga kebersihan, tenaga administrasi dan tenaga waker"),
                    ),
                ],
            ),
            keg(
                "2.09",
                "Pemeliharaan Barang Milik Daerah Penunjang Urusan Pemerintahan Daerah",
                (92_000_800, 88_906_200),
                [ind("Persentase pemeliharaan Barang Milik Daerah yang dipelihara")],
                [
                    sub(
                        "0002",
                        "Penyediaan Jasa Pemeliharaan, Biaya Pemeliharaan, Pajak dan Perizinan Kendaraan Dinas "
                        "Operasional atau Lapangan",
                        5_600_000,
                        5_600_000,
                        ind("Jumlah kendaraan dinas/operasional yang dipelihara", "unit"),
                        ind("Jumlah kendaraan dinas yang mendapatkan perizinan kendaraan", "unit"),
                    ),
                    sub(
                        "0006",
                        "Pemeliharaan Peralatan dan Mesin Lainnya",
                        9_400_000,
                        9_398_700,
                        ind("Jumlah peralatan dan mesin lainnya yang dipelihara", "unit"),
                    ),
                    sub(
                        "0009",
                        "Pemeliharaan/Rehabilitasi Gedung Kantor dan Bangunan Lainnya",
                        77_000_800,
                        73_907_500,
                        ind("Jumlah gedung kantor dan rumah dinas yang dipelihara", "unit"),
                    ),
                ],
            ),
            keg(
                "2.10",
                "Penataan Organisasi",
                (8_492_446, 8_476_500),
                [ind("Persentase fasilitasi pelayanan publik yang baik")],
                [
                    sub(
                        "0001",
                        "Fasilitasi Pelayanan Publik dan Tata Laksana",
                        8_492_446,
                        8_476_500,
                        ind("Jumlah dokumen SKM", "dok"),
                        ind("Jumlah promosi pelayanan publik Perangkat Daerah"),
                    ),
                ],
            ),
        ],
    ),
    prog(
        "02",
        "Penyelenggaraan Pemerintahan dan Pelayanan Publik",
        "S1",
        14_566_373,
        (14_866_373, 14_835_750),
        [
            ind("Persentase rekomendasi administrasi pelayanan umum yang ditindaklanjuti tepat waktu"),
            ind("Persentase pengaduan masyarakat yang ditindaklanjuti"),
        ],
        [
            keg(
                "2.02",
                "Penyelenggaraan Urusan Pemerintahan yang Tidak Dilaksanakan oleh Unit Kerja Perangkat Daerah yang ada "
                "di Kecamatan",
                (14_866_373, 14_835_750),
                [ind("Persentase rekomendasi administrasi pelayanan umum yang ditindaklanjuti tepat waktu")],
                [
                    sub(
                        "0003",
                        "Peningkatan Efektifitas Pelaksanaan Pelayanan kepada Masyarakat di Wilayah Kecamatan",
                        14_866_373,
                        14_835_750,
                        ind(
                            "Persentase permohonan administrasi layanan umum yang diproses",
                            "%",
                            rumus="Jumlah pelayanan yang diproses / jumlah pelayanan diterima × 100%",
                        ),
                    ),
                ],
            ),
        ],
    ),
    prog(
        "03",
        "Pemberdayaan Masyarakat Desa dan Kelurahan",
        "S2",
        74_959_903,
        (74_959_903, 74_912_550),
        [
            ind("Persentase partisipasi masyarakat dalam kegiatan pembangunan"),
            ind("Persentase pembangunan dan pemberdayaan masyarakat kelurahan yang difasilitasi"),
        ],
        [
            keg(
                "2.01",
                "Koordinasi Kegiatan Pemberdayaan Desa",
                None,  # the seed leaves this row blank
                [ind("Persentase usulan program kegiatan pembangunan desa secara prioritas")],
                [
                    sub(
                        "0001",
                        "Peningkatan Partisipasi Masyarakat dalam Forum Musyawarah Perencanaan Pembangunan di Desa",
                        34_373_450,
                        34_333_900,
                        ind("Jumlah usulan program kegiatan pembangunan desa yang difasilitasi"),
                    ),
                    sub(
                        "0003",
                        "Peningkatan Efektifitas Kegiatan Pemberdayaan Masyarakat di Wilayah Kecamatan",
                        40_586_453,
                        40_578_650,
                        ind("Jumlah PKK desa binaan yang tertib administrasi"),
                        ind("Laporan hasil koordinasi PKK tingkat Kecamatan"),
                    ),
                ],
            ),
        ],
    ),
    prog(
        "04",
        "Koordinasi Ketentraman dan Ketertiban Umum",
        "S2",
        57_825_000,
        (57_825_000, 57_825_000),
        [
            ind("Persentase Penurunan Gangguan Kamtibmas", rumus=RUMUS_KAMTIBMAS),
            ind("Persentase koordinasi ketentraman dan ketertiban umum"),
        ],
        [
            keg(
                "2.01",
                "Koordinasi Upaya Penyelenggaraan Ketentraman dan Ketertiban Umum",
                (57_825_000, 57_825_000),
                [ind("Persentase desa dengan Satuan Perlindungan Masyarakat yang aktif")],
                [
                    sub(
                        "0001",
                        "Sinergitas dengan Kepolisian Negara Republik Indonesia, Tentara Nasional Indonesia dan "
                        "Instansi Vertikal di Wilayah Kecamatan",
                        54_000_000,
                        54_000_000,
                        ind("Jumlah Siskamling desa aktif"),
                    ),
                    sub(
                        "0002",
                        "Harmonisasi Hubungan dengan Tokoh Agama dan Tokoh Masyarakat",
                        3_825_000,
                        3_825_000,
                        ind(
                            "Jumlah frekuensi koordinasi forum komunikasi pimpinan kecamatan dengan tokoh agama dan "
                            "tokoh masyarakat"
                        ),
                    ),
                ],
            ),
        ],
    ),
    prog(
        "06",
        "Pembinaan dan Pengawasan Pemerintahan Desa",
        "S2",
        19_889_493,
        (19_889_493, 19_876_100),
        [
            ind("Persentase kualitas tata kelola penataan desa"),
            ind("Persentase fasilitasi desa yang dievaluasi APBDes-nya"),
        ],
        [
            keg(
                "2.01",
                "Fasilitasi, Rekomendasi dan Koordinasi Pembinaan dan Pengawasan Pemerintahan Desa",
                (19_889_493, 19_876_100),
                [ind("Persentase kegiatan perekonomian desa yang difasilitasi")],
                [
                    sub(
                        "0002",
                        "Fasilitasi Administrasi Tata Pemerintahan Desa",
                        7_325_895,
                        7_313_500,
                        ind("Jumlah desa yang dibina administrasinya", rumus=CATATAN_ADMINISTRASI_DESA),
                    ),
                    sub(
                        "0003",
                        "Fasilitasi Pengelolaan Keuangan Desa dan Pendayagunaan Aset Desa",
                        12_563_598,
                        12_562_600,
                        ind("Jumlah Dok. Evaluasi APBDes", rumus=CATATAN_EVALUASI_APBDES),
                    ),
                ],
            ),
        ],
    ),
]


# --------------------------------------------------------------------------------------------------------------------
# Tabel 1.1 Pemetaan Permasalahan
# --------------------------------------------------------------------------------------------------------------------

ISU_ROWS = [
    (
        "Pelayanan terhadap masyarakat kurang optimal",
        [
            (
                "Kondisi sarana pelayanan yang kurang memadai",
                "Faktor internal: keterbatasan SDM pada Kecamatan Torjun dalam melaksanakan fungsi pelayanan. "
                "Faktor eksternal: kurang optimalnya kekuatan server pelayanan dari dinas terkait, "
                "yaitu Dispendukcapil.",
            ),
            (
                "Nilai SKM belum memenuhi target yang direncanakan",
                "Faktor internal: kondisi sarana pelayanan yang kurang memadai. "
                "Faktor eksternal: pemahaman masyarakat yang berbeda terhadap prosedur pelayanan.",
            ),
        ],
    ),
    (
        "Gangguan ketentraman masyarakat dan ketertiban umum",
        [
            (
                "Tingkat kriminalitas masih terlalu tinggi",
                "Faktor internal: keterbatasan SDM pada Kecamatan Torjun dalam melaksanakan pengawasan dan "
                "pengamanan lingkungan. Faktor eksternal: kondisi perekonomian yang sangat sulit pasca terjadinya "
                "pandemi Covid-19.",
            ),
        ],
    ),
    (
        "Tata kelola pemerintahan desa yang relatif kurang baik",
        [
            (
                "Pelayanan administrasi di desa kurang optimal",
                "Faktor internal: keterbatasan SDM pada Kecamatan Torjun dalam melaksanakan pembinaan. "
                "Faktor eksternal: kurangnya pemahaman perangkat desa tentang tugas pokok dan fungsinya.",
            ),
        ],
    ),
    (
        "Partisipasi masyarakat dalam kegiatan pembangunan rendah",
        [
            (
                "Tingkat kehadiran dalam Musdes rendah",
                "Faktor internal: kondisi geografis yang kurang mendukung. "
                "Faktor eksternal: kurangnya kesadaran masyarakat tentang pentingnya pembangunan.",
            ),
        ],
    ),
]


# --------------------------------------------------------------------------------------------------------------------
# Narrative (Markdown, in our own words after the seed; figures come from the data, not from these texts)
# --------------------------------------------------------------------------------------------------------------------

NARRATIVE_TEXTS = {
    "kata_pengantar": """\
Kepemerintahan yang baik (*good governance*) menuntut setiap instansi pemerintah mempertanggungjawabkan
keberhasilan maupun kegagalan pelaksanaan misinya. Laporan Kinerja Instansi Pemerintah (LKjIP) Kecamatan Torjun
disusun sebagai wujud akuntabilitas tersebut dan diharapkan dapat dimanfaatkan:

1. sebagai bahan evaluasi akuntabilitas kinerja;
2. untuk menyempurnakan dokumen perencanaan periode berikutnya;
3. untuk menyempurnakan pelaksanaan program dan kegiatan yang akan datang;
4. untuk menyempurnakan berbagai kebijakan yang diperlukan.

Kami menyadari masih banyak kekurangan dalam penyusunan laporan ini. Semoga laporan ini memberi gambaran yang jelas
tentang pertanggungjawaban kinerja Kecamatan Torjun dalam mencapai tujuan dan sasaran strategisnya.""",
    "ikhtisar": """\
Sebagai perangkat daerah yang menyelenggarakan urusan pemerintahan dalam skala wilayah yang lebih kecil, Kecamatan
Torjun bertujuan meningkatkan pelayanan kepada masyarakat di bidang umum, pemerintahan dan pelayanan umum,
pemberdayaan masyarakat dan kesejahteraan sosial, serta ketentraman dan ketertiban.

Kinerja tahun ini diukur melalui dua sasaran strategis yang bermuara pada pelayanan prima: meningkatnya kualitas
pelayanan Kecamatan dan meningkatnya tata kelola administrasi pemerintahan desa dan kelurahan. Hambatan yang
ditemui ditindaklanjuti dengan evaluasi internal dan eksternal pelayanan, monitoring, pemenuhan sarana dan
prasarana, serta perbaikan teknis pelayanan.""",
    "bab1_umum": """\
Pemerintahan yang baik dan bersih memerlukan sistem pertanggungjawaban yang tepat, jelas dan terukur, sebagaimana
diatur dalam ketentuan tentang Sistem Akuntabilitas Kinerja Instansi Pemerintah (SAKIP). LKjIP Kecamatan Torjun
merupakan bentuk pertanggungjawaban pelaksanaan tugas dan fungsi Kecamatan sebagai bagian dari penyelenggaraan
Pemerintahan Kabupaten Sampang dalam mewujudkan visi dan misi daerah.

Laporan ini mengungkapkan target perencanaan, pelaksanaan, pengukuran kinerja, serta analisis faktor keberhasilan
dan kegagalan capaian kinerja. Kecamatan Torjun mendukung strategi RPJMD Kabupaten Sampang: *meningkatkan kualitas
pelayanan publik melalui percepatan reformasi birokrasi serta tata kelola pemerintahan daerah dan desa yang baik
dan bersih melalui penerapan sistem informasi dan teknologi (e-government) secara terpadu*.""",
    "bab1_tugas": """\
Camat membantu Bupati melaksanakan pelayanan publik di tingkat kecamatan: menyelenggarakan urusan pemerintahan
umum, mengoordinasikan pemberdayaan masyarakat, ketentraman dan ketertiban umum, penerapan peraturan daerah,
pemeliharaan prasarana pelayanan umum, serta membina dan mengawasi penyelenggaraan kegiatan desa.

Susunan organisasi Kecamatan Torjun terdiri atas:

- Camat
- Sekretariat, yang membawahi:
  - Sub Bagian Umum dan Kepegawaian
  - Sub Bagian Keuangan
- Seksi Pemerintahan dan Pelayanan Umum
- Seksi Pemberdayaan Masyarakat dan Kesejahteraan Sosial
- Seksi Ketentraman dan Ketertiban""",
    "bab1_isu": """\
Isu strategis dirumuskan dari analisis pelaksanaan tugas dan fungsi Kecamatan, terutama di bidang pelayanan.
Permasalahan diidentifikasi dari kesenjangan antara kinerja pelayanan yang dicapai dan yang direncanakan, lalu
dipetakan menjadi masalah, pokok masalah dan akar masalah. Dengan memahami permasalahan tersebut, program dan
kegiatan yang direncanakan diharapkan mampu mengatasinya atau setidaknya mengurangi dampaknya.""",
    "bab2_renstra": """\
Mengacu pada visi dan misi RPJMD Kabupaten Sampang, Kecamatan Torjun mendukung misi *memperkuat tata kelola
pemerintahan dan desa yang transparan, akuntabel dan berorientasi pada pelayanan publik*. Dukungan itu dijabarkan
menjadi tujuan meningkatnya tata kelola pemerintahan di Kecamatan, dengan dua sasaran: meningkatnya kualitas
pelayanan Kecamatan serta meningkatnya tata kelola administrasi pemerintahan desa dan kelurahan. Renstra
selanjutnya dijabarkan ke dalam Rencana Kerja tahunan yang menjadi acuan Perjanjian Kinerja.""",
    "bab2_pk": """\
Perjanjian Kinerja memuat sasaran strategis, indikator dan target tahunan yang ditandatangani Camat, beserta
anggaran program yang mendukungnya. Perjanjian ini menjadi dasar penyusunan perjanjian kinerja seluruh pegawai di
lingkungan Kecamatan Torjun, dari pejabat tertinggi sampai pelaksana, sesuai tugas, fungsi dan hasil penjabaran
(cascading) kinerja atasannya.""",
    "bab3_capaian": """\
Capaian kinerja diukur dengan membandingkan target indikator sasaran dalam Perjanjian Kinerja dengan realisasinya.
Kecamatan Torjun telah menginisiasi berbagai kebijakan untuk meningkatkan kualitas pelayanan publik: birokrasi
pelayanan makin transparan dan proses bisnis pelayanan dipangkas. Meski menunjukkan perkembangan positif,
reformasi pelayanan tersebut belum sepenuhnya dirasakan oleh masyarakat.""",
    "bab3_anggaran": """\
Anggaran Kecamatan Torjun digunakan untuk melaksanakan program, kegiatan dan sub kegiatan yang dirinci pada tabel
realisasi anggaran. Secara umum program dan kegiatan telah dilaksanakan dengan baik dan serapan anggaran tinggi,
namun keluaran dan hasilnya belum sepenuhnya dirasakan masyarakat. Ke depan perlu ditinjau kembali pemilihan
program dan kegiatan agar anggaran diprioritaskan bagi yang berkontribusi langsung pada sasaran strategis;
serapan yang terlalu rendah pada sub kegiatan tertentu perlu ditelusuri penyebabnya.""",
    "bab4_penutup": """\
LKjIP ini disusun sebagai pertanggungjawaban Kecamatan Torjun atas penyelenggaraan pemerintahan dan menjadi bahan
pengambilan keputusan dalam perencanaan tahun berikutnya. Pengukuran kinerja dipandang sebagai proses pembelajaran
yang berkelanjutan, sehingga indikator kinerja perlu terus dikaji dan dievaluasi agar makin realistis. Masukan dan
saran sangat kami harapkan untuk perbaikan kinerja maupun penyusunan laporan di masa mendatang.""",
}

ANALISIS_TEXTS = {
    "S1": """\
Indeks Kepuasan Masyarakat diperoleh melalui survei kepuasan masyarakat terhadap pelayanan di Kecamatan Torjun.
Nilainya dihitung dari total nilai persepsi per unsur dibagi total unsur yang terisi. Keberhasilan sasaran ini
didukung oleh pelayanan yang makin transparan dan proses bisnis pelayanan yang dipangkas.

**Permasalahan**

Tuntutan terhadap kualitas pelayanan publik makin tinggi seiring makin kritisnya masyarakat. Sarana pelayanan
belum sepenuhnya memadai dan pemahaman masyarakat terhadap prosedur pelayanan masih beragam.

**Solusi**

1. Meningkatkan kualitas perilaku dan profesionalisme aparatur.
2. Menyusun kebijakan pelayanan publik yang sederhana dan tidak berbelit-belit.
3. Meningkatkan fasilitas yang menunjang kualitas pelayanan publik.""",
    "S2": """\
Sasaran tata kelola administrasi pemerintahan desa dan kelurahan tercapai berkat pembinaan dan pengawasan
pemerintahan desa, fasilitasi administrasi tata pemerintahan desa, serta fasilitasi pengelolaan keuangan dan aset
desa, termasuk evaluasi APBDes.

**Permasalahan**

- Pelayanan administrasi di desa belum optimal.
- SDM Kecamatan untuk melaksanakan pembinaan masih terbatas.
- Perangkat desa belum sepenuhnya memahami tugas pokok dan fungsinya.

**Solusi**

- Melanjutkan pembinaan dan fasilitasi administrasi pemerintahan desa secara berkala.
- Meningkatkan pemahaman perangkat desa tentang tugas pokok dan fungsinya melalui koordinasi dan bimbingan.
- Memantau tindak lanjut hasil evaluasi APBDes.""",
}


# --------------------------------------------------------------------------------------------------------------------
# Notes: choices made where the seed contradicts itself or is unclear
# --------------------------------------------------------------------------------------------------------------------

NOTES = [
    "Laporan sumber berjudul 'Tahun 2023' di sampul dan lampiran, tetapi isinya kinerja tahun 2022 "
    "(ditandatangani 06 Maret 2023); buku kerja memakai tahun laporan 2022.",
    "Periode Renstra dicatat 2019–2024 sesuai Tabel 2.2; laporan juga menyebut RPJMD 2021–2024 dan menyebut tahun "
    "2022 sebagai 'tahun kedua' Renstra.",
    "Target Nilai SAKIP Kecamatan tahun 2022 tercetak ',66' di Tabel 2.2; dibaca sebagai 66.",
    "Tanda '-' yang menempel pada angka IKM di Tabel 2.2 ('80,40 -', '-81,05', '81,55-') dianggap salah ketik: "
    "kondisi awal 80,40, target 2019 81,05 dan 2020 81,55 (bukan bilangan negatif).",
    "Nilai SAKIP Kecamatan tidak memiliki kondisi awal maupun realisasi di laporan; dibiarkan kosong.",
    "Realisasi 2018–2020 kedua indikator sasaran tertulis '-' di Tabel 3.2 (perbandingan); dibiarkan kosong.",
    "Penempatan program mengikuti Tabel 1.2: program 7.01.02 di bawah sasaran S1; program 7.01.01, 7.01.04 dan "
    "7.01.06 di bawah sasaran S2 (blok tata kelola pemerintahan desa).",
    "Di Tabel 1.2 program 7.01.03 (Pemberdayaan Masyarakat Desa dan Kelurahan) berada di bawah sasaran "
    "'Meningkatnya kemajuan dan kemandirian desa' (indikator Persentase Desa Maju) yang tidak ada di Renstra "
    "(Tabel 2.1); program ini ditempatkan di bawah sasaran S2.",
    "Tabel 1.2 memakai rumusan tujuan dan sasaran yang berbeda dari Renstra (mis. 'Meningkatnya Kualitas Pelayanan "
    "Tingkat Kecamatan', 'Meningkatnya tata kelola pemerintahan desa'); buku kerja memakai rumusan Tabel 2.1/2.2.",
    "Tabel 3.4 memasangkan sasaran S1 dengan anggaran sub kegiatan Fasilitasi Pelayanan Publik dan Tata Laksana "
    "(bukan program 7.01.02 yang di Tabel 1.2 mendukung S1) dan sasaran S2 dengan program 7.01.03 saja; "
    "rujukan anggaran sasaran (budget_refs) mengikuti Tabel 3.4.",
    "Kode kegiatan dan sub kegiatan program penunjang 7.01.01 mengikuti penomoran baku Permendagri 90/2019; "
    "kode kegiatan Penataan Organisasi 7.01.01.2.10 dan sub kegiatan Fasilitasi Pelayanan Publik dan Tata Laksana "
    "7.01.01.2.10.0001 disusun menurut urutan laporan; periksa dengan Kepmendagri 050-5889.",
    "Kode kegiatan 7.01.03.2.01, 7.01.04.2.01, 7.01.06.2.01 dan sub kegiatan 7.01.03.2.01.0001, "
    "7.01.03.2.01.0003, 7.01.04.2.01.0001, 7.01.06.2.01.0002, 7.01.06.2.01.0003 diambil dari nomenklatur yang "
    "lazim dipakai; kode 7.01.04.2.01.0002 (Harmonisasi Hubungan dengan Tokoh Agama dan Tokoh Masyarakat) disusun "
    "menurut urutan laporan; periksa semuanya dengan Kepmendagri 050-5889.",
    "Nama program, kegiatan dan sub kegiatan ditulis menurut nomenklatur resmi; salah ketik laporan diperbaiki "
    "('Pemeintahan', 'Tewntara', 'kendaran dinasoperasional', 'ahir', 'Adminstrasi', 'Presentase', "
    "'Sinergisitas'; di Tabel 1.1 'Disedukcapil' ditulis 'Dispendukcapil'); sub kegiatan pengelolaan keuangan "
    "desa ditulis 'dan Pendayagunaan Aset Desa' seperti Tabel 1.2 (tabel anggaran menulis 'atau').",
    "Sub kegiatan Tabel 1.2 yang tidak ada di tabel realisasi anggaran tidak dimasukkan ke cascading: Sinkronisasi "
    "Program Kerja dan Kegiatan Pemberdayaan Masyarakat, Pemberdayaan Masyarakat di Kelurahan, Pelaksanaan "
    "Pemeliharaan Prasarana dan Fasilitas Pelayanan Umum yang Melibatkan Pihak Swasta, Pelaksanaan Urusan "
    "Pemerintahan yang terkait dengan Non Perizinan, Fasilitasi Pelaksanaan Pemilihan Kepala Desa, Fasilitasi "
    "Penyusunan Peraturan Desa dan Peraturan Kepala Desa, Penyediaan Administrasi Pelaksanaan Tugas ASN, Penyusunan "
    "Perencanaan Kebutuhan Barang Milik Daerah SKPD, Rekonsiliasi dan Penyusunan Laporan BMD pada SKPD, Penyediaan "
    "Peralatan Rumah Tangga, Pengadaan Mebel, Pengadaan Sarana dan Prasarana Pendukung Gedung Kantor atau Bangunan "
    "Lainnya, Penyediaan Jasa Pemeliharaan, Biaya Pemeliharaan, dan Pajak Kendaraan Perorangan Dinas atau Kendaraan "
    "Dinas Jabatan, Pemeliharaan Mebel, Pemeliharaan/Rehabilitasi Sarana dan Prasarana Gedung Kantor atau Bangunan "
    "Lainnya.",
    "Kegiatan Tabel 1.2 yang tidak ada di tabel realisasi anggaran juga tidak dimasukkan: Koordinasi Pemeliharaan "
    "Prasarana dan Sarana Pelayanan Umum, Pelaksanaan Urusan Pemerintahan yang Dilimpahkan kepada Camat, dan "
    "Administrasi Barang Milik Daerah pada Perangkat Daerah; cascading berisi 5 program, 12 kegiatan dan 34 sub "
    "kegiatan sesuai tabel realisasi anggaran.",
    "Baris Tabel 1.2 'Fasilitasi desa yang dibina administrasinya' dianggap lanjutan indikator 'Jumlah desa yang "
    "dibina administrasinya', bukan sub kegiatan tersendiri; indikator program 'Persentase Kualitas Tata Kelola "
    "Penataan Desa' yang tercetak dua kali dicatat sekali.",
    "Satuan indikator Tabel 1.2 diambil dari kolom Keterangan bila ada ('Exlemplar' ditulis 'Eksemplar'); bila "
    "kosong atau berisi catatan, satuan dibiarkan kosong dan catatannya disimpan pada kolom rumus.",
    "Rumus indikator program 'Persentase Penurunan Gangguan Kamtibmas' dicatat seperti tertulis di Tabel 1.2; "
    "rumus itu bernilai negatif bila gangguan menurun, padahal nama indikatornya 'penurunan'; arah dicatat positif, "
    "periksa rumusnya.",
    "Target dan realisasi indikator program, kegiatan dan sub kegiatan tidak ada di laporan; dibiarkan kosong.",
    "Baris kegiatan 'Koordinasi Kegiatan Pemberdayaan Desa' di tabel realisasi anggaran kosong; jumlahnya dihitung "
    "dari kedua sub kegiatannya dan sama dengan baris program 7.01.03.",
    "Tabel realisasi anggaran mencantumkan jumlah seluruhnya pada baris 'Belanja Tidak Langsung'; buku kerja "
    "menghitung jumlah dari sub kegiatan.",
    "Anggaran PK (BAB II B) adalah pagu awal dan dicatat sebagai pagu_pk pada program; tabel realisasi memakai pagu "
    "setelah perubahan. Keduanya berbeda untuk program 7.01.01 (PK Rp 2.991.517.997, tabel realisasi "
    "Rp 3.080.095.712) dan 7.01.02 (PK Rp 14.566.373, tabel realisasi Rp 14.866.373); keduanya disimpan.",
    "BAB II B menyebut 32 sub kegiatan, sedangkan tabel realisasi anggaran dan BAB III B memuat 34; buku kerja "
    "memuat 34.",
    "Ikhtisar menulis capaian sasaran 2 '75% atau 100%' padahal realisasi sama dengan target; Tabel 3.1 mencetak "
    "capaian IKM 100%. Capaian dihitung dari data, tidak disalin dari laporan.",
    "Tabel 3.3 mencetak tingkat kemajuan IKM 99,06; dari data (realisasi 2022 dibagi target akhir Renstra) hasilnya "
    "99,43. Tingkat kemajuan dihitung dari data.",
    "Tabel 3.5 mencetak realisasi IKM pada kolom persentase capaian, mencetak serapan S1 99,9 (Tabel 3.4: 99) dan "
    "membiarkan tingkat efisiensi kosong; serapan, capaian dan efisiensi dihitung dari data.",
    "Persentase serapan yang tercetak di tabel realisasi anggaran dibulatkan tidak seragam (mis. Pemeliharaan Barang "
    "Milik Daerah 96,63%, dari data 96,64%); persentase tidak disimpan, dihitung dari pagu dan realisasi.",
    "Tidak ada analisis tersendiri untuk sasaran S2 di laporan (hanya disebut berhasil); teks Analisis Sasaran 2 "
    "disusun dari Tabel 1.1 (masalah tata kelola pemerintahan desa) dan kegiatan program pembinaan desa.",
]


# --------------------------------------------------------------------------------------------------------------------
# Builders
# --------------------------------------------------------------------------------------------------------------------


def _indicator(node_id: str, n: int, spec: dict[str, Any]) -> dict:
    indicator = new_indicator(
        f"{node_id}/{n}",
        spec["name"],
        satuan=spec["satuan"],
        arah=spec.get("arah", "positif"),
        rumus=spec.get("rumus", ""),
        kondisi_awal=spec.get("kondisi_awal"),
        target_akhir=spec.get("target_akhir"),
    )
    targets, realisasi = spec.get("target", {}), spec.get("realisasi", {})
    for year in sorted(set(targets) | set(realisasi)):
        indicator["years"][year] = {"target": targets.get(year), "realisasi": realisasi.get(year)}
    return indicator


def _node(node_id: str, level: str, name: str, parent: str | None, order: int, specs: list[dict[str, Any]]) -> dict:
    code = node_id if level in ("program", "kegiatan", "subkegiatan") else ""
    node = new_node(node_id, level, name, parent=parent, code=code, order=order)  # type: ignore[arg-type]
    node["indicators"] = [_indicator(node_id, n, spec) for n, spec in enumerate(specs, start=1)]
    return node


def _cascade() -> list[dict]:
    nodes = [_node(TUJUAN["id"], "tujuan", TUJUAN["name"], None, 1, TUJUAN["indicators"])]
    for order, sasaran in enumerate(SASARAN, start=1):
        node = _node(sasaran["id"], "sasaran", sasaran["name"], TUJUAN["id"], order, sasaran["indicators"])
        node["budget_refs"] = list(sasaran["budget_refs"])
        nodes.append(node)
    for sasaran in SASARAN:
        under = sorted((p for p in PROGRAMS if p["sasaran"] == sasaran["id"]), key=lambda p: p["code"])
        for p_order, p in enumerate(under, start=1):
            p_id = f"{URUSAN}.{p['code']}"
            program = _node(p_id, "program", p["name"], sasaran["id"], p_order, p["indicators"])
            program["budget"][TAHUN] = {"pagu_pk": p["pagu_pk"]}
            nodes.append(program)
            for k_order, k in enumerate(p["kegiatan"], start=1):
                k_id = f"{p_id}.{k['code']}"
                nodes.append(_node(k_id, "kegiatan", k["name"], p_id, k_order, k["indicators"]))
                for s_order, s in enumerate(k["subs"], start=1):
                    s_id = f"{k_id}.{s['code']}"
                    node = _node(s_id, "subkegiatan", s["name"], k_id, s_order, s["indicators"])
                    node["budget"][TAHUN] = {"pagu": s["pagu"], "realisasi": s["realisasi"]}
                    nodes.append(node)
    return nodes


def _rupiah(value: int) -> str:
    return "Rp " + f"{value:,}".replace(",", ".")


def _mismatch(label: str, printed: tuple[int, int] | None, sums: tuple[int, int]) -> list[str]:
    if printed is None or printed == sums:
        return []
    return [
        f"Subtotal {label} yang tercetak ({_rupiah(printed[0])} / {_rupiah(printed[1])}) tidak sama dengan jumlah "
        f"sub kegiatannya ({_rupiah(sums[0])} / {_rupiah(sums[1])}); angka sub kegiatan yang dipakai."
    ]


def _subtotal_notes() -> list[str]:
    """A note for every kegiatan or program subtotal printed in the seed that is not the sum of its sub kegiatan."""
    notes = []
    for p in PROGRAMS:
        p_pagu = p_real = 0
        for k in p["kegiatan"]:
            k_pagu, k_real = sum(s["pagu"] for s in k["subs"]), sum(s["realisasi"] for s in k["subs"])
            p_pagu, p_real = p_pagu + k_pagu, p_real + k_real
            notes += _mismatch(f"kegiatan {URUSAN}.{p['code']}.{k['code']}", k["printed"], (k_pagu, k_real))
        notes += _mismatch(f"program {URUSAN}.{p['code']}", p["printed"], (p_pagu, p_real))
    return notes


def _isu() -> dict[str, dict]:
    return {
        str(n): {
            "id": f"M{n}",
            "order": n,
            "masalah": masalah,
            "items": [{"pokok": pokok, "akar": akar} for pokok, akar in items],
            "rev": 1,
        }
        for n, (masalah, items) in enumerate(ISU_ROWS, start=1)
    }


def demo_document() -> dict:
    """A complete workbook document holding every figure of the seed report (a fresh object on every call)."""
    meta = new_meta(
        instansi="Kecamatan Torjun", pemda="Kabupaten Sampang", periode_awal=2019, periode_akhir=2024, tahun=2022
    )
    meta["profile"].update(
        kepala_nama="SAFFAK,SE.MM.",
        kepala_nip="197807142005011012",
        kepala_jabatan="CAMAT TORJUN",
        tempat="Sampang",
        tanggal="06 Maret 2023",
    )
    subtotal_notes = _subtotal_notes() or [
        "Semua subtotal kegiatan dan program yang tercetak di tabel realisasi anggaran sama dengan jumlah sub "
        "kegiatannya."
    ]
    meta["notes"] = [*NOTES, *subtotal_notes]

    doc = new_document(meta)
    doc[NODES] = {str(n): node for n, node in enumerate(_cascade(), start=1)}
    doc[ISU] = _isu()
    for record in doc[NARRATIVE].values():
        record["text"] = NARRATIVE_TEXTS[record["key"]]
    start = len(doc[NARRATIVE]) + 1
    for n, sasaran in enumerate(SASARAN):
        doc[NARRATIVE][str(start + n)] = {
            "key": f"analisis:{sasaran['id']}",
            "title": f"Analisis Sasaran {n + 1}",
            "text": ANALISIS_TEXTS[sasaran["id"]],
            "rev": 1,
        }
    return doc
