"""Registration codes (stored hashed) and per-account settings and lockouts."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.errors import RegistrationRefused
from domain.org.identity import ChatAccount, RegistrationCode
from storage.tables import ChatAccountRow, RegistrationCodeRow


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
        row = await self._s.get(ChatAccountRow, telegram_id)
        if row is None:
            return ChatAccount(telegram_id)
        return ChatAccount(
            row.telegram_id, row.language, row.failed_attempts, row.locked_until, row.blocked_at
        )

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
