"""Texts of the appraisal domain: ratings, predikat, statuses, BerAKHLAK, pola distribusi, periods.

Keys are the ones the modules of ``domain/appraisal/`` name (``text_key``,
``BerakhlakValue.*_key``, ``DistributionLimit.text_key``). The Indonesian BerAKHLAK texts follow
reference/DOMAIN.md §2.9 word for word (the panduan perilaku as printed in SKP forms); the meanings
of Adaptif and Kolaboratif, cut off in the reference, follow the UU 20/2023 wording as quoted in
public code. Distribution warnings take ``{actual}``, ``{allowed}``, ``{count}``, ``{total}``.
"""

from __future__ import annotations

from typing import Final

ID: Final[dict[str, str]] = {
    # Ratings (PermenPANRB 6/2022)
    "appraisal.rating.di_atas": "Di Atas Ekspektasi",
    "appraisal.rating.sesuai": "Sesuai Ekspektasi",
    "appraisal.rating.di_bawah": "Di Bawah Ekspektasi",
    # Predikat kinerja pegawai
    "appraisal.predikat.sangat_baik": "Sangat Baik",
    "appraisal.predikat.baik": "Baik",
    "appraisal.predikat.butuh_perbaikan": "Butuh Perbaikan",
    "appraisal.predikat.kurang": "Kurang/Misconduct",
    "appraisal.predikat.sangat_kurang": "Sangat Kurang",
    # Status of one appraisal
    "appraisal.status.not_started": "Belum dimulai",
    "appraisal.status.in_progress": "Sedang diisi",
    "appraisal.status.submitted": "Sudah dikirim",
    "appraisal.status.assessed": "Sudah dinilai",
    "appraisal.status.acknowledged": "Sudah dikonfirmasi pegawai",
    "appraisal.status.objected": "Keberatan diajukan",
    "appraisal.status.decided": "Keberatan sudah diputuskan",
    # SKP
    "skp.kind.utama": "Utama",
    "skp.kind.tambahan": "Tambahan",
    # BerAKHLAK
    "berakhlak.berorientasi_pelayanan.name": "Berorientasi Pelayanan",
    "berakhlak.berorientasi_pelayanan.meaning": (
        "komitmen memberikan pelayanan prima demi kepuasan masyarakat"
    ),
    "berakhlak.berorientasi_pelayanan.panduan.1": "Memahami dan memenuhi kebutuhan masyarakat",
    "berakhlak.berorientasi_pelayanan.panduan.2": "Ramah, cekatan, solutif, dan dapat diandalkan",
    "berakhlak.berorientasi_pelayanan.panduan.3": "Melakukan perbaikan tiada henti",
    "berakhlak.akuntabel.name": "Akuntabel",
    "berakhlak.akuntabel.meaning": "bertanggung jawab atas kepercayaan yang diberikan",
    "berakhlak.akuntabel.panduan.1": (
        "Melaksanakan tugas dengan jujur, bertanggung jawab, cermat, disiplin dan berintegritas"
        " tinggi"
    ),
    "berakhlak.akuntabel.panduan.2": (
        "Menggunakan kekayaan dan barang milik negara secara bertanggung jawab, efektif, dan"
        " efisien"
    ),
    "berakhlak.akuntabel.panduan.3": "Tidak menyalahgunakan kewenangan jabatan",
    "berakhlak.kompeten.name": "Kompeten",
    "berakhlak.kompeten.meaning": "terus belajar dan mengembangkan kapabilitas",
    "berakhlak.kompeten.panduan.1": (
        "Meningkatkan kompetensi diri untuk menjawab tantangan yang selalu berubah"
    ),
    "berakhlak.kompeten.panduan.2": "Membantu orang lain belajar",
    "berakhlak.kompeten.panduan.3": "Melaksanakan tugas dengan kualitas terbaik",
    "berakhlak.harmonis.name": "Harmonis",
    "berakhlak.harmonis.meaning": "saling peduli dan menghargai perbedaan",
    "berakhlak.harmonis.panduan.1": "Menghargai setiap orang apapun latar belakangnya",
    "berakhlak.harmonis.panduan.2": "Suka menolong orang lain",
    "berakhlak.harmonis.panduan.3": "Membangun lingkungan kerja yang kondusif",
    "berakhlak.loyal.name": "Loyal",
    "berakhlak.loyal.meaning": "berdedikasi dan mengutamakan kepentingan bangsa dan negara",
    "berakhlak.loyal.panduan.1": (
        "Memegang teguh ideologi Pancasila, UUD NRI 1945, setia kepada NKRI serta pemerintahan"
        " yang sah"
    ),
    "berakhlak.loyal.panduan.2": ("Menjaga nama baik sesama ASN, Pimpinan, Instansi, dan Negara"),
    "berakhlak.loyal.panduan.3": "Menjaga rahasia jabatan dan negara",
    "berakhlak.adaptif.name": "Adaptif",
    "berakhlak.adaptif.meaning": (
        "terus berinovasi dan antusias dalam menggerakkan serta menghadapi perubahan"
    ),
    "berakhlak.adaptif.panduan.1": "Cepat menyesuaikan diri menghadapi perubahan",
    "berakhlak.adaptif.panduan.2": "Terus berinovasi dan mengembangkan kreativitas",
    "berakhlak.adaptif.panduan.3": "Bertindak proaktif",
    "berakhlak.kolaboratif.name": "Kolaboratif",
    "berakhlak.kolaboratif.meaning": "membangun kerja sama yang sinergis",
    "berakhlak.kolaboratif.panduan.1": (
        "Memberi kesempatan kepada berbagai pihak untuk berkontribusi"
    ),
    "berakhlak.kolaboratif.panduan.2": (
        "Terbuka dalam bekerja sama untuk menghasilkan nilai tambah"
    ),
    "berakhlak.kolaboratif.panduan.3": (
        "Menggerakkan pemanfaatan berbagai sumber daya untuk tujuan bersama"
    ),
    # Predikat kinerja organisasi
    "appraisal.org_predikat.istimewa": "Istimewa",
    "appraisal.org_predikat.baik": "Baik",
    "appraisal.org_predikat.butuh_perbaikan": "Butuh Perbaikan/Cukup",
    "appraisal.org_predikat.kurang": "Kurang",
    "appraisal.org_predikat.sangat_kurang": "Sangat Kurang",
    # Pola distribusi (warnings)
    "appraisal.distribution.istimewa.sangat_baik_max": (
        "Organisasi Istimewa: pegawai Sangat Baik paling banyak {allowed}%,"
        " saat ini {actual}% ({count} dari {total} pegawai)."
    ),
    "appraisal.distribution.baik.baik_max": (
        "Organisasi Baik: pegawai Baik paling banyak {allowed}%,"
        " saat ini {actual}% ({count} dari {total} pegawai)."
    ),
    "appraisal.distribution.baik.needs_butuh_perbaikan_or_kurang": (
        "Organisasi Baik: harus ada pegawai dengan predikat Butuh Perbaikan dan/atau"
        " Kurang/Misconduct, saat ini {actual}% ({count} dari {total} pegawai)."
    ),
    "appraisal.distribution.butuh_perbaikan.butuh_perbaikan_min": (
        "Organisasi Butuh Perbaikan/Cukup: pegawai Butuh Perbaikan paling sedikit {allowed}%,"
        " saat ini {actual}% ({count} dari {total} pegawai)."
    ),
    "appraisal.distribution.butuh_perbaikan.sangat_baik_max": (
        "Organisasi Butuh Perbaikan/Cukup: pegawai Sangat Baik paling banyak {allowed}%,"
        " saat ini {actual}% ({count} dari {total} pegawai)."
    ),
    "appraisal.distribution.kurang.kurang_min": (
        "Organisasi Kurang: pegawai Kurang/Misconduct paling sedikit {allowed}%,"
        " saat ini {actual}% ({count} dari {total} pegawai)."
    ),
    "appraisal.distribution.kurang.butuh_perbaikan_min": (
        "Organisasi Kurang: pegawai Butuh Perbaikan paling sedikit {allowed}%,"
        " saat ini {actual}% ({count} dari {total} pegawai)."
    ),
    "appraisal.distribution.kurang.sangat_baik_max": (
        "Organisasi Kurang: pegawai Sangat Baik paling banyak {allowed}%,"
        " saat ini {actual}% ({count} dari {total} pegawai)."
    ),
    "appraisal.distribution.sangat_kurang.sangat_kurang_min": (
        "Organisasi Sangat Kurang: pegawai Sangat Kurang paling sedikit {allowed}%,"
        " saat ini {actual}% ({count} dari {total} pegawai)."
    ),
    "appraisal.distribution.sangat_kurang.kurang_or_butuh_perbaikan_min": (
        "Organisasi Sangat Kurang: pegawai Kurang/Misconduct dan/atau Butuh Perbaikan paling"
        " sedikit {allowed}%, saat ini {actual}% ({count} dari {total} pegawai)."
    ),
    "appraisal.distribution.sangat_kurang.sangat_baik_max": (
        "Organisasi Sangat Kurang: pegawai Sangat Baik paling banyak {allowed}%,"
        " saat ini {actual}% ({count} dari {total} pegawai)."
    ),
    # Periods
    "period.kind.monthly": "Bulanan",
    "period.kind.quarterly": "Triwulanan",
    "period.kind.semester": "Semester",
    "period.kind.annual": "Tahunan",
    "period.status.draft": "Draf",
    "period.status.open": "Dibuka",
    "period.status.closed": "Ditutup",
}

