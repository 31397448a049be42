"""A demo organisation for the reminder rules: three units in WIB, WITA and WIT, one quarter
(Q1 2027) whose self-assessment deadline, Monday 8 February, is a cuti bersama right after the
Imlek weekend; the national holidays of early 2027 as the ``holidays`` library gives them."""

from __future__ import annotations

from datetime import UTC, date, datetime

from domain.appraisal.periods import AppraisalPeriod, PeriodKind, PeriodStatus
from domain.reminders.calendar import Holiday, HolidaySource, WorkingCalendar
from domain.reminders.model import Mute, Person

WIB, WITA, WIT = "Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"

NATIONAL = {
    date(2027, 1, 1): "Tahun Baru Masehi",
    date(2027, 1, 5): "Isra Mikraj Nabi Muhammad",
    date(2027, 2, 6): "Tahun Baru Imlek",
    date(2027, 3, 8): "Hari Suci Nyepi",
    date(2027, 3, 10): "Hari Raya Idul Fitri",
    date(2027, 3, 11): "Hari kedua Idul Fitri",
    date(2027, 3, 26): "Wafat Yesus Kristus",
    date(2027, 3, 28): "Kebangkitan Yesus Kristus",
}
CUTI_BERSAMA = date(2027, 2, 8)


def calendar() -> WorkingCalendar:
    days = {d: Holiday(d, n, HolidaySource.NATIONAL) for d, n in NATIONAL.items()}
    days[CUTI_BERSAMA] = Holiday(CUTI_BERSAMA, "Cuti bersama Imlek", HolidaySource.IMPORTED)
    return WorkingCalendar(holidays=days)


QUARTER = AppraisalPeriod(
    id=1,
    name="Triwulan I 2027",
    kind=PeriodKind.QUARTERLY,
    start=date(2027, 1, 1),
    end=date(2027, 3, 31),
    self_due=CUTI_BERSAMA,
    peer_due=CUTI_BERSAMA,
    review_due=date(2027, 3, 15),
    objection_days=5,
    status=PeriodStatus.OPEN,
)


def person(id: int, name: str, tz: str, supervisor: int | None, mute: Mute = Mute.ALL) -> Person:
    return Person(
        id,
        f"19800101200001{id:04d}",
        name,
        {WIB: 1, WITA: 2, WIT: 3}[tz],
        tz,
        supervisor,
        5000 + id,
        mute,
    )


PEOPLE = {
    p.id: p
    for p in (
        person(1, "Kepala", WIB, None),  # pejabat penilai of 2, 3, 10, 20; atasan of their teams
        person(2, "Ani", WIB, 1),
        person(3, "Budi", WIB, 1),
        person(10, "Penilai WITA", WITA, 1),
        person(11, "Dedi", WITA, 10),
        person(12, "Hana", WITA, 10),
        person(13, "Gita", WITA, 10),
        person(20, "Penilai WIT", WIT, 1),
        person(21, "Eka", WIT, 20, Mute.OFF),
        person(22, "Fajar", WIT, 20),
        person(23, "Citra", WITA, 20, Mute.DEADLINES),  # a WITA employee of a WIT penilai
    )
}


def utc(year: int, month: int, day: int, hour: int) -> datetime:
    return datetime(year, month, day, hour, tzinfo=UTC)
