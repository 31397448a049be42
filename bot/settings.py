"""Settings, read from ``KINERJA_*`` environment variables and a ``.env`` file.

Every setting is documented in ``.env.example``. :func:`load_settings` turns validation errors into
:class:`SettingsError`, whose message names each bad setting by its environment variable.
"""

from __future__ import annotations

import re
from dataclasses import fields, replace
from datetime import datetime, time
from decimal import Decimal
from fractions import Fraction
from typing import Final, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from domain.appraisal.distribution import DEFAULT_DISTRIBUTION_RULES, DistributionRules
from domain.errors import InvalidValue
from domain.peer.raters import MIN_RATERS_FLOOR

PREFIX = "KINERJA_"
_TOKEN = re.compile(r"^\d{3,20}:[A-Za-z0-9_-]{20,100}$")
_WEBHOOK_SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
_PLACEHOLDERS = ("change-me", "changeme", "ganti", "secret", "xxx")


class SettingsError(Exception):
    """Settings that stop start-up; the message says which and how to fix them."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix=PREFIX,
        env_file=".env",
        env_file_encoding="utf-8",
        env_ignore_empty=True,
        extra="ignore",
    )

    bot_token: SecretStr | None = None
    bot_username: str | None = Field(default=None, pattern=r"^[A-Za-z][A-Za-z0-9_]{3,31}$")
    database_url: str = "sqlite:///kinerja.db"
    telegram_api_url: str = "https://api.telegram.org"
    timezone: str = "Asia/Jakarta"
    secret_key: SecretStr | None = None
    mode: Literal["polling", "webhook"] = "polling"
    webhook_url: str | None = None
    webhook_secret: SecretStr | None = None
    webhook_listen: str = "0.0.0.0"  # noqa: S104 - behind a load balancer the port must be reachable
    webhook_port: int = Field(default=8443, ge=1, le=65535)
    health_port: int | None = Field(default=None, ge=1, le=65535)
    health_listen: str = "127.0.0.1"
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    language: Literal["id", "en"] = "id"  # of the command line
    code_ttl_days: int = Field(default=14, ge=1, le=365)
    tanggapan_days: int = Field(default=3, ge=1, le=30)  # PP 30/2019 Pasal 59: days to respond
    skm_responses_per_day: int = Field(default=1, ge=1, le=100)
    skm_abandoned_hours: int = Field(default=24, ge=1, le=720)
    skm_min_respondents: int = Field(default=5, ge=1, le=1000)
    skm_digest_hour: int = Field(default=16, ge=0, le=23)
    peer_min_raters: int = Field(default=3, le=100)
    # Telegram allows about 30 a second, up to 1,000 with its paid broadcasts (allow_paid_broadcast)
    outbox_rate: float = Field(default=25.0, gt=0, le=1000)
    concurrent_updates: int = Field(default=64, ge=1, le=1024)
    distribution_rules: dict[str, int | bool] = Field(default_factory=dict)
    # Issue 11: a peer or subordinate mean below this marks a BerAKHLAK value as weak (1 < x <= 5).
    peer_weak_threshold: Decimal = Field(default=Decimal("3.0"), gt=1, le=5, decimal_places=2)
    # Format B.1.8's answer scale was not retrieved with the format: 4 points (no middle) by
    # default, 5 adds "Ragu-ragu" (domain/peer/coaching.py).
    coaching_scale_points: int = Field(default=4, ge=4, le=5)
    office_hours: str = Field(default="08:00-16:00", pattern=r"^\d{2}:\d{2}-\d{2}:\d{2}$")
    reminder_days: str = Field(default="7,3,1", pattern=r"^\d{1,2}(,\d{1,2})*$")
    result_grace_minutes: int = Field(default=30, ge=0, le=24 * 60)
    reminders: bool = True  # the plan job (reminders and digests); off for most tests
    reminder_plan_seconds: int = Field(default=60, ge=1, le=3600)
    # Tests only: the bot's clock starts at this moment (ISO 8601 with its zone) and runs on from
    # there. Refused unless Telegram is a local fake (KINERJA_TELEGRAM_API_URL on 127.0.0.1 or
    # localhost): a bot talking to the real Telegram never runs on a made-up time.
    test_clock: datetime | None = None

    @field_validator("distribution_rules")
    @classmethod
    def _known_rules(cls, value: dict[str, int | bool]) -> dict[str, int | bool]:
        known = {f.name for f in fields(DistributionRules)}
        unknown = sorted(set(value) - known)
        if unknown:
            raise ValueError(f"unknown rule(s) {unknown}; known: {sorted(known)}")
        try:
            replace(DEFAULT_DISTRIBUTION_RULES, **value)  # type: ignore[arg-type]
        except InvalidValue as error:
            raise ValueError(f"{error.params.get('field')} must be a percentage 0-100") from None
        return value

    @field_validator("peer_min_raters")
    @classmethod
    def _anonymous_enough(cls, value: int) -> int:
        if value < MIN_RATERS_FLOOR:
            raise ValueError(
                f"at least {MIN_RATERS_FLOOR}: with fewer raters one of them could subtract their "
                "own answers from the average and read another's (docs/peer.md)"
            )
        return value

    @field_validator("office_hours")
    @classmethod
    def _office_hours(cls, value: str) -> str:
        try:
            start, end = (time.fromisoformat(part) for part in value.split("-"))
        except ValueError:
            raise ValueError("must be HH:MM-HH:MM, e.g. 08:00-16:00") from None
        if not start < end:
            raise ValueError("the office must open before it closes (HH:MM-HH:MM)")
        return value

    @model_validator(mode="after")
    def _test_clock_in_tests_only(self) -> Settings:
        if self.test_clock is not None and not _local_url(self.telegram_api_url):
            raise ValueError(
                "KINERJA_TEST_CLOCK is for the test suite only (it sets the bot's clock, and "
                "needs the fake Telegram on 127.0.0.1); remove it from the environment and .env"
            )
        if self.test_clock is not None and self.test_clock.tzinfo is None:
            raise ValueError("KINERJA_TEST_CLOCK must carry its zone, e.g. 2027-01-04T01:00:00Z")
        return self

    def hours(self) -> tuple[time, time]:
        """The office hours, opening and closing (``KINERJA_OFFICE_HOURS``)."""
        start, end = self.office_hours.split("-")
        return time.fromisoformat(start), time.fromisoformat(end)

    def before_days(self) -> tuple[int, ...]:
        """Days before a deadline reminders come by default (``KINERJA_REMINDER_DAYS``)."""
        return tuple(
            sorted({int(d) for d in self.reminder_days.split(",") if int(d) > 0}, reverse=True)
        )

    @field_validator("telegram_api_url")
    @classmethod
    def _plain_http_url(cls, value: str) -> str:
        if not re.match(r"^https?://[^\s/]+(:\d+)?(/[^\s]*)?$", value):
            raise ValueError("must be an http(s) URL such as https://api.telegram.org")
        return value.rstrip("/")

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError("must be an IANA time zone, e.g. Asia/Jakarta") from None
        return value

    @field_validator("bot_token")
    @classmethod
    def _token_shape(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not _TOKEN.match(value.get_secret_value()):
            raise ValueError("does not look like a token from @BotFather (123456:ABC-...)")
        return value

    @field_validator("secret_key")
    @classmethod
    def _strong_secret(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None:
            return None
        secret = value.get_secret_value()
        if len(secret) < 32 or any(p in secret.lower() for p in _PLACEHOLDERS):
            raise ValueError(
                "must be a random string of at least 32 characters, not a placeholder "
                '(make one with: python3 -c "import secrets; print(secrets.token_urlsafe(32))")'
            )
        return value

    @model_validator(mode="after")
    def _webhook_complete(self) -> Settings:
        if self.mode != "webhook":
            return self
        if self.health_port == self.webhook_port:
            raise ValueError(
                "KINERJA_HEALTH_PORT: the webhook port serves /healthz already; leave it empty "
                "or choose another port"
            )
        if not self.webhook_url or not _webhook_url_ok(self.webhook_url):
            raise ValueError(
                "KINERJA_WEBHOOK_URL: webhook mode needs the public https:// URL "
                "(plain http:// only for 127.0.0.1/localhost, e.g. a local Bot API server)"
            )
        secret = self.webhook_secret.get_secret_value() if self.webhook_secret else ""
        if not _WEBHOOK_SECRET.match(secret):
            raise ValueError(
                "KINERJA_WEBHOOK_SECRET: webhook mode needs a secret of 1-256 characters "
                "A-Z a-z 0-9 _ -"
            )
        return self

    def pola_distribusi(self) -> DistributionRules:
        """The pola distribusi percentages: the defaults of reference §2.6, overridden by
        ``KINERJA_DISTRIBUTION_RULES`` (JSON, e.g. ``{"baik_baik_max": 75}``)."""
        return replace(DEFAULT_DISTRIBUTION_RULES, **self.distribution_rules)  # type: ignore[arg-type]

    def weak_threshold(self) -> Fraction:
        """``KINERJA_PEER_WEAK_THRESHOLD`` exactly, for the domain's rule."""
        return Fraction(self.peer_weak_threshold)

    def secret_or_unset(self) -> str:
        """The secret key, or (for a command that keys nothing) a stand-in that refuses to be
        used: hashing with it raises the same :class:`SettingsError` as a missing key."""
        return self.secret_key.get_secret_value() if self.secret_key else SecretNotSet()

    def require_secret_key(self) -> str:
        if self.secret_key is None:
            raise SettingsError(
                "KINERJA_SECRET_KEY is not set. It keys the hashes of registration codes and of "
                "citizens' ids; set it once and keep it. Make one with:\n"
                '  python3 -c "import secrets; print(secrets.token_urlsafe(32))"\n'
                "and put KINERJA_SECRET_KEY=<that value> in .env"
            )
        return self.secret_key.get_secret_value()


