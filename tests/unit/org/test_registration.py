"""Who is talking, and binding a Telegram account to an employee with a registration code:
issuing (stored only hashed), redeeming (deep link or /daftar), lockout after wrong codes."""

from __future__ import annotations

from datetime import timedelta

import pytest

from domain.actors import Actor, Role
from domain.engine.conversations import Conversations, Turn
from domain.engine.questionnaire import SessionStatus, Text
from domain.errors import (
    InvalidNip,
    InvalidValue,
    NotFound,
    PermissionDenied,
    RegistrationRefused,
)
from domain.org.directory import Directory
from domain.org.identity import CODE_ALPHABET, LOCKOUT, MAX_FAILED_ATTEMPTS, format_code
from domain.org.identity import hash_code as keyed_hash
from domain.org.registration import REGISTRATION, IssuedCode, Registration, RegistrationFlow
from tests.support.clock import FixedClock
from tests.support.fakes.seeding import bind_account, load_demo
from tests.support.fakes.state import SessionRow
from tests.support.fakes.unit_of_work import FakeUnitOfWorkFactory

OPERATOR = Actor.operator()  # the command line: every administrative right

SECRET = "tk-test-3b1f7c9e2a4d6f8b0c2e4a6c8e0f2a4b"
TTL = timedelta(days=7)
SEKDA = "196711101992031001"  # Sekretaris Daerah, top of the supervisor tree
KABAG = "197807222003122001"  # Kepala Bagian Umum, Rudi's supervisor
RUDI = "199001052014031002"  # Pengadministrasi Umum, nobody reports to him
RUDI_PRINTED = "19900105 201403 1 002"
WRONG_CODE = "ABCDEFGHJK"  # looks like a code; no such code was issued
PHONE, SECOND_PHONE = 5001, 5002


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock()


@pytest.fixture
async def fake(clock: FixedClock) -> FakeUnitOfWorkFactory:
    factory = FakeUnitOfWorkFactory(clock)
    await load_demo(factory, clock)
    return factory


@pytest.fixture
def registration(fake: FakeUnitOfWorkFactory, clock: FixedClock) -> Registration:
    return Registration(fake, clock, SECRET)


@pytest.fixture
def directory(fake: FakeUnitOfWorkFactory) -> Directory:
    return Directory(fake)


@pytest.fixture
def conversations(fake: FakeUnitOfWorkFactory, clock: FixedClock) -> Conversations:
    return Conversations(fake, clock, {"registration": RegistrationFlow(SECRET, clock)})


def person(telegram_id: int) -> Actor:
    """Whoever writes from this Telegram account (registered or not: the code decides)."""
    return Actor(telegram_id, "id")


async def code_for(registration: Registration, nip: str = RUDI) -> str:
    (issued,) = (await registration.issue_codes(OPERATOR, ttl=TTL, nip=nip)).codes
    return issued.code


async def refused(
    registration: Registration, code: str, *, telegram_id: int = PHONE, nip: str | None = None
) -> RegistrationRefused:
    with pytest.raises(RegistrationRefused) as caught:
        await registration.redeem(person(telegram_id), code, nip=nip)
    return caught.value


def bound_to(fake: FakeUnitOfWorkFactory, telegram_id: int) -> str | None:
    found = [row.nip for row in fake.state.employees.values() if row.telegram_id == telegram_id]
    assert len(found) <= 1
    return found[0] if found else None


def failed_attempts(fake: FakeUnitOfWorkFactory, telegram_id: int = PHONE) -> int:
    account = fake.state.accounts.get(telegram_id)
    return account.failed_attempts if account else 0


# --- who is talking -------------------------------------------------------------------------


async def test_an_unknown_account_is_a_citizen_speaking_indonesian(directory):
    actor = await directory.identify(PHONE)
    assert (actor.member, actor.language, actor.roles) == (None, "id", {Role.CITIZEN})


async def test_a_bound_supervisor_is_an_employee_and_supervisor_in_the_units_time_zone(
    directory, registration
):
    await registration.redeem(person(PHONE), await code_for(registration, KABAG))
    actor = await directory.identify(PHONE)
    assert actor.member is not None
    assert actor.member.nip == KABAG
    assert actor.roles == {Role.EMPLOYEE, Role.SUPERVISOR, Role.UNIT_HEAD}  # heads her bagian
    assert actor.timezone == "Asia/Jakarta"  # inherited from PEMKOT


