"""The appraisal flows run by ``Conversations`` on the fakes, with the demo organisation:
self-assessment, the pejabat penilai's assessment, the objection (keberatan) and the atasan's
final decision, including the admin deciding for the Kepala Daerah where the chain ends.

The demo chain used throughout (reference §2.8): Nur Aisyah (pelaksana) is assessed by Hendra
Gunawan (Kepala Seksi, pejabat penilai), whose superior Dewi Lestari (Kepala Bidang) is the
atasan pejabat penilai. A Kepala Dinas (Agus Setiawan) is assessed by the Sekda, who has no
superior here: the Wali Kota is not an employee, so a whole-organisation admin decides.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from domain.actors import Actor
from domain.appraisal import forms
from domain.appraisal.berakhlak import BERAKHLAK
from domain.appraisal.cases import employee_subject, own_subject
from domain.appraisal.flows import AssessmentFlow, DecisionFlow, ObjectionFlow, SelfAssessmentFlow
from domain.appraisal.model import Appraisal, AppraisalStatus
from domain.appraisal.period_admin import PeriodAdministration, PeriodDraft
from domain.appraisal.periods import PeriodKind
from domain.appraisal.predikat import Predikat, Rating
from domain.appraisal.skp import SkpItem
from domain.appraisal.tanggapan_flow import TanggapanFlow
from domain.appraisal.use_cases import Appraisals
from domain.engine.conversations import Conversations, Turn
from domain.engine.questionnaire import (
    REVIEW,
    Back,
    Choose,
    Edit,
    Input,
    Press,
    SessionStatus,
    Skip,
    Submit,
    Text,
    Upload,
)
from domain.errors import (
    InvalidAnswer,
    InvalidTransition,
    InvalidValue,
    PeriodNotOpen,
    PermissionDenied,
)
from domain.messages import Notice, TextRef
from domain.org.admin import OrgAdministration
from domain.org.directory import actor_of
from tests.support.clock import FixedClock
from tests.support.fakes.seeding import demo_world
from tests.support.fakes.state import AuditRow, OutboxRow
from tests.support.fakes.unit_of_work import FakeUnitOfWorkFactory

OPERATOR = Actor.operator()  # the command line: every administrative right

WIB = ZoneInfo("Asia/Jakarta")  # the demo Pemkot's time zone
# The installation default differs from the unit's zone on purpose: due dates must be read in
# the unit's zone (a WIB unit's evening is already the next day in WIT).
DEFAULT_TIMEZONE = "Asia/Jayapura"

NUR = "199608182022042001"  # Pengadministrasi Kependudukan, Seksi IDP
BUDI = "199202292019031004"  # her colleague in the same seksi
HENDRA = "198509302010041001"  # Kepala Seksi IDP: Nur's pejabat penilai
DEWI = "198004172005012003"  # Kepala Bidang Dafduk: Nur's atasan pejabat penilai
YUSUF = "197906112006021002"  # Kepala Bidang Capil: another branch
AGUS = "197511021997081001"  # Kepala Dinas Dukcapil: Dewi's superior
SEKDA = "196711101992031001"  # Sekretaris Daerah: top of the chain
NOVITA = "198311232009042001"  # BKPSDM, admin of the whole organisation
TELEGRAM = {
    NUR: 1001,
    BUDI: 1002,
    HENDRA: 2001,
    DEWI: 3001,
    YUSUF: 3002,
    AGUS: 4001,
    SEKDA: 5001,
    NOVITA: 9001,
}

NOVEMBER = PeriodDraft(
    name="November 2026",
    kind=PeriodKind.MONTHLY,
    start=date(2026, 11, 1),
    end=date(2026, 11, 30),
    self_due=date(2026, 11, 30),
    peer_due=date(2026, 11, 30),
    review_due=date(2026, 12, 10),
    objection_days=5,
)
SKP_CSV = (
    "nip,year,kind,rhk,indicator,target\n"
    f"{NUR},2026,tambahan,Terlaksananya pelayanan jemput bola,Jumlah kegiatan,4 Kegiatan\n"
    f"{NUR},2026,utama,Terlayaninya perekaman KTP-el,Persentase permohonan terekam,100%\n"
    f"{NUR},2026,utama,Tersusunnya laporan bulanan,Jumlah laporan,12 Laporan\n"
    f"{BUDI},2026,utama,Terpeliharanya database kependudukan,Persentase data valid,99%\n"
).encode()
OBJECTION_REASON = "Realisasi RHK utama saya sudah 100% sesuai target dan bukti dukung."
DECISION_REASON = "Sudah meminta penjelasan kedua pihak; bukti dukung lengkap."


def at(day: date, hour: int = 10, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=WIB)


# --- fixtures and helpers -------------------------------------------------------------------


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock()  # 2026-11-27 10:00 WIB


@pytest.fixture
async def fake(clock: FixedClock) -> FakeUnitOfWorkFactory:
    return await demo_world(clock, telegram=TELEGRAM, admins={NOVITA: None})


@pytest.fixture
def periods(fake: FakeUnitOfWorkFactory, clock: FixedClock) -> PeriodAdministration:
    return PeriodAdministration(fake, clock)


@pytest.fixture
async def period_id(periods: PeriodAdministration) -> int:
    """November 2026, open, with the SKP of Nur and Budi imported."""
    period = await periods.create(OPERATOR, NOVEMBER)
    assert period.id is not None
    await periods.open(OPERATOR, period.id)
    await periods.import_skp(OPERATOR, SKP_CSV)
    return period.id


@pytest.fixture
def conversations(fake: FakeUnitOfWorkFactory, clock: FixedClock) -> Conversations:
    flows = {
        forms.SELF_ASSESSMENT: SelfAssessmentFlow(clock, DEFAULT_TIMEZONE),
        forms.ASSESSMENT: AssessmentFlow(clock, DEFAULT_TIMEZONE),
        forms.OBJECTION: ObjectionFlow(clock, DEFAULT_TIMEZONE),
        forms.DECISION: DecisionFlow(clock, DEFAULT_TIMEZONE),
        forms.DECISION_EARLY: DecisionFlow(clock, DEFAULT_TIMEZONE, early=True),
        forms.TANGGAPAN: TanggapanFlow(clock, DEFAULT_TIMEZONE),
    }
    return Conversations(fake, clock, flows)


@dataclass
class Chat:
    """One person talking to the bot: begins a flow, then sends inputs to its session the way
    the Telegram adapter does (buttons name the session and its version)."""

    conversations: Conversations
    actor: Actor
    turn: Turn | None = None
    errors: list[Exception] = field(default_factory=list)

    async def begin(self, questionnaire_id: str, subject: str) -> Turn:
        self.turn = await self.conversations.begin(self.actor, questionnaire_id, subject)
        return self.turn

    async def send(self, event: Input) -> Turn:
        """The turn; an error leaves the session (and ``self.turn``) as it was."""
        assert self.turn is not None
        session = self.turn.session
        turn = await self.conversations.handle(
            self.actor, event, session_id=session.id, version=session.version
        )
        assert turn is not None
        if turn.error is None:
            self.turn = turn
        return turn

    async def ok(self, *events: Input) -> Turn:
        turn = self.turn
        for event in events:
            turn = await self.send(event)
            assert turn.error is None, (event, turn.error)
        assert turn is not None
        return turn

    @property
    def cursor(self) -> str:
        assert self.turn is not None
        return self.turn.session.cursor


async def chat(fake: FakeUnitOfWorkFactory, conversations: Conversations, nip: str) -> Chat:
    async with fake(readonly=True) as uow:
        actor = await actor_of(uow, TELEGRAM[nip])
    return Chat(conversations, actor)


def member_id(fake: FakeUnitOfWorkFactory, nip: str) -> int:
    return next(row.id for row in fake.state.employees.values() if row.nip == nip)


async def stored(fake: FakeUnitOfWorkFactory, period_id: int, nip: str) -> Appraisal | None:
    async with fake(readonly=True) as uow:
        return await uow.appraisals.get(period_id, nip)


def ended(turn: Turn) -> Notice:
    """The reason a form that is no longer admissible was ended with."""
    assert turn.error is None
    assert turn.session.status is SessionStatus.CANCELLED
    reason, cancelled = turn.outcome.notices
    assert cancelled.key == "engine.cancelled"
    return reason


async def skp(fake: FakeUnitOfWorkFactory, nip: str) -> list[SkpItem]:
    async with fake(readonly=True) as uow:
        return await uow.skp.items(nip, 2026)


def outbox(fake: FakeUnitOfWorkFactory, nip: str | None = None) -> list[OutboxRow]:
    rows = sorted(fake.state.outbox.values(), key=lambda row: row.id)
    return [row for row in rows if nip is None or row.chat_id == TELEGRAM[nip]]


def audit_of(fake: FakeUnitOfWorkFactory, prefix: str = "appraisal:") -> list[AuditRow]:
    return [row for row in fake.state.audit if row.subject.startswith(prefix)]


def who_what_when(rows: list[AuditRow]) -> list[tuple[str, str, datetime]]:
    return [(row.actor, row.action, row.at) for row in rows]


async def self_assess(employee: Chat, period_id: int, items: list[SkpItem]) -> Turn:
    """Answer every step plainly (realisation, no evidence, Sesuai; BerAKHLAK Sesuai, no note)
    and submit."""
    await employee.begin(forms.SELF_ASSESSMENT, own_subject(period_id))
    for item in items:
        await employee.ok(Text(f"Realisasi {item.rhk}"), Skip(), Choose("2"))
    for _ in BERAKHLAK:
        await employee.ok(Choose("2"), Skip())
    assert employee.cursor == REVIEW
    return await employee.ok(Submit())


async def assess(
    penilai: Chat, period_id: int, employee_id: int, hasil: str, perilaku: str
) -> Turn:
    await penilai.begin(forms.ASSESSMENT, employee_subject(period_id, employee_id))
    await penilai.ok(Choose(hasil), Choose(perilaku), Choose("no"), Text("Pertahankan."))
    return await penilai.ok(Submit())


async def object_to(employee: Chat, period_id: int) -> Turn:
    await employee.begin(forms.OBJECTION, own_subject(period_id))
    await employee.ok(Text(OBJECTION_REASON))
    return await employee.ok(Submit())


async def submitted_and_assessed(
    fake: FakeUnitOfWorkFactory, conversations: Conversations, period_id: int
) -> None:
    """Nur submits; Hendra rates her hasil Di Atas and perilaku Di Bawah (Kurang/Misconduct)."""
    nur = await chat(fake, conversations, NUR)
    await self_assess(nur, period_id, await skp(fake, NUR))
    hendra = await chat(fake, conversations, HENDRA)
    await assess(hendra, period_id, member_id(fake, NUR), "3", "1")
    deliver(fake)


def deliver(fake: FakeUnitOfWorkFactory) -> None:
    """The dispatcher's part: every pending message goes at its time (``not_before``)."""
    for row in fake.state.outbox.values():
        if row.status == "pending":
            row.status, row.sent_at = "sent", row.not_before


