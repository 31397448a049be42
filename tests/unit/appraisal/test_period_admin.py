"""Appraisal periods (``PeriodAdministration``), the organisation predikat, the SKP import and the
admin's period-creation flow in the bot, on the fakes with the demo organisation."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from domain.actors import Actor
from domain.appraisal.distribution import OrganisationPredikat
from domain.appraisal.model import Appraisal
from domain.appraisal.period_admin import PeriodAdministration, PeriodDraft
from domain.appraisal.period_flow import PERIOD_CREATE, PeriodCreateFlow, parse_date
from domain.appraisal.periods import PeriodKind, PeriodStatus
from domain.appraisal.predikat import Rating
from domain.engine.conversations import Conversations, Turn
from domain.engine.questionnaire import REVIEW, Choose, Edit, Input, SessionStatus, Submit, Text
from domain.errors import (
    ImportRejected,
    InvalidAnswer,
    InvalidTransition,
    InvalidValue,
    NotFound,
    PermissionDenied,
)
from domain.messages import Notice
from domain.org.directory import actor_of
from domain.org.ports import ImportSummary
from tests.support.clock import FixedClock
from tests.support.fakes.seeding import demo_world
from tests.support.fakes.state import AuditRow
from tests.support.fakes.unit_of_work import FakeUnitOfWorkFactory

OPERATOR = Actor.operator()  # the command line: every administrative right

WIB = ZoneInfo("Asia/Jakarta")
NUR = "199608182022042001"
BUDI = "199202292019031004"
HENDRA = "198509302010041001"
DEWI = "198004172005012003"
NOVITA = "198311232009042001"  # admin of the whole organisation
FAJAR = "198103032008031002"  # admin of DINKES only
TELEGRAM = {NUR: 1001, HENDRA: 2001, DEWI: 3001, NOVITA: 9001, FAJAR: 9002}
T0 = datetime(2026, 11, 20, 9, 0, tzinfo=WIB)
REASON = "Bukti dukung capaian RHK utama sudah lengkap."


def month(name: str, start: date, end: date, kind: PeriodKind = PeriodKind.MONTHLY) -> PeriodDraft:
    return PeriodDraft(
        name=name,
        kind=kind,
        start=start,
        end=end,
        self_due=end,
        peer_due=end,
        review_due=end + timedelta(days=10),
    )


NOVEMBER = month("November 2026", date(2026, 11, 1), date(2026, 11, 30))
OCTOBER = month("Oktober 2026", date(2026, 10, 1), date(2026, 10, 31))
Q4 = month("Triwulan IV 2026", date(2026, 10, 1), date(2026, 12, 31), PeriodKind.QUARTERLY)
SKP_HEADER = "nip,year,kind,rhk,indicator,target\n"
SKP_ROWS = [
    f"{NUR},2026,tambahan,Terlaksananya jemput bola,Jumlah kegiatan,4 Kegiatan\n",
    f"{NUR},2026,utama,Terlayaninya perekaman KTP-el,Persentase permohonan terekam,100%\n",
    f"{NUR},2026,utama,Tersusunnya laporan bulanan,Jumlah laporan,12 Laporan\n",
    f"{BUDI},2026,utama,Terpeliharanya database,Persentase data valid,99%\n",
]


def skp_csv(rows: list[str]) -> bytes:
    return (SKP_HEADER + "".join(rows)).encode()


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock()  # 2026-11-27 10:00 WIB


@pytest.fixture
async def fake(clock: FixedClock) -> FakeUnitOfWorkFactory:
    return await demo_world(clock, telegram=TELEGRAM, admins={NOVITA: None, FAJAR: "DINKES"})


@pytest.fixture
def periods(fake: FakeUnitOfWorkFactory, clock: FixedClock) -> PeriodAdministration:
    return PeriodAdministration(fake, clock)


def audit(fake: FakeUnitOfWorkFactory, action: str) -> list[AuditRow]:
    return [row for row in fake.state.audit if row.action == action]


async def created(periods: PeriodAdministration, draft: PeriodDraft, *, opened: bool = False):
    period = await periods.create(OPERATOR, draft)
    assert period.id is not None
    return await periods.open(OPERATOR, period.id) if opened else period


# --- create, open, close, list --------------------------------------------------------------


async def test_a_new_period_is_a_draft_and_its_creation_is_audited(fake, periods, clock):
    period = await periods.create(await actor(fake, NOVITA), NOVEMBER)

    assert period.id is not None
    assert period.status is PeriodStatus.DRAFT
    assert (period.name, period.kind, period.start, period.end) == (
        "November 2026",
        PeriodKind.MONTHLY,
        date(2026, 11, 1),
        date(2026, 11, 30),
    )
    assert await periods.all(OPERATOR) == [period]
    [entry] = audit(fake, "period.create")
    assert (entry.actor, entry.at, entry.subject) == (NOVITA, clock.now(), f"period:{period.id}")
    assert entry.details == {"name": "November 2026", "status": "draft"}


async def test_a_period_whose_dates_break_a_rule_is_not_created(fake, periods):
    before = fake.snapshot()
    with pytest.raises(InvalidValue) as refused:
        await periods.create(OPERATOR, replace(NOVEMBER, end=date(2026, 10, 31)))
    assert refused.value.reason == "end_before_start"
    with pytest.raises(InvalidValue) as refused:
        await periods.create(OPERATOR, replace(NOVEMBER, review_due=date(2026, 11, 15)))
    assert refused.value.params["field"] == "review_due"
    assert fake.state == before


async def test_periods_are_listed_newest_start_first(periods):
    for draft in (OCTOBER, NOVEMBER, Q4):
        await periods.create(OPERATOR, draft)
    assert [p.name for p in await periods.all(OPERATOR)] == [
        "November 2026",
        "Triwulan IV 2026",  # same start as October, created later
        "Oktober 2026",
    ]


async def test_opening_a_draft_opens_it_and_is_audited(fake, periods, clock):
    draft = await created(periods, NOVEMBER)

    opened = await periods.open(await actor(fake, NOVITA), draft.id)

    assert opened.status is PeriodStatus.OPEN
    assert (await periods.all(OPERATOR))[0].status is PeriodStatus.OPEN
    [entry] = audit(fake, "period.open")
    assert (entry.actor, entry.at, entry.details["status"]) == (NOVITA, clock.now(), "open")
    with pytest.raises(InvalidTransition):
        await periods.open(OPERATOR, draft.id)


async def test_two_open_periods_of_the_same_kind_may_not_overlap(fake, periods):
    await created(periods, NOVEMBER, opened=True)
    again = await created(periods, replace(NOVEMBER, name="November 2026 (ulang)"))

    with pytest.raises(InvalidTransition) as refused:
        await periods.open(OPERATOR, again.id)

    assert refused.value.reason == "overlap"
    assert refused.value.params["other"] == "November 2026"
    assert [p.status for p in await periods.all(OPERATOR) if p.id == again.id] == [
        PeriodStatus.DRAFT
    ]


async def test_periods_of_different_kinds_may_overlap(periods):
    await created(periods, NOVEMBER, opened=True)
    quarter = await created(periods, Q4, opened=True)
    assert quarter.status is PeriodStatus.OPEN


async def test_a_closed_period_does_not_block_a_new_one(periods):
    first = await created(periods, NOVEMBER, opened=True)
    await periods.close(OPERATOR, first.id)
    again = await created(periods, replace(NOVEMBER, name="November 2026 (ulang)"))
    assert (await periods.open(OPERATOR, again.id)).status is PeriodStatus.OPEN


async def test_closing_an_open_period_freezes_it(fake, periods, clock):
    period = await created(periods, NOVEMBER, opened=True)

    closed = await periods.close(await actor(fake, NOVITA), period.id)

    assert closed.status is PeriodStatus.CLOSED
    [entry] = audit(fake, "period.close")
    assert (entry.actor, entry.at, entry.details["status"]) == (NOVITA, clock.now(), "closed")
    with pytest.raises(InvalidTransition):
        await periods.close(OPERATOR, period.id)


async def test_a_draft_cannot_be_closed_and_an_unknown_period_is_not_found(periods):
    draft = await created(periods, NOVEMBER)
    with pytest.raises(InvalidTransition):
        await periods.close(OPERATOR, draft.id)
    with pytest.raises(NotFound):
        await periods.open(OPERATOR, 99999)
    with pytest.raises(NotFound):
        await periods.close(OPERATOR, 99999)


async def put(fake: FakeUnitOfWorkFactory, appraisal: Appraisal) -> None:
    async with fake() as uow:
        await uow.appraisals.save(appraisal, now=T0)
        await uow.commit()


def objected(period_id: int) -> Appraisal:
    assessed = Appraisal(period_id, NUR).assess(
        hasil=Rating.SESUAI,
        perilaku=Rating.DI_BAWAH,
        feedback=None,
        by_nip=HENDRA,
        supervisor_nip=HENDRA,
        now=T0,
    )
    return assessed.object(by_nip=NUR, reason=REASON, now=T0, deadline=T0 + timedelta(days=5))


async def test_a_period_with_an_undecided_objection_cannot_be_closed(fake, periods):
    period = await created(periods, NOVEMBER, opened=True)
    await put(fake, objected(period.id))
    before = fake.snapshot()

    with pytest.raises(InvalidTransition) as refused:
        await periods.close(OPERATOR, period.id)

    assert refused.value.reason == "pending_objections"
    assert refused.value.params["count"] == 1
    assert fake.state == before


async def test_once_the_objection_is_decided_the_period_closes(fake, periods):
    period = await created(periods, NOVEMBER, opened=True)
    decided = objected(period.id).decide(
        by_nip=DEWI, atasan_nip=DEWI, keep=True, reason=REASON, now=T0 + timedelta(days=1)
    )
    await put(fake, decided)

    assert (await periods.close(OPERATOR, period.id)).status is PeriodStatus.CLOSED


async def test_a_period_cannot_be_closed_while_an_objection_window_runs(fake, periods, clock):
    period = await created(periods, NOVEMBER, opened=True)
    assessed = Appraisal(period.id, NUR).assess(
        hasil=Rating.SESUAI,
        perilaku=Rating.SESUAI,
        feedback=None,
        by_nip=HENDRA,
        supervisor_nip=HENDRA,
        now=T0,
    )
    await put(fake, assessed)
    clock.set(T0 + timedelta(days=1))

    with pytest.raises(InvalidTransition) as refused:
        await periods.close(OPERATOR, period.id)

    assert refused.value.reason == "objection_windows_open"
    assert refused.value.params["count"] == 1
    assert refused.value.params["until"] > clock.now()
    clock.set(refused.value.params["until"] + timedelta(seconds=1))  # the window is over
    assert (await periods.close(OPERATOR, period.id)).status is PeriodStatus.CLOSED


# --- organisation predikat ------------------------------------------------------------------


async def test_the_org_predikat_of_a_unit_is_set_replaced_and_audited(fake, periods, clock):
    period = await created(periods, NOVEMBER)

    novita = await actor(fake, NOVITA)
    await periods.set_org_predikat(novita, period.id, "disdukcapil", "baik")
    await periods.set_org_predikat(novita, period.id, "DISDUKCAPIL", "istimewa")

    unit = next(u for u in fake.state.units.values() if u.code == "DISDUKCAPIL")
    async with fake(readonly=True) as uow:
        assert await uow.periods.org_predikat(period.id, unit.id) is OrganisationPredikat.ISTIMEWA
    entries = audit(fake, "period.org_predikat")
    assert [(e.actor, e.at, e.subject) for e in entries] == [
        (NOVITA, clock.now(), f"period:{period.id}")
    ] * 2
    assert entries[-1].details == {"unit": "DISDUKCAPIL", "predikat": "istimewa"}


async def test_an_unknown_org_predikat_unit_or_period_is_refused(fake, periods):
    period = await created(periods, NOVEMBER)
    before = fake.snapshot()
    with pytest.raises(InvalidValue) as refused:
        await periods.set_org_predikat(OPERATOR, period.id, "DISDUKCAPIL", "cukup")
    assert refused.value.params["allowed"] == (
        "istimewa, baik, butuh_perbaikan, kurang, sangat_kurang"
    )
    with pytest.raises(NotFound):
        await periods.set_org_predikat(OPERATOR, period.id, "NOPE", "baik")
    with pytest.raises(NotFound):
        await periods.set_org_predikat(OPERATOR, 99999, "DISDUKCAPIL", "baik")
    assert fake.state == before


# --- SKP import -----------------------------------------------------------------------------


async def skp_of(
    fake: FakeUnitOfWorkFactory, nip: str, year: int = 2026
) -> list[tuple[str, str, str]]:
    async with fake(readonly=True) as uow:
        items = await uow.skp.items(nip, year)
    return [(i.kind.value, i.rhk, i.target) for i in items]


async def test_the_skp_import_keeps_utama_before_tambahan_in_file_order(fake, periods, clock):
    report = await periods.import_skp(OPERATOR, skp_csv(SKP_ROWS))

    assert (report.kind, report.rows, report.dry_run) == ("skp", 4, False)
    assert report.summary == ImportSummary(created=4)
    assert await skp_of(fake, NUR) == [
        ("utama", "Terlayaninya perekaman KTP-el", "100%"),
        ("utama", "Tersusunnya laporan bulanan", "12 Laporan"),
        ("tambahan", "Terlaksananya jemput bola", "4 Kegiatan"),
    ]
    [entry] = audit(fake, "import.skp")
    assert (entry.actor, entry.at) == ("cli", clock.now())
    assert entry.details == {"created": "4", "updated": "0"}


async def test_reimporting_the_same_skp_changes_nothing_and_a_new_target_updates(fake, periods):
    await periods.import_skp(OPERATOR, skp_csv(SKP_ROWS))
    ids = [row.id for row in fake.state.appraisal.skp_items.values()]

    again = await periods.import_skp(OPERATOR, skp_csv(SKP_ROWS))
    changed_rows = [*SKP_ROWS[:2], SKP_ROWS[2].replace("12 Laporan", "13 Laporan"), SKP_ROWS[3]]
    changed = await periods.import_skp(OPERATOR, skp_csv(changed_rows))

    assert again.summary == ImportSummary(unchanged=4)
    assert changed.summary == ImportSummary(updated=1, unchanged=3)
    assert ("utama", "Tersusunnya laporan bulanan", "13 Laporan") in await skp_of(fake, NUR)
    assert [row.id for row in fake.state.appraisal.skp_items.values()] == ids  # same items


async def test_a_dry_run_of_the_skp_import_writes_nothing(fake, periods):
    before = fake.snapshot()
    report = await periods.import_skp(OPERATOR, skp_csv(SKP_ROWS), dry_run=True)
    assert (report.rows, report.dry_run) == (4, True)
    assert fake.state == before


async def test_an_skp_file_with_a_bad_row_imports_nothing(fake, periods):
    rows = [*SKP_ROWS, "199999999999999999,2026,utama,RHK,IKI,1 Dokumen\n"]
    rows.append(f"{NUR},2019,utama,RHK lama,IKI,1 Dokumen\n")  # older than five years
    before = fake.snapshot()

    with pytest.raises(ImportRejected) as rejected:
        await periods.import_skp(OPERATOR, skp_csv(rows))

    assert [(e.line, e.field, e.reason) for e in rejected.value.errors] == [
        (6, "nip", "unknown_nip"),
        (7, "year", "out_of_range"),
    ]
    assert fake.state == before


# --- parse_date -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2027-03-31", date(2027, 3, 31)),
        ("31-03-2027", date(2027, 3, 31)),
        ("31/03/2027", date(2027, 3, 31)),
        ("1.3.2027", date(2027, 3, 1)),
        (" 05-02-2027 ", date(2027, 2, 5)),
    ],
)
def test_dates_are_read_iso_or_day_first(text, expected):
    assert parse_date(text, "start") == expected


@pytest.mark.parametrize("text", ["31-02-2027", "2027-13-01", "03/31/2027", "kemarin", ""])
def test_an_impossible_date_is_refused_naming_the_field(text):
    with pytest.raises(InvalidValue) as refused:
        parse_date(text, "end")
    assert refused.value.reason == "not_a_date"
    assert refused.value.params["field"] == "end"


# --- the period-creation flow ---------------------------------------------------------------


@pytest.fixture
def conversations(fake, clock, periods) -> Conversations:
    return Conversations(fake, clock, {PERIOD_CREATE: PeriodCreateFlow(periods, clock)})


async def actor(fake: FakeUnitOfWorkFactory, nip: str) -> Actor:
    async with fake(readonly=True) as uow:
        return await actor_of(uow, TELEGRAM[nip])


class AdminChat:
    def __init__(self, conversations: Conversations, who: Actor) -> None:
        self.conversations = conversations
        self.actor = who
        self.turn: Turn | None = None

    async def begin(self) -> Turn:
        self.turn = await self.conversations.begin(self.actor, PERIOD_CREATE, "new")
        return self.turn

    async def send(self, event: Input) -> Turn:
        assert self.turn is not None
        turn = await self.conversations.handle(
            self.actor, event, session_id=self.turn.session.id, version=self.turn.session.version
        )
        assert turn is not None
        if turn.error is None:
            self.turn = turn
        return turn

    async def ok(self, *events: Input) -> Turn:
        for event in events:
            turn = await self.send(event)
            assert turn.error is None, (event, turn.error)
        assert self.turn is not None
        return self.turn


JANUARY = ("2027-01-01", "31/01/2027", "5-2-2027", "05.02.2027", "2027-02-15")


async def filled_in(
    fake, conversations, dates: tuple[str, ...] = JANUARY, days: str = "7"
) -> AdminChat:
    chat = AdminChat(conversations, await actor(fake, NOVITA))
    await chat.begin()
    await chat.ok(Text("Januari 2027"), Choose("monthly"))
    await chat.ok(*(Text(day) for day in dates), Text(days))
    assert chat.turn is not None
    assert chat.turn.session.cursor == REVIEW
    return chat


async def test_an_admin_creates_a_draft_period_in_the_bot_with_dates_in_either_format(
    fake, conversations, periods, clock
):
    chat = await filled_in(fake, conversations)

    turn = await chat.ok(Submit())

    assert turn.session.status is SessionStatus.SUBMITTED
    [period] = await periods.all(OPERATOR)
    assert period.status is PeriodStatus.DRAFT
    assert (period.name, period.kind) == ("Januari 2027", PeriodKind.MONTHLY)
    assert (period.start, period.end, period.self_due, period.peer_due, period.review_due) == (
        date(2027, 1, 1),
        date(2027, 1, 31),
        date(2027, 2, 5),
        date(2027, 2, 5),
        date(2027, 2, 15),
    )
    assert period.objection_days == 7
    assert turn.outcome.notices == (
        Notice("period.created", {"name": "Januari 2027", "id": period.id}),
    )
    [entry] = audit(fake, "period.create")
    assert (entry.actor, entry.at, entry.subject) == (NOVITA, clock.now(), f"period:{period.id}")


@pytest.mark.parametrize("nip", [FAJAR, HENDRA, NUR])
async def test_only_an_admin_of_the_whole_organisation_creates_periods(fake, conversations, nip):
    chat = AdminChat(conversations, await actor(fake, nip))
    with pytest.raises(PermissionDenied) as refused:
        await chat.begin()
    assert refused.value.reason == "not_admin"
    with pytest.raises(PermissionDenied):
        await AdminChat(conversations, Actor(777, "id")).begin()


async def test_an_impossible_date_is_refused_at_review_and_can_be_corrected(
    fake, conversations, periods
):
    dates = ("2027-01-01", "31-02-2027", *JANUARY[2:])
    chat = await filled_in(fake, conversations, dates)

    turn = await chat.send(Submit())

    assert isinstance(turn.error, InvalidValue)
    assert (turn.error.reason, turn.error.params["field"]) == ("not_a_date", "end")
    assert turn.session.cursor == REVIEW
    assert turn.session.is_active
    assert await periods.all(OPERATOR) == []
    await chat.ok(Edit("end"), Text("31-01-2027"), Submit())
    assert [p.end for p in await periods.all(OPERATOR)] == [date(2027, 1, 31)]


@pytest.mark.parametrize(
    ("dates", "reason"),
    [
        (("2027-01-31", "2027-01-01", *JANUARY[2:]), "end_before_start"),
        (("2027-01-01", "2027-03-31", *JANUARY[2:]), "length_for_kind"),
        (("2027-01-01", "2027-01-31", "2027-03-15", *JANUARY[3:]), "date_out_of_range"),
    ],
)
async def test_dates_that_do_not_fit_together_are_refused_leaving_the_review(
    fake, conversations, periods, dates, reason
):
    chat = await filled_in(fake, conversations, dates)

    turn = await chat.send(Submit())

    assert isinstance(turn.error, InvalidValue)
    assert turn.error.reason == reason
    assert turn.session.cursor == REVIEW
    assert await periods.all(OPERATOR) == []
    assert audit(fake, "period.create") == []


async def test_a_date_in_another_format_is_refused_at_its_question(fake, conversations):
    chat = AdminChat(conversations, await actor(fake, NOVITA))
    await chat.begin()
    await chat.ok(Text("Januari 2027"), Choose("monthly"))

    turn = await chat.send(Text("2027/01/01"))

    assert isinstance(turn.error, InvalidAnswer)
    assert turn.error.reason == "pattern"
    assert turn.session.cursor == "start"


async def test_a_fractional_number_of_objection_days_is_refused_at_its_question(
    fake, conversations, periods
):
    chat = AdminChat(conversations, await actor(fake, NOVITA))
    await chat.begin()
    await chat.ok(Text("Januari 2027"), Choose("monthly"), *(Text(day) for day in JANUARY))

    turn = await chat.send(Text("2,5"))

    assert isinstance(turn.error, InvalidAnswer)
    assert turn.error.reason == "whole_number"
    assert turn.session.cursor == "objection_days"
    assert await periods.all(OPERATOR) == []
