"""The citizen survey (SKM) and the IKM report through the real bot process and the strict fake
Telegram server."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import text

from tests.e2e.rig import BotProcess, Person
from tests.support.fake_telegram import SentMessage

DEWI = "198004172005012003"  # Kepala Bidang Pendaftaran Penduduk; here also admin of DISDUKCAPIL
HENDRA = "198509302010041001"  # Kepala Seksi Identitas Penduduk: the unit head of KTP-EL
U1_LABELS = ["Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"]


def options(message: SentMessage) -> list[tuple[str, str]]:
    """The answer buttons (UI contract: they come first, in ascending score order)."""
    return [button for row in message.buttons for button in row][:4]


def rate(person: Person, number: int, score: int) -> SentMessage:
    """Answer question ``number`` (already shown) with ``score`` 1..4."""
    question = person.expect(f"pertanyaan {number} dari")
    person.tg.press(person.user, question, options(question)[score - 1][1])
    return question


def admin_of_disdukcapil(bot: BotProcess, people) -> Person:
    async def unit_id(uow) -> int:
        unit = await uow.org.unit_by_code("DISDUKCAPIL")
        return unit.id

    admin = people("Dewi")
    bot.tg.start_chat(admin.user)
    bot.bind(admin, DEWI)
    bot.grant_admin(DEWI, bot.db(unit_id))
    return admin


def stored(bot: BotProcess, sql: str) -> list[tuple]:
    async def run(uow) -> list[tuple]:
        connection = await uow.session.connection()
        return [tuple(row) for row in (await connection.execute(text(sql))).all()]

    return bot.db(run)


def release_outbox(bot: BotProcess) -> None:
    """Make queued messages due now (the day's saran wait for the digest hour)."""

    async def run(uow) -> None:
        connection = await uow.session.connection()
        await connection.execute(
            text("UPDATE outbox SET not_before = :now"), {"now": datetime.now(UTC)}
        )
        await uow.commit()

    bot.db(run)


def test_a_citizen_rates_a_service_from_its_qr_link_anonymously_once_a_day(bot, people):
    admin = admin_of_disdukcapil(bot, people)
    warga = people("Siti")
    warga.send("/start skm_KTP-EL")
    warga.expect("Survei Kepuasan Masyarakat", "tanpa nama")
    first = warga.expect("pertanyaan 1 dari 14", "kesesuaian persyaratan")
    assert [label for label, _ in options(first)] == U1_LABELS
    warga.tg.press(warga.user, first, options(first)[3][1])
    rate(warga, 2, 3)
    third = warga.expect("pertanyaan 3 dari")
    warga.tap(third, "Kembali")  # back to U2, answered again
    rate(warga, 2, 4)
    for number, score in zip(range(3, 10), (2, 4, 4, 4, 4, 4, 4), strict=True):
        rate(warga, number, score)
    warga.tap(warga.expect("pertanyaan 10 dari", "Jenis kelamin"), "Perempuan")
    for number in (11, 12, 13):
        warga.tap(warga.expect(f"pertanyaan {number} dari"), "Lewati")
    suggestion = warga.expect("pertanyaan 14 dari", "saran")
    warga.send("Antrean terlalu lama, mohon tambah loket")
    warga.expect("pertanyaan 15 dari 15", "nomor HP")
    warga.send("0812-3456-7890")
    review = warga.expect("periksa jawaban", "Antrean terlalu lama")
    warga.tap(review, "✏️ 1")  # change U1 from the review
    rate(warga, 1, 3)
    warga.tap(warga.expect("periksa jawaban"), "Kirim")
    thanks = warga.expect("Terima kasih", "sudah tersimpan")
    assert "IKM" not in thanks.text  # no running figure (and no earlier quarter here)

    # The saran waits for the day's digest hour (16.00 at the unit), then reaches the admin.
    [(due,)] = stored(bot, "SELECT not_before FROM outbox")
    due = due if isinstance(due, datetime) else datetime.fromisoformat(str(due))
    local = due.replace(tzinfo=due.tzinfo or UTC).astimezone(ZoneInfo("Asia/Jakarta"))
    assert (local.hour, local.minute) == (16, 0)
    admin.silent()
    release_outbox(bot)
    forwarded = admin.expect("Antrean terlalu lama, mohon tambah loket", "0812-3456-7890")
    assert "Siti" not in forwarded.text
    assert str(warga.user.id) not in forwarded.text
    today = datetime.now(ZoneInfo("Asia/Jakarta")).date()
    assert today.isoformat() not in forwarded.text  # "14 Agu 2026", not an ISO date
    assert f"{today.day} " in forwarded.text

    # A button left on an old question of the finished survey changes nothing.
    press = warga.tap(suggestion, "Lewati")
    assert bot.tg.wait_for_callback_answer(press).text
    warga.silent()

    warga.send("/start skm_KTP-EL")
    warga.expect("sudah menilai", "hari ini")
    # No log line ties this account to the service it rated (nor to anything else).
    assert str(warga.user.id) not in bot.log
    responses = stored(
        bot, "SELECT channel, u1, u2, u3, u9, gender, suggestion, contact FROM skm_responses"
    )
    assert responses == [
        ("telegram", 3, 4, 2, 4, "P", "Antrean terlalu lama, mohon tambah loket", "0812-3456-7890")
    ]
    every_row = stored(bot, "SELECT * FROM skm_responses") + stored(bot, "SELECT * FROM skm_marks")
    assert str(warga.user.id) not in repr(every_row)
    assert stored(bot, "SELECT count(*) FROM conversation_sessions") == [(0,)]


def test_an_unknown_code_offers_a_search_and_batal_deletes_a_pending_survey(bot, people):
    warga = people("Joko")
    warga.send("/start skm_TIDAK-ADA")
    warga.expect("tidak ditemukan", "/layanan")
    listing = warga.expect_buttons("Penerbitan Akta Kelahiran")
    warga.tap(listing, "Penerbitan Akta Kelahiran")
    warga.expect("Survei Kepuasan Masyarakat", "Penerbitan Akta Kelahiran")
    rate(warga, 1, 4)
    warga.expect("pertanyaan 2 dari")
    warga.send("/batal")
    warga.expect("dibatalkan")
    assert stored(bot, "SELECT count(*) FROM conversation_sessions") == [(0,)]
    warga.send("/layanan kelahiran")
    found = warga.expect_buttons("Penerbitan Akta Kelahiran")
    assert len([b for row in found.buttons for b in row]) == 1


def test_the_unit_head_reads_the_ikm_report_with_files_and_records_an_rtl(bot, people):
    # The counter's day (WIB), the calendar "Tahun ini" follows: on 31 Dec after 17.00 UTC the
    # UTC date would be last year's.
    today = datetime.now(ZoneInfo("Asia/Jakarta")).date().isoformat()
    rows = "".join(f"KTP-EL,{today},4,4,{score},4,4,4,4,4,4\n" for score in (2, 3, 2, 2, 3, 2))
    paper = bot.workdir / "paper.csv"
    paper.write_text("service_code,date,u1,u2,u3,u4,u5,u6,u7,u8,u9\n" + rows, encoding="utf-8")
    assert "6 respons diimpor" in bot.cli("import", "skm", str(paper)).stdout
    again = bot.cli("import", "skm", str(paper), check=False)
    assert again.returncode == 1
    assert "sudah diimpor" in again.stdout + again.stderr
    hendra = people("Hendra")
    bot.bind(hendra, HENDRA)
    hendra.send("/laporan")
    scopes = hendra.expect_buttons("Seksi Identitas Penduduk", "Perekaman dan Pencetakan KTP-el")
    hendra.tap(scopes, "Perekaman dan Pencetakan KTP-el")
    hendra.tap(hendra.expect_buttons("Tahun ini"), "Tahun ini")
    summary = hendra.expect("IKM Perekaman dan Pencetakan KTP-el", "terlemah")
    assert "U3 Waktu Penyelesaian: 2,333" in summary.text
    chart = bot.tg.wait_for_message(hendra.chat_id, lambda m: m.kind == "document")
    workbook = bot.tg.wait_for_message(hendra.chat_id, lambda m: m.kind == "document")
    assert chart.filename.endswith(".png")
    assert workbook.filename.endswith(".xlsx")
    hendra.tap(summary, "Catat RTL")
    choice = hendra.expect("Unsur terlemah periode ini", "U3")
    hendra.tap(choice, "Waktu Penyelesaian")
    hendra.expect("rencana tindak lanjut")
    hendra.send("Buka loket tambahan pukul 08.00–10.00 mulai bulan depan")
    hendra.tap(hendra.expect("periksa jawaban"), "Kirim")
    hendra.expect("RTL untuk unsur U3")
    assert stored(bot, "SELECT unsur, nrr, recorded_by FROM skm_rtl") == [("U3", "2.333", HENDRA)]


def test_an_admin_gets_a_printable_qr_poster_in_the_chat(bot, people):
    admin = admin_of_disdukcapil(bot, people)
    admin.send("/poster")
    listing = admin.expect_buttons("Perekaman dan Pencetakan KTP-el")
    assert "Pelayanan Rawat Jalan" not in repr(listing.buttons)  # outside the admin's grant
    admin.tap(listing, "Perekaman dan Pencetakan KTP-el")
    poster = bot.tg.wait_for_message(admin.chat_id, lambda m: m.kind == "document")
    assert poster.filename == "poster-ktp-el.png"
    assert poster.document.startswith(b"\x89PNG")
