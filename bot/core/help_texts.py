"""``/bantuan``: one line per command (what it does, one example) and one section per role.

A command's line may name only commands that every role using it may use too (the help test
checks that a command appears in the help of exactly the roles that may use it).
"""

ID: dict[str, str] = {
    "help.intro": (
        "<b>Bantuan Kinerja Bot</b>\n"
        "Pengelolaan kinerja ASN (PermenPANRB 6/2022) dan survei kepuasan masyarakat "
        "(PermenPANRB 14/2017). Berikut yang dapat <b>Anda</b> lakukan."
    ),
    "help.role.citizen": "<b>Sebagai masyarakat</b>",
    "help.role.employee": "<b>Sebagai pegawai</b>",
    "help.role.supervisor": "<b>Sebagai pejabat penilai (atasan)</b>",
    "help.role.unit_head": "<b>Sebagai kepala unit</b>",
    "help.role.admin": "<b>Sebagai admin</b>",
    "help.role.org_admin": "<b>Sebagai admin organisasi</b>",
    "help.common": "<b>Untuk semua</b>",
    "help.role.citizen.notes": (
        "• Menilai layanan: pindai kode QR di loket layanan; penilaian Anda anonim."
    ),
    "help.role.employee.notes": (
        "• <b>Menerima hasil</b>: setelah pejabat penilai menilai, Anda menerima pesan; tekan "
        "<i>Terima</i> di /hasil.\n"
        "• <b>Keberatan</b>: bila tidak setuju dengan predikat, buka /hasil dan tekan "
        "<i>Ajukan keberatan</i> sebelum batas waktunya; tulis alasan (wajib) dan lampirkan "
        "bukti bila ada. Pejabat penilai Anda diminta tanggapannya, lalu atasannya memutuskan; "
        "keputusan itu final (PP 30/2019 Pasal 59). Hasil keputusan tampil di /hasil."
    ),
    "help.role.supervisor.notes": (
        "• <b>Tanggapan atas keberatan</b>: bila bawahan yang Anda nilai mengajukan keberatan, "
        "Anda menerima pesan berisi alasannya; tekan <i>Beri tanggapan</i>, tulis penjelasan "
        "(bukti boleh) sebelum batas waktunya.\n"
        "• <b>Memutuskan keberatan</b>: sebagai atasan pejabat penilai Anda menerima keberatan "
        "dari bawahan tidak langsung; tekan <i>Tinjau keberatan</i>, baca alasan dan tanggapan, "
        "lalu <i>Putuskan</i> predikat akhirnya."
    ),
    "help.role.unit_head.notes": (
        "• Laporan dan distribusi mencakup unit Anda beserta sub-unitnya."
    ),
    "help.role.admin.notes": (
        "• Impor data, kode pendaftaran dan hak admin dikelola lewat perintah "
        "<code>kinerja</code> di server (lihat panduan admin)."
    ),
    "help.privacy": (
        "<b>Privasi</b>\n"
        "• Survei layanan publik tidak menyimpan identitas Telegram Anda.\n"
        "• Setiap keputusan atas penilaian dicatat (siapa, apa, kapan)."
    ),
    "help.command.menu": "menu utama dengan tombol sesuai peran Anda. Contoh: <code>/menu</code>",
    "help.command.bantuan": "bantuan ini. Contoh: <code>/bantuan</code>",
    "help.command.bahasa": "ganti bahasa. Contoh: <code>/bahasa en</code> untuk English.",
    "help.command.batal": (
        "hentikan isian yang sedang berjalan (survei, penilaian, pendaftaran). "
        "Contoh: <code>/batal</code>"
    ),
    "help.command.layanan": (
        "nilai layanan publik yang baru Anda terima (anonim). Contoh: <code>/layanan ktp</code> "
        "mencari layanan yang namanya memuat «ktp»."
    ),
    "help.command.daftar": (
        "hubungkan akun Telegram Anda sebagai pegawai dengan NIP dan kode pendaftaran dari "
        "admin. Contoh: <code>/daftar</code>, lalu kirim NIP Anda dan kodenya (atau buka tautan "
        "pendaftaran dari admin)."
    ),
    "help.command.penilaian": (
        "isi penilaian diri atas SKP dan 7 nilai BerAKHLAK pada periode yang dibuka; setiap "
        "jawaban langsung tersimpan. Contoh: <code>/penilaian</code>"
    ),
    "help.command.skp": "lihat SKP Anda (RHK, indikator, target). Contoh: <code>/skp</code>",
    "help.command.hasil": (
        "hasil penilaian, predikat dan umpan balik; di sini Anda menerima hasil atau "
        "mengajukan keberatan. Contoh: <code>/hasil</code>"
    ),
    "help.command.tim": (
        "status bawahan langsung; pilih nama untuk menilai atau mengubah penilaian. "
        "Contoh: <code>/tim</code>, lalu pilih nama."
    ),
    "help.command.distribusi": (
        "sebaran predikat unit dibanding pola distribusi organisasi. Contoh: "
        "<code>/distribusi</code> atau <code>/distribusi DISDUKCAPIL</code>"
    ),
    "help.command.laporan": (
        "laporan IKM layanan atau unit dalam wewenang Anda (ringkasan, grafik, XLSX). Contoh: "
        "<code>/laporan KTP-EL 2026-01-01 2026-06-30</code>"
    ),
    "help.command.poster": (
        "poster A4 kode QR survei untuk dipasang di loket. Contoh: <code>/poster</code>, lalu "
        "pilih layanan."
    ),
    "help.command.periode": (
        "buat, buka dan tutup periode penilaian. Contoh: <code>/periode</code>, lalu "
        "<i>Periode baru</i>."
    ),
}

