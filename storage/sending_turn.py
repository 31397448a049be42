"""Whose turn it is to send the outbox (:class:`domain.outbox.SendingTurn`).

Telegram's limit (about 30 messages a second) is the bot's, whatever the number of processes.
Rather than have each of N processes pace itself at a share of the rate (which an operator would
have to keep right), one process at a time sends and paces the whole bot; the others only queue.

* PostgreSQL: the turn is a session-level advisory lock, held on a connection of its own for as
  long as the process sends. A process that dies, or loses its connection, loses the lock with
  its session at once; another process takes it at its next try (every few seconds, see
  ``bot.dispatch``). The holder checks its connection before each claim, so a holder cut off
  from the database stops claiming.
* SQLite: one bot process per database file (docs/deployment.md), so the turn is always its own.
"""

from __future__ import annotations

import logging

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncConnection

from storage.database import Database

log = logging.getLogger(__name__)
# The advisory lock's key (a bigint; advisory locks are per database): "kinerja" in ASCII.
LOCK_KEY = 0x6B696E65726A61


class OnlyProcess:
    """SQLite: this process is the only one, so it always holds the turn."""

    async def take(self) -> bool:
        return True

    async def give_up(self) -> None:
        return None


class AdvisoryLockTurn:
    """PostgreSQL: the turn is ``pg_try_advisory_lock(LOCK_KEY)`` on a connection kept open."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._connection: AsyncConnection | None = None
        self._holding = False

    async def take(self) -> bool:
        try:
            if self._holding:
                await self._execute("SELECT 1")  # the session (and so the lock) is alive
                return True
            self._holding = bool(await self._execute(f"SELECT pg_try_advisory_lock({LOCK_KEY})"))
        except (SQLAlchemyError, OSError) as error:
            if self._holding:
                log.warning("outbox: the sending turn was lost with its connection: %s", error)
            await self._drop()
            return False
        if self._holding:
            log.info("outbox: this process sends the outbox now")
        return self._holding

    async def give_up(self) -> None:
        if self._connection is None:
            return
        try:
            if self._holding:
                await self._execute(f"SELECT pg_advisory_unlock({LOCK_KEY})")
            await self._connection.close()
        except (SQLAlchemyError, OSError):
            await self._drop()
        self._connection, self._holding = None, False

    async def _execute(self, statement: str) -> object:
        if self._connection is None:
            connection = await self._db.write_engine.connect()
            self._connection = await connection.execution_options(isolation_level="AUTOCOMMIT")
        return (await self._connection.execute(text(statement))).scalar()

    async def _drop(self) -> None:
        """Forget the connection without returning it to the pool: a pooled session that still
        held the lock would keep the turn from every process."""
        connection, self._connection, self._holding = self._connection, None, False
        if connection is not None:
            try:
                await connection.invalidate()
                await connection.close()
            except (SQLAlchemyError, OSError):
                log.debug("outbox: closing a broken connection failed", exc_info=True)
