"""The world the authorisation table runs in: the demo organisation on the fakes, one person per
role, an open period with everyone's SKP, and every use case wired as the composition root
wires it. Built once; every cell of the table gets its own copy.

The subject is Nur Aisyah (pelaksana, Seksi Identitas Penduduk, DISDUKCAPIL) and, for the SKM,
the KTP-el service of her seksi.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from domain.actors import Actor
from domain.appraisal import forms
from domain.appraisal.flows import AssessmentFlow, DecisionFlow, ObjectionFlow, SelfAssessmentFlow
from domain.appraisal.model import Appraisal
from domain.appraisal.period_admin import PeriodAdministration, PeriodDraft
from domain.appraisal.period_flow import PERIOD_CREATE, PeriodCreateFlow
from domain.appraisal.periods import PeriodKind
from domain.appraisal.predikat import Rating
from domain.appraisal.use_cases import Appraisals
from domain.engine.conversations import Conversations
from domain.org.admin import OrgAdministration
from domain.org.directory import actor_of
from domain.org.registration import Registration, RegistrationFlow
from domain.peer import coaching
from domain.peer.catalogue_admin import CatalogueAdministration
from domain.peer.coaching_flows import RECORD_FLOW, CoachingFeedbackFlow, CoachingRecordFlow
from domain.peer.development_cases import DevelopmentViews
from domain.peer.plan_flow import PLAN_FLOW, PlanFlow
from domain.peer.recommendations import Policy as AdvicePolicy
from domain.peer.recommendations import Recommendations
from domain.peer.results import ResultsViews
from domain.reminders.reports import ReportPolicy, Reports
from domain.skm.admin import SkmAdministration
from domain.skm.followup import POPULATION_FLOW, RTL_FLOW, PopulationFlow, RtlFlow
from domain.skm.reports import SkmReports
from domain.skm.survey import QUESTIONNAIRE_ID
from domain.skm.survey_flow import SkmSurveys, SurveyFlow, SurveyPolicy
from domain.unit_of_work import UnitOfWorkFactory
from tests.support.calendar import FixedCalendars
from tests.support.clock import FixedClock
from tests.support.fakes.seeding import populate_demo
from tests.support.fakes.state import FakeState
from tests.support.fakes.unit_of_work import FakeUnitOfWorkFactory

SECRET = "tk-7d2e9a4c1f8b3e6d0a5c2f9e4b7d1a8c3e6f9b2d"
TIMEZONE = "Asia/Jakarta"
NUR = "199608182022042001"  # the subject: pelaksana, Seksi Identitas Penduduk
RUDI = "199001052014031002"  # an employee without a Telegram account
OPERATOR = Actor.operator()

# The columns of the table: who plays each role (an NIP; None: nobody's account).
PEOPLE: dict[str, str | None] = {
    "cit": None,  # a citizen: no employee behind the account
    "emp": NUR,  # the employee herself
    "pp": "198509302010041001",  # Hendra, her pejabat penilai (he also heads her seksi)
    "sup": "197906112006021002",  # Yusuf, pejabat penilai of someone else (Ratna)
    "atp": "198004172005012003",  # Dewi, her atasan pejabat penilai (heads the bidang above)
    "hd": "197511021997081001",  # Agus, head of the dinas above her seksi
    "hde": "198202142008122002",  # Rina, a unit head elsewhere (perizinan)
    "ua": "198802292012021001",  # Teguh, an admin of DISDUKCAPIL, her dinas
    "uae": "199707152022012002",  # Maya, an admin of DINKES
    "oa": "198311232009042001",  # Novita, an admin of the whole organisation
    "op": None,  # the operator at the command line
}
ADMINS = {PEOPLE["ua"]: "DISDUKCAPIL", PEOPLE["uae"]: "DINKES", PEOPLE["oa"]: None}
CITIZEN_TELEGRAM = 900_001
TELEGRAM = {nip: 800_000 + n for n, nip in enumerate(filter(None, PEOPLE.values()), start=1)}

NOVEMBER = PeriodDraft(
    name="November 2026",
    kind=PeriodKind.MONTHLY,
    start=date(2026, 11, 1),
    end=date(2026, 11, 30),
    self_due=date(2026, 11, 30),
    peer_due=date(2026, 11, 30),
    review_due=date(2026, 12, 10),
)
DECEMBER = PeriodDraft(
    name="Desember 2026",
    kind=PeriodKind.MONTHLY,
    start=date(2026, 12, 1),
    end=date(2026, 12, 31),
    self_due=date(2026, 12, 31),
    peer_due=date(2026, 12, 31),
    review_due=date(2027, 1, 10),
)
SKP_CSV = (
    "nip,year,kind,rhk,indicator,target\n"
    + "".join(
        f"{nip},2026,utama,Terlaksananya tugas jabatan,Persentase tugas selesai,100%\n"
        for nip in TELEGRAM
    )
).encode()


@dataclass
class World:
    """One copy of the world, with the use cases over it. ``fake`` is its store: the fakes, or a
    database for the rows that read reports."""

    fake: FakeUnitOfWorkFactory
    clock: FixedClock
    november: int
    december: int

    def __post_init__(self) -> None:
        fake, clock = self.fake, self.clock
        self.org = OrgAdministration(fake, clock)
        self.registration = Registration(fake, clock, SECRET)
        self.periods = PeriodAdministration(fake, clock, TIMEZONE)
        self.appraisals = Appraisals(fake, clock, TIMEZONE)
        policy = SurveyPolicy(SECRET, responses_per_day=1, default_timezone=TIMEZONE)
        self.conversations = Conversations(fake, clock, _flows(self.periods, policy, fake, clock))
        self.surveys = SkmSurveys(fake, clock, self.conversations, policy)
        self.reports = SkmReports(fake, min_respondents=1, default_timezone=TIMEZONE)
        self.skm_admin = SkmAdministration(fake, clock)
        self.reminders = Reports(fake, clock, FixedCalendars(), ReportPolicy(TIMEZONE))
        self.recognition = 0  # a candidate's id, once a row's set-up proposed one
        self.development = DevelopmentViews(fake, clock)
        self.results = ResultsViews(fake, clock, TIMEZONE, 3)
        self.catalogue = CatalogueAdministration(fake, clock)
        self.recommendations = Recommendations(fake, clock, AdvicePolicy())
        self.coaching = 0  # a coaching record's id, once a row's set-up recorded one

    async def actor(self, role: str) -> Actor:
        """The actor of a column, as the bot resolves them from their Telegram account."""
        if role == "op":
            return OPERATOR
        nip = PEOPLE[role]
        async with self.fake(readonly=True) as uow:
            return await actor_of(uow, TELEGRAM[nip] if nip else CITIZEN_TELEGRAM)

    def member_id(self, nip: str) -> int:
        return next(row.id for row in self.fake.state.employees.values() if row.nip == nip)

    def service_id(self, code: str) -> int:
        return next(row.id for row in self.fake.state.services.values() if row.code == code)

    async def put(self, appraisal: Appraisal) -> None:
        async with self.fake() as uow:
            await uow.appraisals.save(appraisal, now=self.clock.now())
            await uow.commit()

    async def stage(self, nip: str, stage: str) -> None:
        """Put ``nip``'s November appraisal at ``stage``: submitted, assessed (an hour ago,
        so the objection window is open) or objected."""
        now = self.clock.now()
        appraisal = Appraisal(self.november, nip).submit_self_assessment(
            by_nip=nip, ratings={"berakhlak:loyal": Rating.SESUAI}, realisations={}, now=now
        )
        if stage != "submitted":
            penilai = next(r.nip for r in self.fake.state.employees.values() if r.nip != nip)
            appraisal = appraisal.assess(
                hasil=Rating.SESUAI,
                perilaku=Rating.SESUAI,
                feedback=None,
                by_nip=penilai,
                supervisor_nip=penilai,
                now=now - timedelta(hours=1),
            )
        if stage == "objected":
            appraisal = appraisal.object(
                by_nip=nip, reason="Bukti dukung lengkap.", now=now, deadline=now
            )
        await self.put(appraisal)


def _flows(
    periods: PeriodAdministration,
    policy: SurveyPolicy,
    fake: FakeUnitOfWorkFactory,
    clock: FixedClock,
) -> dict:  # type: ignore[type-arg]
    return {
        forms.SELF_ASSESSMENT: SelfAssessmentFlow(clock, TIMEZONE),
        forms.ASSESSMENT: AssessmentFlow(clock, TIMEZONE),
        forms.OBJECTION: ObjectionFlow(clock, TIMEZONE),
        forms.DECISION: DecisionFlow(clock, TIMEZONE),
        PERIOD_CREATE: PeriodCreateFlow(periods, clock),
        "registration": RegistrationFlow(SECRET, clock),
        QUESTIONNAIRE_ID: SurveyFlow(policy, fake),
        RTL_FLOW: RtlFlow(),
        POPULATION_FLOW: PopulationFlow(),
        RECORD_FLOW: CoachingRecordFlow(clock, TIMEZONE),
        coaching.QUESTIONNAIRE_ID: CoachingFeedbackFlow(),
        PLAN_FLOW: PlanFlow(clock, TIMEZONE),
    }


_BASE: tuple[FakeState, int, int] | None = None


async def world() -> World:
    """A fresh copy of the world (built on first use)."""
    global _BASE  # noqa: PLW0603 - built once per test process, copied for every cell
    if _BASE is None:
        _BASE = await _build()
    state, november, december = _BASE
    clock = FixedClock()  # 2026-11-27 10:00 WIB
    return World(FakeUnitOfWorkFactory(clock, copy.deepcopy(state)), clock, november, december)


async def _build() -> tuple[FakeState, int, int]:
    clock = FixedClock()
    fake = FakeUnitOfWorkFactory(clock)
    november, december = await populate(fake, clock)
    return fake.state, november, december


async def populate(factory: UnitOfWorkFactory[Any], clock: FixedClock) -> tuple[int, int]:
    """Build the world in ``factory``'s store (the fakes, or a database for the rows that read
    reports); the ids of November (open, with everyone's SKP) and December (a draft)."""
    await populate_demo(factory, clock, telegram=TELEGRAM, admins=ADMINS)
    periods = PeriodAdministration(factory, clock, TIMEZONE)
    november = await periods.create(OPERATOR, NOVEMBER)
    december = await periods.create(OPERATOR, DECEMBER)
    assert november.id is not None
    assert december.id is not None
    await periods.open(OPERATOR, november.id)
    await periods.import_skp(OPERATOR, SKP_CSV)
    return november.id, december.id
