"""SQL statements and transactions counted with SQLAlchemy's engine events, inside the bot process.

Listening on the ``Engine`` class catches every engine the application creates, without
reaching into it. Each transaction is filed under the kind of asyncio task that ran it: ``update``
for PTB's update-handling tasks (``process_concurrent_update``, or the ``update_fetcher`` when
updates are handled one at a time), ``background`` for jobs (the outbox dispatcher, clean-ups).
Statements are counted without transaction control (``BEGIN``, ``PRAGMA``, ``SET TRANSACTION``:
``COMMIT`` is not a statement here either); a transaction *writes* when it ran an INSERT, UPDATE
or DELETE, else it is read-only. Per update task it also notes how many writing and read-only
transactions the update used, for the rule "one write transaction per update that changes
something, and no read transaction beside it".
"""

from __future__ import annotations

import asyncio
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine

CONTROL = re.compile(r"^\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE|PRAGMA|SET TRANSACTION)", re.I)
WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE)\b", re.I)
UPDATE_TASKS = ("process_concurrent_update", "update_fetcher")


def task_kind() -> str:
    task = asyncio.current_task()
    name = task.get_name() if task is not None else ""
    return "update" if any(part in name for part in UPDATE_TASKS) else "background"


@dataclass
class Tally:
    statements: int = 0
    writes: int = 0  # statements that change rows
    transactions: int = 0
    writing: int = 0  # transactions that changed something
    kinds: Counter[str] = field(default_factory=Counter)  # SELECT, INSERT, ...

    def as_dict(self) -> dict[str, Any]:
        return {
            "statements": self.statements,
            "writes": self.writes,
            "transactions": self.transactions,
            "writing": self.writing,
            "kinds": dict(self.kinds),
        }


@dataclass
class _Open:
    kind: str
    task: asyncio.Task[Any] | None
    wrote: bool = False


class SqlCounter:
    """``install()`` once; ``reset()`` when the measured part begins; read ``tallies``."""

    def __init__(self) -> None:
        self.tallies: dict[str, Tally] = {}
        self.per_update = Counter[str]()  # "several writing", "read beside writing", "updates"
        self._open: dict[int, _Open] = {}
        self._tasks: dict[asyncio.Task[Any], list[int]] = {}  # [writing, read-only]

    def install(self) -> None:
        event.listen(Engine, "begin", self._begin)
        event.listen(Engine, "before_cursor_execute", self._statement)
        event.listen(Engine, "commit", self._end)
        event.listen(Engine, "rollback", self._end)

    def reset(self) -> None:
        self.tallies.clear()
        self.per_update.clear()
        self._tasks.clear()

    def tally(self, kind: str) -> Tally:
        return self.tallies.setdefault(kind, Tally())

    def _begin(self, conn: Connection) -> None:
        kind = task_kind()
        task = asyncio.current_task() if kind == "update" else None
        self._open[id(conn)] = _Open(kind, task)
        self.tally(kind).transactions += 1

    def _statement(
        self, conn: Connection, cursor: Any, statement: str, *args: Any, **kwargs: Any
    ) -> None:
        if CONTROL.match(statement):
            return
        current = self._open.get(id(conn))
        tally = self.tally(current.kind if current else task_kind())
        tally.statements += 1
        tally.kinds[statement.lstrip().split(None, 1)[0].upper()] += 1
        if WRITE.match(statement):
            tally.writes += 1
            if current is not None:
                current.wrote = True

    def _end(self, conn: Connection) -> None:
        current = self._open.pop(id(conn), None)
        if current is None:
            return
        if current.wrote:
            self.tally(current.kind).writing += 1
        if current.task is not None:
            self._note_update(current.task, current.wrote)

    def _note_update(self, task: asyncio.Task[Any], wrote: bool) -> None:
        if task not in self._tasks:
            self._tasks[task] = [0, 0]
            task.add_done_callback(self._update_done)
        self._tasks[task][0 if wrote else 1] += 1

    def _update_done(self, task: asyncio.Task[Any]) -> None:
        writing, reading = self._tasks.pop(task, (0, 0))
        self.per_update["updates with SQL"] += 1
        if writing > 1:
            self.per_update["several writing"] += 1
        if writing and reading:
            self.per_update["read beside writing"] += 1

    def summary(self) -> dict[str, Any]:
        for task in list(self._tasks):  # tasks still running when asked
            self._update_done(task)
        return {
            "tallies": {kind: tally.as_dict() for kind, tally in self.tallies.items()},
            "per_update": dict(self.per_update),
        }
