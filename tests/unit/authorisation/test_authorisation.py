"""Who may do what: every role against every use case that changes or reveals something.

The table is the rule, and the test reads it: a row per use case, a column per role (see
``world.PEOPLE``), ``Y`` allowed, ``.`` refused with :class:`PermissionDenied` (for a list: the
subject is not in it). Each cell runs the use case on its own copy of one world
(``world.py``): Nur Aisyah of the Seksi Identitas Penduduk is the subject, KTP-el the service of
her seksi. Flows are begun the way the bot begins them; an allowed cell must succeed outright.

Evidence (bukti dukung) travels with the case screens: whoever may open a case sees its evidence.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date, timedelta

import pytest

from domain.actors import Actor
from domain.appraisal import forms
from domain.appraisal.cases import employee_subject, own_subject
from domain.appraisal.period_flow import PERIOD_CREATE
from domain.errors import PermissionDenied
from domain.peer import coaching
from domain.peer.coaching import CoachingRecord
from domain.peer.coaching_flows import (
    RECORD_FLOW,
    SESSIONS,
    TARGETS,
    CoachingRef,
    CoachingTarget,
)
from domain.peer.plan_flow import PLAN_FLOW
from domain.reminders.recognition import Recognition, RecognitionKind
from domain.skm.followup import POPULATION_FLOW, RTL_FLOW, FollowUp
from domain.skm.report_model import ScopeKind
from domain.skm.report_period import ReportPeriod
from domain.skm.reports import Scope
from tests.support.fakes.seeding import demo_csv
from tests.unit.authorisation.world import (
    DECEMBER,
    NUR,
    OPERATOR,
    PEOPLE,
    RUDI,
    SKP_CSV,
    World,
    world,
)

TABLE = """
                                  cit emp pp  sup atp hd  hde ua  uae oa  op
