"""The registration codes' contract (``RegistrationRepository``), on the fakes, SQLite and
PostgreSQL."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from domain.errors import RegistrationRefused

RUDI = "199001052014031002"
DAY = timedelta(days=1)


async def rudi(factory) -> int:
    async with factory(readonly=True) as uow:
        return (await uow.org.member_by_nip(RUDI)).id


async def test_a_code_is_found_by_its_hash_and_used_once(demo, clock):
    employee, now = await rudi(demo), clock.now()
    async with demo() as uow:
        await uow.registration.add_code(
            employee_id=employee, code_hash="a" * 64, expires_at=now + DAY, now=now
        )
        code = await uow.registration.code_by_hash("a" * 64)
        assert (code.employee_id, code.expires_at, code.used_at) == (employee, now + DAY, None)
        assert await uow.registration.code_by_hash("b" * 64) is None
        await uow.registration.mark_used(code.id, now=now, telegram_id=42)
        assert (await uow.registration.code_by_hash("a" * 64)).used_at == now
        with pytest.raises(RegistrationRefused) as refused:
            await uow.registration.mark_used(code.id, now=now, telegram_id=43)
        assert refused.value.reason == "used"
        with pytest.raises(RegistrationRefused):
            await uow.registration.mark_used(code.id + 1000, now=now, telegram_id=43)


async def test_a_new_code_makes_the_employee_s_earlier_unused_ones_expire(demo, clock):
    employee, now = await rudi(demo), clock.now()
    async with demo() as uow:
        for letter in "abc":
            await uow.registration.add_code(
                employee_id=employee, code_hash=letter * 64, expires_at=now + DAY, now=now
            )
            if letter == "a":
                used = await uow.registration.code_by_hash("a" * 64)
                await uow.registration.mark_used(used.id, now=now, telegram_id=42)
        later = now + timedelta(hours=1)
        await uow.registration.add_code(
            employee_id=employee, code_hash="d" * 64, expires_at=later + DAY, now=later
        )
        expiries = [
            (await uow.registration.code_by_hash(letter * 64)).expires_at for letter in "abcd"
        ]
    # "a" was used (it keeps its expiry); "b" had already expired when "c" came; "c" ends now.
    assert expiries == [now + DAY, now, later, later + DAY]


async def test_of_two_accounts_using_one_code_at_once_one_wins(demo, clock):
    employee, now = await rudi(demo), clock.now()
    async with demo() as uow:
        await uow.registration.add_code(
            employee_id=employee, code_hash="a" * 64, expires_at=now + DAY, now=now
        )
        await uow.commit()
    used, release = asyncio.Event(), asyncio.Event()

    async def use(telegram_id: int, *, hold: bool) -> None:
        async with demo() as uow:
            code = await uow.registration.code_by_hash("a" * 64)
            await uow.registration.mark_used(code.id, now=now, telegram_id=telegram_id)
            if hold:
                used.set()
                await release.wait()
            await uow.commit()

    first = asyncio.create_task(use(1, hold=True))
    await used.wait()
    second = asyncio.create_task(use(2, hold=False))
    await asyncio.sleep(0.3)
    assert not second.done()  # waiting for the first
    release.set()
    await first
    with pytest.raises(RegistrationRefused):
        await second