# --- self-assessment ------------------------------------------------------------------------


async def test_the_self_assessment_asks_the_rhk_utama_first_then_tambahan_then_berakhlak(
    fake, conversations, period_id
):
    nur = await chat(fake, conversations, NUR)
    turn = await nur.begin(forms.SELF_ASSESSMENT, own_subject(period_id))

    ktp, laporan, jemput = await skp(fake, NUR)
    assert [i.rhk for i in (ktp, laporan, jemput)] == [
        "Terlayaninya perekaman KTP-el",
        "Tersusunnya laporan bulanan",
        "Terlaksananya pelayanan jemput bola",
    ]
    per_item = [
        f"rhk.{item.id}.{part}"
        for item in (ktp, laporan, jemput)
        for part in ("realisation", "evidence", "rating")
    ]
    per_value = [f"ber.{v.code}.{part}" for v in BERAKHLAK for part in ("rating", "note")]
    assert [step.key for step in turn.questionnaire.steps] == per_item + per_value
    assert turn.questionnaire.params == {"period": "November 2026"}
    assert turn.session.cursor == f"rhk.{ktp.id}.realisation"


async def test_opening_the_form_starts_nothing_until_the_first_answer(
    fake, conversations, period_id, clock
):
    nur = await chat(fake, conversations, NUR)
    await nur.begin(forms.SELF_ASSESSMENT, own_subject(period_id))
    assert await stored(fake, period_id, NUR) is None

    await nur.ok(Text("Terekam 1.240 permohonan"))

    appraisal = await stored(fake, period_id, NUR)
    assert appraisal is not None
    assert appraisal.status is AppraisalStatus.IN_PROGRESS
    assert who_what_when(audit_of(fake)) == [(NUR, "self_assessment_started", clock.now())]


async def test_a_complete_self_assessment_with_back_edit_and_evidence_is_submitted(
    fake, conversations, period_id, clock
):
    ktp, laporan, jemput = await skp(fake, NUR)
    nur = await chat(fake, conversations, NUR)
    await nur.begin(forms.SELF_ASSESSMENT, own_subject(period_id))
    started = clock.now()
    await nur.ok(Text("Terekam 1.240 permohonan"), Upload("photo", "AgAD-ktp"), Press(2))
    await nur.ok(Text("11 laporan"), Skip(), Choose("2"))
    assert nur.cursor == f"rhk.{jemput.id}.realisation"
    await nur.ok(Back())  # a second thought about the last rating
    assert nur.cursor == f"rhk.{laporan.id}.rating"
    await nur.ok(Choose("1"))
    assert nur.cursor == f"rhk.{jemput.id}.realisation"
    await nur.ok(Text("3 kegiatan"), Upload("document", "BQAD-sk"), Choose("2"))
    for value in BERAKHLAK:
        if value.code == "akuntabel":
            await nur.ok(Choose("3"), Text("Laporan selalu tepat waktu"))
        else:
            await nur.ok(Choose("2"), Skip())
    assert nur.cursor == REVIEW
    await nur.ok(Edit(f"rhk.{ktp.id}.realisation"), Text("Terekam 1.250 permohonan"))
    assert nur.cursor == REVIEW
    clock.advance(minutes=30)

    turn = await nur.ok(Submit())

    assert turn.session.status is SessionStatus.SUBMITTED
    assert turn.outcome.notices == (
        Notice("appraisal.self.submitted", {"period": "November 2026", "due": date(2026, 11, 30)}),
    )
    appraisal = await stored(fake, period_id, NUR)
    assert appraisal is not None
    assert appraisal.status is AppraisalStatus.SUBMITTED
    berakhlak = {f"berakhlak:{v.code}": Rating.SESUAI for v in BERAKHLAK}
    assert appraisal.self_ratings == {
        str(ktp.id): Rating.DI_ATAS,
        str(laporan.id): Rating.DI_BAWAH,
        str(jemput.id): Rating.SESUAI,
        **berakhlak,
        "berakhlak:akuntabel": Rating.DI_ATAS,
    }
    assert appraisal.realisations == {
        str(ktp.id): "Terekam 1.250 permohonan",
        str(laporan.id): "11 laporan",
        str(jemput.id): "3 kegiatan",
    }
    assert appraisal.evidence == {
        str(ktp.id): "photo:AgAD-ktp",
        str(jemput.id): "document:BQAD-sk",
    }
    assert appraisal.notes == {"berakhlak:akuntabel": "Laporan selalu tepat waktu"}
    assert appraisal.hasil is None  # masukan only: the official rating is the penilai's
    assert who_what_when(audit_of(fake)) == [
        (NUR, "self_assessment_started", started),
        (NUR, "self_assessment_submitted", clock.now()),
    ]
    assert audit_of(fake)[-1].details == {"ratings": "10"}