org.import_units                   .   .   .   .   .   .   .   .   .   Y   Y
org.import_employees               .   .   .   .   .   .   .   .   .   Y   Y
org.import_services                .   .   .   .   .   .   .   .   .   Y   Y
org.admin_grant                    .   .   .   .   .   .   .   .   .   .   Y
org.admin_revoke                   .   .   .   .   .   .   .   .   .   .   Y
org.codes_for_her                  .   .   .   .   .   .   .   Y   .   Y   Y
org.codes_for_her_seksi            .   .   .   .   .   .   .   Y   .   Y   Y
org.codes_for_everyone             .   .   .   .   .   .   .   .   .   Y   Y
org.redeem_code                    Y   Y   Y   Y   Y   Y   Y   Y   Y   Y   .
org.registration_form              Y   .   .   .   .   .   .   .   .   .   .
period.create                      .   .   .   .   .   .   .   .   .   Y   Y
period.create_form                 .   .   .   .   .   .   .   .   .   Y   .
period.open                        .   .   .   .   .   .   .   .   .   Y   Y
period.close                       .   .   .   .   .   .   .   .   .   Y   Y
period.list                        .   .   .   .   .   .   .   .   .   Y   Y
period.org_predikat                .   .   .   .   .   .   .   .   .   Y   Y
period.import_skp                  .   .   .   .   .   .   .   .   .   Y   Y
appraisal.open_periods             .   Y   Y   Y   Y   Y   Y   Y   Y   Y   .
appraisal.own_skp                  .   Y   Y   Y   Y   Y   Y   Y   Y   Y   .
appraisal.own_self_assessment      .   Y   Y   Y   Y   Y   Y   Y   Y   Y   .
appraisal.own_results              .   Y   Y   Y   Y   Y   Y   Y   Y   Y   .
appraisal.own_acknowledge          .   Y   Y   Y   Y   Y   Y   Y   Y   Y   .
appraisal.own_objection            .   Y   Y   Y   Y   Y   Y   Y   Y   Y   .
appraisal.team_shows_her           .   .   Y   .   .   .   .   .   .   .   .
appraisal.her_case                 .   .   Y   .   .   .   .   .   .   .   .
appraisal.assess_her               .   .   Y   .   .   .   .   .   .   .   .
appraisal.her_objection_case       .   .   .   .   Y   .   .   .   .   .   .
appraisal.pending_shows_her        .   .   .   .   Y   .   .   .   .   .   .
appraisal.decide_her               .   .   .   .   Y   .   .   .   .   .   .
appraisal.decide_her_for_absent    .   .   .   .   .   .   .   .   .   Y   .
appraisal.distribution_own         .   .   Y   Y   Y   Y   Y   Y   Y   Y   Y
appraisal.distribution_her_dinas   .   .   .   .   .   .   .   Y   .   Y   Y
engine.her_form                    .   Y   .   .   .   .   .   .   .   .   .
skm.survey                         Y   Y   Y   Y   Y   Y   Y   Y   Y   Y   .
skm.chat_report                    .   .   Y   .   Y   Y   .   Y   .   Y   Y
skm.scopes_show_it                 .   .   Y   .   Y   Y   .   Y   .   Y   Y
skm.full_report_her_dinas          .   .   .   .   .   .   .   Y   .   Y   Y
skm.full_report_everything         .   .   .   .   .   .   .   .   .   Y   Y
skm.rtl_form                       .   .   Y   .   Y   Y   .   .   .   .   .
skm.population_form                .   .   .   .   .   .   .   Y   .   Y   .
skm.population                     .   .   .   .   .   .   .   Y   .   Y   Y
skm.posters_show_it                .   .   .   .   .   .   .   Y   .   Y   Y
skm.poster                         .   .   .   .   .   .   .   Y   .   Y   Y
skm.posters_of_her_seksi           .   .   .   .   .   .   .   Y   .   Y   Y
skm.paper_import                   .   .   .   .   .   .   .   .   .   Y   Y
reminders.nudge_late               .   .   Y   Y   Y   Y   Y   .   .   Y   .
reminders.confirm_her_recognition  .   .   Y   .   Y   Y   .   .   .   .   .
development.own_record             .   Y   Y   Y   Y   Y   Y   Y   Y   Y   .
development.her_record             .   Y   Y   .   .   .   .   .   .   .   .
development.her_results            .   Y   Y   .   .   .   .   .   .   .   .
development.coaching_her_form      .   .   Y   .   .   .   .   .   .   .   .
development.answer_her_coaching    .   Y   .   .   .   .   .   .   .   .   .
development.plan_her_form          .   .   Y   .   .   .   .   .   .   .   .
development.recommendations        .   .   .   .   .   .   .   .   .   Y   Y
catalogue.import                   .   .   .   .   .   .   .   .   .   Y   Y
catalogue.list                     .   .   .   .   .   .   .   .   .   Y   Y
"""
Probe = Callable[[World, Actor], Awaitable[None]]
Setup = Callable[[World], Awaitable[None]]
PROBES: dict[str, tuple[Probe, Setup | None]] = {}
Q4 = ReportPeriod(date(2026, 10, 1), date(2026, 12, 31))
TTL = timedelta(days=7)


def _table() -> dict[tuple[str, str], bool]:
    header, *rows = TABLE.strip().splitlines()
    roles = header.split()
    cells = {}
    for row in rows:
        use_case, *marks = row.split()
        assert len(marks) == len(roles), use_case
        cells.update(
            {(use_case, role): mark == "Y" for role, mark in zip(roles, marks, strict=True)}
        )
    return cells


CELLS = _table()
# Rows whose use cases read report figures (a report query): the fakes have none, so these run on
# SQLite and PostgreSQL (tests/integration/test_authorisation_of_reports.py), every other row here.
REPORT_ROWS = frozenset(
    {
        "appraisal.distribution_own",
        "appraisal.distribution_her_dinas",
        "skm.chat_report",
        "skm.scopes_show_it",
        "skm.full_report_her_dinas",
        "skm.full_report_everything",
        "skm.rtl_form",
        "skm.population",
    }
)


def probe(name: str, given: Setup | None = None) -> Callable[[Probe], Probe]:
    """Register the use case of a row; ``given`` prepares the world before the actor is
    resolved (as the bot resolves them, from the state of the moment)."""

    def register(function: Probe) -> Probe:
        PROBES[name] = (function, given)
        return function

    return register


def shown(found: bool) -> None:
    """A list that does not show the subject reveals nothing of it: refused."""
    if not found:
        raise PermissionDenied("not_shown")


def test_the_table_has_a_row_for_every_probe_and_a_column_for_every_role():
    assert {use_case for use_case, _ in CELLS} == set(PROBES)
    assert {role for _, role in CELLS} == set(PEOPLE)


@pytest.mark.parametrize(
    ("use_case", "role"), sorted(cell for cell in CELLS if cell[0] not in REPORT_ROWS)
)
async def test_who_may_do_what(use_case: str, role: str) -> None:
    await try_cell(await world(), use_case, role)


async def try_cell(w: World, use_case: str, role: str) -> None:
    """Run the use case of ``use_case`` as ``role`` in ``w``: allowed, or refused."""
    run, given = PROBES[use_case]
    if given is not None:
        await given(w)
    actor = await w.actor(role)
    if CELLS[use_case, role]:
        await run(w, actor)
    else:
        with pytest.raises(PermissionDenied):
            await run(w, actor)


# --- the organisation ---------------------------------------------------------------------


for _kind in ("units", "employees", "services"):

    @probe(f"org.import_{_kind}")
    async def _import(w: World, actor: Actor, kind: str = _kind) -> None:
        await getattr(w.org, f"import_{kind}")(actor, demo_csv(kind))


@probe("org.admin_grant")
async def _grant(w: World, actor: Actor) -> None:
    await w.org.grant_admin(actor, RUDI, "DISDUKCAPIL")


@probe("org.admin_revoke")
async def _revoke(w: World, actor: Actor) -> None:
    await w.org.revoke_admin(actor, PEOPLE["ua"] or "")


@probe("org.codes_for_her")
async def _codes_for_her(w: World, actor: Actor) -> None:
    await w.registration.issue_codes(actor, ttl=TTL, nip=NUR)


@probe("org.codes_for_her_seksi")
async def _codes_for_seksi(w: World, actor: Actor) -> None:
    await w.registration.issue_codes(actor, ttl=TTL, unit_code="DISDUKCAPIL-IDP")


@probe("org.codes_for_everyone")
async def _codes_for_everyone(w: World, actor: Actor) -> None:
    await w.registration.issue_codes(actor, ttl=TTL)


@probe("org.redeem_code")
async def _redeem(w: World, actor: Actor) -> None:
    """A person opens a code's deep link: their own (an employee's new phone), or Rudi's."""
    nip = actor.member.nip if actor.member else RUDI
    [issued] = (await w.registration.issue_codes(OPERATOR, ttl=TTL, nip=nip)).codes
    await w.registration.redeem(actor, issued.code)


