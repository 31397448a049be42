"""Explanations of domain errors: ``error.<kind>[.<reason>]``. Each says what to do next."""

ID: dict[str, str] = {
    "error.generic": "Permintaan ini tidak dapat diproses. Ketik /menu untuk mulai lagi.",
    "error.invalid_answer": "Jawaban itu tidak dapat diterima. Silakan coba lagi.",
    "error.invalid_answer.expected_button": "Silakan pilih salah satu tombol di bawah pertanyaan.",
    "error.invalid_answer.expected_text": "Pertanyaan ini dijawab dengan mengetik teks.",
    "error.invalid_answer.expected_number": "Ketik sebuah angka, misalnya 12 atau 12,5.",
    "error.invalid_answer.expected_file": (
        "Pertanyaan ini menunggu foto atau dokumen (atau tekan Lewati bila boleh)."
    ),
    "error.invalid_answer.unknown_option": "Pilihan itu tidak ada. Gunakan tombol yang tersedia.",
    "error.invalid_answer.out_of_range": "Angka harus di antara {min} dan {max}.",
    "error.invalid_answer.too_long": (
        "Jawaban terlalu panjang ({length} karakter). Batasnya {limit} karakter."
    ),
    "error.invalid_answer.too_short": "Jawaban tidak boleh kosong.",
    "error.invalid_answer.required": "Pertanyaan ini wajib dijawab.",
    "error.invalid_answer.not_skippable": "Pertanyaan ini wajib dijawab dan tidak dapat dilewati.",
    "error.invalid_answer.no_previous": "Ini pertanyaan pertama; tidak ada yang sebelumnya.",
    "error.invalid_answer.not_at_review": "Jawab dulu pertanyaan yang sedang tampil.",
    "error.invalid_answer.unknown_step": "Pertanyaan itu tidak ada dalam isian ini.",
    "error.invalid_answer.pattern": "Format jawaban tidak sesuai. Periksa contoh pada pertanyaan.",
    "error.stale": ("Tombol ini dari pesan lama dan tidak berlaku lagi. Gunakan pesan terakhir."),
    "error.session_finished": "Isian ini sudah selesai; tombolnya tidak berlaku lagi.",
    "error.not_found": "Data yang dimaksud tidak ditemukan.",
    "error.permission_denied": "Anda tidak berwenang melakukan ini.",
    "error.permission_denied.not_your_session": "Tombol ini bukan untuk Anda.",
    "error.invalid_transition": "Perubahan status dari {current} ke {target} tidak diizinkan.",
    "error.period_not_open": "Periode penilaian tidak sedang dibuka untuk tindakan ini.",
    "error.invalid_nip": "NIP tidak valid. Periksa kembali 18 digit NIP Anda.",
    "error.invalid_nip.not_18_digits": (
        "NIP harus terdiri atas 18 digit angka (spasi dan titik boleh). Periksa kembali."
    ),
    "error.invalid_nip.birth_date": (
        "8 digit pertama NIP harus tanggal lahir yang sah (TTTTBBHH). Periksa kembali."
    ),
    "error.invalid_nip.age": "Tanggal lahir pada NIP tidak masuk akal. Periksa kembali.",
    "error.invalid_nip.tmt": (
        "Digit 9–14 NIP harus tahun dan bulan pengangkatan (TMT) yang sah. Periksa kembali."
    ),
    "error.invalid_nip.tmt_future": "TMT pada NIP berada di masa depan. Periksa kembali.",
    "error.invalid_nip.sex": "Digit ke-15 NIP harus 1 (pria) atau 2 (wanita). Periksa kembali.",
    "error.invalid_nip.sequence": "Tiga digit terakhir NIP harus 001–999. Periksa kembali.",
    "error.registration": "Pendaftaran belum berhasil.",
    "error.registration.unknown": (
        "NIP dan kode tidak cocok. Periksa kembali kode dari admin; sisa percobaan: "
        "{attempts_left}."
    ),
    "error.registration.used": (
        "Kode ini sudah pernah dipakai. Minta kode baru kepada admin kepegawaian."
    ),
    "error.registration.expired": (
        "Kode ini sudah kedaluwarsa. Minta kode baru kepada admin kepegawaian."
    ),
    "error.registration.locked": (
        "Terlalu banyak percobaan yang salah. Coba lagi setelah {until}."
    ),
    "error.registration.already_bound": (
        "Akun Telegram ini sudah terhubung dengan pegawai lain (NIP {nip}). Hubungi admin."
    ),
    "error.rate_limited": "Anda sudah melakukannya hari ini. Terima kasih; coba lagi besok.",
    "error.invalid_value": "Nilai yang diberikan tidak valid.",
    "error.import_rejected": "Berkas ditolak: {count} kesalahan, tidak ada yang diimpor.",
}

