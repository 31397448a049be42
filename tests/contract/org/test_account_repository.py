"""The chat accounts' contract (``AccountRepository``), on the fakes, SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

from domain.org.identity import ChatAccount


async def test_an_unknown_account_is_a_fresh_default_one_until_saved(factory, clock):
    locked = clock.now() + timedelta(hours=1)
    async with factory() as uow:
        assert await uow.accounts.get(7) == ChatAccount(7)
        await uow.accounts.save(ChatAccount(7, "en", 3, locked))
        assert await uow.accounts.get(7) == ChatAccount(7, "en", 3, locked)
        await uow.commit()
    async with factory() as uow:
        await uow.accounts.save(ChatAccount(7, "id"))
        await uow.commit()
    async with factory(readonly=True) as uow:
        assert await uow.accounts.get(7) == ChatAccount(7, "id")
        assert await uow.accounts.get(8) == ChatAccount(8)