@probe("org.registration_form")
async def _registration_form(w: World, actor: Actor) -> None:
    await w.conversations.begin(actor, "registration", "self", restart=True)


# --- periods --------------------------------------------------------------------------------


@probe("period.create")
async def _period_create(w: World, actor: Actor) -> None:
    await w.periods.create(actor, DECEMBER)


@probe("period.create_form")
async def _period_create_form(w: World, actor: Actor) -> None:
    await w.conversations.begin(actor, PERIOD_CREATE, "new")


@probe("period.open")
async def _period_open(w: World, actor: Actor) -> None:
    await w.periods.open(actor, w.december)


@probe("period.close")
async def _period_close(w: World, actor: Actor) -> None:
    await w.periods.close(actor, w.november)


@probe("period.list")
async def _period_list(w: World, actor: Actor) -> None:
    await w.periods.all(actor)


@probe("period.org_predikat")
async def _org_predikat(w: World, actor: Actor) -> None:
    await w.periods.set_org_predikat(actor, w.november, "DISDUKCAPIL", "baik")


@probe("period.import_skp")
async def _import_skp(w: World, actor: Actor) -> None:
    await w.periods.import_skp(actor, SKP_CSV)


# --- the appraisal: one's own ---------------------------------------------------------------


@probe("appraisal.open_periods")
async def _open_periods(w: World, actor: Actor) -> None:
    await w.appraisals.open_periods(actor)


@probe("appraisal.own_skp")
async def _own_skp(w: World, actor: Actor) -> None:
    await w.appraisals.my_skp(actor)


@probe("appraisal.own_self_assessment")
async def _own_self_assessment(w: World, actor: Actor) -> None:
    await w.conversations.begin(actor, forms.SELF_ASSESSMENT, own_subject(w.november))


@probe("appraisal.own_results")
async def _own_results(w: World, actor: Actor) -> None:
    await w.appraisals.results(actor)


@probe("appraisal.own_acknowledge")
async def _own_acknowledge(w: World, actor: Actor) -> None:
    if actor.member is not None:
        await w.stage(actor.member.nip, "assessed")
    await w.appraisals.acknowledge(actor, w.november)


@probe("appraisal.own_objection")
async def _own_objection(w: World, actor: Actor) -> None:
    if actor.member is not None:
        await w.stage(actor.member.nip, "assessed")
    await w.conversations.begin(actor, forms.OBJECTION, own_subject(w.november))


