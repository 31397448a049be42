"""The SKM use cases on the in-memory fakes: opening and cancelling the survey, the daily limit
at submit, the clean-up, finding a service, who records a population, the paper import twice.

Whatever reads report figures (every completed survey thanks with the service's IKM, reports,
RTL) runs on SQLite and PostgreSQL instead: ``tests/integration/test_skm_use_cases.py``.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from domain.actors import Actor
from domain.engine.questionnaire import Cancel, SessionStatus, Skip, Submit, Text
from domain.errors import InvalidValue, NotFound, PermissionDenied
from domain.skm.followup import POPULATION_FLOW, FollowUp
from domain.skm.ikm import UNSUR_CODES
from domain.skm.report_model import ScopeKind
from domain.skm.report_period import ReportPeriod
from domain.skm.survey import respondent_mark
from tests.support.clock import FixedClock
from tests.support.fakes.seeding import OPERATOR, load_demo
from tests.support.fakes.unit_of_work import FakeUnitOfWorkFactory
from tests.support.skm_world import CITIZEN, DUKCAPIL_ADMIN, HEAD_IDP, SECRET, SkmWorld

Q3 = ReportPeriod(date(2026, 7, 1), date(2026, 9, 30))


@pytest.fixture
async def world() -> SkmWorld:
    clock = FixedClock(datetime(2026, 8, 14, 3, 0, tzinfo=UTC))  # Friday 10.00 WIB, Q3
    factory = FakeUnitOfWorkFactory(clock)
    await load_demo(factory, clock)
    return SkmWorld(factory, clock)


# --- the survey -----------------------------------------------------------------------------


async def test_the_limit_is_checked_again_at_submit_inside_the_storing_transaction(
    world: SkmWorld,
) -> None:
    opened = await world.surveys.open(CITIZEN, "KTP-EL")
    assert opened.session.is_active
    # Meanwhile the same person finished the survey on another device.
    mark = respondent_mark(SECRET, CITIZEN.telegram_id, "KTP-EL", date(2026, 8, 14))
    async with world.factory() as uow:
        await uow.skm_marks.take(mark, day=date(2026, 8, 14), limit=1)
        await uow.commit()
    turn = await world.conversations.current(CITIZEN)
    assert turn is not None
    for _ in UNSUR_CODES:
        turn = await world.press(CITIZEN, turn, 2)
    for _ in range(5):
        turn = await world.send(CITIZEN, turn, Skip())
    refused = await world.send(CITIZEN, turn, Submit())
    assert [n.key for n in refused.outcome.notices] == ["error.rate_limited.skm_today"]
    assert world.factory.state.skm.responses == {}
    assert world.factory.state.sessions == {}


async def test_an_unknown_or_inactive_service_cannot_be_rated(world: SkmWorld) -> None:
    with pytest.raises(NotFound):
        await world.surveys.open(CITIZEN, "NOPE")
    with pytest.raises(NotFound):
        await world.surveys.open(CITIZEN, "IUMK")  # inactive in the demo


async def test_cancelling_with_the_button_or_batal_deletes_the_citizen_s_pending_survey(
    world: SkmWorld,
) -> None:
    turn = await world.surveys.open(CITIZEN, "KTP-EL")
    await world.press(CITIZEN, turn, 3)
    cancelled = await world.conversations.cancel_latest(CITIZEN)
    assert cancelled is not None
    assert world.factory.state.sessions == {}
    turn = await world.surveys.open(CITIZEN, "KTP-EL")
    await world.send(CITIZEN, turn, Cancel())
    assert world.factory.state.sessions == {}
    assert world.factory.state.skm.responses == {}


async def test_the_hourly_clean_up_forgets_surveys_left_half_way_for_a_day(world: SkmWorld) -> None:
    turn = await world.surveys.open(Actor(777, "id"), "KK")
    await world.press(Actor(777, "id"), turn, 2)
    world.clock.advance(hours=23)
    await world.surveys.open(CITIZEN, "KTP-EL")
    assert (await world.surveys.clean_up()).sessions == 0
    world.clock.advance(hours=2)
    assert (await world.surveys.clean_up()).sessions == 1
    owners = {row.owner_id for row in world.factory.state.sessions.values()}
    assert owners == {CITIZEN.telegram_id}  # touched 2 hours ago: kept


async def test_finding_a_service_lists_only_active_ones_and_says_when_there_are_more(
    world: SkmWorld,
) -> None:
    found = await world.surveys.find("akta")
    assert [s.code for s in found] == ["AKTA-LAHIR", "AKTA-MATI"]
    assert "IUMK" not in {s.code for s in await world.surveys.find("")}
    assert len(await world.surveys.find("", limit=3)) == 4  # one more: "refine your word"


# --- population, paper forms -----------------------------------------------------------------


async def test_only_an_admin_records_the_population_and_only_as_a_whole_number(
    world: SkmWorld,
) -> None:
    head = await world.staff(HEAD_IDP, 800)
    subject = FollowUp(ScopeKind.SERVICE, await world.service_id("KTP-EL"), Q3).subject
    with pytest.raises(PermissionDenied):
        await world.conversations.begin(head, POPULATION_FLOW, subject)
    await world.grant(DUKCAPIL_ADMIN, 901, "DISDUKCAPIL")
    admin = await world.directory.identify(901)
    turn = await world.conversations.begin(admin, POPULATION_FLOW, subject)
    refused = await world.conversations.handle(
        admin, Text("12,5"), session_id=turn.session.id, version=turn.session.version
    )
    assert refused is not None
    assert refused.error is not None
    assert refused.error.message_key == "error.invalid_answer.whole_number"


async def test_a_service_closed_while_someone_answers_is_refused_at_submit_and_can_be_cancelled(
    world: SkmWorld,
) -> None:
    turn = await world.surveys.open(CITIZEN, "KTP-EL")
    for _ in UNSUR_CODES:
        turn = await world.press(CITIZEN, turn, 3)
    for _ in range(5):
        turn = await world.send(CITIZEN, turn, Skip())
    ktp = await world.service_id("KTP-EL")
    world.factory.state.services[ktp].active = False
    refused = await world.send(CITIZEN, turn, Submit())
    assert [n.key for n in refused.outcome.notices] == ["skm.survey.service_closed"]
    assert refused.session.at_review  # not stuck: the review page with its Batal button
    assert world.factory.state.skm.marks == {}
    cancelled = await world.send(CITIZEN, refused, Cancel())
    assert cancelled.session.status is SessionStatus.CANCELLED
    assert world.factory.state.sessions == {}


async def test_the_same_paper_file_is_not_imported_twice_unless_forced(world: SkmWorld) -> None:
    good = b"service_code,date,u1,u2,u3,u4,u5,u6,u7,u8,u9\nKTP-EL,2026-08-01,4,4,4,4,4,4,4,4,4\n"
    first = await world.admin.import_paper(OPERATOR, good)
    with pytest.raises(InvalidValue) as caught:
        await world.admin.import_paper(OPERATOR, good)
    assert caught.value.message_key == "error.invalid_value.skm_already_imported"
    assert caught.value.params["imported_at"] == world.clock.now()
    with pytest.raises(InvalidValue):
        await world.admin.import_paper(OPERATOR, good, dry_run=True)
    assert len(world.factory.state.skm.responses) == 1
    again = await world.admin.import_paper(OPERATOR, good, force=True)
    assert (again.rows, again.sha256) == (1, first.sha256)
    assert len(world.factory.state.skm.responses) == 2
    other = good.replace(b"2026-08-01", b"2026-08-02")
    await world.admin.import_paper(OPERATOR, other)  # another file is another import
    assert len(world.factory.state.skm.responses) == 3
    audit = [row for row in world.factory.state.audit if row.action == "import.skm"]
    assert [("forced_after" in row.details) for row in audit] == [False, True, False]


async def test_a_population_out_of_range_names_its_limits(world: SkmWorld) -> None:
    with pytest.raises(InvalidValue) as caught:
        await world.admin.record_population(OPERATOR, "KTP-EL", unit=False, period=Q3, population=0)
    assert caught.value.message_key == "error.invalid_value.population_out_of_range"
    assert (caught.value.params["min"], caught.value.params["max"]) == (1, 100_000_000)