async def test_an_employee_without_reports_is_not_a_supervisor(directory, fake):
    bind_account(fake, RUDI, PHONE)
    assert (await directory.identify(PHONE)).roles == {Role.EMPLOYEE}


async def test_an_admin_has_the_admin_role(directory, fake):
    bind_account(fake, RUDI, PHONE)
    employee = next(row for row in fake.state.employees.values() if row.nip == RUDI)
    employee.is_admin = True
    everything = {Role.EMPLOYEE, Role.ADMIN, Role.ORG_ADMIN}
    assert (await directory.identify(PHONE)).roles == everything
    employee.admin_unit_id = employee.unit_id  # an admin of one unit: not of the organisation
    assert (await directory.identify(PHONE)).roles == {Role.EMPLOYEE, Role.ADMIN}


async def test_a_chosen_language_is_remembered(directory, fake):
    await directory.set_language(PHONE, "en")
    assert (await directory.identify(PHONE)).language == "en"
    assert fake.state.accounts[PHONE].language == "en"


async def test_an_unsupported_language_is_refused(directory, fake):
    with pytest.raises(InvalidValue) as caught:
        await directory.set_language(PHONE, "fr")
    assert caught.value.params == {"field": "language"}
    assert PHONE not in fake.state.accounts


async def test_the_organisation_is_named_after_its_single_root_unit(directory):
    assert await directory.organisation_name() == "Pemerintah Kota Sukamaju"


async def test_an_empty_organisation_has_no_name(clock):
    assert await Directory(FakeUnitOfWorkFactory(clock)).organisation_name() is None


# --- issuing codes --------------------------------------------------------------------------


async def test_a_code_is_stored_only_as_its_keyed_hash(registration, fake):
    issued = (await registration.issue_codes(OPERATOR, ttl=TTL, nip=RUDI)).codes
    (code,) = [item.code for item in issued]
    assert len(code) == 10
    assert set(code) <= set(CODE_ALPHABET)
    everything = repr(fake.state)
    for shown in (code, code.lower(), format_code(code)):
        assert shown not in everything
    (row,) = fake.state.codes.values()
    assert row.code_hash == keyed_hash(code, SECRET)
    assert row.code_hash != keyed_hash(code, "another secret")


async def test_issued_codes_name_the_employee_and_expire_after_the_ttl(registration, clock):
    (issued,) = (await registration.issue_codes(OPERATOR, ttl=TTL, nip=RUDI)).codes
    assert issued == IssuedCode(RUDI, "Rudi Hartono", "SETDA-UMUM", issued.code, clock.now() + TTL)


async def test_codes_for_a_unit_go_to_each_of_its_employees(registration, fake):
    issued = (await registration.issue_codes(OPERATOR, ttl=TTL, unit_code="SETDA-UMUM")).codes
    assert sorted(item.nip for item in issued) == sorted([KABAG, RUDI])
    assert len({item.code for item in issued}) == 2
    assert len(fake.state.codes) == 2


async def test_codes_for_everyone_are_issued_and_audited(registration, fake):
    issued = (await registration.issue_codes(OPERATOR, ttl=TTL)).codes
    assert len(issued) == len(fake.state.employees) == 33
    last = fake.state.audit[-1]
    assert (last.action, last.subject, last.details) == ("codes.issue", "all", {"count": "33"})


@pytest.mark.parametrize(
    ("selection", "kind"),
    [({"unit_code": "NOPE"}, "unit"), ({"nip": "199001052014031009"}, "employee")],
)
async def test_codes_for_an_unknown_unit_or_nip_are_not_found(registration, fake, selection, kind):
    before = fake.snapshot()
    with pytest.raises(NotFound) as caught:
        await registration.issue_codes(OPERATOR, ttl=TTL, **selection)
    assert caught.value.reason == kind
    assert fake.state == before


