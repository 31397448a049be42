"""Fuzzing the whole bot (issue 8): Hypothesis plays random sequences of updates — commands with
any arguments, text of any length and script, photos, documents, stickers, voice, locations,
buttons pressed again later, buttons of another person's chat, forged callback data, edited
messages, messages in groups and posts in channels — against the application ``kinerja run``
builds, on a real SQLite database, its Bot API answered by the strict fake Telegram
(``tests.support.in_process``).

After every sequence: no update reached the error handler; every Bot API call was one Telegram
accepts (text within 4,096 characters, valid HTML with the user's text escaped, callback data
within 64 bytes, ...); no survey response is half-saved or left pending; nothing is left in the
inbox; and no session holds an answer typed by someone else, nor changed when someone else
pressed its buttons.

Deterministic (``derandomize``: the same examples on every run, a few seconds) for CI; for a
longer search set ``KINERJA_FUZZ_EXAMPLES`` (e.g. 300) and ``KINERJA_FUZZ_RANDOM=1`` (new
examples each run; Hypothesis prints the failing sequence, steps and all).
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from tests.support.fake_telegram import FakeTelegram, FakeUser, SentMessage
from tests.support.in_process import HENDRA, NUR, STAFF, InProcessBot, in_process_bot

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = int(os.environ.get("KINERJA_FUZZ_EXAMPLES", "20"))
PEOPLE = (
    FakeUser(id=7_800_000_001, first_name="Siti", username="siti_w"),
    FakeUser(id=7_800_000_002, first_name="Budi", language_code="en"),
    STAFF[NUR],
    STAFF[HENDRA],
)
GROUP, CHANNEL = -1_001_234_567_890, -1_009_876_543_210
COMMANDS = (
    "/start",
    "/start skm_KTP-EL",
    "/start skm_KK",
    "/start skm_",
    "/start reg_",
    "/menu",
    "/bantuan",
    "/help",
    "/bahasa",
    "/bahasa en",
    "/daftar",
    "/batal",
    "/layanan",
    "/layanan akta",
    "/laporan",
    "/poster",
    "/penilaian",
    "/skp",
    "/hasil",
    "/tim",
    "/distribusi",
    "/periode",
    "/tidakada",
    "/start@kinerja_test_bot",
)


# --- what people do ----------------------------------------------------------------------------

person = st.integers(0, len(PEOPLE) - 1)
any_text = st.one_of(
    st.text(max_size=40),
    st.text(st.characters(codec="utf-8"), min_size=1, max_size=300),
    st.sampled_from(["<b>tebal</b>", "a & b < c", "&amp;", "</i>", "😀" * 50, "1", "3.100"]),
    st.integers(1, 6000).map(lambda n: "x" * n),  # over Telegram's 4,096 too
)


def _fits_64_bytes(data: str) -> bool:
    return bool(data) and len(data.encode()) <= 64


# What a citizen types as saran and contact in a whole survey: markup, entities, scripts, length.
TYPED = (
    "Antrean <b>lama & AC mati",
    "</i> a < b > c &amp; 😀",
    "ป้าย 表 ع  \u200b <x>",
    "y" * 3_990 + "<",
)


@dataclass(frozen=True)
class Step:
    kind: str
    who: int
    text: str = ""
    pick: int = 0  # which message / button
    other: int = 0  # another person


surveys = st.builds(
    Step,
    st.just("survey"),
    person,
    st.sampled_from(["KTP-EL", "KK"]),
    st.integers(0, 3),
    st.integers(0, len(TYPED) - 1),
)
steps = st.one_of(
    surveys,
    surveys,  # twice as likely: a whole survey reaches the review page and Kirim
    st.builds(Step, st.just("command"), person, st.sampled_from(COMMANDS)),
    st.builds(
        Step,
        st.just("command"),
        person,
        st.tuples(st.sampled_from(COMMANDS), any_text).map(" ".join),
    ),
    st.builds(Step, st.just("text"), person, any_text, pick=st.integers(0, 1)),
    st.builds(Step, st.sampled_from(["photo", "document", "sticker", "voice", "location"]), person),
    st.builds(Step, st.just("press"), person, pick=st.integers(0, 40)),
    st.builds(Step, st.just("press"), person, pick=st.integers(0, 40)),
    st.builds(Step, st.just("replay"), person, pick=st.integers(0, 40)),
    st.builds(Step, st.just("foreign"), person, pick=st.integers(0, 40), other=person),
    st.builds(Step, st.just("forged"), person, st.text(max_size=64).filter(_fits_64_bytes)),
    st.builds(
        Step,
        st.just("forged"),
        person,
        st.tuples(st.integers(0, 99), st.integers(0, 30), st.sampled_from("abcrse")).map(
            lambda t: f"q1:{t[0]:x}:{t[1]:x}:{t[2]}"
        ),
    ),
    st.builds(Step, st.just("edit"), person, any_text),
    st.builds(
        Step, st.just("group"), person, st.sampled_from([*COMMANDS, "halo", "/menu@lain_bot"])
    ),
    st.builds(Step, st.just("channel"), person, any_text),
)


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=os.environ.get("KINERJA_FUZZ_RANDOM") != "1",
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(st.lists(steps, min_size=1, max_size=25))
def test_random_updates_never_break_the_bot_nor_telegrams_rules_nor_anyones_answers(
    demo_world: Path, tmp_path: Path, actions: list[Step]
) -> None:
    database = tmp_path / f"fuzz-{os.getpid()}.db"
    shutil.copyfile(demo_world, database)
    try:
        asyncio.run(_play(f"sqlite:///{database}", actions))
    finally:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{database}{suffix}").unlink(missing_ok=True)


async def _play(url: str, actions: list[Step]) -> None:
    tg = FakeTelegram()
    async with in_process_bot(tg, url) as bot:
        for person_ in PEOPLE:
            tg.start_chat(person_)
        for step in actions:
            before = await _sessions(bot) if step.kind == "foreign" else None
            if step.kind == "survey":
                await _survey(tg, bot, step)
            elif _act(tg, step):
                await bot.deliver()
            if before is not None:
                await _only_own_sessions_changed(bot, before, PEOPLE[step.who].id)
        assert bot.errors == [], f"the error handler saw {bot.errors!r}"
        tg.assert_no_violations()
        await _nothing_half_done(bot)
        await _answers_are_their_owners(bot)


def _act(tg: FakeTelegram, step: Step) -> bool:
    """Do what ``step`` says; ``False`` when it cannot be done (no message to press yet)."""
    user = PEOPLE[step.who]
    if step.kind == "command":
        tg.send_text(user, step.text)
    elif step.kind == "text":
        tg.send_text(user, f"{step.text} #{step.who}#" if step.pick % 2 else step.text or "-")
    elif step.kind in {"photo", "document", "sticker", "voice", "location"}:
        _send_media(tg, user, step.kind)
    elif step.kind in {"press", "replay", "foreign", "forged"}:
        return _press(tg, step)
    elif step.kind == "edit":
        return _edit(tg, user, step.text or "-")
    elif step.kind == "group":
        tg.send_group_text(user, GROUP, step.text)
    else:
        _channel_post(tg, step.text or "-")
    return True


async def _survey(tg: FakeTelegram, bot: InProcessBot, step: Step) -> None:
    """A citizen's whole survey, straight to Kirim (typing ``TYPED[step.other]`` as saran and
    contact when ``step.pick`` is odd), amid the random steps."""
    user = PEOPLE[step.who]
    tg.send_text(user, f"/start skm_{step.text}")
    await bot.deliver()
    for _ in range(20):
        shown = _with_buttons(tg, user)
        if not shown:
            return
        labels = {label: data for row in shown[-1].buttons for label, data in row}
        typed = "Ketik jawaban" in (shown[-1].text or "")  # a text question (saran, contact)
        skip = next((data for label, data in labels.items() if "Lewati" in label), None)
        send = next((data for label, data in labels.items() if "Kirim" in label), None)
        if send is not None:
            tg.press(user, shown[-1], send)
        elif typed and step.pick % 2:
            tg.send_text(user, f"{TYPED[step.other]} #{step.who}#")
        elif skip is not None:
            tg.press(user, shown[-1], skip)
        else:
            tg.press(user, shown[-1], next(iter(labels.values())))
        await bot.deliver()
        if send is not None:
            return


def _send_media(tg: FakeTelegram, user: FakeUser, kind: str) -> None:
    if kind == "photo":
        tg.send_photo(user)
    elif kind == "document":
        tg.send_document(user, "bukti.pdf", b"%PDF-1.4 bukti")
    elif kind == "sticker":
        tg.send_sticker(user)
    else:
        content: dict[str, Any] = (
            {"voice": {"file_id": "v1", "file_unique_id": "v1u", "duration": 3}}
            if kind == "voice"
            else {"location": {"latitude": -6.2, "longitude": 106.8}}
        )
        tg.raw_user_message(user, content)


def _with_buttons(tg: FakeTelegram, user: FakeUser) -> list[SentMessage]:
    return [m for m in tg.messages(user.id) if m.buttons]


def _press(tg: FakeTelegram, step: Step) -> bool:
    user = PEOPLE[step.who]
    mine = _with_buttons(tg, user)
    if step.kind == "forged":
        if not tg.messages(user.id):
            return False
        tg.press(user, tg.messages(user.id)[-1], step.text)
        return True
    source = _with_buttons(tg, PEOPLE[step.other]) if step.kind == "foreign" else mine
    if not source or (step.kind == "foreign" and not tg.messages(user.id)):
        return False
    # press: the newest message; replay: any older one (its buttons may be stale)
    message = source[-1] if step.kind == "press" else source[step.pick % len(source)]
    buttons = [data for row in message.buttons for _, data in row]
    data = buttons[step.pick % len(buttons)]
    target = tg.messages(user.id)[-1] if step.kind == "foreign" else message
    tg.press(user, target, data)
    return True


def _edit(tg: FakeTelegram, user: FakeUser, new_text: str) -> bool:
    try:
        sent = tg.last_user_message_id(user)
        tg.edit_text(user, sent, new_text)
    except ValueError:  # nothing sent yet, or the last was not a text
        return False
    return True


def _channel_post(tg: FakeTelegram, content: str) -> None:
    chat = {"id": CHANNEL, "title": "Kanal", "type": "channel"}
    tg.raw_update({"channel_post": {"message_id": 1, "date": 0, "chat": chat, "text": content}})


# --- what must hold ---------------------------------------------------------------------------


async def _rows(bot: InProcessBot, sql: str) -> list[tuple[Any, ...]]:
    async with bot.runtime.db.session(readonly=True) as session:
        return [tuple(row) for row in (await session.exec(text(sql))).all()]  # type: ignore[call-overload]


async def _sessions(bot: InProcessBot) -> dict[int, tuple[int, int, str]]:
    found = await _rows(bot, "SELECT id, owner_id, version, answers FROM conversation_sessions")
    return {row[0]: (row[1], row[2], json.dumps(row[3], sort_keys=True)) for row in found}


async def _only_own_sessions_changed(
    bot: InProcessBot, before: dict[int, tuple[int, int, str]], presser: int
) -> None:
    after = await _sessions(bot)
    for session_id, (owner, version, answers) in before.items():
        if owner == presser:
            continue
        assert after.get(session_id) == (owner, version, answers), (
            f"someone else's press changed session {session_id} of {owner}"
        )


async def _nothing_half_done(bot: InProcessBot) -> None:
    assert await _rows(bot, "SELECT update_id FROM inbox") == [], "updates left in the inbox"
    assert await _rows(bot, "SELECT id FROM skm_pending") == [], "a response left half-stored"
    chat = await _rows(
        bot,
        "SELECT u1, u2, u3, u4, u5, u6, u7, u8, u9 FROM skm_responses WHERE channel = 'telegram'",
    )
    assert all(None not in scores for scores in chat), "a chat response without every unsur"
    [(marked,)] = await _rows(bot, "SELECT coalesce(sum(count), 0) FROM skm_marks")
    assert marked == len(chat), "marks taken and responses stored differ"


async def _answers_are_their_owners(bot: InProcessBot) -> None:
    for owner, _, answers in (await _sessions(bot)).values():
        mine = next(i for i, p in enumerate(PEOPLE) if p.id == owner)
        others = [f"#{i}#" for i in range(len(PEOPLE)) if i != mine]
        assert not any(marker in answers for marker in others), (
            f"{PEOPLE[mine].first_name}'s session holds someone else's answer: {answers}"
        )
