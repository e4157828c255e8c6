"""Programs, kegiatan and sub kegiatan of the demo: Tabel 3.2 Realisasi Anggaran 2022 (figures), Tabel 1.2
(indicators), BAB II B (pagu_pk), in the order of the seed's budget table."""

from __future__ import annotations

from .penunjang import PENUNJANG
from .specs import ind, keg, prog, sub

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
    PENUNJANG,
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