async def test_a_new_code_stops_the_previous_unused_one(registration, fake):
    old = await code_for(registration)
    new = await code_for(registration)
    assert (await refused(registration, old)).reason == "expired"
    assert failed_attempts(fake) == 0  # an expired code is not a guess
    member = await registration.redeem(person(PHONE), new)
    assert member.nip == RUDI


# --- redeeming ------------------------------------------------------------------------------


async def test_the_right_code_binds_the_account_and_is_used_up(registration, fake, clock):
    code = await code_for(registration)
    member = await registration.redeem(person(PHONE), code)
    assert (member.nip, member.telegram_id) == (RUDI, PHONE)
    assert bound_to(fake, PHONE) == RUDI
    (row,) = fake.state.codes.values()
    assert (row.used_at, row.used_by) == (clock.now(), PHONE)
    assert fake.state.audit[-1].action == "account.bind"


@pytest.mark.parametrize(
    "shape",
    [
        lambda code: f"reg_{code}",
        lambda code: f"REG_{code}",
        lambda code: format_code(code).lower(),
        lambda code: f"  {code[:5]} {code[5:]}  ",
    ],
    ids=["deep link", "deep link upper case", "printed, lower case", "with spaces"],
)
async def test_a_code_is_accepted_as_a_deep_link_or_as_people_type_it(registration, fake, shape):
    code = await code_for(registration)
    await registration.redeem(person(PHONE), shape(code))
    assert bound_to(fake, PHONE) == RUDI


async def test_a_used_code_cannot_be_used_again(registration):
    code = await code_for(registration)
    await registration.redeem(person(PHONE), code)
    assert (await refused(registration, code, telegram_id=SECOND_PHONE)).reason == "used"


async def test_opening_ones_own_link_again_says_the_account_is_linked_as_daftar_does(
    registration, fake
):
    code = await code_for(registration)
    await registration.redeem(person(PHONE), code)
    with pytest.raises(PermissionDenied) as caught:
        await registration.redeem(person(PHONE), code)
    assert (caught.value.reason, caught.value.params) == (
        "already_registered",
        {"nip": RUDI, "name": "Rudi Hartono"},
    )
    assert failed_attempts(fake) == 0


async def test_an_expired_code_is_refused(registration, clock, fake):
    code = await code_for(registration)
    clock.advance(days=7)
    assert (await refused(registration, code)).reason == "expired"
    assert bound_to(fake, PHONE) is None


async def test_a_code_works_until_just_before_it_expires(registration, clock):
    code = await code_for(registration)
    clock.advance(days=7, microseconds=-1)
    assert (await registration.redeem(person(PHONE), code)).nip == RUDI


@pytest.mark.parametrize("typed", [WRONG_CODE, "hello", "", "reg_", "ABCDEFGHJ0"])
async def test_a_wrong_code_is_refused_and_counted_although_the_redeem_raised(
    registration, fake, typed
):
    await code_for(registration)
    error = await refused(registration, typed)
    assert (error.reason, error.params) == ("unknown", {"attempts_left": 4})
    assert failed_attempts(fake) == 1
    assert bound_to(fake, PHONE) is None


async def test_the_right_code_with_another_employees_nip_is_refused(registration, fake):
    code = await code_for(registration, RUDI)
    assert (await refused(registration, code, nip=KABAG)).reason == "unknown"
    assert failed_attempts(fake) == 1
    assert (await registration.redeem(person(PHONE), code, nip=RUDI)).nip == RUDI


async def test_five_wrong_codes_lock_the_account_for_an_hour(registration, fake, clock):
    code = await code_for(registration)
    for attempt in range(1, MAX_FAILED_ATTEMPTS):
        error = await refused(registration, WRONG_CODE)
        assert error.params == {"attempts_left": MAX_FAILED_ATTEMPTS - attempt}
    locked = await refused(registration, WRONG_CODE)
    until = clock.now() + LOCKOUT
    assert (locked.reason, locked.params) == ("locked", {"until": until})
    assert fake.state.accounts[PHONE].locked_until == until

    assert (await refused(registration, code)).reason == "locked"  # even the right code
    clock.advance(minutes=59, seconds=59)
    assert (await refused(registration, code)).reason == "locked"
    clock.advance(seconds=1)
    assert (await registration.redeem(person(PHONE), code)).nip == RUDI
    account = fake.state.accounts[PHONE]
    assert (account.failed_attempts, account.locked_until) == (0, None)


