"""One registration code redeemed by two accounts at the same moment binds exactly one."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from pathlib import Path

import pytest

from domain.actors import Actor
from domain.errors import RegistrationRefused
from domain.org.admin import OrgAdministration
from domain.org.registration import Registration, redeem_code
from tests.conftest import SECRET

OPERATOR = Actor.operator()  # the command line: every administrative right

DEMO = Path(__file__).resolve().parents[2] / "bot" / "demo"
RUDI = "199001052014031002"


async def test_a_code_redeemed_twice_at_once_binds_one_account(uow, clock):
    org = OrgAdministration(uow, clock)
    await org.import_units(OPERATOR, (DEMO / "units.csv").read_bytes())
    await org.import_employees(OPERATOR, (DEMO / "employees.csv").read_bytes())
    issued = await Registration(uow, clock, SECRET).issue_codes(
        OPERATOR, ttl=timedelta(days=1), nip=RUDI
    )
    code = issued.codes[0].code

    first = uow()
    tx1 = await first.__aenter__()
    await redeem_code(tx1, secret=SECRET, telegram_id=1, code=code, nip=None, now=clock.now())

    async def second_account() -> None:
        async with uow() as tx2:
            await redeem_code(
                tx2, secret=SECRET, telegram_id=2, code=code, nip=None, now=clock.now()
            )
            await tx2.commit()

    racing = asyncio.create_task(second_account())
    await asyncio.sleep(0.3)
    await first.commit()
    await first.__aexit__(None, None, None)
    with pytest.raises(RegistrationRefused) as refused:
        await racing
    assert refused.value.reason == "used"

    async with uow(readonly=True) as tx:
        rudi = await tx.org.member_by_nip(RUDI)
        assert rudi is not None
        assert rudi.telegram_id == 1
        assert await tx.org.member_by_telegram(2) is None
