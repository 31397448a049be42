"""The SKM use cases that read report figures, on SQLite and PostgreSQL: the citizen's survey
(its thanks show the service's IKM), reports with their permissions, population and RTL, the
paper import. The fakes have no report queries, so these run on the real databases; the rest of
the SKM use cases run on the fakes (``tests/unit/skm/test_use_cases.py``)."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlmodel import col, select, update

from domain.actions import ActionCatalogue
from domain.actors import Actor
from domain.engine.questionnaire import REVIEW, SessionStatus, Submit, Text
from domain.errors import ImportRejected, PermissionDenied, RateLimited
from domain.outbox import QueuedMessage
from domain.skm.followup import POPULATION_FLOW, RTL_FLOW, FollowUp
from domain.skm.ikm import UNSUR_CODES
from domain.skm.report_model import Grouping, Rtl, ScopeKind
from domain.skm.report_period import ReportPeriod, ReportSpan
from domain.skm.reports import Scope, SkmReports
from domain.skm.survey import SkmResponse, respondent_mark
from domain.skm.survey_flow import SurveyFlow
from storage.outbox import SqlOutboxQueue
from storage.repositories.skm import PROFILE_COLUMN, SCORE_COLUMN, SqlSkmResponseRepository
from storage.tables import ConversationRow, OutboxRow, SkmMarkRow, SkmResponseRow, UnitRow
from storage.tables.skm import SkmPaperImportRow, SkmPopulationRow, SkmRtlRow
from storage.unit_of_work import SqlUnitOfWorkFactory
from tests.support.clock import FixedClock
from tests.support.fakes.seeding import OPERATOR, load_demo
from tests.support.skm_world import (
    CITIZEN,
    DINKES_ADMIN,
    DUKCAPIL_ADMIN,
    GLOBAL_ADMIN,
    HEAD_IDP,
    SECRET,
    STAFF_IDP,
    SkmWorld,
)

Q3 = ReportPeriod(date(2026, 7, 1), date(2026, 9, 30))
Q4 = ReportPeriod(date(2026, 10, 1), date(2026, 12, 31))


@pytest.fixture
async def world(uow: SqlUnitOfWorkFactory, clock: FixedClock) -> SkmWorld:
    clock.set(datetime(2026, 8, 14, 3, 0, tzinfo=UTC))  # Friday 10.00 WIB, Q3
    await load_demo(uow, clock)
    return SkmWorld(uow, clock)


@dataclass(frozen=True)
class StoredResponse:
    scores: dict[str, int]
    profile: dict[str, str]
    submitted_at: datetime
    local_date: date


class Stored:
    """What the database holds, read with SQL as another process would (committed rows only)."""

    def __init__(self, world: SkmWorld) -> None:
        self._db = world.factory.db

    async def _all(self, table: Any, order: Any = None) -> list[Any]:
        query = select(table) if order is None else select(table).order_by(order)
        async with self._db.session(readonly=True) as s:
            return list(await s.exec(query))

    async def responses(self) -> list[StoredResponse]:
        rows = await self._all(SkmResponseRow, col(SkmResponseRow.id))
        return [
            StoredResponse(
                {c: getattr(r, s.name) for c, s in SCORE_COLUMN.items() if getattr(r, s.name)},
                {k: getattr(r, p.name) for k, p in PROFILE_COLUMN.items() if getattr(r, p.name)},
                r.submitted_at,
                r.local_date,
            )
            for r in rows
        ]

    async def marks(self) -> list[str]:
        return [row.mark for row in await self._all(SkmMarkRow, col(SkmMarkRow.mark))]

    async def sessions(self) -> list[ConversationRow]:
        return await self._all(ConversationRow, col(ConversationRow.id))

    async def outbox(self) -> list[OutboxRow]:
        return await self._all(OutboxRow, col(OutboxRow.id))

    async def queued(self) -> list[QueuedMessage]:
        """The outbox as the dispatcher claims it: parameters typed again (no buttons here)."""
        queue = SqlOutboxQueue(self._db, ActionCatalogue([]))
        later = datetime(2100, 1, 1, tzinfo=UTC)
        return await queue.claim(now=later, limit=100, lease=timedelta(1))

    async def skm_tables(self) -> str:
        """Every row of the SKM's tables, as text."""
        tables = (SkmResponseRow, SkmMarkRow, SkmPopulationRow, SkmRtlRow, SkmPaperImportRow)
        found = [await self._all(table) for table in tables]
        return repr(found)


