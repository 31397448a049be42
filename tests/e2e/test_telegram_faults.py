"""Replies that survive Telegram's bad moments (issue 8): the real bot behind the fault proxy.

A refused edit of the pressed question is normal life; a form filled in while Telegram answers
429, 502, hangs, or fails after delivering must still finish, with every answer stored once and
no question asked twice.
"""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from domain.appraisal.model import AppraisalStatus
from tests.e2e.journeys import (
    Patience,
    employees_with_one_rhk,
    fill_self_assessment,
    fill_skm,
    options,
    person,
    question,
    questions_asked_twice,
    reply,
    rows,
)
from tests.e2e.rig import BotProcess, Person
from tests.support.fake_telegram import FakeTelegram
from tests.support.fault_proxy import FaultProxy
from tests.support.faults import Fault, FaultSchedule

pytestmark = pytest.mark.e2e
INTERNAL_ERROR = "terjadi kesalahan di sisi kami"  # core.internal_error
NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly the "
    "same as a current content and reply markup of the message"
)


@pytest.fixture
def demo_sqlite_url(demo_sqlite_template: Path, tmp_path: Path) -> str:
    """These tests are about Telegram, not the database: SQLite only."""
    target = tmp_path / "kinerja.db"
    shutil.copyfile(demo_sqlite_template, target)
    return f"sqlite:///{target}"


@pytest.fixture
def proxy(tg: FakeTelegram) -> Iterator[FaultProxy]:
    with FaultProxy(tg.url) as running:
        yield running


@pytest.fixture
def proxied_bot(
    tg: FakeTelegram, proxy: FaultProxy, demo_sqlite_url: str, tmp_path: Path
) -> Iterator[BotProcess]:
    process = BotProcess(tg, demo_sqlite_url, tmp_path)
    process.extra_env["KINERJA_TELEGRAM_API_URL"] = proxy.url
    process.start()
    yield process
    process.stop()


@pytest.mark.parametrize(
    "refusal",
    [
        pytest.param("message to edit not found", id="not-found"),
        pytest.param("message can't be edited", id="cannot-be-edited"),
        pytest.param(NOT_MODIFIED, id="not-modified"),
    ],
)
def test_a_refused_edit_of_the_pressed_question_still_brings_the_next_one(
    refusal: str, proxied_bot: BotProcess, proxy: FaultProxy
) -> None:
    bot = proxied_bot
    warga = person(bot, 7_500_000_001, "Rina")
    warga.send("/start skm_KTP-EL")
    asked = question(warga, 1)
    proxy.on("editMessageText", "editMessageReplyMarkup", fault=Fault.bad_request(refusal))
    patience = Patience(give_up=lambda: _internal_error(bot, warga))
    for number in (2, 3):
        warga.tg.press(warga.user, asked, options(asked)[2][1])
        asked = question(warga, number, patience)
    edits = [p for p in proxy.log if p.method.lower().startswith("editmessage")]
    assert len(edits) == 2, "each press tried to close its question"
    assert _internal_error(bot, warga) is None
    bot.stop()
    bot.assert_clean_log()


def _internal_error(bot: BotProcess, someone: Person) -> str | None:
    told = [m for m in bot.tg.messages(someone.chat_id) if INTERNAL_ERROR in (m.text or "")]
    return f"{someone.user.first_name} was told of an internal error" if told else None


def _logged_error(bot: BotProcess) -> str | None:
    bad = [line for line in bot.log.splitlines() if " ERROR " in line]
    return f"the bot logged {bad[0][:200]!r}" if bad else None


# --- whole forms through a flaky Telegram ----------------------------------------------------

