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
