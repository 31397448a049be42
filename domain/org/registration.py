"""Binding a Telegram account to an employee: registration codes issued by admins (for the
people their grant covers) and redeemed in chat by the person (``/daftar``, or a deep link)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import NoReturn

from domain.actors import Actor, StaffMember
from domain.audit import AuditEntry
from domain.clock import Clock
from domain.engine.flow import Change, Flow, Outcome
from domain.engine.questionnaire import Questionnaire, Step, StepKind
from domain.engine.subjects import NoSubject, Subjects
from domain.errors import NotFound, PermissionDenied, RegistrationRefused
from domain.messages import Notice
from domain.org.access import is_admin, is_org_admin, require_administers, require_person
from domain.org.identity import ChatAccount, hash_code, looks_like_code, new_code
from domain.org.nip import Nip
from domain.org.ports import OrgUnitOfWork
from domain.org.units import subtree_ids
from domain.unit_of_work import UnitOfWorkFactory


@dataclass(frozen=True, slots=True)
class IssuedCode:
    nip: str
    name: str
    unit_code: str
    code: str
    expires_at: datetime


@dataclass(frozen=True, slots=True)
class IssuedCodes:
    codes: list[IssuedCode]
    skipped: int  # already registered, left out


class Registration:
    """Registration codes: issued by admins (CLI), redeemed in chat."""

    def __init__(self, uow: UnitOfWorkFactory[OrgUnitOfWork], clock: Clock, secret: str) -> None:
        self._uow = uow
        self._clock = clock
        self._secret = secret

    async def issue_codes(
        self,
        actor: Actor,
        *,
        ttl: timedelta,
        unit_code: str | None = None,
        nip: str | None = None,
        include_registered: bool = False,
    ) -> IssuedCodes:
        """One fresh code per selected employee (one NIP, a unit with its sub-units, or
        everyone); their earlier unused codes stop working.

        For a unit or everyone, employees whose account is already bound are skipped unless
        ``include_registered``: a leaked code file must not let anyone move their accounts.
        An admin issues codes for the people their grant covers.
        """
        if not is_admin(actor):
            raise PermissionDenied("not_admin")
        now = self._clock.now()
        async with self._uow() as uow:
            selected = await _select_members(uow, actor, unit_code=unit_code, nip=nip)
            keep_bound = include_registered or nip is not None
            members = [m for m in selected if keep_bound or m.telegram_id is None]
            issued = []
            for member in members:
                code = new_code()
                await uow.registration.add_code(
                    employee_id=member.id,
                    code_hash=hash_code(code, self._secret),
                    expires_at=now + ttl,
                    now=now,
                )
                issued.append(
                    IssuedCode(member.nip, member.name, member.unit_code, code, now + ttl)
                )
            await uow.audit.record(
                AuditEntry(
                    now,
                    actor.audit_name,
                    "codes.issue",
                    unit_code or nip or "all",
                    {"count": str(len(issued))},
                )
            )
            await uow.commit()
            return IssuedCodes(issued, skipped=len(selected) - len(members))

    async def redeem(self, actor: Actor, code: str, *, nip: str | None = None) -> StaffMember:
        """Bind ``actor``'s account with ``code`` (from a deep link, or typed after the NIP).

        A refusal that counts as a wrong attempt is committed before it is raised, so the
        lockout cannot be dodged by a rollback.
        """
        require_person(actor)
        telegram_id = actor.telegram_id
        async with self._uow() as uow:
            try:
                member = await redeem_code(
                    uow,
                    secret=self._secret,
                    telegram_id=telegram_id,
                    code=code,
                    nip=nip,
                    now=self._clock.now(),
                )
            except RegistrationRefused:
                await uow.commit()  # keeps the failed-attempt count; nothing else was written
                raise
            await uow.commit()
            return member


async def _select_members(
    uow: OrgUnitOfWork, actor: Actor, *, unit_code: str | None, nip: str | None
) -> list[StaffMember]:
    """The employees codes are asked for, if ``actor``'s grant covers them."""
    if nip is not None:
        member = await uow.org.member_by_nip(nip)
        if member is None:
            raise NotFound("employee", ref=nip)
        require_administers(actor, await uow.org.unit_path(member.unit_id))
        return [member]
    if unit_code is None:
        if not is_org_admin(actor):
            raise PermissionDenied("not_admin")
        return await uow.org.members()
    unit = await uow.org.unit_by_code(unit_code)
    if unit is None:
        raise NotFound("unit", ref=unit_code)
    require_administers(actor, await uow.org.unit_path(unit.id))
    return await uow.org.members(list(subtree_ids(await uow.org.units(), unit.id)))


