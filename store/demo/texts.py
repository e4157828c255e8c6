"""The demo's Tabel 1.1 rows, narrative sections and notes (Indonesian)."""

from __future__ import annotations

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
