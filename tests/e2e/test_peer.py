"""Peer and upward (360°) feedback through the real bot process, logging at DEBUG: the admin
assigns raters, each rater hears of it once and answers through ``/umpanbalik``; the pejabat
penilai chooses a subordinate's peers from the team screen. Before the deadline nothing is
readable, even with three answers in; after it (the test moves ``peer_due`` in the database)
the summary of the three upward raters appears, and that of the two peer raters stays hidden.
A late change is refused, the seal removes the rater links, and no log line names a rater next
to a ratee."""

from __future__ import annotations

import re
from datetime import date

import pytest
from sqlalchemy import text

from tests.e2e.journeys import count, question, review
from tests.e2e.rig import BotProcess, Person

ANDI = "198607072014061001"  # Kepala UPTD Puskesmas Sukamaju: three direct subordinates
PUTRI, DIMAS, WULAN = "199301202020012001", "199504142022041001", "199009212023222001"
RATIH = "197212252000012001"  # Kepala Dinas Kesehatan: Andi's pejabat penilai
PROAKTIF = "4 · Proaktif"
# One journey of five people and about sixty updates: longer than the suite's default limit.
pytestmark = [pytest.mark.e2e, pytest.mark.timeout(360)]


def _period(bot: BotProcess) -> int:
    async def work(uow):  # type: ignore[no-untyped-def]
        return (await uow.periods.all())[0].id

    return int(bot.db(work))


def _move_deadline(bot: BotProcess, day: date) -> None:
    async def work(uow):  # type: ignore[no-untyped-def]
        connection = await uow.session.connection()
        await connection.execute(text("UPDATE periods SET peer_due = :day"), {"day": day})

    bot.db(work)


def _rate(rater: Person, ratee: str, comment: str) -> None:
    """``/umpanbalik``, the ratee's button, the statement, seven values, a comment, submit."""
    rater.send("/umpanbalik")
    listed = rater.expect_buttons(ratee)
    rater.tap(listed, ratee)
    rater.expect("siapa melihat apa", "setelah batas waktu")
    for number in range(1, 8):
        rater.tap(question(rater, number), PROAKTIF)
    question(rater, 8)
    rater.send(comment)
    rater.tap(question(rater, 9), "Lewati")
    rater.tap(review(rater), "Kirim")
    rater.expect("Terima kasih", "tanpa nama Anda")


def _plain(message_text: str | None) -> str:
    return re.sub(r"<[^>]+>", "", message_text or "")


def _my_summary(person: Person) -> str:
    person.send("/umpanbalik")
    screen = person.expect_buttons("Hasil umpan balik tentang saya")
    person.tap(screen, "Hasil umpan balik tentang saya")
    return _plain(person.expect("Hasil umpan balik 360°").text)