def stored(world: SkmWorld) -> Stored:
    return Stored(world)


# --- the survey -----------------------------------------------------------------------------


async def test_a_citizen_completes_the_survey_and_the_response_is_stored_by_unsur_code(
    world: SkmWorld,
) -> None:
    done = await world.rate(score=4)
    assert done.session.status is SessionStatus.SUBMITTED
    [thanks] = done.outcome.notices
    assert thanks.key == "skm.survey.thanks_no_ikm"  # no earlier quarter to show
    [response] = await stored(world).responses()
    assert dict(response.scores) == dict.fromkeys(UNSUR_CODES, 4)
    assert response.profile == {"gender": "P"}


async def test_early_in_a_quarter_the_thanks_show_last_quarter_from_the_minimum(
    world: SkmWorld,
) -> None:
    world.clock.set(datetime(2026, 6, 20, 3, 0, tzinfo=UTC))  # Q2
    await world.responses([4, 3, 3, 4])  # four in Q2: under the minimum of five
    world.clock.set(datetime(2026, 8, 14, 3, 0, tzinfo=UTC))  # Q3
    assert (await world.rate(Actor(2001, "id"))).outcome.notices[0].key == (
        "skm.survey.thanks_no_ikm"
    )
    world.clock.set(datetime(2026, 6, 21, 3, 0, tzinfo=UTC))
    await world.responses([4], code="KTP-EL")  # the fifth Q2 respondent
    world.clock.set(datetime(2026, 8, 15, 3, 0, tzinfo=UTC))
    first = (await world.rate(Actor(2002, "id"), score=1)).outcome.notices[0]
    second = (await world.rate(Actor(2003, "id"), score=4)).outcome.notices[0]
    assert first.key == "skm.survey.thanks"
    assert (first.params["from"], first.params["to"]) == (date(2026, 4, 1), date(2026, 6, 30))
    assert first.params["respondents"] == 5  # Q2's, not counting today's responses
    assert first.params["ikm"] == 90
    # Never a running figure: the next person cannot work out how the previous one answered.
    assert second.params == first.params


async def test_the_thanks_show_the_current_quarter_up_to_yesterday(world: SkmWorld) -> None:
    world.clock.set(datetime(2026, 8, 3, 3, 0, tzinfo=UTC))  # Q3, before today
    await world.responses([4, 4, 3, 3, 4])  # five this quarter: enough to show
    world.clock.set(datetime(2026, 8, 14, 3, 0, tzinfo=UTC))
    first = (await world.rate(Actor(2101, "id"), score=1)).outcome.notices[0]
    second = (await world.rate(Actor(2102, "id"), score=4)).outcome.notices[0]
    assert first.key == "skm.survey.thanks"
    assert (first.params["from"], first.params["to"]) == (date(2026, 7, 1), date(2026, 8, 13))
    assert first.params["respondents"] == 5  # up to yesterday: today's answers not yet in
    assert second.params == first.params  # moves once a day, never with each response


async def test_no_trace_of_who_rated_remains_after_the_survey(world: SkmWorld) -> None:
    await world.rate(saran="Antrean lama", contact="0812-0000-1111")
    state = stored(world)
    assert await state.sessions() == []  # the finished session is deleted, not kept as "submitted"
    assert str(CITIZEN.telegram_id) not in await state.skm_tables()
    [mark] = await state.marks()
    assert mark == respondent_mark(SECRET, CITIZEN.telegram_id, "KTP-EL", date(2026, 8, 14))


async def test_a_second_survey_of_the_same_service_the_same_day_is_refused(world: SkmWorld) -> None:
    await world.rate()
    with pytest.raises(RateLimited) as caught:
        await world.surveys.open(CITIZEN, "KTP-EL")
    assert caught.value.message_key == "error.rate_limited.skm_today"
    other = await world.surveys.open(CITIZEN, "KK")  # another service is another survey
    assert other.session.is_active