async def test_the_pejabat_penilai_gets_exactly_one_message_with_a_button(
    fake, conversations, period_id
):
    nur = await chat(fake, conversations, NUR)
    await self_assess(nur, period_id, await skp(fake, NUR))

    messages = outbox(fake)
    assert [m.chat_id for m in messages] == [TELEGRAM[HENDRA]]
    payload = messages[0].payload
    assert payload["key"] == "appraisal.notify.submitted"
    assert payload["params"] == {"name": "Nur Aisyah", "period": "November 2026"}
    assert payload["timezone"] == "Asia/Jakarta"  # the recipient's unit's zone, for its dates
    assert payload["buttons"] == [
        [
            {
                "label": "appraisal.button.open",
                "action": {
                    "$action": "appraisal/subordinate",
                    "period_id": period_id,
                    "employee_id": member_id(fake, NUR),
                },
                "params": {},
            }
        ]
    ]


async def test_a_pejabat_penilai_without_telegram_is_not_messaged_but_the_submission_stands(
    fake, conversations, period_id
):
    hendra = next(row for row in fake.state.employees.values() if row.nip == HENDRA)
    hendra.telegram_id = None
    nur = await chat(fake, conversations, NUR)

    await self_assess(nur, period_id, await skp(fake, NUR))

    assert outbox(fake) == []
    appraisal = await stored(fake, period_id, NUR)
    assert appraisal is not None
    assert appraisal.status is AppraisalStatus.SUBMITTED


async def test_reopening_before_the_deadline_opens_the_earlier_answers_at_review(
    fake, conversations, period_id, clock
):
    ktp, laporan, jemput = await skp(fake, NUR)
    nur = await chat(fake, conversations, NUR)
    await self_assess(nur, period_id, [ktp, laporan, jemput])
    clock.advance(days=1)

    turn = await nur.begin(forms.SELF_ASSESSMENT, own_subject(period_id))

    assert turn.session.cursor == REVIEW
    assert turn.session.answers[f"rhk.{laporan.id}.realisation"] == f"Realisasi {laporan.rhk}"
    assert turn.session.answers[f"rhk.{laporan.id}.rating"] == "2"
    assert turn.session.answers["ber.loyal.rating"] == "2"
    await nur.ok(Edit(f"rhk.{laporan.id}.rating"), Choose("3"), Submit())
    appraisal = await stored(fake, period_id, NUR)
    assert appraisal is not None
    assert appraisal.status is AppraisalStatus.SUBMITTED
    assert appraisal.self_ratings[str(laporan.id)] is Rating.DI_ATAS
    assert appraisal.self_ratings[str(ktp.id)] is Rating.SESUAI
    assert [row.action for row in audit_of(fake)] == [
        "self_assessment_started",
        "self_assessment_submitted",
        "self_assessment_resubmitted",
    ]
    assert audit_of(fake)[-1].at == clock.now()
    assert len(outbox(fake, HENDRA)) == 2  # one message per submission


async def test_reopening_after_a_new_skp_item_asks_for_the_new_item_first(
    fake, conversations, period_id, periods
):
    nur = await chat(fake, conversations, NUR)
    await self_assess(nur, period_id, await skp(fake, NUR))
    extra = f"{NUR},2026,tambahan,Terbinanya magang,Jumlah peserta dibina,2 Orang\n"
    await periods.import_skp(OPERATOR, SKP_CSV + extra.encode())
    new = next(i for i in await skp(fake, NUR) if i.rhk == "Terbinanya magang")

    turn = await nur.begin(forms.SELF_ASSESSMENT, own_subject(period_id))

    assert turn.session.cursor == f"rhk.{new.id}.realisation"


@pytest.mark.parametrize(
    ("now", "accepted"),
    [
        (at(date(2026, 11, 30), 23, 59), True),  # already 1 Dec in the installation's WIT
        (at(date(2026, 12, 1), 0, 0), False),
    ],
)
async def test_the_self_assessment_is_due_at_the_end_of_the_day_in_the_units_time_zone(
    fake, conversations, period_id, clock, now, accepted
):
    clock.set(now)
    nur = await chat(fake, conversations, NUR)
    if accepted:
        turn = await nur.begin(forms.SELF_ASSESSMENT, own_subject(period_id))
        assert turn.error is None
        return
    with pytest.raises(PeriodNotOpen) as refused:
        await nur.begin(forms.SELF_ASSESSMENT, own_subject(period_id))
    assert refused.value.reason == "past_due"
    assert refused.value.params["due"] == date(2026, 11, 30)


async def test_an_answer_after_the_due_date_ends_the_form_with_the_reason(
    fake, conversations, period_id, clock
):
    nur = await chat(fake, conversations, NUR)
    begun = await nur.begin(forms.SELF_ASSESSMENT, own_subject(period_id))
    await nur.ok(Text("Terekam 1.240 permohonan"))
    clock.set(at(date(2026, 12, 1), 0, 1))

    turn = await nur.send(Skip())

    assert ended(turn).key == "error.period_not_open.past_due"  # it could never be submitted
    assert begun.session.id is not None
    assert fake.state.sessions[begun.session.id].status == SessionStatus.CANCELLED.value
    appraisal = await stored(fake, period_id, NUR)
    assert appraisal is not None
    assert appraisal.status is AppraisalStatus.IN_PROGRESS  # the appraisal itself is untouched


async def test_submitting_after_the_due_date_is_refused(fake, conversations, period_id, clock):
    nur = await chat(fake, conversations, NUR)
    await nur.begin(forms.SELF_ASSESSMENT, own_subject(period_id))
    for _ in await skp(fake, NUR):
        await nur.ok(Text("Selesai"), Skip(), Choose("2"))
    for _ in BERAKHLAK:
        await nur.ok(Choose("2"), Skip())
    clock.set(at(date(2026, 12, 1), 8))

    turn = await nur.send(Submit())

    assert ended(turn).key == "error.period_not_open.past_due"
    appraisal = await stored(fake, period_id, NUR)
    assert appraisal is not None
    assert appraisal.status is AppraisalStatus.IN_PROGRESS
    assert outbox(fake) == []


async def test_a_draft_period_refuses_the_self_assessment(fake, conversations, periods):
    await periods.import_skp(OPERATOR, SKP_CSV)
    draft = await periods.create(OPERATOR, NOVEMBER)
    assert draft.id is not None
    nur = await chat(fake, conversations, NUR)
    with pytest.raises(PeriodNotOpen) as refused:
        await nur.begin(forms.SELF_ASSESSMENT, own_subject(draft.id))
    assert refused.value.reason == "draft"


async def test_a_closed_period_refuses_the_self_assessment(fake, conversations, periods, period_id):
    await periods.close(OPERATOR, period_id)
    nur = await chat(fake, conversations, NUR)
    with pytest.raises(PeriodNotOpen) as refused:
        await nur.begin(forms.SELF_ASSESSMENT, own_subject(period_id))
    assert refused.value.reason == "closed"


async def test_an_employee_without_skp_for_the_year_cannot_start(fake, conversations, period_id):
    hendra = await chat(fake, conversations, HENDRA)  # no SKP imported for him
    with pytest.raises(InvalidValue) as refused:
        await hendra.begin(forms.SELF_ASSESSMENT, own_subject(period_id))
    assert refused.value.reason == "no_skp"
    assert refused.value.params == {"field": "skp", "year": 2026}


async def test_someone_not_registered_as_an_employee_cannot_start(conversations, period_id):
    stranger = Chat(conversations, Actor(777, "id"))
    with pytest.raises(PermissionDenied):
        await stranger.begin(forms.SELF_ASSESSMENT, own_subject(period_id))


async def test_once_assessed_the_self_assessment_can_no_longer_be_opened(
    fake, conversations, period_id
):
    await submitted_and_assessed(fake, conversations, period_id)
    nur = await chat(fake, conversations, NUR)
    with pytest.raises(InvalidTransition) as refused:
        await nur.begin(forms.SELF_ASSESSMENT, own_subject(period_id))
    assert refused.value.reason == "already_assessed"