def test_three_raters_are_shown_only_after_the_deadline_and_two_never(bot, people, tg):
    bot.cli("demo")
    bot.extra_env["KINERJA_LOG_LEVEL"] = "DEBUG"
    bot.restart()
    who = {
        ANDI: people("Andi"),
        PUTRI: people("Putri"),
        DIMAS: people("Dimas"),
        WULAN: people("Wulan"),
        RATIH: people("Ratih"),
    }
    for nip, person in who.items():
        tg.start_chat(person.user)
        bot.bind(person, nip)
    andi, putri, dimas, wulan, ratih = who.values()
    period = _period(bot)

    # The admin assigns upward raters; each subordinate hears of it once, through the outbox.
    assigned = bot.cli("peers", "assign", "--period", str(period), "--upward", "--seed", "1")
    assert "tidak mencapai ambang anonimitas" in assigned.stdout
    for rater in (putri, dimas, wulan):
        told = rater.expect("Permintaan umpan balik", "Andi")
        assert told.buttons
    # Andi chooses Putri's peers from his team screen: typed numbers, checked at once.
    andi.send("/tim")
    team = andi.expect_buttons("Putri")
    andi.tap(team, "Putri")
    case = andi.expect_buttons("Penilai umpan balik")
    andi.tap(case, "Penilai umpan balik")
    raters = andi.expect_buttons("Pilih rekan penilai")
    assert "belum ada" in (raters.text or "")
    andi.tap(raters, "Pilih rekan penilai")
    asked = question(andi, 1)
    assert "Siti" in (asked.text or "")
    andi.send("1, 2")  # too few
    andi.expect("paling sedikit 3")
    andi.send("1, 2, 3")
    andi.tap(review(andi), "Kirim")
    andi.expect("tersimpan (3 orang)")
    dimas.expect("Permintaan umpan balik", "Putri")

    for rater, secret in ((putri, "RAHASIA-P1"), (dimas, "RAHASIA-D1"), (wulan, "RAHASIA-W1")):
        _rate(rater, "Andi", f"{secret} selalu membagi tugas dengan adil")
    _rate(dimas, "Putri", "RAHASIA-D2 teliti")
    _rate(wulan, "Putri", "RAHASIA-W2 ramah")

    # Before the deadline: nothing, not even a count, although three answered about Andi.
    before = _my_summary(andi)
    assert "setelah batas waktu" in before
    assert "RAHASIA" not in before
    ratih.send("/tim")
    ratih.tap(ratih.expect_buttons("Andi"), "Andi")
    ratih.tap(ratih.expect_buttons("Penilai umpan balik"), "Penilai umpan balik")
    view = ratih.expect_buttons("Hasil umpan balik")
    assert "Putri" in (view.text or "")  # the raters' names, never their progress
    assert "terkirim" not in (view.text or "")
    ratih.tap(view, "Hasil umpan balik")
    assert "RAHASIA" not in (ratih.expect("Hasil umpan balik 360°").text or "")

    # After the deadline: Andi's three upward raters are shown; Putri's two peers are not.
    _move_deadline(bot, date(2026, 10, 1))
    after = _my_summary(andi)
    assert "Dari 3 penilai" in after
    assert "4,00 (3 penilai)" in after
    for secret in ("RAHASIA-P1", "RAHASIA-D1", "RAHASIA-W1"):
        assert secret in after
    hidden = _my_summary(putri)
    assert "Tidak ada yang ditampilkan" in hidden
    assert "RAHASIA" not in hidden
    assert "penilai)" not in hidden
    ratih.send("/tim")
    ratih.tap(ratih.expect_buttons("Andi"), "Andi")
    ratih.tap(ratih.expect_buttons("Penilai umpan balik"), "Penilai umpan balik")
    ratih.tap(ratih.expect_buttons("Hasil umpan balik"), "Hasil umpan balik")
    assert "4,00 (3 penilai)" in _plain(ratih.expect("Hasil umpan balik 360°").text)

    # A late change is refused and changes nothing (the summary is frozen).
    dimas.send("/umpanbalik")
    closed = dimas.expect("Umpan balik yang diminta dari Anda")
    assert "sudah ditutup" in (closed.text or "")
    frozen = count(bot, "SELECT count(*) FROM peer_summaries")
    assert frozen >= 2

    # Nobody but the writer ever saw the comments about Putri.
    for person in (andi, ratih, putri):
        texts = " ".join(m.text or "" for m in tg.messages(person.chat_id))
        assert "RAHASIA-D2" not in texts
        assert "RAHASIA-W2" not in texts

    sealed = bot.cli("peers", "seal", "--period", str(period))
    assert "Disegel: 5 tautan" in sealed.stdout
    linked = "SELECT count(*) FROM peer_responses WHERE assignment_id IS NOT NULL"
    assert count(bot, linked) == 0

    # DEBUG logging: no line names a rater (NIP or Telegram id) next to a ratee.
    log = bot.log
    assert " DEBUG " in log or "DEBUG" in log
    ratees = (ANDI, PUTRI, "Andi", "Putri", str(andi.user.id), str(putri.user.id))
    for nip in (PUTRI, DIMAS, WULAN):
        marks = (nip, str(who[nip].user.id))
        for line in log.splitlines():
            if any(mark in line for mark in marks):
                named = [r for r in ratees if r in line and r not in marks]
                assert not named, line