EN: dict[str, str] = {
    "error.generic": "This request cannot be processed. Type /menu to start again.",
    "error.invalid_answer": "That answer cannot be accepted. Please try again.",
    "error.invalid_answer.expected_button": "Please choose one of the buttons under the question.",
    "error.invalid_answer.expected_text": "Please answer this question by typing text.",
    "error.invalid_answer.expected_number": "Type a number, for example 12 or 12.5.",
    "error.invalid_answer.expected_file": (
        "This question expects a photo or a document (or press Skip if allowed)."
    ),
    "error.invalid_answer.unknown_option": "That option does not exist. Use the buttons shown.",
    "error.invalid_answer.out_of_range": "The number must be between {min} and {max}.",
    "error.invalid_answer.too_long": (
        "Your answer is too long ({length} characters). The limit is {limit}."
    ),
    "error.invalid_answer.too_short": "The answer cannot be empty.",
    "error.invalid_answer.required": "This question must be answered.",
    "error.invalid_answer.not_skippable": "This question must be answered and cannot be skipped.",
    "error.invalid_answer.no_previous": "This is the first question; there is none before it.",
    "error.invalid_answer.not_at_review": "Please answer the question shown first.",
    "error.invalid_answer.unknown_step": "That question is not part of this form.",
    "error.invalid_answer.pattern": "The answer's format is wrong. See the example in the question.",
    "error.stale": "This button belongs to an old message and no longer works. Use the latest one.",
    "error.session_finished": "This form is finished; its buttons no longer work.",
    "error.not_found": "The item was not found.",
    "error.permission_denied": "You are not allowed to do this.",
    "error.permission_denied.not_your_session": "This button is not for you.",
    "error.invalid_transition": "Changing the status from {current} to {target} is not allowed.",
    "error.period_not_open": "The appraisal period is not open for this action.",
    "error.invalid_nip": "The NIP is not valid. Please check its 18 digits.",
    "error.invalid_nip.not_18_digits": (
        "An NIP has 18 digits (spaces and dots are fine). Please check it."
    ),
    "error.invalid_nip.birth_date": (
        "The first 8 digits of an NIP are a valid birth date (YYYYMMDD). Please check it."
    ),
    "error.invalid_nip.age": "The birth date in the NIP is not plausible. Please check it.",
    "error.invalid_nip.tmt": (
        "Digits 9–14 of an NIP are a valid year and month of appointment. Please check it."
    ),
    "error.invalid_nip.tmt_future": "The appointment date in the NIP is in the future.",
    "error.invalid_nip.sex": "Digit 15 of an NIP is 1 (male) or 2 (female). Please check it.",
    "error.invalid_nip.sequence": "The last three digits of an NIP are 001–999. Please check it.",
    "error.registration": "Registration did not succeed.",
    "error.registration.unknown": (
        "The NIP and the code do not match. Check the code from your admin; attempts left: "
        "{attempts_left}."
    ),
    "error.registration.used": "This code has already been used. Ask your HR admin for a new one.",
    "error.registration.expired": "This code has expired. Ask your HR admin for a new one.",
    "error.registration.locked": "Too many wrong attempts. Try again after {until}.",
    "error.registration.already_bound": (
        "This Telegram account is already linked to another employee (NIP {nip}). "
        "Contact your admin."
    ),
    "error.rate_limited": "You have already done this today. Thank you; try again tomorrow.",
    "error.invalid_value": "The value given is not valid.",
    "error.import_rejected": "File rejected: {count} errors, nothing was imported.",
}
