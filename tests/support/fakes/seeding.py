"""Test set-up: the demo organisation, a small organisation, bound accounts."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from domain.actors import Actor
from domain.clock import Clock
from domain.org.admin import OrgAdministration
from domain.org.structure import Employee, PublicService, Unit
from domain.unit_of_work import UnitOfWorkFactory
from tests.support.fakes.unit_of_work import FakeUnitOfWorkFactory

OPERATOR = Actor.operator()  # the command line: every administrative right

DEMO = Path(__file__).resolve().parents[3] / "bot" / "demo"


def demo_csv(kind: str) -> bytes:
    """``units``, ``employees`` or ``services`` of the demo organisation in ``bot/demo``."""
    return (DEMO / f"{kind}.csv").read_bytes()


async def load_demo(factory: UnitOfWorkFactory, clock: Clock) -> None:
    """The demo organisation (18 units, 33 employees, 9 services), imported the admin's way."""
    admin = OrgAdministration(factory, clock)
    await admin.import_units(OPERATOR, demo_csv("units"))
    await admin.import_employees(OPERATOR, demo_csv("employees"))
    await admin.import_services(OPERATOR, demo_csv("services"))


async def seed(
    factory: FakeUnitOfWorkFactory,
    *,
    units: Sequence[Unit] = (),
    employees: Sequence[Employee] = (),
    services: Sequence[PublicService] = (),
) -> None:
    """A small organisation written straight through the repository (no CSV validation)."""
    async with factory() as uow:
        await uow.org.save_units(units)
        await uow.org.save_employees(employees)
        await uow.org.save_services(services)
        await uow.commit()


async def demo_world(
    clock: Clock,
    *,
    telegram: Mapping[str, int],
    admins: Mapping[str, str | None] | None = None,
) -> FakeUnitOfWorkFactory:
    """The demo organisation in a fake database, with these employees' Telegram accounts bound
    (NIP -> Telegram id) and these admins granted (NIP -> unit code, or None for everything)."""
    fake = FakeUnitOfWorkFactory(clock)
    await populate_demo(fake, clock, telegram=telegram, admins=admins)
    return fake


async def populate_demo(
    factory: UnitOfWorkFactory,
    clock: Clock,
    *,
    telegram: Mapping[str, int],
    admins: Mapping[str, str | None] | None = None,
) -> None:
    """:func:`demo_world` in any store (the fakes or a real database)."""
    await load_demo(factory, clock)
    async with factory() as uow:
        for nip, telegram_id in telegram.items():
            member = await uow.org.member_by_nip(nip)
            await uow.org.bind_telegram(member.id, telegram_id)
        await uow.commit()
    org = OrgAdministration(factory, clock)
    for nip, unit in (admins or {}).items():
        await org.grant_admin(OPERATOR, nip, unit)


def bind_account(factory: FakeUnitOfWorkFactory, nip: str, telegram_id: int) -> None:
    """Bind an employee's Telegram account straight in the committed state (test set-up
    without issuing and redeeming a code); like ``bind_telegram``, other bindings go."""
    for row in factory.state.employees.values():
        if row.telegram_id == telegram_id:
            row.telegram_id = None
    row = next(r for r in factory.state.employees.values() if r.nip == nip)
    row.telegram_id = telegram_id