async def test_a_lockout_is_per_account(registration):
    code = await code_for(registration)
    for _ in range(MAX_FAILED_ATTEMPTS):
        await refused(registration, WRONG_CODE)
    assert (await registration.redeem(person(SECOND_PHONE), code)).telegram_id == SECOND_PHONE


async def test_after_a_lockout_ends_the_person_has_five_attempts_again(registration, clock):
    for _ in range(MAX_FAILED_ATTEMPTS):
        await refused(registration, WRONG_CODE)
    clock.advance(hours=1)
    assert (await refused(registration, WRONG_CODE)).params == {"attempts_left": 4}


async def test_a_successful_redeem_forgets_earlier_wrong_attempts(registration, fake):
    code = await code_for(registration)
    await refused(registration, WRONG_CODE)
    await refused(registration, WRONG_CODE)
    await registration.redeem(person(PHONE), code)
    assert failed_attempts(fake) == 0


async def test_an_account_bound_to_another_employee_is_refused(registration, fake):
    await registration.redeem(person(PHONE), await code_for(registration, KABAG))
    code = await code_for(registration, RUDI)
    error = await refused(registration, code)
    assert error.reason == "already_bound"
    assert error.params == {"nip": KABAG, "name": "Sri Wahyuni, S.Sos."}
    assert bound_to(fake, PHONE) == KABAG
    assert (
        await registration.redeem(person(SECOND_PHONE), code)
    ).nip == RUDI  # the code still works


async def test_an_employee_may_bind_the_same_account_again_with_a_new_code(registration, fake):
    await registration.redeem(person(PHONE), await code_for(registration))
    await registration.redeem(person(PHONE), await code_for(registration))
    assert bound_to(fake, PHONE) == RUDI


async def test_binding_an_employee_to_a_new_account_unbinds_the_old_one(registration, fake):
    await registration.redeem(person(PHONE), await code_for(registration))
    await registration.redeem(person(SECOND_PHONE), await code_for(registration))
    assert bound_to(fake, SECOND_PHONE) == RUDI
    assert bound_to(fake, PHONE) is None


async def test_binding_an_account_removes_its_other_bindings(fake):
    async with fake() as uow:
        rudi, kabag = await uow.org.member_by_nip(RUDI), await uow.org.member_by_nip(KABAG)
        assert rudi is not None
        assert kabag is not None
        await uow.org.bind_telegram(rudi.id, PHONE)
        await uow.org.bind_telegram(kabag.id, PHONE)
        now_bound = await uow.org.member_by_telegram(PHONE)
        assert now_bound is not None
        assert now_bound.nip == KABAG
        assert await uow.org.member_by_nip(RUDI) == rudi  # unbound again
        await uow.org.bind_telegram(kabag.id, None)
        assert await uow.org.member_by_telegram(PHONE) is None


# --- /daftar --------------------------------------------------------------------------------


async def daftar(conversations: Conversations, *typed: str) -> Turn:
    actor = Actor(PHONE, "id")
    turn = await conversations.begin(actor, "registration", "self")
    for text in typed:
        handled = await conversations.handle(actor, Text(text), session_id=turn.session.id)
        assert handled is not None
        turn = handled
    return turn


def stored_session(fake: FakeUnitOfWorkFactory) -> SessionRow:
    (row,) = fake.state.sessions.values()
    return row


async def test_daftar_asks_for_the_nip_then_the_code(conversations):
    turn = await daftar(conversations)
    assert turn.questionnaire is REGISTRATION
    assert turn.session.cursor == "nip"
    turn = await daftar(conversations, RUDI_PRINTED)
    assert turn.error is None
    assert turn.session.cursor == "code"
    assert turn.session.answers == {"nip": RUDI_PRINTED}


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("12345", "not_18_digits"),
        ("199013052014031002", "birth_date"),
        ("199001052014033002", "sex"),
        ("199001052014031000", "sequence"),
    ],
)
async def test_a_malformed_nip_keeps_the_person_at_the_nip_step(conversations, fake, typed, reason):
    turn = await daftar(conversations, typed)
    assert isinstance(turn.error, InvalidNip)
    assert turn.error.reason == reason
    row = stored_session(fake)
    assert (row.cursor, row.answers, row.version) == ("nip", {}, 0)


