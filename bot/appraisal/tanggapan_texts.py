"""The pejabat penilai's tanggapan on an objection, the atasan's decision before it came, and
the refusals of the objection and decision flows that name the actual state."""

ID: dict[str, str] = {
    "appraisal.notify.tanggapan_asked": (
        "<b>{name}</b> mengajukan keberatan atas penilaian Anda untuk <b>{period}</b>.\n\n"
        "Alasannya: <i>{reason}</i>\n\n"
        "Sebagai pejabat penilai, berikan <b>tanggapan</b> Anda (penjelasan, bukti boleh) "
        "sampai {due}. Atasan Anda membaca keduanya sebelum memutuskan (PP 30/2019 Pasal 59)."
    ),
    "appraisal.notify.tanggapan_given": (
        "Tanggapan pejabat penilai, {penilai}, atas keberatan <b>{name}</b> untuk "
        "<b>{period}</b> sudah masuk. Anda dapat memutuskan sekarang."
    ),
    "appraisal.button.respond": "💬 Beri tanggapan",
    "appraisal.button.decide_early": "⚖️ Putuskan tanpa menunggu tanggapan",
    "appraisal.tanggapan.title": "Tanggapan atas keberatan {name}",
    "appraisal.tanggapan.text": (
        "Tuliskan <b>tanggapan</b> Anda atas keberatan ini: penjelasan penilaian Anda "
        "(10–1000 karakter)."
    ),
    "appraisal.tanggapan.evidence": "Lampirkan <b>bukti</b> (foto atau dokumen), atau lewati.",
    "appraisal.label.tanggapan": "Tanggapan",
    "appraisal.label.tanggapan_evidence": "Bukti tanggapan",
    "appraisal.tanggapan.done": (
        "Tanggapan Anda atas keberatan <b>{name}</b> terkirim ke atasan yang memutuskan."
    ),
    "appraisal.decide.without_tanggapan": (
        "Tanggapan pejabat penilai belum masuk dan batas waktunya belum lewat. Bila Anda "
        "memutuskan sekarang, tuliskan <b>alasannya</b> (10–1000 karakter); alasan ini dicatat."
    ),
    "appraisal.label.without_tanggapan": "Alasan memutuskan tanpa tanggapan",
    "appraisal.case.tanggapan": "<b>Tanggapan pejabat penilai</b> ({at}): {text}",
    "appraisal.case.tanggapan_evidence": "📎 Tanggapan disertai bukti.",
    "appraisal.case.tanggapan_caption": "Bukti tanggapan pejabat penilai",
    "appraisal.case.tanggapan_awaited": (
        "⏳ Tanggapan pejabat penilai belum masuk; ditunggu sampai {due}."
    ),
    "appraisal.case.tanggapan_none": (
        "Pejabat penilai tidak memberikan tanggapan sampai batasnya, {due}."
    ),
    "appraisal.case.decided_without_tanggapan": (
        "Diputuskan tanpa menunggu tanggapan pejabat penilai, karena: {reason}"
    ),
    "appraisal.dist.if_set_ok": "• Bila predikat organisasi <b>{org}</b>: ✅ sesuai pola.",
    "appraisal.dist.if_set": "• Bila predikat organisasi <b>{org}</b>:",
    "appraisal.dist.who_sets": (
        "Predikat kinerja organisasi ditetapkan oleh admin organisasi: <b>{admins}</b>. "
        "Mintalah mereka menetapkannya (di server: <code>{command}</code>, dengan istimewa, "
        "baik, butuh_perbaikan, kurang atau sangat_kurang)."
    ),
    "appraisal.dist.who_sets_operator": (
        "Belum ada admin organisasi. Operator server menetapkan predikat kinerja organisasi "
        "dengan <code>{command}</code> (istimewa, baik, butuh_perbaikan, kurang atau "
        "sangat_kurang)."
    ),
    "error.invalid_transition.objection_already_filed": (
        "Anda sudah mengajukan keberatan untuk penilaian ini pada {filed}; keberatan hanya "
        "dapat diajukan sekali. Ketik /hasil untuk melihat statusnya."
    ),
    "error.invalid_transition.objection_already_decided": (
        "Keberatan Anda untuk penilaian ini sudah diputuskan pada {decided}, dan keputusan itu "
        "final. Ketik /hasil untuk melihat hasil akhirnya."
    ),
    "error.invalid_transition.already_decided": (
        "Keberatan ini sudah diputuskan pada {decided}; keputusan itu final dan tidak dapat diubah."
    ),
    "error.invalid_transition.tanggapan_already_given": (
        "Anda sudah memberikan tanggapan atas keberatan ini pada {at}."
    ),
    "error.invalid_transition.tanggapan_pending": (
        "Tanggapan pejabat penilai belum masuk; ditunggu sampai {due}. Putuskan setelah itu, "
        "atau tekan <i>Putuskan tanpa menunggu tanggapan</i> dan tuliskan alasannya."
    ),
    "error.period_not_open.tanggapan_window_closed": (
        "Batas waktu tanggapan sudah lewat pada {deadline}; atasan Anda memutuskan tanpa tanggapan."
    ),
}