# --- assessment by the pejabat penilai ------------------------------------------------------


async def test_the_pejabat_penilai_assesses_and_the_predikat_comes_from_the_matrix(
    fake, conversations, period_id, clock
):
    nur = await chat(fake, conversations, NUR)
    await self_assess(nur, period_id, await skp(fake, NUR))
    clock.advance(hours=2)
    hendra = await chat(fake, conversations, HENDRA)

    # Hasil Di Atas with perilaku Di Bawah is Kurang/Misconduct (§2.5), not Butuh Perbaikan.
    turn = await assess(hendra, period_id, member_id(fake, NUR), "3", "1")

    appraisal = await stored(fake, period_id, NUR)
    assert appraisal is not None
    assert appraisal.status is AppraisalStatus.ASSESSED
    assert (appraisal.hasil, appraisal.perilaku) == (Rating.DI_ATAS, Rating.DI_BAWAH)
    assert appraisal.predikat is Predikat.KURANG
    assert appraisal.feedback == "Pertahankan."
    assert appraisal.item_feedback == {}
    assert (appraisal.assessed_by, appraisal.assessed_at) == (HENDRA, clock.now())
    assert turn.outcome.notices[0].key == "appraisal.assess.done"
    last = audit_of(fake)[-1]
    assert (last.actor, last.action, last.at) == (HENDRA, "assessed", clock.now())
    assert last.details == {"hasil": "di_atas", "perilaku": "di_bawah", "predikat": "kurang"}


@pytest.mark.parametrize(
    ("hasil", "perilaku", "predikat"),
    [
        ("3", "3", Predikat.SANGAT_BAIK),
        ("2", "3", Predikat.BAIK),
        ("2", "1", Predikat.KURANG),
        ("1", "2", Predikat.BUTUH_PERBAIKAN),
        ("1", "1", Predikat.SANGAT_KURANG),
    ],
)
async def test_the_predikat_of_an_assessment_follows_the_kuadran(
    fake, conversations, period_id, hasil, perilaku, predikat
):
    hendra = await chat(fake, conversations, HENDRA)
    await assess(hendra, period_id, member_id(fake, BUDI), hasil, perilaku)
    appraisal = await stored(fake, period_id, BUDI)
    assert appraisal is not None
    assert appraisal.predikat is predikat


async def test_the_employee_is_told_the_predikat_and_the_objection_deadline(
    fake, conversations, period_id
):
    await submitted_and_assessed(fake, conversations, period_id)

    [message] = outbox(fake, NUR)
    assert message.payload["key"] == "appraisal.notify.assessed"
    assert message.payload["params"] == {
        "period": "November 2026",
        "predikat": TextRef("appraisal.predikat.kurang"),
        "hasil": TextRef("appraisal.rating.di_atas"),
        "perilaku": TextRef("appraisal.rating.di_bawah"),
        # assessed on 27 Nov; five days to object, until the end of 2 Dec in the unit's WIB
        "deadline": datetime.combine(date(2026, 12, 2), time.max, tzinfo=WIB),
    }
    assert message.payload["buttons"] == [
        [
            {
                "label": "appraisal.button.results",
                "action": {"$action": "appraisal/results", "period_id": period_id},
                "params": {},
            }
        ]
    ]


async def test_the_pejabat_penilai_is_shown_the_predikat_in_words(fake, conversations, period_id):
    hendra = await chat(fake, conversations, HENDRA)
    turn = await assess(hendra, period_id, member_id(fake, NUR), "3", "1")
    assert turn.outcome.notices[0].params["predikat"] == TextRef("appraisal.predikat.kurang")


async def test_the_employee_may_be_assessed_without_a_self_assessment(
    fake, conversations, period_id
):
    hendra = await chat(fake, conversations, HENDRA)
    await assess(hendra, period_id, member_id(fake, NUR), "2", "2")

    appraisal = await stored(fake, period_id, NUR)
    assert appraisal is not None
    assert appraisal.predikat is Predikat.BAIK
    assert audit_of(fake)[-1].details["self_assessment"] == "missing"


async def test_a_self_assessment_overtaken_by_the_assessment_ends_at_the_next_answer(
    fake, conversations, period_id
):
    nur = await chat(fake, conversations, NUR)
    await nur.begin(forms.SELF_ASSESSMENT, own_subject(period_id))
    await nur.ok(Text("Terekam 1.240 permohonan"))
    hendra = await chat(fake, conversations, HENDRA)
    await assess(hendra, period_id, member_id(fake, NUR), "2", "2")

    turn = await nur.send(Skip())

    assert ended(turn).key == "error.invalid_transition.already_assessed"
    appraisal = await stored(fake, period_id, NUR)
    assert appraisal is not None
    assert appraisal.status is AppraisalStatus.ASSESSED


async def test_item_feedback_is_kept_when_the_penilai_chose_to_give_detail(
    fake, conversations, period_id
):
    ktp, _, jemput = await skp(fake, NUR)
    hendra = await chat(fake, conversations, HENDRA)
    await hendra.begin(forms.ASSESSMENT, employee_subject(period_id, member_id(fake, NUR)))
    await hendra.ok(Choose("2"), Choose("3"), Choose("yes"))
    assert hendra.cursor == f"rhk.{ktp.id}.feedback"
    await hendra.ok(Text("Perekaman tuntas."), Skip(), Text("Jemput bola ke panti."))
    for value in BERAKHLAK:
        await hendra.ok(Text("Selalu tepat waktu.") if value.code == "akuntabel" else Skip())
    await hendra.ok(Skip(), Submit())

    appraisal = await stored(fake, period_id, NUR)
    assert appraisal is not None
    assert appraisal.item_feedback == {
        str(ktp.id): "Perekaman tuntas.",
        str(jemput.id): "Jemput bola ke panti.",
        "berakhlak:akuntabel": "Selalu tepat waktu.",
    }
    assert appraisal.feedback is None


async def test_item_feedback_is_dropped_when_detail_is_changed_to_no_before_submitting(
    fake, conversations, period_id
):
    hendra = await chat(fake, conversations, HENDRA)
    await hendra.begin(forms.ASSESSMENT, employee_subject(period_id, member_id(fake, NUR)))
    await hendra.ok(Choose("2"), Choose("3"), Choose("yes"))
    for _ in await skp(fake, NUR):
        await hendra.ok(Text("Catatan per RHK."))
    for _ in BERAKHLAK:
        await hendra.ok(Text("Catatan perilaku."))
    await hendra.ok(Text("Umum."), Edit("detail"), Choose("no"))
    assert hendra.cursor == REVIEW

    await hendra.ok(Submit())

    appraisal = await stored(fake, period_id, NUR)
    assert appraisal is not None
    assert appraisal.item_feedback == {}
    assert appraisal.feedback == "Umum."


@pytest.mark.parametrize("nip", [DEWI, BUDI, YUSUF, NUR])
async def test_only_the_pejabat_penilai_may_assess(fake, conversations, period_id, nip):
    someone = await chat(fake, conversations, nip)
    subject = employee_subject(period_id, member_id(fake, NUR))
    with pytest.raises(PermissionDenied) as refused:
        await someone.begin(forms.ASSESSMENT, subject)
    assert refused.value.reason == "not_pejabat_penilai"
    assert await stored(fake, period_id, NUR) is None


async def test_a_forged_subject_naming_someone_elses_employee_is_refused(
    fake, conversations, period_id
):
    hendra = await chat(fake, conversations, HENDRA)
    ratna = next(row.id for row in fake.state.employees.values() if row.name == "Ratna Sari")
    for subject in (employee_subject(period_id, ratna), employee_subject(period_id, 99999)):
        with pytest.raises(PermissionDenied):
            await hendra.begin(forms.ASSESSMENT, subject)


