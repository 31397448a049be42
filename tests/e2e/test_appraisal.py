"""The appraisal cycle through the real bot process: self-assessment (with back, edit, review,
and a SIGKILL halfway), the supervisor's assessment, the objection and the atasan's decision;
forged buttons; and fifty people answering at once."""

from __future__ import annotations

import csv
import threading
from datetime import UTC, datetime
from pathlib import Path

from domain.appraisal.model import AppraisalStatus
from domain.appraisal.predikat import Predikat
from tests.e2e.rig import BotProcess, Person

NUR = "199608182022042001"  # Pengadministrasi Kependudukan (pelaksana)
HENDRA = "198509302010041001"  # Kepala Seksi Identitas Penduduk: Nur's pejabat penilai
DEWI = "198004172005012003"  # Kepala Bidang: the atasan pejabat penilai
RUDI = "199001052014031002"  # someone in another unit

SESUAI, DI_ATAS = "Sesuai Ekspektasi", "Di Atas Ekspektasi"


def period_id(bot: BotProcess) -> int:
    async def work(uow):  # type: ignore[no-untyped-def]
        periods = await uow.periods.all()
        return periods[0].id

    return int(bot.db(work))


def member_id(bot: BotProcess, nip: str) -> int:
    async def work(uow):  # type: ignore[no-untyped-def]
        return (await uow.org.member_by_nip(nip)).id

    return int(bot.db(work))


def appraisal_of(bot: BotProcess, pid: int, nip: str):  # type: ignore[no-untyped-def]
    async def work(uow):  # type: ignore[no-untyped-def]
        return await uow.appraisals.get(pid, nip)

    return bot.db(work)


def question(person: Person, number: int):  # type: ignore[no-untyped-def]
    return person.expect(f"pertanyaan {number} dari")


def self_assess(bot: BotProcess, nur: Person) -> None:
    """Nur fills in her self-assessment, going back, being killed, resuming, editing."""
    nur.send("/penilaian")
    question(nur, 1)
    nur.send("3.100 perekaman KTP-el")
    question(nur, 2)
    bot.tg.send_photo(nur.user)
    q3 = question(nur, 3)
    nur.tap(q3, "Kembali")
    again = nur.expect("pertanyaan 2 dari", "berkas terlampir")  # the saved answer is shown
    bot.tg.send_document(nur.user, "bukti.pdf", b"%PDF-1.4 bukti")
    nur.tap(question(nur, 3), SESUAI)
    nur.send("240 rekap harian")
    nur.tap(question(nur, 5), "Lewati")
    q6 = question(nur, 6)
    bot.kill()  # mid-way, no clean shutdown
    bot.start()
    nur.send("/penilaian")  # resumes exactly where she was
    nur.expect("Melanjutkan")  # only the question shown now takes presses (issue 12)
    resumed = question(nur, 6)
    assert "240 rekap harian" not in resumed.text  # question 6 is the rating, not question 4
    nur.tap(resumed, DI_ATAS)
    del again, q6
    nur.send("Mendukung 4 kegiatan jemput bola")
    nur.tap(question(nur, 8), "Lewati")
    nur.tap(question(nur, 9), SESUAI)
    for number in range(10, 24, 2):  # seven BerAKHLAK values: rating, then an optional note
        nur.tap(question(nur, number), SESUAI)
        nur.tap(question(nur, number + 1), "Lewati")
    review = nur.expect("periksa jawaban Anda", "3.100 perekaman KTP-el", "240 rekap harian")
    nur.tap(review, "✏️ 1")
    nur.expect("pertanyaan 1 dari", "Jawaban tersimpan", "3.100 perekaman KTP-el")
    nur.send("3.250 perekaman KTP-el")
    review = nur.expect("periksa jawaban Anda", "3.250 perekaman KTP-el")
    nur.tap(review, "Kirim")
    nur.expect("Penilaian diri", "terkirim")


