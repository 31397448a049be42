"""Peer and upward (360°) feedback, coaching and development: the texts ``domain/peer`` names.

The fourteen value prompts (seven values, peer and upward wording) are composed from the
BerAKHLAK names, meanings and panduan perilaku in :mod:`bot.appraisal.texts`, so that wording
lives in one place; upward prompts use the leader wording below where ``LEADER_WORDED`` in
``domain/peer/forms.py`` says a panduan differs. The nine Format B.1.8 statements follow
reference §2.8; its abbreviated items ("…") are completed as full first-person sentences.
"""

from __future__ import annotations

from bot.appraisal import texts as values

CODES = (
    "berorientasi_pelayanan",
    "akuntabel",
    "kompeten",
    "harmonis",
    "loyal",
    "adaptif",
    "kolaboratif",
)

ID: dict[str, str] = {
    # --- relations, sources, shortfalls ----------------------------------------------------
    "peer.relation.peer": "Rekan kerja setingkat",
    "peer.relation.upward": "Bawahan langsung",
    "peer.source.auto": "otomatis",
    "peer.source.nominated": "dipilih pejabat penilai",
    "peer.source.imported": "diimpor admin",
    "peer.shortfall.too_few_peers": "Hanya ada {available} rekan setingkat di unitnya yang dapat menilai, padahal perlu paling sedikit {needed}. Pejabat penilai dapat memilih rekan setingkat dari unit lain.",
    "peer.shortfall.too_few_subordinates": "Hanya ada {available} bawahan langsung, padahal umpan balik dari bawahan perlu paling sedikit {needed} penilai agar jawabannya tetap anonim. Tidak ada bawahan yang diminta menilai.",
    "peer.shortfall.nominated_below_threshold": "Penilai yang sudah dipilih baru {available}, padahal perlu paling sedikit {needed}. Tambahkan penilai lewat menu tim atau impor CSV.",
    "peer.shortfall.raters_at_capacity": "Rekan setingkat di unitnya sudah mendapat beban menilai penuh; hanya {available} yang masih dapat ditugasi, padahal perlu {needed}. Pilih penilainya secara manual.",
    # --- the feedback form ---------------------------------------------------------------------
    "peer.form.title.peer": "Umpan balik rekan kerja · {name} · {period}",
    "peer.form.title.upward": "Umpan balik untuk atasan · {name} · {period}",
    "peer.form.section": "Nilai BerAKHLAK {number} dari {total}",
    "peer.form.who_sees_what": (
        "<b>Sebelum mulai: siapa melihat apa</b>\n"
        "• Pegawai yang Anda nilai dan pejabat penilainya hanya melihat <b>rata-rata</b> per nilai "
        "dan <b>komentar</b>, dalam urutan acak, tanpa nama dan tanpa tanggal.\n"
        "• Semua itu baru tampil <b>setelah batas waktu</b> ({deadline}) dan hanya bila paling "
        "sedikit <b>{min_raters} penilai</b> mengirim umpan balik. Bila kurang, tidak ada yang "
        "ditampilkan, juga tidak jumlah penilainya.\n"
        "• Tidak ada layar, laporan, atau ekspor yang menunjukkan siapa menulis apa.\n"
        "• Anda dapat mengubah jawaban sampai batas waktu."
    ),
    "peer.form.peer.keep_doing": "Apa yang sebaiknya <b>terus dilakukan</b> oleh <b>{name}</b>? (opsional, paling banyak 1000 karakter)",
    "peer.form.peer.improve": "Apa yang <b>dapat ditingkatkan</b> oleh <b>{name}</b>? (opsional, paling banyak 1000 karakter) Tulis tentang perilaku, bukan pribadi, dan hindari rincian yang dapat menunjukkan siapa Anda.",
    "peer.form.upward.keep_doing": "Sebagai pimpinan, apa yang sebaiknya <b>terus dilakukan</b> oleh <b>{name}</b>? (opsional, paling banyak 1000 karakter)",
    "peer.form.upward.improve": "Sebagai pimpinan, apa yang <b>dapat ditingkatkan</b> oleh <b>{name}</b>? (opsional, paling banyak 1000 karakter) Tulis tentang perilaku, bukan pribadi, dan hindari rincian yang dapat menunjukkan siapa Anda.",
    "peer.label.keep_doing": "Terus dilakukan",
    "peer.label.improve": "Dapat ditingkatkan",
    "peer.scale.1": "1 · Kontraproduktif",
    "peer.scale.2": "2 · Reaktif, minim inisiatif",
    "peer.scale.3": "3 · Sesuai standar",
    "peer.scale.4": "4 · Proaktif tanpa diminta",
    "peer.scale.5": "5 · Role model",
    "peer.scale.na": "Tidak dapat menilai",
    # Panduan perilaku worded for a leader (upward feedback), where they differ.
    "peer.leader.berorientasi_pelayanan.panduan.3": "Mendorong timnya melakukan perbaikan layanan tiada henti",
    "peer.leader.akuntabel.panduan.3": "Menggunakan kewenangan jabatan secara adil dan tidak menyalahgunakannya terhadap bawahan",
    "peer.leader.kompeten.panduan.2": "Membimbing bawahan dan memberi mereka kesempatan belajar",
    "peer.leader.harmonis.panduan.3": "Membangun suasana tim yang kondusif, adil, dan saling menghargai",
    "peer.leader.adaptif.panduan.3": "Memberi arah yang jelas dan bertindak proaktif ketika terjadi perubahan",
    "peer.leader.kolaboratif.panduan.1": "Memberi kesempatan kepada setiap anggota tim untuk berkontribusi dan berpendapat",
    # --- the rater's side (/umpanbalik), notifications, the menu --------------------------------
    "peer.command.umpanbalik": "Umpan balik untuk rekan dan atasan",
    "help.command.umpanbalik": (
        "beri umpan balik 360° kepada rekan kerja atau atasan yang diminta, tanpa nama Anda "
        "terlihat; ubah sampai batas waktu, lalu lihat hasil tentang Anda. Contoh: "
        "<code>/umpanbalik</code>"
    ),
    "peer.menu.give": "✍ Umpan balik rekan",
    "peer.task.give": "Umpan balik untuk {count} orang menunggu Anda, paling lambat {deadline}.",
    "peer.notify.assigned": (
        "<b>Permintaan umpan balik · {period}</b>\n"
        "Anda diminta memberi umpan balik tentang perilaku kerja {count} orang:\n{names}\n\n"
        "Jawaban Anda anonim: yang dinilai dan pejabat penilainya hanya melihat rata-rata dan "
        "komentar dari beberapa penilai, setelah batas waktu. Paling lambat {deadline}."
    ),
    "peer.button.give": "Beri umpan balik",
    "peer.button.rate": "✍ {name}",
    "peer.button.edit": "✏ Ubah: {name}",
    "peer.button.my_summary": "Hasil umpan balik tentang saya · {period}",
    "peer.button.raters": "Penilai umpan balik (360°)",
    "peer.button.nominate.peer": "Pilih rekan penilai",
    "peer.button.nominate.upward": "Pilih bawahan penilai",
    "peer.button.summary": "Hasil umpan balik",
    "peer.list.title": "<b>Umpan balik yang diminta dari Anda</b>",
    "peer.list.none": "Saat ini tidak ada yang menunggu umpan balik Anda.",
    "peer.list.period": "<b>{period}</b>",
    "peer.list.relation.peer": "rekan kerja",
    "peer.list.relation.upward": "atasan Anda",
    "peer.list.waiting": "• {name} ({relation}) — belum dikirim, paling lambat {deadline}",
    "peer.list.sent": "• {name} ({relation}) — ✓ terkirim; dapat diubah sampai {deadline}",
    "peer.list.closed": "• {name} ({relation}) — sudah ditutup",
    "peer.form.submitted": (
        "Terima kasih, umpan balik Anda tentang <b>{name}</b> tersimpan tanpa nama Anda. "
        "Anda dapat mengubahnya lewat /umpanbalik sampai {deadline}."
    ),
    # --- the pejabat penilai's choice of raters ---------------------------------------------------
    "peer.raters.title": "<b>Penilai umpan balik untuk {name}</b> · {period}",
    "peer.raters.line": "{relation}: {names}",
    "peer.raters.nobody": "belum ada",
    "peer.raters.private": (
        "Sampai batas waktu ({deadline}) tidak ada yang dapat melihat siapa sudah mengirim atau "
        "apa isinya, juga Anda. Setelahnya hanya rata-rata dan komentar yang tampil, dan hanya "
        "bila cukup penilai mengirim."
    ),
    "peer.nominate.title.peer": "Rekan penilai untuk {name}",
    "peer.nominate.title.upward": "Bawahan penilai untuk {name}",
    "peer.nominate.label": "Penilai",
    "peer.nominate.prompt.peer": (
        "Siapa yang memberi umpan balik sebagai <b>rekan kerja setingkat</b> tentang "
        "<b>{name}</b>? Ketik nomornya, dipisah koma (misalnya <code>1, 3, 4</code>), paling "
        "sedikit {min} dan paling banyak {max} orang. ✓ = sudah dipilih; yang tidak Anda pilih "
        "lagi dilepas.\n\n{candidates}"
    ),
    "peer.nominate.prompt.upward": (
        "Bawahan langsung mana yang memberi umpan balik tentang <b>{name}</b> sebagai atasan? "
        "Ketik nomornya, dipisah koma (misalnya <code>1, 2, 3</code>), paling sedikit {min} dan "
        "paling banyak {max} orang. ✓ = sudah dipilih.\n\n{candidates}"
    ),
    "peer.nominate.done": (
        "Penilai untuk <b>{name}</b> tersimpan ({count} orang):\n{names}\n"
        "Penilai yang baru dipilih menerima permintaannya."
    ),
    # --- the summary -------------------------------------------------------------------------------
    "peer.summary.title": "<b>Hasil umpan balik 360° · {name}</b> · {period}",
    "peer.summary.before_deadline": (
        "Hasil umpan balik baru dapat dilihat setelah batas waktu ({deadline}), dan hanya bila "
        "paling sedikit {min} penilai mengirim. Sampai saat itu tidak ada yang ditampilkan, "
        "juga tidak jumlah penilai yang sudah mengirim."
    ),
    "peer.summary.no_raters": "Tidak ada penilai yang diminta memberi umpan balik pada periode ini.",
    "peer.summary.relation": "<b>{relation}</b>",
    "peer.summary.hidden": (
        "Tidak ada yang ditampilkan: kurang dari {min} penilai mengirim umpan balik, sehingga "
        "jawaban mereka dapat dikenali."
    ),
    "peer.summary.responses": "Dari {count} penilai (skala 1–5):",
    "peer.summary.value": "• {value}: <b>{mean}</b> ({raters} penilai)",
    "peer.summary.value_hidden": "• {value}: belum cukup penilai",
    "peer.summary.keep_doing": "<i>Sebaiknya terus dilakukan:</i>",
    "peer.summary.improve": "<i>Dapat ditingkatkan:</i>",
    "peer.summary.comment": "– {text}",
    "peer.summary.advice": (
        "Umpan balik ini adalah masukan bagi pejabat penilai; Rating Perilaku Kerja tetap "
        "ditetapkan oleh pejabat penilai."
    ),
    "error.invalid_value.unknown_candidate": (
        "«{word}» tidak ada dalam daftar. Ketik nomor 1 sampai {max} dari daftar, atau NIP, "
        "dipisah koma."
    ),
    "error.not_found.peer_assignment": (
        "Permintaan umpan balik ini sudah tidak ada (mungkin pejabat penilai mengubah "
        "penilainya). Ketik /umpanbalik untuk melihat daftar Anda."
    ),
    # --- the command line: kinerja peers ---------------------------------------------------------
    "peer.cli.peers": "Umpan balik rekan dan bawahan (360°): penugasan penilai, kemajuan, penyegelan",
    "peer.cli.assign": "Tugaskan penilai otomatis kepada semua yang belum punya; yang tidak mencapai ambang anonimitas dicantumkan beserta alasannya",
    "peer.cli.period": "ID periode (lihat: kinerja period list)",
    "peer.cli.import_period": "ID periode; tanpa ini, satu-satunya periode yang dibuka",
    "error.invalid_value.period_required": "Ada {open} periode yang dibuka; sebutkan periodenya dengan --period ID (lihat: kinerja period list).",
    "peer.cli.per_person": "jumlah rekan penilai per orang (bawaan 4, paling sedikit ambang anonimitas, paling banyak 10)",
    "peer.cli.upward": "minta juga umpan balik bawahan langsung untuk setiap pejabat penilai",
    "peer.cli.seed": "bilangan acak awal: masukan dan seed yang sama memberi penugasan yang sama",
    "peer.cli.list": "Daftar penugasan dan kemajuan (terkirim atau belum, tanpa isi)",
    "peer.cli.unit": "hanya pegawai yang dinilai di unit ini (kode unit)",
    "peer.cli.format": "table (bawaan) atau csv",
    "peer.cli.import": "Impor penugasan dari CSV rater_nip,ratee_nip,relation (peer/rekan atau upward/bawahan); semua atau tidak sama sekali",
    "peer.cli.seal": "Hapus semua tautan antara jawaban dan penilainya setelah batas waktu umpan balik (tidak dapat dibatalkan)",
    "peer.cli.freeze": "Bekukan ringkasan umpan balik yang batas waktunya sudah lewat (bot juga melakukannya sendiri)",
    "peer.cli.assigned": "{period}: {added} penugasan baru; {told} penilai diberi tahu (satu pesan per penilai). {short} orang tidak mencapai ambang anonimitas:",
    "peer.cli.none": "Belum ada penugasan pada periode ini.",
    "peer.cli.progress": "{done} dari {total} penugasan sudah dijawab.",
    "peer.cli.yes": "ya",
    "peer.cli.no": "belum",
    "peer.cli.imported": "{period}: {added} penugasan diimpor; {told} penilai diberi tahu.",
    "peer.cli.import_dry_run": "{period}: {added} penugasan valid; tidak ada yang disimpan (--dry-run).",
    "peer.cli.sealed": "Disegel: {links} tautan jawaban–penilai dihapus. Ringkasan yang dibekukan tetap ada; jawaban tidak dapat diubah lagi.",
    "peer.cli.frozen": "{count} ringkasan dibekukan.",
    "peer.cli.col.nip": "NIP",
    "peer.cli.col.name": "Nama",
    "peer.cli.col.relation": "Hubungan",
    "peer.cli.col.reason": "Alasan",
    "peer.cli.col.ratee_nip": "NIP dinilai",
    "peer.cli.col.ratee_name": "Dinilai",
    "peer.cli.col.unit": "Unit",
    "peer.cli.col.rater_nip": "NIP penilai",
    "peer.cli.col.rater_name": "Penilai",
    "peer.cli.col.source": "Asal",
    "peer.cli.col.submitted": "Terkirim",
    # --- results ---------------------------------------------------------------------------------
    "peer.summary.not_enough_raters": "belum cukup penilai",
    "peer.gap.self_higher": "<b>{value}</b>: penilaian diri Anda lebih tinggi daripada penilaian {relation}",
    "peer.gap.self_lower": "<b>{value}</b>: penilaian diri Anda lebih rendah daripada penilaian {relation}",
    "peer.weak.peer_mean": "rata-rata dari rekan kerja di bawah {threshold}",
    "peer.weak.upward_mean": "rata-rata dari bawahan di bawah {threshold}",
    "peer.weak.perilaku": "Rating Perilaku Kerja: Di Bawah Ekspektasi",
    "peer.recommendation.kind.pelatihan": "Pelatihan",
    "peer.recommendation.kind.kegiatan": "Kegiatan",
    "peer.recommendation.kind.mentoring": "Mentoring",
    # --- coaching: Format B.1.8 ------------------------------------------------------------------
    "peer.coaching.title": "Umpan Balik Pelaksanaan Bimbingan Kinerja · {topic}",
    "peer.coaching.statement.1": "<b>Saya merasa diperhatikan dan dipahami.</b>",
    "peer.coaching.statement.2": "<b>Saya merasa tindakan atau langkah yang telah saya lakukan dihargai.</b>",
    "peer.coaching.statement.3": "<b>Saya merasa dapat dengan bebas mengemukakan pendapat.</b>",
    "peer.coaching.statement.4": "<b>Pandangan yang diberikan kepada saya berdasarkan data atau fakta yang akurat.</b>",
    "peer.coaching.statement.5": "<b>Pandangan atau pendapat yang diberikan kepada saya bersifat positif.</b>",
    "peer.coaching.statement.6": "<b>Pembimbing lebih banyak menggunakan metode bertanya dibandingkan menggurui.</b>",
    "peer.coaching.statement.7": "<b>Saya dibantu mencari solusi dan aksi tindak lanjut.</b>",
    "peer.coaching.statement.8": "<b>Saya tahu apa yang harus saya lakukan setelah bimbingan.</b>",
    "peer.coaching.statement.9": "<b>Saya memahami maksud dan tujuan bimbingan.</b>",
    "peer.coaching.label.1": "Diperhatikan dan dipahami",
    "peer.coaching.label.2": "Langkah saya dihargai",
    "peer.coaching.label.3": "Bebas berpendapat",
    "peer.coaching.label.4": "Berdasarkan data dan fakta",
    "peer.coaching.label.5": "Pandangan positif",
    "peer.coaching.label.6": "Bertanya, bukan menggurui",
    "peer.coaching.label.7": "Dibantu mencari solusi",
    "peer.coaching.label.8": "Tahu langkah berikutnya",
    "peer.coaching.label.9": "Memahami tujuan bimbingan",
    "peer.coaching.agree.4.1": "Sangat tidak setuju",
    "peer.coaching.agree.4.2": "Tidak setuju",
    "peer.coaching.agree.4.3": "Setuju",
    "peer.coaching.agree.4.4": "Sangat setuju",
    "peer.coaching.agree.5.1": "Sangat tidak setuju",
    "peer.coaching.agree.5.2": "Tidak setuju",
    "peer.coaching.agree.5.3": "Ragu-ragu",
    "peer.coaching.agree.5.4": "Setuju",
    "peer.coaching.agree.5.5": "Sangat setuju",
    # --- refusals --------------------------------------------------------------------------------
    "error.invalid_transition.already_frozen": "Hasil umpan balik ini sudah dibekukan dan tidak dihitung ulang.",
    "error.invalid_transition.peer_feedback_open": "Umpan balik masih dapat diisi sampai {due}; hasilnya baru dapat dihitung setelah itu.",
    "error.invalid_transition.already_assigned": "Penilai ini sudah ditugasi untuk pegawai yang sama pada periode ini.",
    "error.invalid_transition.already_answered": "Umpan balik untuk bimbingan ini sudah Anda kirim.",
    "error.invalid_value.below_anonymity_floor": "Ambang anonimitas {value} terlalu kecil: paling sedikit {floor} penilai, agar tidak ada penilai yang dapat menebak jawaban penilai lain. Perbaiki pengaturan <code>{field}</code>.",
    "error.invalid_value.date_in_past": "Tanggal {value} sudah lewat. Pilih hari ini atau tanggal sesudahnya.",
    "error.invalid_value.duplicate_rater": "Pegawai dengan NIP {nip} dipilih lebih dari sekali. Pilih setiap penilai satu kali saja.",
    "error.invalid_value.empty_response": 'Umpan balik ini belum berisi apa pun: semua nilai "Tidak dapat menilai" dan tanpa komentar. Isi paling sedikit satu nilai atau komentar, atau batalkan.',
    "error.invalid_value.not_direct_subordinate": "Penilai ini bukan bawahan langsung pegawai yang dinilai, sehingga tidak dapat memberi umpan balik untuk atasan.",
    "error.invalid_value.other_level": "Penilai ini tidak setingkat dengan pegawai yang dinilai (jenis jabatannya berbeda). Pilih rekan dengan jenis jabatan yang sama.",
    "error.invalid_value.other_unit": "Penilai ini tidak berada di unit yang sama dengan pegawai yang dinilai.",
    "error.invalid_value.pejabat_penilai_as_peer": "Pejabat penilai tidak dapat menjadi penilai rekan kerja bagi bawahannya sendiri; pandangannya diberikan lewat penilaian kinerja.",
    "error.invalid_value.self_rating": "Seorang pegawai tidak dapat memberi umpan balik untuk dirinya sendiri.",
    "error.invalid_value.subordinate_as_peer": "Bawahan langsung tidak dapat menjadi penilai rekan kerja bagi atasannya; umpan balik bawahan dihitung terpisah.",
    "error.invalid_value.self_mentor": "Pegawai tidak dapat menjadi mentor bagi dirinya sendiri. Pilih rekan lain, atau kosongkan mentornya.",
    "error.invalid_value.too_few_raters": "Baru {count} penilai yang dipilih, padahal perlu paling sedikit {min} agar hasilnya dapat ditampilkan tanpa membuka identitas penilai.",
    "error.invalid_value.too_many_raters": "Paling banyak {max} penilai untuk satu pegawai. Kurangi pilihannya.",
    "error.period_not_open.peer_results_frozen": "Umpan balik untuk periode {period} sudah ditutup dan hasilnya sudah dibekukan; jawaban tidak dapat dikirim atau diubah lagi.",
    "error.permission_denied.no_longer_eligible": "Anda tidak lagi dapat memberi umpan balik untuk pegawai ini (misalnya karena pindah unit atau berganti atasan). Ketik /umpanbalik untuk melihat daftar Anda.",
    "error.permission_denied.not_your_assignment": "Tombol ini bukan untuk Anda. Ketik /umpanbalik untuk melihat siapa yang menunggu umpan balik Anda.",
    "error.permission_denied.not_ratee_or_pejabat_penilai": "Hasil umpan balik ini hanya dapat dilihat oleh pegawai yang dinilai dan pejabat penilainya.",
    "error.permission_denied.not_coached_employee": "Umpan balik bimbingan ini hanya dapat diisi oleh pegawai yang dibimbing.",
    "error.permission_denied.not_coached_employee_or_coach": "Catatan bimbingan ini hanya dapat dilihat oleh pegawai yang dibimbing dan pembimbingnya.",
    # --- import rows (assignments) ---------------------------------------------------------------
    "import.reason.already_assigned": "Penilai ini sudah ditugasi untuk pegawai yang sama pada periode ini. Hapus baris ini.",
    "import.reason.below_threshold": "Pegawai yang dinilai pada baris ini hanya mendapat {count} penilai untuk hubungan ini, padahal perlu paling sedikit {min}. Tambahkan penilai, atau hapus barisnya.",
    "import.reason.self_rating": "Penilai dan yang dinilai adalah orang yang sama. Perbaiki salah satu NIP.",
    "import.reason.other_level": "Penilai tidak setingkat dengan yang dinilai (jenis jabatannya berbeda). Untuk hubungan peer, pilih rekan dengan jenis jabatan yang sama.",
    "import.reason.other_unit": "Penilai tidak berada di unit yang sama dengan yang dinilai.",
    "import.reason.pejabat_penilai_as_peer": "Penilai adalah pejabat penilai dari yang dinilai, sehingga tidak dapat menilai sebagai rekan kerja.",
    "import.reason.subordinate_as_peer": "Penilai adalah bawahan langsung dari yang dinilai; gunakan hubungan upward, bukan peer.",
    "import.reason.not_direct_subordinate": "Untuk hubungan upward, penilai harus bawahan langsung dari yang dinilai.",
}

