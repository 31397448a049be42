"""Texts of the citizen survey (SKM, PermenPANRB 14/2017): unsur, questions, answers, mutu.

The Indonesian questions and answer labels are the regulation's sample questionnaire word for word
(reference/DOMAIN.md §1.3); the English ones are faithful translations. Keys follow
``domain/skm/ikm.py``: ``skm.U1.name``, ``skm.U1.question``, ``skm.U1.option.1`` … ``.4``.
"""

from __future__ import annotations

from typing import Final

ID: Final[dict[str, str]] = {
    # U1
    "skm.U1.name": "Persyaratan",
    "skm.U1.question": (
        "Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis "
        "pelayanannya?"
    ),
    "skm.U1.option.1": "Tidak sesuai",
    "skm.U1.option.2": "Kurang sesuai",
    "skm.U1.option.3": "Sesuai",
    "skm.U1.option.4": "Sangat sesuai",
    # U2
    "skm.U2.name": "Sistem, Mekanisme, dan Prosedur",
    "skm.U2.question": (
        "Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?"
    ),
    "skm.U2.option.1": "Tidak mudah",
    "skm.U2.option.2": "Kurang mudah",
    "skm.U2.option.3": "Mudah",
    "skm.U2.option.4": "Sangat mudah",
    # U3
    "skm.U3.name": "Waktu Penyelesaian",
    "skm.U3.question": (
        "Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?"
    ),
    "skm.U3.option.1": "Tidak cepat",
    "skm.U3.option.2": "Kurang cepat",
    "skm.U3.option.3": "Cepat",
    "skm.U3.option.4": "Sangat cepat",
    # U4
    "skm.U4.name": "Biaya/Tarif",
    "skm.U4.question": (
        "Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?"
    ),
    "skm.U4.option.1": "Sangat mahal",
    "skm.U4.option.2": "Cukup mahal",
    "skm.U4.option.3": "Murah",
    "skm.U4.option.4": "Gratis",
    # U5
    "skm.U5.name": "Produk Spesifikasi Jenis Pelayanan",
    "skm.U5.question": (
        "Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum "
        "dalam standar pelayanan dengan hasil yang diberikan?"
    ),
    "skm.U5.option.1": "Tidak sesuai",
    "skm.U5.option.2": "Kurang sesuai",
    "skm.U5.option.3": "Sesuai",
    "skm.U5.option.4": "Sangat sesuai",
    # U6
    "skm.U6.name": "Kompetensi Pelaksana",
    "skm.U6.question": (
        "Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?"
    ),
    "skm.U6.option.1": "Tidak kompeten",
    "skm.U6.option.2": "Kurang kompeten",
    "skm.U6.option.3": "Kompeten",
    "skm.U6.option.4": "Sangat kompeten",
    # U7 (the sample questionnaire's wording, kept as printed)
    "skm.U7.name": "Perilaku Pelaksana",
    "skm.U7.question": (
        "Bagaimana pendapat Saudara perilaku petugas dalam pelayanan terkait kesopanan dan "
        "keramahan?"
    ),
    "skm.U7.option.1": "Tidak sopan dan ramah",
    "skm.U7.option.2": "Kurang sopan dan ramah",
    "skm.U7.option.3": "Sopan dan ramah",
    "skm.U7.option.4": "Sangat sopan dan ramah",
    # U8: sarana is the questionnaire's eighth question (the scope list has it ninth)
    "skm.U8.name": "Sarana dan Prasarana",
    "skm.U8.question": "Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?",
    "skm.U8.option.1": "Buruk",
    "skm.U8.option.2": "Cukup",
    "skm.U8.option.3": "Baik",
    "skm.U8.option.4": "Sangat Baik",
    # U9
    "skm.U9.name": "Penanganan Pengaduan, Saran dan Masukan",
    "skm.U9.question": (
        "Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?"
    ),
    "skm.U9.option.1": "Tidak ada",
    "skm.U9.option.2": "Ada tetapi tidak berfungsi",
    "skm.U9.option.3": "Berfungsi kurang maksimal",
    "skm.U9.option.4": "Dikelola dengan baik",
    # Mutu pelayanan and kinerja unit pelayanan
    "skm.mutu.A": "A — Sangat Baik",
    "skm.mutu.B": "B — Baik",
    "skm.mutu.C": "C — Kurang Baik",
    "skm.mutu.D": "D — Tidak Baik",
    "skm.kinerja.A": "Sangat Baik",
    "skm.kinerja.B": "Baik",
    "skm.kinerja.C": "Kurang Baik",
    "skm.kinerja.D": "Tidak Baik",
    # Reports
    "skm.method": (
        "Metode: bobot 1/9 (0,111); IKM = Σ NRR × 1/9 × 25; "
        "pembulatan setengah ke atas hanya untuk tampilan."
    ),
    "skm.no_ikm.no_respondents": "IKM belum dapat dihitung: belum ada responden.",
    "skm.no_ikm.unanswered_unsur": (
        "IKM belum dapat dihitung: belum ada jawaban untuk unsur {unsur}."
    ),
    # The survey in the chat
    "skm.survey.title": "Survei Kepuasan Masyarakat — {service}",
    "skm.survey.privacy": (
        "<b>Survei Kepuasan Masyarakat</b>\n"
        "Layanan: <b>{service}</b> ({unit})\n\n"
        "Terima kasih telah bersedia menilai layanan kami. Anda tidak perlu mendaftar. "
        "Jawaban Anda disimpan tanpa nama dan tanpa akun Telegram Anda, dan hanya dipakai "
        "untuk menghitung Indeks Kepuasan Masyarakat (PermenPANRB 14/2017). Ada 9 pertanyaan, "
        "lalu beberapa pertanyaan profil yang boleh dilewati. Ketik /batal kapan saja untuk "
        "membatalkan dan menghapus isian Anda."
    ),
    "skm.survey.section.profile": "Profil responden (boleh dilewati)",
    "skm.profile.gender.prompt": "Jenis kelamin Anda?",
    "skm.profile.gender.name": "Jenis kelamin",
    "skm.profile.gender.L": "Laki-laki",
    "skm.profile.gender.P": "Perempuan",
    "skm.profile.age.prompt": "Usia Anda?",
    "skm.profile.age.name": "Usia",
    "skm.profile.age.lt20": "Di bawah 20 tahun",
    "skm.profile.age.20-29": "20–29 tahun",
    "skm.profile.age.30-39": "30–39 tahun",
    "skm.profile.age.40-49": "40–49 tahun",
    "skm.profile.age.50-59": "50–59 tahun",
    "skm.profile.age.60+": "60 tahun ke atas",
    "skm.profile.education.prompt": "Pendidikan terakhir Anda?",
    "skm.profile.education.name": "Pendidikan",
    "skm.profile.education.SD": "SD atau di bawahnya",
    "skm.profile.education.SMP": "SMP",
    "skm.profile.education.SMA": "SMA/SMK",
    "skm.profile.education.DIPLOMA": "D1–D4",
    "skm.profile.education.S1": "S1",
    "skm.profile.education.S2": "S2",
    "skm.profile.education.S3": "S3",
    "skm.profile.occupation.prompt": "Pekerjaan utama Anda?",
    "skm.profile.occupation.name": "Pekerjaan",
    "skm.profile.occupation.PNS": "PNS",
    "skm.profile.occupation.TNI": "TNI",
    "skm.profile.occupation.POLRI": "POLRI",
    "skm.profile.occupation.SWASTA": "Pegawai swasta",
    "skm.profile.occupation.WIRAUSAHA": "Wirausaha",
    "skm.profile.occupation.LAINNYA": "Lainnya",
    "skm.survey.suggestion": (
        "Ada saran atau pengaduan tentang layanan ini? Tuliskan di sini. Pesan Anda diteruskan "
        "kepada admin unit layanan tanpa identitas Anda, bersama saran lain hari ini pada sore "
        "hari. Bila Anda menulis saran, satu pertanyaan lagi menyusul (kontak, boleh "
        "dilewati), jadi jumlah pertanyaan bertambah satu."
    ),
    "skm.survey.suggestion.label": "Saran/pengaduan",
    "skm.survey.contact": (
        "Bila ingin dihubungi tentang saran Anda, tuliskan nomor HP atau e-mail. Boleh "
        "dilewati: saran tetap diteruskan tanpa kontak."
    ),
    "skm.survey.contact.label": "Kontak",
    "skm.survey.thanks": (
        "Terima kasih! Penilaian Anda untuk <b>{service}</b> sudah tersimpan.\n\n"
        "IKM layanan ini saat ini ({from} – {to}): <b>{ikm}</b> — mutu <b>{mutu}</b> "
        "({kinerja}), dari {respondents} responden."
    ),
    "skm.survey.thanks_no_ikm": (
        "Terima kasih! Penilaian Anda untuk <b>{service}</b> sudah tersimpan."
    ),
    "skm.survey.service_closed": (
        "Layanan <b>{service}</b> baru saja berhenti menerima penilaian, jadi jawaban Anda "
        "tidak dapat dikirim. Tekan <b>Batal</b> atau ketik /batal untuk menghapus isian Anda."
    ),
    "skm.survey.unknown_service": (
        "Layanan dengan kode <code>{code}</code> tidak ditemukan atau sedang tidak menerima "
        "penilaian. Cari layanan yang ingin Anda nilai: ketik <code>/layanan</code> diikuti "
        "kata dari namanya, misalnya <code>/layanan ktp</code>."
    ),
    "skm.search.ask": (
        "Layanan mana yang ingin Anda nilai? Pilih di bawah, atau ketik <code>/layanan</code> "
        "diikuti kata dari namanya, misalnya <code>/layanan akta</code>."
    ),
    "skm.search.found": "Layanan yang cocok dengan “{query}”. Pilih yang ingin Anda nilai:",
    "skm.search.more": (
        "Masih ada layanan lain yang cocok. Ketik kata yang lebih khusus, misalnya "
        "<code>/layanan {query} kelahiran</code>."
    ),
    "skm.search.none": (
        "Tidak ada layanan yang cocok dengan “{query}”. Coba kata lain, misalnya "
        "<code>/layanan ktp</code>, atau ketik <code>/layanan</code> saja untuk melihat "
        "semuanya."
    ),
    "skm.search.button": "{service} — {unit}",
    "skm.command.layanan": "Nilai sebuah layanan publik",
    "skm.command.laporan": "Laporan IKM (admin dan kepala unit)",
    "skm.command.poster": "Poster kode QR survei (admin)",
    "skm.menu.report": "📊 Laporan IKM",
    "skm.menu.poster": "🖨 Poster QR",
    # Forwarded to the unit's admins, without the citizen's identity
    "skm.forward.suggestion": (
        "<b>Saran/pengaduan masyarakat</b> untuk {service} ({unit}), {date}:\n\n"
        "<blockquote>{text}</blockquote>\n"
        "Pengirim tidak meninggalkan kontak."
    ),
    "skm.forward.suggestion_contact": (
        "<b>Saran/pengaduan masyarakat</b> untuk {service} ({unit}), {date}:\n\n"
        "<blockquote>{text}</blockquote>\n"
        "Pengirim bersedia dihubungi: <code>{contact}</code>"
    ),
}