EN: Final[dict[str, str]] = {
    # Ratings (PermenPANRB 6/2022)
    "appraisal.rating.di_atas": "Above expectations",
    "appraisal.rating.sesuai": "Meets expectations",
    "appraisal.rating.di_bawah": "Below expectations",
    # Predikat kinerja pegawai
    "appraisal.predikat.sangat_baik": "Very good",
    "appraisal.predikat.baik": "Good",
    "appraisal.predikat.butuh_perbaikan": "Needs improvement",
    "appraisal.predikat.kurang": "Poor/Misconduct",
    "appraisal.predikat.sangat_kurang": "Very poor",
    # Status of one appraisal
    "appraisal.status.not_started": "Not started",
    "appraisal.status.in_progress": "In progress",
    "appraisal.status.submitted": "Submitted",
    "appraisal.status.assessed": "Assessed",
    "appraisal.status.acknowledged": "Acknowledged by the employee",
    "appraisal.status.objected": "Objection filed",
    "appraisal.status.decided": "Objection decided",
    # SKP
    "skp.kind.utama": "Main",
    "skp.kind.tambahan": "Additional",
    # BerAKHLAK
    "berakhlak.berorientasi_pelayanan.name": "Service-oriented",
    "berakhlak.berorientasi_pelayanan.meaning": (
        "committed to excellent service for the satisfaction of the public"
    ),
    "berakhlak.berorientasi_pelayanan.panduan.1": "Understands and meets the public's needs",
    "berakhlak.berorientasi_pelayanan.panduan.2": (
        "Friendly, quick, solution-minded and dependable"
    ),
    "berakhlak.berorientasi_pelayanan.panduan.3": "Never stops improving",
    "berakhlak.akuntabel.name": "Accountable",
    "berakhlak.akuntabel.meaning": "responsible for the trust placed in them",
    "berakhlak.akuntabel.panduan.1": (
        "Carries out duties honestly, responsibly, carefully, with discipline and high integrity"
    ),
    "berakhlak.akuntabel.panduan.2": (
        "Uses state assets and property responsibly, effectively and efficiently"
    ),
    "berakhlak.akuntabel.panduan.3": "Does not abuse the authority of the position",
    "berakhlak.kompeten.name": "Competent",
    "berakhlak.kompeten.meaning": "keeps learning and developing their capabilities",
    "berakhlak.kompeten.panduan.1": (
        "Improves their own competence to meet ever-changing challenges"
    ),
    "berakhlak.kompeten.panduan.2": "Helps others learn",
    "berakhlak.kompeten.panduan.3": "Carries out duties to the best quality",
    "berakhlak.harmonis.name": "Harmonious",
    "berakhlak.harmonis.meaning": "cares for others and respects differences",
    "berakhlak.harmonis.panduan.1": "Respects everyone, whatever their background",
    "berakhlak.harmonis.panduan.2": "Likes to help others",
    "berakhlak.harmonis.panduan.3": "Builds a supportive working environment",
    "berakhlak.loyal.name": "Loyal",
    "berakhlak.loyal.meaning": "dedicated, putting the interests of the nation and the state first",
    "berakhlak.loyal.panduan.1": (
        "Holds firmly to the Pancasila ideology and the 1945 Constitution, loyal to the Unitary"
        " State of the Republic of Indonesia and its legitimate government"
    ),
    "berakhlak.loyal.panduan.2": (
        "Protects the good name of fellow ASN, leaders, the agency and the state"
    ),
    "berakhlak.loyal.panduan.3": "Keeps official and state secrets",
    "berakhlak.adaptif.name": "Adaptive",
    "berakhlak.adaptif.meaning": "keeps innovating and is eager to drive and face change",
    "berakhlak.adaptif.panduan.1": "Adapts quickly to change",
    "berakhlak.adaptif.panduan.2": "Keeps innovating and developing creativity",
    "berakhlak.adaptif.panduan.3": "Acts proactively",
    "berakhlak.kolaboratif.name": "Collaborative",
    "berakhlak.kolaboratif.meaning": "builds synergistic cooperation",
    "berakhlak.kolaboratif.panduan.1": "Gives all kinds of parties the chance to contribute",
    "berakhlak.kolaboratif.panduan.2": "Open to working together to create added value",
    "berakhlak.kolaboratif.panduan.3": ("Mobilises the use of various resources for shared goals"),
    # Predikat kinerja organisasi
    "appraisal.org_predikat.istimewa": "Outstanding",
    "appraisal.org_predikat.baik": "Good",
    "appraisal.org_predikat.butuh_perbaikan": "Needs improvement",
    "appraisal.org_predikat.kurang": "Poor",
    "appraisal.org_predikat.sangat_kurang": "Very poor",
    # Pola distribusi (warnings)
    "appraisal.distribution.istimewa.sangat_baik_max": (
        "Outstanding organisation: at most {allowed}% of employees may be Very good;"
        " now {actual}% ({count} of {total} employees)."
    ),
    "appraisal.distribution.baik.baik_max": (
        "Good organisation: at most {allowed}% of employees may be Good;"
        " now {actual}% ({count} of {total} employees)."
    ),
    "appraisal.distribution.baik.needs_butuh_perbaikan_or_kurang": (
        "Good organisation: some employees must be rated Needs improvement and/or"
        " Poor/Misconduct; now {actual}% ({count} of {total} employees)."
    ),
    "appraisal.distribution.butuh_perbaikan.butuh_perbaikan_min": (
        "Organisation needing improvement: at least {allowed}% of employees must be Needs"
        " improvement; now {actual}% ({count} of {total} employees)."
    ),
    "appraisal.distribution.butuh_perbaikan.sangat_baik_max": (
        "Organisation needing improvement: at most {allowed}% of employees may be Very good;"
        " now {actual}% ({count} of {total} employees)."
    ),
    "appraisal.distribution.kurang.kurang_min": (
        "Poor organisation: at least {allowed}% of employees must be Poor/Misconduct;"
        " now {actual}% ({count} of {total} employees)."
    ),
    "appraisal.distribution.kurang.butuh_perbaikan_min": (
        "Poor organisation: at least {allowed}% of employees must be Needs improvement;"
        " now {actual}% ({count} of {total} employees)."
    ),
    "appraisal.distribution.kurang.sangat_baik_max": (
        "Poor organisation: at most {allowed}% of employees may be Very good;"
        " now {actual}% ({count} of {total} employees)."
    ),
    "appraisal.distribution.sangat_kurang.sangat_kurang_min": (
        "Very poor organisation: at least {allowed}% of employees must be Very poor;"
        " now {actual}% ({count} of {total} employees)."
    ),
    "appraisal.distribution.sangat_kurang.kurang_or_butuh_perbaikan_min": (
        "Very poor organisation: at least {allowed}% of employees must be Poor/Misconduct"
        " and/or Needs improvement; now {actual}% ({count} of {total} employees)."
    ),
    "appraisal.distribution.sangat_kurang.sangat_baik_max": (
        "Very poor organisation: at most {allowed}% of employees may be Very good;"
        " now {actual}% ({count} of {total} employees)."
    ),
    # Periods
    "period.kind.monthly": "Monthly",
    "period.kind.quarterly": "Quarterly",
    "period.kind.semester": "Half-yearly (semester)",
    "period.kind.annual": "Annual",
    "period.status.draft": "Draft",
    "period.status.open": "Open",
    "period.status.closed": "Closed",
}