async def redeem_code(
    uow: OrgUnitOfWork,
    *,
    secret: str,
    telegram_id: int,
    code: str,
    nip: str | None,
    now: datetime,
) -> StaffMember:
    """The rules of binding, inside the caller's transaction. Wrong codes count towards the
    lockout (the count is saved before raising; the caller commits it)."""
    account = await uow.accounts.get(telegram_id)
    account.check_not_locked(now)
    found = (
        await uow.registration.code_by_hash(hash_code(code, secret))
        if looks_like_code(code)
        else None
    )
    member = await uow.org.member(found.employee_id) if found else None
    if found is None or member is None or (nip is not None and member.nip != nip):
        await _count_failure(uow, account, now)
    bound = await uow.org.member_by_telegram(telegram_id)
    try:
        found.check_usable(now)
    except RegistrationRefused:
        if bound is not None and bound.id == member.id:  # their own link, opened again
            raise PermissionDenied("already_registered", nip=bound.nip, name=bound.name) from None
        raise
    if bound is not None and bound.id != member.id:
        raise RegistrationRefused("already_bound", nip=bound.nip, name=bound.name)
    # Use the code first: if another account just used it, this refusal comes before any
    # binding is written (the caller may commit to keep the failed-attempt count).
    await uow.registration.mark_used(found.id, now=now, telegram_id=telegram_id)
    await uow.org.bind_telegram(member.id, telegram_id)
    await uow.accounts.save(account.after_success())
    await uow.audit.record(AuditEntry(now, member.nip, "account.bind", f"employee:{member.id}", {}))
    return replace(member, telegram_id=telegram_id)


async def _count_failure(uow: OrgUnitOfWork, account: ChatAccount, now: datetime) -> NoReturn:
    after = account.after_failure(now)
    await uow.accounts.save(after)
    if after.locked_until is not None:
        raise RegistrationRefused("locked", until=after.locked_until)
    raise RegistrationRefused("unknown", attempts_left=after.attempts_left)


class RegistrationFlow(Flow[OrgUnitOfWork, NoSubject]):
    """``/daftar``: type your NIP, then the code from your admin."""

    questionnaire_id = "registration"
    subjects = Subjects(NoSubject, "self")

    def __init__(self, secret: str, clock: Clock) -> None:
        self._secret = secret
        self._clock = clock

    async def can_start(self, uow: OrgUnitOfWork, subject: NoSubject, actor: Actor) -> None:
        if actor.member is not None:  # registering is for someone not yet registered
            member = actor.member
            raise PermissionDenied("already_registered", nip=member.nip, name=member.name)
        # A locked account is told when to come back, not asked for a code it cannot use.
        (await uow.accounts.get(actor.telegram_id)).check_not_locked(self._clock.now())

    async def questionnaire(
        self, uow: OrgUnitOfWork, subject: NoSubject, actor: Actor
    ) -> Questionnaire:
        return REGISTRATION

    async def on_answer(self, uow: OrgUnitOfWork, change: Change[NoSubject]) -> Outcome:
        """A mistyped NIP is refused at once, before the code is asked for."""
        if change.before.cursor == "nip" and change.after.cursor == "code":
            Nip.parse(change.answers["nip"] or "", today=change.now.date())
        return Outcome()

    async def on_submit(self, uow: OrgUnitOfWork, change: Change[NoSubject]) -> Outcome:
        now = change.now
        nip = str(Nip.parse(change.answers["nip"] or "", today=now.date()))
        try:
            member = await redeem_code(
                uow,
                secret=self._secret,
                telegram_id=change.actor.telegram_id,
                code=change.answers["code"] or "",
                nip=nip,
                now=now,
            )
        except RegistrationRefused as refused:
            # The fifth wrong code locks the account: the form ends, saying until when.
            ends = refused.reason == "locked"
            notice = Notice(refused.message_key, refused.params)
            return Outcome((notice,), rejected=not ends, ends=ends)
        return Outcome((Notice("registration.welcome", {"name": member.name}),), show_menu=True)


REGISTRATION = Questionnaire(
    id="registration",
    title="registration.title",
    review=False,
    steps=(
        Step("nip", StepKind.TEXT, "registration.ask_nip", max_length=40),
        Step("code", StepKind.TEXT, "registration.ask_code", max_length=40),
    ),
)