TIMEOUT = 30.0  # per question: a 429 costs 1 s, a hang the bot's 5 s read timeout, plus retries
NOT_DELIVERED = [
    (0.15, Fault.too_many_requests(retry_after=1)),
    (0.10, Fault.bad_gateway()),
    (0.02, Fault.hang()),
]
# An edit may also fail after Telegram applied it: a retry is then "not modified". (A send or a
# callback answer that failed after delivery cannot be told from one that did not: a retried
# send would show twice and a retried answer is refused, so neither gets this fault here.)
EDITS = [*NOT_DELIVERED, (0.03, Fault.delivered_then_500()), (0.01, Fault.delivered_then_hang())]
FLAKY = {
    "sendMessage": NOT_DELIVERED,
    "answerCallbackQuery": NOT_DELIVERED,
    "editMessageText": EDITS,
    "editMessageReplyMarkup": EDITS,
}
CITIZENS, EMPLOYEES = 6, 3


def test_surveys_and_self_assessments_finish_through_429s_5xx_and_hangs(
    proxied_bot: BotProcess, proxy: FaultProxy, tg: FakeTelegram
) -> None:
    bot = proxied_bot
    nips = employees_with_one_rhk(bot, EMPLOYEES)
    citizens = [person(bot, 7_500_100_000 + i, f"Warga {i}") for i in range(CITIZENS)]
    staff = [person(bot, 7_500_200_000 + i, f"Staf {i}") for i in range(EMPLOYEES)]
    for employee, nip in zip(staff, nips, strict=True):
        bot.bind(employee, nip)
    proxy.schedule = FaultSchedule(seed=8, rates=FLAKY)
    # A form fails when its next message does not come, and (so that today's failures show in
    # seconds, not minutes) as soon as the bot logs an error: a hiccup of Telegram's is no error.
    patience = Patience(timeout=TIMEOUT, give_up=lambda: _logged_error(bot))

    def survey(i: int, warga: Person) -> None:
        scores = tuple(1 + (i + unsur) % 4 for unsur in range(9))
        kirim = fill_skm(warga, scores=scores, saran=f"saran warga {i}", patience=patience)
        warga.tap(kirim, "Kirim")
        reply(warga, "sudah tersimpan", patience)

    def self_assess(i: int, employee: Person) -> None:
        kirim = fill_self_assessment(employee, f"realisasi staf {i}", patience)
        employee.tap(kirim, "Kirim")
        reply(employee, "terkirim", patience)

    failures = _run_together([(survey, citizens), (self_assess, staff)])
    forms = CITIZENS + EMPLOYEES
    assert not failures, (
        f"{forms - len(failures)} of {forms} forms finished under {proxy.faults()}; "
        f"first failure: {next(iter(failures.values()))[:300]}"
    )
    proxy.clear()
    _assert_stored_once(bot, nips)
    for someone in (*citizens, *staff):
        twice = questions_asked_twice(bot, someone)
        assert not twice, f"{someone.user.first_name} was asked questions twice: {twice}"
        assert _internal_error(bot, someone) is None
    tg.assert_no_violations()


Form = Callable[[int, Person], None]


def _run_together(forms: list[tuple[Form, list[Person]]]) -> dict[str, str]:
    """Everyone fills in their form at once; the failures by person."""
    failures: dict[str, str] = {}

    def run(form: Form, i: int, someone: Person) -> None:
        try:
            form(i, someone)
        except AssertionError as error:
            failures[someone.user.first_name] = str(error)

    threads = [
        threading.Thread(target=run, args=(form, i, someone))
        for form, people in forms
        for i, someone in enumerate(people)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return failures


def _assert_stored_once(bot: BotProcess, nips: list[str]) -> None:
    stored = rows(bot, "SELECT suggestion, u1, u9 FROM skm_responses ORDER BY suggestion")
    expected = [(f"saran warga {i}", 1 + i % 4, 1 + (i + 8) % 4) for i in range(CITIZENS)]
    assert stored == expected

    async def appraisals(uow):  # type: ignore[no-untyped-def]
        [period] = await uow.periods.all()
        return [await uow.appraisals.get(period.id, nip) for nip in nips]

    for i, appraisal in enumerate(bot.db(appraisals)):
        assert appraisal.status is AppraisalStatus.SUBMITTED
        assert list(appraisal.realisations.values()) == [f"realisasi staf {i}"]
        assert len(appraisal.self_ratings) == 1 + 7