async def test_the_next_day_the_same_citizen_may_rate_the_service_again(world: SkmWorld) -> None:
    await world.rate()
    world.clock.advance(days=1)
    await world.rate(score=1)
    assert len(await stored(world).responses()) == 2


async def test_a_configured_daily_limit_of_two_allows_two_responses(world: SkmWorld) -> None:
    world.limit_per_day(2)
    await world.rate()
    await world.rate()
    with pytest.raises(RateLimited):
        await world.surveys.open(CITIZEN, "KTP-EL")


async def test_the_clean_up_deletes_the_marks_of_days_over_at_every_counter(
    world: SkmWorld,
) -> None:
    await world.rate()  # Friday 14 Aug, 10.00 WIB
    marks = await stored(world).marks()
    assert len(marks) == 1
    world.clock.set(datetime(2026, 8, 14, 16, 59, tzinfo=UTC))  # 23.59 WIB
    assert (await world.surveys.clean_up()).marks == 0
    world.clock.set(datetime(2026, 8, 14, 17, 1, tzinfo=UTC))  # 00.01 WIB: 14 Aug is over
    assert (await world.surveys.clean_up()).marks == 1
    assert await stored(world).marks() == []


async def test_a_unit_further_west_keeps_its_marks_until_its_own_day_is_over(
    world: SkmWorld,
) -> None:
    # A unit in a zone behind WIB (a branch abroad, say) still lives 14 Aug at 00.01 WIB.
    kk_unit = "DISDUKCAPIL-DAFDUK"  # no zone an import accepts: set in the table itself
    async with world.factory.db.session() as s:
        zone = update(UnitRow).where(col(UnitRow.code) == kk_unit).values(timezone="Asia/Kolkata")
        await s.exec(zone)  # UTC+5.30
        await s.commit()
    world.clock.set(datetime(2026, 8, 14, 16, 0, tzinfo=UTC))  # 21.30 in Kolkata, 14 Aug
    await world.rate(code="KK")
    world.clock.set(datetime(2026, 8, 14, 17, 1, tzinfo=UTC))  # 15 Aug in WIB, not in Kolkata
    assert (await world.surveys.clean_up()).marks == 0
    world.clock.set(datetime(2026, 8, 14, 18, 31, tzinfo=UTC))  # 00.01 in Kolkata
    assert (await world.surveys.clean_up()).marks == 1


async def test_a_saran_reaches_the_unit_s_admins_without_the_citizen_s_identity(
    world: SkmWorld,
) -> None:
    await world.grant(GLOBAL_ADMIN, 900, None)
    await world.grant(DUKCAPIL_ADMIN, 901, "DISDUKCAPIL")
    await world.grant(DINKES_ADMIN, 902, "DINKES")
    await world.rate(saran="Antrean terlalu lama", contact="0812 0000 1111")
    sent = await stored(world).outbox()
    assert sorted(row.chat_id for row in sent) == [900, 901]
    for row in sent:
        assert row.payload["key"] == "skm.forward.suggestion_contact"
        assert row.payload["params"]["text"] == "Antrean terlalu lama"
        assert row.payload["params"]["contact"] == "0812 0000 1111"
        assert str(CITIZEN.telegram_id) not in repr(row)


async def test_a_survey_without_saran_forwards_nothing(world: SkmWorld) -> None:
    await world.grant(GLOBAL_ADMIN, 900, None)
    await world.rate()
    assert await stored(world).outbox() == []


# --- reports, population and RTL ------------------------------------------------------------


async def test_a_report_groups_by_service_and_by_unit_with_the_exact_ikm(world: SkmWorld) -> None:
    await world.responses([4, 3])
    await world.responses([2], code="KK")
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


async def test_a_report_of_another_period_does_not_count_these_responses(world: SkmWorld) -> None:
    await world.responses([4])
    report = await world.reports.report(OPERATOR, Q4, service_code="KTP-EL")
    assert report.groups[0].result.respondents == 0


