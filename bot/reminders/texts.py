"""Texts of the reminders: employees' reminders, the digest, ``/pengingat``, the holidays'
command line. Reminder texts take ``{period}``, ``{due}``, ``{days_left}``, ``{days_late}`` and
``{note}`` (a text of its own: the due date is a day off, or nothing)."""

from __future__ import annotations

from typing import Final

ID: Final[dict[str, str]] = {
    "reminders.command.pengingat": "Atur pengingat",
    "help.command.pengingat": (
        "pilih pengingat tugas yang Anda terima: semua, hanya batas waktu, atau mati. "
        "Contoh: <code>/pengingat</code>"
    ),
    "reminders.self.opened": (
        "📅 Periode penilaian <b>{period}</b> sudah dibuka. Yang diharapkan dari Anda: "
        "penilaian diri (realisasi dan nilai setiap RHK SKP Anda, serta perilaku BerAKHLAK), "
        "paling lambat <b>{due}</b>.{note}"
    ),
    "reminders.self.before": (
        "⏰ Pengingat: penilaian diri untuk <b>{period}</b> belum Anda kirim. Batas waktunya "
        "<b>{due}</b>, {days_left} hari lagi.{note}"
    ),
    "reminders.self.due_today": (
        "⏰ Hari ini batas waktu penilaian diri untuk <b>{period}</b> (<b>{due}</b>). Anda "
        "belum mengirimnya.{note}"
    ),
    "reminders.self.overdue": (
        "⚠️ Penilaian diri untuk <b>{period}</b> belum Anda kirim; batas waktunya "
        "<b>{due}</b> sudah lewat {days_late} hari. Jika periode masih menerimanya, kirim "
        "sekarang; jika tidak, hubungi pejabat penilai atau admin kepegawaian Anda.{note}"
    ),
    "reminders.note.none": "",
    "reminders.note.due_on_day_off": (
        "\n<i>Tanggal itu hari libur atau akhir pekan, tetapi batas waktunya tetap berlaku.</i>"
    ),
    "reminders.objection.closing": (
        "⚖️ Kesempatan mengajukan keberatan atas hasil penilaian <b>{period}</b> berakhir "
        "<b>{deadline}</b>. Jika Anda menerima hasilnya, tekan «Terima»; jika tidak, ajukan "
        "keberatan sebelum batas itu."
    ),
    "reminders.button.self": "✍️ Isi penilaian diri",
    "reminders.button.peer": "🗣 Beri umpan balik",
    "reminders.peer.before": (
        "⏰ Pengingat: {count} umpan balik untuk rekan atau atasan Anda pada <b>{period}</b> "
        "belum Anda berikan. Batas waktunya <b>{due}</b>, {days_left} hari lagi.{note}"
    ),
    "reminders.peer.due_today": (
        "⏰ Hari ini batas waktu umpan balik <b>{period}</b> (<b>{due}</b>): {count} belum Anda "
        "berikan.{note}"
    ),
    "reminders.button.assess": "✍️ Nilai {name}",
    "reminders.button.decide": "⚖️ Keberatan {name}",
    # The digest (bot.reminders.digest_text words it from the domain's data)
    "reminders.digest.title": "☀️ <b>Ringkasan pagi</b>",
    "reminders.digest.period": "<b>{period}</b>",
    "reminders.digest.late": "• Belum mengirim penilaian diri ({count}): {names}",
    "reminders.digest.waiting": "• Menunggu penilaian Anda ({count}):",
    "reminders.digest.waiting_one": "   – {name}, sejak {since}",
    "reminders.digest.review_due": "• Batas penilaian oleh Anda: {due} ({days} hari lagi)",
    "reminders.digest.review_due_today": "• Batas penilaian oleh Anda: hari ini, {due}",
    "reminders.digest.review_overdue": "• Batas penilaian oleh Anda: {due}, sudah lewat {days} hari",
    "reminders.digest.objections": "• Keberatan bawahan Anda yang belum diputuskan atasan: {names}",
    "reminders.digest.decide": "• Keberatan menunggu keputusan Anda:",
    "reminders.digest.decide_one": "   – {name}, diajukan {since}; diharapkan diputuskan {by} ({days} hari lagi)",
    "reminders.digest.more": "+{count} lainnya",
    "reminders.digest.footer": "<i>Ringkasan ini dikirim setiap pagi hari kerja selama ada yang menunggu; tidak dapat dimatikan.</i>",
    "reminders.item.done.assess": "✅ {name} sudah Anda nilai untuk periode ini. Tidak ada yang perlu dilakukan.",
    "reminders.item.done.late": "✅ {name} sudah mengirim penilaian diri.",
    "reminders.item.done.decide": "✅ Keberatan {name} sudah diputuskan atau tidak lagi menunggu keputusan Anda.",
    # /pengingat
    "reminders.settings": (
        "🔔 <b>Pengingat</b>\nPilihan Anda sekarang: <b>{current}</b>.\n\n"
        "• <b>Semua</b>: pembukaan periode, 7, 3 dan 1 hari sebelum batas waktu, pada hari "
        "batas waktu, dan sesudahnya.\n"
        "• <b>Hanya batas waktu</b>: pada hari batas waktu dan sesudahnya.\n"
        "• <b>Mati</b>: tidak ada pengingat tugas Anda.\n\n"
        "<i>Ringkasan pagi untuk pejabat penilai dan pengingat batas waktu keberatan tidak dapat "
        "dimatikan.</i> Pengingat hanya dikirim pada jam kerja ({hours}) hari kerja, menurut "
        "zona waktu unit Anda."
    ),
    "reminders.mute.all": "Semua",
    "reminders.mute.deadlines": "Hanya batas waktu",
    "reminders.mute.off": "Mati",
    "reminders.mute.saved": "✅ Pengingat: <b>{current}</b>.",
    # Command line
    "reminders.cli.holidays": "Kalender hari libur yang dipakai bot (nasional, cuti bersama, lokal)",
    "reminders.cli.holidays_list": "Tampilkan hari libur satu tahun beserta sumbernya",
    "reminders.cli.holidays_import": "Impor cuti bersama atau hari libur lokal (tambah) atau hapus hari libur nasional: baris YYYY-MM-DD,nama,tambah|hapus",
    "reminders.cli.year": "Tahun (YYYY)",
    "reminders.cli.col.day": "Tanggal",
    "reminders.cli.col.weekday": "Hari",
    "reminders.cli.col.name": "Nama",
    "reminders.cli.col.source": "Sumber",
    "reminders.cli.source.national": "nasional (pustaka holidays)",
    "reminders.cli.source.imported": "impor admin",
    "reminders.cli.imported": "{count} perubahan kalender disimpan.",
    "reminders.cli.none": "Tidak ada hari libur tercatat untuk {year}.",
    "reminders.cli.reminders": "Pengingat: jadwal per periode, jalankan rencana sekali",
    "reminders.cli.days": "Atur berapa hari sebelum batas waktu pengingat dikirim untuk satu periode (mis. 7,3,1)",
    "reminders.cli.days_set": "Pengingat periode {id}: {days} hari sebelum batas waktu.",
    "reminders.cli.plan": "Rencanakan pengingat yang jatuh tempo sekarang (sekali)",
    "reminders.cli.planned": "{count} pengingat dimasukkan ke antrean.",
    "import.reason.unknown_action": "aksi tidak dikenal: {value} (tambah atau hapus)",
    "import.reason.not_a_holiday": "{value} bukan hari libur nasional, tidak dapat dihapus",
}

