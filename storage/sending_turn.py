"""Whose turn it is to send the outbox (:class:`domain.outbox.SendingTurn`).

Telegram's limit (about 30 messages a second) is the bot's, whatever the number of processes.
Rather than have each of N processes pace itself at a share of the rate (which an operator would
have to keep right), one process at a time sends and paces the whole bot; the others only queue.

* PostgreSQL: the turn is a session-level advisory lock, held on a connection of its own
  (outside the pool the rest of the bot uses) for as long as the process sends. A process that
  dies, or loses its connection, loses the lock with its session at once; another process takes
  it at its next try (every few seconds, see ``bot.dispatch``). The holder checks its
  connection before each claim, so a holder cut off from the database stops claiming.
* SQLite: one bot process per database file (docs/deployment.md), so the turn is always its own.
"""

from __future__ import annotations

import logging

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine
from sqlalchemy.pool import NullPool

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
        self._engine: AsyncEngine | None = None  # its own connection, outside the pool
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
        if self._connection is not None:
            try:
                if self._holding:
                    await self._execute(f"SELECT pg_advisory_unlock({LOCK_KEY})")
                await self._connection.close()
            except (SQLAlchemyError, OSError):
                await self._drop()
            self._connection, self._holding = None, False
        if self._engine is not None:
            await self._engine.dispose()
            self._engine = None

    async def _execute(self, statement: str) -> object:
        if self._engine is None:
            self._engine = create_async_engine(
                self._db.url, poolclass=NullPool, hide_parameters=True
            )
        if self._connection is None:
            connection = await self._engine.connect()
            self._connection = await connection.execution_options(isolation_level="AUTOCOMMIT")
        return (await self._connection.execute(text(statement))).scalar()

    async def _drop(self) -> None:
        """Forget the connection (not pooled: closing it ends the session and its lock)."""
        connection, self._connection, self._holding = self._connection, None, False
        if connection is not None:
            try:
                await connection.invalidate()
                await connection.close()
            except (SQLAlchemyError, OSError):
                log.debug("outbox: closing a broken connection failed", exc_info=True)
