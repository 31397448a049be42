"""The SKM's use cases wired on one store — the fakes or a real database — with the demo
organisation, and a citizen's way through the survey.

Everything here goes through the use cases and the ports, so the same world serves the tests on
the fakes (``tests/unit/skm/``) and those that need the report queries, which run on SQLite and
PostgreSQL (``tests/integration/test_skm_use_cases.py``).
"""

from __future__ import annotations

from typing import Any

from domain.actors import Actor
from domain.clock import Clock
from domain.engine.conversations import Conversations, Turn
from domain.engine.questionnaire import Input, Press, Skip, Submit, Text
from domain.org.directory import Directory
from domain.org.structure import PublicService
from domain.skm.admin import SkmAdministration
from domain.skm.followup import POPULATION_FLOW, RTL_FLOW, PopulationFlow, RtlFlow
from domain.skm.ikm import UNSUR_CODES
from domain.skm.reports import SkmReports
from domain.skm.survey import QUESTIONNAIRE_ID
from domain.skm.survey_flow import SkmSurveys, SurveyFlow, SurveyPolicy
from domain.unit_of_work import UnitOfWorkFactory

SECRET = "tk-4f9c2e7a1b8d3f6e0a5c9b2d7e4f1a8c3b6d9e2f"
CITIZEN = Actor(555_000_111, "id")
HEAD_IDP = "198509302010041001"  # Hendra, Kepala Seksi Identitas Penduduk
STAFF_IDP = "199608182022042001"  # Nur Aisyah, pelaksana in the same seksi
GLOBAL_ADMIN = "198311232009042001"  # Novita, BKPSDM
DUKCAPIL_ADMIN = "198004172005012003"  # Dewi, admin of DISDUKCAPIL
DINKES_ADMIN = "198103032008031002"  # Fajar, admin of DINKES only


class SkmWorld:
    def __init__(self, factory: UnitOfWorkFactory[Any], clock: Clock) -> None:
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

    def limit_per_day(self, responses: int) -> None:
        self.policy = SurveyPolicy(SECRET, responses, default_timezone="Asia/Jakarta")
        flows = {QUESTIONNAIRE_ID: SurveyFlow(self.policy, self.factory)}
        self.conversations = Conversations(self.factory, self.clock, flows)
        self.surveys = SkmSurveys(self.factory, self.clock, self.conversations, self.policy)

    # --- the organisation, changed through its repository ----------------------------------

    async def grant(self, nip: str, telegram_id: int, unit_code: str | None) -> None:
        """Bind the employee's account and make them an admin of ``unit_code`` (or all)."""
        async with self.factory() as uow:
            member = await uow.org.member_by_nip(nip)
            unit = await uow.org.unit_by_code(unit_code) if unit_code else None
            await uow.org.bind_telegram(member.id, telegram_id)
            await uow.org.set_admin(member.id, is_admin=True, unit_id=unit.id if unit else None)
            await uow.commit()

    async def staff(self, nip: str, telegram_id: int) -> Actor:
        async with self.factory() as uow:
            member = await uow.org.member_by_nip(nip)
            await uow.org.bind_telegram(member.id, telegram_id)
            await uow.commit()
        return await self.directory.identify(telegram_id)

    async def service_id(self, code: str) -> int:
        async with self.factory(readonly=True) as uow:
            service = await uow.org.service_by_code(code)
        assert service is not None
        return int(service.id)

    async def change_service(
        self, code: str, *, active: bool | None = None, unit_code: str | None = None
    ) -> None:
        async with self.factory() as uow:
            now = await uow.org.service_by_code(code)
            changed = PublicService(
                code,
                now.name,
                unit_code or now.unit_code,
                now.active if active is None else active,
            )
            await uow.org.save_services([changed])
            await uow.commit()

    # --- a citizen's way through the survey -------------------------------------------------

    async def press(self, actor: Actor, turn: Turn, index: int) -> Turn:
        return await self.send(actor, turn, Press(index))

    async def send(self, actor: Actor, turn: Turn, event: Input) -> Turn:
        found = await self.conversations.handle(
            actor, event, session_id=turn.session.id, version=turn.session.version
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
            turn = await self.send(actor, turn, Skip())
        turn = await self.send(actor, turn, Text(saran) if saran else Skip())
        if saran:
            turn = await self.send(actor, turn, Text(contact) if contact else Skip())
        assert turn.session.at_review
        return await self.send(actor, turn, Submit())

    async def responses(self, scores: list[int], code: str = "KTP-EL") -> None:
        """One citizen per score rates ``code``."""
        for number, score in enumerate(scores):
            await self.rate(Actor(1000 + number, "id"), code, score=score)