EN: Final[dict[str, str]] = {
    "reminders.command.pengingat": "Reminder settings",
    "help.command.pengingat": (
        "choose the reminders of your tasks you get: all, only deadlines, or off. "
        "Example: <code>/pengingat</code>"
    ),
    "reminders.self.opened": (
        "📅 The appraisal period <b>{period}</b> is open. What is expected of you: your "
        "self-assessment (the realisation and rating of each RHK of your SKP, and the "
        "BerAKHLAK behaviours), by <b>{due}</b>.{note}"
    ),
    "reminders.self.before": (
        "⏰ Reminder: you have not sent your self-assessment for <b>{period}</b>. It is due "
        "<b>{due}</b>, in {days_left} days.{note}"
    ),
    "reminders.self.due_today": (
        "⏰ Today is the deadline of the self-assessment for <b>{period}</b> (<b>{due}</b>). "
        "You have not sent it yet.{note}"
    ),
    "reminders.self.overdue": (
        "⚠️ You have not sent your self-assessment for <b>{period}</b>; it was due "
        "<b>{due}</b>, {days_late} days ago. If the period still accepts it, send it now; "
        "otherwise contact your pejabat penilai or the HR admin.{note}"
    ),
    "reminders.note.none": "",
    "reminders.note.due_on_day_off": (
        "\n<i>That date is a holiday or a weekend, but it is still the deadline.</i>"
    ),
    "reminders.objection.closing": (
        "⚖️ The window to object to your appraisal result for <b>{period}</b> closes "
        "<b>{deadline}</b>. If you accept the result, press «Accept»; if not, file an "
        "objection before then."
    ),
    "reminders.button.self": "✍️ Fill in the self-assessment",
    "reminders.button.peer": "🗣 Give feedback",
    "reminders.peer.before": (
        "⏰ Reminder: you have not yet given {count} feedback for colleagues or your superior in "
        "<b>{period}</b>. It is due <b>{due}</b>, in {days_left} days.{note}"
    ),
    "reminders.peer.due_today": (
        "⏰ Today is the deadline of the feedback for <b>{period}</b> (<b>{due}</b>): {count} "
        "not given yet.{note}"
    ),
    "reminders.button.assess": "✍️ Assess {name}",
    "reminders.button.decide": "⚖️ Objection of {name}",
    "reminders.digest.title": "☀️ <b>Morning digest</b>",
    "reminders.digest.period": "<b>{period}</b>",
    "reminders.digest.late": "• Self-assessment not sent ({count}): {names}",
    "reminders.digest.waiting": "• Waiting for your assessment ({count}):",
    "reminders.digest.waiting_one": "   – {name}, since {since}",
    "reminders.digest.review_due": "• Your assessments are due {due} ({days} days left)",
    "reminders.digest.review_due_today": "• Your assessments are due today, {due}",
    "reminders.digest.review_overdue": "• Your assessments were due {due}, {days} days ago",
    "reminders.digest.objections": "• Objections of your subordinates not yet decided by the atasan: {names}",
    "reminders.digest.decide": "• Objections waiting for your decision:",
    "reminders.digest.decide_one": "   – {name}, filed {since}; a decision is expected by {by} ({days} days left)",
    "reminders.digest.more": "+{count} more",
    "reminders.digest.footer": "<i>This digest comes every working-day morning while something is waiting; it cannot be turned off.</i>",
    "reminders.item.done.assess": "✅ You have assessed {name} for this period. Nothing left to do.",
    "reminders.item.done.late": "✅ {name} has sent the self-assessment.",
    "reminders.item.done.decide": "✅ The objection of {name} has been decided or no longer waits for your decision.",
    "reminders.settings": (
        "🔔 <b>Reminders</b>\nYour choice now: <b>{current}</b>.\n\n"
        "• <b>All</b>: the period's opening, 7, 3 and 1 days before a deadline, on the due "
        "day, and after it.\n"
        "• <b>Only deadlines</b>: on the due day and after it.\n"
        "• <b>Off</b>: no reminders of your tasks.\n\n"
        "<i>The pejabat penilai's morning digest and the objection deadline reminder cannot be "
        "turned off.</i> Reminders come only in office hours ({hours}) on working days, in your "
        "unit's time zone."
    ),
    "reminders.mute.all": "All",
    "reminders.mute.deadlines": "Only deadlines",
    "reminders.mute.off": "Off",
    "reminders.mute.saved": "✅ Reminders: <b>{current}</b>.",
    "reminders.cli.holidays": "The calendar of days off the bot uses (national, cuti bersama, local)",
    "reminders.cli.holidays_list": "List one year's holidays with the source of each",
    "reminders.cli.holidays_import": "Import cuti bersama or local holidays (add) or remove a national holiday: lines YYYY-MM-DD,name,add|remove",
    "reminders.cli.year": "Year (YYYY)",
    "reminders.cli.col.day": "Date",
    "reminders.cli.col.weekday": "Day",
    "reminders.cli.col.name": "Name",
    "reminders.cli.col.source": "Source",
    "reminders.cli.source.national": "national (holidays library)",
    "reminders.cli.source.imported": "imported by an admin",
    "reminders.cli.imported": "{count} calendar changes stored.",
    "reminders.cli.none": "No holidays recorded for {year}.",
    "reminders.cli.reminders": "Reminders: schedule per period, run the plan once",
    "reminders.cli.days": "Set how many days before a deadline one period's reminders come (e.g. 7,3,1)",
    "reminders.cli.days_set": "Reminders of period {id}: {days} days before the deadline.",
    "reminders.cli.plan": "Plan the reminders due now (once)",
    "reminders.cli.planned": "{count} reminders queued.",
    "import.reason.unknown_action": "unknown action: {value} (add or remove)",
    "import.reason.not_a_holiday": "{value} is no national holiday; it cannot be removed",
}
