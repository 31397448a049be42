"""Who a Telegram account is: its binding to an employee by a registration code, and its lockout.

An employee binds their Telegram account with a single-use, expiring registration code issued by
an admin. Codes are stored only as a keyed hash (HMAC-SHA256 with the server secret), so a leaked
database does not leak usable codes. Five wrong attempts lock the account out for an hour.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final

from domain.errors import RegistrationRefused

# Unambiguous alphabet: no 0/O, 1/I/L, so a code read aloud or typed from paper survives.
CODE_ALPHABET: Final = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH: Final = 10  # 31**10 ≈ 8e14 codes; with the lockout, guessing is hopeless
MAX_FAILED_ATTEMPTS: Final = 5
LOCKOUT: Final = timedelta(hours=1)
DEEP_LINK_PREFIX: Final = "reg_"
_CODE_INPUT = re.compile(r"[\s\-]")


def new_code() -> str:
    """A fresh random registration code (uses :mod:`secrets`)."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(raw: str) -> str:
    """What the person typed or the deep link carried, as stored before hashing."""
    text = raw.strip()
    if text.lower().startswith(DEEP_LINK_PREFIX):
        text = text[len(DEEP_LINK_PREFIX) :]
    return _CODE_INPUT.sub("", text).upper()


def looks_like_code(raw: str) -> bool:
    code = normalise_code(raw)
    return len(code) == CODE_LENGTH and all(ch in CODE_ALPHABET for ch in code)


def hash_code(code: str, secret: str) -> str:
    """The keyed hash under which a code is stored and looked up."""
    return hmac.new(secret.encode(), normalise_code(code).encode(), hashlib.sha256).hexdigest()


def format_code(code: str) -> str:
    """For print: ``ABCDE-FGHJK``."""
    half = CODE_LENGTH // 2
    return f"{code[:half]}-{code[half:]}"


@dataclass(frozen=True, slots=True)
class RegistrationCode:
    id: int
    employee_id: int
    expires_at: datetime
    used_at: datetime | None

    def check_usable(self, now: datetime) -> None:
        if self.used_at is not None:
            raise RegistrationRefused("used")
        if now >= self.expires_at:
            raise RegistrationRefused("expired")


@dataclass(frozen=True, slots=True)
class ChatAccount:
    """A Telegram account as the bot knows it, registered or not: language and lockout;
    ``blocked_at`` when the person blocked the bot (proactive messages stop until they write
    to it again)."""

    telegram_id: int
    language: str | None = None
    failed_attempts: int = 0
    locked_until: datetime | None = None
    blocked_at: datetime | None = None

    def check_not_locked(self, now: datetime) -> None:
        if self.locked_until is not None and now < self.locked_until:
            raise RegistrationRefused("locked", until=self.locked_until)

    def after_failure(self, now: datetime) -> ChatAccount:
        failures = self.failed_attempts + 1
        if failures >= MAX_FAILED_ATTEMPTS:
            return ChatAccount(self.telegram_id, self.language, 0, now + LOCKOUT)
        return ChatAccount(self.telegram_id, self.language, failures, None)

    def after_success(self) -> ChatAccount:
        return ChatAccount(self.telegram_id, self.language, 0, None)

    @property
    def attempts_left(self) -> int:
        return MAX_FAILED_ATTEMPTS - self.failed_attempts