EN: dict[str, str] = {
    "help.intro": (
        "<b>Kinerja Bot help</b>\n"
        "Civil-servant performance management (PermenPANRB 6/2022) and citizen satisfaction "
        "surveys (PermenPANRB 14/2017). Here is what <b>you</b> can do."
    ),
    "help.role.citizen": "<b>As a citizen</b>",
    "help.role.employee": "<b>As an employee</b>",
    "help.role.supervisor": "<b>As a pejabat penilai (supervisor)</b>",
    "help.role.unit_head": "<b>As a unit head</b>",
    "help.role.admin": "<b>As an admin</b>",
    "help.role.org_admin": "<b>As an organisation admin</b>",
    "help.common": "<b>For everyone</b>",
    "help.role.citizen.notes": (
        "• Rating a service: scan the QR code at the service counter; your rating is anonymous."
    ),
    "help.role.employee.notes": (
        "• <b>Accepting your result</b>: once your pejabat penilai has assessed you, you get a "
        "message; press <i>Accept</i> in /hasil.\n"
        "• <b>Objection</b> (keberatan): if you disagree with the predikat, open /hasil and "
        "press <i>File an objection</i> before its deadline; write your reasons (required) and "
        "attach evidence if you have any. Your pejabat penilai is asked for a response, then "
        "their superior decides; that decision is final (PP 30/2019 Article 59). The decision "
        "shows in /hasil."
    ),
    "help.role.supervisor.notes": (
        "• <b>Responding to an objection</b> (tanggapan): when someone you assessed files an "
        "objection you get a message with their reasons; press <i>Respond</i> and write your "
        "explanation (evidence optional) before its deadline.\n"
        "• <b>Deciding an objection</b>: as atasan pejabat penilai you receive the objections "
        "of your indirect reports; press <i>Review the objection</i>, read the reasons and the "
        "response, then <i>Decide</i> the final predikat."
    ),
    "help.role.unit_head.notes": (
        "• Reports and the distribution cover your unit and its sub-units."
    ),
    "help.role.admin.notes": (
        "• Imports, registration codes and admin rights are managed with the <code>kinerja</code> "
        "command on the server (see the admin guide)."
    ),
    "help.privacy": (
        "<b>Privacy</b>\n"
        "• Public-service surveys do not store your Telegram identity.\n"
        "• Every decision on an appraisal is recorded (who, what, when)."
    ),
    "help.command.menu": "the main menu, with buttons for your roles. Example: <code>/menu</code>",
    "help.command.bantuan": "this help. Example: <code>/bantuan</code>",
    "help.command.bahasa": "change the language. Example: <code>/bahasa id</code> for Indonesian.",
    "help.command.batal": (
        "stop the form in progress (survey, assessment, registration). Example: <code>/batal</code>"
    ),
    "help.command.layanan": (
        "rate a public service you have just received (anonymous). Example: "
        "<code>/layanan ktp</code> finds the services whose name contains “ktp”."
    ),
    "help.command.daftar": (
        "link your Telegram account as an employee with your NIP and the registration code "
        "from your admin. Example: <code>/daftar</code>, then send your NIP and the code (or "
        "open the registration link from your admin)."
    ),
    "help.command.penilaian": (
        "fill in your self-assessment of your SKP and the 7 BerAKHLAK values for the open "
        "period; every answer is saved at once. Example: <code>/penilaian</code>"
    ),
    "help.command.skp": "see your SKP (RHK, indicators, targets). Example: <code>/skp</code>",
    "help.command.hasil": (
        "your results, predikat and feedback; here you accept your result or file an "
        "objection. Example: <code>/hasil</code>"
    ),
    "help.command.tim": (
        "your direct reports' status; pick a name to assess them or change an assessment. "
        "Example: <code>/tim</code>, then pick a name."
    ),
    "help.command.distribusi": (
        "the unit's spread of predikat against the organisation's distribution pattern. "
        "Example: <code>/distribusi</code> or <code>/distribusi DISDUKCAPIL</code>"
    ),
    "help.command.laporan": (
        "IKM report of a service or unit you may see (summary, chart, XLSX). Example: "
        "<code>/laporan KTP-EL 2026-01-01 2026-06-30</code>"
    ),
    "help.command.poster": (
        "an A4 poster with the survey QR code for the counter. Example: <code>/poster</code>, "
        "then pick the service."
    ),
    "help.command.periode": (
        "create, open and close appraisal periods. Example: <code>/periode</code>, then "
        "<i>New period</i>."
    ),
}