# --- the appraisal: Nur's, by the people around her ------------------------------------------


@probe("appraisal.team_shows_her")
async def _team(w: World, actor: Actor) -> None:
    lines = await w.appraisals.team(actor, w.november)
    shown(any(line.member.nip == NUR for line in lines))


@probe("appraisal.her_case")
async def _her_case(w: World, actor: Actor) -> None:
    await w.appraisals.subordinate_case(actor, w.november, w.member_id(NUR))


async def her_submission(w: World) -> None:
    await w.stage(NUR, "submitted")


async def her_objection(w: World) -> None:
    await w.stage(NUR, "objected")


async def her_objection_with_absent_atasan(w: World) -> None:
    """Her atasan has no account in the bot: an org admin records the decision for them."""
    await her_objection(w)
    atasan = next(r for r in w.fake.state.employees.values() if r.nip == PEOPLE["atp"])
    atasan.telegram_id = None


@probe("appraisal.assess_her", her_submission)
async def _assess_her(w: World, actor: Actor) -> None:
    subject = employee_subject(w.november, w.member_id(NUR))
    await w.conversations.begin(actor, forms.ASSESSMENT, subject)


@probe("appraisal.her_objection_case", her_objection)
async def _her_objection_case(w: World, actor: Actor) -> None:
    await w.appraisals.objection_case(actor, w.november, w.member_id(NUR))


@probe("appraisal.pending_shows_her", her_objection)
async def _pending(w: World, actor: Actor) -> None:
    cases = await w.appraisals.pending_decisions(actor)
    shown(any(case.member.nip == NUR for case in cases))


@probe("appraisal.decide_her", her_objection)
@probe("appraisal.decide_her_for_absent", her_objection_with_absent_atasan)
async def _decide_her(w: World, actor: Actor) -> None:
    subject = employee_subject(w.november, w.member_id(NUR))
    await w.conversations.begin(actor, forms.DECISION, subject)


@probe("appraisal.distribution_own")
async def _distribution_own(w: World, actor: Actor) -> None:
    await w.appraisals.distribution(actor, w.november)


@probe("appraisal.distribution_her_dinas")
async def _distribution_dinas(w: World, actor: Actor) -> None:
    await w.appraisals.distribution(actor, w.november, "DISDUKCAPIL")


@probe("engine.her_form")
async def _her_form(w: World, actor: Actor) -> None:
    nur = await w.actor("emp")
    begun = await w.conversations.begin(nur, forms.SELF_ASSESSMENT, own_subject(w.november))
    await w.conversations.current(actor, begun.session.id)


# --- the SKM ----------------------------------------------------------------------------------


async def ktp_el(w: World) -> Scope:
    async with w.fake(readonly=True) as uow:
        service = await uow.org.service_by_code("KTP-EL")
    assert service is not None
    return Scope(ScopeKind.SERVICE, service.id, service.code, service.name, service.unit_id)


@probe("skm.survey")
async def _survey(w: World, actor: Actor) -> None:
    await w.surveys.open(actor, "KTP-EL")


@probe("skm.chat_report")
async def _chat_report(w: World, actor: Actor) -> None:
    await w.reports.scope_report(actor, await ktp_el(w), Q4)


@probe("skm.scopes_show_it")
async def _scopes(w: World, actor: Actor) -> None:
    shown((await ktp_el(w)).id in {s.id for s in await w.reports.scopes(actor)})


@probe("skm.full_report_her_dinas")
async def _full_report_dinas(w: World, actor: Actor) -> None:
    await w.reports.report(actor, Q4, unit_code="DISDUKCAPIL")


@probe("skm.full_report_everything")
async def _full_report(w: World, actor: Actor) -> None:
    await w.reports.report(actor, Q4)


@probe("skm.rtl_form")
async def _rtl(w: World, actor: Actor) -> None:
    subject = FollowUp(ScopeKind.SERVICE, (await ktp_el(w)).id, Q4).subject
    await w.conversations.begin(actor, RTL_FLOW, subject, restart=True)


@probe("skm.population_form")
async def _population_form(w: World, actor: Actor) -> None:
    subject = FollowUp(ScopeKind.SERVICE, (await ktp_el(w)).id, Q4).subject
    await w.conversations.begin(actor, POPULATION_FLOW, subject, restart=True)