async def test_a_unit_head_reads_their_unit_s_report_and_a_plain_employee_may_not(
    world: SkmWorld,
) -> None:
    await world.responses([4, 3])
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
    world: SkmWorld,
) -> None:
    await world.responses([4, 4, 3])
    await world.grant(DUKCAPIL_ADMIN, 901, "DISDUKCAPIL")
    admin = await world.directory.identify(901)
    subject = FollowUp(ScopeKind.SERVICE, await world.service_id("KTP-EL"), Q3).subject
    turn = await world.conversations.begin(admin, POPULATION_FLOW, subject)
    done = await world.send(admin, turn, Text("1000"))
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


async def test_the_unit_head_s_rtl_is_shown_beside_the_next_period_s_figure(
    world: SkmWorld,
) -> None:
    await world.responses([4, 3, 2])
    head = await world.staff(HEAD_IDP, 800)
    ktp = await world.service_id("KTP-EL")
    turn = await world.conversations.begin(
        head, RTL_FLOW, FollowUp(ScopeKind.SERVICE, ktp, Q3).subject
    )
    assert "U1 (NRR 3.000)" in turn.questionnaire.steps[0].params["weakest"]
    turn = await world.press(head, turn, 2)  # U3
    turn = await world.send(head, turn, Text("Tambah satu loket perekaman pada jam sibuk"))
    done = await world.send(head, turn, Submit())
    assert done.outcome.notices[0].key == "skm.rtl.saved"
    world.clock.set(datetime(2026, 10, 20, 3, 0, tzinfo=UTC))
    await world.responses([4])
    report = await world.reports.report(OPERATOR, Q4, service_code="KTP-EL", details=True)
    [rtl] = report.groups[0].previous_rtl
    assert (rtl.unsur, rtl.nrr, rtl.period) == ("U3", "3.000", Q3)
    assert rtl.plan.startswith("Tambah satu loket")
    assert report.groups[0].result.nrr_display("U3") == 4


async def test_only_a_head_of_the_service_s_unit_or_above_records_an_rtl(world: SkmWorld) -> None:
    subject = FollowUp(ScopeKind.SERVICE, await world.service_id("KTP-EL"), Q3).subject
    await world.grant(GLOBAL_ADMIN, 900, None)
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


async def test_a_paper_import_stores_every_row_or_nothing(world: SkmWorld) -> None:
    good = b"service_code,date,u1,u2,u3,u4,u5,u6,u7,u8,u9\nKTP-EL,2026-08-01,4,4,4,4,4,4,4,4,4\n"
    bad = good + b"KTP-EL,2026-08-02,4,4,4,4,4,4,4,4,9\n"
    with pytest.raises(ImportRejected) as caught:
        await world.admin.import_paper(OPERATOR, bad)
    assert [(e.line, e.field) for e in caught.value.errors] == [(3, "u9")]
    assert await stored(world).responses() == []
    dry = await world.admin.import_paper(OPERATOR, good, dry_run=True)
    assert (dry.rows, dry.dry_run, await stored(world).responses()) == (1, True, [])
    await world.admin.import_paper(OPERATOR, good)
    report = await world.reports.report(OPERATOR, Q3, service_code="KTP-EL")
    assert report.groups[0].result.ikm_display == 100


# --- privacy: two transactions, forwarding, withheld figures ---------------------------------