async def test_a_wrong_code_keeps_the_person_at_the_code_step_and_is_never_stored(
    conversations, fake
):
    turn = await daftar(conversations, RUDI, WRONG_CODE)
    assert turn.error is None
    assert turn.outcome.rejected
    (notice,) = turn.outcome.notices
    assert (notice.key, notice.params) == ("error.registration.unknown", {"attempts_left": 4})
    assert turn.session.cursor == "code"
    row = stored_session(fake)
    assert (row.cursor, row.answers, row.status) == ("code", {"nip": RUDI}, "active")
    assert WRONG_CODE not in repr(fake.state)
    assert failed_attempts(fake) == 1


async def test_the_right_code_registers_welcomes_and_leaves_no_code_behind(
    conversations, registration, fake
):
    code = await code_for(registration)
    turn = await daftar(conversations, RUDI_PRINTED, format_code(code))
    assert turn.error is None
    assert not turn.outcome.rejected
    assert turn.outcome.show_menu
    (notice,) = turn.outcome.notices
    assert (notice.key, notice.params) == ("registration.welcome", {"name": "Rudi Hartono"})
    assert turn.session.status is SessionStatus.SUBMITTED
    row = stored_session(fake)
    assert (row.status, row.answers) == ("submitted", {})
    assert bound_to(fake, PHONE) == RUDI
    everything = repr(fake.state)
    assert code not in everything
    assert format_code(code) not in everything


async def test_the_right_code_after_another_employees_nip_is_refused(
    conversations, registration, fake
):
    code = await code_for(registration, RUDI)
    turn = await daftar(conversations, KABAG, code)
    assert turn.outcome.rejected
    assert turn.outcome.notices[0].key == "error.registration.unknown"
    assert bound_to(fake, PHONE) is None
    assert code not in repr(fake.state)


async def test_daftar_tells_a_locked_person_when_to_come_back(conversations, fake, clock):
    turn = await daftar(conversations, RUDI)
    for _ in range(MAX_FAILED_ATTEMPTS):
        turn = await daftar(conversations, WRONG_CODE)
    locked, ended = turn.outcome.notices
    assert (locked.key, locked.params) == (
        "error.registration.locked",
        {"until": clock.now() + LOCKOUT},
    )
    assert ended.key == "engine.cancelled"
    assert turn.session.status is SessionStatus.CANCELLED  # no more asking for the code
    assert stored_session(fake).status == "cancelled"


async def test_daftar_does_not_open_while_the_account_is_locked(conversations, fake, clock):
    await daftar(conversations, RUDI)
    for _ in range(MAX_FAILED_ATTEMPTS):
        await daftar(conversations, WRONG_CODE)
    with pytest.raises(RegistrationRefused) as caught:
        await conversations.begin(person(PHONE), "registration", "self", restart=True)
    assert caught.value.params == {"until": clock.now() + LOCKOUT}


async def test_codes_for_a_unit_include_its_sub_units_and_skip_registered_employees(
    registration, fake
):
    first = await registration.issue_codes(OPERATOR, ttl=TTL, unit_code="SETDA")
    assert {item.unit_code for item in first.codes} == {"SETDA", "SETDA-UMUM", "SETDA-ORG"}
    assert first.skipped == 0
    rudi = next(e for e in fake.state.employees.values() if e.nip == RUDI)
    bind_account(fake, rudi.nip, 4242)
    again = await registration.issue_codes(OPERATOR, ttl=TTL, unit_code="SETDA")
    assert RUDI not in {item.nip for item in again.codes}
    assert again.skipped == 1
    everyone = await registration.issue_codes(
        OPERATOR, ttl=TTL, unit_code="SETDA", include_registered=True
    )
    assert RUDI in {item.nip for item in everyone.codes}
    (one,) = (
        await registration.issue_codes(OPERATOR, ttl=TTL, nip=RUDI)
    ).codes  # one person: always
    assert one.nip == RUDI