def test_the_whole_appraisal_cycle_with_a_kill_in_the_middle(bot, people):
    bot.cli("demo")
    pid = period_id(bot)
    nur, hendra, dewi = people("Nur"), people("Hendra"), people("Dewi")
    for person, nip in ((nur, NUR), (hendra, HENDRA), (dewi, DEWI)):
        bot.bind(person, nip)
        person.send("/start")
        person.expect("Halo")

    self_assess(bot, nur)
    submitted = appraisal_of(bot, pid, NUR)
    assert submitted.status is AppraisalStatus.SUBMITTED
    assert sorted(submitted.realisations.values()) == [
        "240 rekap harian",
        "3.250 perekaman KTP-el",
        "Mendukung 4 kegiatan jemput bola",
    ]
    assert len(submitted.evidence) == 1
    assert len(submitted.self_ratings) == 3 + 7

    # The pejabat penilai is told (through the outbox) and assesses.
    notice = hendra.expect("Nur Aisyah", "telah mengirim penilaian diri")
    hendra.tap(notice, "Lihat")
    case = hendra.expect("Nur Aisyah", "3.250 perekaman KTP-el", "Sesuai Ekspektasi")
    evidence = hendra.expect("Bukti dukung RHK 1")  # the file itself, not just "attached"
    assert evidence.document == b"%PDF-1.4 bukti"
    hendra.tap(case, "Nilai")
    hendra.tap(hendra.expect("Rating Hasil Kerja"), SESUAI)
    hendra.tap(hendra.expect("Rating Perilaku Kerja"), SESUAI)
    hendra.tap(hendra.expect("Tambahkan umpan balik"), "Tidak")
    hendra.send("Pertahankan ketelitian di loket.")
    hendra.tap(hendra.expect("periksa jawaban Anda"), "Kirim")
    hendra.expect("Predikat kinerja", "Baik")

    # Nur sees the predikat and objects; the atasan decides, finally.
    result_notice = nur.expect("sudah keluar", "Baik")
    nur.tap(result_notice, "Lihat hasil")
    result = nur.expect_buttons("Terima", "Ajukan keberatan")
    nur.tap(result, "Ajukan keberatan")
    nur.expect("alasan keberatan")
    nur.send("Realisasi perekaman melampaui target 3.000; mohon ditinjau kembali.")
    nur.tap(nur.expect("periksa jawaban Anda"), "Kirim")
    nur.expect("Keberatan Anda", "diajukan")

    # The pejabat penilai is told, with her reasons, and gives his tanggapan (PP 30/2019 Ps 59).
    asked = hendra.expect("mengajukan keberatan atas penilaian Anda", "melampaui target 3.000")
    hendra.tap(asked, "Beri tanggapan")
    hendra.expect("Tuliskan tanggapan Anda")
    hendra.send("Bukti dukung memuat 2.800 perekaman; sisanya belum terverifikasi.")
    hendra.tap(hendra.expect("Lampirkan bukti"), "Lewati")
    hendra.tap(hendra.expect("periksa jawaban Anda"), "Kirim")
    hendra.expect("Tanggapan Anda", "terkirim")

    objection = dewi.expect("mengajukan keberatan", "Nur Aisyah")
    dewi.expect("Tanggapan pejabat penilai", "sudah masuk")
    dewi.send("/hasil")  # the objections waiting for her, each with the evidence
    dewi.expect("Nur Aisyah", "Realisasi perekaman melampaui target", "2.800 perekaman")
    assert dewi.expect("Bukti dukung RHK 1").document == b"%PDF-1.4 bukti"
    dewi.tap(objection, "Tinjau keberatan")
    dewi.tap(dewi.expect_buttons("Putuskan"), "Putuskan")
    dewi.tap(dewi.expect("tetap", "diubah"), "Diubah")
    dewi.tap(dewi.expect("Rating Hasil Kerja"), DI_ATAS)
    dewi.tap(dewi.expect("Rating Perilaku Kerja"), DI_ATAS)
    dewi.send("Realisasi terbukti melampaui target dengan bukti dukung.")
    dewi.tap(dewi.expect("periksa jawaban Anda"), "Kirim")
    dewi.expect("Predikat akhir", "Sangat Baik")
    decided = nur.expect("telah diputuskan", "Sangat Baik")
    nur.tap(decided, "Lihat hasil")
    nur.expect("Hasil akhir setelah keberatan", "Sangat Baik", "Rating semula")
    assert nur.expect("Bukti dukung RHK 1").document == b"%PDF-1.4 bukti"

    final = appraisal_of(bot, pid, NUR)
    assert final.status is AppraisalStatus.DECIDED
    assert final.predikat is Predikat.SANGAT_BAIK
    actions = [entry.action for entry in final.audit]
    assert actions == [
        "self_assessment_started",
        "self_assessment_submitted",
        "assessed",
        "objected",
        "tanggapan",
        "objection_decided",
    ]
    assert [entry.actor for entry in final.audit][-4:] == [HENDRA, NUR, HENDRA, DEWI]
    assert final.tanggapan is not None


