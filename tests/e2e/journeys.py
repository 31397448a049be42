"""Whole forms as a person fills them in, and what the database holds afterwards, for the
robustness tests (kills, Telegram faults, several processes).

A question is read as the message that asks it *with its buttons* (every question has at least
"Batal"); the edit that closes a pressed question has none, so it is never mistaken for the next.
"""

from __future__ import annotations

import csv
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import text

from tests.e2e.rig import BotProcess, Person
from tests.support.fake_telegram import FakeUser, SentMessage

SKM_CODE = "KTP-EL"
SESUAI = "Sesuai Ekspektasi"
HENDRA = "198509302010041001"  # Kepala Seksi Identitas Penduduk (demo): the pejabat penilai
DEWI = "198004172005012003"  # Kepala Bidang (demo); made admin of DISDUKCAPIL here
UNIT = "DISDUKCAPIL-IDP"
TIMEOUT = 10.0


def person(bot: BotProcess, user_id: int, name: str, username: str | None = None) -> Person:
    return Person(bot.tg, FakeUser(id=user_id, first_name=name, username=username))


def admin_of_disdukcapil(bot: BotProcess, user_id: int) -> Person:
    """Dewi, bound and admin of the unit of KTP-EL: a citizen's saran is queued for her."""

    async def unit_id(uow: Any) -> int:
        unit = await uow.org.unit_by_code("DISDUKCAPIL")
        return int(unit.id)

    admin = person(bot, user_id, "Dewi")
    bot.tg.start_chat(admin.user)
    bot.bind(admin, DEWI)
    bot.grant_admin(DEWI, bot.db(unit_id))
    return admin


@dataclass(frozen=True)
class Patience:
    """How long a person waits for the bot's next message (``timeout``), and what makes them
    stop at once (``give_up`` returns why, e.g. the bot logged an error)."""

    timeout: float = TIMEOUT
    give_up: Callable[[], str | None] = lambda: None

    def wait(self, person: Person, wanted: Callable[[SentMessage], bool]) -> SentMessage:
        deadline = time.monotonic() + self.timeout
        while True:
            try:
                return person.tg.wait_for_message(person.chat_id, wanted, timeout=0.5)
            except AssertionError as error:
                reason = self.give_up()
                if reason is not None:
                    raise AssertionError(f"gave up waiting: {reason}") from None
                if time.monotonic() > deadline:
                    raise AssertionError(f"waited {self.timeout}s: {error}") from None


PATIENT = Patience()


def question(person: Person, number: int, patience: Patience = PATIENT) -> SentMessage:
    """Question ``number`` of the current form, as asked (with its buttons)."""
    fragment = f"pertanyaan {number} dari"
    return patience.wait(person, lambda m: fragment in (m.text or "") and bool(m.buttons))


def review(person: Person, patience: Patience = PATIENT) -> SentMessage:
    return patience.wait(person, lambda m: "periksa jawaban" in (m.text or "") and bool(m.buttons))


def reply(person: Person, fragment: str, patience: Patience = PATIENT) -> SentMessage:
    return patience.wait(person, lambda m: fragment in (m.text or ""))


def options(message: SentMessage) -> list[tuple[str, str]]:
    """A scale's answer buttons (UI contract: first, ascending)."""
    return [button for row in message.buttons for button in row][:4]


def fill_skm(
    person: Person,
    *,
    scores: tuple[int, ...] = (3,) * 9,
    saran: str = "Antrean terlalu lama",
    contact: str = "0812-0000-0000",
    patience: Patience = PATIENT,
    opened: SentMessage | None = None,
) -> SentMessage:
    """Open the survey of KTP-EL (unless its first question is ``opened`` already) and answer it
    up to its review page (returned)."""
    if opened is None:
        person.send(f"/start skm_{SKM_CODE}")
    for number, score in enumerate(scores, start=1):
        asked = opened if number == 1 and opened else question(person, number, patience)
        person.tg.press(person.user, asked, options(asked)[score - 1][1])
    person.tap(question(person, 10, patience), "Perempuan")
    for number in (11, 12, 13):
        person.tap(question(person, number, patience), "Lewati")
    question(person, 14, patience)
    person.send(saran)
    question(person, 15, patience)
    person.send(contact)
    return review(person, patience)


def fill_self_assessment(
    person: Person, realisation: str, patience: Patience = PATIENT
) -> SentMessage:
    """``/penilaian`` with one RHK: realisation, no evidence, "Sesuai" everywhere, no notes."""
    person.send("/penilaian")
    question(person, 1, patience)
    person.send(realisation)
    person.tap(question(person, 2, patience), "Lewati")
    person.tap(question(person, 3, patience), SESUAI)
    for number in range(4, 18, 2):  # seven BerAKHLAK values: a rating, then an optional note
        person.tap(question(person, number, patience), SESUAI)
        person.tap(question(person, number + 1, patience), "Lewati")
    return review(person, patience)


def employees_with_one_rhk(bot: BotProcess, count: int) -> list[str]:
    """``count`` pelaksana under Hendra with one RHK each, and the demo's open period."""
    bot.cli("demo")
    nips = [f"199{i % 10}0101202201{1 + i % 2}{i + 501:03d}" for i in range(count)]
    people, skp = bot.workdir / "staff.csv", bot.workdir / "staff-skp.csv"
    with people.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["nip", "name", "position", "position_kind", "unit_code", "supervisor_nip"])
        for i, nip in enumerate(nips):
            name = f"Staf Uji {i + 1}"
            writer.writerow([nip, name, "Pengadministrasi", "pelaksana", UNIT, HENDRA])
    with skp.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["nip", "year", "kind", "rhk", "indicator", "target"])
        year = datetime.now(UTC).year
        for nip in nips:
            writer.writerow([nip, year, "utama", "Terlayaninya warga", "Jumlah warga", "100 Orang"])
    bot.cli("import", "employees", str(people))
    bot.cli("import", "skp", str(skp))
    return nips


def rows(bot: BotProcess, sql: str, **params: Any) -> list[tuple[Any, ...]]:
    async def run(uow: Any) -> list[tuple[Any, ...]]:
        connection = await uow.session.connection()
        return [tuple(row) for row in (await connection.execute(text(sql), params)).all()]

    return bot.db(run)


def count(bot: BotProcess, sql: str, **params: Any) -> int:
    [(value,)] = rows(bot, sql, **params)
    return int(value)


def release_outbox(bot: BotProcess) -> None:
    """Make every queued message due now (a saran waits for the unit's digest hour)."""

    async def run(uow: Any) -> None:
        connection = await uow.session.connection()
        now = datetime.now(UTC)
        await connection.execute(text("UPDATE outbox SET not_before = :now"), {"now": now})

    bot.db(run)


def sent_texts(bot: BotProcess, chat_id: int, keep: Callable[[str], bool]) -> list[str]:
    """Texts of the messages the bot *sent* (not edits) to the chat that ``keep`` accepts."""
    return [
        event.message.text or ""
        for event in bot.tg.events(chat_id)
        if event.kind == "sent" and keep(event.message.text or "")
    ]


def questions_asked_twice(bot: BotProcess, someone: Person) -> dict[str, int]:
    """Question numbers the bot sent to the person as new messages more than once."""
    asked = Counter(
        (event.message.text or "").split(" dari ")[0].rsplit("pertanyaan ", 1)[-1]
        for event in bot.tg.events(someone.chat_id)
        if event.kind == "sent" and "pertanyaan " in (event.message.text or "")
    )
    return {number: times for number, times in asked.items() if times > 1}