async def test_someone_else_cannot_answer_the_penilai_s_session(fake, conversations, period_id):
    hendra = await chat(fake, conversations, HENDRA)
    await hendra.begin(forms.ASSESSMENT, employee_subject(period_id, member_id(fake, NUR)))
    dewi = await chat(fake, conversations, DEWI)
    dewi.turn = hendra.turn  # a button of Hendra's message, pressed by Dewi
    with pytest.raises(PermissionDenied):
        await dewi.send(Choose("3"))
    assert await stored(fake, period_id, NUR) is None


async def test_an_assessment_after_the_review_due_date_is_refused(
    fake, conversations, period_id, clock
):
    hendra = await chat(fake, conversations, HENDRA)
    subject = employee_subject(period_id, member_id(fake, NUR))
    await hendra.begin(forms.ASSESSMENT, subject)
    await hendra.ok(Choose("2"), Choose("2"), Choose("no"), Skip())
    clock.set(at(date(2026, 12, 11), 0, 0))

    turn = await hendra.send(Submit())

    reason = ended(turn)
    assert reason.key == "error.period_not_open.past_due"
    assert reason.params["phase"] == "review"
    assert await stored(fake, period_id, NUR) is None
    with pytest.raises(PeriodNotOpen):
        await hendra.begin(forms.ASSESSMENT, subject)


async def test_the_penilai_may_correct_an_assessment_until_the_employee_reacts(
    fake, conversations, period_id
):
    hendra = await chat(fake, conversations, HENDRA)
    await assess(hendra, period_id, member_id(fake, NUR), "3", "1")
    await assess(hendra, period_id, member_id(fake, NUR), "3", "3")

    appraisal = await stored(fake, period_id, NUR)
    assert appraisal is not None
    assert appraisal.predikat is Predikat.SANGAT_BAIK
    assert [row.action for row in audit_of(fake)] == ["assessed", "reassessed"]
    # issue 12: a correction within the grace time replaces the waiting message
    [message] = outbox(fake, NUR)
    assert message.payload["key"] == "appraisal.notify.assessed"
    assert message.payload["params"]["predikat"] == TextRef("appraisal.predikat.sangat_baik")
    assert message.payload["params"]["perilaku"] == TextRef("appraisal.rating.di_atas")


async def test_corrections_within_the_grace_time_reach_the_employee_as_one_message(
    fake, conversations, period_id, clock
):
    hendra = await chat(fake, conversations, HENDRA)
    nur_id = member_id(fake, NUR)
    for hasil, perilaku in (("3", "1"), ("2", "1"), ("1", "1"), ("2", "2")):
        await assess(hendra, period_id, nur_id, hasil, perilaku)
        clock.advance(minutes=5)
    [message] = outbox(fake, NUR)
    assert message.dedupe_key == f"result:{period_id}:{NUR}:1"
    assert message.not_before == at(date(2026, 11, 27), 10, 30)  # 30 minutes after the first
    assert message.payload["params"]["predikat"] == TextRef("appraisal.predikat.baik")


async def test_a_change_after_the_employee_was_told_says_so_and_restarts_the_window(
    fake, conversations, period_id, clock
):
    await submitted_and_assessed(fake, conversations, period_id)  # told 27 Nov 10:30
    clock.set(at(date(2026, 11, 30), 9))
    hendra = await chat(fake, conversations, HENDRA)
    await assess(hendra, period_id, member_id(fake, NUR), "2", "2")
    first, change = outbox(fake, NUR)
    assert first.payload["key"] == "appraisal.notify.assessed"
    assert change.payload["key"] == "appraisal.notify.changed"
    assert change.dedupe_key == f"result:{period_id}:{NUR}:2"
    # five days from the change's message (30 Nov), not from the first assessment (2 Dec)
    assert change.payload["params"]["deadline"] == datetime.combine(
        date(2026, 12, 5), time.max, tzinfo=WIB
    )
    deliver(fake)
    clock.set(at(date(2026, 12, 4), 12))  # after the first window, inside the new one
    nur = await chat(fake, conversations, NUR)
    turn = await object_to(nur, period_id)
    assert turn.outcome.notices[0].key == "appraisal.object.filed"


async def test_the_objection_window_starts_when_the_result_is_sent_not_when_assessed(
    fake, conversations, period_id, clock
):
    nur = await chat(fake, conversations, NUR)
    await self_assess(nur, period_id, await skp(fake, NUR))
    hendra = await chat(fake, conversations, HENDRA)
    await assess(hendra, period_id, member_id(fake, NUR), "3", "1")  # 27 Nov 10:00
    [message] = outbox(fake, NUR)
    message.status, message.sent_at = "sent", at(date(2026, 11, 30), 8)  # went out on Monday
    clock.set(at(date(2026, 12, 4), 12))  # past 2 Dec (assessment + 5), before 5 Dec
    turn = await object_to(nur, period_id)
    assert turn.outcome.notices[0].key == "appraisal.object.filed"


# --- objection ------------------------------------------------------------------------------


async def test_the_employee_objects_within_the_window_and_the_atasan_is_told(
    fake, conversations, period_id, clock
):
    await submitted_and_assessed(fake, conversations, period_id)
    clock.set(at(date(2026, 12, 2), 23, 59))  # the last minute of the window
    nur = await chat(fake, conversations, NUR)

    turn = await object_to(nur, period_id)

    assert turn.outcome.notices == (Notice("appraisal.object.filed", {"period": "November 2026"}),)
    appraisal = await stored(fake, period_id, NUR)
    assert appraisal is not None
    assert appraisal.status is AppraisalStatus.OBJECTED
    assert appraisal.objection is not None
    assert appraisal.objection.reason == OBJECTION_REASON
    assert appraisal.objection.filed_at == clock.now()
    [message] = outbox(fake, DEWI)
    assert message.payload["key"] == "appraisal.notify.objected"
    assert message.payload["params"] == {"name": "Nur Aisyah", "period": "November 2026"}
    assert message.payload["buttons"][0][0]["action"] == {
        "$action": "appraisal/objection",
        "period_id": period_id,
        "employee_id": member_id(fake, NUR),
    }
    last = audit_of(fake)[-1]
    assert (last.actor, last.action, last.at) == (NUR, "objected", clock.now())
    assert last.details == {"reason": OBJECTION_REASON}


async def test_admins_are_told_they_decide_for_an_atasan_who_is_not_in_the_bot(
    fake, conversations, period_id, clock
):
    await submitted_and_assessed(fake, conversations, period_id)
    dewi = next(row for row in fake.state.employees.values() if row.nip == DEWI)
    dewi.telegram_id = None  # the atasan never registered

    await object_to(await chat(fake, conversations, NUR), period_id)

    [message] = outbox(fake, NOVITA)
    assert message.payload["key"] == "appraisal.notify.objected_on_behalf"
    assert message.payload["params"] == {
        "name": "Nur Aisyah",
        "period": "November 2026",
        "atasan": dewi.name,
    }


async def test_an_objection_after_the_window_is_refused(fake, conversations, period_id, clock):
    await submitted_and_assessed(fake, conversations, period_id)
    nur = await chat(fake, conversations, NUR)
    await nur.begin(forms.OBJECTION, own_subject(period_id))
    await nur.ok(Text(OBJECTION_REASON))
    clock.set(at(date(2026, 12, 3), 0, 0))

    turn = await nur.send(Submit())

    assert ended(turn).key == "error.period_not_open.objection_window_closed"
    appraisal = await stored(fake, period_id, NUR)
    assert appraisal is not None
    assert appraisal.status is AppraisalStatus.ASSESSED
    assert outbox(fake, DEWI) == []


async def test_the_objection_form_does_not_open_after_the_window(
    fake, conversations, period_id, clock
):
    await submitted_and_assessed(fake, conversations, period_id)
    clock.set(at(date(2026, 12, 3), 8))
    nur = await chat(fake, conversations, NUR)
    with pytest.raises(PeriodNotOpen):
        await nur.begin(forms.OBJECTION, own_subject(period_id))