EN: dict[str, str] = {
    # --- relations, sources, shortfalls ----------------------------------------------------
    "peer.relation.peer": "Peers at the same level",
    "peer.relation.upward": "Direct subordinates",
    "peer.source.auto": "automatic",
    "peer.source.nominated": "chosen by the pejabat penilai",
    "peer.source.imported": "imported by an admin",
    "peer.shortfall.too_few_peers": "Only {available} colleagues at the same level in the unit can give feedback, and at least {needed} are needed. The pejabat penilai may choose same-level colleagues from other units.",
    "peer.shortfall.too_few_subordinates": "Only {available} direct subordinates, and upward feedback needs at least {needed} raters to stay anonymous. No subordinate was asked.",
    "peer.shortfall.nominated_below_threshold": "Only {available} raters were chosen, and at least {needed} are needed. Add raters from the team menu or by CSV import.",
    "peer.shortfall.raters_at_capacity": "The colleagues at the same level in the unit already have a full share of forms; only {available} can take more, and {needed} are needed. Choose the raters by hand.",
    # --- the feedback form ---------------------------------------------------------------------
    "peer.form.title.peer": "Peer feedback · {name} · {period}",
    "peer.form.title.upward": "Feedback for your supervisor · {name} · {period}",
    "peer.form.section": "BerAKHLAK value {number} of {total}",
    "peer.form.who_sees_what": (
        "<b>Before you start: who sees what</b>\n"
        "• The person you rate and their pejabat penilai see only <b>averages</b> per value and "
        "the <b>comments</b>, in random order, without names or dates.\n"
        "• They appear only <b>after the deadline</b> ({deadline}) and only if at least "
        "<b>{min_raters} raters</b> sent feedback. Otherwise nothing is shown, not even the "
        "number of raters.\n"
        "• No screen, report or export shows who wrote what.\n"
        "• You can change your answers until the deadline."
    ),
    "peer.form.peer.keep_doing": "What should <b>{name}</b> <b>keep doing</b>? (optional, at most 1000 characters)",
    "peer.form.peer.improve": "What could <b>{name}</b> <b>improve</b>? (optional, at most 1000 characters) Write about behaviour, not the person, and leave out details that would show who you are.",
    "peer.form.upward.keep_doing": "As a leader, what should <b>{name}</b> <b>keep doing</b>? (optional, at most 1000 characters)",
    "peer.form.upward.improve": "As a leader, what could <b>{name}</b> <b>improve</b>? (optional, at most 1000 characters) Write about behaviour, not the person, and leave out details that would show who you are.",
    "peer.label.keep_doing": "Keep doing",
    "peer.label.improve": "Could improve",
    "peer.scale.1": "1 · Counterproductive",
    "peer.scale.2": "2 · Reactive, little initiative",
    "peer.scale.3": "3 · Meets the standard",
    "peer.scale.4": "4 · Proactive unasked",
    "peer.scale.5": "5 · Role model",
    "peer.scale.na": "Cannot assess",
    "peer.leader.berorientasi_pelayanan.panduan.3": "Drives the team to keep improving the service",
    "peer.leader.akuntabel.panduan.3": "Uses the authority of the position fairly and never abuses it towards subordinates",
    "peer.leader.kompeten.panduan.2": "Coaches subordinates and gives them room to learn",
    "peer.leader.harmonis.panduan.3": "Builds a team climate that is supportive, fair and respectful",
    "peer.leader.adaptif.panduan.3": "Gives clear direction and acts proactively when things change",
    "peer.leader.kolaboratif.panduan.1": "Gives every team member the chance to contribute and speak up",
    # --- the rater's side (/umpanbalik), notifications, the menu --------------------------------
    "peer.command.umpanbalik": "Feedback for colleagues and your supervisor",
    "help.command.umpanbalik": (
        "give 360° feedback to the colleagues or supervisor you were asked about, without your "
        "name showing; change it until the deadline, then see the results about you. Example: "
        "<code>/umpanbalik</code>"
    ),
    "peer.menu.give": "✍ Peer feedback",
    "peer.task.give": "Feedback on {count} people is waiting for you, due {deadline}.",
    "peer.notify.assigned": (
        "<b>Feedback request · {period}</b>\n"
        "You are asked for feedback on the work behaviour of {count} people:\n{names}\n\n"
        "Your answers are anonymous: the person rated and their pejabat penilai see only "
        "averages and comments of several raters, after the deadline. Due {deadline}."
    ),
    "peer.button.give": "Give feedback",
    "peer.button.rate": "✍ {name}",
    "peer.button.edit": "✏ Change: {name}",
    "peer.button.my_summary": "Feedback results about me · {period}",
    "peer.button.raters": "Feedback raters (360°)",
    "peer.button.nominate.peer": "Choose peer raters",
    "peer.button.nominate.upward": "Choose subordinate raters",
    "peer.button.summary": "Feedback results",
    "peer.list.title": "<b>Feedback asked of you</b>",
    "peer.list.none": "Nobody is waiting for your feedback now.",
    "peer.list.period": "<b>{period}</b>",
    "peer.list.relation.peer": "colleague",
    "peer.list.relation.upward": "your supervisor",
    "peer.list.waiting": "• {name} ({relation}) — not sent yet, due {deadline}",
    "peer.list.sent": "• {name} ({relation}) — ✓ sent; you can change it until {deadline}",
    "peer.list.closed": "• {name} ({relation}) — closed",
    "peer.form.submitted": (
        "Thank you, your feedback on <b>{name}</b> is saved without your name. You can change "
        "it through /umpanbalik until {deadline}."
    ),
    # --- the pejabat penilai's choice of raters ---------------------------------------------------
    "peer.raters.title": "<b>Feedback raters for {name}</b> · {period}",
    "peer.raters.line": "{relation}: {names}",
    "peer.raters.nobody": "none yet",
    "peer.raters.private": (
        "Until the deadline ({deadline}) nobody can see who has answered or what, you neither. "
        "After it only averages and comments are shown, and only if enough raters answered."
    ),
    "peer.nominate.title.peer": "Peer raters for {name}",
    "peer.nominate.title.upward": "Subordinate raters for {name}",
    "peer.nominate.label": "Raters",
    "peer.nominate.prompt.peer": (
        "Who gives feedback on <b>{name}</b> as a <b>colleague at the same level</b>? Type "
        "their numbers separated by commas (e.g. <code>1, 3, 4</code>), at least {min} and at "
        "most {max} people. ✓ = chosen already; whoever you leave out is released.\n\n"
        "{candidates}"
    ),
    "peer.nominate.prompt.upward": (
        "Which direct subordinates give feedback on <b>{name}</b> as their supervisor? Type "
        "their numbers separated by commas (e.g. <code>1, 2, 3</code>), at least {min} and at "
        "most {max} people. ✓ = chosen already.\n\n{candidates}"
    ),
    "peer.nominate.done": (
        "Raters for <b>{name}</b> saved ({count} people):\n{names}\n"
        "Newly chosen raters receive the request."
    ),
    # --- the summary -------------------------------------------------------------------------------
    "peer.summary.title": "<b>360° feedback results · {name}</b> · {period}",
    "peer.summary.before_deadline": (
        "Feedback results can be seen only after the deadline ({deadline}), and only if at "
        "least {min} raters answered. Until then nothing is shown, not even how many have "
        "answered."
    ),
    "peer.summary.no_raters": "Nobody was asked for feedback in this period.",
    "peer.summary.relation": "<b>{relation}</b>",
    "peer.summary.hidden": (
        "Nothing is shown: fewer than {min} raters answered, so their answers could be recognised."
    ),
    "peer.summary.responses": "From {count} raters (scale 1–5):",
    "peer.summary.value": "• {value}: <b>{mean}</b> ({raters} raters)",
    "peer.summary.value_hidden": "• {value}: not enough raters",
    "peer.summary.keep_doing": "<i>Keep doing:</i>",
    "peer.summary.improve": "<i>Could improve:</i>",
    "peer.summary.comment": "– {text}",
    "peer.summary.advice": (
        "This feedback is advice to the pejabat penilai, who alone sets the Rating Perilaku Kerja."
    ),
    "error.invalid_value.unknown_candidate": (
        "«{word}» is not in the list. Type numbers 1 to {max} from the list, or NIPs, "
        "separated by commas."
    ),
    "error.not_found.peer_assignment": (
        "This feedback request no longer exists (the pejabat penilai may have changed the "
        "raters). Type /umpanbalik to see your list."
    ),
    # --- the command line: kinerja peers ---------------------------------------------------------
    "peer.cli.peers": "Peer and subordinate (360°) feedback: assigning raters, progress, sealing",
    "peer.cli.assign": "Assign raters automatically to everyone who has none; whoever cannot reach the anonymity threshold is listed with the reason",
    "peer.cli.period": "the period's ID (see: kinerja period list)",
    "peer.cli.import_period": "the period's ID; without it, the one open period",
    "error.invalid_value.period_required": "{open} periods are open; name the period with --period ID (see: kinerja period list).",
    "peer.cli.per_person": "peer raters per person (default 4, at least the anonymity threshold, at most 10)",
    "peer.cli.upward": "also ask direct subordinates for feedback on every pejabat penilai",
    "peer.cli.seed": "the random seed: the same input and seed give the same assignment",
    "peer.cli.list": "Assignments and progress (answered or not, never what)",
    "peer.cli.unit": "only people rated in this unit (a unit code)",
    "peer.cli.format": "table (default) or csv",
    "peer.cli.import": "Import assignments from a CSV rater_nip,ratee_nip,relation (peer/rekan or upward/bawahan); all or nothing",
    "peer.cli.seal": "Remove every link between a response and its rater after the feedback deadline (cannot be undone)",
    "peer.cli.freeze": "Freeze the feedback summaries whose deadline has passed (the bot also does this itself)",
    "peer.cli.assigned": "{period}: {added} new assignments; {told} raters told (one message per rater). {short} people cannot reach the anonymity threshold:",
    "peer.cli.none": "No assignments in this period yet.",
    "peer.cli.progress": "{done} of {total} assignments answered.",
    "peer.cli.yes": "yes",
    "peer.cli.no": "not yet",
    "peer.cli.imported": "{period}: {added} assignments imported; {told} raters told.",
    "peer.cli.import_dry_run": "{period}: {added} valid assignments; nothing was saved (--dry-run).",
    "peer.cli.sealed": "Sealed: {links} response–rater links removed. Frozen summaries remain; answers can no longer be changed.",
    "peer.cli.frozen": "{count} summaries frozen.",
    "peer.cli.col.nip": "NIP",
    "peer.cli.col.name": "Name",
    "peer.cli.col.relation": "Relation",
    "peer.cli.col.reason": "Reason",
    "peer.cli.col.ratee_nip": "Ratee NIP",
    "peer.cli.col.ratee_name": "Ratee",
    "peer.cli.col.unit": "Unit",
    "peer.cli.col.rater_nip": "Rater NIP",
    "peer.cli.col.rater_name": "Rater",
    "peer.cli.col.source": "Source",
    "peer.cli.col.submitted": "Answered",
    # --- results ---------------------------------------------------------------------------------
    "peer.summary.not_enough_raters": "not enough raters",
    "peer.gap.self_higher": "<b>{value}</b>: you rated yourself higher than your {relation} did",
    "peer.gap.self_lower": "<b>{value}</b>: you rated yourself lower than your {relation} did",
    "peer.weak.peer_mean": "average from peers below {threshold}",
    "peer.weak.upward_mean": "average from subordinates below {threshold}",
    "peer.weak.perilaku": "Rating Perilaku Kerja: below expectation",
    "peer.recommendation.kind.pelatihan": "Training",
    "peer.recommendation.kind.kegiatan": "Activity",
    "peer.recommendation.kind.mentoring": "Mentoring",
    # --- coaching: Format B.1.8 ------------------------------------------------------------------
    "peer.coaching.title": "Feedback on performance coaching · {topic}",
    "peer.coaching.statement.1": "<b>I felt listened to and understood.</b>",
    "peer.coaching.statement.2": "<b>I felt the steps I had taken were appreciated.</b>",
    "peer.coaching.statement.3": "<b>I felt free to speak my mind.</b>",
    "peer.coaching.statement.4": "<b>The views given to me were based on accurate data or facts.</b>",
    "peer.coaching.statement.5": "<b>The views or opinions given to me were positive.</b>",
    "peer.coaching.statement.6": "<b>The coach asked questions more than lecturing.</b>",
    "peer.coaching.statement.7": "<b>I was helped to find solutions and follow-up actions.</b>",
    "peer.coaching.statement.8": "<b>I know what to do after the coaching.</b>",
    "peer.coaching.statement.9": "<b>I understand the purpose of the coaching.</b>",
    "peer.coaching.label.1": "Listened to and understood",
    "peer.coaching.label.2": "My steps appreciated",
    "peer.coaching.label.3": "Free to speak",
    "peer.coaching.label.4": "Based on data and facts",
    "peer.coaching.label.5": "Positive views",
    "peer.coaching.label.6": "Asking, not lecturing",
    "peer.coaching.label.7": "Helped to find solutions",
    "peer.coaching.label.8": "Know the next steps",
    "peer.coaching.label.9": "Understand the purpose",
    "peer.coaching.agree.4.1": "Strongly disagree",
    "peer.coaching.agree.4.2": "Disagree",
    "peer.coaching.agree.4.3": "Agree",
    "peer.coaching.agree.4.4": "Strongly agree",
    "peer.coaching.agree.5.1": "Strongly disagree",
    "peer.coaching.agree.5.2": "Disagree",
    "peer.coaching.agree.5.3": "Undecided",
    "peer.coaching.agree.5.4": "Agree",
    "peer.coaching.agree.5.5": "Strongly agree",
    # --- refusals --------------------------------------------------------------------------------
    "error.invalid_transition.already_frozen": "These feedback results are already frozen and are not computed again.",
    "error.invalid_transition.peer_feedback_open": "Feedback can still be given until {due}; the results can be computed only after that.",
    "error.invalid_transition.already_assigned": "This rater is already assigned to the same person in this period.",
    "error.invalid_transition.already_answered": "You have already sent your feedback on this coaching session.",
    "error.invalid_value.below_anonymity_floor": "An anonymity threshold of {value} is too low: at least {floor} raters, so that no rater can work out another's answers. Correct the <code>{field}</code> setting.",
    "error.invalid_value.date_in_past": "The date {value} has passed. Choose today or a later date.",
    "error.invalid_value.duplicate_rater": "The employee with NIP {nip} was chosen more than once. Choose each rater once.",
    "error.invalid_value.empty_response": 'This feedback says nothing yet: every value is "Cannot assess" and there is no comment. Answer at least one value or comment, or cancel.',
    "error.invalid_value.not_direct_subordinate": "This rater is not a direct subordinate of the person rated, so cannot give upward feedback.",
    "error.invalid_value.other_level": "This rater is not at the same level as the person rated (a different kind of position). Choose a colleague with the same kind of position.",
    "error.invalid_value.other_unit": "This rater is not in the same unit as the person rated.",
    "error.invalid_value.pejabat_penilai_as_peer": "A pejabat penilai cannot rate their own subordinate as a peer; their view goes into the performance assessment.",
    "error.invalid_value.self_rating": "Nobody can give feedback on themself.",
    "error.invalid_value.subordinate_as_peer": "A direct subordinate cannot rate their supervisor as a peer; subordinates' feedback is counted separately.",
    "error.invalid_value.self_mentor": "An employee cannot be their own mentor. Choose another colleague, or leave the mentor empty.",
    "error.invalid_value.too_few_raters": "Only {count} raters were chosen, and at least {min} are needed so that results can be shown without revealing who rated.",
    "error.invalid_value.too_many_raters": "At most {max} raters per employee. Choose fewer.",
    "error.period_not_open.peer_results_frozen": "Feedback for {period} is closed and its results are frozen; answers can no longer be sent or changed.",
    "error.permission_denied.no_longer_eligible": "You can no longer give feedback on this person (for example after a move to another unit or supervisor). Type /umpanbalik to see your list.",
    "error.permission_denied.not_your_assignment": "This button is not for you. Type /umpanbalik to see who is waiting for your feedback.",
    "error.permission_denied.not_ratee_or_pejabat_penilai": "These feedback results can be seen only by the person rated and their pejabat penilai.",
    "error.permission_denied.not_coached_employee": "Only the coached employee can answer the feedback on this coaching session.",
    "error.permission_denied.not_coached_employee_or_coach": "This coaching record can be seen only by the coached employee and the coach.",
    # --- import rows (assignments) ---------------------------------------------------------------
    "import.reason.already_assigned": "This rater is already assigned to the same person in this period. Remove the line.",
    "import.reason.below_threshold": "The person rated on this line gets only {count} raters in this relation, and at least {min} are needed. Add raters, or remove the lines.",
    "import.reason.self_rating": "Rater and ratee are the same person. Correct one of the NIPs.",
    "import.reason.other_level": "The rater is not at the same level as the ratee (a different kind of position). For a peer relation choose a colleague with the same kind of position.",
    "import.reason.other_unit": "The rater is not in the same unit as the ratee.",
    "import.reason.pejabat_penilai_as_peer": "The rater is the ratee's pejabat penilai and cannot rate them as a peer.",
    "import.reason.subordinate_as_peer": "The rater is the ratee's direct subordinate; use the upward relation, not peer.",
    "import.reason.not_direct_subordinate": "For the upward relation the rater must be a direct subordinate of the ratee.",
}