EN: dict[str, str] = {
    "appraisal.notify.tanggapan_asked": (
        "<b>{name}</b> has objected to your assessment for <b>{period}</b>.\n\n"
        "Their reasons: <i>{reason}</i>\n\n"
        "As pejabat penilai, give your <b>response</b> (tanggapan: an explanation, evidence "
        "optional) by {due}. Your superior reads both before deciding (PP 30/2019 Article 59)."
    ),
    "appraisal.notify.tanggapan_given": (
        "The pejabat penilai, {penilai}, has responded to the objection of <b>{name}</b> for "
        "<b>{period}</b>. You can decide now."
    ),
    "appraisal.button.respond": "💬 Respond",
    "appraisal.button.decide_early": "⚖️ Decide without waiting for the response",
    "appraisal.tanggapan.title": "Response to the objection of {name}",
    "appraisal.tanggapan.text": (
        "Write your <b>response</b> to this objection: an explanation of your assessment "
        "(10–1000 characters)."
    ),
    "appraisal.tanggapan.evidence": "Attach <b>evidence</b> (a photo or a document), or skip.",
    "appraisal.label.tanggapan": "Response",
    "appraisal.label.tanggapan_evidence": "Evidence of the response",
    "appraisal.tanggapan.done": (
        "Your response to the objection of <b>{name}</b> was sent to the superior who decides."
    ),
    "appraisal.decide.without_tanggapan": (
        "The pejabat penilai's response has not come and its deadline has not passed. If you "
        "decide now, write <b>why</b> (10–1000 characters); the reason is recorded."
    ),
    "appraisal.label.without_tanggapan": "Why decided without the response",
    "appraisal.case.tanggapan": "<b>The pejabat penilai's response</b> ({at}): {text}",
    "appraisal.case.tanggapan_evidence": "📎 The response came with evidence.",
    "appraisal.case.tanggapan_caption": "Evidence of the pejabat penilai's response",
    "appraisal.case.tanggapan_awaited": (
        "⏳ The pejabat penilai's response has not come yet; it is awaited until {due}."
    ),
    "appraisal.case.tanggapan_none": (
        "The pejabat penilai gave no response by the deadline, {due}."
    ),
    "appraisal.case.decided_without_tanggapan": (
        "Decided without waiting for the pejabat penilai's response, because: {reason}"
    ),
    "appraisal.dist.if_set_ok": "• If the organisation predikat is <b>{org}</b>: ✅ within the pattern.",
    "appraisal.dist.if_set": "• If the organisation predikat is <b>{org}</b>:",
    "appraisal.dist.who_sets": (
        "The organisation predikat is set by the organisation's admins: <b>{admins}</b>. "
        "Ask them to set it (on the server: <code>{command}</code>, with istimewa, baik, "
        "butuh_perbaikan, kurang or sangat_kurang)."
    ),
    "appraisal.dist.who_sets_operator": (
        "There is no organisation admin yet. The server's operator sets the organisation "
        "predikat with <code>{command}</code> (istimewa, baik, butuh_perbaikan, kurang or "
        "sangat_kurang)."
    ),
    "error.invalid_transition.objection_already_filed": (
        "You already filed an objection to this appraisal on {filed}; an objection can be "
        "filed once. Type /hasil to see where it stands."
    ),
    "error.invalid_transition.objection_already_decided": (
        "Your objection to this appraisal was decided on {decided}, and that decision is "
        "final. Type /hasil to see the final result."
    ),
    "error.invalid_transition.already_decided": (
        "This objection was decided on {decided}; the decision is final and cannot be changed."
    ),
    "error.invalid_transition.tanggapan_already_given": (
        "You already responded to this objection on {at}."
    ),
    "error.invalid_transition.tanggapan_pending": (
        "The pejabat penilai's response has not come yet; it is awaited until {due}. Decide "
        "after that, or press <i>Decide without waiting for the response</i> and write why."
    ),
    "error.period_not_open.tanggapan_window_closed": (
        "The time to respond ended on {deadline}; your superior decides without a response."
    ),
}