async def test_an_employee_objects_only_once(fake, conversations, period_id):
    await submitted_and_assessed(fake, conversations, period_id)
    nur = await chat(fake, conversations, NUR)
    await object_to(nur, period_id)

    with pytest.raises(InvalidTransition) as refused:
        await nur.begin(forms.OBJECTION, own_subject(period_id))
    assert refused.value.reason == "objection_already_filed"
    assert refused.value.params["filed"] == at(date(2026, 11, 27))


async def test_an_acknowledged_predikat_may_still_be_objected_within_the_window(
    fake, conversations, period_id, clock
):
    await submitted_and_assessed(fake, conversations, period_id)
    nur = await chat(fake, conversations, NUR)
    await Appraisals(fake, clock, DEFAULT_TIMEZONE).acknowledge(nur.actor, period_id)

    await object_to(nur, period_id)

    appraisal = await stored(fake, period_id, NUR)
    assert appraisal is not None
    assert appraisal.status is AppraisalStatus.OBJECTED


async def test_there_is_nothing_to_object_to_before_the_assessment(fake, conversations, period_id):
    nur = await chat(fake, conversations, NUR)
    await self_assess(nur, period_id, await skp(fake, NUR))
    with pytest.raises(InvalidTransition) as refused:
        await nur.begin(forms.OBJECTION, own_subject(period_id))
    assert refused.value.reason == "not_assessed"


async def test_an_objection_reason_needs_ten_characters(fake, conversations, period_id):
    await submitted_and_assessed(fake, conversations, period_id)
    nur = await chat(fake, conversations, NUR)
    await nur.begin(forms.OBJECTION, own_subject(period_id))

    turn = await nur.send(Text("Tak adil"))

    assert isinstance(turn.error, InvalidAnswer)
    assert turn.error.reason == "too_short"


# --- the atasan's decision ------------------------------------------------------------------


TANGGAPAN_TEXT = "Realisasi laporan bulanan belum lengkap; bukti dukung tidak dilampirkan."


async def respond(
    fake: FakeUnitOfWorkFactory, conversations: Conversations, period_id: int, evidence=None
) -> Turn:
    """Hendra, Nur's pejabat penilai, gives his tanggapan on her objection."""
    hendra = await chat(fake, conversations, HENDRA)
    await hendra.begin(forms.TANGGAPAN, employee_subject(period_id, member_id(fake, NUR)))
    await hendra.ok(Text(TANGGAPAN_TEXT), evidence or Skip())
    return await hendra.ok(Submit())


async def objected(fake: FakeUnitOfWorkFactory, conversations: Conversations, period_id: int):
    """Nur objects and Hendra gives his tanggapan: the atasan may decide."""
    await submitted_and_assessed(fake, conversations, period_id)
    await object_to(await chat(fake, conversations, NUR), period_id)
    await respond(fake, conversations, period_id)


async def test_the_atasan_keeps_the_ratings_and_employee_and_penilai_are_told(
    fake, conversations, period_id, clock
):
    await objected(fake, conversations, period_id)
    clock.advance(days=2)
    dewi = await chat(fake, conversations, DEWI)
    await dewi.begin(forms.DECISION, employee_subject(period_id, member_id(fake, NUR)))
    await dewi.ok(Choose("keep"))
    assert dewi.cursor == "reason"  # no ratings asked when keeping them

    turn = await dewi.ok(Text(DECISION_REASON), Submit())

    assert turn.outcome.notices[0].key == "appraisal.decide.done"
    appraisal = await stored(fake, period_id, NUR)
    assert appraisal is not None
    assert appraisal.status is AppraisalStatus.DECIDED
    assert appraisal.predikat is Predikat.KURANG
    assert appraisal.decision is not None
    assert (appraisal.decision.by_nip, appraisal.decision.keep) == (DEWI, True)
    assert (appraisal.decision.at, appraisal.decision.reason) == (clock.now(), DECISION_REASON)
    [to_nur] = outbox(fake, NUR)[1:]
    to_hendra = outbox(fake, HENDRA)[-1]
    assert to_nur.payload["key"] == to_hendra.payload["key"] == "appraisal.notify.decided"
    assert to_nur.payload["buttons"][0][0]["action"] == {
        "$action": "appraisal/results",
        "period_id": period_id,
    }
    assert to_hendra.payload["buttons"] == []
    last = audit_of(fake)[-1]
    assert (last.actor, last.action, last.at) == (DEWI, "objection_decided", clock.now())
    assert last.details["keep"] == "yes"
    assert last.details["predikat"] == last.details["previous_predikat"] == "kurang"


async def test_the_atasan_changes_the_ratings_and_the_predikat_follows(
    fake, conversations, period_id
):
    await objected(fake, conversations, period_id)
    dewi = await chat(fake, conversations, DEWI)
    await dewi.begin(forms.DECISION, employee_subject(period_id, member_id(fake, NUR)))

    await dewi.ok(Choose("change"), Choose("3"), Choose("2"), Text(DECISION_REASON), Submit())

    appraisal = await stored(fake, period_id, NUR)
    assert appraisal is not None
    assert (appraisal.hasil, appraisal.perilaku) == (Rating.DI_ATAS, Rating.SESUAI)
    assert appraisal.predikat is Predikat.BAIK
    assert appraisal.decision is not None
    assert appraisal.decision.keep is False
    details = audit_of(fake)[-1].details
    assert (details["previous_predikat"], details["predikat"]) == ("kurang", "baik")


async def test_changing_to_the_same_ratings_is_refused(fake, conversations, period_id):
    await objected(fake, conversations, period_id)
    dewi = await chat(fake, conversations, DEWI)
    await dewi.begin(forms.DECISION, employee_subject(period_id, member_id(fake, NUR)))
    await dewi.ok(Choose("change"), Choose("3"), Choose("1"), Text(DECISION_REASON))

    turn = await dewi.send(Submit())

    assert isinstance(turn.error, InvalidValue)
    assert turn.error.reason == "unchanged"
    assert turn.session.cursor == REVIEW
    appraisal = await stored(fake, period_id, NUR)
    assert appraisal is not None
    assert appraisal.status is AppraisalStatus.OBJECTED


async def test_the_decision_names_the_predikat_in_words(fake, conversations, period_id):
    await objected(fake, conversations, period_id)
    dewi = await chat(fake, conversations, DEWI)
    await dewi.begin(forms.DECISION, employee_subject(period_id, member_id(fake, NUR)))
    turn = await dewi.ok(
        Choose("change"), Choose("3"), Choose("2"), Text(DECISION_REASON), Submit()
    )
    assert outbox(fake, NUR)[-1].payload["params"]["predikat"] == TextRef("appraisal.predikat.baik")
    assert turn.outcome.notices[0].params["predikat"] == TextRef("appraisal.predikat.baik")


@pytest.mark.parametrize("nip", [HENDRA, YUSUF, AGUS, NOVITA, NUR])
async def test_only_the_atasan_pejabat_penilai_may_decide(fake, conversations, period_id, nip):
    await objected(fake, conversations, period_id)
    someone = await chat(fake, conversations, nip)
    with pytest.raises(PermissionDenied) as refused:
        await someone.begin(forms.DECISION, employee_subject(period_id, member_id(fake, NUR)))
    assert refused.value.reason == "not_atasan_pejabat_penilai"


async def test_there_is_nothing_to_decide_without_an_objection(fake, conversations, period_id):
    await submitted_and_assessed(fake, conversations, period_id)
    dewi = await chat(fake, conversations, DEWI)
    with pytest.raises(InvalidTransition) as refused:
        await dewi.begin(forms.DECISION, employee_subject(period_id, member_id(fake, NUR)))
    assert refused.value.reason == "not_objected"


