"""The appraisal conversations and screens: self-assessment, the supervisor's assessment,
objection and decision, team, results, distribution, periods.

The seven BerAKHLAK prompts are composed from the value names, meanings and panduan perilaku
in :mod:`bot.appraisal.texts`, so that wording lives in one place.
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
    # --- self-assessment -----------------------------------------------------------------
    "appraisal.self.title": "Penilaian diri · {period}",
    "appraisal.self.section.utama": "Hasil kerja · RHK utama {kind_number} dari {kind_total}",
    "appraisal.self.section.tambahan": "Hasil kerja · RHK tambahan {kind_number} dari {kind_total}",
    "appraisal.self.section.berakhlak": "Perilaku kerja · BerAKHLAK {number} dari {total}",
    "appraisal.self.realisation": (
        "<b>{rhk}</b>\nIndikator: {indicator}\nTarget: {target}\n\n"
        "Apa <b>realisasi</b> Anda? Tulis capaiannya (angka atau uraian singkat)."
    ),
    "appraisal.self.evidence": (
        "<b>{rhk}</b>\n\nLampirkan <b>bukti dukung</b> (foto atau dokumen), atau lewati."
    ),
    "appraisal.self.rating_rhk": (
        "<b>{rhk}</b>\nTarget: {target}\n\nBagaimana penilaian Anda sendiri atas hasil kerja ini?"
    ),
    "appraisal.self.submitted": (
        "Penilaian diri <b>{period}</b> terkirim dan atasan Anda sudah diberi tahu. "
        "Anda masih dapat mengubahnya sampai {due} dengan /penilaian."
    ),
    "appraisal.label.realisation": "RHK {number} · realisasi",
    "appraisal.label.evidence": "RHK {number} · bukti dukung",
    "appraisal.label.rating_rhk": "RHK {number} · penilaian diri",
    "appraisal.label.note": "Catatan BerAKHLAK {number}",
    "appraisal.label.hasil": "Rating Hasil Kerja",
    "appraisal.label.perilaku": "Rating Perilaku Kerja",
    "appraisal.label.detail": "Umpan balik per RHK dan nilai",
    "appraisal.label.rhk_feedback": "Umpan balik RHK {number}",
    "appraisal.label.feedback": "Umpan balik umum",
    "appraisal.label.reason": "Alasan",
    "appraisal.label.keep": "Keputusan",
    # --- the pejabat penilai's assessment --------------------------------------------------
    "appraisal.assess.title": "Penilaian kinerja · {name}",
    "appraisal.assess.hasil": (
        "<b>Rating Hasil Kerja</b>\nDi Atas Ekspektasi: sebagian besar atau seluruh hasil kerja "
        "melampaui ekspektasi dan tidak ada hasil kerja utama di bawah ekspektasi. Sesuai "
        "Ekspektasi: sebagian besar atau seluruh hasil kerja sesuai ekspektasi. Di Bawah "
        "Ekspektasi: sebagian besar atau seluruh hasil kerja di bawah ekspektasi."
    ),
    "appraisal.assess.perilaku": (
        "<b>Rating Perilaku Kerja</b>\nNilailah perilaku kerja pegawai atas tujuh nilai "
        "BerAKHLAK dibandingkan ekspektasi Anda."
    ),
    "appraisal.assess.detail": (
        "Tambahkan umpan balik untuk setiap RHK dan setiap nilai BerAKHLAK? "
        "(Semuanya boleh dilewati.)"
    ),
    "appraisal.assess.rhk_feedback": (
        "<b>RHK {number}: {rhk}</b>\nTarget: {target}\n\nUmpan balik Anda untuk hasil kerja ini?"
    ),
    "appraisal.assess.feedback": "Umpan balik umum untuk pegawai (opsional)?",
    "appraisal.assess.done": (
        "Penilaian untuk <b>{name}</b> tersimpan. Predikat kinerja: <b>{predikat}</b>. "
        "Pegawai sudah diberi tahu."
    ),
    # --- objection and decision ------------------------------------------------------------
    "appraisal.object.title": "Keberatan atas hasil penilaian",
    "appraisal.object.reason": (
        "Tuliskan <b>alasan keberatan</b> Anda (10–1000 karakter). Keberatan diteruskan kepada "
        "atasan pejabat penilai, yang keputusannya bersifat final."
    ),
    "appraisal.object.filed": (
        "Keberatan Anda untuk <b>{period}</b> telah diajukan dan diteruskan kepada atasan "
        "pejabat penilai. Anda akan diberi tahu keputusannya."
    ),
    "appraisal.decide.title": "Keputusan atas keberatan · {name}",
    "appraisal.decide.keep": "Apakah rating dari pejabat penilai <b>tetap</b> atau <b>diubah</b>?",
    "appraisal.decide.option.keep": "Tetap",
    "appraisal.decide.option.change": "Diubah",
    "appraisal.decide.reason": "Tuliskan <b>alasan keputusan</b> Anda (10–1000 karakter). Keputusan ini final.",
    "appraisal.decide.done": (
        "Keputusan atas keberatan <b>{name}</b> ({period}) tersimpan. Predikat akhir: "
        "<b>{predikat}</b>."
    ),
    # --- notifications ------------------------------------------------------------------------
    "appraisal.notify.submitted": "<b>{name}</b> telah mengirim penilaian diri untuk <b>{period}</b>.",
    "appraisal.notify.assessed": (
        "Hasil penilaian kinerja Anda untuk <b>{period}</b> sudah keluar. Hasil kerja: "
        "<b>{hasil}</b>; perilaku kerja: <b>{perilaku}</b>; predikat: <b>{predikat}</b>. "
        "Anda dapat menerimanya atau mengajukan keberatan sampai {deadline}."
    ),
    "appraisal.notify.changed": (
        "✏️ Pejabat penilai <b>mengubah</b> penilaian kinerja Anda untuk <b>{period}</b> "
        "setelah hasilnya dikirim kepada Anda. Sekarang: hasil kerja <b>{hasil}</b>; "
        "perilaku kerja <b>{perilaku}</b>; predikat <b>{predikat}</b>. Karena berubah, "
        "kesempatan mengajukan keberatan <b>dimulai ulang</b>: sampai {deadline}."
    ),
    "appraisal.notify.objected": (
        "<b>{name}</b> mengajukan keberatan atas hasil penilaian <b>{period}</b>. "
        "Sebagai atasan pejabat penilai, Anda yang memutuskan."
    ),
    "appraisal.notify.objected_on_behalf": (
        "<b>{name}</b> mengajukan keberatan atas hasil penilaian <b>{period}</b>. Atasan "
        "pejabat penilainya, {atasan}, belum terhubung ke bot. Sebagai admin, Anda dapat "
        "mencatat keputusan beliau di sini; bila beliau sudah mendaftar, beliau sendiri "
        "yang memutuskan."
    ),
    "appraisal.notify.objected_for_kepala_daerah": (
        "<b>{name}</b> mengajukan keberatan atas hasil penilaian <b>{period}</b>. Yang "
        "memutuskan adalah Kepala Daerah; sebagai admin, catat keputusan beliau di sini."
    ),
    "appraisal.notify.decided": (
        "Keberatan <b>{name}</b> untuk <b>{period}</b> telah diputuskan. Predikat akhir: "
        "<b>{predikat}</b>."
    ),
    "appraisal.button.open": "👀 Lihat",
    "appraisal.button.results": "📊 Lihat hasil",
    "appraisal.button.decide": "⚖️ Tinjau keberatan",
    "appraisal.button.assess": "✍️ Nilai",
    "appraisal.button.reassess": "✍️ Ubah penilaian",
    "appraisal.button.acknowledge": "✅ Terima",
    "appraisal.button.object": "✋ Ajukan keberatan",
    "appraisal.button.decide_now": "⚖️ Putuskan",
    # --- tasks on the menu -------------------------------------------------------------------
    "appraisal.task.self": "Penilaian diri <b>{period}</b>: {status} (batas {due}) — /penilaian",
    "appraisal.task.ack": "Predikat <b>{period}</b> sudah keluar: {predikat} — /hasil",
    "appraisal.task.assess": "{count} bawahan menunggu penilaian Anda untuk <b>{period}</b> — /tim",
    "appraisal.task.decide": "{count} keberatan menunggu keputusan Anda — /hasil",
    # --- menus, commands ------------------------------------------------------------------------
    "appraisal.menu.self": "📝 Penilaian diri",
    "appraisal.menu.skp": "📄 SKP saya",
    "appraisal.menu.results": "📊 Hasil saya",
    "appraisal.menu.team": "👥 Tim saya",
    "appraisal.menu.distribution": "📈 Distribusi predikat",
    "appraisal.menu.periods": "🗓 Periode",
    "appraisal.command.penilaian": "Isi penilaian diri",
    "appraisal.command.skp": "Lihat SKP Anda",
    "appraisal.command.hasil": "Hasil penilaian dan keberatan",
    "appraisal.command.tim": "Status dan penilaian bawahan",
    "appraisal.command.distribusi": "Distribusi predikat unit Anda",
    "appraisal.command.periode": "Kelola periode penilaian (admin)",
    "appraisal.no_open_period": (
        "Belum ada periode penilaian yang dibuka. Admin membukanya dengan "
        "<code>kinerja period open</code> atau menu Periode."
    ),
    "appraisal.choose_period": "Pilih periode penilaian:",
    "appraisal.period_not_open": "Periode itu tidak sedang dibuka lagi. Ketik /menu untuk melihat periode yang dibuka.",
    "appraisal.period_button": "{name}",
    # --- SKP, team, case, results, distribution ----------------------------------------------
    "appraisal.skp.title": "<b>SKP {year}</b> · {name}",
    "appraisal.skp.item": "{number}. <b>{rhk}</b>\n    Indikator: {indicator}\n    Target: {target}",
    "appraisal.skp.none": "SKP Anda untuk tahun {year} belum diimpor. Hubungi admin kepegawaian.",
    "appraisal.team.title": "<b>Tim Anda</b> · {period}",
    "appraisal.team.line": "{number}. {name} — {status}",
    "appraisal.team.line_predikat": "{number}. {name} — {status} · {predikat}",
    "appraisal.team.none": "Anda tidak memiliki bawahan langsung.",
    "appraisal.team.member_button": "{number}. {name}",
    "appraisal.case.title": "<b>{name}</b>\n{position}\n{period} · status: {status}",
    "appraisal.case.rhk": "<b>RHK {number}</b>: {rhk}\n    Target: {target}\n    Realisasi: {realisation}\n    Penilaian diri: {rating}",
    "appraisal.case.rhk_feedback": "    Umpan balik: {feedback}",
    "appraisal.case.evidence": "    Bukti dukung: terlampir (dikirim di bawah)",
    "appraisal.case.evidence_caption": "Bukti dukung RHK {number}",
    "appraisal.case.value": "• {value}: {rating}",
    "appraisal.case.value_note": "• {value}: {rating} — <i>{note}</i>",
    "appraisal.case.not_yet": "belum diisi",
    "appraisal.case.no_self": "<i>Pegawai belum mengirim penilaian diri.</i>",
    "appraisal.case.behaviour": "<b>Perilaku kerja (BerAKHLAK)</b>",
    "appraisal.case.official": (
        "<b>Penilaian pejabat penilai</b>\nRating Hasil Kerja: {hasil}\n"
        "Rating Perilaku Kerja: {perilaku}\nPredikat: <b>{predikat}</b>"
    ),
    "appraisal.case.final": (
        "<b>Hasil akhir setelah keberatan</b>\nRating Hasil Kerja: {hasil}\n"
        "Rating Perilaku Kerja: {perilaku}\nPredikat: <b>{predikat}</b>"
    ),
    "appraisal.case.feedback": "Umpan balik: {feedback}",
    "appraisal.case.objection": "<b>Keberatan</b> ({filed}): {reason}",
    "appraisal.case.decision_keep": "<b>Keputusan atasan</b> ({at}): rating tetap. Alasan: {reason}",
    "appraisal.case.decision_change": "<b>Keputusan atasan</b> ({at}): rating diubah. Alasan: {reason}",
    "appraisal.case.deadline": "Batas pengajuan keberatan: {deadline}",
    "appraisal.results.none": "Belum ada hasil penilaian untuk Anda.",
    "appraisal.ack.done": "Terima kasih. Hasil penilaian <b>{period}</b> Anda terima.",
    "appraisal.dist.title": "<b>Distribusi predikat</b> · {unit}\n{period}",
    "appraisal.dist.line": "• {predikat}: {count} ({percent}%)",
    "appraisal.dist.total": "Jumlah pegawai yang sudah dinilai: {total}",
    "appraisal.dist.org": "Predikat kinerja organisasi: <b>{org}</b>",
    "appraisal.dist.no_org": "Predikat kinerja organisasi unit ini belum ditetapkan. Pola distribusi yang berlaku bergantung padanya; menurut sebaran saat ini:",
    "appraisal.dist.ok": "✅ Sesuai pola distribusi.",
    "appraisal.dist.nobody": "Belum ada pegawai yang dinilai pada periode ini.",
    "appraisal.case.original": "Rating semula dari pejabat penilai: Hasil Kerja {hasil}, Perilaku Kerja {perilaku} (predikat {predikat}).",
    "appraisal.case.assess_early": "⚠️ Pegawai belum mengirim penilaian diri (batasnya {due}). Bila Anda menilai sekarang, pegawai tidak dapat lagi mengisinya.",
    "appraisal.dist.warning": "⚠️ {warning}",
    # --- periods (admin) ------------------------------------------------------------------------
    "period.list.title": "<b>Periode penilaian</b>",
    "period.list.line": "#{id} <b>{name}</b> ({kind}) {start} – {end} · {status}",
    "period.list.none": "Belum ada periode. Buat dengan tombol di bawah atau <code>kinerja period create</code>.",
    "period.button.open": "▶️ Buka #{id}",
    "period.button.close": "⏹ Tutup #{id}",
    "period.button.new": "➕ Periode baru",
    "period.opened": "Periode <b>{name}</b> dibuka.",
    "period.closed": "Periode <b>{name}</b> ditutup dan dibekukan.",
    "period.created": "Periode <b>{name}</b> (#{id}) dibuat sebagai draf. Buka dengan /periode.",
    "period.create.title": "Periode penilaian baru",
    "period.ask.name": "Nama periode, misalnya <i>Triwulan I 2027</i>:",
    "period.ask.kind": "Jenis periode:",
    "period.ask.start": "Tanggal mulai (TTTT-BB-HH atau HH-BB-TTTT):",
    "period.ask.end": "Tanggal selesai:",
    "period.ask.self_due": "Batas penilaian diri:",
    "period.ask.peer_due": "Batas umpan balik rekan kerja:",
    "period.ask.review_due": "Batas penilaian oleh pejabat penilai:",
    "period.ask.objection_days": "Lama masa keberatan dalam hari (1–30):",
    "period.label.name": "Nama",
    "period.label.kind": "Jenis",
    "period.label.start": "Mulai",
    "period.label.end": "Selesai",
    "period.label.self_due": "Batas penilaian diri",
    "period.label.peer_due": "Batas umpan balik rekan",
    "period.label.review_due": "Batas penilaian atasan",
    "period.label.objection_days": "Masa keberatan (hari)",
}

EN: dict[str, str] = {
    "appraisal.self.title": "Self-assessment · {period}",
    "appraisal.self.section.utama": "Work results · main RHK {kind_number} of {kind_total}",
    "appraisal.self.section.tambahan": "Work results · additional RHK {kind_number} of {kind_total}",
    "appraisal.self.section.berakhlak": "Work behaviour · BerAKHLAK {number} of {total}",
    "appraisal.self.realisation": (
        "<b>{rhk}</b>\nIndicator: {indicator}\nTarget: {target}\n\n"
        "What is your <b>realisation</b>? Describe what you achieved (a number or a short text)."
    ),
    "appraisal.self.evidence": (
        "<b>{rhk}</b>\n\nAttach <b>evidence</b> (a photo or a document), or skip."
    ),
    "appraisal.self.rating_rhk": (
        "<b>{rhk}</b>\nTarget: {target}\n\nHow do you rate this work result yourself?"
    ),
    "appraisal.self.submitted": (
        "Your self-assessment for <b>{period}</b> was sent and your supervisor was told. "
        "You can still change it until {due} with /penilaian."
    ),
    "appraisal.label.realisation": "RHK {number} · realisation",
    "appraisal.label.evidence": "RHK {number} · evidence",
    "appraisal.label.rating_rhk": "RHK {number} · self-rating",
    "appraisal.label.note": "BerAKHLAK note {number}",
    "appraisal.label.hasil": "Rating Hasil Kerja (work results)",
    "appraisal.label.perilaku": "Rating Perilaku Kerja (behaviour)",
    "appraisal.label.detail": "Feedback per RHK and value",
    "appraisal.label.rhk_feedback": "Feedback on RHK {number}",
    "appraisal.label.feedback": "General feedback",
    "appraisal.label.reason": "Reason",
    "appraisal.label.keep": "Decision",
    "appraisal.assess.title": "Performance assessment · {name}",
    "appraisal.assess.hasil": (
        "<b>Rating Hasil Kerja</b> (work results)\nAbove expectation: most or all results exceed "
        "expectations and no main result is below. As expected: most or all results meet "
        "expectations. Below expectation: most or all results are below expectations."
    ),
    "appraisal.assess.perilaku": (
        "<b>Rating Perilaku Kerja</b> (work behaviour)\nRate the employee's behaviour on the "
        "seven BerAKHLAK values against your expectations."
    ),
    "appraisal.assess.detail": (
        "Add feedback for each RHK and each BerAKHLAK value? (Every item can be skipped.)"
    ),
    "appraisal.assess.rhk_feedback": (
        "<b>RHK {number}: {rhk}</b>\nTarget: {target}\n\nYour feedback on this work result?"
    ),
    "appraisal.assess.feedback": "General feedback for the employee (optional)?",
    "appraisal.assess.done": (
        "The assessment of <b>{name}</b> is saved. Predikat kinerja: <b>{predikat}</b>. "
        "The employee has been told."
    ),
    "appraisal.object.title": "Objection to the appraisal result",
    "appraisal.object.reason": (
        "Write the <b>reason for your objection</b> (10–1000 characters). It goes to your "
        "supervisor's superior, whose decision is final."
    ),
    "appraisal.object.filed": (
        "Your objection for <b>{period}</b> was filed and sent to your supervisor's superior. "
        "You will be told the decision."
    ),
    "appraisal.decide.title": "Decision on an objection · {name}",
    "appraisal.decide.keep": "Do the supervisor's ratings <b>stay</b> or are they <b>changed</b>?",
    "appraisal.decide.option.keep": "Stay",
    "appraisal.decide.option.change": "Change",
    "appraisal.decide.reason": "Write the <b>reason for your decision</b> (10–1000 characters). The decision is final.",
    "appraisal.decide.done": (
        "The decision on <b>{name}</b>'s objection ({period}) is saved. Final predikat: "
        "<b>{predikat}</b>."
    ),
    "appraisal.notify.submitted": "<b>{name}</b> has sent a self-assessment for <b>{period}</b>.",
    "appraisal.notify.assessed": (
        "Your appraisal result for <b>{period}</b> is out. Work results: <b>{hasil}</b>; work "
        "behaviour: <b>{perilaku}</b>; predikat: <b>{predikat}</b>. You can accept it or file "
        "an objection until {deadline}."
    ),
    "appraisal.notify.changed": (
        "✏️ Your pejabat penilai <b>changed</b> your appraisal for <b>{period}</b> after the "
        "result was sent to you. Now: work results <b>{hasil}</b>; work behaviour "
        "<b>{perilaku}</b>; predikat <b>{predikat}</b>. Because it changed, the window to object "
        "<b>starts again</b>: until {deadline}."
    ),
    "appraisal.notify.objected": (
        "<b>{name}</b> filed an objection to the appraisal of <b>{period}</b>. As the "
        "supervisor's superior, you decide."
    ),
    "appraisal.notify.objected_on_behalf": (
        "<b>{name}</b> filed an objection to the appraisal of <b>{period}</b>. The "
        "supervisor's superior, {atasan}, is not linked to the bot yet. As an admin you may "
        "record their decision here; once they register, they decide themselves."
    ),
    "appraisal.notify.objected_for_kepala_daerah": (
        "<b>{name}</b> filed an objection to the appraisal of <b>{period}</b>. The Kepala "
        "Daerah decides; as an admin, record their decision here."
    ),
    "appraisal.notify.decided": (
        "<b>{name}</b>'s objection for <b>{period}</b> has been decided. Final predikat: "
        "<b>{predikat}</b>."
    ),
    "appraisal.button.open": "👀 View",
    "appraisal.button.results": "📊 View result",
    "appraisal.button.decide": "⚖️ Review the objection",
    "appraisal.button.assess": "✍️ Assess",
    "appraisal.button.reassess": "✍️ Change the assessment",
    "appraisal.button.acknowledge": "✅ Accept",
    "appraisal.button.object": "✋ File an objection",
    "appraisal.button.decide_now": "⚖️ Decide",
    "appraisal.task.self": "Self-assessment <b>{period}</b>: {status} (due {due}) — /penilaian",
    "appraisal.task.ack": "Your predikat for <b>{period}</b> is out: {predikat} — /hasil",
    "appraisal.task.assess": "{count} direct reports wait for your assessment for <b>{period}</b> — /tim",
    "appraisal.task.decide": "{count} objections wait for your decision — /hasil",
    "appraisal.menu.self": "📝 Self-assessment",
    "appraisal.menu.skp": "📄 My SKP",
    "appraisal.menu.results": "📊 My results",
    "appraisal.menu.team": "👥 My team",
    "appraisal.menu.distribution": "📈 Predikat distribution",
    "appraisal.menu.periods": "🗓 Periods",
    "appraisal.command.penilaian": "Fill in your self-assessment",
    "appraisal.command.skp": "See your SKP",
    "appraisal.command.hasil": "Results and objections",
    "appraisal.command.tim": "Your team's status and assessment",
    "appraisal.command.distribusi": "Your unit's predikat distribution",
    "appraisal.command.periode": "Manage appraisal periods (admin)",
    "appraisal.no_open_period": (
        "No appraisal period is open yet. An admin opens one with "
        "<code>kinerja period open</code> or the Periods menu."
    ),
    "appraisal.choose_period": "Choose the appraisal period:",
    "appraisal.period_not_open": "That period is no longer open. Type /menu to see the open periods.",
    "appraisal.period_button": "{name}",
    "appraisal.skp.title": "<b>SKP {year}</b> · {name}",
    "appraisal.skp.item": "{number}. <b>{rhk}</b>\n    Indicator: {indicator}\n    Target: {target}",
    "appraisal.skp.none": "Your SKP for {year} has not been imported yet. Contact your HR admin.",
    "appraisal.team.title": "<b>Your team</b> · {period}",
    "appraisal.team.line": "{number}. {name} — {status}",
    "appraisal.team.line_predikat": "{number}. {name} — {status} · {predikat}",
    "appraisal.team.none": "You have no direct reports.",
    "appraisal.team.member_button": "{number}. {name}",
    "appraisal.case.title": "<b>{name}</b>\n{position}\n{period} · status: {status}",
    "appraisal.case.rhk": "<b>RHK {number}</b>: {rhk}\n    Target: {target}\n    Realisation: {realisation}\n    Self-rating: {rating}",
    "appraisal.case.rhk_feedback": "    Feedback: {feedback}",
    "appraisal.case.evidence": "    Evidence: attached (sent below)",
    "appraisal.case.evidence_caption": "Evidence for RHK {number}",
    "appraisal.case.value": "• {value}: {rating}",
    "appraisal.case.value_note": "• {value}: {rating} — <i>{note}</i>",
    "appraisal.case.not_yet": "not filled in",
    "appraisal.case.no_self": "<i>The employee has not sent a self-assessment.</i>",
    "appraisal.case.behaviour": "<b>Work behaviour (BerAKHLAK)</b>",
    "appraisal.case.official": (
        "<b>The supervisor's assessment</b>\nRating Hasil Kerja: {hasil}\n"
        "Rating Perilaku Kerja: {perilaku}\nPredikat: <b>{predikat}</b>"
    ),
    "appraisal.case.final": (
        "<b>Final result after the objection</b>\nRating Hasil Kerja: {hasil}\n"
        "Rating Perilaku Kerja: {perilaku}\nPredikat: <b>{predikat}</b>"
    ),
    "appraisal.case.feedback": "Feedback: {feedback}",
    "appraisal.case.objection": "<b>Objection</b> ({filed}): {reason}",
    "appraisal.case.decision_keep": "<b>Superior's decision</b> ({at}): ratings stay. Reason: {reason}",
    "appraisal.case.decision_change": "<b>Superior's decision</b> ({at}): ratings changed. Reason: {reason}",
    "appraisal.case.deadline": "Objections possible until: {deadline}",
    "appraisal.results.none": "There are no appraisal results for you yet.",
    "appraisal.ack.done": "Thank you. You accepted your appraisal result for <b>{period}</b>.",
    "appraisal.dist.title": "<b>Predikat distribution</b> · {unit}\n{period}",
    "appraisal.dist.line": "• {predikat}: {count} ({percent}%)",
    "appraisal.dist.total": "Employees assessed so far: {total}",
    "appraisal.dist.org": "Organisation predikat: <b>{org}</b>",
    "appraisal.dist.no_org": "The organisation predikat of this unit is not set yet. The distribution pattern depends on it; with today's spread:",
    "appraisal.dist.ok": "✅ Within the distribution pattern.",
    "appraisal.dist.nobody": "Nobody has been assessed in this period yet.",
    "appraisal.case.original": "The supervisor's original ratings: work results {hasil}, behaviour {perilaku} (predikat {predikat}).",
    "appraisal.case.assess_early": "⚠️ The employee has not sent a self-assessment yet (due {due}). If you assess now, they can no longer fill it in.",
    "appraisal.dist.warning": "⚠️ {warning}",
    "period.list.title": "<b>Appraisal periods</b>",
    "period.list.line": "#{id} <b>{name}</b> ({kind}) {start} – {end} · {status}",
    "period.list.none": "No periods yet. Create one with the button below or <code>kinerja period create</code>.",
    "period.button.open": "▶️ Open #{id}",
    "period.button.close": "⏹ Close #{id}",
    "period.button.new": "➕ New period",
    "period.opened": "Period <b>{name}</b> is open.",
    "period.closed": "Period <b>{name}</b> is closed and frozen.",
    "period.created": "Period <b>{name}</b> (#{id}) was created as a draft. Open it with /periode.",
    "period.create.title": "New appraisal period",
    "period.ask.name": "Name of the period, e.g. <i>Triwulan I 2027</i>:",
    "period.ask.kind": "Kind of period:",
    "period.ask.start": "Start date (YYYY-MM-DD or DD-MM-YYYY):",
    "period.ask.end": "End date:",
    "period.ask.self_due": "Self-assessment due date:",
    "period.ask.peer_due": "Peer feedback due date:",
    "period.ask.review_due": "Supervisor assessment due date:",
    "period.ask.objection_days": "Objection window in days (1–30):",
    "period.label.name": "Name",
    "period.label.kind": "Kind",
    "period.label.start": "Start",
    "period.label.end": "End",
    "period.label.self_due": "Self-assessment due",
    "period.label.peer_due": "Peer feedback due",
    "period.label.review_due": "Supervisor assessment due",
    "period.label.objection_days": "Objection window (days)",
}


def _compose(lang: dict[str, str], base: dict[str, str], english: bool) -> None:
    """The per-value prompts: name, meaning and the three panduan perilaku, then a question."""
    guide = "Panduan perilaku" if not english else "Behaviour guide"
    questions = {
        "self": (
            "Bagaimana penilaian Anda sendiri atas perilaku ini?",
            "How do you rate your own behaviour on this value?",
        ),
        "note": (
            "Catatan atau contoh perilaku Anda untuk <b>{name}</b>? (opsional)",
            "A note or an example of your behaviour for <b>{name}</b>? (optional)",
        ),
        "assess": ("Umpan balik Anda untuk nilai ini?", "Your feedback on this value?"),
    }
    for code in CODES:
        name = base[f"berakhlak.{code}.name"]
        panduan = "\n".join(f"{i}. {base[f'berakhlak.{code}.panduan.{i}']}" for i in (1, 2, 3))
        card = f"<b>{name}</b>\n<i>{base[f'berakhlak.{code}.meaning']}</i>\n{guide}:\n{panduan}"
        lang[f"appraisal.self.ber.{code}"] = f"{card}\n\n{questions['self'][english]}"
        lang[f"appraisal.self.ber_note.{code}"] = questions["note"][english].replace("{name}", name)
        lang[f"appraisal.assess.ber.{code}"] = f"{card}\n\n{questions['assess'][english]}"


_compose(ID, values.ID, english=False)
_compose(EN, values.EN, english=True)


_CLI_ID = {
    "period.cli.period": "Periode penilaian: buat, buka, tutup, daftar, predikat organisasi.",
    "period.cli.create": "Buat periode (draf). Tanggal dalam format TTTT-BB-HH.",
    "period.cli.objection_days": "Lama masa keberatan dalam hari (bawaan 5).",
    "period.cli.open": "Buka periode (draf → dibuka).",
    "period.cli.close": "Tutup dan bekukan periode (dibuka → ditutup).",
    "period.cli.list": "Daftar semua periode.",
    "period.cli.org_predikat": "Tetapkan predikat kinerja organisasi sebuah unit untuk periode (pola distribusi).",
    "period.cli.created": "Periode #{id} {name} dibuat sebagai draf. Buka dengan: kinerja period open {id}",
    "period.cli.org_set": "Predikat kinerja organisasi {unit}: {predikat}.",
    "period.cli.id": "Nomor periode (lihat kinerja period list).",
    "period.cli.unit": "Kode unit kerja.",
    "period.cli.col.id": "ID",
    "period.cli.col.name": "Nama",
    "period.cli.col.kind": "Jenis",
    "period.cli.col.start": "Mulai",
    "period.cli.col.end": "Selesai",
    "period.cli.col.self_due": "Batas diri",
    "period.cli.col.review_due": "Batas atasan",
    "period.cli.col.status": "Status",
    "cli.kind.skp": "SKP",
}
_CLI_EN = {
    "period.cli.period": "Appraisal periods: create, open, close, list, organisation predikat.",
    "period.cli.create": "Create a period (as a draft). Dates as YYYY-MM-DD.",
    "period.cli.objection_days": "Objection window in days (default 5).",
    "period.cli.open": "Open a period (draft → open).",
    "period.cli.close": "Close and freeze a period (open → closed).",
    "period.cli.list": "List every period.",
    "period.cli.org_predikat": "Set a unit's organisation predikat for a period (distribution pattern).",
    "period.cli.created": "Period #{id} {name} was created as a draft. Open it with: kinerja period open {id}",
    "period.cli.org_set": "Organisation predikat of {unit}: {predikat}.",
    "period.cli.id": "The period's number (see kinerja period list).",
    "period.cli.unit": "A unit code.",
    "period.cli.col.id": "ID",
    "period.cli.col.name": "Name",
    "period.cli.col.kind": "Kind",
    "period.cli.col.start": "Start",
    "period.cli.col.end": "End",
    "period.cli.col.self_due": "Self due",
    "period.cli.col.review_due": "Review due",
    "period.cli.col.status": "Status",
    "cli.kind.skp": "SKP",
}
ID.update(_CLI_ID)
EN.update(_CLI_EN)

# Form fields named in error messages (e.g. "the date Batas penilaian diri must be between...").
for _name in ("name", "start", "end", "self_due", "peer_due", "review_due", "objection_days"):
    ID[f"field.{_name}"] = ID[f"period.label.{_name}"]
    EN[f"field.{_name}"] = EN[f"period.label.{_name}"]
