"""The 360° results in chat (issue 11), through the real application and the strict fake
Telegram: after a closed October period, Nur's /hasil shows self vs peers vs the pejabat
penilai per value, the gaps, the comments and the radar chart as a photo; subordinates' results
below the threshold say only why nothing is shown; Hendra sees the same on Nur's screen, with
the development recommendations (a weak value, the catalogue's items, a mentor by name)."""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import text

from domain.appraisal.berakhlak import BERAKHLAK
from domain.appraisal.model import Appraisal, AppraisalStatus
from domain.appraisal.periods import AppraisalPeriod, PeriodKind, PeriodStatus
from domain.appraisal.predikat import Predikat, Rating
from domain.peer.aggregate import FrozenSummary, RelationSummary, ValueSummary
from domain.peer.raters import Relation
from storage.unit_of_work import SqlUnitOfWorkFactory
from tests.support.clock import FixedClock
from tests.support.fake_telegram import FakeTelegram
from tests.support.in_process import HENDRA, NUR, STAFF, InProcessBot, in_process_bot

NUR_USER, HENDRA_USER = STAFF[NUR], STAFF[HENDRA]
BUDI = "199202292019031004"  # Nur's colleague in Seksi IDP: a strong Harmonis, her mentor
AT = datetime(2026, 11, 5, 3, 0, tzinfo=UTC)
PEER_TOTALS = {"harmonis": 7}  # 2.33 from 3 raters; every other value 4.00


def _summary(period_id: int, nip: str, totals: dict[str, int]) -> FrozenSummary:
    values = tuple(ValueSummary(v.code, 3, totals.get(v.code, 12)) for v in BERAKHLAK)
    peers = RelationSummary(
        Relation.PEER, 3, values, ("Sigap melayani di loket",), ("Lebih sabar <i>menjelaskan</i>",)
    )
    relations = {Relation.PEER: peers, Relation.UPWARD: RelationSummary(Relation.UPWARD)}
    return FrozenSummary(period_id, nip, AT, 3, 7, relations)


async def _october(bot: InProcessBot) -> int:
    """A closed October 2026 with Nur's appraisal and the frozen peer results."""
    factory = SqlUnitOfWorkFactory(bot.runtime.db, FixedClock(AT))
    draft = AppraisalPeriod.create(
        name="Oktober 2026",
        kind=PeriodKind.MONTHLY,
        start=date(2026, 10, 1),
        end=date(2026, 10, 31),
        self_due=date(2026, 10, 31),
        peer_due=date(2026, 10, 31),
        review_due=date(2026, 11, 3),
    )
    async with factory() as uow:
        period = await uow.periods.add(draft)
        assert period.id is not None
        await uow.periods.save(replace(period, status=PeriodStatus.CLOSED))
        appraisal = Appraisal(
            period.id,
            NUR,
            status=AppraisalStatus.ACKNOWLEDGED,
            self_ratings={v.rating_key: Rating.DI_ATAS for v in BERAKHLAK},
            hasil=Rating.SESUAI,
            perilaku=Rating.SESUAI,
            predikat=Predikat.BAIK,
            assessed_by=HENDRA,
            assessed_at=AT,
            acknowledged_at=AT,
        )
        await uow.appraisals.save(appraisal, now=AT)
        await uow.peer_summaries.add(_summary(period.id, NUR, PEER_TOTALS))
        await uow.peer_summaries.add(_summary(period.id, BUDI, {"harmonis": 14}))
        await uow.commit()
    return period.id


async def _nur_id(bot: InProcessBot) -> int:
    async with bot.runtime.db.session(readonly=True) as session:
        found = await session.exec(  # type: ignore[call-overload]
            text("SELECT id FROM employees WHERE nip = :nip"), params={"nip": NUR}
        )
        return int(found.one()[0])


async def test_the_results_appear_on_hasil_and_on_the_subordinates_screen_with_a_radar_chart(
    demo_world: Path, tmp_path: Path
) -> None:
    database = tmp_path / "results.db"
    shutil.copyfile(demo_world, database)
    tg = FakeTelegram()
    async with in_process_bot(tg, f"sqlite:///{database}") as bot:
        period_id = await _october(bot)
        tg.start_chat(NUR_USER)
        tg.start_chat(HENDRA_USER)
        tg.send_text(NUR_USER, "/hasil")
        await bot.deliver()
        mine = tg.messages(NUR_USER.id)
        [results] = [m for m in mine if "Umpan balik 360° · Nur Aisyah · Oktober" in (m.text or "")]
        body = results.text or ""
        assert "Rekan kerja: 2,33" in body
        assert "Diri: Di Atas Ekspektasi" in body
        assert "Bawahan: tidak ditampilkan" in body
        assert "kurang dari 3 penilai" in body
        assert "Sigap melayani di loket" in body
        assert "Lebih sabar <i>menjelaskan</i>" in body  # shown as typed, never as markup
        assert "Selisih terbesar" in body
        assert "lebih tinggi daripada penilaian rekan kerja" in body
        photos = [m for m in mine if m.kind == "photo"]
        assert len(photos) == 1
        assert "radar" in (photos[0].text or "").lower()  # the caption
        development = next(m for m in mine if "Nilai yang perlu dikembangkan" in (m.text or ""))
        assert "Harmonis" in (development.text or "")
        assert "Budi Santoso" in (development.text or "")  # the mentor, named
        assert "4,67" not in (development.text or "")  # never the mentor's score

        tg.send_text(HENDRA_USER, "/menu")
        await bot.deliver()
        menu = tg.messages(HENDRA_USER.id)[-1]
        tg.press(HENDRA_USER, menu, f"subordinate.1:{period_id}:{await _nur_id(bot)}")
        await bot.deliver()
        seen = tg.messages(HENDRA_USER.id)
        assert any("Rekan kerja: 2,33" in (m.text or "") for m in seen)
        assert any(m.kind == "photo" for m in seen)
        assert any("Catat rencana pengembangan" in str(m.buttons) for m in seen)
        assert bot.errors == []
    tg.assert_no_violations()


async def test_the_assessment_form_comes_after_the_peer_summary_or_why_there_is_none(
    demo_world: Path, tmp_path: Path
) -> None:
    database = tmp_path / "assess.db"
    shutil.copyfile(demo_world, database)
    tg = FakeTelegram()
    async with in_process_bot(tg, f"sqlite:///{database}") as bot:
        async with bot.runtime.db.session(readonly=True) as session:
            found = await session.exec(text("SELECT id FROM periods WHERE status = 'open'"))  # type: ignore[call-overload]
            open_period = int(found.one()[0])
        tg.start_chat(HENDRA_USER)
        tg.send_text(HENDRA_USER, "/menu")
        await bot.deliver()
        menu = tg.messages(HENDRA_USER.id)[-1]
        before = len(tg.messages(HENDRA_USER.id))
        tg.press(HENDRA_USER, menu, f"assess.1:{open_period}:{await _nur_id(bot)}")
        await bot.deliver()
        new = [m.text or "" for m in tg.messages(HENDRA_USER.id)[before:]]
        assert "baru tampil setelah batas waktu" in new[0]  # nothing about raters, not a count
        assert "Rating Hasil Kerja" in new[-1]  # then the form's first question
        assert bot.errors == []
    tg.assert_no_violations()