async def test_a_decision_is_final(fake, conversations, period_id):
    await objected(fake, conversations, period_id)
    dewi = await chat(fake, conversations, DEWI)
    subject = employee_subject(period_id, member_id(fake, NUR))
    await dewi.begin(forms.DECISION, subject)
    await dewi.ok(Choose("keep"), Text(DECISION_REASON), Submit())

    with pytest.raises(InvalidTransition):
        await dewi.begin(forms.DECISION, subject)
    nur = await chat(fake, conversations, NUR)
    with pytest.raises(InvalidTransition):
        await nur.begin(forms.OBJECTION, own_subject(period_id))


async def test_an_admin_decides_for_the_kepala_daerah_when_a_kepala_dinas_objects(
    fake, conversations, period_id, clock
):
    # The Kepala Dinas is assessed by the Sekda; the Sekda's superior (the Wali Kota) is not an
    # employee here, so the atasan pejabat penilai is missing from the chain.
    sekda = await chat(fake, conversations, SEKDA)
    await assess(sekda, period_id, member_id(fake, AGUS), "2", "1")
    agus = await chat(fake, conversations, AGUS)
    await object_to(agus, period_id)
    [told] = outbox(fake, NOVITA)
    assert told.payload["key"] == "appraisal.notify.objected_for_kepala_daerah"
    clock.advance(days=4)  # the Sekda gave no tanggapan by its due time
    novita = await chat(fake, conversations, NOVITA)

    await novita.begin(forms.DECISION, employee_subject(period_id, member_id(fake, AGUS)))
    await novita.ok(Choose("change"), Choose("2"), Choose("2"), Text(DECISION_REASON), Submit())

    appraisal = await stored(fake, period_id, AGUS)
    assert appraisal is not None
    assert appraisal.status is AppraisalStatus.DECIDED
    assert appraisal.predikat is Predikat.BAIK
    assert appraisal.decision is not None
    assert appraisal.decision.by_nip == NOVITA
    last = audit_of(fake)[-1]
    assert (last.actor, last.action, last.at) == (NOVITA, "objection_decided", clock.now())
    assert outbox(fake, AGUS)[-1].payload["key"] == "appraisal.notify.decided"
    assert outbox(fake, SEKDA)[-1].payload["key"] == "appraisal.notify.decided"


@pytest.mark.parametrize("nip", [SEKDA, DEWI])
async def test_without_an_atasan_only_an_admin_of_the_whole_organisation_decides(
    fake, conversations, period_id, clock, nip
):
    await OrgAdministration(fake, clock).grant_admin(OPERATOR, DEWI, "DISDUKCAPIL")  # a unit admin
    sekda = await chat(fake, conversations, SEKDA)
    await assess(sekda, period_id, member_id(fake, AGUS), "2", "1")
    await object_to(await chat(fake, conversations, AGUS), period_id)
    someone = await chat(fake, conversations, nip)
    with pytest.raises(PermissionDenied):
        await someone.begin(forms.DECISION, employee_subject(period_id, member_id(fake, AGUS)))


async def test_the_pejabat_penilai_never_decides_an_objection_to_his_own_rating(
    fake, conversations, period_id, clock
):
    await OrgAdministration(fake, clock).grant_admin(OPERATOR, SEKDA)
    sekda = await chat(fake, conversations, SEKDA)
    await assess(sekda, period_id, member_id(fake, AGUS), "2", "1")
    await object_to(await chat(fake, conversations, AGUS), period_id)
    with pytest.raises(PermissionDenied):
        await sekda.begin(forms.DECISION, employee_subject(period_id, member_id(fake, AGUS)))


# --- the whole cycle ------------------------------------------------------------------------


async def test_every_step_of_the_cycle_is_in_the_audit_log_with_who_and_when(
    fake, conversations, period_id, clock
):
    moments = []
    nur = await chat(fake, conversations, NUR)
    await nur.begin(forms.SELF_ASSESSMENT, own_subject(period_id))
    items = await skp(fake, NUR)
    await nur.ok(Text("Terekam 1.240 permohonan"))
    moments.append(clock.now())
    clock.advance(minutes=20)
    await nur.ok(Skip(), Choose("2"))
    for _ in items[1:]:
        await nur.ok(Text("Selesai"), Skip(), Choose("2"))
    for _ in BERAKHLAK:
        await nur.ok(Choose("2"), Skip())
    await nur.ok(Submit())
    moments.append(clock.now())
    clock.advance(days=1)
    await assess(await chat(fake, conversations, HENDRA), period_id, member_id(fake, NUR), "2", "1")
    moments.append(clock.now())
    clock.advance(days=1)
    await object_to(nur, period_id)
    moments.append(clock.now())
    clock.advance(days=1)
    await respond(fake, conversations, period_id)
    moments.append(clock.now())
    clock.advance(days=2)
    dewi = await chat(fake, conversations, DEWI)
    await dewi.begin(forms.DECISION, employee_subject(period_id, member_id(fake, NUR)))
    await dewi.ok(Choose("keep"), Text(DECISION_REASON), Submit())
    moments.append(clock.now())

    rows = audit_of(fake)
    assert {row.subject for row in rows} == {rows[0].subject}  # one appraisal
    assert who_what_when(rows) == list(
        zip(
            [NUR, NUR, HENDRA, NUR, HENDRA, DEWI],
            [
                "self_assessment_started",
                "self_assessment_submitted",
                "assessed",
                "objected",
                "tanggapan",
                "objection_decided",
            ],
            moments,
            strict=True,
        )
    )


# --- the pejabat penilai's tanggapan (PP 30/2019 Pasal 59) ------------------------------------

TANGGAPAN_DUE = datetime(2026, 11, 30, 23, 59, 59, 999999, tzinfo=WIB)  # filed 27 Nov + 3 days


async def test_the_pejabat_penilai_is_told_of_the_objection_with_its_reasons_and_due_time(
    fake, conversations, period_id
):
    await submitted_and_assessed(fake, conversations, period_id)
    await object_to(await chat(fake, conversations, NUR), period_id)

    asked = outbox(fake, HENDRA)[-1]
    assert asked.payload["key"] == "appraisal.notify.tanggapan_asked"
    params = asked.payload["params"]
    assert (params["name"], params["reason"]) == ("Nur Aisyah", OBJECTION_REASON)
    assert params["due"] == TANGGAPAN_DUE
    assert asked.payload["buttons"][0][0]["action"] == {
        "$action": "appraisal/tanggapan",
        "period_id": period_id,
        "employee_id": member_id(fake, NUR),
    }
    appraisal = await stored(fake, period_id, NUR)
    assert appraisal is not None
    assert appraisal.objection is not None
    assert appraisal.objection.response_due == TANGGAPAN_DUE


async def test_the_tanggapan_is_due_after_the_days_the_admin_configured(fake, period_id, clock):
    flows = {
        forms.ASSESSMENT: AssessmentFlow(clock, DEFAULT_TIMEZONE),
        forms.OBJECTION: ObjectionFlow(clock, DEFAULT_TIMEZONE, tanggapan_days=5),
    }
    conversations = Conversations(fake, clock, flows)
    await assess(await chat(fake, conversations, HENDRA), period_id, member_id(fake, NUR), "2", "1")
    await object_to(await chat(fake, conversations, NUR), period_id)
    appraisal = await stored(fake, period_id, NUR)
    assert appraisal is not None
    assert appraisal.objection is not None
    assert appraisal.objection.response_due == datetime(2026, 12, 2, 23, 59, 59, 999999, WIB)


