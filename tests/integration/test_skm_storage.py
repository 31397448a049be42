"""SKM storage on SQLite and PostgreSQL: SQL aggregates equal the exact domain arithmetic, the
daily-limit marks, populations and RTL, the paper import, and the survey through the database."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import text

from domain.actors import Actor
from domain.engine.conversations import Conversations
from domain.engine.questionnaire import Press, Skip, Submit, Text
from domain.errors import ImportRejected, InvalidValue, RateLimited
from domain.org.admin import OrgAdministration
from domain.skm.admin import SkmAdministration
from domain.skm.ikm import UNSUR_CODES
from domain.skm.report_model import Grouping, ResponseFilter
from domain.skm.report_period import ReportPeriod
from domain.skm.reports import SkmReports
from domain.skm.survey import QUESTIONNAIRE_ID, Channel, SkmResponse
from domain.skm.survey_flow import SkmSurveys, SurveyFlow, SurveyPolicy
from tests.conftest import SECRET
from tests.support.fakes.seeding import OPERATOR, demo_csv


async def _sql(tx, statement, params=None):
    connection = await tx.session.connection()
    return await connection.execute(statement, params)


YEAR = ReportPeriod(date(2026, 1, 1), date(2026, 12, 31))
NOW = datetime(2026, 11, 27, 3, 0, tzinfo=UTC)


@pytest.fixture
async def org(uow, clock):
    admin = OrgAdministration(uow, clock)
    for kind in ("units", "employees", "services"):
        await getattr(admin, f"import_{kind}")(OPERATOR, demo_csv(kind))
    async with uow(readonly=True) as tx:
        return {s.code: s for s in await tx.org.services(limit=100)}


async def test_the_database_refuses_a_score_outside_one_to_four(uow, org):
    ktp = org["KTP-EL"]
    async with uow() as tx:
        with pytest.raises(Exception, match=r"(?i)check|constraint"):
            await _sql(
                tx,
                text(
                    "INSERT INTO skm_responses (service_id, unit_id, submitted_at, local_date, "
                    "channel, u1) VALUES (:s, :u, :t, :d, 'paper', 5)"
                ),
                {
                    "s": ktp.id,
                    "u": ktp.unit_id,
                    "t": NOW.replace(tzinfo=None),
                    "d": date(2026, 1, 1),
                },
            )


async def test_the_paper_import_is_all_or_nothing_and_reports_every_line(uow, org, clock):
    admin = SkmAdministration(uow, clock)
    header = (
        "service_code,date,u1,u2,u3,u4,u5,u6,u7,u8,u9,gender,age,education,occupation,suggestion\n"
    )
    good = 'KTP-EL,2026-08-01,4,3,3,4,3,4,4,3,4,P,34,S1,PNS,"Antrean lama, tambah loket"\n'
    bad = "KK,2026-08-02,4,4,4,4,4,4,4,4,0,,,,,\nNOPE,2026-08-03,4,4,4,4,4,4,4,4,4,,,,,\n"
    with pytest.raises(ImportRejected) as caught:
        await admin.import_paper(OPERATOR, (header + good + bad).encode())
    assert [(e.line, e.field) for e in caught.value.errors] == [(3, "u9"), (4, "service_code")]
    async with uow(readonly=True) as tx:
        assert await tx.skm_queries.aggregate(ResponseFilter(YEAR), by=Grouping.ALL) == []
    result = await admin.import_paper(OPERATOR, (header + good * 3).encode())
    assert result.rows == 3
    async with uow(readonly=True) as tx:
        [group] = await tx.skm_queries.aggregate(ResponseFilter(YEAR), by=Grouping.SERVICE)
        profile = await tx.skm_queries.profile_counts(ResponseFilter(YEAR), by=Grouping.SERVICE)
        saran = await tx.skm_queries.suggestions(
            ResponseFilter(YEAR), by=Grouping.SERVICE, limit=10
        )
        channels = (
            (await _sql(tx, text("SELECT DISTINCT channel FROM skm_responses"))).scalars().all()
        )
    assert (group.group_id, group.respondents) == (org["KTP-EL"].id, 3)
    assert {(p.field, p.value, p.count) for p in profile} == {
        ("gender", "P", 3),
        ("age", "30-39", 3),
        ("education", "S1", 3),
        ("occupation", "PNS", 3),
    }
    assert [(s.service_code, s.text, s.channel) for s in saran] == [
        ("KTP-EL", "Antrean lama, tambah loket", "paper")
    ] * 3
    assert channels == ["paper"]


async def test_a_survey_through_the_database_stores_no_telegram_id_and_refuses_a_second_one(
    uow, clock, org
):
    policy = SurveyPolicy(SECRET, responses_per_day=1, default_timezone="Asia/Jakarta")
    conversations = Conversations(uow, clock, {QUESTIONNAIRE_ID: SurveyFlow(policy, uow)})
    surveys = SkmSurveys(uow, clock, conversations, policy)
    citizen = Actor(987_654_321, "id")
    turn = await surveys.open(citizen, "KTP-EL")
    for event in [
        *(Press(3) for _ in UNSUR_CODES),
        *(Skip() for _ in range(4)),
        Text("Ruang tunggu panas"),
        Skip(),
        Submit(),
    ]:
        turn = await conversations.handle(
            citizen, event, session_id=turn.session.id, version=turn.session.version
        )
        assert turn is not None
        assert turn.error is None
    assert turn.outcome.notices[0].key == "skm.survey.thanks_no_ikm"
    with pytest.raises(RateLimited):
        await surveys.open(citizen, "KTP-EL")
    async with uow(readonly=True) as tx:
        for table in ("skm_responses", "skm_marks", "conversation_sessions", "outbox"):
            rows = (await _sql(tx, text(f"SELECT * FROM {table}"))).all()
            assert "987654321" not in repr(rows), table
        sessions = (await _sql(tx, text("SELECT count(*) FROM conversation_sessions"))).scalar()
    assert sessions == 0


async def test_the_report_use_case_on_the_database_lists_every_active_service_in_scope(uow, org):
    ktp = org["KTP-EL"]
    async with uow() as tx:
        await tx.skm_responses.add(
            [
                SkmResponse(
                    ktp.id,
                    ktp.unit_id,
                    NOW,
                    date(2026, 8, 1),
                    Channel.PAPER,
                    dict.fromkeys(UNSUR_CODES, 3),
                )
            ]
        )
        await tx.commit()
    report = await SkmReports(uow).report(OPERATOR, YEAR, unit_code="DISDUKCAPIL", details=True)
    shown = {g.code: g.result.ikm_display for g in report.groups}
    assert shown == {"AKTA-LAHIR": None, "AKTA-MATI": None, "KK": None, "KTP-EL": 75}
    assert dict(report.groups[-1].profile) == {
        "gender": {None: 1},
        "age": {None: 1},
        "education": {None: 1},
        "occupation": {None: 1},
    }


# --- the daily limit under concurrency, and what links a person to a response -----------------


def _survey(uow, clock):
    policy = SurveyPolicy(SECRET, responses_per_day=1, default_timezone="Asia/Jakarta")
    conversations = Conversations(uow, clock, {QUESTIONNAIRE_ID: SurveyFlow(policy, uow)})
    return conversations, SkmSurveys(uow, clock, conversations, policy)


async def _to_review(conversations, citizen, turn):
    for event in [*(Press(2) for _ in UNSUR_CODES), *(Skip() for _ in range(5))]:
        turn = await conversations.handle(
            citizen, event, session_id=turn.session.id, version=turn.session.version
        )
        assert turn.error is None
    assert turn.session.at_review
    return turn


async def test_two_devices_submitting_at_once_store_one_response(uow, clock, org):
    conversations, surveys = _survey(uow, clock)
    citizen = Actor(555_000_222, "id")
    turn = await _to_review(conversations, citizen, await surveys.open(citizen, "KTP-EL"))
    async with uow() as tx:  # the same survey opened on a second device before either sent it
        twin = await tx.sessions.add(replace(turn.session, id=None))
        await tx.commit()

    async def submit(session):
        return await conversations.handle(
            citizen, Submit(), session_id=session.id, version=session.version
        )

    done = await asyncio.gather(submit(turn.session), submit(twin))
    keys = sorted(n.key for d in done for n in d.outcome.notices)
    assert keys == ["error.rate_limited.skm_today", "skm.survey.thanks_no_ikm"]
    async with uow(readonly=True) as tx:
        assert (await _sql(tx, text("SELECT count(*) FROM skm_responses"))).scalar() == 1
        assert (await _sql(tx, text("SELECT count(*) FROM conversation_sessions"))).scalar() == 0


async def test_nothing_in_the_database_ties_the_mark_to_the_response(uow, clock, org, database):
    conversations, surveys = _survey(uow, clock)
    for number in range(3):
        citizen = Actor(555_100_000 + number, "id")
        turn = await _to_review(conversations, citizen, await surveys.open(citizen, "KTP-EL"))
        await conversations.handle(
            citizen, Submit(), session_id=turn.session.id, version=turn.session.version
        )
    async with uow(readonly=True) as tx:
        if database.is_sqlite:
            # WITHOUT ROWID: marks are kept in hash order, not in the order they were taken.
            with pytest.raises(Exception, match="rowid"):
                await _sql(tx, text("SELECT rowid FROM skm_marks"))
            return
        marks = set((await _sql(tx, text("SELECT xmin::text FROM skm_marks"))).scalars())
        responses = set((await _sql(tx, text("SELECT xmin::text FROM skm_responses"))).scalars())
        times = set((await _sql(tx, text("SELECT submitted_at FROM skm_responses"))).scalars())
    assert len(marks) == len(responses) == 3
    assert not marks & responses  # never written by the same transaction
    assert times == {datetime(2026, 11, 26, 17, 0, tzinfo=UTC)}  # only the day (00.00 WIB)


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)  # a SQLite setting
async def test_sqlite_overwrites_deleted_rows(database):
    async with database.write_engine.connect() as connection:
        found = (await connection.execute(text("PRAGMA secure_delete"))).scalar()
    assert found == 1


async def test_the_clean_up_forgets_abandoned_surveys_and_old_marks_in_the_database(
    uow, clock, org
):
    _, surveys = _survey(uow, clock)
    await surveys.open(Actor(555_200_000, "id"), "KK")
    async with uow() as tx:
        await tx.skm_marks.take("d" * 64, day=date(2026, 11, 26), limit=1)
        await tx.skm_marks.take("e" * 64, day=date(2026, 11, 27), limit=1)
        await tx.commit()
    clock.advance(hours=25)  # 28 Nov, 11.00 WIB
    done = await surveys.clean_up()
    assert (done.sessions, done.marks) == (1, 2)
    async with uow(readonly=True) as tx:
        assert (await _sql(tx, text("SELECT count(*) FROM skm_marks"))).scalar() == 0
        assert (await _sql(tx, text("SELECT count(*) FROM conversation_sessions"))).scalar() == 0


# --- reports on the current organisation, in one pass -----------------------------------------


async def test_a_moved_service_s_responses_follow_it_to_its_new_unit(uow, org, clock):
    ktp = org["KTP-EL"]
    responses = [
        SkmResponse(ktp.id, ktp.unit_id, NOW, date(2026, 8, 1), Channel.PAPER, {"U1": 4})
    ] * 3
    async with uow() as tx:
        await tx.skm_responses.add(responses)
        await tx.commit()
    moved = demo_csv("services").replace(
        b"KTP-EL,Perekaman dan Pencetakan KTP-el,DISDUKCAPIL-IDP",
        b"KTP-EL,Perekaman dan Pencetakan KTP-el,DISDUKCAPIL-CAPIL",
    )
    assert moved != demo_csv("services")
    await OrgAdministration(uow, clock).import_services(OPERATOR, moved)
    reports = SkmReports(uow)
    by_unit = await reports.report(OPERATOR, YEAR, unit_code="DISDUKCAPIL", by=Grouping.UNIT)
    shown = {g.code: g.result.respondents for g in by_unit.groups}
    assert shown["DISDUKCAPIL-CAPIL"] == 3
    assert shown.get("DISDUKCAPIL-IDP", 0) == 0
    capil = await reports.report(OPERATOR, YEAR, unit_code="DISDUKCAPIL-CAPIL")
    assert {g.code: g.result.respondents for g in capil.groups}["KTP-EL"] == 3
    async with uow(readonly=True) as tx:
        profile = await tx.skm_queries.profile_counts(ResponseFilter(YEAR), by=Grouping.UNIT)
    capil_id = next(g.id for g in by_unit.groups if g.code == "DISDUKCAPIL-CAPIL")
    assert {(p.group_id, p.field, p.value, p.count) for p in profile if p.field == "gender"} == {
        (capil_id, "gender", None, 3)
    }


async def test_the_same_paper_file_twice_is_refused_on_the_database(uow, org, clock):
    admin = SkmAdministration(uow, clock)
    data = b"service_code,date,u1,u2,u3,u4,u5,u6,u7,u8,u9\nKTP-EL,2026-08-01,4,4,4,4,4,4,4,4,4\n"
    await admin.import_paper(OPERATOR, data)
    with pytest.raises(InvalidValue) as caught:
        await admin.import_paper(OPERATOR, data)
    assert caught.value.params["imported_at"] == NOW
    await admin.import_paper(OPERATOR, data, force=True)
    async with uow(readonly=True) as tx:
        assert (await _sql(tx, text("SELECT count(*) FROM skm_responses"))).scalar() == 2
        assert (await _sql(tx, text("SELECT count(*) FROM skm_paper_imports"))).scalar() == 1