def _local_url(url: str) -> bool:
    host = url.split("://", 1)[-1].split("/", 1)[0].rsplit(":", 1)[0]
    return host in ("127.0.0.1", "localhost", "[::1]")


def _webhook_url_ok(url: str) -> bool:
    if url.startswith("https://"):
        return True
    host = url.removeprefix("http://").split("/", 1)[0].rsplit(":", 1)[0]
    return url.startswith("http://") and host in ("127.0.0.1", "localhost", "[::1]")


class SecretNotSet(str):
    """No usable ``KINERJA_SECRET_KEY``: every hash keyed with it (``.encode()``) is refused with
    the reason, so a command that needs the key can never run on a made-up one."""

    def encode(self, encoding: str = "utf-8", errors: str = "strict") -> bytes:
        raise SettingsError(
            "KINERJA_SECRET_KEY is not set (or is a placeholder); this command needs it. "
            'Make one with: python3 -c "import secrets; print(secrets.token_urlsafe(32))"'
        )


class InvalidSettings(SettingsError):
    """:class:`SettingsError` that knows which settings (field names) were refused."""

    def __init__(self, problems: dict[str, str]) -> None:
        self.problems = problems
        lines = [f"  {PREFIX}{name.upper()}: {message}" for name, message in problems.items()]
        super().__init__("Invalid settings:\n" + "\n".join(lines))


