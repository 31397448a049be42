"""SKM storage on SQLite and PostgreSQL: SQL aggregates equal the exact domain arithmetic, the
daily-limit marks, populations and RTL, the paper import, and the survey through the database."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import text

from domain.errors import ImportRejected, RateLimited
from domain.identity import Actor
from domain.questionnaire import Press, Skip, Submit, Text
from domain.services.conversation import Conversations
from domain.services.org import OrgAdministration
from domain.services.skm_admin import SkmAdministration
from domain.services.skm_reports import SkmReports
from domain.services.skm_survey import SkmSurveys, SurveyFlow, SurveyPolicy
from domain.skm import UNSUR_CODES, compute_ikm, tally
from domain.skm_report import Grouping, Period, Population, ResponseFilter, Rtl, ScopeKind
from domain.skm_survey import QUESTIONNAIRE_ID, Channel, SkmResponse
from tests.conftest import SECRET
from tests.fakes import demo_csv


async def _sql(tx, statement, params=None):
    connection = await tx.session.connection()
    return await connection.execute(statement, params)


YEAR = Period(date(2026, 1, 1), date(2026, 12, 31))
NOW = datetime(2026, 11, 27, 3, 0, tzinfo=UTC)


@pytest.fixture
async def org(uow, clock):
    admin = OrgAdministration(uow, clock)
    for kind in ("units", "employees", "services"):
        await getattr(admin, f"import_{kind}")(demo_csv(kind))
    async with uow(readonly=True) as tx:
        return {s.code: s for s in await tx.org.services(limit=100)}


def _random_responses(services, count: int, seed: int) -> list[SkmResponse]:
    rnd = random.Random(seed)
    found = []
    for _ in range(count):
        service = rnd.choice(services)
        scores = {c: rnd.randint(1, 4) for c in UNSUR_CODES if rnd.random() > 0.1}
        day = date(2026, 1, 1) + timedelta(days=rnd.randrange(365))
        profile = {"gender": rnd.choice("LP")} if rnd.random() > 0.5 else {}
        found.append(
            SkmResponse(service.id, service.unit_id, NOW, day, Channel.PAPER, scores, profile)
        )
    return found


async def test_sql_aggregates_give_exactly_the_domain_s_ikm_for_every_group(uow, org):
    services = [org["KTP-EL"], org["KK"], org["NIB"]]
    responses = _random_responses(services, 400, seed=1)
    async with uow() as tx:
        ids = await tx.skm.add_responses(responses)
        await tx.commit()
    assert len(set(ids)) == 400
    async with uow(readonly=True) as tx:
        by_service = await tx.skm.aggregate(ResponseFilter(YEAR), by=Grouping.SERVICE)
        by_unit = await tx.skm.aggregate(ResponseFilter(YEAR), by=Grouping.UNIT)
        everything = await tx.skm.aggregate(ResponseFilter(YEAR), by=Grouping.ALL)
    for group in by_service:
        mine = [r.scores for r in responses if r.service_id == group.group_id]
        assert group.result == compute_ikm(tally(mine), len(mine))
    for group in by_unit:
        mine = [r.scores for r in responses if r.unit_id == group.group_id]
        assert group.result == compute_ikm(tally(mine), len(mine))
    [total] = everything
    assert total.group_id is None
    assert total.result == compute_ikm(tally([r.scores for r in responses]), 400)


async def test_aggregates_honour_the_period_and_the_unit_and_service_filters(uow, org):
    ktp, kk = org["KTP-EL"], org["KK"]
    responses = [
        SkmResponse(ktp.id, ktp.unit_id, NOW, date(2026, 3, 31), Channel.PAPER, {"U1": 4}),
        SkmResponse(ktp.id, ktp.unit_id, NOW, date(2026, 4, 1), Channel.PAPER, {"U1": 2}),
        SkmResponse(kk.id, kk.unit_id, NOW, date(2026, 4, 1), Channel.PAPER, {"U1": 1}),
    ]
    async with uow() as tx:
        await tx.skm.add_responses(responses)
        await tx.commit()
    q2 = Period(date(2026, 4, 1), date(2026, 6, 30))
    async with uow(readonly=True) as tx:
        [only] = await tx.skm.aggregate(ResponseFilter(q2, service_ids=(ktp.id,)), by=Grouping.ALL)
        by_unit = await tx.skm.aggregate(
            ResponseFilter(q2, unit_ids=(kk.unit_id,)), by=Grouping.SERVICE
        )
        none = await tx.skm.aggregate(
            ResponseFilter(Period(date(2025, 1, 1), date(2025, 12, 31))), by=Grouping.ALL
        )
    assert (only.respondents, only.result.nrr["U1"]) == (1, 2)
    assert [(g.group_id, g.respondents) for g in by_unit] == [(kk.id, 1)]
    assert none == []


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


async def test_a_mark_counts_responses_up_to_the_daily_limit_and_old_marks_are_pruned(uow, org):
    day = date(2026, 11, 27)
    async with uow() as tx:
        assert await tx.skm.take_mark("a" * 64, day=day - timedelta(days=3), limit=1)
        assert await tx.skm.take_mark("b" * 64, day=day, limit=2)
        assert await tx.skm.take_mark("b" * 64, day=day, limit=2)
        assert not await tx.skm.take_mark("b" * 64, day=day, limit=2)
        await tx.commit()
    async with uow(readonly=True) as tx:
        assert await tx.skm.mark_count("b" * 64) == 2
        assert await tx.skm.mark_count("a" * 64) == 0  # pruned: its day is long over
        stored = (await _sql(tx, text("SELECT mark FROM skm_marks"))).scalars().all()
    assert stored == ["b" * 64]


async def test_populations_and_rtl_are_stored_replaced_and_found_for_the_next_period(uow, org):
    ktp = org["KTP-EL"]
    q1, q2 = (
        Period(date(2026, 1, 1), date(2026, 3, 31)),
        Period(date(2026, 4, 1), date(2026, 6, 30)),
    )
    async with uow() as tx:
        await tx.skm.save_population(Population(ScopeKind.SERVICE, ktp.id, q1, 500, NOW, "cli"))
        await tx.skm.save_population(Population(ScopeKind.SERVICE, ktp.id, q1, 1000, NOW, "cli"))
        for period, plan in ((q1, "Tambah loket"), (q1, "Tambah dua loket")):
            await tx.skm.save_rtl(
                Rtl(ScopeKind.SERVICE, ktp.id, period, "U3", "3.448", plan, NOW, "x")
            )
        await tx.skm.save_rtl(Rtl(ScopeKind.SERVICE, ktp.id, q1, "U8", "3.100", "Kursi", NOW, "x"))
        await tx.commit()
    async with uow(readonly=True) as tx:
        assert await tx.skm.populations(ScopeKind.SERVICE, [ktp.id], q1) == {ktp.id: 1000}
        assert await tx.skm.populations(ScopeKind.SERVICE, [ktp.id], q2) == {}
        found = await tx.skm.previous_rtl(ScopeKind.SERVICE, [ktp.id], q2.date_from)
        same_period = await tx.skm.previous_rtl(ScopeKind.SERVICE, [ktp.id], q1.date_from)
    assert [(r.unsur, r.plan, r.period) for r in found] == [
        ("U3", "Tambah dua loket", q1),
        ("U8", "Kursi", q1),
    ]
    assert found[0].recorded_at == NOW
    assert same_period == []


async def test_the_admins_of_a_unit_are_those_whose_grant_covers_it_and_who_have_an_account(
    uow, org, clock
):
    admin = OrgAdministration(uow, clock)
    await admin.grant_admin("198311232009042001")  # everything
    await admin.grant_admin("198004172005012003", "DISDUKCAPIL")
    await admin.grant_admin("198103032008031002", "DINKES")
    await admin.grant_admin("199608182022042001", "DISDUKCAPIL")  # no Telegram account yet
    async with uow() as tx:
        for nip, chat in (
            ("198311232009042001", 900),
            ("198004172005012003", 901),
            ("198103032008031002", 902),
        ):
            member = await tx.org.member_by_nip(nip)
            await tx.org.bind_telegram(member.id, chat)
        await tx.commit()
    async with uow(readonly=True) as tx:
        path = await tx.org.unit_path(org["KTP-EL"].unit_id)
        assert await tx.skm.admin_chats(path) == [901, 900]  # in employee order; 902 is DINKES


async def test_the_paper_import_is_all_or_nothing_and_reports_every_line(uow, org, clock):
    admin = SkmAdministration(uow, clock)
    header = (
        "service_code,date,u1,u2,u3,u4,u5,u6,u7,u8,u9,gender,age,education,occupation,suggestion\n"
    )
    good = 'KTP-EL,2026-08-01,4,3,3,4,3,4,4,3,4,P,34,S1,PNS,"Antrean lama, tambah loket"\n'
    bad = "KK,2026-08-02,4,4,4,4,4,4,4,4,0,,,,,\nNOPE,2026-08-03,4,4,4,4,4,4,4,4,4,,,,,\n"
    with pytest.raises(ImportRejected) as caught:
        await admin.import_paper((header + good + bad).encode())
    assert [(e.line, e.field) for e in caught.value.errors] == [(3, "u9"), (4, "service_code")]
    async with uow(readonly=True) as tx:
        assert await tx.skm.aggregate(ResponseFilter(YEAR), by=Grouping.ALL) == []
    result = await admin.import_paper((header + good * 3).encode())
    assert result.rows == 3
    async with uow(readonly=True) as tx:
        [group] = await tx.skm.aggregate(ResponseFilter(YEAR), by=Grouping.SERVICE)
        profile = await tx.skm.profile_counts(ResponseFilter(YEAR), by=Grouping.SERVICE)
        saran = await tx.skm.suggestions(ResponseFilter(YEAR), by=Grouping.SERVICE, limit=10)
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
    conversations = Conversations(uow, clock, {QUESTIONNAIRE_ID: SurveyFlow(policy)})
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
    assert turn.outcome.notices[0].params["ikm"] == 100
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
        await tx.skm.add_responses(
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
    report = await SkmReports(uow).report(YEAR, unit_code="DISDUKCAPIL", details=True)
    shown = {g.code: g.result.ikm_display for g in report.groups}
    assert shown == {"AKTA-LAHIR": None, "AKTA-MATI": None, "KK": None, "KTP-EL": 75}
    assert dict(report.groups[-1].profile) == {
        "gender": {None: 1},
        "age": {None: 1},
        "education": {None: 1},
        "occupation": {None: 1},
    }
