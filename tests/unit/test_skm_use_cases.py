"""The SKM use cases on the in-memory fakes: the citizen survey (limits, privacy, forwarding),
reports with their permissions, population and RTL, paper import."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from domain.errors import ImportRejected, NotFound, PermissionDenied, RateLimited
from domain.identity import Actor
from domain.questionnaire import Cancel, Input, Press, SessionStatus, Skip, Submit, Text
from domain.services.conversation import Conversations, Turn
from domain.services.identity import Directory
from domain.services.skm_admin import SkmAdministration
from domain.services.skm_followup import (
    POPULATION_FLOW,
    RTL_FLOW,
    FollowUp,
    PopulationFlow,
    RtlFlow,
)
from domain.services.skm_reports import SkmReports
from domain.services.skm_survey import SkmSurveys, SurveyFlow, SurveyPolicy
from domain.skm import UNSUR_CODES
from domain.skm_report import Grouping, Period, ScopeKind
from domain.skm_survey import QUESTIONNAIRE_ID, respondent_mark
from tests.fakes import FakeUnitOfWorkFactory, bind_account, load_demo
from tests.support.clock import FixedClock

SECRET = "tk-4f9c2e7a1b8d3f6e0a5c9b2d7e4f1a8c3b6d9e2f"
CITIZEN = Actor(555_000_111, "id")
HEAD_IDP = "198509302010041001"  # Hendra, Kepala Seksi Identitas Penduduk
STAFF_IDP = "199608182022042001"  # Nur Aisyah, pelaksana in the same seksi
GLOBAL_ADMIN = "198311232009042001"  # Novita, BKPSDM
DUKCAPIL_ADMIN = "198004172005012003"  # Dewi, admin of DISDUKCAPIL
DINKES_ADMIN = "198103032008031002"  # Fajar, admin of DINKES only
Q3 = Period(date(2026, 7, 1), date(2026, 9, 30))
Q4 = Period(date(2026, 10, 1), date(2026, 12, 31))


class World:
    def __init__(self, factory: FakeUnitOfWorkFactory, clock: FixedClock) -> None:
        self.factory, self.clock = factory, clock
        self.policy = SurveyPolicy(SECRET, responses_per_day=1, default_timezone="Asia/Jakarta")
        flows = {
            QUESTIONNAIRE_ID: SurveyFlow(self.policy),
            RTL_FLOW: RtlFlow(),
            POPULATION_FLOW: PopulationFlow(),
        }
        self.conversations = Conversations(factory, clock, flows)
        self.surveys = SkmSurveys(factory, clock, self.conversations, self.policy)
        self.reports = SkmReports(factory)
        self.admin = SkmAdministration(factory, clock)
        self.directory = Directory(factory)

    def grant(self, nip: str, telegram_id: int, unit_code: str | None) -> None:
        bind_account(self.factory, nip, telegram_id)
        units = {u.code: u.id for u in self.factory.state.units.values()}
        row = next(r for r in self.factory.state.employees.values() if r.nip == nip)
        row.is_admin = True
        row.admin_unit_id = units[unit_code] if unit_code else None

    async def staff(self, nip: str, telegram_id: int) -> Actor:
        bind_account(self.factory, nip, telegram_id)
        return await self.directory.identify(telegram_id)

    async def press(self, actor: Actor, turn: Turn, index: int) -> Turn:
        found = await self.conversations.handle(
            actor, Press(index), session_id=turn.session.id, version=turn.session.version
        )
        assert found is not None
        assert found.error is None, found.error
        return found

    async def rate(
        self,
        actor: Actor = CITIZEN,
        code: str = "KTP-EL",
        *,
        score: int = 4,
        saran: str | None = None,
        contact: str | None = None,
    ) -> Turn:
        turn = await self.surveys.open(actor, code)
        for _ in UNSUR_CODES:
            turn = await self.press(actor, turn, score - 1)
        turn = await self.press(actor, turn, 1)  # gender P
        for _ in range(3):
            turn = await self._send(actor, turn, Skip())
        turn = await self._send(actor, turn, Text(saran) if saran else Skip())
        if saran:
            turn = await self._send(actor, turn, Text(contact) if contact else Skip())
        assert turn.session.at_review
        return await self._send(actor, turn, Submit())

    async def _send(self, actor: Actor, turn: Turn, event: Input) -> Turn:
        found = await self.conversations.handle(
            actor, event, session_id=turn.session.id, version=turn.session.version
        )
        assert found is not None
        assert found.error is None, found.error
        return found


@pytest.fixture
async def world() -> World:
    clock = FixedClock(datetime(2026, 8, 14, 3, 0, tzinfo=UTC))  # Friday 10.00 WIB, Q3
    factory = FakeUnitOfWorkFactory(clock)
    await load_demo(factory, clock)
    return World(factory, clock)


# --- the survey -----------------------------------------------------------------------------


async def test_a_citizen_completes_the_survey_and_sees_the_service_s_ikm_and_mutu(
    world: World,
) -> None:
    done = await world.rate(score=4)
    assert done.session.status is SessionStatus.SUBMITTED
    [thanks] = done.outcome.notices
    assert thanks.key == "skm.survey.thanks"
    assert thanks.params["ikm"] == 100
    assert thanks.params["mutu"] == "A"
    assert thanks.params["respondents"] == 1
    [response] = world.factory.state.skm.responses.values()
    assert dict(response.scores) == dict.fromkeys(UNSUR_CODES, 4)
    assert response.profile == {"gender": "P"}


async def test_no_trace_of_who_rated_remains_after_the_survey(world: World) -> None:
    await world.rate(saran="Antrean lama", contact="0812-0000-1111")
    state = world.factory.state
    assert state.sessions == {}  # the finished session is deleted, not kept as "submitted"
    assert str(CITIZEN.telegram_id) not in repr(state.skm)
    [mark] = state.skm.marks
    assert mark == respondent_mark(SECRET, CITIZEN.telegram_id, "KTP-EL", date(2026, 8, 14))


async def test_a_second_survey_of_the_same_service_the_same_day_is_refused(world: World) -> None:
    await world.rate()
    with pytest.raises(RateLimited) as caught:
        await world.surveys.open(CITIZEN, "KTP-EL")
    assert caught.value.message_key == "error.rate_limited.skm_today"
    other = await world.surveys.open(CITIZEN, "KK")  # another service is another survey
    assert other.session.is_active


async def test_the_next_day_the_same_citizen_may_rate_the_service_again(world: World) -> None:
    await world.rate()
    world.clock.advance(days=1)
    await world.rate(score=1)
    assert len(world.factory.state.skm.responses) == 2


async def test_a_configured_daily_limit_of_two_allows_two_responses(world: World) -> None:
    world.policy = SurveyPolicy(SECRET, responses_per_day=2, default_timezone="Asia/Jakarta")
    flows = {QUESTIONNAIRE_ID: SurveyFlow(world.policy)}
    world.conversations = Conversations(world.factory, world.clock, flows)
    world.surveys = SkmSurveys(world.factory, world.clock, world.conversations, world.policy)
    await world.rate()
    await world.rate()
    with pytest.raises(RateLimited):
        await world.surveys.open(CITIZEN, "KTP-EL")


async def test_the_limit_is_checked_again_at_submit_inside_the_storing_transaction(
    world: World,
) -> None:
    opened = await world.surveys.open(CITIZEN, "KTP-EL")
    assert opened.session.is_active
    # Meanwhile the same person finished the survey on another device.
    mark = respondent_mark(SECRET, CITIZEN.telegram_id, "KTP-EL", date(2026, 8, 14))
    async with world.factory() as uow:
        await uow.skm.take_mark(mark, day=date(2026, 8, 14), limit=1)
        await uow.commit()
    turn = await world.conversations.current(CITIZEN)
    assert turn is not None
    for _ in UNSUR_CODES:
        turn = await world.press(CITIZEN, turn, 2)
    for _ in range(5):
        turn = await world._send(CITIZEN, turn, Skip())
    refused = await world._send(CITIZEN, turn, Submit())
    assert [n.key for n in refused.outcome.notices] == ["error.rate_limited.skm_today"]
    assert world.factory.state.skm.responses == {}
    assert world.factory.state.sessions == {}


async def test_an_unknown_or_inactive_service_cannot_be_rated(world: World) -> None:
    with pytest.raises(NotFound):
        await world.surveys.open(CITIZEN, "NOPE")
    with pytest.raises(NotFound):
        await world.surveys.open(CITIZEN, "IUMK")  # inactive in the demo


async def test_cancelling_with_the_button_or_batal_deletes_the_citizen_s_pending_survey(
    world: World,
) -> None:
    turn = await world.surveys.open(CITIZEN, "KTP-EL")
    await world.press(CITIZEN, turn, 3)
    cancelled = await world.conversations.cancel_latest(CITIZEN)
    assert cancelled is not None
    assert world.factory.state.sessions == {}
    turn = await world.surveys.open(CITIZEN, "KTP-EL")
    await world._send(CITIZEN, turn, Cancel())
    assert world.factory.state.sessions == {}
    assert world.factory.state.skm.responses == {}


async def test_a_survey_left_half_way_is_forgotten_after_a_day(world: World) -> None:
    turn = await world.surveys.open(Actor(777, "id"), "KK")
    await world.press(Actor(777, "id"), turn, 2)
    world.clock.advance(hours=25)
    await world.surveys.open(CITIZEN, "KTP-EL")
    owners = {row.owner_id for row in world.factory.state.sessions.values()}
    assert owners == {CITIZEN.telegram_id}


async def test_a_saran_reaches_the_unit_s_admins_without_the_citizen_s_identity(
    world: World,
) -> None:
    world.grant(GLOBAL_ADMIN, 900, None)
    world.grant(DUKCAPIL_ADMIN, 901, "DISDUKCAPIL")
    world.grant(DINKES_ADMIN, 902, "DINKES")
    await world.rate(saran="Antrean terlalu lama", contact="0812 0000 1111")
    sent = world.factory.state.outbox.values()
    assert sorted(row.chat_id for row in sent) == [900, 901]
    for row in sent:
        assert row.payload["key"] == "skm.forward.suggestion_contact"
        assert row.payload["params"]["text"] == "Antrean terlalu lama"
        assert row.payload["params"]["contact"] == "0812 0000 1111"
        assert str(CITIZEN.telegram_id) not in repr(row)


async def test_a_survey_without_saran_forwards_nothing(world: World) -> None:
    world.grant(GLOBAL_ADMIN, 900, None)
    await world.rate()
    assert world.factory.state.outbox == {}


async def test_finding_a_service_lists_only_active_ones_and_says_when_there_are_more(
    world: World,
) -> None:
    found = await world.surveys.find("akta")
    assert [s.code for s in found] == ["AKTA-LAHIR", "AKTA-MATI"]
    assert "IUMK" not in {s.code for s in await world.surveys.find("")}
    assert len(await world.surveys.find("", limit=3)) == 4  # one more: "refine your word"


# --- reports, population and RTL ------------------------------------------------------------


async def _responses(world: World, scores: list[int], code: str = "KTP-EL") -> None:
    for number, score in enumerate(scores):
        await world.rate(Actor(1000 + number, "id"), code, score=score)


async def test_a_report_groups_by_service_and_by_unit_with_the_exact_ikm(world: World) -> None:
    await _responses(world, [4, 3])
    await _responses(world, [2], code="KK")
    by_service = await world.reports.report(Q3, unit_code="DISDUKCAPIL")
    shown = {g.code: (g.result.respondents, g.result.ikm_display) for g in by_service.groups}
    assert shown["KTP-EL"] == (2, 87.5)
    assert shown["KK"] == (1, 50)
    assert shown["AKTA-LAHIR"] == (0, None)
    by_unit = await world.reports.report(Q3, unit_code="DISDUKCAPIL", by=Grouping.UNIT)
    assert {g.code: g.result.respondents for g in by_unit.groups} == {
        "DISDUKCAPIL-CAPIL": 0,
        "DISDUKCAPIL-DAFDUK": 1,
        "DISDUKCAPIL-IDP": 2,
    }


async def test_a_report_of_another_period_does_not_count_these_responses(world: World) -> None:
    await _responses(world, [4])
    report = await world.reports.report(Q4, service_code="KTP-EL")
    assert report.groups[0].result.respondents == 0


async def test_a_unit_head_reads_their_unit_s_report_and_a_plain_employee_may_not(
    world: World,
) -> None:
    await _responses(world, [4, 3])
    head = await world.staff(HEAD_IDP, 800)
    scopes = await world.reports.scopes(head)
    assert {s.code for s in scopes} == {"DISDUKCAPIL-IDP", "KTP-EL"}
    scope = await world.reports.scope_by_code(head, "KTP-EL")
    report = await world.reports.scope_report(head, scope, Q3)
    assert report.groups[0].result.respondents == 2
    staff = await world.staff(STAFF_IDP, 801)
    assert await world.reports.scopes(staff) == []
    with pytest.raises(PermissionDenied):
        await world.reports.scope_report(staff, scope, Q3)
    assert (await world.reports.rights(head, scope)).rtl


async def test_the_population_gives_the_krejcie_morgan_target_without_blocking_the_report(
    world: World,
) -> None:
    await _responses(world, [4, 4, 3])
    world.grant(DUKCAPIL_ADMIN, 901, "DISDUKCAPIL")
    admin = await world.directory.identify(901)
    subject = FollowUp(ScopeKind.SERVICE, _service_id(world, "KTP-EL"), Q3).subject
    turn = await world.conversations.begin(admin, POPULATION_FLOW, subject)
    done = await world._send(admin, turn, Text("1000"))
    assert done.outcome.notices[0].params == {
        "scope": "Perekaman dan Pencetakan KTP-el",
        "population": 1000,
        "target": 278,
        "collected": 3,
    }
    report = await world.reports.report(Q3, service_code="KTP-EL", details=True)
    sample = report.groups[0].sample
    assert sample is not None
    assert (sample.target, sample.collected, sample.met) == (278, 3, False)
    assert report.groups[0].result.ikm_display is not None


async def test_only_an_admin_records_the_population_and_only_as_a_whole_number(
    world: World,
) -> None:
    head = await world.staff(HEAD_IDP, 800)
    subject = FollowUp(ScopeKind.SERVICE, _service_id(world, "KTP-EL"), Q3).subject
    with pytest.raises(PermissionDenied):
        await world.conversations.begin(head, POPULATION_FLOW, subject)
    world.grant(DUKCAPIL_ADMIN, 901, "DISDUKCAPIL")
    admin = await world.directory.identify(901)
    turn = await world.conversations.begin(admin, POPULATION_FLOW, subject)
    refused = await world.conversations.handle(
        admin, Text("12,5"), session_id=turn.session.id, version=turn.session.version
    )
    assert refused is not None
    assert refused.error is not None
    assert refused.error.message_key == "error.invalid_value.whole_number"


async def test_the_unit_head_s_rtl_is_shown_beside_the_next_period_s_figure(world: World) -> None:
    await _responses(world, [4, 3, 2])
    head = await world.staff(HEAD_IDP, 800)
    ktp = _service_id(world, "KTP-EL")
    turn = await world.conversations.begin(
        head, RTL_FLOW, FollowUp(ScopeKind.SERVICE, ktp, Q3).subject
    )
    assert "U1 (NRR 3.000)" in turn.questionnaire.steps[0].params["weakest"]
    turn = await world.press(head, turn, 2)  # U3
    turn = await world._send(head, turn, Text("Tambah satu loket perekaman pada jam sibuk"))
    done = await world._send(head, turn, Submit())
    assert done.outcome.notices[0].key == "skm.rtl.saved"
    world.clock.set(datetime(2026, 10, 20, 3, 0, tzinfo=UTC))
    await _responses(world, [4])
    report = await world.reports.report(Q4, service_code="KTP-EL", details=True)
    [rtl] = report.groups[0].previous_rtl
    assert (rtl.unsur, rtl.nrr, rtl.period) == ("U3", "3.000", Q3)
    assert rtl.plan.startswith("Tambah satu loket")
    assert report.groups[0].result.nrr_display("U3") == 4


async def test_only_a_head_of_the_service_s_unit_or_above_records_an_rtl(world: World) -> None:
    subject = FollowUp(ScopeKind.SERVICE, _service_id(world, "KTP-EL"), Q3).subject
    world.grant(GLOBAL_ADMIN, 900, None)
    admin_but_not_head = await world.directory.identify(900)
    with pytest.raises(PermissionDenied):
        await world.conversations.begin(admin_but_not_head, RTL_FLOW, subject)
    head_of_another_bidang = await world.staff(DINKES_ADMIN, 902)
    with pytest.raises(PermissionDenied):
        await world.conversations.begin(head_of_another_bidang, RTL_FLOW, subject)
    staff = await world.staff(STAFF_IDP, 801)
    with pytest.raises(PermissionDenied):
        await world.conversations.begin(staff, RTL_FLOW, subject)
    head_of_the_bidang_above = await world.staff(DUKCAPIL_ADMIN, 901)
    turn = await world.conversations.begin(head_of_the_bidang_above, RTL_FLOW, subject)
    assert turn.session.is_active


# --- paper forms ----------------------------------------------------------------------------


async def test_a_paper_import_stores_every_row_or_nothing(world: World) -> None:
    good = b"service_code,date,u1,u2,u3,u4,u5,u6,u7,u8,u9\nKTP-EL,2026-08-01,4,4,4,4,4,4,4,4,4\n"
    bad = good + b"KTP-EL,2026-08-02,4,4,4,4,4,4,4,4,9\n"
    with pytest.raises(ImportRejected) as caught:
        await world.admin.import_paper(bad)
    assert [(e.line, e.field) for e in caught.value.errors] == [(3, "u9")]
    assert world.factory.state.skm.responses == {}
    dry = await world.admin.import_paper(good, dry_run=True)
    assert (dry.rows, dry.dry_run, world.factory.state.skm.responses) == (1, True, {})
    await world.admin.import_paper(good)
    report = await world.reports.report(Q3, service_code="KTP-EL")
    assert report.groups[0].result.ikm_display == 100


def _service_id(world: World, code: str) -> int:
    return next(s.id for s in world.factory.state.services.values() if s.code == code)
