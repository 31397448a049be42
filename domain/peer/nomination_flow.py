"""The pejabat penilai chooses a subordinate's raters in chat (team screen -> "Penilai umpan
balik" -> "Pilih rekan" / "Pilih bawahan").

One text step: the bot lists the colleagues who may rate the subordinate, numbered, and the
pejabat penilai types the numbers (or NIPs) of their choice, e.g. ``1, 3, 4``; the review shows
the answer, and on submit the rules of :mod:`domain.peer.nomination` decide what is added and
withdrawn. The numbering is recomputed from the same data at every input, and an answer is
checked when typed, so a refusal comes at once with the reason and the same question.

Candidates for peers: same-level colleagues in the subordinate's perangkat daerah (the units
under the same unit just below the Pemda), their own unit first, and the raters already chosen,
at most ``MAX_CANDIDATES``; for upward feedback the subordinate's own direct subordinates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from domain.actors import Actor, StaffMember
from domain.appraisal.periods import AppraisalPeriod, Phase
from domain.audit import AuditEntry
from domain.clock import Clock
from domain.engine.flow import Change, Flow, Outcome
from domain.engine.questionnaire import Questionnaire, Step, StepKind
from domain.engine.subjects import Subjects
from domain.errors import InvalidValue, NotFound, PermissionDenied
from domain.messages import Notice
from domain.org.access import require_member, supervises
from domain.peer.nomination import MAX_NOMINATED, Nomination, nominate
from domain.peer.people import PeerPolicy, Staff, load_staff, notify_raters, timezone_of
from domain.peer.ports import PeerUnitOfWork
from domain.peer.raters import Relation, direct_subordinates, is_eligible

QUESTIONNAIRE_ID: Final = "peer_nomination"
MAX_CANDIDATES: Final = 30
STEP: Final = "raters"
_SEPARATORS = re.compile(r"[\s,;]+")


@dataclass(frozen=True, slots=True)
class NominationRef:
    period: int
    employee: int
    relation: Relation


NOMINATIONS = Subjects(NominationRef, "nominate:{period}:{employee}:{relation}")


@dataclass(frozen=True, slots=True)
class Choice:
    period: AppraisalPeriod
    ratee: StaffMember
    staff: Staff
    candidates: tuple[StaffMember, ...]
    current: frozenset[str]  # NIPs of the raters chosen so far
    timezone: str


def candidates_for(
    ratee: StaffMember,
    relation: Relation,
    staff: Staff,
    units: dict[int, int | None],
    current: frozenset[str],
) -> tuple[StaffMember, ...]:
    """Who may be chosen, in the order they are numbered (module docstring)."""
    me = staff.colleagues[ratee.nip]
    if relation is Relation.UPWARD:
        found = [staff.members[c.nip] for c in direct_subordinates(me, staff.colleagues.values())]
        return tuple(sorted(found, key=lambda m: m.name))[:MAX_CANDIDATES]
    office = _office(ratee.unit_id, units)
    near = {u for u in units if office in _path(u, units)}
    found = [
        m
        for m in staff.members.values()
        if (m.unit_id in near or m.nip in current)
        and is_eligible(staff.colleagues[m.nip], me, Relation.PEER, same_unit=False)
    ]
    found.sort(key=lambda m: (m.unit_id != ratee.unit_id, m.name, m.nip))
    return tuple(found[:MAX_CANDIDATES])


def _path(unit: int, units: dict[int, int | None]) -> list[int]:
    """``unit`` and its ancestors, nearest first."""
    path = [unit]
    while (parent := units.get(path[-1])) is not None and parent not in path:
        path.append(parent)
    return path


def _office(unit: int, units: dict[int, int | None]) -> int:
    """The unit's perangkat daerah: its ancestor just below the top (the Pemda), or itself."""
    path = _path(unit, units)
    return path[-2] if len(path) >= 2 else path[-1]


def chosen_nips(text: str, candidates: tuple[StaffMember, ...]) -> list[str]:
    """``1, 3, 4`` or NIPs -> NIPs; a number outside the list or an unknown word is refused."""
    chosen = []
    for word in (w for w in _SEPARATORS.split(text.strip()) if w):
        if word.isdecimal() and len(word) <= 3:
            number = int(word)
            if not 1 <= number <= len(candidates):
                raise InvalidValue("unknown_candidate", field=STEP, word=word, max=len(candidates))
            chosen.append(candidates[number - 1].nip)
        elif word.isdecimal():
            chosen.append(word)
        else:
            raise InvalidValue("unknown_candidate", field=STEP, word=word[:20], max=len(candidates))
    return chosen


