"""Who is this, and what language do they read: the person behind an update, resolved from
their Telegram account."""

from __future__ import annotations

from dataclasses import replace

from domain.actors import Actor
from domain.errors import InvalidValue
from domain.org.ports import OrgUnitOfWork
from domain.org.units import headed_unit
from domain.unit_of_work import UnitOfWorkFactory

LANGUAGES = ("id", "en")


class Directory:
    """Resolves the person behind an update and keeps their language."""

    def __init__(self, uow: UnitOfWorkFactory[OrgUnitOfWork]) -> None:
        self._uow = uow

    async def identify(self, telegram_id: int) -> Actor:
        """The person behind an update. Writing to the bot again after blocking it makes them
        reachable again (the outbox marked them when Telegram answered ``Forbidden``)."""
        async with self._uow(readonly=True) as uow:
            blocked = (await uow.accounts.get(telegram_id)).blocked_at is not None
            actor = await actor_of(uow, telegram_id)
        if blocked:
            async with self._uow() as uow:
                account = await uow.accounts.get(telegram_id)
                await uow.accounts.save(replace(account, blocked_at=None))
                await uow.commit()
        return actor

    async def organisation_name(self) -> str | None:
        """The name of the root unit (the Pemda), for greetings."""
        async with self._uow(readonly=True) as uow:
            roots = [unit for unit in await uow.org.units() if unit.parent_id is None]
            return roots[0].name if len(roots) == 1 else None

    async def set_language(self, telegram_id: int, language: str) -> None:
        if language not in LANGUAGES:
            raise InvalidValue("language", field="language")
        async with self._uow() as uow:
            account = await uow.accounts.get(telegram_id)
            await uow.accounts.save(replace(account, language=language))
            await uow.commit()


async def actor_of(uow: OrgUnitOfWork, telegram_id: int) -> Actor:
    account, staff = await uow.accounts.get_with_staff(telegram_id)
    member = await uow.org.member_by_telegram(telegram_id) if staff else None
    if member is None:
        return Actor(telegram_id, account.language or "id")
    actor = Actor(
        telegram_id,
        account.language or "id",
        member,
        has_subordinates=await uow.org.has_subordinates(member.id),
        timezone=await uow.org.effective_timezone(member.unit_id),
    )
    if not actor.has_subordinates:
        return actor
    return replace(actor, heads_unit=await headed_unit(uow.org, actor) is not None)