def test_a_forged_button_cannot_assess_someone_who_is_not_your_subordinate(bot, people, tg):
    bot.cli("demo")
    pid = period_id(bot)
    rudi, hendra = people("Rudi"), people("Hendra")
    bot.bind(rudi, RUDI)
    bot.bind(hendra, HENDRA)
    rudi.send("/start")
    menu = rudi.expect_buttons("Penilaian diri")
    target = member_id(bot, NUR)
    for data in (
        f"assess.1:{pid}:{target}",
        f"subordinate.1:{pid}:{target}",
        f"decide.1:{pid}:{target}",
        f"objection.1:{pid}:{target}",
    ):
        update = tg.press(rudi.user, menu, data)
        answer = tg.wait_for_callback_answer(update)
        assert answer.text is not None
        assert "pejabat penilai" in answer.text  # refused, naming who may do it
    hendra.send("/start")
    hendra_menu = hendra.expect_buttons("Tim saya")
    outsider = member_id(bot, RUDI)
    update = tg.press(hendra.user, hendra_menu, f"assess.1:{pid}:{outsider}")
    assert "pejabat penilai" in (tg.wait_for_callback_answer(update).text or "")
    assert appraisal_of(bot, pid, NUR) is None
    assert appraisal_of(bot, pid, RUDI) is None


def _many_employees(path: Path, count: int) -> list[str]:
    """``count`` pelaksana under Hendra, with valid NIPs, and one SKP item each."""
    nips = [f"199{i % 10}0101202201{1 + i % 2}{i + 1:03d}" for i in range(count)]
    with (path / "many.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["nip", "name", "position", "position_kind", "unit_code", "supervisor_nip"])
        for i, nip in enumerate(nips):
            writer.writerow(
                [
                    nip,
                    f"Pegawai Uji {i + 1}",
                    "Pengadministrasi",
                    "pelaksana",
                    "DISDUKCAPIL-IDP",
                    HENDRA,
                ]
            )
    with (path / "many-skp.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["nip", "year", "kind", "rhk", "indicator", "target"])
        year = datetime.now(UTC).year
        for nip in nips:
            writer.writerow([nip, year, "utama", "Terlayaninya warga", "Jumlah warga", "100 Orang"])
    return nips


def test_fifty_people_answering_at_once_each_keep_exactly_their_own_answers(bot, people, tg):
    bot.cli("demo")
    nips = _many_employees(bot.workdir, 50)
    bot.cli("import", "employees", str(bot.workdir / "many.csv"))
    bot.cli("import", "skp", str(bot.workdir / "many-skp.csv"))
    crowd = [people(f"P{i}") for i in range(50)]
    for person, nip in zip(crowd, nips, strict=True):
        bot.bind(person, nip)

    def everyone(step) -> None:  # type: ignore[no-untyped-def]
        threads = [threading.Thread(target=step, args=(i, p)) for i, p in enumerate(crowd)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    everyone(lambda i, p: p.send("/penilaian"))
    firsts = [question(p, 1) for p in crowd]
    everyone(lambda i, p: p.send(f"realisasi milik orang ke-{i}"))
    seconds = [question(p, 2) for p in crowd]
    everyone(lambda i, p: p.tap(seconds[i], "Lewati"))
    thirds = [question(p, 3) for p in crowd]
    everyone(lambda i, p: p.tap(thirds[i], SESUAI))
    for person in crowd:
        question(person, 4)
    del firsts

    async def sessions(uow):  # type: ignore[no-untyped-def]
        found = {}
        for person in crowd:
            session = await uow.sessions.latest_active(person.user.id)
            found[person.user.id] = dict(session.answers)
        return found

    answers = bot.db(sessions)
    for i, person in enumerate(crowd):
        mine = answers[person.user.id]
        realisations = [v for k, v in mine.items() if k.endswith(".realisation")]
        assert realisations == [f"realisasi milik orang ke-{i}"]
        assert [v for k, v in mine.items() if k.endswith(".rating")] == ["2"]
        assert [v for k, v in mine.items() if k.endswith(".evidence")] == [None]
