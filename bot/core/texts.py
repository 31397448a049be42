"""Menu, help, language and the replies to stray input."""

ID: dict[str, str] = {
    "core.greeting.citizen": (
        "Selamat datang di <b>Kinerja Bot</b>{org}.\n\n"
        "Anda dapat <b>menilai layanan publik</b> yang baru Anda terima: pindai kode QR di "
        "loket layanan, atau tekan <i>Nilai layanan</i> dan cari layanannya. Penilaian Anda "
        "anonim.\n\n"
        "Pegawai ASN: hubungkan akun Anda dengan /daftar (NIP dan kode dari admin)."
    ),
    "core.greeting.member": (
        "Halo, <b>{name}</b>\n{position} · {unit}\n\nApa yang ingin Anda lakukan?"
    ),
    "core.tasks.none": "Tidak ada tugas yang menunggu Anda saat ini.",
    "core.tasks.title": "<b>Tugas Anda</b>",
    "core.menu.rate_service": "⭐ Nilai layanan",
    "core.menu.register": "🪪 Daftar sebagai pegawai",
    "core.menu.help": "❓ Bantuan",
    "core.menu.language": "🌐 English",
    "core.menu.back": "« Menu",
    "core.language.changed": "Bahasa diganti ke <b>Bahasa Indonesia</b>.",
    "core.private_only": (
        "Saya hanya melayani lewat chat pribadi, agar data Anda tetap terjaga. "
        "Silakan buka chat dengan @{bot}."
    ),
    "core.edited_ignored": (
        "Pesan yang diubah tidak saya proses. Kirim jawaban Anda sebagai pesan baru."
    ),
    "core.unknown_command": "Perintah itu tidak saya kenal. Ketik /menu untuk melihat pilihan.",
    "core.stray_text": (
        "Saya tidak sedang menunggu jawaban dari Anda. Ketik /menu untuk melihat pilihan."
    ),
    "core.unsupported_message": (
        "Jenis pesan ini tidak dapat saya proses. Gunakan tombol atau ketik /menu."
    ),
    "core.file_unexpected": (
        "Saya tidak sedang menunggu berkas. Ketik /menu untuk melihat pilihan."
    ),
    "core.text_too_long": ("Pesan terlalu panjang ({length} karakter). Batasnya {limit} karakter."),
    "core.internal_error": (
        "Maaf, terjadi kesalahan di sisi kami dan permintaan Anda belum diproses. "
        "Silakan coba lagi sebentar lagi; jika berulang, hubungi admin."
    ),
    "core.button_unknown": "Tombol ini tidak dikenal. Ketik /menu untuk mulai lagi.",
    "core.not_registered": (
        "Fitur ini untuk pegawai yang sudah terdaftar. Hubungkan akun Anda dengan /daftar."
    ),
    "core.not_admin": "Fitur ini hanya untuk admin.",
    "core.command.start": "Menu utama",
    "core.command.menu": "Menu utama",
    "core.command.bantuan": "Bantuan dan aturan privasi",
    "core.command.bahasa": "Ganti bahasa (Indonesia/English)",
    "core.command.daftar": "Hubungkan akun pegawai",
    "core.command.batal": "Batalkan isian yang berjalan",
}

EN: dict[str, str] = {
    "core.greeting.citizen": (
        "Welcome to <b>Kinerja Bot</b>{org}.\n\n"
        "You can <b>rate a public service</b> you have just received: scan the QR code at the "
        "service counter, or press <i>Rate a service</i> and search for it. Your rating is "
        "anonymous.\n\n"
        "Civil servants (ASN): link your account with /daftar (NIP and the code from your admin)."
    ),
    "core.greeting.member": (
        "Hello, <b>{name}</b>\n{position} · {unit}\n\nWhat would you like to do?"
    ),
    "core.tasks.none": "Nothing is waiting for you right now.",
    "core.tasks.title": "<b>Your tasks</b>",
    "core.menu.rate_service": "⭐ Rate a service",
    "core.menu.register": "🪪 Register as an employee",
    "core.menu.help": "❓ Help",
    "core.menu.language": "🌐 Bahasa Indonesia",
    "core.menu.back": "« Menu",
    "core.language.changed": "Language changed to <b>English</b>.",
    "core.private_only": (
        "I only work in private chats, to keep your data safe. Please open a chat with @{bot}."
    ),
    "core.edited_ignored": "I do not process edited messages. Send your answer as a new message.",
    "core.unknown_command": "I do not know that command. Type /menu to see the options.",
    "core.stray_text": "I am not waiting for an answer from you. Type /menu to see the options.",
    "core.unsupported_message": (
        "I cannot process this kind of message. Use the buttons or type /menu."
    ),
    "core.file_unexpected": "I am not waiting for a file. Type /menu to see the options.",
    "core.text_too_long": "Your message is too long ({length} characters). The limit is {limit}.",
    "core.internal_error": (
        "Sorry, something went wrong on our side and your request was not processed. "
        "Please try again shortly; if it keeps happening, contact your admin."
    ),
    "core.button_unknown": "I do not recognise this button. Type /menu to start again.",
    "core.not_registered": ("This is for registered employees. Link your account with /daftar."),
    "core.not_admin": "This is for admins only.",
    "core.command.start": "Main menu",
    "core.command.menu": "Main menu",
    "core.command.bantuan": "Help and privacy rules",
    "core.command.bahasa": "Change language (Indonesia/English)",
    "core.command.daftar": "Link your employee account",
    "core.command.batal": "Cancel the form in progress",
}
