"""Several processes (issue 8): two real bot processes in webhook mode on one PostgreSQL, behind a
round-robin balancer, so that one person's updates are split across both; and ``/healthz``.
"""

from __future__ import annotations

import asyncio
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import asyncpg
import pytest
from sqlalchemy.engine import make_url

from domain.messages import OutboundMessage
from tests.e2e.journeys import (
    admin_of_disdukcapil,
    count,
    fill_skm,
    options,
    person,
    question,
    questions_asked_twice,
    release_outbox,
    reply,
    review,
    rows,
)
from tests.e2e.rig import BotProcess, Person
from tests.e2e.stalls import StatementStall, execute_postgres, postgres_dsn
from tests.support.databases import postgres_admin_url
from tests.support.fake_telegram import FakeTelegram, FakeUser
from tests.support.ports import free_port
from tests.support.round_robin import RoundRobin

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.parametrize(
        "demo_database_url",
        [pytest.param("postgresql", marks=pytest.mark.postgres)],
        indirect=True,
    ),
]
SECRET = "several-processes-secret"


def webhook_process(tg: FakeTelegram, url: str, workdir: Path, webhook_url: str) -> BotProcess:
    workdir.mkdir()
    process = BotProcess(tg, url, workdir)
    port = free_port()
    process.extra_env.update(
        KINERJA_MODE="webhook",
        KINERJA_WEBHOOK_URL=webhook_url.format(port=port),
        KINERJA_WEBHOOK_SECRET=SECRET,
        KINERJA_WEBHOOK_LISTEN="127.0.0.1",
        KINERJA_WEBHOOK_PORT=str(port),
    )
    return process


def port_of(process: BotProcess) -> int:
    return int(process.extra_env["KINERJA_WEBHOOK_PORT"])


def start_listening(process: BotProcess, timeout: float = 30.0) -> None:
    """Start, and wait for the webhook port (``start`` returns at once once a webhook is set)."""
    process.start()
    deadline = time.monotonic() + timeout
    while True:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port_of(process))) == 0:
                return
        assert time.monotonic() < deadline, f"the bot did not listen:\n{process.log}"
        time.sleep(0.05)


@dataclass
class Cluster:
    processes: list[BotProcess]
    balancer: RoundRobin

    @property
    def any(self) -> BotProcess:
        return self.processes[0]


@pytest.fixture
def cluster(tg: FakeTelegram, demo_database_url: str, tmp_path: Path) -> Iterator[Cluster]:
    with RoundRobin([]) as balancer:
        processes = [
            webhook_process(tg, demo_database_url, tmp_path / name, balancer.url)
            for name in ("a", "b")
        ]
        balancer.ports.extend(port_of(process) for process in processes)
        for process in processes:
            start_listening(process)
        yield Cluster(processes, balancer)
        for process in processes:
            process.stop()


def test_one_persons_updates_split_across_two_processes_are_handled_in_order(
    cluster: Cluster, demo_database_url: str
) -> None:
    """The saran and the contact, typed one after the other, go to different processes; the one
    holding the saran is slow to record it (its ``processed_updates`` insert sleeps 3 s)."""
    bot = cluster.any
    warga = person(bot, 7_600_000_001, "Siti")
    warga.send("/start skm_KTP-EL")
    for number in range(1, 10):
        asked = question(warga, number)
        warga.tg.press(warga.user, asked, options(asked)[2][1])
    warga.tap(question(warga, 10), "Perempuan")
    last = 0
    for number in (11, 12, 13):
        last = warga.tap(question(warga, number), "Lewati")
    question(warga, 14)
    slow = StatementStall(
        demo_database_url, "processed_updates", when=f"NEW.update_id = {last + 1}", seconds=3
    )
    slow.install()
    try:
        assert warga.send("Mohon tambah kursi tunggu") == last + 1
        warga.send("0812-5555-0101")
        kirim = review(warga)
    finally:
        slow.remove()
    warga.tap(kirim, "Kirim")
    reply(warga, "sudah tersimpan")
    stored = rows(bot, "SELECT suggestion, contact FROM skm_responses")
    assert stored == [("Mohon tambah kursi tunggu", "0812-5555-0101")], (
        f"typed second, handled first: stored (saran, contact) = {stored}"
    )
    assert {port for _, port, _ in cluster.balancer.routes} == set(cluster.balancer.ports)
    for process in cluster.processes:
        process.assert_clean_log()


