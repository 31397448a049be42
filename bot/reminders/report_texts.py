"""Texts of the admins' weekly summary (and its chart), the unit heads' monthly recognition and
the pejabat penilai's nudge."""

from __future__ import annotations

from typing import Final

_MONTHS_ID = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip
_MONTHS_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

ID: Final[dict[str, str]] = {
    # the admins' weekly summary
    "reminders.summary": (
        "📊 <b>Ringkasan mingguan kinerja-bot</b>\n"
        "<b>Periode penilaian yang dibuka</b>\n{periods}\n\n"
        "<b>Penyelesaian</b>: {units} unit, rinciannya menyusul.\n"
        "<b>Tidak dapat dihubungi</b> (memblokir bot): {unreachable} orang.\n\n"
        "<b>SKM minggu lalu</b> ({since} – {until}): {ratings} penilaian baru, {saran} saran baru.\n\n"
        "<b>IKM terendah triwulan ini</b>\n{lowest}\n\n"
        "<b>Penghargaan yang dikonfirmasi</b>\n{recognised}"
    ),
    "reminders.summary.chart": "📊 Penyelesaian per unit, sampai {until}.",
    "reminders.summary.none": "— tidak ada",
    "reminders.summary.units": "<b>Penyelesaian per unit</b> ({part}/{parts}): penilaian diri terkirim/wajib · dinilai atasan/wajib, dijumlah atas periode yang dibuka\n{completion}",
    "reminders.summary.unreachable": "<b>Tidak dapat dihubungi</b>: {count} pegawai memblokir bot dan tidak menerima pesan apa pun sampai mereka menulis lagi ke bot.\n{names}",
    "reminders.summary.period": "• {name}",
    "reminders.summary.unit": "• <b>{unit}</b>: {self}/{employees} ({self_pct}%) · {assessed}/{employees} ({assessed_pct}%) · belum terdaftar: {unregistered}",
    "reminders.summary.unit_peer": "• <b>{unit}</b>: {self}/{employees} ({self_pct}%) · {assessed}/{employees} ({assessed_pct}%) · umpan balik rekan {peer_pct}% · belum terdaftar: {unregistered}",
    "reminders.summary.person": "• {name} ({unit})",
    "reminders.summary.more": "• dan {count} orang lagi",
    "reminders.summary.ikm": "• {unit}: IKM {ikm} — mutu {mutu} ({kinerja})",
    "reminders.summary.recognised": "• 🏅 {name} ({unit}) — {month} {year}",
    "reminders.summary.recognised_service": "• 🏅 Layanan {name} ({unit}) — {month} {year}",
    "reminders.chart.title": "Penyelesaian penilaian per unit",
    "reminders.chart.subtitle": "Periode yang dibuka, sampai {until}",
    "reminders.chart.self": "Penilaian diri",
    "reminders.chart.assessed": "Penilaian atasan",
    "reminders.chart.peer": "Umpan balik rekan",
    "reminders.chart.xlabel": "Selesai (%)",
    # the unit heads' monthly recognition
    "reminders.recognition.candidates": (
        "🏅 <b>Calon penghargaan bulanan — {month} {year}</b>\n"
        "Dari unit Anda:\n{candidates}\n\n"
        "Tekan nama yang ingin Anda beri penghargaan. Pegawai yang Anda konfirmasi akan diberi tahu."
    ),
    "reminders.recognition.employee": "• {name} — predikat <b>Sangat Baik</b> ({period})",
    "reminders.recognition.service": "• Layanan {name} — IKM naik dari {before} menjadi {after}",
    "reminders.recognition.confirm": "✅ {name}",
    "reminders.recognition.confirmed": "✅ Penghargaan untuk <b>{name}</b> ({month} {year}) sudah dikonfirmasi.",
    "reminders.recognition.confirmed_employee": "✅ Penghargaan untuk <b>{name}</b> ({month} {year}) sudah dikonfirmasi dan akan diumumkan kepadanya.",
    "reminders.recognition.announce": "🏅 Selamat! {head} memberi Anda penghargaan kinerja bulan {month} {year} atas predikat <b>Sangat Baik</b> pada periode {period}. Terima kasih atas kerja Anda.",
    # the nudge
    "reminders.nudge": "🔔 Pesan dari pejabat penilai Anda, <b>{supervisor}</b>: penilaian diri periode <b>{period}</b> belum Anda kirim (batas {due}).",
    "reminders.nudge.open": "📝 Isi penilaian diri",
    "reminders.nudge.button": "🔔 Ingatkan semua yang terlambat",
    "reminders.nudge.sent": "🔔 Pengingat dikirim atas nama Anda kepada {count} pegawai: {names}. Tombol ini dapat dipakai lagi besok.",
    "reminders.nudge.nobody": "Semua bawahan Anda sudah mengirim penilaian diri (atau belum terdaftar di bot). Tidak ada pengingat yang dikirim.",
    "error.rate_limited.nudge_today": "Anda sudah mengirim pengingat hari ini. Tombol ini dapat dipakai lagi mulai {again}.",
    "error.invalid_transition.already_confirmed": "Penghargaan ini sudah dikonfirmasi sebelumnya. Tidak ada yang perlu dilakukan lagi.",
    **{f"reminders.month.{n}": name for n, name in enumerate(_MONTHS_ID, start=1)},
}

