"""Texts of the citizen survey (SKM, PermenPANRB 14/2017): unsur, questions, answers, mutu.

The Indonesian questions and answer labels are the regulation's sample questionnaire word for word
(reference/DOMAIN.md §1.3); the English ones are faithful translations. Keys follow
``domain/skm.py``: ``skm.U1.name``, ``skm.U1.question``, ``skm.U1.option.1`` … ``.4``.
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
    # Reports
    "skm.method": (
        "Metode: bobot 1/9 (0,111); IKM = Σ NRR × 1/9 × 25; "
        "pembulatan setengah ke atas hanya untuk tampilan."
    ),
    "skm.no_ikm.no_respondents": "IKM belum dapat dihitung: belum ada responden.",
    "skm.no_ikm.unanswered_unsur": (
        "IKM belum dapat dihitung: belum ada jawaban untuk unsur {unsur}."
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
    # Reports
    "skm.method": (
        "Method: weight 1/9 (0.111); IKM = Σ NRR × 1/9 × 25; rounded half up for display only."
    ),
    "skm.no_ikm.no_respondents": "The IKM cannot be computed yet: there are no respondents.",
    "skm.no_ikm.unanswered_unsur": (
        "The IKM cannot be computed yet: no one has answered unsur {unsur}."
    ),
}
