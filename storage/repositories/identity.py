"""Registration codes (stored hashed) and per-account settings and lockouts."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import exists as sa_exists
from sqlalchemy import select as sa_select
from sqlalchemy import update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.errors import RegistrationRefused
from domain.org.identity import ChatAccount, RegistrationCode
from storage.tables import ChatAccountRow, EmployeeRow, RegistrationCodeRow

ACCOUNTS: Any = ChatAccountRow.__table__  # type: ignore[attr-defined]
EMPLOYEES: Any = EmployeeRow.__table__  # type: ignore[attr-defined]


class SqlRegistrationRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def add_code(
        self, *, employee_id: int, code_hash: str, expires_at: datetime, now: datetime
    ) -> None:
        # Only the newest code of an employee works: earlier unused ones expire now.
        await self._s.exec(
            update(RegistrationCodeRow)
            .where(
                col(RegistrationCodeRow.employee_id) == employee_id,
                col(RegistrationCodeRow.used_at).is_(None),
                col(RegistrationCodeRow.expires_at) > now,
            )
            .values(expires_at=now)
        )
        self._s.add(
            RegistrationCodeRow(
                employee_id=employee_id, code_hash=code_hash, created_at=now, expires_at=expires_at
            )
        )
        await self._s.flush()

    async def code_by_hash(self, code_hash: str) -> RegistrationCode | None:
        query = select(RegistrationCodeRow).where(RegistrationCodeRow.code_hash == code_hash)
        row = (await self._s.exec(query)).first()
        if row is None:
            return None
        assert row.id is not None
        return RegistrationCode(row.id, row.employee_id, row.expires_at, row.used_at)

    async def mark_used(self, code_id: int, *, now: datetime, telegram_id: int) -> None:
        # Conditional: of two accounts redeeming one code at once, only one succeeds.
        result = await self._s.exec(
            update(RegistrationCodeRow)
            .where(
                col(RegistrationCodeRow.id) == code_id, col(RegistrationCodeRow.used_at).is_(None)
            )
            .values(used_at=now, used_by=telegram_id)
        )
        if result.rowcount != 1:
            raise RegistrationRefused("used")


class SqlAccountRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def get(self, telegram_id: int) -> ChatAccount:
        # Core, not the ORM: read on every update (who is this?), docs/performance.md.
        query = sa_select(
            ACCOUNTS.c.language,
            ACCOUNTS.c.failed_attempts,
            ACCOUNTS.c.locked_until,
            ACCOUNTS.c.blocked_at,
        ).where(ACCOUNTS.c.telegram_id == telegram_id)
        row = (await (await self._s.connection()).execute(query)).first()
        if row is None:
            return ChatAccount(telegram_id)
        return ChatAccount(telegram_id, *row)

    async def get_with_staff(self, telegram_id: int) -> tuple[ChatAccount, bool]:
        """One statement without a FROM: the account's columns (``NULL`` when it has no row)
        and whether an employee is bound to it."""
        account = ACCOUNTS.c.telegram_id == telegram_id
        columns = (
            ACCOUNTS.c.language,
            ACCOUNTS.c.failed_attempts,
            ACCOUNTS.c.locked_until,
            ACCOUNTS.c.blocked_at,
        )
        staff = sa_exists().where(EMPLOYEES.c.telegram_id == telegram_id)
        query = sa_select(
            sa_select(ACCOUNTS.c.telegram_id).where(account).scalar_subquery(),
            *(sa_select(column).where(account).scalar_subquery() for column in columns),
            staff,
        )
        row: Any = (await (await self._s.connection()).execute(query)).one()
        found, language, failed, locked, blocked, is_staff = row
        if found is None:
            return ChatAccount(telegram_id), bool(is_staff)
        return ChatAccount(telegram_id, language, failed, locked, blocked), bool(is_staff)

    async def save(self, account: ChatAccount) -> None:
        row = await self._s.get(ChatAccountRow, account.telegram_id)
        if row is None:
            row = ChatAccountRow(telegram_id=account.telegram_id)
            self._s.add(row)
        row.language = account.language
        row.failed_attempts = account.failed_attempts
        row.locked_until = account.locked_until
        row.blocked_at = account.blocked_at
        await self._s.flush()