EN: Final[dict[str, str]] = {
    "reminders.summary": (
        "📊 <b>kinerja-bot weekly summary</b>\n"
        "<b>Open appraisal periods</b>\n{periods}\n\n"
        "<b>Completion</b>: {units} units, details follow.\n"
        "<b>Unreachable</b> (blocked the bot): {unreachable}.\n\n"
        "<b>SKM last week</b> ({since} – {until}): {ratings} new ratings, {saran} new suggestions.\n\n"
        "<b>Lowest IKM this quarter</b>\n{lowest}\n\n"
        "<b>Recognitions confirmed</b>\n{recognised}"
    ),
    "reminders.summary.chart": "📊 Completion per unit, up to {until}.",
    "reminders.summary.none": "— none",
    "reminders.summary.units": "<b>Completion per unit</b> ({part}/{parts}): self-assessments sent/due · assessed by the supervisor/due, summed over the open periods\n{completion}",
    "reminders.summary.unreachable": "<b>Unreachable</b> ({count}): these employees blocked the bot and get no message until they write to the bot again.\n{names}",
    "reminders.summary.period": "• {name}",
    "reminders.summary.unit": "• <b>{unit}</b>: {self}/{employees} ({self_pct}%) · {assessed}/{employees} ({assessed_pct}%) · not registered: {unregistered}",
    "reminders.summary.unit_peer": "• <b>{unit}</b>: {self}/{employees} ({self_pct}%) · {assessed}/{employees} ({assessed_pct}%) · peer feedback {peer_pct}% · not registered: {unregistered}",
    "reminders.summary.person": "• {name} ({unit})",
    "reminders.summary.more": "• and {count} more",
    "reminders.summary.ikm": "• {unit}: IKM {ikm} — quality {mutu} ({kinerja})",
    "reminders.summary.recognised": "• 🏅 {name} ({unit}) — {month} {year}",
    "reminders.summary.recognised_service": "• 🏅 Service {name} ({unit}) — {month} {year}",
    "reminders.chart.title": "Appraisal completion per unit",
    "reminders.chart.subtitle": "Open periods, up to {until}",
    "reminders.chart.self": "Self-assessment",
    "reminders.chart.assessed": "Supervisor's assessment",
    "reminders.chart.peer": "Peer feedback",
    "reminders.chart.xlabel": "Done (%)",
    "reminders.recognition.candidates": (
        "🏅 <b>Monthly recognition candidates — {month} {year}</b>\n"
        "From your unit:\n{candidates}\n\n"
        "Press the names you want to recognise. The employees you confirm will be told."
    ),
    "reminders.recognition.employee": "• {name} — rated <b>Sangat Baik</b> ({period})",
    "reminders.recognition.service": "• Service {name} — IKM rose from {before} to {after}",
    "reminders.recognition.confirm": "✅ {name}",
    "reminders.recognition.confirmed": "✅ The recognition of <b>{name}</b> ({month} {year}) is confirmed.",
    "reminders.recognition.confirmed_employee": "✅ The recognition of <b>{name}</b> ({month} {year}) is confirmed and will be announced to them.",
    "reminders.recognition.announce": "🏅 Congratulations! {head} gives you the performance recognition of {month} {year} for your <b>Sangat Baik</b> rating in the period {period}. Thank you for your work.",
    "reminders.nudge": "🔔 A message from your appraising official, <b>{supervisor}</b>: you have not submitted your self-assessment for <b>{period}</b> yet (due {due}).",
    "reminders.nudge.open": "📝 Fill in the self-assessment",
    "reminders.nudge.button": "🔔 Remind everyone who is late",
    "reminders.nudge.sent": "🔔 Reminder sent on your behalf to {count} employees: {names}. This button can be used again tomorrow.",
    "reminders.nudge.nobody": "All your subordinates have submitted their self-assessment (or are not registered with the bot). No reminder was sent.",
    "error.rate_limited.nudge_today": "You have already sent a reminder today. This button can be used again from {again}.",
    "error.invalid_transition.already_confirmed": "This recognition was confirmed before. There is nothing more to do.",
    **{f"reminders.month.{n}": name for n, name in enumerate(_MONTHS_EN, start=1)},
}