@probe("skm.population")
async def _population(w: World, actor: Actor) -> None:
    await w.skm_admin.record_population(actor, "KTP-EL", unit=False, period=Q4, population=900)


@probe("skm.posters_show_it")
async def _posters(w: World, actor: Actor) -> None:
    found = await w.skm_admin.services_for_posters(actor)
    shown((await ktp_el(w)).id in {s.id for s in found})


@probe("skm.poster")
async def _poster(w: World, actor: Actor) -> None:
    await w.skm_admin.poster_service(actor, (await ktp_el(w)).id)


@probe("skm.posters_of_her_seksi")
async def _posters_of_seksi(w: World, actor: Actor) -> None:
    await w.skm_admin.poster_services(actor, unit_code="DISDUKCAPIL-IDP")


@probe("skm.paper_import")
async def _paper_import(w: World, actor: Actor) -> None:
    header = "service_code,date," + ",".join(f"u{n}" for n in range(1, 10)) + "\n"
    await w.skm_admin.import_paper(actor, (header + "KTP-EL,2026-11-20" + ",4" * 9 + "\n").encode())


# --- the scheduler's reports: the nudge and the monthly recognition ---------------------------


@probe("reminders.nudge_late")
async def _nudge(w: World, actor: Actor) -> None:
    await w.reminders.nudge(actor)


async def _her_candidate(w: World) -> None:
    """Nur's Sangat Baik of October, proposed to Hendra, who heads her seksi."""
    async with w.fake() as uow:
        hendra = await uow.org.member_by_nip(PEOPLE["pp"] or "")
        item = Recognition(
            None, date(2026, 10, 1), hendra.unit_id, hendra.id, RecognitionKind.EMPLOYEE,
            w.member_id(NUR), "Nur Aisyah", period_name="Oktober 2026",
        )  # fmt: skip
        [stored] = await uow.recognitions.add([item], now=w.clock.now())
        await uow.commit()
    w.recognition = stored.id


@probe("reminders.confirm_her_recognition", _her_candidate)
async def _confirm(w: World, actor: Actor) -> None:
    await w.reminders.confirm(actor, w.recognition)


# --- coaching, results and development (issue 11) -------------------------------------------


@probe("development.own_record")
async def _own_record(w: World, actor: Actor) -> None:
    await w.development.record(actor, w.november)


@probe("development.her_record")
async def _her_record(w: World, actor: Actor) -> None:
    await w.development.record(actor, w.november, w.member_id(NUR))


@probe("development.her_results")
async def _her_results(w: World, actor: Actor) -> None:
    await w.results.results(actor, w.november, w.member_id(NUR))


@probe("development.coaching_her_form")
async def _coaching_form(w: World, actor: Actor) -> None:
    subject = TARGETS.encode(CoachingTarget(w.november, w.member_id(NUR)))
    await w.conversations.begin(actor, RECORD_FLOW, subject)


async def _her_coaching(w: World) -> None:
    """A session Hendra recorded with Nur, waiting for her Format B.1.8 answers."""
    async with w.fake() as uow:
        record = CoachingRecord(
            w.november, NUR, PEOPLE["pp"] or "", date(2026, 11, 20), "RHK", "Lanjut.", w.clock.now()
        )
        stored = await uow.coaching.add(record)
        await uow.commit()
    w.coaching = stored.id or 0


@probe("development.answer_her_coaching", _her_coaching)
async def _answer_coaching(w: World, actor: Actor) -> None:
    subject = SESSIONS.encode(CoachingRef(w.november, w.coaching))
    await w.conversations.begin(actor, coaching.QUESTIONNAIRE_ID, subject)


@probe("development.plan_her_form")
async def _plan_form(w: World, actor: Actor) -> None:
    subject = TARGETS.encode(CoachingTarget(w.november, w.member_id(NUR)))
    await w.conversations.begin(actor, PLAN_FLOW, subject)


async def _november_closed(w: World) -> None:
    await w.periods.close(OPERATOR, w.november)


@probe("development.recommendations", _november_closed)
async def _recommendations(w: World, actor: Actor) -> None:
    await w.recommendations.send_for_period(actor, w.november)


@probe("catalogue.import")
async def _catalogue_import(w: World, actor: Actor) -> None:
    await w.catalogue.import_catalogue(
        actor, b"value_code,kind,title_id,title_en\nloyal,kegiatan,A,B\n"
    )


@probe("catalogue.list")
async def _catalogue_list(w: World, actor: Actor) -> None:
    await w.catalogue.current(actor)
