"""The unit of work: one transaction. Use cases call :meth:`UnitOfWork.commit`; leaving the
``async with`` block without committing rolls everything back.

Each area states, in its own ``ports.py``, the unit of work its use cases need: this protocol
plus the repositories they touch (e.g. ``domain.org.ports.OrgUnitOfWork``). The storage layer's
unit of work has every repository and so satisfies all of them.
"""

from __future__ import annotations

from types import TracebackType
from typing import Protocol, Self, TypeVar

U_co = TypeVar("U_co", covariant=True)


class AlreadyApplied(Exception):
    """Raised by :meth:`UnitOfWork.commit` (nothing is committed) when the input being handled
    was applied by an earlier attempt: its effects committed, then the process died before it
    was done (``domain.engine.updates``). The adapter shows the person where they are instead of
    applying the input twice."""

    def __init__(self, update_id: int) -> None:
        super().__init__(f"update {update_id} was applied before")
        self.update_id = update_id


class UnitOfWork(Protocol):
    async def __aenter__(self) -> Self: ...
    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...
    async def commit(self) -> None: ...


class UnitOfWorkFactory(Protocol[U_co]):
    """Opens units of work of type ``U_co``; ``readonly`` ones refuse to commit."""

    def __call__(self, *, readonly: bool = False) -> U_co: ...