def _compose(lang: dict[str, str], base: dict[str, str], english: bool) -> None:
    """The per-value prompts, peer and upward: name, meaning, the three panduan perilaku (the
    leader's where they differ), then the question."""
    guide = "Behaviour guide" if english else "Panduan perilaku"
    questions = {
        "peer": (
            "Bagaimana perilaku <b>{name}</b> pada nilai ini?",
            "How does <b>{name}</b> behave on this value?",
        ),
        "upward": (
            "Bagaimana perilaku <b>{name}</b> sebagai pimpinan pada nilai ini?",
            "How does <b>{name}</b> behave as a leader on this value?",
        ),
    }
    for code in CODES:
        for relation, question in questions.items():
            lines = []
            for n in (1, 2, 3):
                leader = f"peer.leader.{code}.panduan.{n}"
                text = lang[leader] if relation == "upward" and leader in lang else None
                lines.append(f"{n}. {text or base[f'berakhlak.{code}.panduan.{n}']}")
            card = (
                f"<b>{base[f'berakhlak.{code}.name']}</b>\n<i>{base[f'berakhlak.{code}.meaning']}</i>\n"
                f"{guide}:\n" + "\n".join(lines)
            )
            lang[f"peer.form.{relation}.{code}"] = f"{card}\n\n{question[english]}"


_compose(ID, values.ID, english=False)
_compose(EN, values.EN, english=True)