async def test_the_response_is_stored_after_the_mark_s_transaction_committed(
    world: SkmWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[tuple[set[str], int]] = []
    store = SqlSkmResponseRepository.add

    async def spy(self: SqlSkmResponseRepository, responses: Sequence[SkmResponse]) -> list[int]:
        committed = stored(world)  # what other transactions can see right now
        seen.append((set(await committed.marks()), len(await committed.sessions())))
        return await store(self, responses)

    monkeypatch.setattr(SqlSkmResponseRepository, "add", spy)
    await world.rate()
    mark = respondent_mark(SECRET, CITIZEN.telegram_id, "KTP-EL", date(2026, 8, 14))
    # When the response is written, the mark is already committed and the session gone:
    # the response's transaction touches nothing that names the person.
    assert seen == [({mark}, 0)]


async def test_if_storing_fails_the_mark_is_released_and_the_review_page_comes_back(
    world: SkmWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def broken(self: SqlSkmResponseRepository, responses: Sequence[SkmResponse]) -> list[int]:
        raise ConnectionError("database went away")

    with monkeypatch.context() as patched:
        patched.setattr(SqlSkmResponseRepository, "add", broken)
        with pytest.raises(ConnectionError):
            await world.rate(saran="Antrean lama")
    state = stored(world)
    assert await state.marks() == []
    assert await state.responses() == []
    [session] = await state.sessions()
    assert (session.cursor, session.status) == (REVIEW, SessionStatus.ACTIVE.value)
    turn = await world.surveys.open(CITIZEN, "KTP-EL")  # the QR code again: the same answers
    assert turn.session.at_review
    assert turn.session.answers["suggestion"] == "Antrean lama"
    done = await world.send(CITIZEN, turn, Submit())
    assert done.session.status is SessionStatus.SUBMITTED
    assert len(await stored(world).responses()) == 1


async def test_a_response_kept_pending_by_a_process_that_died_is_stored_once_at_start_up(
    world: SkmWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 8: the process dies right after the first transaction (mark taken, session gone):
    the response is pending, not lost, and start-up stores it — once, with its saran."""
    await world.grant(GLOBAL_ADMIN, 900, None)

    async def killed(self: SurveyFlow, submission: object) -> tuple[()]:
        raise asyncio.CancelledError  # the second transaction never runs

    with monkeypatch.context() as patched:
        patched.setattr(SurveyFlow, "_store", killed)
        with pytest.raises(asyncio.CancelledError):
            await world.rate(saran="Antrean lama")
    state = stored(world)
    assert (len(await state.marks()), await state.sessions(), await state.responses()) == (
        1,
        [],
        [],
    )
    with pytest.raises(RateLimited):  # the citizen is told they rated today: and they did
        await world.surveys.open(CITIZEN, "KTP-EL")
    assert await world.surveys.complete_pending() == 1
    assert await world.surveys.complete_pending() == 0
    assert len(await stored(world).responses()) == 1
    assert [row.payload["params"]["text"] for row in await stored(world).outbox()] == [
        "Antrean lama"
    ]


async def test_a_chat_response_keeps_only_the_day_it_was_given(world: SkmWorld) -> None:
    await world.rate()  # 10.00 WIB
    [response] = await stored(world).responses()
    assert response.submitted_at == datetime(2026, 8, 13, 17, 0, tzinfo=UTC)  # 00.00 WIB
    assert response.local_date == date(2026, 8, 14)


async def test_a_saran_waits_for_the_unit_s_daily_digest_hour(world: SkmWorld) -> None:
    await world.grant(GLOBAL_ADMIN, 900, None)
    await world.rate(saran="Antrean terlalu lama")  # 10.00 WIB
    world.clock.set(datetime(2026, 8, 14, 10, 0, tzinfo=UTC))  # 17.00 WIB, after the digest
    await world.rate(Actor(4242, "id"), saran="Kursi kurang")
    due = {row.payload["params"]["text"]: row.not_before for row in await stored(world).outbox()}
    assert due == {
        "Antrean terlalu lama": datetime(2026, 8, 14, 9, 0, tzinfo=UTC),  # 16.00 WIB today
        "Kursi kurang": datetime(2026, 8, 15, 9, 0, tzinfo=UTC),  # 16.00 WIB tomorrow
    }
    created = {row.created_at for row in await stored(world).outbox()}
    assert created == {datetime(2026, 8, 13, 17, 0, tzinfo=UTC)}  # only the day


async def test_a_forwarded_saran_carries_its_day_as_a_date_for_each_reader_s_language(
    world: SkmWorld,
) -> None:
    await world.grant(GLOBAL_ADMIN, 900, None)
    await world.rate(saran="Antrean terlalu lama")
    [message] = await stored(world).queued()  # as the dispatcher reads it, typed
    assert message.params["date"] == date(2026, 8, 14)


async def test_a_chat_report_withholds_groups_under_the_minimum_and_never_shows_contacts(
    world: SkmWorld,
) -> None:
    world.reports = SkmReports(world.factory, min_respondents=3)
    await world.responses([4, 3, 4])  # KTP-EL: three
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
    await world.responses([4, 4, 4, 4], code="AKTA-LAHIR")
    await world.grant(GLOBAL_ADMIN, 900, None)
    admin = await world.directory.identify(900)
    dukcapil = await world.reports.scope_by_code(admin, "DISDUKCAPIL")
    lines = {g.code: g for g in (await world.reports.scope_report(admin, dukcapil, Q3)).groups}
    # KK's one respondent is hidden with the next smallest, KTP-EL's three; AKTA-LAHIR is shown.
    assert (lines["KK"].withheld, lines["KTP-EL"].withheld) == (True, True)
    assert lines["AKTA-LAHIR"].result.ikm_display == 100
    admin_export = await world.reports.report(OPERATOR, Q3, unit_code="DISDUKCAPIL", details=True)
    assert admin_export.suggestions[0].contact == "0812"  # the admins' command line: complete


async def test_a_scope_s_unit_is_taken_from_the_database_not_from_the_button(
    world: SkmWorld,
) -> None:
    await world.responses([4])
    head = await world.staff(HEAD_IDP, 800)  # may read DISDUKCAPIL-IDP only
    own = await world.reports.scope_by_code(head, "DISDUKCAPIL-IDP")
    foreign = Scope(ScopeKind.SERVICE, await world.service_id("KK"), "KK", "KK", own.unit_id)
    with pytest.raises(PermissionDenied):
        await world.reports.scope_report(head, foreign, Q3)


async def test_a_moved_service_takes_its_responses_to_its_new_unit(world: SkmWorld) -> None:
    await world.responses([4, 3])
    await world.change_service("KTP-EL", unit_code="DISDUKCAPIL-CAPIL")  # re-imported elsewhere
    by_unit = await world.reports.report(OPERATOR, Q3, unit_code="DISDUKCAPIL", by=Grouping.UNIT)
    shown = {g.code: g.result.respondents for g in by_unit.groups}
    assert shown["DISDUKCAPIL-CAPIL"] == 2
    assert shown.get("DISDUKCAPIL-IDP", 0) == 0
    capil_only = await world.reports.report(OPERATOR, Q3, unit_code="DISDUKCAPIL-CAPIL")
    assert {g.code: g.result.respondents for g in capil_only.groups}["KTP-EL"] == 2


async def test_this_quarter_is_the_quarter_at_the_scope_s_counter(world: SkmWorld) -> None:
    await world.grant(GLOBAL_ADMIN, 900, None)
    admin = await world.directory.identify(900)
    scope = await world.reports.scope_by_code(admin, "KTP-EL")
    new_year_in_wib = datetime(2026, 12, 31, 18, 0, tzinfo=UTC)  # 1 Jan 2027, 01.00 WIB
    period = await world.reports.period_of(scope, ReportSpan.QUARTER, new_year_in_wib)
    assert period == ReportPeriod(date(2027, 1, 1), date(2027, 3, 31), ReportSpan.QUARTER)


async def test_an_inactive_service_with_responses_can_still_be_reported_in_the_chat(
    world: SkmWorld,
) -> None:
    await world.responses([4])
    await world.change_service("KTP-EL", active=False)
    await world.grant(GLOBAL_ADMIN, 900, None)
    admin = await world.directory.identify(900)
    codes = {s.code for s in await world.reports.scopes(admin)}
    assert "KTP-EL" in codes
    assert "IUMK" not in codes  # inactive and never rated


async def test_plans_of_two_periods_ending_the_same_day_are_not_both_shown(world: SkmWorld) -> None:
    ktp = await world.service_id("KTP-EL")
    semester = ReportPeriod(date(2026, 1, 1), date(2026, 6, 30))
    q2 = ReportPeriod(date(2026, 4, 1), date(2026, 6, 30))
    async with world.factory() as uow:
        for period, plan in ((semester, "Semester plan"), (q2, "Quarter plan")):
            await uow.skm_follow_up.save_rtl(
                Rtl(ScopeKind.SERVICE, ktp, period, "U3", "3.000", plan, world.clock.now(), "x")
            )
        await uow.commit()
    report = await world.reports.report(OPERATOR, Q3, service_code="KTP-EL", details=True)
    assert [r.plan for r in report.groups[0].previous_rtl] == ["Quarter plan"]