EN: Final[dict[str, str]] = {
    # U1
    "skm.U1.name": "Requirements",
    "skm.U1.question": (
        "What is your opinion of how well the service requirements match the type of service?"
    ),
    "skm.U1.option.1": "Not suitable",
    "skm.U1.option.2": "Less suitable",
    "skm.U1.option.3": "Suitable",
    "skm.U1.option.4": "Very suitable",
    # U2
    "skm.U2.name": "Systems, Mechanisms, and Procedures",
    "skm.U2.question": (
        "What is your understanding of how easy the service procedure at this unit is?"
    ),
    "skm.U2.option.1": "Not easy",
    "skm.U2.option.2": "Less easy",
    "skm.U2.option.3": "Easy",
    "skm.U2.option.4": "Very easy",
    # U3
    "skm.U3.name": "Completion Time",
    "skm.U3.question": "What is your opinion of the speed with which the service is provided?",
    "skm.U3.option.1": "Not fast",
    "skm.U3.option.2": "Less fast",
    "skm.U3.option.3": "Fast",
    "skm.U3.option.4": "Very fast",
    # U4
    "skm.U4.name": "Cost/Tariff",
    "skm.U4.question": "What is your opinion of the fairness of the cost/tariff of the service?",
    "skm.U4.option.1": "Very expensive",
    "skm.U4.option.2": "Rather expensive",
    "skm.U4.option.3": "Cheap",
    "skm.U4.option.4": "Free",
    # U5
    "skm.U5.name": "Product Specification of the Type of Service",
    "skm.U5.question": (
        "What is your opinion of how well the service product stated in the service standard "
        "matches the result you were given?"
    ),
    "skm.U5.option.1": "Not suitable",
    "skm.U5.option.2": "Less suitable",
    "skm.U5.option.3": "Suitable",
    "skm.U5.option.4": "Very suitable",
    # U6
    "skm.U6.name": "Competence of the Staff",
    "skm.U6.question": (
        "What is your opinion of the competence/ability of the staff in providing the service?"
    ),
    "skm.U6.option.1": "Not competent",
    "skm.U6.option.2": "Less competent",
    "skm.U6.option.3": "Competent",
    "skm.U6.option.4": "Very competent",
    # U7
    "skm.U7.name": "Conduct of the Staff",
    "skm.U7.question": (
        "What is your opinion of the staff's conduct in providing the service, in terms of "
        "courtesy and friendliness?"
    ),
    "skm.U7.option.1": "Not courteous and friendly",
    "skm.U7.option.2": "Less courteous and friendly",
    "skm.U7.option.3": "Courteous and friendly",
    "skm.U7.option.4": "Very courteous and friendly",
    # U8
    "skm.U8.name": "Facilities and Infrastructure",
    "skm.U8.question": "What is your opinion of the quality of the facilities and infrastructure?",
    "skm.U8.option.1": "Poor",
    "skm.U8.option.2": "Fair",
    "skm.U8.option.3": "Good",
    "skm.U8.option.4": "Very good",
    # U9
    "skm.U9.name": "Handling of Complaints, Suggestions and Feedback",
    "skm.U9.question": "What is your opinion of how complaints from service users are handled?",
    "skm.U9.option.1": "There is none",
    "skm.U9.option.2": "It exists but does not work",
    "skm.U9.option.3": "It works, but not fully",
    "skm.U9.option.4": "It is well managed",
    # Service quality (mutu) and unit performance (kinerja)
    "skm.mutu.A": "A — Very good",
    "skm.mutu.B": "B — Good",
    "skm.mutu.C": "C — Less than good",
    "skm.mutu.D": "D — Not good",
    "skm.kinerja.A": "Very good",
    "skm.kinerja.B": "Good",
    "skm.kinerja.C": "Less than good",
    "skm.kinerja.D": "Not good",
    # Reports
    "skm.method": (
        "Method: weight 1/9 (0.111); IKM = Σ NRR × 1/9 × 25; rounded half up for display only."
    ),
    "skm.no_ikm.no_respondents": "The IKM cannot be computed yet: there are no respondents.",
    "skm.no_ikm.unanswered_unsur": (
        "The IKM cannot be computed yet: no one has answered unsur {unsur}."
    ),
    # The survey in the chat
    "skm.survey.title": "Public Satisfaction Survey — {service}",
    "skm.survey.privacy": (
        "<b>Public Satisfaction Survey</b>\n"
        "Service: <b>{service}</b> ({unit})\n\n"
        "Thank you for rating our service. You do not need to register. Your answers are "
        "stored without your name and without your Telegram account, and are used only to "
        "compute the Public Satisfaction Index (PermenPANRB 14/2017). There are 9 questions, "
        "then a few profile questions you may skip. Type /batal at any time to cancel and "
        "delete your answers."
    ),
    "skm.survey.section.profile": "About you (you may skip these)",
    "skm.profile.gender.prompt": "Your sex?",
    "skm.profile.gender.name": "Sex",
    "skm.profile.gender.L": "Male",
    "skm.profile.gender.P": "Female",
    "skm.profile.age.prompt": "Your age?",
    "skm.profile.age.name": "Age",
    "skm.profile.age.lt20": "Under 20",
    "skm.profile.age.20-29": "20–29",
    "skm.profile.age.30-39": "30–39",
    "skm.profile.age.40-49": "40–49",
    "skm.profile.age.50-59": "50–59",
    "skm.profile.age.60+": "60 or older",
    "skm.profile.education.prompt": "Your highest education?",
    "skm.profile.education.name": "Education",
    "skm.profile.education.SD": "Primary school or less",
    "skm.profile.education.SMP": "Junior high school",
    "skm.profile.education.SMA": "Senior high school",
    "skm.profile.education.DIPLOMA": "Diploma (D1–D4)",
    "skm.profile.education.S1": "Bachelor (S1)",
    "skm.profile.education.S2": "Master (S2)",
    "skm.profile.education.S3": "Doctorate (S3)",
    "skm.profile.occupation.prompt": "Your main occupation?",
    "skm.profile.occupation.name": "Occupation",
    "skm.profile.occupation.PNS": "Civil servant (PNS)",
    "skm.profile.occupation.TNI": "Armed forces (TNI)",
    "skm.profile.occupation.POLRI": "Police (POLRI)",
    "skm.profile.occupation.SWASTA": "Private employee",
    "skm.profile.occupation.WIRAUSAHA": "Self-employed",
    "skm.profile.occupation.LAINNYA": "Other",
    "skm.survey.suggestion": (
        "Any suggestion or complaint about this service? Write it here. It is passed on to "
        "the service unit's admins without your identity, with the day's other suggestions in "
        "the afternoon. If you write one, one more question follows (a contact, which you may "
        "skip), so the number of questions grows by one."
    ),
    "skm.survey.suggestion.label": "Suggestion/complaint",
    "skm.survey.contact": (
        "If you would like to be contacted about it, write a phone number or e-mail. You may "
        "skip this: the suggestion is passed on without a contact."
    ),
    "skm.survey.contact.label": "Contact",
    "skm.survey.thanks": (
        "Thank you! Your rating of <b>{service}</b> has been saved.\n\n"
        "This service's current IKM ({from} – {to}): <b>{ikm}</b> — quality <b>{mutu}</b> "
        "({kinerja}), from {respondents} respondents."
    ),
    "skm.survey.thanks_no_ikm": "Thank you! Your rating of <b>{service}</b> has been saved.",
    "skm.survey.service_closed": (
        "<b>{service}</b> has just stopped taking ratings, so your answers cannot be sent. "
        "Press <b>Cancel</b> or type /batal to delete them."
    ),
    "skm.survey.unknown_service": (
        "No service with code <code>{code}</code> was found, or it is not taking ratings now. "
        "Find the service you want to rate: type <code>/layanan</code> and a word of its name, "
        "for example <code>/layanan ktp</code>."
    ),
    "skm.search.ask": (
        "Which service would you like to rate? Choose below, or type <code>/layanan</code> and "
        "a word of its name, for example <code>/layanan akta</code>."
    ),
    "skm.search.found": "Services matching “{query}”. Choose the one you want to rate:",
    "skm.search.more": (
        "More services match. Type a more specific word, for example "
        "<code>/layanan {query} kelahiran</code>."
    ),
    "skm.search.none": (
        "No service matches “{query}”. Try another word, for example <code>/layanan ktp</code>, "
        "or type <code>/layanan</code> alone to see them all."
    ),
    "skm.search.button": "{service} — {unit}",
    "skm.command.layanan": "Rate a public service",
    "skm.command.laporan": "IKM reports (admins and unit heads)",
    "skm.command.poster": "Survey QR-code posters (admins)",
    "skm.menu.report": "📊 IKM report",
    "skm.menu.poster": "🖨 QR poster",
    # Forwarded to the unit's admins, without the citizen's identity
    "skm.forward.suggestion": (
        "<b>A citizen's suggestion/complaint</b> about {service} ({unit}), {date}:\n\n"
        "<blockquote>{text}</blockquote>\n"
        "The sender left no contact."
    ),
    "skm.forward.suggestion_contact": (
        "<b>A citizen's suggestion/complaint</b> about {service} ({unit}), {date}:\n\n"
        "<blockquote>{text}</blockquote>\n"
        "The sender may be contacted at: <code>{contact}</code>"
    ),
}