# What only the running bot needs: a command-line command other than ``kinerja run`` does not
# check these (a half-done webhook configuration does not stop ``kinerja report``).
BOT_PROCESS_ONLY: Final = frozenset(
    {
        "mode",
        "webhook_url",
        "webhook_secret",
        "webhook_listen",
        "webhook_port",
        "health_port",
        "health_listen",
        "outbox_rate",
        "concurrent_updates",
    }
)
TELEGRAM_ONLY: Final = frozenset({"bot_token"})  # deep links ask Telegram the bot's @username


def load_settings(**overrides: object) -> Settings:
    """Read the settings; raise :class:`InvalidSettings` naming every invalid variable."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        problems: dict[str, str] = {}
        for error in exc.errors():
            # A whole-model check is about the webhook configuration or the test clock.
            message = error["msg"].removeprefix("Value error, ")
            field = str(error["loc"][0]) if error["loc"] else _model_field(message)
            problems[field] = message.removeprefix(f"{PREFIX}{field.upper()}: ")
        raise InvalidSettings(problems) from None


def load_settings_ignoring(unneeded: frozenset[str]) -> Settings:
    """The settings, with those in ``unneeded`` left at their defaults when they are invalid:
    only what a command needs stops it."""
    try:
        return load_settings()
    except InvalidSettings as error:
        if not set(error.problems) <= unneeded:
            needed = {k: v for k, v in error.problems.items() if k not in unneeded}
            raise InvalidSettings(needed) from None
        defaults = {name: Settings.model_fields[name].get_default() for name in error.problems}
        if set(error.problems) & BOT_PROCESS_ONLY:
            defaults["mode"] = "polling"  # the webhook settings are checked by `run` alone
        return load_settings(**defaults)


def _model_field(message: str) -> str:
    match = re.search(rf"{PREFIX}([A-Z_]+)", message)
    return match.group(1).lower() if match else "mode"


HOW_TO_GET_A_BOT = """\
No Telegram bot token is configured, so the bot cannot start.

Open Telegram, talk to @BotFather, send /newbot and follow its questions; it answers with a
token like 123456789:AAH...; put it in the file .env in this folder as
    KINERJA_BOT_TOKEN=123456789:AAH...
(or export KINERJA_BOT_TOKEN in your shell) and run the bot again. .env.example lists every
other setting."""