def test_two_processes_handle_each_update_once_and_send_each_outbox_message_once(
    cluster: Cluster, tg: FakeTelegram
) -> None:
    """Every third update's first delivery is answered 502 after a process took it, so Telegram
    delivers it again, to the other process; both dispatchers share one outbox."""
    bot = cluster.any
    cluster.balancer.fail_first_delivery = lambda update_id: update_id % 3 == 0
    admin = admin_of_disdukcapil(bot, 7_600_100_001)
    citizens = [person(bot, 7_600_200_000 + i, f"Warga {i}") for i in range(4)]
    failures = _together(citizens, _survey)
    assert not failures, failures
    sarans = [f"saran warga {i}" for i in range(len(citizens))]
    assert rows(bot, "SELECT suggestion FROM skm_responses ORDER BY suggestion") == [
        (saran,) for saran in sarans
    ]
    for warga in citizens:
        assert questions_asked_twice(bot, warga) == {}, warga.user.first_name
    redelivered = [u for u, _, status in cluster.balancer.routes if status == 502]
    assert len(redelivered) >= 10, "the test meant to deliver many updates twice"

    readers = [FakeUser(id=7_600_300_000 + i, first_name=f"Pembaca {i}") for i in range(10)]
    _queue_notices(bot, readers, per_reader=3)
    release_outbox(bot)
    expected = {admin.chat_id: sarans} | {
        reader.id: [f"pesan {reader.id}-{n}" for n in range(3)] for reader in readers
    }
    _wait_until_outbox_sent(bot)
    for chat_id, texts in expected.items():
        received = [m.text or "" for m in tg.messages(chat_id)]
        for wanted in texts:
            assert sum(wanted in text for text in received) == 1, (chat_id, wanted, received)
    for process in cluster.processes:
        process.assert_clean_log()


def _survey(i: int, warga: Person) -> None:
    warga.tap(fill_skm(warga, saran=f"saran warga {i}"), "Kirim")
    reply(warga, "sudah tersimpan")


