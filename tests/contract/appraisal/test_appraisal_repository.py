"""The appraisals' contract (``AppraisalRepository``), on the fakes, SQLite and PostgreSQL, with
the demo organisation: every field comes back as saved, the audit trail, the orderings, locks."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, timedelta

from domain.appraisal.model import Appraisal, AppraisalStatus
from domain.appraisal.predikat import Predikat, Rating
from tests.support.appraisals import (
    AGUS,
    BUDI,
    DEWI,
    HENDRA,
    NUR,
    RATNA,
    REASON,
    T0,
    WIB,
    WIT,
    YUSUF,
    add_period,
    assessed,
    get,
    month,
    objected,
    save,
)

# --- appraisals -----------------------------------------------------------------------------


def full_cycle(period_id: int) -> list[Appraisal]:
    """Every state of one appraisal, each field filled in, at times in two time zones."""
    submitted = Appraisal(period_id, NUR).begin_self_assessment(by_nip=NUR, now=T0)
    submitted = submitted.submit_self_assessment(
        by_nip=NUR,
        ratings={
            "12": Rating.DI_ATAS,
            "13": Rating.SESUAI,
            "berakhlak:akuntabel": Rating.DI_BAWAH,
            "berakhlak:loyal": Rating.SESUAI,
        },
        realisations={"12": "Terekam 1.240 permohonan", "13": "11 laporan"},
        evidence={"12": "photo:AgAD-ktp"},
        notes={"berakhlak:akuntabel": "Dua laporan terlambat"},
        now=T0 + timedelta(hours=1),
    )
    assessed = submitted.assess(
        hasil=Rating.DI_ATAS,
        perilaku=Rating.DI_BAWAH,
        feedback="Perbaiki ketepatan waktu.",
        item_feedback={"12": "Perekaman tuntas.", "berakhlak:akuntabel": "Tepat waktu."},
        by_nip=HENDRA,
        supervisor_nip=HENDRA,
        now=datetime(2026, 11, 25, 16, 45, tzinfo=WIT),
    )
    acknowledged = assessed.acknowledge(by_nip=NUR, now=datetime(2026, 11, 26, 8, tzinfo=WIB))
    filed = acknowledged.object(
        by_nip=NUR,
        reason=REASON,
        now=datetime(2026, 11, 27, 7, 15, tzinfo=UTC),
        deadline=datetime(2026, 11, 30, 23, 59, tzinfo=WIB),
        response_due=datetime(2026, 11, 30, 23, 59, tzinfo=WIB),
    )
    responded = filed.respond(
        by_nip=HENDRA,
        penilai_nip=HENDRA,
        text="Dua laporan terlambat tanpa pemberitahuan.",
        evidence="document:AgAD-tgp",
        now=datetime(2026, 11, 28, 9, 30, tzinfo=WIT),
    )
    decided = responded.decide(
        by_nip=DEWI,
        atasan_nip=DEWI,
        keep=False,
        reason="Bukti dukung menunjukkan perilaku sesuai ekspektasi.",
        new_hasil=Rating.DI_ATAS,
        new_perilaku=Rating.SESUAI,
        now=datetime(2026, 11, 29, 13, 0, tzinfo=WIB),
        without_tanggapan="Recorded even once the tanggapan came: the reason stays.",
    )
    return [submitted, assessed, acknowledged, filed, responded, decided]


async def test_an_appraisal_with_every_field_comes_back_as_it_was_saved(demo):
    period_id = await add_period(
        demo, month("November 2026", date(2026, 11, 1), date(2026, 11, 30))
    )
    for state in full_cycle(period_id):
        await save(demo, state, now=state.audit[-1].at)
        assert await get(demo, period_id, NUR) == state

    found = await get(demo, period_id, NUR)
    assert found is not None
    assert found.status is AppraisalStatus.DECIDED
    assert found.predikat is Predikat.BAIK
    assert found.objection is not None
    assert found.objection.filed_at == datetime(2026, 11, 27, 7, 15, tzinfo=UTC)
    assert found.decision is not None
    assert (found.decision.by_nip, found.decision.keep) == (DEWI, False)
    moments = [
        found.assessed_at,
        found.acknowledged_at,
        found.objection.filed_at,
        found.decision.at,
        *(entry.at for entry in found.audit),
    ]
    assert all(m is not None and m.utcoffset() is not None for m in moments)  # aware
    assert found.assessed_at == datetime(2026, 11, 25, 14, 45, tzinfo=WIB)
    assert [(e.actor, e.action) for e in found.audit] == [
        (NUR, "self_assessment_started"),
        (NUR, "self_assessment_submitted"),
        (HENDRA, "assessed"),
        (NUR, "acknowledged"),
        (NUR, "objected"),
        (HENDRA, "tanggapan"),
        (DEWI, "objection_decided"),
    ]
    assert found.audit[-1].details["previous_predikat"] == "kurang"
    assert found.tanggapan is not None
    assert found.tanggapan.evidence == "document:AgAD-tgp"


async def test_audit_entries_are_appended_once_however_often_the_appraisal_is_saved(demo):
    period_id = await add_period(
        demo, month("November 2026", date(2026, 11, 1), date(2026, 11, 30))
    )
    submitted, assessed_, *_ = full_cycle(period_id)

    await save(demo, submitted)
    await save(demo, submitted)
    await save(demo, assessed_, assessed_)

    found = await get(demo, period_id, NUR)
    assert found is not None
    assert found.audit == assessed_.audit
    assert len(found.audit) == 3


async def test_appraisals_are_found_per_period_and_per_employee(demo):
    october = await add_period(demo, month("Oktober 2026", date(2026, 10, 1), date(2026, 10, 31)))
    november = await add_period(demo, month("November 2026", date(2026, 11, 1), date(2026, 11, 30)))
    await save(
        demo,
        assessed(october, NUR, HENDRA),
        assessed(november, NUR, HENDRA, Rating.DI_ATAS, Rating.DI_ATAS),
        assessed(november, BUDI, HENDRA),
        assessed(november, RATNA, YUSUF),
    )

    async with demo(readonly=True) as tx:
        found = await tx.appraisals.for_period(november, [NUR, BUDI, HENDRA])
        mine = await tx.appraisals.of_employee(NUR)
        assert await tx.appraisals.for_period(november, []) == {}
        assert await tx.appraisals.of_employee(HENDRA) == []
        assert await tx.appraisals.get(october, BUDI) is None

    assert set(found) == {NUR, BUDI}
    assert found[NUR].predikat is Predikat.SANGAT_BAIK
    assert found[NUR].period_id == november
    assert [a.period_id for a in mine] == [november, october]


async def test_undecided_objections_are_listed_oldest_first(demo):
    period_id = await add_period(
        demo, month("November 2026", date(2026, 11, 1), date(2026, 11, 30))
    )
    nur = objected(assessed(period_id, NUR, HENDRA), T0 + timedelta(days=2))
    budi = objected(assessed(period_id, BUDI, HENDRA), T0 + timedelta(days=1))
    hendra = objected(assessed(period_id, HENDRA, DEWI), T0 + timedelta(days=1))
    ratna = objected(assessed(period_id, RATNA, YUSUF), T0 + timedelta(days=1))
    ratna = ratna.decide(
        by_nip=AGUS, atasan_nip=AGUS, keep=True, reason=REASON, now=T0 + timedelta(days=3)
    )
    await save(demo, nur, budi, hendra, ratna)

    async with demo(readonly=True) as tx:
        waiting = await tx.appraisals.objected()

    # Oldest objection first (Budi and Hendra filed at the same time: by row); Ratna's is decided.
    assert [a.employee_nip for a in waiting] == [BUDI, HENDRA, NUR]
    assert waiting[2] == nur


async def test_an_appraisal_read_for_update_waits_for_the_writer_holding_it(demo):
    period_id = await add_period(
        demo, month("November 2026", date(2026, 11, 1), date(2026, 11, 30))
    )
    await save(demo, assessed(period_id, NUR, HENDRA))
    held, release = asyncio.Event(), asyncio.Event()

    async def acknowledging() -> None:
        async with demo() as tx:
            mine = await tx.appraisals.get(period_id, NUR, for_update=True)
            await tx.appraisals.save(mine.acknowledge(by_nip=NUR, now=T0), now=T0)
            held.set()
            await release.wait()
            await tx.commit()

    async def reading_to_object() -> AppraisalStatus:
        async with demo() as tx:
            theirs = await tx.appraisals.get(period_id, NUR, for_update=True)
            await tx.commit()
            return theirs.status

    one = asyncio.create_task(acknowledging())
    await held.wait()
    two = asyncio.create_task(reading_to_object())
    await asyncio.sleep(0.3)
    assert not two.done()  # waiting for the first
    release.set()
    await one
    assert await two is AppraisalStatus.ACKNOWLEDGED
