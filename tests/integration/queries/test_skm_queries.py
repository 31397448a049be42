"""The SKM's report queries (``SkmQueries``) on SQLite and PostgreSQL: the SQL aggregates equal
the exact domain arithmetic, filters and groupings, profile counts in one pass, the saran.

These are the only tests of the queries: the fakes have no copy of them, so nothing here runs
in memory (``docs/architecture.md``, *Ports*).
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

import pytest

from domain.org.admin import OrgAdministration
from domain.skm.ikm import UNSUR_CODES, compute_ikm, tally
from domain.skm.report_model import Grouping, ResponseFilter
from domain.skm.report_period import ReportPeriod
from domain.skm.reports import SkmReports
from domain.skm.survey import Channel, SkmResponse
from tests.support.fakes.seeding import OPERATOR, demo_csv

YEAR = ReportPeriod(date(2026, 1, 1), date(2026, 12, 31))
NOW = datetime(2026, 11, 27, 3, 0, tzinfo=UTC)


@pytest.fixture
async def org(uow, clock):
    admin = OrgAdministration(uow, clock)
    for kind in ("units", "employees", "services"):
        await getattr(admin, f"import_{kind}")(OPERATOR, demo_csv(kind))
    async with uow(readonly=True) as tx:
        return {s.code: s for s in await tx.org.services(limit=100)}


async def add(uow, responses: list[SkmResponse]) -> None:
    async with uow() as tx:
        await tx.skm_responses.add(responses)
        await tx.commit()


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
        ids = await tx.skm_responses.add(responses)
        await tx.commit()
    assert len(set(ids)) == 400
    async with uow(readonly=True) as tx:
        by_service = await tx.skm_queries.aggregate(ResponseFilter(YEAR), by=Grouping.SERVICE)
        by_unit = await tx.skm_queries.aggregate(ResponseFilter(YEAR), by=Grouping.UNIT)
        everything = await tx.skm_queries.aggregate(ResponseFilter(YEAR), by=Grouping.ALL)
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
        await tx.skm_responses.add(responses)
        await tx.commit()
    q2 = ReportPeriod(date(2026, 4, 1), date(2026, 6, 30))
    async with uow(readonly=True) as tx:
        [only] = await tx.skm_queries.aggregate(
            ResponseFilter(q2, service_ids=(ktp.id,)), by=Grouping.ALL
        )
        by_unit = await tx.skm_queries.aggregate(
            ResponseFilter(q2, service_ids=(kk.id,)), by=Grouping.SERVICE
        )
        none = await tx.skm_queries.aggregate(
            ResponseFilter(ReportPeriod(date(2025, 1, 1), date(2025, 12, 31))), by=Grouping.ALL
        )
    assert (only.respondents, only.result.nrr["U1"]) == (1, 2)
    assert [(g.group_id, g.respondents) for g in by_unit] == [(kk.id, 1)]
    assert none == []


async def test_profile_counts_in_one_pass_equal_a_group_by_per_field(uow, org):
    services = [org["KTP-EL"], org["KK"]]
    rnd = random.Random(7)
    responses = []
    for _ in range(300):
        service = rnd.choice(services)
        profile = {
            "gender": rnd.choice("LP"),
            "age": rnd.choice(["lt20", "20-29", "60+"]),
            "education": rnd.choice(["SD", "S1", "S3"]),
        }
        profile = {k: v for k, v in profile.items() if rnd.random() > 0.2}
        responses.append(
            SkmResponse(service.id, service.unit_id, NOW, date(2026, 5, 5), Channel.PAPER,
                        {"U1": 3}, profile)
        )  # fmt: skip
    async with uow() as tx:
        await tx.skm_responses.add(responses)
        await tx.commit()
    async with uow(readonly=True) as tx:
        counted = await tx.skm_queries.profile_counts(ResponseFilter(YEAR), by=Grouping.SERVICE)
        whole = await tx.skm_queries.profile_counts(ResponseFilter(YEAR), by=Grouping.ALL)
    expected: dict[tuple, int] = {}
    for r in responses:
        for key in ("gender", "age", "education", "occupation"):
            slot = (r.service_id, key, r.profile.get(key))
            expected[slot] = expected.get(slot, 0) + 1
    assert {(p.group_id, p.field, p.value): p.count for p in counted} == expected
    assert sum(p.count for p in whole if p.field == "gender") == 300


async def test_every_saran_for_an_export_and_their_count(uow, org):
    ktp = org["KTP-EL"]
    responses = [
        SkmResponse(ktp.id, ktp.unit_id, NOW, date(2026, 8, 1), Channel.PAPER, {"U1": 4},
                    suggestion=f"saran {n}")
        for n in range(600)
    ]  # fmt: skip
    async with uow() as tx:
        await tx.skm_responses.add(responses)
        await tx.commit()
    report = await SkmReports(uow).report(OPERATOR, YEAR, service_code="KTP-EL", details=True)
    assert len(report.suggestions) == report.suggestions_total == 600
    async with uow(readonly=True) as tx:
        assert await tx.skm_queries.suggestion_count(ResponseFilter(YEAR)) == 600
        newest = await tx.skm_queries.suggestions(ResponseFilter(YEAR), by=Grouping.ALL, limit=500)
    assert len(newest) == 500


async def test_groups_come_in_group_order_and_only_those_with_responses(uow, org):
    services = sorted([org["KTP-EL"], org["KK"], org["NIB"]], key=lambda s: -s.id)
    responses = [
        SkmResponse(s.id, s.unit_id, NOW, date(2026, 5, 5), Channel.TELEGRAM, {"U1": 3})
        for s in services
    ]
    await add(uow, responses)
    async with uow(readonly=True) as tx:
        by_service = await tx.skm_queries.aggregate(ResponseFilter(YEAR), by=Grouping.SERVICE)
        by_unit = await tx.skm_queries.aggregate(ResponseFilter(YEAR), by=Grouping.UNIT)
    assert [g.group_id for g in by_service] == sorted(s.id for s in services)
    assert [g.group_id for g in by_unit] == sorted({s.unit_id for s in services})
    assert org["AKTA-LAHIR"].id not in {g.group_id for g in by_service}


def said(
    service, day: date, saran: str | None, *, contact=None, channel=Channel.TELEGRAM
) -> SkmResponse:
    return SkmResponse(
        service.id, service.unit_id, NOW, day, channel, {"U1": 4}, {}, saran, contact
    )


async def test_the_saran_come_newest_first_with_their_group_and_only_those_written(uow, org):
    ktp, kk = org["KTP-EL"], org["KK"]
    responses = [
        said(ktp, date(2026, 3, 1), "lama", channel=Channel.PAPER),
        said(kk, date(2026, 9, 1), "baru", contact="0812"),
        said(ktp, date(2026, 9, 1), "juga"),
        said(ktp, date(2026, 9, 2), None),  # no saran
        said(ktp, date(2025, 9, 2), "tahun lalu"),  # another year
    ]
    await add(uow, responses)
    where = ResponseFilter(YEAR)
    async with uow(readonly=True) as tx:
        by_service = await tx.skm_queries.suggestions(where, by=Grouping.SERVICE)
        by_unit = await tx.skm_queries.suggestions(where, by=Grouping.UNIT, limit=2)
        everything = await tx.skm_queries.suggestions(where, by=Grouping.ALL)
        only_kk = await tx.skm_queries.suggestions(
            ResponseFilter(YEAR, service_ids=(kk.id,)), by=Grouping.SERVICE
        )
        counted = await tx.skm_queries.suggestion_count(where)
    # Newest day first; of one day, the later response first.
    assert [(s.group_id, s.service_code, s.text) for s in by_service] == [
        (ktp.id, "KTP-EL", "juga"),
        (kk.id, "KK", "baru"),
        (ktp.id, "KTP-EL", "lama"),
    ]
    assert [(s.local_date, s.channel, s.contact) for s in by_service] == [
        (date(2026, 9, 1), "telegram", None),
        (date(2026, 9, 1), "telegram", "0812"),
        (date(2026, 3, 1), "paper", None),
    ]
    assert [(s.group_id, s.text) for s in by_unit] == [(ktp.unit_id, "juga"), (kk.unit_id, "baru")]
    assert {s.group_id for s in everything} == {None}
    assert [s.text for s in only_kk] == ["baru"]
    assert counted == 3


async def test_which_services_were_ever_answered(uow, org):
    ktp, kk, nib = org["KTP-EL"], org["KK"], org["NIB"]
    await add(
        uow,
        [
            SkmResponse(ktp.id, ktp.unit_id, NOW, date(2019, 1, 1), Channel.PAPER, {"U1": 1}),
            SkmResponse(kk.id, kk.unit_id, NOW, date(2026, 1, 1), Channel.PAPER, {"U1": 1}),
        ],
    )
    async with uow(readonly=True) as tx:
        assert await tx.skm_queries.services_with_responses([ktp.id, nib.id]) == {ktp.id}
        assert await tx.skm_queries.services_with_responses([]) == set()
        everything = [s.id for s in org.values()]
        assert await tx.skm_queries.services_with_responses(everything) == {ktp.id, kk.id}
