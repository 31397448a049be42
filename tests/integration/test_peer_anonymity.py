"""Anonymity through every command and button (issue 11): with two responses about Andi, his
own screens, his pejabat penilai's and the third rater's — every command
of the routing table and every button reachable from their answers, pressed once each — show
nothing of them, before and after the deadline. Through the real application and the strict
fake Telegram, on SQLite."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from sqlalchemy import text

from bot.routes import ROUTES
from domain.engine.questionnaire import Press, Skip, Submit, Text
from tests.support.fake_telegram import FakeTelegram, FakeUser
from tests.support.fakes.seeding import OPERATOR
from tests.support.in_process import InProcessBot, in_process_bot
from tests.support.peer_world import ANDI, DIMAS, PUTRI, RATIH, WULAN

PEOPLE = {
    ANDI: FakeUser(id=7_800_000_101, first_name="Andi"),
    PUTRI: FakeUser(id=7_800_000_102, first_name="Putri"),
    DIMAS: FakeUser(id=7_800_000_103, first_name="Dimas"),
    WULAN: FakeUser(id=7_800_000_104, first_name="Wulan"),
    RATIH: FakeUser(id=7_800_000_105, first_name="Ratih"),
}
SECRETS = ("RAHASIA-P", "RAHASIA-D")
PRESSES_PER_PERSON = 40
# Files (charts, spreadsheets, posters) cannot be sent to the in-process fake; they are SKM
# reports, which hold nothing of peer feedback.
FILES = ("laporan", "poster", "report", "posters.1", "poster.1")


async def _bind(bot: InProcessBot) -> int:
    async with bot.runtime.db.session() as session:
        for nip, user in PEOPLE.items():
            await session.exec(  # type: ignore[call-overload]
                text("UPDATE employees SET telegram_id = :t WHERE nip = :nip"),
                params={"t": user.id, "nip": nip},
            )
        found = await session.exec(text("SELECT id FROM periods"))  # type: ignore[call-overload]
        period_id = int(found.first()[0])
        await session.commit()
    return period_id


async def _answer(bot: InProcessBot, nip: str, secret: str) -> None:
    services = bot.runtime.services
    actor = await services.directory.identify(PEOPLE[nip].id)
    [found] = [f for f in await services.peer.my_list(actor) if f.lines]
    [line] = [x for x in found.lines if "Andi" in x.ratee_name]
    _, turn = await services.peer.begin(actor, line.assignment_id)
    for event in [*(Press(1),) * 7, Text(f"{secret} rapi"), Skip(), Submit()]:
        turn = await services.conversations.handle(
            actor, event, session_id=turn.session.id, version=turn.session.version
        )
        assert turn is not None
        assert turn.error is None, turn.error


async def _crawl(tg: FakeTelegram, bot: InProcessBot, user: FakeUser) -> list[str]:
    """Every command, then every button reachable (once each, up to a limit); what was seen."""
    tg.mark_read(user.id)
    for command in ROUTES.commands:
        if command.names[0] in FILES:
            continue
        tg.send_command(user, f"/{command.names[0]}")
        await bot.deliver()
    pressed: set[str] = set()
    for _ in range(PRESSES_PER_PERSON):
        waiting = [
            (message, data)
            for message in tg.messages(user.id)
            for row in message.buttons
            for _, data in row
            if data and data not in pressed and not data.startswith(("http", *FILES))
        ]
        if not waiting:
            break
        message, data = waiting[0]
        pressed.add(data)
        tg.press(user, message, data)
        await bot.deliver()
    seen = [m.source or m.text or "" for m in tg.messages(user.id)]
    return seen + [answer.text or "" for answer in tg.callback_answers]


def _assert_nothing_about_the_responses(seen: list[str]) -> None:
    for shown in seen:
        for secret in SECRETS:
            assert secret not in shown, shown
        assert "penilai)" not in shown, shown  # a value's mean "(n penilai)"
        assert "Dari 2 penilai" not in shown, shown


async def test_two_responses_are_readable_through_no_command_or_button(
    demo_world: Path, tmp_path: Path
) -> None:
    database = tmp_path / "peer.db"
    shutil.copyfile(demo_world, database)
    tg = FakeTelegram()
    async with in_process_bot(tg, f"sqlite:///{database}") as bot:
        period_id = await _bind(bot)
        for user in PEOPLE.values():
            tg.start_chat(user)
        await bot.runtime.services.peer_admin.assign(OPERATOR, period_id, upward=True)
        await _answer(bot, PUTRI, "RAHASIA-P")
        await _answer(bot, DIMAS, "RAHASIA-D")
        readers = [PEOPLE[ANDI], PEOPLE[RATIH], PEOPLE[WULAN]]
        for user in readers:
            _assert_nothing_about_the_responses(await _crawl(tg, bot, user))
        async with bot.runtime.db.session() as session:  # the deadline passes
            await session.exec(  # type: ignore[call-overload]
                text("UPDATE periods SET peer_due = :day"), params={"day": date(2026, 10, 1)}
            )
            await session.commit()
        for user in readers:
            _assert_nothing_about_the_responses(await _crawl(tg, bot, user))
        summary = await bot.runtime.services.peer.summary(
            await bot.runtime.services.directory.identify(PEOPLE[ANDI].id), period_id
        )
        assert summary.summary is not None  # frozen, with the upward relation hidden
        assert not summary.summary.relations["upward"].visible
        assert bot.errors == []
    tg.assert_no_violations()