async def test_the_tanggapan_with_evidence_is_recorded_and_the_atasan_is_told(
    fake, conversations, period_id, clock
):
    await submitted_and_assessed(fake, conversations, period_id)
    await object_to(await chat(fake, conversations, NUR), period_id)
    clock.advance(hours=5)

    turn = await respond(fake, conversations, period_id, Upload("document", "FILE-TGP"))

    assert turn.outcome.notices == (Notice("appraisal.tanggapan.done", {"name": "Nur Aisyah"}),)
    appraisal = await stored(fake, period_id, NUR)
    assert appraisal is not None
    assert appraisal.status is AppraisalStatus.OBJECTED
    assert appraisal.tanggapan is not None
    assert (appraisal.tanggapan.by_nip, appraisal.tanggapan.text) == (HENDRA, TANGGAPAN_TEXT)
    assert appraisal.tanggapan.at == clock.now()
    assert appraisal.tanggapan.evidence == "document:FILE-TGP"
    last = audit_of(fake)[-1]
    assert (last.actor, last.action) == (HENDRA, "tanggapan")
    assert last.details == {"tanggapan": TANGGAPAN_TEXT, "evidence": "yes"}
    told = outbox(fake, DEWI)[-1]
    assert told.payload["key"] == "appraisal.notify.tanggapan_given"
    assert told.payload["params"]["penilai"] == "Hendra Gunawan, S.Kom."


@pytest.mark.parametrize("nip", [DEWI, NUR, BUDI])
async def test_only_the_pejabat_penilai_gives_the_tanggapan(fake, conversations, period_id, nip):
    await submitted_and_assessed(fake, conversations, period_id)
    await object_to(await chat(fake, conversations, NUR), period_id)
    someone = await chat(fake, conversations, nip)
    with pytest.raises(PermissionDenied):
        await someone.begin(forms.TANGGAPAN, employee_subject(period_id, member_id(fake, NUR)))


async def test_the_atasan_cannot_decide_before_the_tanggapan_or_its_due_time(
    fake, conversations, period_id
):
    await submitted_and_assessed(fake, conversations, period_id)
    await object_to(await chat(fake, conversations, NUR), period_id)
    dewi = await chat(fake, conversations, DEWI)
    with pytest.raises(InvalidTransition) as refused:
        await dewi.begin(forms.DECISION, employee_subject(period_id, member_id(fake, NUR)))
    assert refused.value.reason == "tanggapan_pending"
    assert refused.value.params["due"] == TANGGAPAN_DUE


async def test_the_atasan_may_decide_early_by_stating_why_and_the_record_keeps_it(
    fake, conversations, period_id
):
    await submitted_and_assessed(fake, conversations, period_id)
    await object_to(await chat(fake, conversations, NUR), period_id)
    dewi = await chat(fake, conversations, DEWI)
    await dewi.begin(forms.DECISION_EARLY, employee_subject(period_id, member_id(fake, NUR)))
    assert dewi.cursor == "without_tanggapan"
    why = "Pejabat penilai sedang cuti panjang; bukti dukung sudah jelas."

    await dewi.ok(Text(why), Choose("keep"), Text(DECISION_REASON), Submit())

    appraisal = await stored(fake, period_id, NUR)
    assert appraisal is not None
    assert appraisal.status is AppraisalStatus.DECIDED
    assert appraisal.decision is not None
    assert appraisal.decision.without_tanggapan == why
    assert audit_of(fake)[-1].details["without_tanggapan"] == why


async def test_after_the_due_time_the_atasan_decides_without_a_tanggapan(
    fake, conversations, period_id, clock
):
    await submitted_and_assessed(fake, conversations, period_id)
    await object_to(await chat(fake, conversations, NUR), period_id)
    clock.set(TANGGAPAN_DUE + timedelta(microseconds=1))
    dewi = await chat(fake, conversations, DEWI)
    await dewi.begin(forms.DECISION, employee_subject(period_id, member_id(fake, NUR)))
    await dewi.ok(Choose("keep"), Text(DECISION_REASON), Submit())
    appraisal = await stored(fake, period_id, NUR)
    assert appraisal is not None
    assert appraisal.decision is not None
    assert appraisal.decision.without_tanggapan is None


# --- refusals name the actual state (one test per reason) -------------------------------------


async def test_an_objection_after_the_decision_is_refused_as_already_decided(
    fake, conversations, period_id, clock
):
    await objected(fake, conversations, period_id)
    dewi = await chat(fake, conversations, DEWI)
    await dewi.begin(forms.DECISION, employee_subject(period_id, member_id(fake, NUR)))
    await dewi.ok(Choose("keep"), Text(DECISION_REASON), Submit())
    decided_at = clock.now()
    clock.advance(hours=1)
    nur = await chat(fake, conversations, NUR)
    with pytest.raises(InvalidTransition) as refused:  # the old "Ajukan keberatan" button
        await nur.begin(forms.OBJECTION, own_subject(period_id))
    assert refused.value.reason == "objection_already_decided"
    assert refused.value.params["decided"] == decided_at


async def test_an_objection_in_a_closed_period_is_refused_as_closed(
    fake, conversations, period_id, periods, clock
):
    await submitted_and_assessed(fake, conversations, period_id)
    clock.set(at(date(2026, 12, 11)))
    await periods.close(OPERATOR, period_id)
    nur = await chat(fake, conversations, NUR)
    with pytest.raises(InvalidTransition) as refused:
        await nur.begin(forms.OBJECTION, own_subject(period_id))
    assert refused.value.reason == "closed"


async def test_a_second_decision_is_refused_as_already_decided_with_its_date(
    fake, conversations, period_id, clock
):
    await objected(fake, conversations, period_id)
    dewi = await chat(fake, conversations, DEWI)
    subject = employee_subject(period_id, member_id(fake, NUR))
    await dewi.begin(forms.DECISION, subject)
    await dewi.ok(Choose("keep"), Text(DECISION_REASON), Submit())
    with pytest.raises(InvalidTransition) as refused:
        await dewi.begin(forms.DECISION, subject)
    assert refused.value.reason == "already_decided"
    assert refused.value.params["decided"] == clock.now()


async def test_a_second_tanggapan_is_refused_naming_when_the_first_came(
    fake, conversations, period_id, clock
):
    await objected(fake, conversations, period_id)
    given = clock.now()
    hendra = await chat(fake, conversations, HENDRA)
    with pytest.raises(InvalidTransition) as refused:
        await hendra.begin(forms.TANGGAPAN, employee_subject(period_id, member_id(fake, NUR)))
    assert refused.value.reason == "tanggapan_already_given"
    assert refused.value.params["at"] == given


async def test_a_tanggapan_after_its_due_time_is_refused_naming_the_date(
    fake, conversations, period_id, clock
):
    await submitted_and_assessed(fake, conversations, period_id)
    await object_to(await chat(fake, conversations, NUR), period_id)
    clock.set(at(date(2026, 12, 1), 8))
    hendra = await chat(fake, conversations, HENDRA)
    with pytest.raises(PeriodNotOpen) as refused:
        await hendra.begin(forms.TANGGAPAN, employee_subject(period_id, member_id(fake, NUR)))
    assert refused.value.reason == "tanggapan_window_closed"
    assert refused.value.params["deadline"] == TANGGAPAN_DUE


async def test_a_tanggapan_without_an_objection_is_refused_as_not_objected(
    fake, conversations, period_id
):
    await submitted_and_assessed(fake, conversations, period_id)
    hendra = await chat(fake, conversations, HENDRA)
    with pytest.raises(InvalidTransition) as refused:
        await hendra.begin(forms.TANGGAPAN, employee_subject(period_id, member_id(fake, NUR)))
    assert refused.value.reason == "not_objected"


async def test_a_tanggapan_after_the_decision_is_refused_as_already_decided(
    fake, conversations, period_id, clock
):
    await submitted_and_assessed(fake, conversations, period_id)
    await object_to(await chat(fake, conversations, NUR), period_id)
    dewi = await chat(fake, conversations, DEWI)
    await dewi.begin(forms.DECISION_EARLY, employee_subject(period_id, member_id(fake, NUR)))
    await dewi.ok(Text(DECISION_REASON), Choose("keep"), Text(DECISION_REASON), Submit())
    hendra = await chat(fake, conversations, HENDRA)
    with pytest.raises(InvalidTransition) as refused:
        await hendra.begin(forms.TANGGAPAN, employee_subject(period_id, member_id(fake, NUR)))
    assert refused.value.reason == "already_decided"