def _together(people: list[Person], act: Callable[[int, Person], None]) -> dict[str, str]:
    failures: dict[str, str] = {}

    def run(i: int, someone: Person) -> None:
        try:
            act(i, someone)
        except AssertionError as error:
            failures[someone.user.first_name] = str(error)[:300]

    threads = [threading.Thread(target=run, args=(i, p)) for i, p in enumerate(people)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return failures


def _queue_notices(bot: BotProcess, readers: list[FakeUser], per_reader: int) -> None:
    for reader in readers:
        bot.tg.start_chat(reader)

    async def work(uow: Any) -> None:
        now = datetime.now(UTC)
        for reader in readers:
            for n in range(per_reader):
                params = {
                    "service": "Perekaman KTP-el",
                    "unit": "Seksi Identitas Penduduk",
                    "date": now.date(),
                    "text": f"pesan {reader.id}-{n}",
                    "contact": "",
                }
                message = OutboundMessage(
                    reader.id, "skm.forward.suggestion", f"e2e:{reader.id}:{n}", params
                )
                await uow.outbox.enqueue(message, now=now)

    bot.db(work)


def _wait_until_outbox_sent(bot: BotProcess, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    pending = "SELECT count(*) FROM outbox WHERE status <> 'sent'"
    while count(bot, pending):
        assert time.monotonic() < deadline, rows(bot, "SELECT status, last_error FROM outbox")
        time.sleep(0.3)


# --- /healthz --------------------------------------------------------------------------------


def health(process: BotProcess) -> int | None:
    url = f"http://127.0.0.1:{port_of(process)}/healthz"
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        error.close()
        return int(error.code)
    except OSError:
        return None


def eventually(process: BotProcess, status: int, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while (seen := health(process)) != status:
        assert seen != 404, "there is no /healthz"
        assert time.monotonic() < deadline, f"/healthz answered {seen}, not {status}"
        time.sleep(0.2)


def test_healthz_is_200_only_with_the_database_reachable_and_the_migrations_current(
    tg: FakeTelegram, demo_database_url: str, tmp_path: Path
) -> None:
    process = webhook_process(
        tg, demo_database_url, tmp_path / "one", "http://127.0.0.1:{port}/telegram"
    )
    start_listening(process)
    try:
        eventually(process, 200)
        with _revision_set_back(demo_database_url):
            eventually(process, 503)
        eventually(process, 200)
        with _connections_refused(demo_database_url):
            eventually(process, 503)
        eventually(process, 200)
    finally:
        process.stop()


@contextmanager
def _revision_set_back(url: str) -> Iterator[None]:
    """The schema recorded as one migration behind (as after deploying a newer release whose
    migration has not run)."""
    [(head,)] = _select(url, "SELECT version_num FROM alembic_version")
    execute_postgres(url, "UPDATE alembic_version SET version_num = '0004'")
    try:
        yield
    finally:
        execute_postgres(url, f"UPDATE alembic_version SET version_num = '{head}'")


@contextmanager
def _connections_refused(url: str) -> Iterator[None]:
    """The database refuses new connections and its open ones are cut."""
    admin = postgres_admin_url()
    assert admin is not None
    name = make_url(url).database
    execute_postgres(
        admin,
        f'ALTER DATABASE "{name}" WITH ALLOW_CONNECTIONS false',
        f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'",
    )
    try:
        yield
    finally:
        execute_postgres(admin, f'ALTER DATABASE "{name}" WITH ALLOW_CONNECTIONS true')


def _select(url: str, sql: str) -> list[tuple[Any, ...]]:
    async def run() -> list[tuple[Any, ...]]:
        connection = await asyncpg.connect(postgres_dsn(url))
        try:
            return [tuple(record) for record in await connection.fetch(sql)]
        finally:
            await connection.close()

    return asyncio.run(run())


# --- one pace for the bot ------------------------------------------------------------------

OUTBOX_RATE = 25  # KINERJA_OUTBOX_RATE's default, which both processes run with


def test_two_processes_send_the_outbox_at_one_pace_and_the_survivor_takes_over(
    cluster: Cluster, tg: FakeTelegram
) -> None:
    """Both processes run a dispatcher at the configured rate (nobody divides it by two): only
    the one holding the sending turn sends, so in no second does the bot send more than the
    rate; when a process is killed, the other sends what comes next."""
    bot = cluster.any
    wave = [FakeUser(id=7_600_500_000 + i, first_name=f"Penerima {i}") for i in range(150)]
    _queue_notices(bot, wave, per_reader=1)
    _wait_until_outbox_sent(bot)
    times = sorted(time for reader in wave for time in tg.send_times(reader.id))
    assert [len(tg.send_times(reader.id)) for reader in wave] == [1] * len(wave)
    # Over the wave the bot kept the rate: two processes each at the rate would take half as long.
    assert times[-1] - times[0] >= (len(times) - 1) / OUTBOX_RATE
    # And in no second much above it. The fake stamps a message when its thread reads it: on a
    # busy machine one may be read late and counted with the next second's, hence the 2 (two
    # processes each at the rate would put ~50 in a second).
    busiest = max(sum(1 for t in times if start <= t < start + 1.0) for start in times)
    assert busiest <= OUTBOX_RATE + 2, f"{busiest} messages in one second"

    cluster.processes[0].kill()  # SIGKILL, between two waves: whichever was sending
    after = [FakeUser(id=7_600_600_000 + i, first_name=f"Berikut {i}") for i in range(10)]
    _queue_notices(cluster.processes[1], after, per_reader=1)
    _wait_until_outbox_sent(cluster.processes[1])
    assert [len(tg.send_times(reader.id)) for reader in after] == [1] * len(after)
    cluster.processes[1].assert_clean_log()
