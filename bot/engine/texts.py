"""The conversation engine's own words: navigation, review, progress."""

ID: dict[str, str] = {
    "engine.yes": "Ya",
    "engine.no": "Tidak",
    "engine.back": "◀ Kembali",
    "engine.skip": "Lewati ▶",
    "engine.cancel": "✖ Batal",
    "engine.submit": "✅ Kirim",
    "engine.edit": "✏️ {number}",
    "engine.progress": "<b>{title}</b> · pertanyaan {number} dari {total}",
    "engine.current_answer": "Jawaban tersimpan: <i>{answer}</i>",
    "engine.type_text": "Ketik jawaban Anda (maksimal {limit} karakter).",
    "engine.type_text_optional": (
        "Ketik jawaban Anda (maksimal {limit} karakter), atau tekan <i>Lewati</i>."
    ),
    "engine.type_number": "Ketik sebuah angka, misalnya 12 atau 12,5.",
    "engine.type_whole_number": "Ketik bilangan bulat, misalnya 5.",
    "engine.send_file": "Kirim foto atau dokumen sebagai bukti dukung.",
    "engine.send_file_optional": (
        "Kirim foto atau dokumen sebagai bukti dukung, atau tekan <i>Lewati</i>."
    ),
    "engine.review.title": "<b>{title}</b> · periksa jawaban Anda",
    "engine.review.hint": (
        "Tekan ✏️ dengan nomornya untuk mengubah jawaban, atau <b>Kirim</b> bila sudah benar."
    ),
    "engine.answer.skipped": "— (dilewati)",
    "engine.answer.file": "📎 berkas terlampir",
    "engine.answered": "✔ {answer}",
    "engine.cancelled": "Isian dibatalkan. Jawaban yang belum dikirim telah dihapus.",
    "engine.nothing_to_cancel": "Tidak ada isian yang sedang berjalan.",
    "engine.finished": "Isian ini sudah selesai; tombolnya tidak berlaku lagi.",
    "engine.resumed": "Melanjutkan isian Anda yang tersimpan.",
}

EN: dict[str, str] = {
    "engine.yes": "Yes",
    "engine.no": "No",
    "engine.back": "◀ Back",
    "engine.skip": "Skip ▶",
    "engine.cancel": "✖ Cancel",
    "engine.submit": "✅ Submit",
    "engine.edit": "✏️ {number}",
    "engine.progress": "<b>{title}</b> · question {number} of {total}",
    "engine.current_answer": "Saved answer: <i>{answer}</i>",
    "engine.type_text": "Type your answer (at most {limit} characters).",
    "engine.type_text_optional": "Type your answer (at most {limit} characters), or press <i>Skip</i>.",
    "engine.type_number": "Type a number, for example 12 or 12.5.",
    "engine.type_whole_number": "Type a whole number, for example 5.",
    "engine.send_file": "Send a photo or a document as evidence.",
    "engine.send_file_optional": "Send a photo or a document as evidence, or press <i>Skip</i>.",
    "engine.review.title": "<b>{title}</b> · check your answers",
    "engine.review.hint": "Press ✏️ with a number to change that answer, or <b>Submit</b> if all is right.",
    "engine.answer.skipped": "— (skipped)",
    "engine.answer.file": "📎 file attached",
    "engine.answered": "✔ {answer}",
    "engine.cancelled": "Form cancelled. Answers that were not submitted have been deleted.",
    "engine.nothing_to_cancel": "There is no form in progress.",
    "engine.finished": "This form is finished; its buttons no longer work.",
    "engine.resumed": "Continuing your saved form.",
}
