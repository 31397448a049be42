"""The SKM use cases on the in-memory fakes: the citizen survey (limits, privacy, forwarding),
reports with their permissions, population and RTL, paper import."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime

import pytest

from domain.actors import Actor
from domain.engine.conversations import Conversations, Turn
from domain.engine.questionnaire import (
    REVIEW,
    Cancel,
    Input,
    Press,
    SessionStatus,
    Skip,
    Submit,
    Text,
)
from domain.errors import ImportRejected, InvalidValue, NotFound, PermissionDenied, RateLimited
from domain.org.directory import Directory
from domain.skm.admin import SkmAdministration
from domain.skm.followup import POPULATION_FLOW, RTL_FLOW, FollowUp, PopulationFlow, RtlFlow
from domain.skm.ikm import UNSUR_CODES
from domain.skm.report_model import Grouping, Rtl, ScopeKind
from domain.skm.report_period import ReportPeriod, ReportSpan
from domain.skm.reports import Scope, SkmReports
from domain.skm.survey import QUESTIONNAIRE_ID, SkmResponse, respondent_mark
from domain.skm.survey_flow import SkmSurveys, SurveyFlow, SurveyPolicy
from tests.support.clock import FixedClock
from tests.support.fakes.seeding import bind_account, load_demo
from tests.support.fakes.skm import FakeSkmRepository
from tests.support.fakes.unit_of_work import FakeUnitOfWorkFactory

OPERATOR = Actor.operator()  # the command line: every administrative right

SECRET = "tk-4f9c2e7a1b8d3f6e0a5c9b2d7e4f1a8c3b6d9e2f"
CITIZEN = Actor(555_000_111, "id")
HEAD_IDP = "198509302010041001"  # Hendra, Kepala Seksi Identitas Penduduk
STAFF_IDP = "199608182022042001"  # Nur Aisyah, pelaksana in the same seksi
GLOBAL_ADMIN = "198311232009042001"  # Novita, BKPSDM
DUKCAPIL_ADMIN = "198004172005012003"  # Dewi, admin of DISDUKCAPIL
DINKES_ADMIN = "198103032008031002"  # Fajar, admin of DINKES only
Q3 = ReportPeriod(date(2026, 7, 1), date(2026, 9, 30))
Q4 = ReportPeriod(date(2026, 10, 1), date(2026, 12, 31))


class World:
    def __init__(self, factory: FakeUnitOfWorkFactory, clock: FixedClock) -> None:
        self.factory, self.clock = factory, clock
        self.policy = SurveyPolicy(SECRET, responses_per_day=1, default_timezone="Asia/Jakarta")
        flows = {
            QUESTIONNAIRE_ID: SurveyFlow(self.policy, factory),
            RTL_FLOW: RtlFlow(),
            POPULATION_FLOW: PopulationFlow(),
        }
        self.conversations = Conversations(factory, clock, flows)
        self.surveys = SkmSurveys(factory, clock, self.conversations, self.policy)
        self.reports = SkmReports(factory, min_respondents=1)
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


async def test_a_citizen_completes_the_survey_and_the_response_is_stored_by_unsur_code(
    world: World,
) -> None:
    done = await world.rate(score=4)
    assert done.session.status is SessionStatus.SUBMITTED
    [thanks] = done.outcome.notices
    assert thanks.key == "skm.survey.thanks_no_ikm"  # no earlier quarter to show
    [response] = world.factory.state.skm.responses.values()
    assert dict(response.scores) == dict.fromkeys(UNSUR_CODES, 4)
    assert response.profile == {"gender": "P"}


async def test_early_in_a_quarter_the_thanks_show_last_quarter_from_the_minimum(
    world: World,
) -> None:
    world.clock.set(datetime(2026, 6, 20, 3, 0, tzinfo=UTC))  # Q2
    await _responses(world, [4, 3, 3, 4])  # four in Q2: under the minimum of five
    world.clock.set(datetime(2026, 8, 14, 3, 0, tzinfo=UTC))  # Q3
    assert (await world.rate(Actor(2001, "id"))).outcome.notices[0].key == (
        "skm.survey.thanks_no_ikm"
    )
    world.clock.set(datetime(2026, 6, 21, 3, 0, tzinfo=UTC))
    await _responses(world, [4], code="KTP-EL")  # the fifth Q2 respondent
    world.clock.set(datetime(2026, 8, 15, 3, 0, tzinfo=UTC))
    first = (await world.rate(Actor(2002, "id"), score=1)).outcome.notices[0]
    second = (await world.rate(Actor(2003, "id"), score=4)).outcome.notices[0]
    assert first.key == "skm.survey.thanks"
    assert (first.params["from"], first.params["to"]) == (date(2026, 4, 1), date(2026, 6, 30))
    assert first.params["respondents"] == 5  # Q2's, not counting today's responses
    assert first.params["ikm"] == 90
    # Never a running figure: the next person cannot work out how the previous one answered.
    assert second.params == first.params


async def test_the_thanks_show_the_current_quarter_up_to_yesterday(world: World) -> None:
    world.clock.set(datetime(2026, 8, 3, 3, 0, tzinfo=UTC))  # Q3, before today
    await _responses(world, [4, 4, 3, 3, 4])  # five this quarter: enough to show
    world.clock.set(datetime(2026, 8, 14, 3, 0, tzinfo=UTC))
    first = (await world.rate(Actor(2101, "id"), score=1)).outcome.notices[0]
    second = (await world.rate(Actor(2102, "id"), score=4)).outcome.notices[0]
    assert first.key == "skm.survey.thanks"
    assert (first.params["from"], first.params["to"]) == (date(2026, 7, 1), date(2026, 8, 13))
    assert first.params["respondents"] == 5  # up to yesterday: today's answers not yet in
    assert second.params == first.params  # moves once a day, never with each response


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
    flows = {QUESTIONNAIRE_ID: SurveyFlow(world.policy, world.factory)}
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


async def test_the_hourly_clean_up_forgets_surveys_left_half_way_for_a_day(world: World) -> None:
    turn = await world.surveys.open(Actor(777, "id"), "KK")
    await world.press(Actor(777, "id"), turn, 2)
    world.clock.advance(hours=23)
    await world.surveys.open(CITIZEN, "KTP-EL")
    assert (await world.surveys.clean_up()).sessions == 0
    world.clock.advance(hours=2)
    assert (await world.surveys.clean_up()).sessions == 1
    owners = {row.owner_id for row in world.factory.state.sessions.values()}
    assert owners == {CITIZEN.telegram_id}  # touched 2 hours ago: kept


async def test_the_clean_up_deletes_the_marks_of_days_over_at_every_counter(
    world: World,
) -> None:
    await world.rate()  # Friday 14 Aug, 10.00 WIB
    marks = world.factory.state.skm.marks
    assert len(marks) == 1
    world.clock.set(datetime(2026, 8, 14, 16, 59, tzinfo=UTC))  # 23.59 WIB
    assert (await world.surveys.clean_up()).marks == 0
    world.clock.set(datetime(2026, 8, 14, 17, 1, tzinfo=UTC))  # 00.01 WIB: 14 Aug is over
    assert (await world.surveys.clean_up()).marks == 1
    assert world.factory.state.skm.marks == {}


async def test_a_unit_further_west_keeps_its_marks_until_its_own_day_is_over(
    world: World,
) -> None:
    # A unit in a zone behind WIB (a branch abroad, say) still lives 14 Aug at 00.01 WIB.
    kk_unit = next(s.unit_id for s in world.factory.state.services.values() if s.code == "KK")
    world.factory.state.units[kk_unit].timezone = "Asia/Kolkata"  # UTC+5.30
    world.clock.set(datetime(2026, 8, 14, 16, 0, tzinfo=UTC))  # 21.30 in Kolkata, 14 Aug
    await world.rate(code="KK")
    world.clock.set(datetime(2026, 8, 14, 17, 1, tzinfo=UTC))  # 15 Aug in WIB, not in Kolkata
    assert (await world.surveys.clean_up()).marks == 0
    world.clock.set(datetime(2026, 8, 14, 18, 31, tzinfo=UTC))  # 00.01 in Kolkata
    assert (await world.surveys.clean_up()).marks == 1


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
    by_service = await world.reports.report(OPERATOR, Q3, unit_code="DISDUKCAPIL")
    shown = {g.code: (g.result.respondents, g.result.ikm_display) for g in by_service.groups}
    assert shown["KTP-EL"] == (2, 87.5)
    assert shown["KK"] == (1, 50)
    assert shown["AKTA-LAHIR"] == (0, None)
    by_unit = await world.reports.report(OPERATOR, Q3, unit_code="DISDUKCAPIL", by=Grouping.UNIT)
    assert {g.code: g.result.respondents for g in by_unit.groups} == {
        "DISDUKCAPIL-CAPIL": 0,
        "DISDUKCAPIL-DAFDUK": 1,
        "DISDUKCAPIL-IDP": 2,
    }


async def test_a_report_of_another_period_does_not_count_these_responses(world: World) -> None:
    await _responses(world, [4])
    report = await world.reports.report(OPERATOR, Q4, service_code="KTP-EL")
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
    report = await world.reports.report(OPERATOR, Q3, service_code="KTP-EL", details=True)
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
    assert refused.error.message_key == "error.invalid_answer.whole_number"


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
    report = await world.reports.report(OPERATOR, Q4, service_code="KTP-EL", details=True)
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
        await world.admin.import_paper(OPERATOR, bad)
    assert [(e.line, e.field) for e in caught.value.errors] == [(3, "u9")]
    assert world.factory.state.skm.responses == {}
    dry = await world.admin.import_paper(OPERATOR, good, dry_run=True)
    assert (dry.rows, dry.dry_run, world.factory.state.skm.responses) == (1, True, {})
    await world.admin.import_paper(OPERATOR, good)
    report = await world.reports.report(OPERATOR, Q3, service_code="KTP-EL")
    assert report.groups[0].result.ikm_display == 100


def _service_id(world: World, code: str) -> int:
    return next(s.id for s in world.factory.state.services.values() if s.code == code)


# --- privacy: two transactions, forwarding, withheld figures ---------------------------------


async def test_the_response_is_stored_after_the_mark_s_transaction_committed(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[tuple[set[str], int]] = []
    store = FakeSkmRepository.add_responses

    async def spy(self: FakeSkmRepository, responses: Sequence[SkmResponse]) -> list[int]:
        committed = world.factory.state.skm  # what other transactions can see right now
        seen.append((set(committed.marks), len(world.factory.state.sessions)))
        return await store(self, responses)

    monkeypatch.setattr(FakeSkmRepository, "add_responses", spy)
    await world.rate()
    mark = respondent_mark(SECRET, CITIZEN.telegram_id, "KTP-EL", date(2026, 8, 14))
    # When the response is written, the mark is already committed and the session gone:
    # the response's transaction touches nothing that names the person.
    assert seen == [({mark}, 0)]


async def test_if_storing_fails_the_mark_is_released_and_the_review_page_comes_back(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def broken(self: FakeSkmRepository, responses: Sequence[SkmResponse]) -> list[int]:
        raise ConnectionError("database went away")

    with monkeypatch.context() as patched:
        patched.setattr(FakeSkmRepository, "add_responses", broken)
        with pytest.raises(ConnectionError):
            await world.rate(saran="Antrean lama")
    state = world.factory.state
    assert state.skm.marks == {}
    assert state.skm.responses == {}
    [session] = state.sessions.values()
    assert (session.cursor, session.status) == (REVIEW, SessionStatus.ACTIVE.value)
    turn = await world.surveys.open(CITIZEN, "KTP-EL")  # the QR code again: the same answers
    assert turn.session.at_review
    assert turn.session.answers["suggestion"] == "Antrean lama"
    done = await world._send(CITIZEN, turn, Submit())
    assert done.session.status is SessionStatus.SUBMITTED
    assert len(world.factory.state.skm.responses) == 1


async def test_a_chat_response_keeps_only_the_day_it_was_given(world: World) -> None:
    await world.rate()  # 10.00 WIB
    [response] = world.factory.state.skm.responses.values()
    assert response.submitted_at == datetime(2026, 8, 13, 17, 0, tzinfo=UTC)  # 00.00 WIB
    assert response.local_date == date(2026, 8, 14)


async def test_a_saran_waits_for_the_unit_s_daily_digest_hour(world: World) -> None:
    world.grant(GLOBAL_ADMIN, 900, None)
    await world.rate(saran="Antrean terlalu lama")  # 10.00 WIB
    world.clock.set(datetime(2026, 8, 14, 10, 0, tzinfo=UTC))  # 17.00 WIB, after the digest
    await world.rate(Actor(4242, "id"), saran="Kursi kurang")
    due = {
        row.payload["params"]["text"]: row.not_before for row in world.factory.state.outbox.values()
    }
    assert due == {
        "Antrean terlalu lama": datetime(2026, 8, 14, 9, 0, tzinfo=UTC),  # 16.00 WIB today
        "Kursi kurang": datetime(2026, 8, 15, 9, 0, tzinfo=UTC),  # 16.00 WIB tomorrow
    }
    created = {row.created_at for row in world.factory.state.outbox.values()}
    assert created == {datetime(2026, 8, 13, 17, 0, tzinfo=UTC)}  # only the day


async def test_a_forwarded_saran_carries_its_day_as_a_date_for_each_reader_s_language(
    world: World,
) -> None:
    world.grant(GLOBAL_ADMIN, 900, None)
    await world.rate(saran="Antrean terlalu lama")
    [row] = world.factory.state.outbox.values()
    assert row.payload["params"]["date"] == date(2026, 8, 14)


async def test_a_service_closed_while_someone_answers_is_refused_at_submit_and_can_be_cancelled(
    world: World,
) -> None:
    turn = await world.surveys.open(CITIZEN, "KTP-EL")
    for _ in UNSUR_CODES:
        turn = await world.press(CITIZEN, turn, 3)
    for _ in range(5):
        turn = await world._send(CITIZEN, turn, Skip())
    ktp = _service_id(world, "KTP-EL")
    world.factory.state.services[ktp].active = False
    refused = await world._send(CITIZEN, turn, Submit())
    assert [n.key for n in refused.outcome.notices] == ["skm.survey.service_closed"]
    assert refused.session.at_review  # not stuck: the review page with its Batal button
    assert world.factory.state.skm.marks == {}
    cancelled = await world._send(CITIZEN, refused, Cancel())
    assert cancelled.session.status is SessionStatus.CANCELLED
    assert world.factory.state.sessions == {}


async def test_a_chat_report_withholds_groups_under_the_minimum_and_never_shows_contacts(
    world: World,
) -> None:
    world.reports = SkmReports(world.factory, min_respondents=3)
    await _responses(world, [4, 3, 4])  # KTP-EL: three
    await world.rate(Actor(3001, "id"), "KK", score=2, saran="Formulir habis", contact="0812")
    head = await world.staff(DUKCAPIL_ADMIN, 901)  # head of the bidang above both services
    small = await world.reports.scope_report(
        head, await world.reports.scope_by_code(head, "KK"), Q3
    )
    [kk] = small.groups
    assert (kk.withheld, kk.result.respondents, dict(kk.result.nrr), kk.profile) == (
        True,
        1,
        {},
        {},
    )
    [saran] = small.suggestions
    assert (saran.text, saran.contact, saran.local_date) == ("Formulir habis", None, None)
    bidang = await world.reports.scope_by_code(head, "DISDUKCAPIL-DAFDUK")
    whole = await world.reports.scope_report(head, bidang, Q3)
    assert not whole.groups[0].withheld  # four respondents in the bidang
    assert whole.groups[0].result.respondents == 4
    assert whole.suggestions[0].local_date == date(2026, 8, 14)
    assert whole.suggestions[0].contact is None
    lines = {g.code: g for g in whole.groups[1:]}
    # KK alone would be the bidang's figure minus KTP-EL's: KTP-EL is withheld with it.
    assert (lines["KK"].withheld, lines["KTP-EL"].withheld) == (True, True)
    assert lines["KTP-EL"].result.respondents == 3
    await _responses(world, [4, 4, 4, 4], code="AKTA-LAHIR")
    world.grant(GLOBAL_ADMIN, 900, None)
    admin = await world.directory.identify(900)
    dukcapil = await world.reports.scope_by_code(admin, "DISDUKCAPIL")
    lines = {g.code: g for g in (await world.reports.scope_report(admin, dukcapil, Q3)).groups}
    # KK's one respondent is hidden with the next smallest, KTP-EL's three; AKTA-LAHIR is shown.
    assert (lines["KK"].withheld, lines["KTP-EL"].withheld) == (True, True)
    assert lines["AKTA-LAHIR"].result.ikm_display == 100
    admin_export = await world.reports.report(OPERATOR, Q3, unit_code="DISDUKCAPIL", details=True)
    assert admin_export.suggestions[0].contact == "0812"  # the admins' command line: complete


async def test_a_scope_s_unit_is_taken_from_the_database_not_from_the_button(
    world: World,
) -> None:
    await _responses(world, [4])
    head = await world.staff(HEAD_IDP, 800)  # may read DISDUKCAPIL-IDP only
    own = await world.reports.scope_by_code(head, "DISDUKCAPIL-IDP")
    foreign = Scope(ScopeKind.SERVICE, _service_id(world, "KK"), "KK", "KK", own.unit_id)
    with pytest.raises(PermissionDenied):
        await world.reports.scope_report(head, foreign, Q3)


async def test_a_moved_service_takes_its_responses_to_its_new_unit(world: World) -> None:
    await _responses(world, [4, 3])
    ktp = _service_id(world, "KTP-EL")
    capil = next(u.id for u in world.factory.state.units.values() if u.code == "DISDUKCAPIL-CAPIL")
    world.factory.state.services[ktp].unit_id = capil  # re-imported under another seksi
    by_unit = await world.reports.report(OPERATOR, Q3, unit_code="DISDUKCAPIL", by=Grouping.UNIT)
    shown = {g.code: g.result.respondents for g in by_unit.groups}
    assert shown["DISDUKCAPIL-CAPIL"] == 2
    assert shown.get("DISDUKCAPIL-IDP", 0) == 0
    capil_only = await world.reports.report(OPERATOR, Q3, unit_code="DISDUKCAPIL-CAPIL")
    assert {g.code: g.result.respondents for g in capil_only.groups}["KTP-EL"] == 2


async def test_this_quarter_is_the_quarter_at_the_scope_s_counter(world: World) -> None:
    world.grant(GLOBAL_ADMIN, 900, None)
    admin = await world.directory.identify(900)
    scope = await world.reports.scope_by_code(admin, "KTP-EL")
    new_year_in_wib = datetime(2026, 12, 31, 18, 0, tzinfo=UTC)  # 1 Jan 2027, 01.00 WIB
    period = await world.reports.period_of(scope, ReportSpan.QUARTER, new_year_in_wib)
    assert period == ReportPeriod(date(2027, 1, 1), date(2027, 3, 31), ReportSpan.QUARTER)


async def test_an_inactive_service_with_responses_can_still_be_reported_in_the_chat(
    world: World,
) -> None:
    await _responses(world, [4])
    world.factory.state.services[_service_id(world, "KTP-EL")].active = False
    world.grant(GLOBAL_ADMIN, 900, None)
    admin = await world.directory.identify(900)
    codes = {s.code for s in await world.reports.scopes(admin)}
    assert "KTP-EL" in codes
    assert "IUMK" not in codes  # inactive and never rated


async def test_the_same_paper_file_is_not_imported_twice_unless_forced(world: World) -> None:
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


async def test_a_population_out_of_range_names_its_limits(world: World) -> None:
    with pytest.raises(InvalidValue) as caught:
        await world.admin.record_population(OPERATOR, "KTP-EL", unit=False, period=Q3, population=0)
    assert caught.value.message_key == "error.invalid_value.population_out_of_range"
    assert (caught.value.params["min"], caught.value.params["max"]) == (1, 100_000_000)


async def test_plans_of_two_periods_ending_the_same_day_are_not_both_shown(world: World) -> None:
    ktp = _service_id(world, "KTP-EL")
    semester = ReportPeriod(date(2026, 1, 1), date(2026, 6, 30))
    q2 = ReportPeriod(date(2026, 4, 1), date(2026, 6, 30))
    async with world.factory() as uow:
        for period, plan in ((semester, "Semester plan"), (q2, "Quarter plan")):
            await uow.skm.save_rtl(
                Rtl(ScopeKind.SERVICE, ktp, period, "U3", "3.000", plan, world.clock.now(), "x")
            )
        await uow.commit()
    report = await world.reports.report(OPERATOR, Q3, service_code="KTP-EL", details=True)
    assert [r.plan for r in report.groups[0].previous_rtl] == ["Quarter plan"]
