"""What people see of the appraisal cycle (``Appraisals``) on the fakes, with the demo
organisation: periods, SKP, a supervisor's team, cases, results, acknowledging, the
distribution of predikat in a unit (who may see which; the figures themselves come from a report
query and are tested on the databases: ``tests/integration/test_appraisal_distribution.py``), and
the tasks waiting in the menu.

Appraisals are put in place through the aggregate's own methods and the repository; the flows
that produce them in the bot are tested in ``test_appraisal_flows.py``.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from domain.actors import Actor
from domain.appraisal.model import Appraisal, AppraisalStatus
from domain.appraisal.period_admin import PeriodAdministration, PeriodDraft
from domain.appraisal.periods import PeriodKind, PeriodStatus
from domain.appraisal.predikat import Predikat, Rating
from domain.appraisal.use_cases import Appraisals
from domain.errors import (
    InvalidTransition,
    InvalidValue,
    NotFound,
    PeriodNotOpen,
    PermissionDenied,
)
from domain.messages import Notice, TextRef
from domain.org.admin import OrgAdministration
from domain.org.directory import actor_of
from domain.org.structure import Unit
from tests.support.clock import FixedClock
from tests.support.fakes.seeding import demo_world
from tests.support.fakes.unit_of_work import FakeUnitOfWorkFactory

OPERATOR = Actor.operator()  # the command line: every administrative right

WIB = ZoneInfo("Asia/Jakarta")
NUR = "199608182022042001"  # pelaksana, Seksi IDP
BUDI = "199202292019031004"  # fungsional, Seksi IDP
HENDRA = "198509302010041001"  # Kepala Seksi IDP: pejabat penilai of Nur and Budi
DEWI = "198004172005012003"  # Kepala Bidang Dafduk: their atasan pejabat penilai
YUSUF = "197906112006021002"  # Kepala Bidang Capil
RATNA = "199105092024212001"  # pelaksana under Yusuf
AGUS = "197511021997081001"  # Kepala Dinas Dukcapil
SEKDA = "196711101992031001"
NOVITA = "198311232009042001"  # admin of the whole organisation
FAJAR = "198103032008031002"  # Kepala Bidang at Dinkes, admin of DINKES only
TELEGRAM = {
    nip: 1000 + number
    for number, nip in enumerate(
        (NUR, BUDI, HENDRA, DEWI, YUSUF, RATNA, AGUS, SEKDA, NOVITA, FAJAR), start=1
    )
}
T0 = datetime(2026, 11, 20, 9, 0, tzinfo=WIB)
REASON = "Bukti dukung capaian RHK utama sudah lengkap."


def month(name: str, start: date, end: date) -> PeriodDraft:
    return PeriodDraft(
        name=name,
        kind=PeriodKind.MONTHLY,
        start=start,
        end=end,
        self_due=end,
        peer_due=end,
        review_due=end + timedelta(days=10),
    )


NOVEMBER = month("November 2026", date(2026, 11, 1), date(2026, 11, 30))
OCTOBER = month("Oktober 2026", date(2026, 10, 1), date(2026, 10, 31))
DECEMBER = month("Desember 2026", date(2026, 12, 1), date(2026, 12, 31))
SKP_CSV = (
    "nip,year,kind,rhk,indicator,target\n"
    f"{NUR},2026,tambahan,Terlaksananya jemput bola,Jumlah kegiatan,4 Kegiatan\n"
    f"{NUR},2026,utama,Terlayaninya perekaman KTP-el,Persentase permohonan terekam,100%\n"
    f"{NUR},2026,utama,Tersusunnya laporan bulanan,Jumlah laporan,12 Laporan\n"
    f"{BUDI},2026,utama,Terpeliharanya database,Persentase data valid,99%\n"
    f"{HENDRA},2026,utama,Terkendalinya layanan seksi,Persentase layanan tepat waktu,95%\n"
).encode()


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock()  # 2026-11-27 10:00 WIB


@pytest.fixture
async def fake(clock: FixedClock) -> FakeUnitOfWorkFactory:
    return await demo_world(clock, telegram=TELEGRAM, admins={NOVITA: None, FAJAR: "DINKES"})


@pytest.fixture
def periods(fake: FakeUnitOfWorkFactory, clock: FixedClock) -> PeriodAdministration:
    return PeriodAdministration(fake, clock)


@pytest.fixture
def appraisals(fake: FakeUnitOfWorkFactory, clock: FixedClock) -> Appraisals:
    return Appraisals(fake, clock, "Asia/Jayapura")


@pytest.fixture
async def period_id(periods: PeriodAdministration) -> int:
    """November 2026, open, with SKP imported."""
    period = await periods.create(OPERATOR, NOVEMBER)
    assert period.id is not None
    await periods.open(OPERATOR, period.id)
    await periods.import_skp(OPERATOR, SKP_CSV)
    return period.id


async def actor(fake: FakeUnitOfWorkFactory, nip: str) -> Actor:
    async with fake(readonly=True) as uow:
        return await actor_of(uow, TELEGRAM[nip])


def member_id(fake: FakeUnitOfWorkFactory, nip: str) -> int:
    return next(row.id for row in fake.state.employees.values() if row.nip == nip)


async def put(fake: FakeUnitOfWorkFactory, appraisal: Appraisal) -> None:
    async with fake() as uow:
        await uow.appraisals.save(appraisal, now=T0)
        await uow.commit()


def submitted(period_id: int, nip: str, at: datetime = T0) -> Appraisal:
    return Appraisal(period_id, nip).submit_self_assessment(
        by_nip=nip, ratings={"berakhlak:loyal": Rating.SESUAI}, realisations={}, now=at
    )


def assessed(
    appraisal: Appraisal,
    penilai: str,
    hasil: Rating = Rating.SESUAI,
    perilaku: Rating = Rating.SESUAI,
    at: datetime = T0 + timedelta(days=1),
) -> Appraisal:
    return appraisal.assess(
        hasil=hasil,
        perilaku=perilaku,
        feedback=None,
        by_nip=penilai,
        supervisor_nip=penilai,
        now=at,
    )


def objected(appraisal: Appraisal, at: datetime = T0 + timedelta(days=2)) -> Appraisal:
    return appraisal.object(
        by_nip=appraisal.employee_nip, reason=REASON, now=at, deadline=at + timedelta(days=1)
    )


# --- periods and SKP ------------------------------------------------------------------------


async def test_open_periods_lists_only_the_open_ones_newest_first(fake, appraisals, periods):
    created = {}
    for draft in (OCTOBER, NOVEMBER, DECEMBER):
        period = await periods.create(OPERATOR, draft)
        assert period.id is not None
        created[draft.name] = period.id
    await periods.open(OPERATOR, created["Oktober 2026"])
    await periods.open(OPERATOR, created["November 2026"])

    found = await appraisals.open_periods(await actor(fake, NUR))

    assert [p.name for p in found] == ["November 2026", "Oktober 2026"]
    assert {p.status for p in found} == {PeriodStatus.OPEN}


async def test_my_skp_is_this_years_with_rhk_utama_first(fake, appraisals, period_id):
    year, items = await appraisals.my_skp(await actor(fake, NUR))
    assert year == 2026
    assert [(i.kind.value, i.rhk) for i in items] == [
        ("utama", "Terlayaninya perekaman KTP-el"),
        ("utama", "Tersusunnya laporan bulanan"),
        ("tambahan", "Terlaksananya jemput bola"),
    ]
    assert await appraisals.my_skp(await actor(fake, NUR), 2025) == (2025, [])


async def test_someone_not_registered_has_no_skp(appraisals, period_id):
    with pytest.raises(PermissionDenied):
        await appraisals.my_skp(Actor(777, "id"))


# --- the supervisor's side ------------------------------------------------------------------


async def test_the_team_shows_each_direct_subordinate_with_status_and_predikat(
    fake, appraisals, period_id
):
    hendra = await actor(fake, HENDRA)
    assert [
        (line.member.nip, line.status) for line in await appraisals.team(hendra, period_id)
    ] == [
        (BUDI, AppraisalStatus.NOT_STARTED),
        (NUR, AppraisalStatus.NOT_STARTED),
    ]
    await put(fake, submitted(period_id, NUR))
    await put(fake, assessed(Appraisal(period_id, BUDI), HENDRA, Rating.DI_ATAS, Rating.DI_ATAS))

    team = await appraisals.team(hendra, period_id)

    assert [(line.member.nip, line.status, line.predikat) for line in team] == [
        (BUDI, AppraisalStatus.ASSESSED, Predikat.SANGAT_BAIK),
        (NUR, AppraisalStatus.SUBMITTED, None),
    ]
    dewi_team = await appraisals.team(await actor(fake, DEWI), period_id)
    assert [line.member.nip for line in dewi_team] == [HENDRA]  # direct reports only


async def test_the_pejabat_penilai_opens_a_subordinates_case(fake, appraisals, period_id):
    await put(fake, submitted(period_id, NUR))

    case = await appraisals.subordinate_case(
        await actor(fake, HENDRA), period_id, member_id(fake, NUR)
    )

    assert case.member.nip == NUR
    assert case.period_id == period_id
    assert case.items[0].rhk == "Terlayaninya perekaman KTP-el"
    assert case.appraisal.status is AppraisalStatus.SUBMITTED
    assert case.timezone == "Asia/Jakarta"  # the unit's, not the installation's default


async def test_a_case_not_yet_started_is_shown_as_not_started(fake, appraisals, period_id):
    case = await appraisals.subordinate_case(
        await actor(fake, HENDRA), period_id, member_id(fake, BUDI)
    )
    assert case.appraisal == Appraisal(period_id, BUDI)


@pytest.mark.parametrize("nip", [DEWI, BUDI, NOVITA])
async def test_only_the_pejabat_penilai_opens_a_subordinates_case(fake, appraisals, period_id, nip):
    with pytest.raises(PermissionDenied) as refused:
        await appraisals.subordinate_case(await actor(fake, nip), period_id, member_id(fake, NUR))
    assert refused.value.reason == "not_pejabat_penilai"


async def test_the_atasan_opens_an_objection_case(fake, appraisals, period_id):
    await put(fake, objected(assessed(submitted(period_id, NUR), HENDRA)))

    case = await appraisals.objection_case(await actor(fake, DEWI), period_id, member_id(fake, NUR))

    assert case.appraisal.status is AppraisalStatus.OBJECTED
    assert case.appraisal.objection is not None
    assert case.appraisal.objection.reason == REASON


async def test_an_objection_case_is_refused_to_anyone_but_the_atasan(fake, appraisals, period_id):
    await put(fake, objected(assessed(submitted(period_id, NUR), HENDRA)))
    for nip in (HENDRA, NUR, YUSUF, NOVITA):
        with pytest.raises(PermissionDenied):
            await appraisals.objection_case(await actor(fake, nip), period_id, member_id(fake, NUR))
    with pytest.raises(NotFound):
        await appraisals.objection_case(await actor(fake, DEWI), period_id, 99999)


async def test_a_whole_organisation_admin_opens_a_kepala_dinas_objection(
    fake, appraisals, period_id
):
    await put(fake, objected(assessed(Appraisal(period_id, AGUS), SEKDA)))
    agus = member_id(fake, AGUS)

    case = await appraisals.objection_case(await actor(fake, NOVITA), period_id, agus)

    assert case.member.nip == AGUS
    with pytest.raises(PermissionDenied):  # an admin of one unit only
        await appraisals.objection_case(await actor(fake, FAJAR), period_id, agus)


async def test_pending_decisions_are_the_objections_waiting_for_this_atasan(
    fake, appraisals, period_id
):
    await put(fake, objected(assessed(submitted(period_id, NUR), HENDRA)))
    await put(fake, assessed(submitted(period_id, BUDI), HENDRA))

    waiting = await appraisals.pending_decisions(await actor(fake, DEWI))

    assert [case.member.nip for case in waiting] == [NUR]
    assert await appraisals.pending_decisions(await actor(fake, HENDRA)) == []
    assert await appraisals.pending_decisions(Actor(777, "id")) == []


# --- the employee's results -----------------------------------------------------------------


async def test_results_show_the_predikat_and_the_objection_deadline(fake, appraisals, period_id):
    await put(fake, assessed(submitted(period_id, NUR), HENDRA, Rating.DI_ATAS, Rating.SESUAI))

    [result] = await appraisals.results(await actor(fake, NUR))

    assert result.case.appraisal.predikat is Predikat.BAIK
    # assessed 21 Nov (WIB); five days to object, until the end of 26 Nov in the unit's zone
    assert result.objection_deadline == datetime.combine(date(2026, 11, 26), time.max, WIB)


async def test_results_of_a_decided_objection_have_no_deadline(fake, appraisals, period_id):
    decided = objected(assessed(submitted(period_id, NUR), HENDRA)).decide(
        by_nip=DEWI, atasan_nip=DEWI, keep=True, reason=REASON, now=T0 + timedelta(days=3)
    )
    await put(fake, decided)

    [result] = await appraisals.results(await actor(fake, NUR))

    assert result.case.appraisal.status is AppraisalStatus.DECIDED
    assert result.objection_deadline is None


async def test_results_are_the_employees_own_and_may_name_one_period(
    fake, appraisals, periods, period_id
):
    october = await periods.create(OPERATOR, OCTOBER)
    assert october.id is not None
    await put(fake, assessed(submitted(october.id, NUR), HENDRA))
    await put(fake, submitted(period_id, NUR))
    await put(fake, submitted(period_id, BUDI))
    nur = await actor(fake, NUR)

    everything = await appraisals.results(nur)
    only_october = await appraisals.results(nur, october.id)

    assert {r.case.appraisal.employee_nip for r in everything} == {NUR}
    assert len(everything) == 2
    assert [r.case.period.name for r in only_october] == ["Oktober 2026"]
    assert await appraisals.results(await actor(fake, DEWI)) == []


async def test_results_show_the_newest_period_first_whatever_order_they_were_created_in(
    fake, appraisals, periods, period_id
):
    october = await periods.create(OPERATOR, OCTOBER)  # set up after November
    assert october.id is not None
    await put(fake, assessed(submitted(october.id, NUR), HENDRA))
    await put(fake, submitted(period_id, NUR))

    found = await appraisals.results(await actor(fake, NUR))

    assert [r.case.period.name for r in found] == ["November 2026", "Oktober 2026"]


async def test_the_employee_acknowledges_the_predikat(fake, appraisals, period_id, clock):
    await put(fake, assessed(submitted(period_id, NUR), HENDRA))

    acknowledged = await appraisals.acknowledge(await actor(fake, NUR), period_id)

    assert acknowledged.status is AppraisalStatus.ACKNOWLEDGED
    assert acknowledged.acknowledged_at == clock.now()
    async with fake(readonly=True) as uow:
        stored = await uow.appraisals.get(period_id, NUR)
    assert stored == acknowledged
    last = fake.state.audit[-1]
    assert (last.actor, last.action, last.at) == (NUR, "acknowledged", clock.now())


async def test_acknowledging_twice_or_before_the_assessment_is_refused(fake, appraisals, period_id):
    await put(fake, submitted(period_id, BUDI))
    await put(fake, assessed(submitted(period_id, NUR), HENDRA))
    nur = await actor(fake, NUR)
    await appraisals.acknowledge(nur, period_id)
    before = fake.snapshot()

    with pytest.raises(InvalidTransition):
        await appraisals.acknowledge(nur, period_id)
    with pytest.raises(InvalidTransition):
        await appraisals.acknowledge(await actor(fake, BUDI), period_id)
    assert fake.state == before


async def test_a_closed_period_refuses_the_acknowledgement(fake, appraisals, periods, period_id):
    await put(fake, assessed(submitted(period_id, NUR), HENDRA))
    await periods.close(OPERATOR, period_id)
    before = fake.snapshot()

    with pytest.raises((PeriodNotOpen, InvalidTransition)):
        await appraisals.acknowledge(await actor(fake, NUR), period_id)
    assert fake.state == before


async def test_results_of_a_closed_period_offer_no_objection_deadline(
    fake, appraisals, periods, period_id
):
    await put(fake, assessed(submitted(period_id, NUR), HENDRA))
    await periods.close(OPERATOR, period_id)

    [result] = await appraisals.results(await actor(fake, NUR))

    assert result.objection_deadline is None


# --- distribution ---------------------------------------------------------------------------


@pytest.mark.parametrize("nip", [NUR, BUDI])
async def test_someone_who_heads_no_unit_sees_no_distribution(fake, appraisals, period_id, nip):
    with pytest.raises(PermissionDenied) as refused:
        await appraisals.distribution(await actor(fake, nip), period_id)
    assert refused.value.reason == "not_unit_head"


async def test_an_organisation_with_several_top_units_asks_the_admin_to_name_one(
    fake, appraisals, period_id, clock
):
    await OrgAdministration(fake, clock).grant_admin(OPERATOR, BUDI, None)
    async with fake() as uow:  # a second top unit beside the Pemda
        await uow.org.save_units([Unit("DPRD", "Sekretariat DPRD")])
        await uow.commit()

    with pytest.raises(InvalidValue) as refused:
        await appraisals.distribution(await actor(fake, BUDI), period_id)

    assert refused.value.reason == "unit_required"


@pytest.mark.parametrize("nip", [FAJAR, HENDRA, NUR])
async def test_a_unit_is_refused_to_anyone_not_administering_it(fake, appraisals, period_id, nip):
    with pytest.raises(PermissionDenied) as refused:
        await appraisals.distribution(await actor(fake, nip), period_id, "DISDUKCAPIL")
    assert refused.value.reason == "not_admin_of_unit"


async def test_an_unknown_unit_or_period_is_not_found(fake, appraisals, period_id):
    novita = await actor(fake, NOVITA)
    with pytest.raises(NotFound):
        await appraisals.distribution(novita, period_id, "NOPE")
    with pytest.raises(NotFound):
        await appraisals.distribution(novita, 99999, "DISDUKCAPIL")


# --- tasks ----------------------------------------------------------------------------------


async def test_an_employee_is_reminded_of_the_self_assessment_until_submitted(
    fake, appraisals, period_id
):
    nur = await actor(fake, NUR)
    assert await appraisals.tasks(nur) == [
        Notice(
            "appraisal.task.self",
            {
                "period": "November 2026",
                "due": date(2026, 11, 30),
                "status": TextRef("appraisal.status.not_started"),
            },
        )
    ]
    await put(fake, submitted(period_id, NUR))
    assert await appraisals.tasks(nur) == []


async def test_no_self_assessment_task_after_the_due_date_or_in_a_draft_period(
    fake, appraisals, periods, period_id, clock
):
    await periods.create(OPERATOR, DECEMBER)  # a draft: asks nothing
    clock.set(datetime(2026, 12, 1, 0, 0, tzinfo=WIB))
    assert await appraisals.tasks(await actor(fake, NUR)) == []


async def test_an_assessed_employee_is_asked_to_acknowledge_the_predikat(
    fake, appraisals, period_id
):
    await put(fake, assessed(submitted(period_id, NUR), HENDRA, Rating.DI_BAWAH, Rating.SESUAI))

    [task] = await appraisals.tasks(await actor(fake, NUR))

    assert task.key == "appraisal.task.ack"
    assert task.params["predikat"] == TextRef("appraisal.predikat.butuh_perbaikan")


async def test_a_supervisor_is_told_how_many_submissions_wait_for_assessment(
    fake, appraisals, period_id
):
    await put(fake, submitted(period_id, NUR))
    await put(fake, submitted(period_id, BUDI))
    await put(fake, submitted(period_id, HENDRA))  # his own: not his to assess

    tasks = await appraisals.tasks(await actor(fake, HENDRA))

    assert tasks == [Notice("appraisal.task.assess", {"period": "November 2026", "count": 2})]


async def test_an_atasan_is_told_how_many_objections_wait_for_a_decision(
    fake, appraisals, period_id
):
    await put(fake, objected(assessed(submitted(period_id, NUR), HENDRA)))
    await put(fake, objected(assessed(submitted(period_id, BUDI), HENDRA)))

    tasks = await appraisals.tasks(await actor(fake, DEWI))

    assert Notice("appraisal.task.decide", {"count": 2}) in tasks
    assert not any(
        t.key == "appraisal.task.decide" for t in await appraisals.tasks(await actor(fake, HENDRA))
    )


async def test_someone_not_registered_has_no_tasks(appraisals, period_id):
    assert await appraisals.tasks(Actor(777, "id")) == []


async def test_an_employee_without_skp_is_not_asked_for_a_self_assessment(
    fake, appraisals, period_id
):
    tasks = await appraisals.tasks(await actor(fake, DEWI))  # no SKP imported for her
    assert not any(t.key == "appraisal.task.self" for t in tasks)
