"""Peer feedback's test world on any store: the demo organisation with the Puskesmas Sukamaju
team bound to Telegram, an open November 2026 period (peer feedback due 30 November), and the
services of the area wired as ``bot.app`` wires them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from domain.actors import Actor
from domain.appraisal.period_admin import PeriodAdministration, PeriodDraft
from domain.appraisal.periods import PeriodKind
from domain.clock import Clock
from domain.engine.conversations import Conversations, Turn
from domain.engine.questionnaire import Input, Press, Skip, Submit, Text
from domain.org.directory import actor_of
from domain.peer import forms
from domain.peer.admin import PeerAdministration
from domain.peer.feedback_flow import PeerFeedbackFlow
from domain.peer.nomination_flow import QUESTIONNAIRE_ID as NOMINATION
from domain.peer.nomination_flow import NominationFlow
from domain.peer.people import PeerPolicy
from domain.peer.use_cases import PeerFeedback
from tests.support.fakes.seeding import OPERATOR, populate_demo

ANDI = "198607072014061001"  # Kepala UPTD Puskesmas Sukamaju (pengawas): three subordinates
PUTRI = "199301202020012001"  # dokter, fungsional, PKM-SUKAMAJU
DIMAS = "199504142022041001"  # perawat, fungsional, PKM-SUKAMAJU
WULAN = "199009212023222001"  # bidan, fungsional, PKM-SUKAMAJU
SITI = "199311082019032003"  # epidemiolog, fungsional, DINKES-PRIMER (a sibling unit)
RATIH = "197212252000012001"  # Kepala Dinas Kesehatan: Andi's pejabat penilai
NOVITA = "198311232009042001"  # an admin of the whole organisation
TELEGRAM = {
    ANDI: 7001,
    PUTRI: 7002,
    DIMAS: 7003,
    WULAN: 7004,
    SITI: 7005,
    RATIH: 7006,
    NOVITA: 7007,
}
SECRET = b"peer-tests-secret-0123456789-abcdef"
NOVEMBER = PeriodDraft(
    name="November 2026",
    kind=PeriodKind.MONTHLY,
    start=date(2026, 11, 1),
    end=date(2026, 11, 30),
    self_due=date(2026, 11, 30),
    peer_due=date(2026, 11, 30),
    review_due=date(2026, 12, 10),
)
BEFORE_DEADLINE = datetime(2026, 11, 27, 3, 0, tzinfo=UTC)  # 10:00 WIB
AFTER_DEADLINE = datetime(2026, 12, 1, 3, 0, tzinfo=UTC)  # the deadline was 30 Nov 23:59 WIB
ANSWERS = (4, 5, 3, 4, 4, 5, 4)  # option indexes are score - 1; "tidak dapat menilai" is 5


@dataclass
class PeerWorld:
    factory: Any
    clock: Any
    policy: PeerPolicy
    conversations: Conversations[Any]
    peer: PeerFeedback
    admin: PeerAdministration
    period_id: int = 0
    actors: dict[str, Actor] = field(default_factory=dict)

    async def actor(self, nip: str) -> Actor:
        async with self.factory(readonly=True) as uow:
            return await actor_of(uow, TELEGRAM[nip])

    async def give(
        self,
        nip: str,
        assignment_id: int,
        scores: tuple[int | None, ...] = ANSWERS,
        *,
        keep_doing: str | None = None,
    ) -> Turn:
        """The rater answers every value and submits (errors are raised, not returned)."""
        actor = await self.actor(nip)
        _, turn = await self.peer.begin(actor, assignment_id)
        events: list[Input] = [Press(5 if s is None else s - 1) for s in scores]
        events += [Skip() if keep_doing is None else Text(keep_doing), Skip(), Submit()]
        for event in events:
            turn = await self.send(actor, turn, event)
        return turn

    async def send(self, actor: Actor, turn: Turn, event: Input) -> Turn:
        found = await self.conversations.handle(
            actor, event, session_id=turn.session.id, version=turn.session.version
        )
        assert found is not None
        if found.error is not None:
            raise found.error
        return found

    async def assignments_of(self, nip: str) -> dict[str, int]:
        """The rater's assignments: ratee NIP -> assignment id."""
        async with self.factory(readonly=True) as uow:
            mine = await uow.peer_assignments.of_rater(self.period_id, nip)
        return {a.ratee_nip: a.id for a in mine}


async def peer_world(factory: Any, clock: Clock, *, min_raters: int = 3) -> PeerWorld:
    """The world on ``factory`` (fakes or SQL), the period created and opened by the CLI."""
    await populate_demo(factory, clock, telegram=TELEGRAM, admins={NOVITA: None})
    policy = PeerPolicy(SECRET, "Asia/Jakarta", min_raters=min_raters)
    flows = {
        forms.QUESTIONNAIRE_ID: PeerFeedbackFlow(policy, clock),
        NOMINATION: NominationFlow(policy, clock),
    }
    conversations = Conversations(factory, clock, flows)
    world = PeerWorld(
        factory,
        clock,
        policy,
        conversations,
        PeerFeedback(factory, clock, conversations, policy),
        PeerAdministration(factory, clock, policy),
    )
    periods = PeriodAdministration(factory, clock)
    period = await periods.create(OPERATOR, NOVEMBER)
    assert period.id is not None
    await periods.open(OPERATOR, period.id)
    world.period_id = period.id
    return world
