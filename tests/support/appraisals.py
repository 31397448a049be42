"""The appraisal's test data on any store: the demo organisation's people, a monthly period,
appraisals put in place through the aggregate's own methods and the repository."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from domain.appraisal.model import Appraisal
from domain.appraisal.periods import AppraisalPeriod, PeriodKind
from domain.appraisal.predikat import Rating
from domain.unit_of_work import UnitOfWorkFactory

WIB = ZoneInfo("Asia/Jakarta")
WIT = ZoneInfo("Asia/Jayapura")
NUR = "199608182022042001"  # Seksi IDP, assessed by Hendra
BUDI = "199202292019031004"  # Seksi IDP, assessed by Hendra
RATNA = "199105092024212001"  # Bidang Capil, assessed by Yusuf
HENDRA = "198509302010041001"  # Kepala Seksi IDP, assessed by Dewi
DEWI = "198004172005012003"  # Kepala Bidang Dafduk: atasan of Nur and Budi
YUSUF = "197906112006021002"  # Kepala Bidang Capil
AGUS = "197511021997081001"  # Kepala Dinas: atasan of Hendra and Ratna
T0 = datetime(2026, 11, 20, 9, 30, tzinfo=WIB)
REASON = "Bukti dukung capaian RHK utama sudah lengkap."


def month(name: str, start: date, end: date) -> AppraisalPeriod:
    return AppraisalPeriod.create(
        name=name,
        kind=PeriodKind.MONTHLY,
        start=start,
        end=end,
        self_due=end,
        peer_due=end,
        review_due=end + timedelta(days=10),
    )


def november() -> AppraisalPeriod:
    return month("November 2026", date(2026, 11, 1), date(2026, 11, 30))


async def add_period(factory: UnitOfWorkFactory, period: AppraisalPeriod) -> int:
    async with factory() as tx:
        stored = await tx.periods.add(period)
        await tx.commit()
    assert stored.id is not None
    return stored.id


async def save(factory: UnitOfWorkFactory, *appraisals: Appraisal, now: datetime = T0) -> None:
    async with factory() as tx:
        for appraisal in appraisals:
            await tx.appraisals.save(appraisal, now=now)
        await tx.commit()


async def get(factory: UnitOfWorkFactory, period_id: int, nip: str) -> Appraisal | None:
    async with factory(readonly=True) as tx:
        return await tx.appraisals.get(period_id, nip)


def assessed(
    period_id: int,
    nip: str,
    penilai: str,
    hasil: Rating = Rating.SESUAI,
    perilaku: Rating = Rating.SESUAI,
) -> Appraisal:
    return Appraisal(period_id, nip).assess(
        hasil=hasil,
        perilaku=perilaku,
        feedback=None,
        by_nip=penilai,
        supervisor_nip=penilai,
        now=T0,
    )


def objected(appraisal: Appraisal, at: datetime) -> Appraisal:
    return appraisal.object(
        by_nip=appraisal.employee_nip, reason=REASON, now=at, deadline=at + timedelta(days=1)
    )