class NominationFlow(Flow[PeerUnitOfWork, NominationRef]):
    questionnaire_id = QUESTIONNAIRE_ID
    subjects = NOMINATIONS

    def __init__(self, policy: PeerPolicy, clock: Clock) -> None:
        self._policy = policy
        self._clock = clock

    async def _choice(self, uow: PeerUnitOfWork, subject: NominationRef, actor: Actor) -> Choice:
        require_member(actor)
        ratee = await uow.org.member(subject.employee)
        if ratee is None or not supervises(actor, ratee):
            raise PermissionDenied("not_pejabat_penilai")
        period = await uow.periods.get(subject.period)
        if period is None:
            raise NotFound("period", ref=subject.period)
        zone = await timezone_of(uow, ratee, self._policy.default_timezone)
        period.require(Phase.PEER_FEEDBACK, self._clock.now(), zone)
        staff = await load_staff(uow)
        units = {u.id: u.parent_id for u in await uow.org.units()}
        mine = await uow.peer_assignments.for_period(subject.period, ratee_nips=[ratee.nip])
        current = frozenset(a.rater_nip for a in mine if a.relation is subject.relation)
        found = candidates_for(ratee, subject.relation, staff, units, current)
        return Choice(period, ratee, staff, found, current, zone)

    async def _nomination(
        self, uow: PeerUnitOfWork, choice: Choice, change: Change[NominationRef]
    ) -> Nomination:
        text = change.answers.get(STEP) or ""
        current = await uow.peer_assignments.for_period(
            change.subject.period, ratee_nips=[choice.ratee.nip]
        )
        return nominate(
            by_nip=require_member(change.actor).nip,
            ratee=choice.staff.colleagues[choice.ratee.nip],
            relation=change.subject.relation,
            rater_nips=chosen_nips(text, choice.candidates),
            staff=choice.staff.colleagues,
            current=current,
            period=choice.period,
            now=change.now,
            tz=choice.timezone,
            min_raters=self._policy.min_raters,
        )

    async def can_start(self, uow: PeerUnitOfWork, subject: NominationRef, actor: Actor) -> None:
        await self._choice(uow, subject, actor)

    async def questionnaire(
        self, uow: PeerUnitOfWork, subject: NominationRef, actor: Actor
    ) -> Questionnaire:
        choice = await self._choice(uow, subject, actor)
        lines = [
            f"{number}. {m.name} · {m.unit_name}{' ✓' if m.nip in choice.current else ''}"
            for number, m in enumerate(choice.candidates, start=1)
        ]
        params = {
            "name": choice.ratee.name,
            "candidates": "\n".join(lines) or "-",
            "min": str(self._policy.min_raters),
            "max": str(MAX_NOMINATED),
        }
        step = Step(
            STEP,
            StepKind.TEXT,
            f"peer.nominate.prompt.{subject.relation.value}",
            params=params,
            label="peer.nominate.label",
            max_length=400,
        )
        title = f"peer.nominate.title.{subject.relation.value}"
        return Questionnaire(QUESTIONNAIRE_ID, title, (step,), params={"name": choice.ratee.name})

    async def on_answer(self, uow: PeerUnitOfWork, change: Change[NominationRef]) -> Outcome:
        """Check the choice as soon as it is typed (the same rules as on submit)."""
        if change.answers.get(STEP):
            choice = await self._choice(uow, change.subject, change.actor)
            await self._nomination(uow, choice, change)
        return Outcome()

    async def on_submit(self, uow: PeerUnitOfWork, change: Change[NominationRef]) -> Outcome:
        await uow.peer_assignments.lock(change.subject.period)
        choice = await self._choice(uow, change.subject, change.actor)
        nomination = await self._nomination(uow, choice, change)
        await uow.peer_assignments.withdraw([a.id or 0 for a in nomination.withdrawn])
        added = await uow.peer_assignments.add(nomination.added)
        await notify_raters(
            uow,
            choice.period,
            added,
            choice.staff,
            now=change.now,
            default_timezone=self._policy.default_timezone,
        )
        await uow.audit.record(
            AuditEntry(
                change.now,
                require_member(change.actor).nip,
                "peer.nominated",
                f"peer:{choice.period.id}:{choice.ratee.nip}",
                {
                    "relation": change.subject.relation.value,
                    "added": str(len(added)),
                    "withdrawn": str(len(nomination.withdrawn)),
                },
            )
        )
        chosen = sorted(
            {
                *(choice.current - {a.rater_nip for a in nomination.withdrawn}),
                *(a.rater_nip for a in added),
            }
        )
        names = "\n".join(f"• {choice.staff.member(nip).name}" for nip in chosen)
        params = {"name": choice.ratee.name, "names": names, "count": len(chosen)}
        return Outcome((Notice("peer.nominate.done", params),))
